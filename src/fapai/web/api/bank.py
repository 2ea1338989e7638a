"""The bank's side: its signed payment notices, and the simulated bank used by the
demo and the tests in place of a real one.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from fapai.app.auctions.registration import accept_bank_notice
from fapai.app.errors import AppError, Kind, invalid
from fapai.domain.money import MAX_FEN, parse_yuan
from fapai.web.auth import ServicesDep

router = APIRouter(tags=["payments"])


@router.post("/api/v1/payments/notify", summary="The bank's payment notice (callback)")
async def notify(
    request: Request,
    services: ServicesDep,
    x_bank_signature: Annotated[str, Header()],
) -> dict[str, Any]:
    body = await request.body()
    outcome = await run_in_threadpool(accept_bank_notice, services, body, x_bank_signature)
    return {"order_ref": outcome.order_ref, "status": outcome.status, "reason": outcome.reason}


class Payment(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    payer_name: Annotated[str, Field(min_length=1, max_length=64)]
    amount: str
    # the paying account, as a bank reports it (seed 001: a lender's escrow account)
    payer_account: Annotated[str, Field(max_length=34)] = "6222000000000000"
    payer_bank: Annotated[str, Field(max_length=100)] = "模拟银行"
    account_kind: Literal["personal", "corporate", "lender_escrow", "unknown"] = "personal"


@router.post(
    "/sim-bank/pay/{order_ref}", summary="Simulated bank: pay an order", tags=["simulated bank"]
)
def simulated_payment(
    order_ref: str, body: Payment, request: Request, services: ServicesDep
) -> dict[str, Any]:
    """Pays as the named account holder; the bank then sends its signed notice."""
    bank = request.app.state.simulated_bank
    if bank is None:
        raise AppError(Kind.NOT_FOUND, "not_found", "未启用模拟银行。", "No simulated bank here.")
    amount = parse_yuan(body.amount)
    if amount is None or amount > MAX_FEN:
        raise invalid("invalid_amount", "金额无效。", "The amount is not valid.")
    transfer = f"SIM-{secrets.token_hex(8)}"  # each payment is its own transfer
    payload, signature = bank.notice(
        order_ref, amount, body.payer_name, transfer, body.payer_account, body.payer_bank,
        body.account_kind,
    )  # fmt: skip
    outcome = accept_bank_notice(services, payload, signature)
    return {"order_ref": outcome.order_ref, "status": outcome.status, "reason": outcome.reason}
