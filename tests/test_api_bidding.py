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
from sqlalchemy import func, select

import support
from fapai.app.auctions.closing import close_due
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
    assert error["message_en"], error
    assert error["message_en"].isascii(), error
    return dict(body)


class Scene:
    """One auction with two paid bidders, A and B, and a court office token."""

    def __init__(self, services, **terms: Any) -> None:
        self.services = services
        self.office = support.office(services)
        _, self.office_token = support.court_user(services, self.office.court_id, "director")
        _, self.enforcement_token = support.court_user(
            services, self.office.court_id, "enforcement"
        )
        self.auction_id = support.auction(services, self.office, **terms)
        self.a = support.bidder(services, "王甲")
        self.b = support.bidder(services, "李乙")
        assert support.pay_deposit(services, self.a, self.auction_id) == "confirmed"
        assert support.pay_deposit(services, self.b, self.auction_id) == "confirmed"


# --- the engine's refusals: recorded, 409, the reason as the code ----------------------------

# (reason, who bids, amount), sent in this order to one auction: first while no bid has been
# accepted, then after A's accepted bid of 100000.00 (start 100000.00, increment 1000.00).
BEFORE_ANY_BID = [
    ("invalid_amount", "a", "abc"),
    ("invalid_amount", "a", "-5"),
    ("invalid_amount", "a", "1.234"),
    ("invalid_amount", "a", "1e5"),
    ("invalid_amount", "a", "0.00"),
    ("invalid_amount", "a", "1,000.00"),
    ("invalid_amount", "a", " 100000.00"),
    ("invalid_amount", "a", ""),
    ("below_start", "a", "99000.00"),
    ("below_start", "a", "99999.99"),
    ("off_increment", "a", "100500.00"),
]
AFTER_A_LEADS = [
    ("already_leading", "a", "101000.00"),
    ("too_low", "b", "100000.00"),
    ("too_low", "b", "100999.99"),
    ("off_increment", "b", "101000.01"),
    ("off_increment", "b", "101999.00"),
]


def test_engine_refusals_are_409_recorded_for_the_court_not_the_public(
    services, server, clock, http
) -> None:
    """OJA Art 20 (bids rise from the start price by whole increments): every refusal the
    engine makes is answered 409 with the reason as the code, a Chinese and an English
    message and the recorded bid (accepted false); the court's list of every bid shows it
    with its reason, the public bid history never does."""
    scene = Scene(services)
    codes = {
        "a": code_of(http, scene.a, scene.auction_id),
        "b": code_of(http, scene.b, scene.auction_id),
    }
    who = {"a": scene.a, "b": scene.b}

    def refused(reason: str, name: str, amount: str) -> None:
        before = rows(services)
        reply = post_bid(http, who[name], scene.auction_id, amount)
        body = assert_error(reply, 409, reason)
        bid = body["bid"]
        assert (bid["accepted"], bid["reason"], bid["code"]) == (False, reason, codes[name])
        assert bid["amount"] == amount  # echoed as sent, even when it is not an amount
        assert rows(services) == (before[0] + 1, before[1] + 1), amount  # bid + audit record
        recorded = court_bids(http, scene.office_token, scene.auction_id)[-1]
        assert (recorded["number"], recorded["accepted"], recorded["reason"]) == (
            bid["number"], False, reason,
        )  # fmt: skip
        assert recorded["amount"] == amount

    clock.set(T0 - timedelta(seconds=1))  # paid and registered, but too early
    refused("not_started", "a", "100000.00")
    clock.set(T0 + timedelta(hours=1))
    for reason, name, amount in BEFORE_ANY_BID:
        refused(reason, name, amount)
    assert post_bid(http, scene.a, scene.auction_id, "100000.00").status_code == 201
    for reason, name, amount in AFTER_A_LEADS:
        refused(reason, name, amount)

    every = court_bids(http, scene.office_token, scene.auction_id)
    expected = [("not_started", "100000.00")]
    expected += [(reason, amount) for reason, _, amount in BEFORE_ANY_BID]
    expected += [(None, "100000.00")]
    expected += [(reason, amount) for reason, _, amount in AFTER_A_LEADS]
    assert [(b["reason"], b["amount"]) for b in every] == expected
    assert [b["number"] for b in every] == list(range(1, len(expected) + 1))
    public = public_bids(http, scene.auction_id)
    assert [(b["code"], b["amount"]) for b in public] == [(codes["a"], "100000.00")]
    snapshot = http.get(f"/api/v1/auctions/{scene.auction_id}").json()
    assert (snapshot["price"], snapshot["leader"]) == ("100000.00", codes["a"])
    # bid_count is every bid received; the accepted and the refused ones are named apart
    counts = ("bid_count", "accepted_bid_count", "refused_bid_count")
    assert [snapshot[name] for name in counts] == [len(expected), 1, len(expected) - 1]
    (listed,) = http.get("/api/v1/auctions").json()["items"]
    assert [listed[name] for name in counts] == [len(expected), 1, len(expected) - 1]


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
    assert bid["accepted"] is True
    assert bid["reason"] is None
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
    assert scene.a.name not in text
    assert scene.b.id_number not in text


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
    """OJA Art 20: after the end, any bid is told the auction has closed, whether or not the
    closer has settled it yet. In particular a bidder whose deposit the close has just
    released (Art 23), or applied to the price, must hear "closed", not "your deposit is
    not confirmed yet" (no_deposit), which is false and sends them to pay again."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=2))
    post_bid(http, scene.a, scene.auction_id, "100000.00")
    clock.set(END + timedelta(hours=1))
    before = rows(services)
    assert_error(post_bid(http, scene.b, scene.auction_id, "101000.00"), 409, "closed")
    assert rows(services) == before
    assert close_due(services) == [scene.auction_id]
    before = rows(services)
    answers = {
        name: post_bid(http, who, scene.auction_id, "102000.00").json()["error"]["code"]
        for name, who in (("loser (released)", scene.b), ("winner (applied)", scene.a))
    }
    assert rows(services) == before
    assert answers == {"loser (released)": "closed", "winner (applied)": "closed"}


# --- preemptive rights (OJA Arts 19, 21) -------------------------------------------------------


def confirm_holder(http, scene: Scene, id_number: str, rank: int) -> httpx.Response:
    return http.post(
        f"/api/v1/court/auctions/{scene.auction_id}/preemptive-holders",
        json={"id_number": id_number, "rank": rank, **support.HOLDER_BASIS},
        headers=auth(scene.enforcement_token),
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
    """OJA Art 19: a holder confirmed by the enforcement bureau bids under a code that shows
    its rank; Art 21: it may bid the same price as a leader without the right and then
    leads, while anyone without the right still needs a full increment."""
    scene = Scene(services)
    holder = support.bidder(services, "周优先")
    assert confirm_holder(http, scene, holder.id_number, 1).status_code == 204
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
    # The others cannot take the lead back at the same price...
    assert_error(post_bid(http, scene.a, scene.auction_id, "100000.00"), 409, "too_low")
    assert_error(post_bid(http, scene.b, scene.auction_id, "100000.00"), 409, "too_low")
    # ...but with an increment they can, and the holder may match again.
    assert post_bid(http, scene.b, scene.auction_id, "101000.00").status_code == 201
    assert post_bid(http, holder, scene.auction_id, "101000.00").status_code == 201
    assert http.get(f"/api/v1/auctions/{scene.auction_id}").json()["leader"] == code


def test_holder_confirmed_after_registering_still_has_the_right(
    services, server, clock, http
) -> None:
    """OJA Arts 19, 21: a holder the court confirms before bidding starts has the right of
    equal price, whenever they happened to register. Confirming someone who has already
    registered must either give their registration the rank or be refused; answering 204
    and leaving them without the right misleads both the court and the holder."""
    scene = Scene(services)
    holder = support.bidder(services, "吴优先")
    assert register(http, holder, scene.auction_id).status_code == 200
    assert pay(http, holder, scene.auction_id)["status"] == "confirmed"
    confirmed = confirm_holder(http, scene, holder.id_number, 1)
    if confirmed.status_code != 204:  # refusing is an honest answer too
        assert_error(confirmed, 409, confirmed.json()["error"]["code"])
        return
    clock.set(T0 + timedelta(hours=1))
    assert post_bid(http, scene.a, scene.auction_id, "100000.00").status_code == 201
    match = post_bid(http, holder, scene.auction_id, "100000.00")
    assert match.status_code == 201, match.text


def test_holders_of_equal_or_higher_priority_keep_the_lead(services, server, clock, http) -> None:
    """OJA Art 21 and the replay spec: a holder of higher priority (smaller rank number) may
    match a lower-priority holder; a lower one needs a full increment against a higher one."""
    scene = Scene(services)
    first = support.bidder(services, "郑一")
    second = support.bidder(services, "冯二")
    assert confirm_holder(http, scene, first.id_number, 1).status_code == 204
    assert confirm_holder(http, scene, second.id_number, 2).status_code == 204
    for holder in (first, second):
        register(http, holder, scene.auction_id)
        assert pay(http, holder, scene.auction_id)["status"] == "confirmed"
    assert code_of(http, second, scene.auction_id).startswith("Y2-")
    clock.set(T0 + timedelta(hours=1))
    assert post_bid(http, first, scene.auction_id, "100000.00").status_code == 201
    assert_error(post_bid(http, second, scene.auction_id, "100000.00"), 409, "too_low")
    assert post_bid(http, second, scene.auction_id, "101000.00").status_code == 201
    assert post_bid(http, first, scene.auction_id, "101000.00").status_code == 201


def test_holder_confirmation_after_the_start_is_refused(services, server, clock, http) -> None:
    """OJA Art 19: holders are confirmed before bidding starts, not during it."""
    scene = Scene(services)
    holder = support.bidder(services, "卫迟")
    clock.set(T0)
    before = rows(services)
    assert_error(confirm_holder(http, scene, holder.id_number, 1), 409, "bidding_started")
    assert rows(services) == before


# --- idempotency -------------------------------------------------------------------------------


def test_same_key_same_amount_replays_the_stored_answer(services, server, clock, http) -> None:
    """A retried request after a lost response must not bid twice, and must learn what
    happened: same status, same body, header Idempotent-Replayed (docs/live.md); this holds
    for accepted and for refused bids alike."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    for amount, status in (("100000.00", 201), ("abc", 409)):
        first = post_bid(http, scene.a, scene.auction_id, amount, key=f"retry-{amount}")
        assert first.status_code == status, first.text
        assert "Idempotent-Replayed" not in first.headers
        before = rows(services)
        clock.advance(seconds=3)
        again = post_bid(http, scene.a, scene.auction_id, amount, key=f"retry-{amount}")
        assert (again.status_code, again.json()) == (first.status_code, first.json())
        assert again.headers.get("Idempotent-Replayed") == "true"
        assert rows(services) == before
    assert len(court_bids(http, scene.office_token, scene.auction_id)) == 2


def test_same_key_other_amount_is_refused_and_keys_are_per_bidder(
    services, server, clock, http
) -> None:
    """Reusing one's key for another amount is 409 idempotency_key_reused and writes
    nothing; another bidder's identical key string is a different key."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    assert post_bid(http, scene.a, scene.auction_id, "100000.00", key="k1").status_code == 201
    before = rows(services)
    reply = post_bid(http, scene.a, scene.auction_id, "105000.00", key="k1")
    assert_error(reply, 409, "idempotency_key_reused")
    assert "bid" not in reply.json()
    assert rows(services) == before
    other = post_bid(http, scene.b, scene.auction_id, "101000.00", key="k1")
    assert other.status_code == 201, other.text
    assert "Idempotent-Replayed" not in other.headers


def test_missing_or_bad_idempotency_key_is_422_and_writes_nothing(
    services, server, clock, http
) -> None:
    """The key is required, so that any retry is safe."""
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
    """allow_self_raise (replay spec): the leader may raise its own bid, by an increment."""
    scene = Scene(services, allow_self_raise=True)
    clock.set(T0 + timedelta(hours=1))
    assert post_bid(http, scene.a, scene.auction_id, "100000.00").status_code == 201
    raised = post_bid(http, scene.a, scene.auction_id, "101000.00")
    assert raised.status_code == 201, raised.text
    assert_error(post_bid(http, scene.a, scene.auction_id, "102500.00"), 409, "off_increment")
    assert_error(post_bid(http, scene.a, scene.auction_id, "101000.00"), 409, "too_low")
    snapshot = http.get(f"/api/v1/auctions/{scene.auction_id}").json()
    assert (snapshot["price"], snapshot["allow_self_raise"]) == ("101000.00", True)


def once(server, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """One request on its own connection (a server error closes the connection)."""
    with httpx.Client(base_url=server.url) as client:
        return client.request(method, path, **kwargs)


# --- bad input gets a clear error and loses nothing --------------------------------------------

WRONG_BODIES = {
    "amount as a number": b'{"amount": 100000}',
    "amount as a float": b'{"amount": 100000.0}',
    "amount null": b'{"amount": null}',
    "amount missing": b"{}",
    "no body at all": b"",
    "extra field": b'{"amount": "100000.00", "bidder": "A1234"}',
    "a list": b'["100000.00"]',
    "a bare string": b'"100000.00"',
}


def test_malformed_or_wrongly_typed_bodies_are_422_and_write_nothing(
    services, server, clock, http
) -> None:
    """Amounts are yuan strings: a JSON number cannot carry every amount exactly (docs/live.md).
    A bad request is answered with a clear code and changes nothing; the key it carried
    is not used up."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    headers = {**auth(scene.a), "Idempotency-Key": "t1", "Content-Type": "application/json"}
    url = f"/api/v1/auctions/{scene.auction_id}/bids"
    before = rows(services)
    for broken in (b'{"amount": "100000.00"', b"amount=100000.00", b"\xff\xfe", b"{,}"):
        assert_error(http.post(url, content=broken, headers=headers), 422, "malformed_json")
    for what, body in WRONG_BODIES.items():
        reply = http.post(url, content=body, headers=headers)
        assert reply.status_code == 422, what
        assert_error(reply, 422, "invalid_request")
    assert rows(services) == before
    assert post_bid(http, scene.a, scene.auction_id, "100000.00", key="t1").status_code == 201


def test_amount_text_too_long_or_too_large_is_422_and_writes_nothing(
    services, server, clock, http
) -> None:
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    assert_error(post_bid(http, scene.a, scene.auction_id, "1" * 65), 422, "amount_too_long")
    huge = "9" * 40 + ".00"
    assert_error(post_bid(http, scene.a, scene.auction_id, huge), 422, "amount_too_large")
    assert rows(services) == before


ODD_AMOUNTS = {
    "a NUL character": "1\u00002",
    "a lone surrogate": "\ud800",
    "Arabic-Indic digits": "\u0661\u0660\u0660\u0660\u0660\u0660.\u0660\u0660",
    "full-width digits": "\uff11\uff10\uff10\uff10\uff10\uff10",
}


def test_odd_characters_in_the_amount_get_an_answer_not_a_crash(
    services, server, clock, http
) -> None:
    """Whatever text arrives as an amount, the bidder gets the documented answer (409
    invalid_amount with the bid recorded, or a 422 that writes nothing), never a 500; and
    the auction goes on afterwards."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    url = f"/api/v1/auctions/{scene.auction_id}/bids"
    crashes = []
    for what, amount in ODD_AMOUNTS.items():
        before = rows(services)
        body = json.dumps({"amount": amount}).encode()  # ASCII, \u escapes
        reply = once(
            server, "POST", url, content=body,
            headers={**auth(scene.a), "Idempotency-Key": uuid.uuid4().hex,
                     "Content-Type": "application/json"},
        )  # fmt: skip
        if reply.status_code not in (409, 422):
            crashes.append(f"{what}: HTTP {reply.status_code}")
            continue
        if reply.status_code == 409:
            assert_error(reply, 409, "invalid_amount")
            assert rows(services)[0] == before[0] + 1, what
        else:
            assert rows(services) == before, what
    assert post_bid(http, scene.a, scene.auction_id, "100000.00").status_code == 201
    assert not crashes, crashes


def test_body_over_64_kib_is_413_with_or_without_content_length(
    services, server, clock, http
) -> None:
    """An oversized body is refused before any handler reads it, also when sent chunked;
    a large body under the limit still reaches validation."""
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    url = f"/api/v1/auctions/{scene.auction_id}/bids"
    headers = {**auth(scene.a), "Content-Type": "application/json"}
    before = rows(services)
    big = json.dumps({"amount": "100000.00", "pad": "x" * (70 * 1024)}).encode()
    with httpx.Client(base_url=server.url) as client:  # the server closes this connection
        reply = client.post(url, content=big, headers={**headers, "Idempotency-Key": "big"})
    assert reply.request.headers["content-length"] == str(len(big))
    assert_error(reply, 413, "body_too_large")

    def chunks() -> Iterator[bytes]:
        yield b'{"amount": "100000.00", "pad": "'
        for _ in range(70):
            yield b"x" * 1024
        yield b'"}'

    with httpx.Client(base_url=server.url) as client:
        reply = client.post(url, content=chunks(), headers={**headers, "Idempotency-Key": "ch"})
    assert reply.request.headers.get("transfer-encoding") == "chunked"
    assert "content-length" not in reply.request.headers
    assert_error(reply, 413, "body_too_large")
    assert rows(services) == before

    allowed = json.dumps({"amount": "100000.00", "pad": "x" * (60 * 1024)}).encode()
    reply = http.post(url, content=allowed, headers={**headers, "Idempotency-Key": "ok"})
    assert_error(reply, 422, "invalid_request")  # the extra field, not the size
    assert rows(services) == before


def test_unknown_auction_is_404_and_writes_nothing(services, server, clock, http) -> None:
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    missing = scene.auction_id + 999
    assert_error(post_bid(http, scene.a, missing, "100000.00"), 404, "not_found")
    for path in ("", "/bids", "/result", "/export"):
        assert_error(http.get(f"/api/v1/auctions/{missing}{path}"), 404, "not_found")
    assert rows(services) == before


def test_out_of_range_auction_id_is_404_not_a_crash(services, server, http) -> None:
    """An id no auction can have is simply not found: the database's integer range must not
    turn a typo in a URL into a 500."""
    bidder = support.bidder(services)
    headers = {**auth(bidder), "Idempotency-Key": "far"}
    answers = {}
    for auction_id in (2**31, 2**63, 10**30):
        path = f"/api/v1/auctions/{auction_id}"
        answers[f"GET {auction_id}"] = once(server, "GET", path).status_code
        answers[f"bid {auction_id}"] = once(
            server, "POST", f"{path}/bids", json={"amount": "1.00"}, headers=headers
        ).status_code
    assert answers == dict.fromkeys(answers, 404)


def test_bid_without_deposit_is_403_and_writes_nothing(services, server, clock, http) -> None:
    """OJA Art 17: no confirmed deposit, no bidding (unpaid, or ordered but not yet paid)."""
    scene = Scene(services)
    late = support.bidder(services, "陈丙")
    assert register(http, late, scene.auction_id).status_code == 200
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    assert_error(post_bid(http, late, scene.auction_id, "100000.00"), 403, "no_deposit")
    assert rows(services) == before
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


def test_bid_without_a_valid_token_is_401_and_writes_nothing(services, server, clock, http) -> None:
    scene = Scene(services)
    clock.set(T0 + timedelta(hours=1))
    before = rows(services)
    for headers in (
        {},
        {"Authorization": "Bearer nope"},
        {"Authorization": f"Basic {scene.a.token}"},
        {"Authorization": "Bearer"},
        {"Authorization": ""},
    ):
        reply = http.post(
            f"/api/v1/auctions/{scene.auction_id}/bids",
            json={"amount": "100000.00"},
            headers={**headers, "Idempotency-Key": "x"},
        )
        assert reply.status_code == 401, headers
        assert_error(reply, 401, "unauthorized")
    assert rows(services) == before


def test_court_user_cannot_bid_and_errors_keep_their_shape(services, server, clock, http) -> None:
    """Court staff are not bidders (OJA Art 34); unknown paths and methods answer in the
    same JSON error shape as everything else."""
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
    assert_error(http.get("/api/v1/nowhere"), 404, "not_found")
    assert_error(http.delete("/api/v1/auctions"), 405, "method_not_allowed")
