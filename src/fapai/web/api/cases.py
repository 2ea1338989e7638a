"""The court's back office over HTTP: cases, lots, pricing, terms, platform, notices,
announcement, pauses, revocation, the acts after the sale, the deadline board and the
documents. Each use case checks the user's role and court itself."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from fapai.app.auctions import admission
from fapai.app.cases import (
    after_sale,
    auction_terms,
    case_documents,
    deadline_board,
    disposal,
    pauses,
    sale_approval,
    sale_revocation,
    views,
)
from fapai.app.lots import materials
from fapai.app.presenting import yuan
from fapai.web.api.court import Disclosure, Panel
from fapai.web.auth import CourtDep, ServicesDep
from fapai.web.params import AuctionId, CaseId, Day, LotId, Moment, fen
from fapai.web.responses import attachment

router = APIRouter(prefix="/court", tags=["back office"])
MEDIA = tuple(materials.TYPES)
MaterialId = Annotated[int, Path(ge=1, le=2**31 - 1)]
public = APIRouter(tags=["public"])

Text200 = Annotated[str, Field(min_length=1, max_length=200)]
Text500 = Annotated[str, Field(min_length=1, max_length=500)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NewCase(Body):
    number: Annotated[str, Field(min_length=1, max_length=80, description="案号")]
    basis: Annotated[str, Field(min_length=1, max_length=300, description="执行依据")]
    applicant: Text200
    debtor: Text200


@router.post("/cases", status_code=201, summary="Open an enforcement case (bureau)")
def open_case(body: NewCase, user: CourtDep, services: ServicesDep) -> dict[str, int]:
    return {
        "id": disposal.open_case(
            services, user, body.number, body.basis, body.applicant, body.debtor
        )
    }


@router.get("/cases", summary="This court's cases and their lots")
def list_cases(user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return views.cases(services, user)


@router.get("/cases/{case_id}", summary="A case: its lots, rounds and steps")
def get_case(case_id: CaseId, user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return views.case(services, user, case_id)


class NewLot(Body):
    title: Annotated[str, Field(min_length=1, max_length=300)]
    property_type: Literal["real_estate", "movable", "other_right"]
    location: Annotated[str, Field(min_length=1, max_length=300)]
    disclosure: Disclosure = Field(default_factory=lambda: Disclosure())
    house: bool = Field(False, description="住房: the buyer's eligibility is checked (HSE Art 3)")
    purchase_restricted: bool = Field(
        False, description="限购 house: bidders commit to their eligibility (HSE Art 2)"
    )
    deposit_loans: Literal["any", "banks", "forbidden"] = Field(
        "any", description="whether the deposit may be borrowed, and from whom (seed 001)"
    )
    consumption_restricted: bool = Field(
        False, description="closed to debtors under a consumption restriction (LIM Art 3)"
    )


@router.post("/cases/{case_id}/lots", status_code=201, summary="Seized property of the case")
def add_lot(case_id: CaseId, body: NewLot, user: CourtDep, services: ServicesDep) -> dict[str, int]:
    lot_id = disposal.add_lot(
        services, user, case_id, body.title, body.property_type, body.location,
        body.disclosure.model_dump(), body.house, body.purchase_restricted,
        body.consumption_restricted, body.deposit_loans,
    )  # fmt: skip
    return {"id": lot_id}


class Ruling(Body):
    ruling_number: Annotated[str, Field(min_length=1, max_length=80)]
    signed_on: Day


@router.post("/lots/{lot_id}/ruling", status_code=204, summary="Ruling to auction (bureau)")
def rule(lot_id: LotId, body: Ruling, user: CourtDep, services: ServicesDep) -> None:
    disposal.rule_to_auction(services, user, lot_id, body.ruling_number, body.signed_on)


class Reference(Body):
    method: Literal["agreed", "targeted", "online", "appraisal", "direct"]
    amount: str
    fixed_on: Day
    record: Annotated[str | None, Field(max_length=500)] = None
    pieces: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    valid_until: Day | None = Field(
        None, description="the last day of a shorter validity the report states (REF Art 27)"
    )


@router.post("/lots/{lot_id}/reference-price", summary="The reference price (office)")
def reference(
    lot_id: LotId, body: Reference, user: CourtDep, services: ServicesDep
) -> dict[str, str]:
    valid_until = disposal.set_reference_price(
        services, user, lot_id, body.method, fen(body.amount, "amount"), body.fixed_on,
        body.record, body.pieces, body.valid_until,
    )  # fmt: skip
    return {"valid_until": valid_until.isoformat()}


class NewTerms(Body):
    start_price: str
    increment: str
    deposit: str
    starts_at: Moment
    ends_at: Moment
    balance_days: Annotated[int, Field(ge=1, le=90)] = 10
    allow_self_raise: bool = False
    panel: Panel


@router.post("/lots/{lot_id}/terms", status_code=201, summary="The next round's terms (office)")
def terms(lot_id: LotId, body: NewTerms, user: CourtDep, services: ServicesDep) -> dict[str, int]:
    auction_id = auction_terms.set_terms(
        services, user, lot_id,
        auction_terms.Terms(
            fen(body.start_price, "start_price"), fen(body.increment, "increment"),
            fen(body.deposit, "deposit"), body.starts_at, body.ends_at, body.balance_days,
            body.allow_self_raise,
        ),
        body.panel.decision(),
    )  # fmt: skip
    return {"auction_id": auction_id}


class Platform(Body):
    platform: Annotated[str, Field(min_length=1, max_length=32)]


@router.post("/lots/{lot_id}/platform", status_code=204, summary="The applicant's platform")
def platform(lot_id: LotId, body: Platform, user: CourtDep, services: ServicesDep) -> None:
    auction_terms.choose_platform(services, user, lot_id, body.platform)


class DrawReason(Body):
    reason: Literal["none_chosen", "applicants_disagree"]
    witness: Annotated[
        str | None,
        Field(max_length=100, description="a higher court drawing: the inspection office's "
              "witness (Shanghai item 12)"),
    ] = None  # fmt: skip


class DrawRun(Body):
    witness: Annotated[str | None, Field(max_length=100)] = None


@router.post(
    "/lots/{lot_id}/platform-draw", status_code=201, summary="Fix and publish the draw's seed"
)
def schedule_draw(
    lot_id: LotId, body: DrawReason, user: CourtDep, services: ServicesDep
) -> dict[str, object]:
    return auction_terms.schedule_platform_draw(services, user, lot_id, body.reason, body.witness)


@router.post("/lots/{lot_id}/platform-draw/run", summary="Draw the platform")
def run_draw(
    lot_id: LotId, user: CourtDep, services: ServicesDep, body: DrawRun | None = None
) -> dict[str, str]:
    witness = None if body is None else body.witness
    return {"platform": auction_terms.run_platform_draw(services, user, lot_id, witness)}


class Notice(Body):
    role: Literal["applicant", "debtor", "holder"]
    recipient: Text200
    method: Literal["written", "published", "waived"]
    on_date: Day


@router.post("/lots/{lot_id}/notices", status_code=201, summary="A notice to a party or holder")
def notice(lot_id: LotId, body: Notice, user: CourtDep, services: ServicesDep) -> dict[str, str]:
    served = auction_terms.record_notice(
        services, user, lot_id, body.role, body.recipient, body.method, body.on_date
    )
    return {"served_on": served.isoformat()}


class Warnings(Body):
    special_warnings: Annotated[str, Field(max_length=2000)] = ""


@router.post(
    "/lots/{lot_id}/disclosure-confirmation", status_code=204,
    summary="The bureau confirms encumbrances, holders and special warnings",
)  # fmt: skip
def confirm(lot_id: LotId, body: Warnings, user: CourtDep, services: ServicesDep) -> None:
    auction_terms.confirm_disclosure(services, user, lot_id, body.special_warnings)


class ListedPerson(Body):
    id_number: Annotated[str, Field(min_length=1, max_length=32)]
    category: Literal[
        "court_staff", "close_relative", "platform_staff", "auxiliary_staff", "appraiser",
        "restricted_consumption",
    ]  # fmt: skip


@router.post("/excluded-persons", summary="Enter a person on the court's list (office)")
def exclude(body: ListedPerson, user: CourtDep, services: ServicesDep) -> dict[str, bool]:
    """OJA Art 34's persons and restricted debtors (LIM Art 3), kept only blind."""
    return {"added": admission.add_person(services, user, body.id_number, body.category)}


@router.post("/excluded-persons/removal", summary="Take a person off the court's list")
def unexclude(body: ListedPerson, user: CourtDep, services: ServicesDep) -> dict[str, bool]:
    return {"removed": admission.remove_person(services, user, body.id_number, body.category)}


@router.get("/excluded-persons", summary="How many the court's list holds, by category")
def excluded(user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return {"counts": admission.list_counts(services, user)}


@router.get(
    "/auctions/{auction_id}/registration-refusals", summary="Refused registrations, counted"
)
def refusals(auction_id: AuctionId, user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    """The court learns the count under each rule, never who (OJA Arts 18, 34)."""
    return {"auction_id": auction_id, "refused": admission.refusals(services, user, auction_id)}


@router.get("/auctions/{auction_id}/proxies", summary="Proxy declarations to confirm")
def proxies(auction_id: AuctionId, user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return {"pending": admission.pending_proxies(services, user, auction_id)}


@router.post(
    "/auctions/{auction_id}/proxies/{ref}/confirmation", status_code=204,
    summary="Confirm a proxy before bidding starts (office, OJA Art 14(2))",
)  # fmt: skip
def confirm_proxy(
    auction_id: AuctionId, ref: Annotated[str, Path(max_length=32)], user: CourtDep,
    services: ServicesDep,
) -> None:  # fmt: skip
    admission.confirm_proxy(services, user, auction_id, ref)


@router.post("/lots/{lot_id}/sale-approval", summary="Approve the 变卖 (director, Shanghai item 5)")
def approve_sale(lot_id: LotId, user: CourtDep, services: ServicesDep) -> dict[str, int]:
    return {"auction_id": sale_approval.approve_sale(services, user, lot_id)}


@router.post("/lots/{lot_id}/announcement", summary="Publish the announcement (office)")
def announce(lot_id: LotId, user: CourtDep, services: ServicesDep) -> dict[str, int]:
    return {"auction_id": auction_terms.announce(services, user, lot_id)}


class PauseRequest(Body):
    kind: Literal["postponed", "suspended"]
    ground: Annotated[str, Field(max_length=40)]
    reason: Text500


@router.post("/lots/{lot_id}/pause", status_code=201, summary="Ask to postpone or suspend")
def pause(lot_id: LotId, body: PauseRequest, user: CourtDep, services: ServicesDep) -> None:
    pauses.request_pause(services, user, lot_id, body.kind, body.ground, body.reason)


@router.post("/lots/{lot_id}/pause/approval", status_code=204, summary="Approve (director)")
def approve(lot_id: LotId, user: CourtDep, services: ServicesDep) -> None:
    pauses.approve_pause(services, user, lot_id)


class OnDate(Body):
    on_date: Day


@router.post("/lots/{lot_id}/pause/lifted", status_code=204, summary="The ground has ended")
def lifted(lot_id: LotId, body: OnDate, user: CourtDep, services: ServicesDep) -> None:
    pauses.lift_pause(services, user, lot_id, body.on_date)


class Window(Body):
    starts_at: Moment
    ends_at: Moment


@router.post("/lots/{lot_id}/resumption", summary="Resume with a new bidding window")
def resume(lot_id: LotId, body: Window, user: CourtDep, services: ServicesDep) -> dict[str, int]:
    return {"auction_id": pauses.resume(services, user, lot_id, body.starts_at, body.ends_at)}


class Revocation(Body):
    ground: Annotated[str, Field(max_length=40)]
    reason: Text500


@router.post("/lots/{lot_id}/revocation", status_code=204, summary="Revoke (bureau)")
def revoke(lot_id: LotId, body: Revocation, user: CourtDep, services: ServicesDep) -> None:
    pauses.revoke(services, user, lot_id, body.ground, body.reason)


class SaleRevocation(Revocation):
    ruling_number: Annotated[str, Field(min_length=1, max_length=80)]


@router.post(
    "/lots/{lot_id}/sale-revocation", status_code=201,
    summary="Decide to revoke the sold auction (bureau; OBJ Art 21, OJA Art 31)",
)  # fmt: skip
def revoke_sale(lot_id: LotId, body: SaleRevocation, user: CourtDep, services: ServicesDep) -> None:
    sale_revocation.request(services, user, lot_id, body.ground, body.reason, body.ruling_number)


@router.post(
    "/lots/{lot_id}/sale-revocation/approval",
    summary="Approve it (director): the buyer's money goes back",
)
def approve_sale_revocation(lot_id: LotId, user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    done = sale_revocation.approve(services, user, lot_id)
    return {
        "refunded": yuan(done.refunded), "owed": yuan(done.owed),
        "receivable": {kind: yuan(fen) for kind, fen in done.receivable.items()},
    }  # fmt: skip


class Returned(Body):
    bank_ref: Annotated[str, Field(min_length=1, max_length=64)]


@router.post(
    "/auctions/{auction_id}/clawbacks/{kind}",
    summary="A payee returned what a revoked sale paid it (office)",
)
def clawback(
    auction_id: AuctionId, kind: Annotated[str, Path(max_length=20)], body: Returned,
    user: CourtDep, services: ServicesDep,
) -> dict[str, str | None]:  # fmt: skip
    refunded = sale_revocation.record_clawback(services, user, auction_id, kind, body.bank_ref)
    return {"refunded": yuan(refunded)}


@router.post(
    "/lots/{lot_id}/confirmation", status_code=204, summary="Confirmation letter to the bureau"
)
def confirmation(lot_id: LotId, user: CourtDep, services: ServicesDep) -> None:
    after_sale.send_confirmation(services, user, lot_id)


class Eligibility(Body):
    eligible: bool
    evidence: Text500


@router.post("/lots/{lot_id}/eligibility", status_code=204, summary="House purchase eligibility")
def eligibility(lot_id: LotId, body: Eligibility, user: CourtDep, services: ServicesDep) -> None:
    after_sale.check_eligibility(services, user, lot_id, body.eligible, body.evidence)


@router.post("/lots/{lot_id}/sale-ruling", status_code=204, summary="The sale ruling (bureau)")
def sale_ruling(lot_id: LotId, body: Ruling, user: CourtDep, services: ServicesDep) -> None:
    after_sale.rule_sale(services, user, lot_id, body.ruling_number, body.signed_on)


class TitleNotice(Body):
    registry: Text200
    served_on: Day


@router.post("/lots/{lot_id}/title-notice", status_code=204, summary="Title-transfer notice")
def title_notice(lot_id: LotId, body: TitleNotice, user: CourtDep, services: ServicesDep) -> None:
    after_sale.issue_title_notice(services, user, lot_id, body.registry, body.served_on)


@router.post("/lots/{lot_id}/delivery", status_code=204, summary="Delivery (office)")
def delivery(lot_id: LotId, body: OnDate, user: CourtDep, services: ServicesDep) -> None:
    after_sale.deliver(services, user, lot_id, body.on_date)


class Release(Body):
    reason: Text500


@router.post("/lots/{lot_id}/release", status_code=204, summary="Lift the seizure (bureau)")
def release(lot_id: LotId, body: Release, user: CourtDep, services: ServicesDep) -> None:
    after_sale.release(services, user, lot_id, body.reason)


@router.get("/deadlines", summary="The deadline board of this court")
def deadlines(user: CourtDep, services: ServicesDep, include_done: bool = False) -> dict[str, Any]:
    rows = deadline_board.board(services, user.court_id, include_done)
    return {"deadlines": [asdict(row) for row in rows]}


@router.get("/lots/{lot_id}/documents/{kind}", summary="A court document, PDF or HTML")
def document(
    lot_id: LotId,
    kind: case_documents.Kind,
    user: CourtDep,
    services: ServicesDep,
    format: Literal["pdf", "html"] = "pdf",
    lang: Literal["zh", "en"] = "zh",
    auction_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    party: Literal["applicant", "debtor"] = "applicant",
    purpose: Annotated[
        str | None, Query(max_length=32, description="why the names are read (read log)")
    ] = None,
    purpose_note: Annotated[str | None, Query(max_length=200)] = None,
    version: Annotated[
        int | None, Query(ge=1, le=10_000, description="an earlier version as issued")
    ] = None,
) -> Response:
    content, name = case_documents.generate(
        services, user, lot_id, kind, format, lang, auction_id, party,
        purpose, purpose_note, f"GET /api/v1/court/lots/{lot_id}/documents/{kind}",
        version=version,
    )  # fmt: skip
    if format == "html":
        return HTMLResponse(content.decode())
    return Response(
        content, media_type="application/pdf",
        headers={"Content-Disposition": attachment(f"{kind}-{lot_id}.pdf", name)},
    )  # fmt: skip


class Reissue(Body):
    reason: str = Field(max_length=500, description="why the court issues it again")
    purpose: str = Field(max_length=32, description="why the names are read (read log)")
    auction_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    party: Literal["applicant", "debtor"] = "applicant"


@router.post(
    "/lots/{lot_id}/documents/{kind}/reissue", status_code=201,
    summary="Issue a document again as its next version (enforcement or office)",
)  # fmt: skip
def reissue_document(
    lot_id: LotId, kind: case_documents.Kind, body: Reissue, user: CourtDep,
    services: ServicesDep,
) -> dict[str, Any]:  # fmt: skip
    """A correction of an issued document: the next version, dated today, with the reason;
    the earlier versions stay as they were (issue 16 item 3)."""
    case_documents.generate(
        services, user, lot_id, kind, "pdf", "zh", body.auction_id, body.party, body.purpose,
        None, f"POST /api/v1/court/lots/{lot_id}/documents/{kind}/reissue", body.reason,
    )  # fmt: skip
    return {"reissued": True}


@router.post(
    "/lots/{lot_id}/materials", status_code=201,
    summary="Upload a photo, video or document such as the appraisal report (office)",
    openapi_extra={
        "requestBody": {
            "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in MEDIA}
        }
    },
)  # fmt: skip
async def upload(
    lot_id: LotId,
    request: Request,
    user: CourtDep,
    services: ServicesDep,
    title: Annotated[str, Query(min_length=1, max_length=100, description="the caption")],
    redacted: Annotated[
        bool, Query(description="a PDF: the office declares the personal information hidden")
    ] = False,
) -> dict[str, int]:
    """The file is the request body, its type the Content-Type (JPEG, PNG, WebP, MP4, PDF)."""
    data = await request.body()
    kind = request.headers.get("content-type", "")
    material_id = await run_in_threadpool(
        materials.add, services, user, lot_id, kind, title, data, redacted
    )
    return {"id": material_id}


class Withdrawal(Body):
    reason: Text500


@router.post(
    "/lots/{lot_id}/materials/{material_id}/withdrawal", status_code=204,
    summary="Take a photo, video or document off the lot (office)",
)  # fmt: skip
def withdraw_material(
    lot_id: LotId, material_id: MaterialId, body: Withdrawal, user: CourtDep,
    services: ServicesDep,
) -> None:  # fmt: skip
    """Deleted, off the auction page at once; the trail keeps its hash and the reason. A
    photo a browser or a cache kept may show there for up to a day."""
    materials.withdraw(services, user, lot_id, material_id, body.reason)


def _served(found: materials.Material, headers: dict[str, str]) -> Response:
    """A document opens in the browser's own viewer under its caption; pictures and video
    as they are. Not sandboxed by a CSP: Safari shows a sandboxed PDF as a blank page
    (many bidders read on iPhones), and what is served is the rewrite with its pages only
    (no script, action or form: ``adapters/pdfs``), as ``application/pdf`` with nosniff,
    so no browser runs it as this site's page."""
    record = found.record
    if record.kind == "document":
        name = quote(found.file_name, safe="")
        headers = {**headers, "Content-Disposition": f"inline; filename*=UTF-8''{name}"}
    return Response(
        found.data, media_type=record.content_type,
        headers={**headers, "X-Content-Type-Options": "nosniff"},
    )  # fmt: skip


@router.get(
    "/lots/{lot_id}/materials/{material_id}", summary="A photo, video or document, for the court"
)
def court_material(
    lot_id: LotId, material_id: MaterialId, user: CourtDep, services: ServicesDep
) -> Response:
    """Before the announcement too; never kept by a cache, since the next user of the
    browser may be of another court."""
    found = materials.for_court(services, user, lot_id, material_id)
    return _served(found, {"Cache-Control": "private, no-store"})


@public.get("/lots/{lot_id}/materials/{material_id}", summary="A photo, video or document of a lot")
def material(lot_id: LotId, material_id: MaterialId, services: ServicesDep) -> Response:
    """A document only while the announcement publishes the report; a correction may
    take it off, so a document is revalidated rather than kept for a day."""
    found = materials.public(services, lot_id, material_id)
    kept = "no-cache" if found.record.kind == "document" else "max-age=86400, immutable"
    return _served(found, {"Cache-Control": f"public, {kept}", "ETag": f'"{found.record.sha256}"'})


@public.get("/platforms", summary="The SPC's list of platforms")
def platforms(services: ServicesDep) -> dict[str, Any]:
    return {"platforms": views.platform_list(services)}


@public.get("/lots/{lot_id}/platform-draw", summary="A platform draw, to re-check")
def public_draw(lot_id: LotId, services: ServicesDep) -> dict[str, object]:
    return auction_terms.public_draw(services, lot_id)
