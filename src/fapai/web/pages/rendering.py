"""Rendering a page: the Jinja2 environment, the language of the request, the headers.

Every page is complete HTML from the server; the scripts only add what is live
(the price, the countdown) or personal (the bidder's registration). Nothing is
loaded from anywhere but this server, and the Content-Security-Policy says so
to the browser.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context

from fapai.domain.bidding.messages import REASON_MESSAGES
from fapai.web import i18n
from fapai.web.pages import formatting, labels, outcome
from fapai.web.pages.client_text import CLIENT_TEXT

WEB = Path(__file__).resolve().parent.parent
TEMPLATES = WEB / "templates"
STATIC = WEB / "static"
ONE_YEAR = 365 * 24 * 3600
# blob: for pictures and video the page itself fetched with the court's token (a draft's
# materials are not public, and an <img> cannot send the token)
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "media-src 'self' blob:; connect-src 'self'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _versions() -> dict[str, str]:
    """A content hash per static file, so a changed script is never served from cache."""
    return {
        path.relative_to(STATIC).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        for path in STATIC.rglob("*")
        if path.is_file()
    }


_VERSIONS = _versions()


def static_url(name: str) -> str:
    return f"/static/{name}?v={_VERSIONS.get(name, '0')}"


@pass_context
def _wan(context: Context, text: str | None) -> str:
    """万元 for Chinese readers; the exact amount in English (万 is not an English unit)."""
    return formatting.wan(text) if context["lang"] == "zh" else formatting.money(text)


@pass_context
def _status(context: Context, code: str | None) -> str:
    return str(context["_"](labels.status_label(code)))


@pass_context
def _round(context: Context, snapshot: dict[str, Any]) -> str:
    return str(context["_"](labels.round_label(snapshot)))


@pass_context
def _price_label(context: Context, snapshot: dict[str, Any]) -> str:
    return str(context["_"](labels.price_label(snapshot)))


@pass_context
def _leader_label(context: Context, snapshot: dict[str, Any]) -> str:
    return str(context["_"](labels.leader_label(snapshot)))


@pass_context
def _ending(context: Context, snapshot: dict[str, Any]) -> str | None:
    return outcome.ending(snapshot, context["lang"], context["_"])


ENVIRONMENT = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(("html",)),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENVIRONMENT.filters.update(
    money=formatting.money,
    map_url=formatting.map_url,
    wan=_wan,
    beijing=formatting.beijing,
    status=_status,
    round=_round,
    price_label=_price_label,
    leader_label=_leader_label,
    ending=_ending,
)
ENVIRONMENT.globals.update(static_url=static_url, labels=labels, revoked_at=outcome.revoked_at)


def language(request: Request) -> str:
    return i18n.choose(request.query_params.get("lang"), request.cookies.get(i18n.COOKIE))


def client_text(lang: str) -> dict[str, str]:
    """The scripts' texts in ``lang``, with the engine's refusal reasons as the API words
    them (domain/bidding/messages.py)."""
    gettext = i18n.gettext(lang)
    texts = {key: gettext(text) for key, text in CLIENT_TEXT.items()}
    for reason, (zh, en) in REASON_MESSAGES.items():
        texts[f"reason.{reason.value}"] = en if lang == "en" else zh
    return texts


def _with_lang(request: Request, lang: str) -> str:
    """This page's own address (path and query, no host) in another language."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return f"{request.url.path}?{urlencode([*params, ('lang', lang)])}"


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = language(request)
    gettext = i18n.gettext(lang)
    html = ENVIRONMENT.get_template(template).render(
        _=gettext,
        lang=lang,
        html_lang=i18n.HTML_LANG[lang],
        request=request,
        client_text=client_text(lang),
        switch_to={other: _with_lang(request, other) for other in i18n.LANGUAGES},
        **context,
    )
    response = HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)
    if i18n.normalize(request.query_params.get("lang")):
        response.set_cookie(i18n.COOKIE, lang, max_age=ONE_YEAR, samesite="lax")
    return response


def error_page(
    request: Request, status_code: int, message_zh: str, message_en: str
) -> HTMLResponse:
    message = message_en if language(request) == "en" else message_zh
    return render(request, "error.html", status_code, message=message)
