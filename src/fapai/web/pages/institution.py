"""The auxiliary institution's desk (issue 17 item 4): its staff sign in, see the lots
entrusted to their institution with their tasks and the viewings asked for, and work a
task (log each step, submit). Like the court's pages these are shells: the token stays
in the browser and every datum comes from ``/api/v1/institutions/desk`` with it, so a
page holds nothing its visitor may not see."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from fapai.domain.institutions.tasks import LOG_KINDS
from fapai.web import i18n
from fapai.web.i18n import N_
from fapai.web.pages.rendering import language, render
from fapai.web.params import MAX_ID

router = APIRouter(include_in_schema=False)

DESK_TEXT: dict[str, str] = {
    "state.assigned": N_("办理中"),
    "state.submitted": N_("已提交，待验收"),
    "state.accepted": N_("已验收"),
    "state.returned": N_("已退回"),
    "due": N_("期限 {day}"),
    "not_institution": N_("此账户不是网拍辅助机构工作人员账户。"),
    "logged": N_("已记录。"),
    "submitted": N_("已提交法院验收。"),
    "scheduled": N_("已安排，系统将以短信通知预约人。"),
    "returned_because": N_("法院退回：{reason}"),
    "no_log": N_("尚无工作记录。"),
    "no_viewings": N_("暂无看样预约。"),
    "no_lots": N_("本机构目前没有受托的标的物。"),
    "not_scheduled": N_("未安排"),
}


def desk_text(lang: str) -> dict[str, str]:
    gettext = i18n.gettext(lang)
    texts = {key: gettext(text) for key, text in DESK_TEXT.items()}
    for kind, (zh, en) in LOG_KINDS.items():
        texts[f"log.{kind}"] = en if lang == "en" else zh
    return texts


@router.get("/institution", response_class=HTMLResponse)
def desk(request: Request) -> HTMLResponse:
    return render(
        request, "institution/desk.html", desk_text=desk_text(language(request)), task_id=0
    )


@router.get("/institution/tasks/{task_id}", response_class=HTMLResponse)
def task(request: Request, task_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> HTMLResponse:
    return render(
        request, "institution/task.html", desk_text=desk_text(language(request)),
        log_kinds=list(LOG_KINDS), task_id=task_id,
    )  # fmt: skip
