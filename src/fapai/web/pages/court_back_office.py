"""The court's back office pages: the cases, one case with its lots, and the deadline
board.

Like the rest of the desk they are shells: the case data is read from the court API
with the token the browser keeps, so the page itself holds nothing its visitor may
not see. What the shell does carry is public or the server's own: the acts and who
does them, the grounds, the platforms, and today's date by the server's clock (the
date the acts default to; the use cases refuse a day after it).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from fapai.app.cases import views
from fapai.app.cases.auction_terms import DRAW_REASONS, NOTICE_METHODS, NOTICE_ROLES
from fapai.app.cases.disposal import REFERENCE_METHODS
from fapai.app.cases.sale_revocation import AFTER_SALE_GROUNDS
from fapai.app.lots import materials
from fapai.app.lots.intake import DESCRIPTION_FIELDS, DISCLOSURE_FIELDS
from fapai.app.services import Services
from fapai.domain.calendar import beijing_date
from fapai.domain.workflow.grounds import PAUSE_GROUNDS, REVOKE_GROUNDS
from fapai.web import i18n
from fapai.web.auth import ServicesDep
from fapai.web.pages import court_acts
from fapai.web.pages.court_text import court_text
from fapai.web.pages.rendering import error_page, language, render
from fapai.web.params import MAX_ID

router = APIRouter(include_in_schema=False)


def _page(request: Request, services: Services, template: str, **context: Any) -> HTMLResponse:
    lang = language(request)
    data = {"today": beijing_date(services.clock()).isoformat(), **context.pop("data", {})}
    return render(request, template, court_text=court_text(lang), page_data=data, **context)


# a lot's photos, video and report as the desk takes them, the photos and video counted
# (OJA Art 13(5), seed 003 Art 3(1))
MATERIALS = {
    "kinds": {content_type: kind for content_type, (kind, _) in materials.TYPES.items()},
    "max_bytes": materials.MAX_BYTES,
}


def _listed(platform: dict[str, Any], today: str) -> bool:
    """On the SPC's list today: the only platforms the applicant may choose (OJA Art 5);
    the names of the others still name the rounds held on them."""
    until = platform["listed_to"]
    return bool(platform["listed_from"] <= today and (until is None or today <= until))


@router.get("/court/cases", response_class=HTMLResponse)
def case_list(request: Request, services: ServicesDep) -> HTMLResponse:
    acts = court_acts.for_page(i18n.gettext(language(request)))
    return _page(request, services, "court/cases.html", data={"acts": acts})


@router.get("/court/cases/{case_id}", response_class=HTMLResponse)
async def case_page(case_id: str, request: Request, services: ServicesDep) -> HTMLResponse:
    if not (case_id.isdigit() and len(case_id) < 11 and 1 <= int(case_id) <= MAX_ID):
        return error_page(request, 404, "案件不存在。", "No such case.")
    lang = language(request)
    english = 1 if lang == "en" else 0
    today = beijing_date(services.clock()).isoformat()
    every = await run_in_threadpool(views.platform_list, services)
    listed = [p for p in every if _listed(p, today)]
    return _page(
        request, services, "court/case.html",
        data={
            "case_id": int(case_id), "acts": court_acts.for_page(i18n.gettext(lang)),
            "platforms": {p["code"]: p["name"] for p in every}, "materials": MATERIALS,
        },
        platforms=listed, disclosure_fields=DISCLOSURE_FIELDS,
        description_fields=DESCRIPTION_FIELDS,
        reference_methods=REFERENCE_METHODS, notice_roles=NOTICE_ROLES,
        notice_methods=NOTICE_METHODS, draw_reasons=DRAW_REASONS,
        pause_grounds={code: pair[english] for code, pair in PAUSE_GROUNDS.items()},
        revoke_grounds={code: pair[english] for code, pair in REVOKE_GROUNDS.items()},
        sale_revoke_grounds={
            code: REVOKE_GROUNDS[code][english] for code in AFTER_SALE_GROUNDS
        },
        material_types=list(materials.TYPES), material_limit_mib=materials.MAX_BYTES >> 20,
        usual_photos=materials.USUAL_PHOTOS, usual_video_seconds=materials.USUAL_VIDEO_SECONDS,
    )  # fmt: skip


@router.get("/court/deadlines", response_class=HTMLResponse)
def deadline_board(request: Request, services: ServicesDep) -> HTMLResponse:
    return _page(request, services, "court/deadlines.html")
