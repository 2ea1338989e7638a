"""Placing bids over real HTTP: what a bidder sees, and what the court's record keeps.

The engine's refusals are recorded bids (409 with the reason); refusals about the
bidder or the auction, and bad requests, write nothing at all (docs/live.md).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

import support
from fapai.app.closing import close_due
from fapai.storage import tables

T0 = support.T0
END = T0 + timedelta(hours=24)
CJK = re.compile(r"[\u4e00-\u9fff]")


def rows(services) -> tuple[int, int]:
    """How many bids and audit records are stored: both must stay put on a refusal."""
    with services.db.read() as tx:
        bids = tx.c.scalar(select(func.count()).select_from(tables.bids))
        audit = tx.c.scalar(select(func.count()).select_from(tables.audit_records))
    return int(bids), int(audit)


def auth(who: support.Bidder | str) -> dict[str, str]:
    token = who if isinstance(who, str) else who.token
    return {"Authorization": f"Bearer {token}"}


def post_bid(
    http: httpx.Client, who: support.Bidder, auction_id: int, amount: Any, key: str | None = None
) -> httpx.Response:
    return http.post(
        f"/api/v1/auctions/{auction_id}/bids",
        json={"amount": amount},
        headers={**auth(who), "Idempotency-Key": key or uuid.uuid4().hex},
    )


def code_of(http: httpx.Client, who: support.Bidder, auction_id: int) -> str:
    reply = http.get(f"/api/v1/auctions/{auction_id}/registration", headers=auth(who))
    assert reply.status_code == 200, reply.text
    return str(reply.json()["code"])


def court_bids(http: httpx.Client, token: str, auction_id: int) -> list[dict[str, Any]]:
    reply = http.get(f"/api/v1/court/auctions/{auction_id}/bids", headers=auth(token))
    assert reply.status_code == 200, reply.text
    return list(reply.json()["bids"])


def public_bids(http: httpx.Client, auction_id: int) -> list[dict[str, Any]]:
    reply = http.get(f"/api/v1/auctions/{auction_id}/bids")
    assert reply.status_code == 200, reply.text
    return list(reply.json()["bids"])


def assert_error(reply: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The documented error shape: a machine code, a Chinese and an English sentence."""
    assert reply.status_code == status, reply.text
    body = reply.json()
    error = body["error"]
    assert error["code"] == code, body
    assert CJK.search(error["message"]), error
    assert error["message_en"] and error["message_en"].isascii(), error
    return dict(body)


class Scene:
    """One auction with two paid bidders, A and B, and a court office token."""

    def __init__(self, services, **terms: Any) -> None:
        self.services = services
        self.office = support.office(services)
        self.office_token = support.court_user(services, self.office.court_id, "director")[1]
        self.auction_id = support.auction(services, self.office, **terms)
        self.a = support.bidder(services, "王甲")
        self.b = support.bidder(services, "李乙")
        assert support.pay_deposit(services, self.a, self.auction_id) == "confirmed"
        assert support.pay_deposit(services, self.b, self.auction_id) == "confirmed"


@pytest.fixture
def http(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url) as client:
        yield client


# --- the engine's refusals: recorded, 409, the reason as the code ----------------------------

REFUSALS = [
    # (reason, who bids, amount, does A lead at 100000.00 first?, minutes after T0)
    ("not_started", "a", "100000.00", False, -1),
    ("invalid_amount", "a", "abc", False, 60),
    ("invalid_amount", "a", "-5", False, 60),
    ("invalid_amount", "a", "1.234", False, 60),
    ("invalid_amount", "a", "1e5", False, 60),
    ("invalid_amount", "a", "0.00", False, 60),
    ("invalid_amount", "a", "1,000.00", False, 60),
    ("invalid_amount", "a", "", False, 60),
    ("below_start", "a", "99000.00", False, 60),
    ("off_increment", "a", "100500.00", False, 60),
    ("already_leading", "a", "101000.00", True, 60),
    ("too_low", "b", "100000.00", True, 60),
    ("too_low", "b", "100999.99", True, 60),
    ("off_increment", "b", "101000.01", True, 60),
]


@pytest.mark.parametrize(("reason", "who", "amount", "a_leads", "minutes"), REFUSALS)
def test_engine_refusal_is_409_recorded_for_the_court_not_the_public(
    services, server, clock, http, reason, who, amount, a_leads, minutes
) -> None:
    """OJA Art 20 (ascending bids from the start price by whole increments): every engine
    refusal is answered 409 with the reason, in Chinese and English, together with the
    recorded bid; the court sees it with its reason, the public bid history does not."""
    scene = Scene(services)
    if a_leads:
        clock.set(T0 + timedelta(minutes=minutes - 1))
        assert post_bid(http, scene.a, scene.auction_id, "100000.00").status_code == 201
    clock.set(T0 + timedelta(minutes=minutes))
    bidder = scene.a if who == "a" else scene.b
    before = rows(services)

    reply = post_bid(http, bidder, scene.auction_id, amount)

    body = assert_error(reply, 409, reason)
    bid = body["bid"]
    assert bid["accepted"] is False
    assert bid["reason"] == reason
    assert bid["amount"] == amount  # echoed as sent, even when it is not an amount
    assert bid["code"] == code_of(http, bidder, scene.auction_id)
    assert rows(services) == (before[0] + 1, before[1] + 1)  # the bid and its audit record
    recorded = court_bids(http, scene.office_token, scene.auction_id)[-1]
    assert (recorded["accepted"], recorded["reason"], recorded["amount"]) == (
        False,
        reason,
        amount,
    )
    assert all(b["number"] != bid["number"] for b in public_bids(http, scene.auction_id))
    snapshot = http.get(f"/api/v1/auctions/{scene.auction_id}").json()
    assert snapshot["price"] == ("100000.00" if a_leads else None)


def test_accepted_bids_are_201_public_and_lead(services, server, clock, http) -> None:
    """OJA Art 20: accepted bids are shown in real time by code; the latest one leads."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    first = post_bid(http, scene.a, scene.auction_id, "100000.00")
    assert first.status_code == 201, first.text
    clock.advance(minutes=1)
    second = post_bid(http, scene.b, scene.auction_id, "103000.00")  # several increments: fine
    assert second.status_code == 201, second.text
    bid = second.json()["bid"]
    assert bid["accepted"] is True and bid["reason"] is None
    assert bid["amount"] == "103000.00"
    assert bid["code"] == code_of(http, scene.b, scene.auction_id)
    assert bid["extended"] is False
    assert bid["at"] == "2026-12-01T11:01:00+08:00"  # server receipt time, Beijing time
    history = public_bids(http, scene.auction_id)
    assert [(b["code"], b["amount"]) for b in history] == [
        (code_of(http, scene.b, scene.auction_id), "103000.00"),
        (code_of(http, scene.a, scene.auction_id), "100000.00"),
    ]
    snapshot = http.get(f"/api/v1/auctions/{scene.auction_id}").json()
    assert (snapshot["price"], snapshot["leader"]) == ("103000.00", bid["code"])
    # Codes only: the public never sees a name or an ID number (OJA Art 18).
    text = json.dumps([history, snapshot], ensure_ascii=False)
    assert scene.a.name not in text and scene.b.id_number not in text


# --- the soft close (OJA Art 20) ---------------------------------------------------------------


def test_bid_in_the_last_five_minutes_extends_to_receipt_plus_five(
    services, server, clock, http
) -> None:
    """OJA Art 20: a bid in the last five minutes moves the end to its server receipt time
    plus five minutes, with no cap; a bid before the last five minutes moves nothing."""
    scene = Scene(services)
    clock.set(END - timedelta(minutes=5))  # exactly five minutes before: end stays put
    early = post_bid(http, scene.a, scene.auction_id, "100000.00").json()["bid"]
    assert early["extended"] is False
    assert early["effective_end"] == "2026-12-02T10:00:00+08:00"

    clock.set(END - timedelta(minutes=2, seconds=30))
    late = post_bid(http, scene.b, scene.auction_id, "101000.00")
    assert late.status_code == 201, late.text
    assert late.json()["bid"]["extended"] is True
    assert late.json()["bid"]["effective_end"] == "2026-12-02T10:02:30+08:00"

    clock.set(END + timedelta(minutes=2, seconds=29, microseconds=500_000))
    later = post_bid(http, scene.a, scene.auction_id, "102000.00")
    assert later.status_code == 201, later.text
    assert later.json()["bid"]["effective_end"] == "2026-12-02T10:07:29.500000+08:00"

    snapshot = http.get(f"/api/v1/auctions/{scene.auction_id}").json()
    assert snapshot["extensions"] == 2
    assert snapshot["effective_end"] == "2026-12-02T10:07:29.500000+08:00"
    assert snapshot["ends_at"] == "2026-12-02T10:00:00+08:00"  # the announced end is kept
    assert snapshot["status"] == "live"


def test_refused_bid_in_the_last_minutes_does_not_extend(services, server, clock, http) -> None:
    """OJA Art 20: only a valid bid prolongs the auction; a refused one changes nothing."""
    scene = Scene(services)
    clock.set(END - timedelta(hours=1))
    post_bid(http, scene.a, scene.auction_id, "100000.00")
    clock.set(END - timedelta(minutes=1))
    reply = post_bid(http, scene.b, scene.auction_id, "100500.00")
    assert_error(reply, 409, "too_low")
    snapshot = http.get(f"/api/v1/auctions/{scene.auction_id}").json()
    assert (snapshot["extensions"], snapshot["effective_end"]) == (0, "2026-12-02T10:00:00+08:00")


def test_bid_exactly_at_the_effective_end_is_closed_and_writes_nothing(
    services, server, clock, http
) -> None:
    """OJA Art 20: the window is [start, end): a bid received at the very end is late. It is
    not part of the auction, so nothing is recorded (no bid row, no audit record)."""
    scene = Scene(services)
    clock.set(END - timedelta(minutes=1))
    post_bid(http, scene.a, scene.auction_id, "100000.00")  # end moves to END + 4 min
    clock.set(END + timedelta(minutes=4))
    before = rows(services)
    reply = post_bid(http, scene.b, scene.auction_id, "101000.00")
    body = assert_error(reply, 409, "closed")
    assert "bid" not in body
    assert rows(services) == before
    assert len(court_bids(http, scene.office_token, scene.auction_id)) == 1
    # One microsecond earlier was still in time.
    clock.set(END + timedelta(minutes=4) - timedelta(microseconds=1))
    assert post_bid(http, scene.b, scene.auction_id, "101000.00").status_code == 201


def test_bid_after_the_close_is_closed_and_writes_nothing(services, server, clock, http) -> None:
    """OJA Art 20: after the end, whether or not the closer has settled the auction."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=2))
    post_bid(http, scene.a, scene.auction_id, "100000.00")
    clock.set(END + timedelta(hours=1))
    before = rows(services)
    assert_error(post_bid(http, scene.b, scene.auction_id, "101000.00"), 409, "closed")
    assert rows(services) == before
    assert close_due(services) == [scene.auction_id]
    before = rows(services)
    assert_error(post_bid(http, scene.b, scene.auction_id, "102000.00"), 409, "closed")
    assert rows(services) == before


# --- preemptive rights (OJA Arts 19, 21) -------------------------------------------------------


def confirm_holder(http, services, office, auction_id, id_number, rank) -> httpx.Response:
    token = support.court_user(services, office.court_id, "enforcement")[1]
    return http.post(
        f"/api/v1/court/auctions/{auction_id}/preemptive-holders",
        json={"id_number": id_number, "rank": rank},
        headers=auth(token),
    )


def register(http, who, auction_id) -> httpx.Response:
    return http.post(
        f"/api/v1/auctions/{auction_id}/registration",
        json={"acknowledge_special_warnings": True},
        headers=auth(who),
    )


def pay(http, who, auction_id, payer: str | None = None) -> dict[str, Any]:
    order = http.post(f"/api/v1/auctions/{auction_id}/deposit", headers=auth(who)).json()
    paid = http.post(
        order["instructions"]["pay_url"],
        json={"payer_name": payer or who.name, "amount": order["amount"]},
    )
    return dict(paid.json())


def test_preemptive_holder_matches_the_price_and_leads(services, server, clock, http) -> None:
    """OJA Art 19: a confirmed holder bids under a code that shows its rank; Art 21: it may
    bid the same price as the leader and then leads, while others need a full increment."""
    scene = Scene(services)
    holder = support.bidder(services, "周优先")
    assert confirm_holder(http, services, scene.office, scene.auction_id, holder.id_number, 1)
    assert register(http, holder, scene.auction_id).status_code == 200
    code = code_of(http, holder, scene.auction_id)
    assert re.fullmatch(r"Y1-\d{4}", code), code
    assert pay(http, holder, scene.auction_id)["status"] == "confirmed"

    clock.set(T0 + timedelta(hours=1))
    assert post_bid(http, scene.a, scene.auction_id, "100000.00").status_code == 201
    match = post_bid(http, holder, scene.auction_id, "100000.00")
    assert match.status_code == 201, match.text
    snapshot = http.get(f"/api/v1/auctions/{scene.auction_id}").json()
    assert (snapshot["price"], snapshot["leader"]) == ("100000.00", code)
    # A non-holder may not take the lead back at the same price.
    assert_error(post_bid(http, scene.a, scene.auction_id, "100000.00"), 409, "too_low")
    assert post_bid(http, scene.a, scene.auction_id, "101000.00").status_code == 201
    assert post_bid(http, holder, scene.auction_id, "101000.00").status_code == 201


def test_non_holder_never_matches_the_price(services, server, clock, http) -> None:
    """OJA Art 21 gives the equal-price right to holders only: others are too low."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    post_bid(http, scene.a, scene.auction_id, "100000.00")
    assert_error(post_bid(http, scene.b, scene.auction_id, "100000.00"), 409, "too_low")


def test_holder_confirmed_after_registering_still_has_the_right(
    services, server, clock, http
) -> None:
    """OJA Arts 19, 21: a holder the court confirms before bidding starts has the right of
    equal price, whenever they happened to register. Confirming a holder who already
    registered must either give their registration the rank or be refused; answering 204
    and leaving them without the right misleads the court and the holder."""
    scene = Scene(services)
    holder = support.bidder(services, "吴优先")
    assert register(http, holder, scene.auction_id).status_code == 200
    assert pay(http, holder, scene.auction_id)["status"] == "confirmed"
    confirmed = confirm_holder(http, services, scene.office, scene.auction_id, holder.id_number, 1)
    if confirmed.status_code != 204:
        assert_error(confirmed, 409, confirmed.json()["error"]["code"])
        return
    clock.set(T0 + timedelta(hours=1))
    assert post_bid(http, scene.a, scene.auction_id, "100000.00").status_code == 201
    match = post_bid(http, holder, scene.auction_id, "100000.00")
    assert match.status_code == 201, match.text


def test_holders_of_equal_or_higher_priority_keep_the_lead(services, server, clock, http) -> None:
    """OJA Art 21 (with ASR Art 13/16 practice): between holders, the higher priority (smaller
    rank) may match a lower one; a lower or equal one needs a full increment."""
    scene = Scene(services)
    first = support.bidder(services, "郑一")
    second = support.bidder(services, "冯二")
    confirm_holder(http, services, scene.office, scene.auction_id, first.id_number, 1)
    confirm_holder(http, services, scene.office, scene.auction_id, second.id_number, 2)
    for holder in (first, second):
        register(http, holder, scene.auction_id)
        pay(http, holder, scene.auction_id)
    assert code_of(http, second, scene.auction_id).startswith("Y2-")
    clock.set(T0 + timedelta(hours=1))
    assert post_bid(http, first, scene.auction_id, "100000.00").status_code == 201
    assert_error(post_bid(http, second, scene.auction_id, "100000.00"), 409, "too_low")
    assert post_bid(http, second, scene.auction_id, "101000.00").status_code == 201
    assert post_bid(http, first, scene.auction_id, "101000.00").status_code == 201


# --- idempotency -------------------------------------------------------------------------------


def test_same_key_same_amount_replays_the_stored_answer(services, server, clock, http) -> None:
    """A retried request after a lost response must not bid twice (docs/live.md)."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    first = post_bid(http, scene.a, scene.auction_id, "100000.00", key="retry-1")
    before = rows(services)
    clock.advance(seconds=3)
    again = post_bid(http, scene.a, scene.auction_id, "100000.00", key="retry-1")
    assert again.status_code == first.status_code == 201
    assert again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert rows(services) == before
    assert len(court_bids(http, scene.office_token, scene.auction_id)) == 1


def test_same_key_replays_a_refusal_too(services, server, clock, http) -> None:
    """A refused bid retried with its key gets the same 409 and body, not a second record."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    first = post_bid(http, scene.a, scene.auction_id, "abc", key="k-abc")
    again = post_bid(http, scene.a, scene.auction_id, "abc", key="k-abc")
    assert (again.status_code, again.json()) == (first.status_code, first.json())
    assert first.status_code == 409
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert len(court_bids(http, scene.office_token, scene.auction_id)) == 1


def test_same_key_other_amount_is_refused(services, server, clock, http) -> None:
    """Reusing a key for another amount is a client error and records nothing new."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    assert post_bid(http, scene.a, scene.auction_id, "100000.00", key="k1").status_code == 201
    before = rows(services)
    reply = post_bid(http, scene.a, scene.auction_id, "105000.00", key="k1")
    assert_error(reply, 409, "idempotency_key_reused")
    assert rows(services) == before


def test_keys_belong_to_one_bidder(services, server, clock, http) -> None:
    """Another bidder using the same key string places its own bid."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    assert post_bid(http, scene.a, scene.auction_id, "100000.00", key="same").status_code == 201
    other = post_bid(http, scene.b, scene.auction_id, "101000.00", key="same")
    assert other.status_code == 201, other.text
    assert "Idempotent-Replayed" not in other.headers


def test_missing_or_bad_idempotency_key_is_422_and_writes_nothing(
    services, server, clock, http
) -> None:
    """The key is required so that a retry is always safe."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    reply = http.post(
        f"/api/v1/auctions/{scene.auction_id}/bids",
        json={"amount": "100000.00"},
        headers=auth(scene.a),
    )
    assert_error(reply, 422, "invalid_request")
    too_long = post_bid(http, scene.a, scene.auction_id, "100000.00", key="k" * 129)
    assert_error(too_long, 422, "invalid_idempotency_key")
    assert rows(services) == before


def test_self_raise_auction_lets_the_leader_raise(services, server, clock, http) -> None:
    """allow_self_raise (replay spec): the leader may raise its own bid by an increment."""
    scene = Scene(services, allow_self_raise=True)
    clock.set(T0 + timedelta(hours=1))
    assert post_bid(http, scene.a, scene.auction_id, "100000.00").status_code == 201
    raised = post_bid(http, scene.a, scene.auction_id, "101000.00")
    assert raised.status_code == 201, raised.text
    assert_error(post_bid(http, scene.a, scene.auction_id, "101500.00"), 409, "too_low")
    snapshot = http.get(f"/api/v1/auctions/{scene.auction_id}").json()
    assert snapshot["price"] == "101000.00"
    assert snapshot["allow_self_raise"] is True


# --- bad input gets a clear error and loses nothing --------------------------------------------


def raw_post(server, path: str, headers: dict[str, str], body: bytes) -> httpx.Response:
    with httpx.Client(base_url=server.url) as client:
        return client.post(path, content=body, headers=headers)


def test_malformed_json_is_422_and_writes_nothing(services, server, clock, http) -> None:
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    reply = http.post(
        f"/api/v1/auctions/{scene.auction_id}/bids",
        content=b'{"amount": "100000.00"',
        headers={**auth(scene.a), "Idempotency-Key": "m1", "Content-Type": "application/json"},
    )
    assert_error(reply, 422, "malformed_json")
    assert rows(services) == before


@pytest.mark.parametrize(
    "body",
    [
        {"amount": 100000},
        {"amount": 100000.0},
        {"amount": None},
        {},
        {"amount": "100000.00", "bidder": "A1234"},
        ["100000.00"],
        "100000.00",
    ],
    ids=["int", "float", "null", "missing", "extra-field", "list", "bare-string"],
)
def test_wrong_types_are_422_invalid_request_and_write_nothing(
    services, server, clock, http, body
) -> None:
    """Amounts are strings of yuan: a JSON number could not carry every amount exactly."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    reply = http.post(
        f"/api/v1/auctions/{scene.auction_id}/bids",
        json=body,
        headers={**auth(scene.a), "Idempotency-Key": "t1"},
    )
    assert_error(reply, 422, "invalid_request")
    assert rows(services) == before
    # The key was not consumed: the same key works for a proper bid afterwards.
    assert post_bid(http, scene.a, scene.auction_id, "100000.00", key="t1").status_code == 201


def test_amount_text_too_long_or_too_large_is_422_and_writes_nothing(
    services, server, clock, http
) -> None:
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    assert_error(post_bid(http, scene.a, scene.auction_id, "1" * 65), 422, "amount_too_long")
    assert_error(
        post_bid(http, scene.a, scene.auction_id, "9" * 40 + ".00"), 422, "amount_too_large"
    )
    assert rows(services) == before


@pytest.mark.parametrize(
    "amount", ["1\u00002", "\ud800", "١٠٠٠٠٠.٠٠"], ids=["nul", "surrogate", "arabic"]
)
def test_strange_characters_in_the_amount_are_refused_not_a_crash(
    services, server, clock, http, amount
) -> None:
    """Whatever text arrives as an amount, the answer is the documented JSON error (a 409
    invalid_amount with the bid recorded, or a 422 writing nothing), never a server error."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    reply = http.post(
        f"/api/v1/auctions/{scene.auction_id}/bids",
        content=json.dumps({"amount": amount}).encode(),
        headers={**auth(scene.a), "Idempotency-Key": "odd", "Content-Type": "application/json"},
    )
    assert reply.status_code in (409, 422), reply.text
    if reply.status_code == 409:
        assert_error(reply, 409, "invalid_amount")
        assert rows(services)[0] == before[0] + 1
    else:
        assert rows(services) == before
    assert post_bid(http, scene.a, scene.auction_id, "100000.00").status_code == 201


def test_body_over_64_kib_with_content_length_is_413(services, server, clock) -> None:
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    body = json.dumps({"amount": "100000.00", "pad": "x" * (70 * 1024)}).encode()
    reply = raw_post(
        server,
        f"/api/v1/auctions/{scene.auction_id}/bids",
        {**auth(scene.a), "Idempotency-Key": "big", "Content-Type": "application/json"},
        body,
    )
    assert_error(reply, 413, "body_too_large")
    assert rows(services) == before


def test_body_over_64_kib_chunked_is_413(services, server, clock) -> None:
    """Without a Content-Length the limit still holds (read up to 64 KiB, then refuse)."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)

    def chunks() -> Iterator[bytes]:
        yield b'{"amount": "100000.00", "pad": "'
        for _ in range(70):
            yield b"x" * 1024
        yield b'"}'

    with httpx.Client(base_url=server.url) as client:
        reply = client.post(
            f"/api/v1/auctions/{scene.auction_id}/bids",
            content=chunks(),
            headers={**auth(scene.a), "Idempotency-Key": "chunky"},
        )
    assert reply.request.headers.get("transfer-encoding") == "chunked"
    assert_error(reply, 413, "body_too_large")
    assert rows(services) == before


def test_body_just_under_the_limit_is_read(services, server, clock, http) -> None:
    """The limit refuses only what is over it: a large but allowed body reaches validation."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    body = json.dumps({"amount": "100000.00", "pad": "x" * (60 * 1024)}).encode()
    reply = http.post(
        f"/api/v1/auctions/{scene.auction_id}/bids",
        content=body,
        headers={**auth(scene.a), "Idempotency-Key": "pad", "Content-Type": "application/json"},
    )
    assert_error(reply, 422, "invalid_request")  # the extra field, not the size


def test_unknown_auction_is_404_and_writes_nothing(services, server, clock, http) -> None:
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    assert_error(post_bid(http, scene.a, scene.auction_id + 999, "100000.00"), 404, "not_found")
    assert_error(http.get(f"/api/v1/auctions/{scene.auction_id + 999}"), 404, "not_found")
    assert rows(services) == before


@pytest.mark.parametrize("auction_id", [2**31, 2**63, 10**30])
def test_out_of_range_auction_id_is_404_not_a_crash(services, server, http, auction_id) -> None:
    """An id no auction can have is simply not found: never a 500 from the database."""
    bidder = support.bidder(services)
    assert_error(http.get(f"/api/v1/auctions/{auction_id}"), 404, "not_found")
    assert_error(post_bid(http, bidder, auction_id, "100000.00"), 404, "not_found")


def test_bid_without_deposit_is_403_and_writes_nothing(services, server, clock, http) -> None:
    """OJA Art 17: no deposit, no bidding."""
    scene = Scene(services)
    late = support.bidder(services, "陈丙")
    assert register(http, late, scene.auction_id).status_code == 200
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    assert_error(post_bid(http, late, scene.auction_id, "100000.00"), 403, "no_deposit")
    http.post(f"/api/v1/auctions/{scene.auction_id}/deposit", headers=auth(late))  # pending
    before = rows(services)
    assert_error(post_bid(http, late, scene.auction_id, "100000.00"), 403, "no_deposit")
    assert rows(services) == before


def test_bid_when_not_registered_is_403_and_writes_nothing(services, server, clock, http) -> None:
    scene = Scene(services)
    stranger = support.bidder(services, "褚丁")
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    assert_error(post_bid(http, stranger, scene.auction_id, "100000.00"), 403, "not_registered")
    assert rows(services) == before


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}, {"Authorization": ""}],
    ids=["none", "unknown-token", "wrong-scheme", "empty"],
)
def test_bid_without_a_valid_token_is_401_and_writes_nothing(
    services, server, clock, http, headers
) -> None:
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    reply = http.post(
        f"/api/v1/auctions/{scene.auction_id}/bids",
        json={"amount": "100000.00"},
        headers={**headers, "Idempotency-Key": "x"},
    )
    assert_error(reply, 401, "unauthorized")
    assert rows(services) == before


def test_court_user_cannot_bid(services, server, clock, http) -> None:
    """Court staff are not bidders (OJA Art 34 bars them from bidding)."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    reply = http.post(
        f"/api/v1/auctions/{scene.auction_id}/bids",
        json={"amount": "100000.00"},
        headers={**auth(scene.office_token), "Idempotency-Key": "court"},
    )
    assert_error(reply, 403, "bidders_only")
    assert rows(services) == before


def test_errors_never_leak_a_traceback(services, server, http) -> None:
    """Unknown paths and methods answer the same JSON error shape."""
    assert_error(http.get("/api/v1/nowhere"), 404, "not_found")
    assert_error(http.delete("/api/v1/auctions"), 405, "method_not_allowed")
