"""What a bidder does: open an account, register, pay the deposit, bid."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from fapai.app.accounts import bidders, phone, sessions, signin
from fapai.app.auctions import admission, bidding, centre, queries, registration
from fapai.app.auctions.ports import BidRecord
from fapai.app.presenting import beijing, yuan
from fapai.domain.bidding.messages import REASON_MESSAGES
from fapai.domain.bidding.model import Reason
from fapai.web.auth import BidderDep, ServicesDep, bearer_token, forget
from fapai.web.errors import error_body
from fapai.web.params import AuctionId
from fapai.web.throttle import address, throttle

router = APIRouter(tags=["bidders"])


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class NewAccount(Strict):
    real_name: Annotated[str, Field(max_length=64)]
    id_number: Annotated[str, Field(max_length=32)]
    phone: Annotated[str, Field(max_length=32)]
    code: Annotated[str | None, Field(max_length=8, description="the SMS code")] = None


class PhoneCodeRequest(Strict):
    phone: Annotated[str, Field(max_length=32)]


@router.post(
    "/accounts/phone-code", status_code=201, summary="Text a code proving the phone (step 1)"
)
def phone_code(body: PhoneCodeRequest, services: ServicesDep) -> dict[str, Any]:
    sent = phone.send_code(services, body.phone)
    answer: dict[str, Any] = {"expires_at": beijing(sent.expires_at)}
    if sent.demo_code is not None:
        answer["demo_code"] = sent.demo_code  # FAPAI_SMS=simulated only
    return answer


@router.post("/accounts", status_code=201, summary="Open a real-name bidder account (step 2)")
def open_account(body: NewAccount, request: Request, services: ServicesDep) -> dict[str, Any]:
    """``key`` signs in later (POST /sessions) and is shown only here; ``token`` is the
    bearer token of a first session, valid until ``expires_at``."""
    throttle(request).accounts.take(address(request))
    key, session = bidders.create_account(
        services, body.real_name, body.id_number, body.phone, body.code
    )
    return {
        "key": key,
        "token": session.token,
        "expires_at": beijing(session.expires_at),
        "note": "Keep this key: it is shown once. / 请妥善保存登录凭证，仅显示一次。",
    }


class SignIn(Strict):
    key: Annotated[str, Field(min_length=1, max_length=128)]


@router.post("/sessions", status_code=201, summary="Sign in with the account's key")
def sign_in(body: SignIn, request: Request, services: ServicesDep) -> dict[str, Any]:
    with throttle(request).failures(address(request)):
        session = sessions.sign_in(services, body.key)
    return {"token": session.token, "expires_at": beijing(session.expires_at)}


@router.post("/logout", status_code=204, summary="End this session (bidder or court staff)")
def logout(
    request: Request, services: ServicesDep, authorization: Annotated[str, Header()]
) -> None:
    """The token is refused from now on, by this process at once; signing in again opens
    a new session. A staff session ends as at DELETE /court/session."""
    token = bearer_token(authorization)
    if token is not None:
        sessions.sign_out(services, token)
        signin.sign_out(services, token)
        forget(request, token)


@router.get("/me", summary="My identity, masked")
def me(who: BidderDep, services: ServicesDep) -> dict[str, str]:
    return bidders.my_identity(services, who.account_id)


class Registration(Strict):
    acknowledge_special_warnings: bool
    eligibility_committed: bool = Field(
        False, description="I am eligible to buy this house (HSE Art 2), where the lot asks"
    )
    funds: Literal["own", "bank_loan", "other_loan"] = Field(
        "own", description="where the deposit comes from (seed 001): own money or a loan"
    )


@router.post("/auctions/{auction_id}/registration", summary="Register for an auction")
def register(
    auction_id: AuctionId,
    body: Registration,
    who: BidderDep,
    request: Request,
    services: ServicesDep,
) -> dict[str, Any]:
    throttle(request).registration(address(request), who.account_id)
    registration.register(
        services, who.account_id, auction_id, body.acknowledge_special_warnings,
        body.eligibility_committed, body.funds,
    )  # fmt: skip
    return queries.my_registration(services, who.account_id, auction_id)


class Proxy(Strict):
    principal_id_number: Annotated[str, Field(max_length=32)]
    guardian: Annotated[
        bool, Field(description="a guardian bidding for its ward under 18 (OJA Art 14(1))")
    ] = False


@router.post("/auctions/{auction_id}/proxy", status_code=201, summary="Bid as agent (委托代理)")
def declare_proxy(
    auction_id: AuctionId, body: Proxy, who: BidderDep, services: ServicesDep
) -> dict[str, str]:
    """OJA Art 14(2): bring the reference and the power of attorney (for a guardian, the
    guardianship papers: OJA Art 14(1)) to the court, which confirms it before bidding
    starts; until then bids are refused (proxy_unconfirmed)."""
    ref = admission.declare_proxy(
        services, who.account_id, auction_id, body.principal_id_number, body.guardian
    )
    return {"ref": ref}


@router.get("/auctions/{auction_id}/registration", summary="My registration and bidder code")
def my_registration(auction_id: AuctionId, who: BidderDep, services: ServicesDep) -> dict[str, Any]:
    return queries.my_registration(services, who.account_id, auction_id)


@router.post("/auctions/{auction_id}/deposit", status_code=201, summary="Order the deposit payment")
def order_deposit(auction_id: AuctionId, who: BidderDep, services: ServicesDep) -> dict[str, Any]:
    return asdict(registration.request_deposit(services, who.account_id, auction_id))


class NewBid(Strict):
    amount: Annotated[str, Field(description='yuan as a string, e.g. "1250000.00"')]


@router.post(
    "/auctions/{auction_id}/bids",
    status_code=201,
    summary="Place a bid",
    responses={
        409: {"description": "refused; when `bid` is present it was recorded as refused"},
        429: {"description": "too many bids from this address or account (Retry-After)"},
    },
)
def place_bid(
    auction_id: AuctionId,
    body: NewBid,
    who: BidderDep,
    request: Request,
    services: ServicesDep,
    idempotency_key: Annotated[str, Header()],
) -> JSONResponse:
    throttle(request).bid(address(request), who.account_id)
    result = bidding.place_bid(services, who.account_id, auction_id, body.amount, idempotency_key)
    headers = {"Idempotent-Replayed": "true"} if result.repeated else {}
    return bid_response(result.bid, headers)


def bid_response(bid: BidRecord, headers: dict[str, str]) -> JSONResponse:
    """Built from the stored bid alone, so a repeated key gets the very same answer."""
    described = {
        "number": bid.number,
        "code": bid.code,
        "amount": yuan(bid.amount) if bid.amount is not None else bid.amount_text,
        "at": beijing(bid.received_at),
        "accepted": bid.reason is None,
        "reason": bid.reason,
        "effective_end": beijing(bid.ends_at_after),
        "extended": bid.extended,
        "seq": bid.event_seq,
    }
    if bid.reason is None:
        return JSONResponse({"bid": described}, status_code=201, headers=headers)
    zh, en = REASON_MESSAGES[Reason(bid.reason)]
    return JSONResponse(
        {**error_body(bid.reason, zh, en), "bid": described}, status_code=409, headers=headers
    )


@router.get("/me/centre", summary="My registrations, money, wins and watchlist")
def my_centre(who: BidderDep, services: ServicesDep) -> dict[str, Any]:
    """The bidder centre (/me): each registration with its code, deposit, refund (with the
    bank's references in `money`), a won lot's balance and due day, and `next`: what the
    bidder does or waits for next."""
    return centre.overview(services, who.account_id)


@router.get("/me/centre/{auction_id}", summary="My entry for one auction")
def my_auction(auction_id: AuctionId, who: BidderDep, services: ServicesDep) -> dict[str, Any]:
    return centre.one(services, who.account_id, auction_id)


@router.get("/me/watchlist", summary="The auctions I watch")
def my_watchlist(who: BidderDep, services: ServicesDep) -> dict[str, Any]:
    return {"watchlist": centre.watchlist(services, who.account_id)}


@router.put("/me/watchlist/{auction_id}", summary="Watch an auction")
def watch(auction_id: AuctionId, who: BidderDep, services: ServicesDep) -> dict[str, list[int]]:
    return {"auction_ids": centre.watch(services, who.account_id, auction_id, True)}


@router.delete("/me/watchlist/{auction_id}", summary="Stop watching an auction")
def unwatch(auction_id: AuctionId, who: BidderDep, services: ServicesDep) -> dict[str, list[int]]:
    return {"auction_ids": centre.watch(services, who.account_id, auction_id, False)}
