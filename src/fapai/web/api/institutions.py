"""Auxiliary institutions over HTTP (seed 003; docs/institutions.md): the Art 9 round,
agreements, designation by lottery, the entrustment letter, suspension, removal and the
ban term; the public database and each lot's draws. Each use case checks the role."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from fapai.app.institutions import (
    agreements,
    designation,
    evaluation,
    fees,
    public,
    removal,
    rounds,
    tasks,
)
from fapai.app.remedies import complaints
from fapai.web.auth import CourtDep, ServicesDep
from fapai.web.params import AuctionId, Day, LotId, fen
from fapai.web.throttle import address, throttle

router = APIRouter(prefix="/court", tags=["auxiliary institutions"])
open_router = APIRouter(tags=["public"])
RoundId = Annotated[int, Path(ge=1, le=2**31 - 1)]
InstitutionId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Text200 = Annotated[str, Field(min_length=1, max_length=200)]
Code = Annotated[str, Field(min_length=1, max_length=24)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NewRound(Body):
    media: Text200
    announced_on: Day
    closes_on: Day


@router.post("/institutions/rounds", status_code=201, summary="Announce a selection (Art 9(1))")
def open_round(body: NewRound, user: CourtDep, services: ServicesDep) -> dict[str, int]:
    return {"id": rounds.open_round(services, user, body.media, body.announced_on, body.closes_on)}


class PersonIn(Body):
    role: Literal["legal_representative", "principal", "shareholder", "controller", "staff"]
    id_number: Annotated[str, Field(min_length=1, max_length=32)]
    contracted: bool = Field(False, description="staff: an employment contract (Art 13)")


class DeclaredIn(Body):
    has_internal_rules: bool
    has_premises_and_equipment: bool
    has_experienced_staff: bool
    offers_storage_transport: bool
    has_storage_transport_capacity: bool
    weekly_service_0830_2200: bool
    keeps_full_logs: bool
    court_staff_tie: bool
    on_dishonest_list: bool
    last_conduct_penalty: Day | None = None
    criminal_conviction: bool


class ApplicationIn(Body):
    credit_code: Annotated[str, Field(min_length=18, max_length=18)]
    name: Text200
    registered_capital: Annotated[str, Field(min_length=1, max_length=24, description="yuan")]
    declared: DeclaredIn
    commitments_signed: bool = Field(description="the Art 8 commitments")
    persons: Annotated[list[PersonIn], Field(min_length=1, max_length=200)]


@router.post(
    "/institutions/rounds/{round_id}/applications", status_code=201,
    summary="Record an application (Art 9(2))",
)  # fmt: skip
def apply(
    round_id: RoundId, body: ApplicationIn, user: CourtDep, services: ServicesDep
) -> dict[str, int]:
    applicant = rounds.Applicant(
        body.credit_code, body.name, fen(body.registered_capital, "registered_capital"),
        rounds.Declared(**body.declared.model_dump()), body.commitments_signed,
        [rounds.Person(p.role, p.id_number, p.contracted) for p in body.persons],
    )  # fmt: skip
    return {"id": rounds.apply(services, user, round_id, applicant)}


class Review(Body):
    supervision: Text200


@router.post("/institutions/rounds/{round_id}/review", summary="Review with supervision (9(3))")
def review(round_id: RoundId, body: Review, user: CourtDep, services: ServicesDep) -> Any:
    return {"refusals": rounds.review(services, user, round_id, body.supervision)}


class Notice(Body):
    first_day: Day


@router.post("/institutions/rounds/{round_id}/notice", summary="Public notice (Art 9(4))")
def notice(round_id: RoundId, body: Notice, user: CourtDep, services: ServicesDep) -> Any:
    return {"notice_ends": rounds.start_notice(services, user, round_id, body.first_day)}


class Decision(Body):
    decided_on: Day
    decision_ref: Annotated[str, Field(min_length=1, max_length=100)]
    struck: Annotated[list[Code], Field(max_length=50)] = []


@router.post("/institutions/rounds/{round_id}/decision", summary="Committee decision (9(5))")
def decide(round_id: RoundId, body: Decision, user: CourtDep, services: ServicesDep) -> Any:
    alerts = rounds.decide(
        services, user, round_id, body.decided_on, body.decision_ref, body.struck
    )
    return {"alerts": alerts}


class Filing(Body):
    filed_on: Day


@router.post("/institutions/rounds/{round_id}/filing", summary="Filed with the High Court (9(6))")
def file(round_id: RoundId, body: Filing, user: CourtDep, services: ServicesDep) -> Any:
    return {"on_time": rounds.file_with_high_court(services, user, round_id, body.filed_on)}


class Publication(Body):
    published_on: Day


@router.post("/institutions/rounds/{round_id}/publication", summary="Publication (Art 9(7))")
def publish(round_id: RoundId, body: Publication, user: CourtDep, services: ServicesDep) -> Any:
    return {"admitted": rounds.publish(services, user, round_id, body.published_on)}


@router.get("/institutions", summary="The court's rounds, database and selection")
def court_view(user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return public.court_view(services, user)


class Agreement(Body):
    starts_on: Day
    ends_on: Day


@router.post(
    "/institutions/{institution_id}/agreements", status_code=201,
    summary="An entrustment agreement (Arts 11-12)",
)  # fmt: skip
def sign(
    institution_id: InstitutionId, body: Agreement, user: CourtDep, services: ServicesDep
) -> dict[str, str]:
    return {"kind": agreements.sign(services, user, institution_id, body.starts_on, body.ends_on)}


class Grounds(Body):
    grounds: Annotated[list[Code], Field(min_length=1, max_length=24)]


@router.post("/institutions/{institution_id}/suspension", status_code=204, summary="Suspend")
def suspend(
    institution_id: InstitutionId, body: Grounds, user: CourtDep, services: ServicesDep
) -> None:
    removal.suspend(services, user, institution_id, body.grounds)


@router.post("/institutions/{institution_id}/reinstatement", status_code=204, summary="Reinstate")
def reinstate(institution_id: InstitutionId, user: CourtDep, services: ServicesDep) -> None:
    removal.reinstate(services, user, institution_id)


@router.post("/institutions/{institution_id}/removal", summary="Remove (Arts 23, 25-26)")
def remove(
    institution_id: InstitutionId, body: Grounds, user: CourtDep, services: ServicesDep
) -> dict[str, str]:
    return removal.remove(services, user, institution_id, body.grounds)


class Report(Body):
    reported_on: Day


@router.post("/institutions/{institution_id}/removal-report", summary="Removal reported (Art 25)")
def report(
    institution_id: InstitutionId, body: Report, user: CourtDep, services: ServicesDep
) -> dict[str, bool]:
    return {"on_time": removal.record_report(services, user, institution_id, body.reported_on)}


class BanTerm(Body):
    years: Literal[3, 5]


@router.post("/institutions/ban-term", status_code=204, summary="The ban term (Art 26 / SH 23)")
def ban_term(body: BanTerm, user: CourtDep, services: ServicesDep) -> None:
    removal.set_ban_term(services, user, body.years)


class DrawIn(Body):
    recusals: Annotated[dict[Code, Text200], Field(max_length=20)] = {}


@router.post(
    "/lots/{lot_id}/institution-draw", status_code=201,
    summary="Fix and publish the institution draw's seed, with recusals",
)  # fmt: skip
def schedule(lot_id: LotId, body: DrawIn, user: CourtDep, services: ServicesDep) -> Any:
    return designation.schedule(services, user, lot_id, body.recusals)


@router.post("/lots/{lot_id}/institution-draw/run", summary="Draw the lot's institution")
def run(lot_id: LotId, user: CourtDep, services: ServicesDep) -> dict[str, str]:
    return {"institution": designation.run(services, user, lot_id)}


class Replacement(Body):
    by: Literal["institution_request", "court_decision"]
    reason: Text200
    files_due: Day


@router.post("/lots/{lot_id}/institution-replacement", status_code=204, summary="Replace (Art 15)")
def replace(lot_id: LotId, body: Replacement, user: CourtDep, services: ServicesDep) -> None:
    designation.replace(services, user, lot_id, body.by, body.reason, body.files_due)


@router.post(
    "/lots/{lot_id}/institution-files-return", status_code=204,
    summary="The property, keys and files handed back (Art 17)",
)  # fmt: skip
def files_returned(lot_id: LotId, user: CourtDep, services: ServicesDep) -> None:
    designation.files_returned(services, user, lot_id)


@router.get("/lots/{lot_id}/entrustment-letter", summary="The entrustment letter (Art 14)")
def letter(
    lot_id: LotId,
    user: CourtDep,
    services: ServicesDep,
    format: Literal["pdf", "html"] = "pdf",
    lang: Literal["zh", "en"] = "zh",
) -> Response:
    content, name = designation.letter(services, user, lot_id, format, lang)
    if format == "html":
        return HTMLResponse(content.decode())
    disposition = (
        f'attachment; filename="entrustment-{lot_id}.pdf"; '
        f"filename*=UTF-8''{quote(name, safe='')}"
    )
    return Response(
        content, media_type="application/pdf", headers={"Content-Disposition": disposition}
    )


@router.get("/lots/{lot_id}/institution-fee", summary="The institution's fee, round by round")
def fee(lot_id: LotId, user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return fees.view(services, user, lot_id)


class Costs(Body):
    amount: Annotated[str, Field(description="yuan: the reasonable actual costs")]
    reason: Text200


@router.post(
    "/lots/{lot_id}/institution-costs", status_code=201,
    summary="Approve the costs when the applicant withdrew (Art 20)",
)  # fmt: skip
def costs(lot_id: LotId, body: Costs, user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return fees.approve_costs(services, user, lot_id, fen(body.amount, "amount"), body.reason)


@router.post(
    "/lots/{lot_id}/institution-fee/completion", status_code=201,
    summary="Confirm the work complete: the fee due in 10 working days (Art 21)",
)  # fmt: skip
def completion(lot_id: LotId, user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return fees.confirm_completion(services, user, lot_id)


class FeeReceipt(Body):
    bank_ref: Annotated[str, Field(min_length=1, max_length=64)]
    amount: str


@router.post(
    "/auctions/{auction_id}/institution-fee/payment", status_code=204,
    summary="The creditor's or applicant's fee received (Arts 18, 20)",
)  # fmt: skip
def fee_payment(
    auction_id: AuctionId, body: FeeReceipt, user: CourtDep, services: ServicesDep
) -> None:
    fees.record_payment(services, user, auction_id, body.bank_ref, fen(body.amount, "amount"))


class Evaluation(Body):
    period_from: Day
    period_to: Day
    result: Literal["good", "pass", "fail"]
    remarks: Annotated[str, Field(min_length=1, max_length=2000)]


@router.get(
    "/institutions/{institution_id}/evaluation-figures",
    summary="The figures for a period from the record (Shanghai item 24)",
)  # fmt: skip
def evaluation_figures(
    institution_id: InstitutionId, period_from: Day, period_to: Day, user: CourtDep,
    services: ServicesDep,
) -> dict[str, Any]:  # fmt: skip
    return {"figures": evaluation.figures(services, user, institution_id, period_from, period_to)}


@router.post(
    "/institutions/{institution_id}/evaluations", status_code=201,
    summary="Record a periodic evaluation (Shanghai item 24)",
)  # fmt: skip
def evaluate(
    institution_id: InstitutionId, body: Evaluation, user: CourtDep, services: ServicesDep
) -> dict[str, Any]:
    return evaluation.record(
        services, user, institution_id, body.period_from, body.period_to, body.result,
        body.remarks,
    )  # fmt: skip


@router.get("/institutions/{institution_id}/evaluations", summary="The institution's evaluations")
def evaluations(
    institution_id: InstitutionId, user: CourtDep, services: ServicesDep
) -> dict[str, Any]:
    return {"evaluations": evaluation.listed(services, user, institution_id)}


class InstitutionComplaint(Body):
    subject: Annotated[str, Field(min_length=1, max_length=100)]
    body: Annotated[str, Field(min_length=1, max_length=5000)]
    contact: Annotated[str | None, Field(max_length=200)] = None


@open_router.post(
    "/institutions/{institution_id}/complaints", status_code=201,
    summary="Complain about an institution (seed 003 Art 24's hotline; anyone)",
)  # fmt: skip
def complain(
    institution_id: InstitutionId, body: InstitutionComplaint, request: Request,
    services: ServicesDep,
) -> dict[str, int]:  # fmt: skip
    throttle(request).accounts.take(address(request))  # the public's writing budget
    number = complaints.file_complaint(
        services, None, None, body.subject, body.body, body.contact or None, institution_id
    )
    return {"id": number}


@open_router.get("/institutions", summary="The published databases of institutions")
def database(services: ServicesDep) -> dict[str, Any]:
    return {"institutions": public.database(services)}


@open_router.get("/lots/{lot_id}/institution-draw", summary="A lot's institution draws")
def draws(lot_id: LotId, services: ServicesDep) -> dict[str, Any]:
    return designation.public_record(services, lot_id)


class TaskIn(Body):
    kind: Annotated[str, Field(min_length=1, max_length=32, description="seed 003 Art 3")]
    instructions: Annotated[str, Field(min_length=1, max_length=2000)]
    due_on: Day
    assignee: Annotated[str, Field(min_length=1, max_length=64, description="a staff login")]
    announce_on: Day | None = Field(None, description="notify_parties: the planned announcement")


@router.post(
    "/lots/{lot_id}/institution-tasks", status_code=201,
    summary="Give the lot's institution a task of Art 3",
)  # fmt: skip
def give_task(lot_id: LotId, body: TaskIn, user: CourtDep, services: ServicesDep) -> dict[str, int]:
    return {
        "id": tasks.create(
            services, user, lot_id, body.kind, body.instructions, body.due_on, body.assignee,
            body.announce_on,
        )
    }  # fmt: skip


@router.get("/lots/{lot_id}/institution-tasks", summary="The lot's tasks with their log")
def lot_tasks(lot_id: LotId, user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    """The tasks, the designated institution (null: none), the delegable kinds and the
    institution's staff in post (what the office's form offers)."""
    return tasks.desk(services, user, lot_id)


class ReviewIn(Body):
    accept: bool
    reason: Annotated[str, Field(max_length=500)] = ""


@router.post(
    "/institutions/tasks/{task_id}/review", status_code=204,
    summary="Accept a submitted task or send it back with the reason",
)  # fmt: skip
def review_task(
    task_id: InstitutionId, body: ReviewIn, user: CourtDep, services: ServicesDep
) -> None:
    tasks.review(services, user, task_id, body.accept, body.reason)
