"""Objections to an auction (执行异议) and complaints over HTTP (issue 18): the objector's
desk under ``/objections`` (a signed-in account), the court's under
``/court/objections`` and ``/court/complaints``, the public complaint form under
``/complaints``. Each use case checks the role and the court itself."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from fapai.app.remedies import complaints, docket, documents, filing, views
from fapai.app.remedies.filing import Paper
from fapai.domain.remedies.attachments import ACCEPTED_TYPES
from fapai.web.api.cases import Body, Text500
from fapai.web.auth import BidderDep, CourtDep, ServicesDep
from fapai.web.params import Day
from fapai.web.throttle import address, throttle

router = APIRouter(tags=["objections"])
court = APIRouter(prefix="/court", tags=["back office"])

RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Text2000 = Annotated[str, Field(min_length=1, max_length=2000)]
Text5000 = Annotated[str, Field(min_length=1, max_length=5000)]
_PRIVATE = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
_ENDINGS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


class NewObjection(Body):
    lot_id: Annotated[int, Field(ge=1, le=2**31 - 1)]
    kind: Literal["execution_act", "third_party"] = Field(
        description="执行行为异议 (CPL Art 236) or 案外人异议 (CPL Art 238)"
    )
    standing: Literal["party", "excluded_bidder", "preemptive_holder", "property_claimant"] = Field(
        description="the filer's standing, confirmed by the court at docketing"
    )
    filer: Annotated[str, Field(min_length=1, max_length=100, description="异议人")]
    grounds: Text5000


@router.post("/objections", status_code=201, summary="File an objection (a signed-in account)")
def file_objection(
    body: NewObjection, request: Request, who: BidderDep, services: ServicesDep
) -> dict[str, int]:
    """The papers follow, one request each (``POST /objections/{id}/papers``)."""
    throttle(request).registration(address(request), who.account_id)  # an account's writing
    number = filing.file_objection(
        services, who.account_id, body.lot_id, body.kind, body.standing, body.filer,
        body.grounds, [],
    )  # fmt: skip
    return {"id": number}


@router.get("/objections", summary="My objections, their clocks and rulings")
def my_objections(who: BidderDep, services: ServicesDep) -> dict[str, Any]:
    return {"objections": views.mine(services, who.account_id)}


@router.post(
    "/objections/{objection_id}/papers", status_code=201, summary="Add a paper (PDF, JPEG, PNG)",
    openapi_extra={
        "requestBody": {
            "content": {t: {"schema": {"type": "string", "format": "binary"}}
                        for t in ACCEPTED_TYPES}
        }
    },
)  # fmt: skip
async def add_paper(
    objection_id: RecordId,
    request: Request,
    who: BidderDep,
    services: ServicesDep,
    title: Annotated[str, Query(min_length=1, max_length=100, description="the caption")],
) -> None:
    """The file is the request body, its type the Content-Type; asked for by the court,
    it completes the papers (OBJ Art 2)."""
    throttle(request).registration(address(request), who.account_id)
    paper = Paper(title, request.headers.get("content-type", ""), await request.body())
    await run_in_threadpool(filing.supplement, services, who.account_id, objection_id, [paper])


class Grounds(Body):
    grounds: Text5000


@router.post(
    "/objections/{objection_id}/reconsideration", status_code=201,
    summary="Apply to the next-higher court for reconsideration (CPL Art 236)",
)  # fmt: skip
def reconsider(
    objection_id: RecordId, body: Grounds, who: BidderDep, services: ServicesDep
) -> dict[str, int]:
    higher = docket.reconsider(services, who.account_id, objection_id, body.grounds)
    return {"reviewing_court_id": higher}


def _document(content: bytes, name: str, fmt: str, kind: str, number: int) -> Response:
    if fmt == "html":
        return HTMLResponse(content.decode())
    # RFC 6266: the Chinese name for browsers that read filename*, an ASCII one otherwise
    disposition = (
        f'attachment; filename="objection-{number}-{kind}.pdf"; '
        f"filename*=UTF-8''{quote(name, safe='')}"
    )
    return Response(
        content, media_type="application/pdf", headers={"Content-Disposition": disposition}
    )


@router.get("/objections/{objection_id}/documents/{kind}", summary="A document served on me")
def my_document(
    objection_id: RecordId, kind: documents.Kind, who: BidderDep, services: ServicesDep,
    format: Literal["pdf", "html"] = "pdf", lang: Literal["zh", "en"] = "zh",
) -> Response:  # fmt: skip
    content, name = documents.for_filer(services, who.account_id, objection_id, kind, format, lang)
    return _document(content, name, format, kind, objection_id)


class NewComplaint(Body):
    court: Annotated[str, Field(min_length=1, max_length=32, description="the court's code")]
    auction_id: Annotated[int | None, Field(ge=1, le=2**31 - 1)] = None
    subject: Annotated[str, Field(min_length=1, max_length=100)]
    body: Text5000
    contact: Annotated[str | None, Field(max_length=200)] = None


@router.post("/complaints", status_code=201, summary="Complain about the service (anyone)")
def file_complaint(body: NewComplaint, request: Request, services: ServicesDep) -> dict[str, int]:
    throttle(request).accounts.take(address(request))  # the public's writing budget
    number = complaints.file_complaint(
        services, body.court, body.auction_id, body.subject, body.body, body.contact or None
    )
    return {"id": number}


@court.get("/objections", summary="This court's objections (and those sent up to it)")
def court_objections(user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return {"objections": views.for_court(services, user)}


@court.get("/objections/{objection_id}", summary="One objection, its clocks and papers")
def court_objection(
    objection_id: RecordId, user: CourtDep, services: ServicesDep
) -> dict[str, Any]:
    return views.one_for_court(services, user, objection_id)


@court.get("/objections/{objection_id}/papers/{paper_id}", summary="A filed paper")
def court_paper(
    objection_id: RecordId, paper_id: RecordId, user: CourtDep, services: ServicesDep
) -> Response:
    kind, data = views.paper_for_court(services, user, objection_id, paper_id)
    # never shown inline under the court's origin, never saved under the filer's caption
    name = f"objection-{objection_id}-paper-{paper_id}.{_ENDINGS.get(kind, 'bin')}"
    return Response(data, media_type=kind, headers={
        **_PRIVATE, "Content-Disposition": f'attachment; filename="{name}"',
        "Content-Security-Policy": "sandbox",
    })  # fmt: skip


@court.get(
    "/objections/{objection_id}/documents/{kind}",
    summary="The notice of docketing (to the objector or a party) or the ruling",
)
def court_document(
    objection_id: RecordId, kind: documents.Kind, user: CourtDep, services: ServicesDep,
    format: Literal["pdf", "html"] = "pdf", lang: Literal["zh", "en"] = "zh",
    to: Literal["objector", "applicant", "debtor"] = "objector",
    purpose: Annotated[
        str | None, Query(max_length=32, description="why the names are read (read log)")
    ] = None,
    purpose_note: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:  # fmt: skip
    content, name = documents.for_court(
        services, user, objection_id, kind, format, lang, to, purpose, purpose_note
    )
    return _document(content, name, format, kind, objection_id)


class Missing(Body):
    missing: Text500


@court.post(
    "/objections/{objection_id}/papers-request", status_code=204,
    summary="Ask the filer to complete the papers (3 days)",
)  # fmt: skip
def request_papers(
    objection_id: RecordId, body: Missing, user: CourtDep, services: ServicesDep
) -> None:
    docket.request_papers(services, user, objection_id, body.missing)


@court.post("/objections/{objection_id}/docket", status_code=204, summary="Docket (立案)")
def docket_objection(objection_id: RecordId, user: CourtDep, services: ServicesDep) -> None:
    docket.docket(services, user, objection_id)


class Recipients(Body):
    recipients: Annotated[str, Field(min_length=1, max_length=300)]
    method: Literal["written", "published"] = Field(
        "written", description="served as the auction's notices are"
    )


@court.post(
    "/objections/{objection_id}/notice", status_code=204,
    summary="The notice of docketing went to the objector and the parties",
)  # fmt: skip
def notice(objection_id: RecordId, body: Recipients, user: CourtDep, services: ServicesDep) -> None:
    docket.notify(services, user, objection_id, body.recipients, body.method)


class Ruling(Body):
    outcome: Literal["upheld", "dismissed", "not_accepted"]
    revoke_ground: Annotated[str | None, Field(max_length=40)] = Field(
        None, description="OBJ Art 21's ground, for an upheld execution-act objection"
    )
    reason: Text2000


@court.post("/objections/{objection_id}/ruling", summary="Rule on the objection")
def ruling(
    objection_id: RecordId, body: Ruling, user: CourtDep, services: ServicesDep
) -> dict[str, str]:
    effect = docket.rule(
        services, user, objection_id, body.outcome, body.revoke_ground, body.reason
    )
    return {"effect": effect}


@court.post(
    "/objections/{objection_id}/revocation", status_code=204,
    summary="File the after-sale revocation from the final ruling (the director approves)",
)  # fmt: skip
def revocation(objection_id: RecordId, user: CourtDep, services: ServicesDep) -> None:
    docket.file_revocation(services, user, objection_id)


class ObjectionPause(Body):
    kind: Literal["postponed", "suspended"]
    reason: Annotated[str, Field(min_length=1, max_length=400)]


@court.post(
    "/objections/{objection_id}/pause", status_code=201,
    summary="Ask to pause the auction for a third-party objection (director approves)",
)  # fmt: skip
def pause(
    objection_id: RecordId, body: ObjectionPause, user: CourtDep, services: ServicesDep
) -> None:
    docket.request_pause(services, user, objection_id, body.kind, body.reason)


class Note(Body):
    note: Text500


@court.post("/objections/{objection_id}/closing", status_code=204, summary="Close the file")
def close(objection_id: RecordId, body: Note, user: CourtDep, services: ServicesDep) -> None:
    docket.close(services, user, objection_id, body.note)


@court.get("/complaints", summary="This court's complaints (office, supervisor)")
def court_complaints(user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return {"complaints": complaints.listed(services, user)}


class RespondBy(Body):
    respond_by: Day


@court.post("/complaints/{complaint_id}/deadline", status_code=204, summary="Set the answer's day")
def deadline(
    complaint_id: RecordId, body: RespondBy, user: CourtDep, services: ServicesDep
) -> None:
    complaints.set_deadline(services, user, complaint_id, body.respond_by)


class Answer(Body):
    response: Text5000


@court.post("/complaints/{complaint_id}/answer", status_code=204, summary="Answer it")
def answer(complaint_id: RecordId, body: Answer, user: CourtDep, services: ServicesDep) -> None:
    complaints.answer(services, user, complaint_id, body.response)
