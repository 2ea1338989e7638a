"""The ledger over HTTP: the court's books, deadlines and money decisions, and a
bidder's own statement and balance payment."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from fapai.app.auctions import registration
from fapai.app.cases import corrections, in_lieu, settlement
from fapai.app.errors import forbidden, invalid
from fapai.app.ledger import checks, fee_standard, reconciliation, views
from fapai.app.presenting import yuan
from fapai.web.auth import BidderDep, CourtDep, ServicesDep
from fapai.web.params import MAX_ID, AuctionId, fen

court = APIRouter(prefix="/court", tags=["ledger"])
bidders = APIRouter(tags=["ledger"])


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


def _fen(text: str, name: str) -> int:
    """An amount that may also be zero (no costs, no fees)."""
    return 0 if text in ("0", "0.00") else fen(text, name)


@court.get("/ledger/balances", summary="Balances per account")
def balances(user: CourtDep, services: ServicesDep, prefix: str = "") -> dict[str, Any]:
    return views.balances(services, user, prefix)


@court.get("/ledger/statement.csv", summary="The court account's statement (CSV)")
def statement(user: CourtDep, services: ServicesDep) -> PlainTextResponse:
    text = views.court_statement_csv(services, user)
    return PlainTextResponse(text, media_type="text/csv; charset=utf-8")


@court.get("/ledger/deadlines", summary="The deadline board: money due, soonest first")
def deadlines(user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return views.deadline_board(services, user)


@court.get("/ledger/alerts", summary="Overdue refunds, balances and payouts")
def alerts(user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return {"alerts": views.alerts(services, user)}


class FeeStandard(Body):
    rate_per_mille: Annotated[
        int | None,
        Field(ge=0, le=15, description="parts per 1,000 of the price; null: the schedule only"),
    ]


@court.put(
    "/ledger/fee-standard", status_code=204,
    summary="The court's own standard for auxiliary fees (director, seed 003 Art 18)",
)  # fmt: skip
def set_fee_standard(body: FeeStandard, user: CourtDep, services: ServicesDep) -> None:
    fee_standard.set_standard(services, user, body.rate_per_mille)


@court.get("/ledger/fee-standard", summary="What bounds this court's auxiliary fees")
def get_fee_standard(user: CourtDep, services: ServicesDep) -> dict[str, object]:
    return fee_standard.standard(services, user)


@court.get("/ledger/flags", summary="Payments flagged for supervision (a house paid by a loan)")
def flags(user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return {"flags": views.supervision_flags(services, user)}


@court.get("/ledger/check", summary="Prove the ledger's invariants (supervisors)")
def check(user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    if user.role != "supervisor":
        raise forbidden(
            "role_not_allowed", "仅监督人员可校验账目。", "Only supervisors may do this."
        )
    problems = checks.check(services.db, services.clock())
    return {"ok": not problems, "problems": [asdict(p) for p in problems]}


@court.post(
    "/ledger/bank-statement",
    summary="Import the bank's statement (CSV) and reconcile",
    openapi_extra={"requestBody": {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
async def bank_statement(request: Request, user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise invalid(
            "bad_statement", "对账单须为 UTF-8 编码。", "The statement must be UTF-8."
        ) from None
    name = request.headers.get("x-statement-name", "api")[:40]
    result = await run_in_threadpool(reconciliation.reconcile_as, services, user, name, text)
    return reconciliation.describe(result)


@court.get("/ledger/reconciliation", summary="The unmatched-items worklist")
def worklist(user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return reconciliation.describe(reconciliation.worklist(services, user))


class Withdrawal(Body):
    reason: Annotated[str, Field(min_length=1, max_length=200)]


@court.post(
    "/ledger/bank-statement/lines/{line_id}/withdrawal",
    status_code=204,
    summary="Withdraw a wrongly imported statement line",
)
def withdraw_line(
    line_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    body: Withdrawal,
    user: CourtDep,
    services: ServicesDep,
) -> None:
    reconciliation.withdraw_line(services, user, line_id, body.reason)


@court.post(
    "/auctions/{auction_id}/default", status_code=204, summary="Record a buyer default (悔拍)"
)
def default(auction_id: AuctionId, user: CourtDep, services: ServicesDep) -> None:
    settlement.record_default(services, user, auction_id)


class Forfeiture(Body):
    costs: Annotated[str, Field(description="yuan: costs and losses the auction caused")]
    shortfall: Annotated[str, Field(description="yuan: the re-auction's shortfall")]
    debtor_debt: Annotated[str, Field(description="yuan: the debtor's debt in this case")]


@court.post(
    "/auctions/{auction_id}/forfeiture", status_code=204, summary="Apply a forfeited deposit"
)
def forfeiture(
    auction_id: AuctionId, body: Forfeiture, user: CourtDep, services: ServicesDep
) -> None:
    settlement.apply_forfeited_deposit(
        services, user, auction_id, _fen(body.costs, "costs"), _fen(body.shortfall, "shortfall"),
        _fen(body.debtor_debt, "debtor_debt"),
    )  # fmt: skip


class PayeeBody(Body):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    bank_account: Annotated[str, Field(min_length=1, max_length=64)]


class CreditorBody(PayeeBody):
    claim: Annotated[str, Field(description="yuan: what this creditor is owed")]


class Allocation(Body):
    fees: Annotated[
        str | None,
        Field(
            description="yuan owed to auxiliary institutions, paid first; leave out for a "
            "lot entrusted to an institution: its fee is computed (seed 003 Art 18)"
        ),
    ] = None
    fees_payee: PayeeBody | None = None
    creditors: Annotated[
        list[CreditorBody], Field(min_length=1, max_length=20, description="in legal order")
    ]
    debtor: Annotated[PayeeBody | None, Field(description="where a surplus returns")] = None


def _payee(body: PayeeBody | None) -> settlement.PayeeAccount | None:
    return None if body is None else settlement.PayeeAccount(body.name, body.bank_account)


@court.post("/auctions/{auction_id}/allocation", status_code=204, summary="Allocate the proceeds")
def allocation(
    auction_id: AuctionId, body: Allocation, user: CourtDep, services: ServicesDep
) -> None:
    plan = settlement.Allocation(
        None if body.fees is None else _fen(body.fees, "fees"),
        _payee(body.fees_payee),
        [
            settlement.Creditor(
                settlement.PayeeAccount(c.name, c.bank_account), fen(c.claim, "claim")
            )
            for c in body.creditors
        ],
        _payee(body.debtor),
    )
    settlement.allocate_proceeds(services, user, auction_id, plan)


@court.put("/auctions/{auction_id}/payees/{kind}", status_code=204, summary="Name a payee")
def payee(
    auction_id: AuctionId, kind: str, body: PayeeBody, user: CourtDep, services: ServicesDep
) -> None:
    named = settlement.PayeeAccount(body.name, body.bank_account)
    settlement.name_payee(services, user, auction_id, kind, named)


@court.post("/auctions/{auction_id}/payouts/{kind}", summary="Pay out what is payable")
def payout(
    auction_id: AuctionId, kind: str, user: CourtDep, services: ServicesDep
) -> dict[str, Any]:
    amount = settlement.pay_out(services, user, auction_id, kind)
    return {"kind": kind, "amount": yuan(amount)}


@bidders.post(
    "/auctions/{auction_id}/balance", status_code=201, summary="Order the balance payment"
)
def order_balance(auction_id: AuctionId, who: BidderDep, services: ServicesDep) -> dict[str, Any]:
    return asdict(registration.request_balance(services, who.account_id, auction_id))


@bidders.get("/me/statement", summary="My deposits and refunds")
def my_statement(who: BidderDep, services: ServicesDep) -> dict[str, Any]:
    return views.bidder_statement(services, who.account_id)


class InLieuRequest(Body):
    creditor: Annotated[str, Field(max_length=32, description="the creditor's name")]
    claim: Annotated[str, Field(description="yuan: the creditor's claim")]
    rank: Annotated[int, Field(ge=1, le=99, description="legal rank of payment, 1 first")]


@court.post(
    "/auctions/{auction_id}/in-lieu/requests",
    status_code=201,
    summary="A creditor applies to take the property of a failed round in lieu (ASR Art 16)",
)
def request_in_lieu(
    auction_id: AuctionId, body: InLieuRequest, user: CourtDep, services: ServicesDep
) -> dict[str, Any]:
    claim = _fen(body.claim, "claim")
    key = in_lieu.request_in_lieu(services, user, auction_id, body.creditor, claim, body.rank)
    return {"creditor": key}


@court.post(
    "/auctions/{auction_id}/in-lieu/draw",
    status_code=201,
    summary="Schedule the draw among creditors of the same rank (ASR Art 16)",
)
def schedule_in_lieu_draw(
    auction_id: AuctionId, user: CourtDep, services: ServicesDep
) -> dict[str, Any]:
    return in_lieu.schedule_in_lieu_draw(services, user, auction_id)


@court.post("/auctions/{auction_id}/in-lieu/draw/run", summary="Draw among creditors of one rank")
def run_in_lieu_draw(
    auction_id: AuctionId, user: CourtDep, services: ServicesDep
) -> dict[str, Any]:
    return {"creditor": in_lieu.run_in_lieu_draw(services, user, auction_id)}


@court.post(
    "/auctions/{auction_id}/in-lieu/approval",
    summary="The enforcement leader approves the taking in lieu (Shanghai item 5)",
)
def approve_in_lieu(auction_id: AuctionId, user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    return {"creditor": in_lieu.approve_in_lieu(services, user, auction_id)}


@court.post("/auctions/{auction_id}/in-lieu", summary="The approved creditor takes the property")
def take_in_lieu(auction_id: AuctionId, user: CourtDep, services: ServicesDep) -> dict[str, Any]:
    difference = in_lieu.take_in_lieu(services, user, auction_id)
    return {"difference_due": yuan(difference)}


@court.post(
    "/auctions/{auction_id}/in-lieu/default",
    status_code=204,
    summary="The creditor did not pay the difference in time: the taking lapses",
)
def in_lieu_default(auction_id: AuctionId, user: CourtDep, services: ServicesDep) -> None:
    in_lieu.record_in_lieu_default(services, user, auction_id)


class Receipt(Body):
    bank_ref: Annotated[str, Field(max_length=64)]
    amount: str


@court.post(
    "/auctions/{auction_id}/in-lieu/payment", status_code=204, summary="Record the difference paid"
)
def in_lieu_payment(
    auction_id: AuctionId, body: Receipt, user: CourtDep, services: ServicesDep
) -> None:
    in_lieu.record_in_lieu_payment(
        services, user, auction_id, body.bank_ref, _fen(body.amount, "amount")
    )


class Correction(Body):
    reason: Annotated[str, Field(min_length=1, max_length=200)]


TransactionId = Annotated[int, Path(ge=1, le=MAX_ID)]


@court.post(
    "/ledger/transactions/{transaction_id}/reversal",
    status_code=202,
    summary="Ask for an entry to be reversed (a second user approves)",
)
def reverse(
    transaction_id: TransactionId, body: Correction, user: CourtDep, services: ServicesDep
) -> dict[str, str]:
    corrections.request_reversal(services, user, transaction_id, body.reason)
    return {"status": "requested"}


@court.post(
    "/ledger/transactions/{transaction_id}/reversal/approval",
    status_code=201,
    summary="Approve a reversal someone else asked for",
)
def approve(transaction_id: TransactionId, user: CourtDep, services: ServicesDep) -> dict[str, int]:
    return {"reversal": corrections.approve_reversal(services, user, transaction_id)}


class BankReturn(Body):
    bank_ref: Annotated[str, Field(min_length=1, max_length=64)]


@court.post(
    "/ledger/transactions/{transaction_id}/bank-return",
    status_code=201,
    summary="Record the bank returning a payout or refund (退票)",
)
def bank_return(
    transaction_id: TransactionId, body: BankReturn, user: CourtDep, services: ServicesDep
) -> dict[str, int]:
    return {
        "returned": corrections.record_bank_return(services, user, transaction_id, body.bank_ref)
    }
