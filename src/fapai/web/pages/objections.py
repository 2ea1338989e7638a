"""The remedies' pages (issue 18): the objector's desk (``/objections``: file an
objection with its papers, follow its clocks, read the rulings) with the public
complaint form, and the court's objections list (``/court/objections``), where the
bureau dockets, notifies and rules. Shells like the rest of the desk: the data comes
from the API with the token the browser keeps."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from fapai.domain.remedies.attachments import ACCEPTED_TYPES, MAX_BYTES, MAX_FILES
from fapai.domain.remedies.clocks import CLOCK_LABELS
from fapai.domain.remedies.rulings import OBJECTION_REVOKE_GROUNDS
from fapai.domain.workflow.grounds import REVOKE_GROUNDS
from fapai.web import i18n
from fapai.web.auth import ServicesDep
from fapai.web.i18n import N_
from fapai.web.pages.court_back_office import _page
from fapai.web.pages.rendering import language, render

router = APIRouter(include_in_schema=False)

NAMES = {
    "kind": {"execution_act": N_("执行行为异议"), "third_party": N_("案外人异议")},
    "standing": {
        "party": N_("当事人"),
        "excluded_bidder": N_("被违法限制竞买的竞买人"),
        "preemptive_holder": N_("优先购买权人"),
        "property_claimant": N_("主张权利的案外人"),
    },
    "status": {
        "filed": N_("已提交"),
        "awaiting_papers": N_("待补正材料"),
        "docketed": N_("已立案"),
        "ruled": N_("已裁定"),
        "reconsideration": N_("复议中"),
        "closed": N_("已结案"),
    },
    "outcome": {
        "upheld": N_("异议成立"),
        "dismissed": N_("驳回异议"),
        "not_accepted": N_("不予受理"),
    },
    "state": {
        "open": N_("进行中"),
        "overdue": N_("逾期"),
        "done": N_("按期完成"),
        "late": N_("逾期完成"),
    },
}


def _names(lang: str) -> dict[str, dict[str, str]]:
    _ = i18n.gettext(lang)
    english = 1 if lang == "en" else 0
    named = {
        group: {code: _(text) for code, text in pairs.items()} for group, pairs in NAMES.items()
    }
    named["clock"] = {clock.value: pair[english] for clock, pair in CLOCK_LABELS.items()}
    named["ground"] = {
        code: REVOKE_GROUNDS[code][english] for code in sorted(OBJECTION_REVOKE_GROUNDS)
    }
    return named


@router.get("/objections", response_class=HTMLResponse)
def objector_desk(request: Request) -> HTMLResponse:
    lang = language(request)
    data = {
        "names": _names(lang), "types": list(ACCEPTED_TYPES), "max_bytes": MAX_BYTES,
        "max_files": MAX_FILES,
    }  # fmt: skip
    return render(
        request, "objections.html", page_data=data, max_mib=MAX_BYTES >> 20, max_files=MAX_FILES
    )


@router.get("/court/objections", response_class=HTMLResponse)
def court_objections(request: Request, services: ServicesDep) -> HTMLResponse:
    return _page(
        request, services, "court/objections.html", data={"names": _names(language(request))}
    )
