"""The web pages (Jinja2, a little plain JavaScript) over the same use cases as the API."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.staticfiles import StaticFiles

from fapai.web.pages import court, institution, objections, public
from fapai.web.pages.rendering import STATIC

router = APIRouter(include_in_schema=False)
router.include_router(public.router)
router.include_router(court.router)
router.include_router(objections.router)
router.include_router(institution.router)


def static_files() -> StaticFiles:
    return StaticFiles(directory=STATIC)
