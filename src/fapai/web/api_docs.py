"""The API's interactive documentation at ``/docs``, served from this server's own files.

FastAPI's own page loads Swagger UI from a CDN and starts it with an inline script; a
court's closed network cannot reach the CDN, and the pages' Content-Security-Policy
(``script-src 'self'``) refuses both. Here the Swagger UI files come from the
fastapi-offline package (Swagger UI 5, which reads the OpenAPI 3.1 that FastAPI
writes), and ``static/api_docs.js`` starts it.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from fapai.web.pages.rendering import render

ASSETS = "/docs/swagger-ui"
router = APIRouter(include_in_schema=False)


def assets() -> StaticFiles:
    return StaticFiles(directory=Path(fastapi_offline.__file__).parent / "static")


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    return render(request, "api_docs.html", assets=ASSETS)
