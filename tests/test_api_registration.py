"""Real-name accounts, registration with bidder codes, and deposits, over real HTTP.

OJA Art 17: a deposit is paid in the bidder's own name before bidding; Art 18: it may be
confirmed at any time before the close, and who bids stays secret behind a code until
then; Art 14: the special warnings are acknowledged before registering.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from typing import Any

import httpx

import support
from fapai.app.auctions.closing import close_due
from fapai.domain.money import parse_yuan
from fapai.storage import tables

T0 = support.T0
END = T0 + timedelta(hours=24)
CODE = re.compile(r"[A-Z]\d{4}")
VALID_ID = "310101198102111010"  # check character right (GB 11643)


def written(services) -> dict[str, int]:
    """Row counts of the tables a refused request must leave alone."""
    return {
        t.name: support.row_count(services, t)
        for t in (
            tables.accounts,
            tables.registrations,
            tables.payments,
            tables.payment_events,
            tables.bids,
            tables.audit_records,
        )
    }


def register(http, who, auction_id, acknowledge: Any = True) -> httpx.Response:
    return http.post(
        f"/api/v1/auctions/{auction_id}/registration",
        json={"acknowledge_special_warnings": acknowledge},
        headers=support.auth(who),
    )


def order(http, who, auction_id) -> dict[str, Any]:
    reply = http.post(f"/api/v1/auctions/{auction_id}/deposit", headers=support.auth(who))
    assert reply.status_code == 201, reply.text
    return dict(reply.json())


def pay(http, placed: dict[str, Any], payer: str, amount: str | None = None) -> dict[str, Any]:
    reply = http.post(
        placed["instructions"]["pay_url"],
        json={"payer_name": payer, "amount": amount or placed["amount"]},
    )
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def my_registration(http, who, auction_id) -> dict[str, Any]:
    reply = http.get(f"/api/v1/auctions/{auction_id}/registration", headers=support.auth(who))
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def bid(http, who, auction_id, amount: str) -> httpx.Response:
    return http.post(
        f"/api/v1/auctions/{auction_id}/bids",
        json={"amount": amount},
        headers={**support.auth(who), "Idempotency-Key": uuid.uuid4().hex},
    )


def new_auction(services, **terms: Any) -> int:
    return support.auction(services, support.office(services, f"c{uuid.uuid4().hex[:8]}"), **terms)


# --- accounts -----------------------------------------------------------------------------------


def test_account_opens_and_me_shows_masked_values_only(services, server, http) -> None:
    """OJA Art 17 needs the real name; Art 18 and data minimisation keep it off screens:
    even the holder sees it masked."""
    reply = http.post(
        "/api/v1/accounts",
        json={"real_name": "赵六", "id_number": "11010519491231002X", "phone": "13800138000",
              "code": support.http_phone_code(http, "13800138000")},
    )  # fmt: skip
    assert reply.status_code == 201, reply.text
    token = reply.json()["token"]
    assert token
    assert set(reply.json()) == {"key", "token", "expires_at", "note"}  # issue 14: sessions
    me = http.get("/api/v1/me", headers=support.auth(token))
    assert me.status_code == 200, me.text
    assert me.json() == {
        "real_name": "赵*",
        "id_number": "1101**********002X",
        "phone": "138****8000",
    }
    long_name = http.post(
        "/api/v1/accounts",
        json={
            "real_name": "欧阳娜娜",
            "id_number": VALID_ID,
            "phone": "13800138001",
            "code": support.http_phone_code(http, "13800138001"),
        },
    )
    assert long_name.status_code == 201, long_name.text
    me = http.get("/api/v1/me", headers=support.auth(long_name.json()["token"])).json()
    assert me["real_name"] == "欧***"
    assert me["id_number"] == "3101**********1010"


def test_me_needs_a_bidder_token(services, server, http) -> None:
    support.assert_error(http.get("/api/v1/me"), 401, "unauthorized")
    support.assert_error(
        http.get("/api/v1/me", headers=support.auth("not-a-token")), 401, "unauthorized"
    )
    office = support.office(services)
    _, token = support.court_user(services, office.court_id, "supervisor")
    support.assert_error(http.get("/api/v1/me", headers=support.auth(token)), 403, "bidders_only")


BAD_ACCOUNTS = [
    ({"id_number": VALID_ID[:-1] + "3"}, 422, "id_checksum"),  # wrong check character
    ({"id_number": "11010519491231002"}, 422, "id_format"),  # 17 characters
    ({"id_number": "11010519491231002Y"}, 422, "id_format"),
    ({"phone": "23800138000"}, 422, "phone_invalid"),
    ({"phone": "1380013800"}, 422, "phone_invalid"),
    ({"phone": "138001380001"}, 422, "phone_invalid"),
    ({"real_name": ""}, 422, "invalid_real_name"),
    ({"real_name": "   "}, 422, "invalid_real_name"),
    ({"real_name": "赵\u0007六"}, 422, "invalid_real_name"),
    ({"real_name": None}, 422, "invalid_request"),
    ({"phone": 13800138000}, 422, "invalid_request"),
    ({"extra": "x"}, 422, "invalid_request"),
]


def test_bad_account_details_are_refused_and_write_nothing(services, server, http) -> None:
    """GB 11643 check character, an 11-digit mobile, a printable name: a bad field is named
    in a 422 and no account is created."""
    good = {"real_name": "钱七", "id_number": VALID_ID, "phone": "13800138002"}
    before = written(services)
    for change, status, code in BAD_ACCOUNTS:
        reply = http.post("/api/v1/accounts", json={**good, **change})
        assert reply.status_code == status, (change, reply.text)
        support.assert_error(reply, status, code)
    missing = {k: v for k, v in good.items() if k != "phone"}
    support.assert_error(http.post("/api/v1/accounts", json=missing), 422, "invalid_request")
    assert written(services) == before
    code = support.http_phone_code(http, good["phone"])
    assert http.post("/api/v1/accounts", json={**good, "code": code}).status_code == 201


def test_one_account_per_id_number(services, server, clock, http, monkeypatch) -> None:
    """Real-name registration: one person, one account; the check letter's case and
    surrounding spaces do not make another person. Asking whether an ID number has an
    account costs the asker's code each time (at most 5 codes an hour per phone), and
    the account's holder is told on their own phone (issue 14: an existence oracle)."""
    first = {"real_name": "孙八", "id_number": "11010519491231002X", "phone": "13800138003"}
    first["code"] = support.http_phone_code(http, first["phone"])
    assert http.post("/api/v1/accounts", json=first).status_code == 201
    accounts = support.row_count(services, tables.accounts)
    texted: list[tuple[str, str]] = []
    send = services.sms.send
    monkeypatch.setattr(services.sms, "send", lambda *sms: texted.append(sms) or send(*sms))
    for id_number in ("11010519491231002X", "11010519491231002x", " 11010519491231002X "):
        clock.advance(minutes=1)
        code = support.http_phone_code(http, "13900139000")
        again = {**first, "id_number": id_number, "phone": "13900139000", "code": code}
        support.assert_error(http.post("/api/v1/accounts", json=again), 409, "account_exists")
        support.assert_error(http.post("/api/v1/accounts", json=again), 422, "phone_code_expired")
    assert support.row_count(services, tables.accounts) == accounts
    told = [text for phone, text in texted if phone == first["phone"]]
    assert len(told) == 3
    assert all("未获通过" in text for text in told)


# --- registration -------------------------------------------------------------------------------


def test_registration_requires_acknowledging_the_special_warnings(services, server, http) -> None:
    """OJA Art 14: the special warnings come before registration; without the
    acknowledgement nothing is registered."""
    auction_id = new_auction(services)
    someone = support.bidder(services)
    before = written(services)
    support.assert_error(
        register(http, someone, auction_id, False), 422, "warnings_not_acknowledged"
    )
    support.assert_error(register(http, someone, auction_id, "true"), 422, "invalid_request")
    reply = http.post(
        f"/api/v1/auctions/{auction_id}/registration", json={}, headers=support.auth(someone)
    )
    support.assert_error(reply, 422, "invalid_request")
    assert written(services) == before
    support.assert_error(
        http.get(f"/api/v1/auctions/{auction_id}/registration", headers=support.auth(someone)),
        404,
        "not_found",
    )


def test_registering_twice_gives_the_same_code(services, server, http) -> None:
    """A bidder has one code per auction (OJA Art 18); a retried registration must not
    create a second identity in the auction."""
    auction_id = new_auction(services)
    someone = support.bidder(services)
    first = register(http, someone, auction_id)
    assert first.status_code == 200, first.text
    body = first.json()
    assert CODE.fullmatch(body["code"]), body
    assert body == {
        "auction_id": auction_id,
        "code": body["code"],
        "preemptive_rank": None,
        "deposit_status": "unpaid",
    }
    before = written(services)
    second = register(http, someone, auction_id)
    assert second.status_code == 200
    assert second.json() == body
    assert written(services) == before
    assert my_registration(http, someone, auction_id) == body


def test_codes_are_drawn_not_derived_from_the_person(services, server, http) -> None:
    """OJA Art 18: a code says nothing about the bidder, and codes in different auctions
    cannot be linked. One person's codes in several auctions are not all the same, and
    different people in one auction never share a code."""
    auctions = [new_auction(services) for _ in range(6)]
    someone = support.bidder(services, "李四")
    codes = []
    for auction_id in auctions:
        reply = register(http, someone, auction_id)
        assert reply.status_code == 200, reply.text
        codes.append(reply.json()["code"])
    assert all(CODE.fullmatch(code) for code in codes), codes
    assert len(set(codes)) > 1, codes
    crowd = [support.bidder(services) for _ in range(8)]
    in_one = [register(http, person, auctions[0]).json()["code"] for person in crowd]
    assert len(set(in_one + codes[:1])) == len(in_one) + 1
    digits = someone.id_number + someone.phone
    assert not all(code[1:] in digits for code in codes)


def test_registration_for_missing_or_ended_auction(services, server, clock, http) -> None:
    auction_id = new_auction(services)
    someone = support.bidder(services)
    before = written(services)
    support.assert_error(register(http, someone, auction_id + 100), 404, "not_found")
    clock.set(END)
    support.assert_error(register(http, someone, auction_id), 409, "closed")
    support.assert_error(
        http.post(f"/api/v1/auctions/{auction_id}/registration",
                  json={"acknowledge_special_warnings": True}),
        401, "unauthorized",
    )  # fmt: skip
    assert written(services) == before


# --- deposits -----------------------------------------------------------------------------------


def test_deposit_order_gives_the_amount_and_how_to_pay(services, server, http) -> None:
    """OJA Art 13(8): the deposit amount and how to pay it; the amount is the auction's."""
    auction_id = new_auction(services, start="250000.00", increment="2000.00", deposit="25000.00")
    someone = support.bidder(services)
    support.assert_error(
        http.post(f"/api/v1/auctions/{auction_id}/deposit", headers=support.auth(someone)),
        403,
        "not_registered",
    )
    register(http, someone, auction_id)
    placed = order(http, someone, auction_id)
    assert placed["amount"] == "25000.00"
    assert placed["amount"] == http.get(f"/api/v1/auctions/{auction_id}").json()["deposit"]
    assert placed["order_ref"]
    assert placed["instructions"]["pay_url"] == f"/sim-bank/pay/{placed['order_ref']}"
    assert placed["instructions"]["reference"] == placed["order_ref"]
    assert my_registration(http, someone, auction_id)["deposit_status"] == "pending"
    assert pay(http, placed, someone.name) == {
        "order_ref": placed["order_ref"],
        "status": "confirmed",
        "reason": None,
    }
    assert my_registration(http, someone, auction_id)["deposit_status"] == "confirmed"
    again = http.post(f"/api/v1/auctions/{auction_id}/deposit", headers=support.auth(someone))
    support.assert_error(again, 409, "deposit_already_paid")


def test_deposit_from_someone_elses_account_is_refused(services, server, clock, http) -> None:
    """OJA Art 17: the deposit is paid in the bidder's own name (no lent deposits, seed 001).
    Money from another person's account is refused, and the bidder may not bid; paying
    again in one's own name (spelled with full-width spaces around it) then works."""
    auction_id = new_auction(services)
    someone = support.bidder(services, "王甲")
    register(http, someone, auction_id)
    placed = order(http, someone, auction_id)
    outcome = pay(http, placed, "王乙")
    assert (outcome["status"], outcome["reason"]) == ("refused", "payer_not_bidder")
    # a stranger who knows the order reference does not flip the bidder's deposit
    # (issue 14 item 16): it is still the bidder's to pay
    assert my_registration(http, someone, auction_id)["deposit_status"] == "pending"
    clock.set(T0 + timedelta(hours=1))
    support.assert_error(bid(http, someone, auction_id, "100000.00"), 403, "no_deposit")
    retry = order(http, someone, auction_id)
    assert retry["order_ref"] != placed["order_ref"]
    assert pay(http, retry, "\u3000王甲 ")["status"] == "confirmed"
    assert bid(http, someone, auction_id, "100000.00").status_code == 201


def test_deposit_of_the_wrong_amount_is_refused(services, server, http) -> None:
    """The deposit is the amount the court set (OJA Art 17): more or less is refused."""
    auction_id = new_auction(services)
    someone = support.bidder(services)
    register(http, someone, auction_id)
    for amount in ("9999.99", "10000.01", "100000.00"):
        outcome = pay(http, order(http, someone, auction_id), someone.name, amount)
        assert (outcome["status"], outcome["reason"]) == ("refused", "wrong_amount"), amount
    assert my_registration(http, someone, auction_id)["deposit_status"] == "refused"


def notice(services, order_ref: str, amount: str, payer: str) -> tuple[bytes, str]:
    body, signature = services.gateway.notice(order_ref, parse_yuan(amount), payer, "BANK-1")
    return body, signature


def notify(http, body: bytes, signature: str | None) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["X-Bank-Signature"] = signature
    return http.post("/api/v1/payments/notify", content=body, headers=headers)


def test_bank_notice_with_a_bad_signature_is_refused(services, server, http) -> None:
    """Only the bank's signed notice confirms a deposit: a forged or altered one is 401 and
    changes nothing."""
    auction_id = new_auction(services)
    someone = support.bidder(services)
    register(http, someone, auction_id)
    placed = order(http, someone, auction_id)
    body, signature = notice(services, placed["order_ref"], placed["amount"], someone.name)
    before = written(services)
    support.assert_error(notify(http, body, "0" * len(signature)), 401, "bad_signature")
    support.assert_error(notify(http, body, ""), 401, "bad_signature")
    altered = body.replace(b'"amount": 1000000', b'"amount": 1')
    assert altered != body
    support.assert_error(notify(http, altered, signature), 401, "bad_signature")
    support.assert_error(notify(http, body, None), 422, "invalid_request")
    assert written(services) == before
    assert my_registration(http, someone, auction_id)["deposit_status"] == "pending"
    unknown, unknown_signature = notice(services, "D999-nothing", "10000.00", someone.name)
    support.assert_error(notify(http, unknown, unknown_signature), 404, "not_found")


def test_the_same_bank_notice_twice_is_harmless(services, server, http) -> None:
    """Banks resend notices: the second changes nothing and answers the same."""
    auction_id = new_auction(services)
    someone = support.bidder(services)
    register(http, someone, auction_id)
    placed = order(http, someone, auction_id)
    body, signature = notice(services, placed["order_ref"], placed["amount"], someone.name)
    first = notify(http, body, signature)
    assert first.status_code == 200, first.text
    assert first.json() == {"order_ref": placed["order_ref"], "status": "confirmed", "reason": None}
    before = written(services)
    second = notify(http, body, signature)
    assert (second.status_code, second.json()) == (200, first.json())
    assert written(services) == before
    assert my_registration(http, someone, auction_id)["deposit_status"] == "confirmed"


def test_deposit_confirmed_after_bidding_starts_still_allows_bidding(
    services, server, clock, http
) -> None:
    """OJA Art 18: the deposit may be confirmed at any time before the close."""
    auction_id = new_auction(services)
    someone = support.bidder(services)
    register(http, someone, auction_id)
    clock.set(END - timedelta(minutes=1))
    placed = order(http, someone, auction_id)
    assert pay(http, placed, someone.name)["status"] == "confirmed"
    reply = bid(http, someone, auction_id, "100000.00")
    assert reply.status_code == 201, reply.text
    assert reply.json()["bid"]["extended"] is True


def test_deposit_arriving_after_the_close_is_refused(services, server, clock, http) -> None:
    """OJA Art 18: confirmed before the close, or not at all; a late payment is refused so
    the bank returns it, whether or not the closer has run. Ordering after the end is
    refused too."""
    auction_id = new_auction(services)
    late = support.bidder(services, "蒋迟")
    later = support.bidder(services, "沈更迟")
    for person in (late, later):
        register(http, person, auction_id)
    late_order = order(http, late, auction_id)
    later_order = order(http, later, auction_id)
    clock.set(END)
    outcome = pay(http, late_order, late.name)
    assert (outcome["status"], outcome["reason"]) == ("refused", "auction_closed")
    support.assert_error(
        http.post(f"/api/v1/auctions/{auction_id}/deposit", headers=support.auth(late)),
        409,
        "closed",
    )
    assert close_due(services) == [auction_id]
    outcome = pay(http, later_order, later.name)
    assert (outcome["status"], outcome["reason"]) == ("refused", "auction_closed")
    assert my_registration(http, later, auction_id)["deposit_status"] == "refused"


def test_a_refused_second_payment_does_not_undo_a_confirmed_deposit(
    services, server, clock, http
) -> None:
    """OJA Arts 17-18: once the bidder's own deposit is confirmed, they may bid. A second
    payment order for the same registration (opened before the first was paid, e.g. in
    another browser tab) that is then paid from someone else's account is refused; that
    refusal concerns the second payment only and must not cancel the confirmed deposit."""
    auction_id = new_auction(services)
    someone = support.bidder(services, "韩甲")
    register(http, someone, auction_id)
    first = order(http, someone, auction_id)
    second = order(http, someone, auction_id)
    assert pay(http, first, someone.name)["status"] == "confirmed"
    assert pay(http, second, "韩乙")["reason"] == "payer_not_bidder"
    assert my_registration(http, someone, auction_id)["deposit_status"] == "confirmed"
    clock.set(T0 + timedelta(hours=1))
    reply = bid(http, someone, auction_id, "100000.00")
    assert reply.status_code == 201, reply.text


def test_a_second_deposit_is_not_taken(services, server, http) -> None:
    """OJA Art 17 sets one deposit per bidder. Two open orders both paid in the bidder's
    name: the second payment must be refused (so that the bank returns it); confirming it
    keeps money that no close will ever release (Art 23 releases one deposit)."""
    auction_id = new_auction(services)
    someone = support.bidder(services, "杨甲")
    register(http, someone, auction_id)
    first = order(http, someone, auction_id)
    second = order(http, someone, auction_id)
    assert pay(http, first, someone.name)["status"] == "confirmed"
    assert pay(http, second, someone.name)["status"] == "refused"
