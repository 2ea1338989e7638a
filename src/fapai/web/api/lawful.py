"""Back-office routes for what the law asks to be on record: the announcement's
published facts and their corrections (OJA Arts 12-16), the claims before the
applicant's and the notice of a sale that leaves nothing (ASR Art 6), and the pricing
procedure's steps (REF Arts 10-16, 21-24), and the public record of the draw among
creditors taking in lieu (ASR Art 16)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter
from pydantic import Field

from fapai.app.cases import in_lieu, no_surplus, pricing_steps, publication, several_items
from fapai.domain.money import format_yuan
from fapai.web.api.cases import Body, Text500
from fapai.web.auth import CourtDep, ServicesDep
from fapai.web.params import AuctionId, CaseId, LotId, fen

router = APIRouter(prefix="/court", tags=["back office"])
public = APIRouter(tags=["public"])


class Arrangements(Body):
    payment_account: Annotated[Text500, Field(description="法院专用账户")]
    contact: Annotated[Text500, Field(description="咨询方式")]
    supervision: Annotated[Text500, Field(description="监督（投诉）渠道")]
    viewing: Annotated[Text500, Field(description="看样安排")]
    report_published: bool


@router.post(
    "/lots/{lot_id}/publication-facts", status_code=204,
    summary="The announcement's account, contact, supervision and viewing (office)",
)  # fmt: skip
def arrangements(lot_id: LotId, body: Arrangements, user: CourtDep, services: ServicesDep) -> None:
    publication.record_arrangements(
        services, user, lot_id, body.payment_account, body.contact, body.supervision,
        body.viewing, body.report_published,
    )  # fmt: skip


class Correction(Body):
    reason: Text500
    payment_account: Text500 | None = None
    contact: Text500 | None = None
    supervision: Text500 | None = None
    viewing: Text500 | None = None
    special_warnings: Annotated[str, Field(max_length=2000)] | None = None
    report_published: bool | None = None


@router.post(
    "/lots/{lot_id}/publication-corrections", status_code=201,
    summary="Publish a correction (更正) of the announcement (office)",
)  # fmt: skip
def correction(
    lot_id: LotId, body: Correction, user: CourtDep, services: ServicesDep
) -> dict[str, int]:
    changes = body.model_dump(exclude_none=True, exclude={"reason"})
    return {"version": publication.correct(services, user, lot_id, body.reason, changes)}


class PriorClaims(Body):
    prior_claims: Annotated[str, Field(description="优先债权（元）", examples=["800000.00"])]
    costs: Annotated[str, Field(description="强制执行费用（元）", examples=["10000.00"])]
    note: Text500


@router.post(
    "/lots/{lot_id}/prior-claims", status_code=204,
    summary="Claims ranking before the applicant's, and the costs (office, ASR Art 6)",
)  # fmt: skip
def prior_claims(lot_id: LotId, body: PriorClaims, user: CourtDep, services: ServicesDep) -> None:
    no_surplus.record_prior_claims(
        services, user, lot_id, fen(body.prior_claims, "prior_claims"), fen(body.costs, "costs"),
        body.note,
    )  # fmt: skip


class OnDate(Body):
    on_date: date


@router.post(
    "/lots/{lot_id}/no-surplus-notice", status_code=204,
    summary="The applicant was told the sale may leave nothing (office, ASR Art 6)",
)  # fmt: skip
def surplus_notice(lot_id: LotId, body: OnDate, user: CourtDep, services: ServicesDep) -> None:
    no_surplus.record_notice(services, user, lot_id, body.on_date)


class Inquiry(Body):
    platform: Annotated[str, Field(min_length=1, max_length=32, description="询价平台")]
    amount: Annotated[str, Field(description="询价结果（元）", examples=["1000000.00"])]
    delivered_on: date


@router.post(
    "/lots/{lot_id}/online-inquiries", status_code=204,
    summary="A platform's online inquiry result (office, REF Arts 10-11)",
)  # fmt: skip
def inquiry(lot_id: LotId, body: Inquiry, user: CourtDep, services: ServicesDep) -> None:
    pricing_steps.record_inquiry(
        services, user, lot_id, body.platform, fen(body.amount, "amount"), body.delivered_on
    )


class FixedOn(Body):
    fixed_on: date


@router.post(
    "/lots/{lot_id}/online-reference",
    summary="Fix the price as the platforms' average (office, REF Art 13)",
)  # fmt: skip
def online_reference(
    lot_id: LotId, body: FixedOn, user: CourtDep, services: ServicesDep
) -> dict[str, str]:
    amount = pricing_steps.online_reference(services, user, lot_id, body.fixed_on)
    return {"reference_price": format_yuan(amount)}


class Agencies(Body):
    agencies: Annotated[list[Annotated[str, Field(max_length=32)]], Field(max_length=100)]


@router.post(
    "/lots/{lot_id}/appraisal-draw", status_code=201,
    summary="Schedule the appraisal agency lottery (office, REF Art 16)",
)  # fmt: skip
def appraisal_draw(
    lot_id: LotId, body: Agencies, user: CourtDep, services: ServicesDep
) -> dict[str, Any]:
    return pricing_steps.schedule_appraisal_draw(services, user, lot_id, body.agencies)


@router.post("/lots/{lot_id}/appraisal-draw/run", summary="Draw the appraisal agency")
def run_appraisal_draw(lot_id: LotId, user: CourtDep, services: ServicesDep) -> dict[str, str]:
    return {"agency": pricing_steps.run_appraisal_draw(services, user, lot_id)}


@public.get("/lots/{lot_id}/appraisal-draw", summary="The appraisal agency lottery, public")
def public_appraisal_draw(lot_id: LotId, services: ServicesDep) -> dict[str, Any]:
    return pricing_steps.public_appraisal_draw(services, lot_id)


class EnforcementAmount(Body):
    amount: Annotated[str, Field(description="yuan: the debt, its interest and the costs")]


@router.post(
    "/cases/{case_id}/enforcement-amount", status_code=204,
    summary="The amount the sales must realise (enforcement, ASR Art 14)",
)  # fmt: skip
def enforcement_amount(
    case_id: CaseId, body: EnforcementAmount, user: CourtDep, services: ServicesDep
) -> None:
    several_items.set_enforcement_amount(services, user, case_id, fen(body.amount, "amount"))


class Consent(Body):
    signed_on: date


@router.post(
    "/lots/{lot_id}/debtor-consent", status_code=204,
    summary="The debtor agrees to selling all its property (enforcement, ASR Art 14)",
)  # fmt: skip
def debtor_consent(lot_id: LotId, body: Consent, user: CourtDep, services: ServicesDep) -> None:
    several_items.record_debtor_consent(services, user, lot_id, body.signed_on)


class Together(Body):
    items: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=100)]
    reason: Literal["inseparable", "value_loss"]


@router.post(
    "/lots/{lot_id}/sold-together", status_code=204,
    summary="The lot is several items auctioned together (enforcement, ASR Art 15)",
)  # fmt: skip
def sold_together(lot_id: LotId, body: Together, user: CourtDep, services: ServicesDep) -> None:
    several_items.record_sold_together(services, user, lot_id, body.items, body.reason)


@public.get(
    "/auctions/{auction_id}/in-lieu-draw", summary="The draw among creditors of one rank, public"
)
def public_in_lieu_draw(auction_id: AuctionId, services: ServicesDep) -> dict[str, Any]:
    return in_lieu.public_in_lieu_draw(services, auction_id)


class Delivered(Body):
    delivered_on: date


@router.post(
    "/lots/{lot_id}/report-delivery",
    summary="The price report reached the parties (office, REF Arts 21-22)",
)  # fmt: skip
def report_delivery(
    lot_id: LotId, body: Delivered, user: CourtDep, services: ServicesDep
) -> dict[str, str]:
    end = pricing_steps.report_delivered(services, user, lot_id, body.delivered_on)
    return {"objections_until": end.isoformat()}


class Objection(Body):
    role: Literal["applicant", "debtor", "interested"]
    on_date: date


@router.post(
    "/lots/{lot_id}/report-objections", status_code=204,
    summary="A party objects to the report (office, REF Arts 22, 24)",
)  # fmt: skip
def objection(lot_id: LotId, body: Objection, user: CourtDep, services: ServicesDep) -> None:
    pricing_steps.record_objection(services, user, lot_id, body.role, body.on_date)


class Resolution(Body):
    outcome: Literal["rejected", "corrected"]


@router.post(
    "/lots/{lot_id}/report-objections/resolution", status_code=204,
    summary="An objection answered (office, REF Art 23)",
)  # fmt: skip
def resolution(lot_id: LotId, body: Resolution, user: CourtDep, services: ServicesDep) -> None:
    pricing_steps.resolve_objection(services, user, lot_id, body.outcome)
