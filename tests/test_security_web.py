"""Issue 14 at the HTTP edge: headers, redirects, the access log, rate limits and
slow clients (docs/security.md lists each control with its test)."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pyotp
import pytest

import case_support
import support
from fapai.app.accounts import courts, staff
from fapai.app.auctions.bidding import place_bid
from fapai.config import Limits
from fapai.demo.world import demo_id_number
from fapai.web.connections import HeaderTimeoutProtocol
from fapai.web.pages.public import safe_next
from support import NO_LIMITS, T0, LiveServer


@pytest.fixture
def limited(request, services, broker) -> Iterator[tuple[LiveServer, httpx.Client]]:
    """A server with the small limits the test names (``request.param``: Limits fields)."""
    server = LiveServer(services, broker, Limits(**{**_off(), **request.param}))
    with httpx.Client(base_url=server.url) as client:
        yield server, client
    server.stop()


def _off() -> dict[str, float]:
    return {name: getattr(NO_LIMITS, name) for name in Limits.__dataclass_fields__}


# --- headers -----------------------------------------------------------------------------------


def test_every_response_has_the_security_headers_and_personal_ones_are_not_stored(
    services, http
) -> None:
    someone = support.bidder(services)
    public = http.get("/api/v1/auctions")
    mine = http.get("/api/v1/me", headers=support.auth(someone))
    page = http.get("/")
    for reply in (public, mine, page, http.get("/no/such/page")):
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert reply.headers["x-frame-options"] == "DENY"
        assert reply.headers["referrer-policy"] == "same-origin"
    assert mine.status_code == 200
    assert mine.headers["cache-control"] == "no-store"
    statement = http.get("/api/v1/me/statement", headers=support.auth(someone))
    assert statement.headers["cache-control"] == "no-store"
    assert "no-store" not in public.headers.get("cache-control", "")
    assert "strict-transport-security" not in page.headers  # only over TLS


# --- redirects ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["/\t/evil.example", "//evil.example", "/\\evil.example",
     "https://evil.example/", "/\n/evil.example", "javascript:alert(1)", "/\r\n//evil.example"],
)  # fmt: skip
def test_a_redirect_target_never_leaves_the_site(target: str, http) -> None:
    """Browsers drop tabs and line breaks and read a backslash as a slash: the target
    is refused unless, resolved as a browser would, it stays on this origin."""
    assert safe_next(target) == "/"
    login = http.get("/login", params={"next": target}).text
    assert '{"next": "/"}' in login
    pay = http.get("/sim-bank/pay/X", params={"back": target}).text
    assert 'href="/" id="bank-back"' in pay


def test_the_reported_addresses_stay_on_the_site(http) -> None:
    assert '{"next": "/"}' in http.get("/login?next=/%09/evil.example").text
    assert 'href="/" id="bank-back"' in http.get("/sim-bank/pay/X?back=/%09/evil.example").text


def test_a_path_on_the_site_is_kept() -> None:
    assert safe_next("/auctions/5?tab=bids") == "/auctions/5?tab=bids"
    assert safe_next("/a/../b") == "/b"


# --- the access log ----------------------------------------------------------------------------


def test_the_access_log_names_no_address_and_no_order(services, broker, caplog) -> None:
    server = LiveServer(services, broker, access_log=True)
    try:
        with caplog.at_level(logging.INFO, logger="fapai.access"):
            httpx.get(f"{server.url}/sim-bank/pay/D7-SECRETORDER?back=/auctions/7")
            httpx.get(f"{server.url}/api/v1/auctions?q=secretquery")
    finally:
        server.stop()
    lines = [r.getMessage() for r in caplog.records if r.name == "fapai.access"]
    assert len(lines) == 2, lines
    text = "\n".join(lines)
    assert "/sim-bank/pay/…" in text
    assert "/api/v1/auctions" in text
    for secret in ("127.0.0.1", "SECRETORDER", "secretquery", "back="):
        assert secret not in text


# --- rate limits -------------------------------------------------------------------------------


def _throttled(reply: httpx.Response) -> None:
    support.assert_error(reply, 429, "rate_limited")
    assert int(reply.headers["retry-after"]) >= 1


@pytest.mark.parametrize("limited", [{"sign_in_per_address": 3}], indirect=True)
def test_bad_tokens_from_one_address_are_throttled(services, limited) -> None:
    _, http = limited
    someone = support.bidder(services)
    for n in range(3):
        support.assert_error(http.get("/api/v1/me", headers=support.auth(f"bad-{n}")), 401,
                             "unauthorized")  # fmt: skip
    _throttled(http.get("/api/v1/me", headers=support.auth("bad-again")))
    _throttled(http.get("/api/v1/me", headers=support.auth(someone)))  # not even a good one


def _staff_sign_in(http: httpx.Client, made: staff.NewCredentials, code: str) -> httpx.Response:
    return http.post("/api/v1/court/session", json={
        "login": made.login, "password": made.password, "code": code,
    })  # fmt: skip


@pytest.mark.parametrize("limited", [{"sign_in_per_login": 2}], indirect=True)
def test_failed_staff_sign_ins_per_login_are_throttled(services, clock, limited) -> None:
    """Besides the account's own lock (after five failures): a login guessed at is held
    off after two here, the right password included, while another login signs in."""
    _, http = limited
    court = courts.create_court(services, "gz-lim", "广州市中级人民法院", "广东")
    target = staff.add_staff(services, None, court, "office-lim", "王拍辅", ["auction_office"])
    other = staff.add_staff(services, None, court, "office-other", "李拍辅", ["auction_office"])
    for _ in range(2):
        support.assert_error(_staff_sign_in(http, target, "000000"), 401, "bad_credentials")
    _throttled(_staff_sign_in(http, target, pyotp.TOTP(target.totp_secret).at(clock())))
    _throttled(http.post("/api/v1/court/password", json={
        "login": target.login, "password": target.password, "code": "000000",
        "new_password": "another-long-password-1",
    }))  # fmt: skip
    clock.advance(seconds=30)
    reply = _staff_sign_in(http, other, pyotp.TOTP(other.totp_secret).at(clock()))
    assert reply.status_code == 201, reply.text


@pytest.mark.parametrize("limited", [{"sign_in_per_address": 2}], indirect=True)
def test_failed_staff_sign_ins_per_address_are_throttled(services, clock, limited) -> None:
    _, http = limited
    court = courts.create_court(services, "gz-lim", "广州市中级人民法院", "广东")
    made = [
        staff.add_staff(services, None, court, f"office-{n}", "王拍辅", ["auction_office"])
        for n in range(3)
    ]
    for someone in made[:2]:
        support.assert_error(_staff_sign_in(http, someone, "000000"), 401, "bad_credentials")
    _throttled(_staff_sign_in(http, made[2], pyotp.TOTP(made[2].totp_secret).at(clock())))


@pytest.mark.parametrize("limited", [{"accounts_per_address": 2}], indirect=True)
def test_accounts_opened_from_one_address_are_throttled(services, limited) -> None:
    _, http = limited
    replies = [
        http.post("/api/v1/accounts", json={
            "real_name": "张三", "id_number": demo_id_number(serial), "phone": phone,
            "code": support.phone_code(services, phone),
        })
        for serial, phone in ((901, "13800138001"), (902, "13800138002"), (903, "13800138003"))
    ]  # fmt: skip
    assert [r.status_code for r in replies[:2]] == [201, 201]
    _throttled(replies[2])


@pytest.mark.parametrize(
    "limited", [{"bids_per_account": 3, "registrations_per_account": 1}], indirect=True
)
def test_bids_and_registrations_per_account_are_throttled_refused_ones_too(
    services, clock, limited
) -> None:
    _, http = limited
    office = support.office(services)
    auction = support.auction(services, office)
    other = support.auction(services, office)
    someone = support.bidder(services)
    assert support.pay_deposit(services, someone, auction) == "confirmed"
    body = {"acknowledge_special_warnings": True}
    first = http.post(f"/api/v1/auctions/{other}/registration", json=body,
                      headers=support.auth(someone))  # fmt: skip
    assert first.status_code == 200, first.text
    _throttled(http.post(f"/api/v1/auctions/{other}/registration", json=body,
                         headers=support.auth(someone)))  # fmt: skip
    clock.set(T0 + timedelta(hours=1))
    answers = [
        http.post(f"/api/v1/auctions/{auction}/bids", json={"amount": "1.00"},
                  headers={**support.auth(someone), "Idempotency-Key": f"k{n}"})
        for n in range(4)
    ]  # fmt: skip
    assert [a.status_code for a in answers[:3]] == [409, 409, 409]  # refused: too low
    _throttled(answers[3])
    with services.db.read() as tx:
        assert len(tx.bids(auction, accepted_only=False)) == 3  # the fourth was not stored
    fresh = support.bidder(services)  # another account from the same address may bid
    support.pay_deposit(services, fresh, auction)
    reply = http.post(f"/api/v1/auctions/{auction}/bids", json={"amount": "100000.00"},
                      headers={**support.auth(fresh), "Idempotency-Key": "x"})  # fmt: skip
    assert reply.status_code == 201, reply.text


@pytest.mark.parametrize("limited", [{"streams_per_address": 2}], indirect=True)
def test_open_live_streams_per_address_are_capped(services, limited) -> None:
    server, _ = limited
    auction = support.auction(services, support.office(services))
    url = f"{server.url}/api/v1/auctions/{auction}/events"
    with (
        httpx.Client(timeout=5) as one,
        httpx.Client(timeout=5) as two,
        one.stream("GET", url) as a,
        two.stream("GET", url) as b,
    ):
        assert (a.status_code, b.status_code) == (200, 200)
        _throttled(httpx.get(url, timeout=5))
    deadline = time.monotonic() + 5
    while True:  # the closed streams are given back when the server notices
        with httpx.Client(timeout=5) as again, again.stream("GET", url) as c:
            if c.status_code == 200:
                break
        assert time.monotonic() < deadline, "closed streams were not given back"
        time.sleep(0.1)


# --- slow clients ------------------------------------------------------------------------------


def test_a_client_slow_to_send_its_headers_is_cut_off(services, broker, monkeypatch) -> None:
    monkeypatch.setattr(HeaderTimeoutProtocol, "seconds", 0.3)
    server = LiveServer(services, broker)
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(b"GET /api/v1/auctions HTTP/1.1\r\nHost: x\r\n")  # never finished
            assert sock.recv(1024) == b""  # closed by the server, before our 10 s
    finally:
        server.stop()


def test_a_client_slow_to_send_its_body_is_answered_408(services, broker) -> None:
    server = LiveServer(services, broker, Limits(**{**_off(), "body_timeout": 0.3}))
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(
                b"POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\n"
                b"Content-Type: application/json\r\nContent-Length: 40\r\n\r\n{"
            )
            answer = sock.recv(4096)  # fmt: skip
        assert answer.startswith(b"HTTP/1.1 408")
        assert b"request_timeout" in answer
    finally:
        server.stop()


# --- bounds ------------------------------------------------------------------------------------


def test_dates_and_numbers_out_of_bounds_are_refused_not_a_500(services, clock, http) -> None:
    """Issue 14: an end in year 9999 broke search, the home page and the snapshot for
    every court; a page number past 64 bits was a 500. Both are refused up front."""
    court = case_support.a_court(services)
    lot = case_support.priced_lot(services, court, clock)
    token = court.tokens["auction_office"]
    panel = {"number": "合议庭评议（2026）第1号", "decided_on": str(case_support.today(clock)),
             "members": ["张法官", "李法官", "王法官"]}  # fmt: skip
    terms = {"start_price": "700000.00", "increment": "7000.00", "deposit": "70000.00",
             "starts_at": "2027-01-05T10:00:00+08:00", "panel": panel}  # fmt: skip
    for ends_at, code in (
        ("9999-12-31T23:59:00+08:00", "invalid_request"),
        ("2029-01-05T10:00:00+08:00", "bidding_period_too_long"),
    ):
        reply = http.post(f"/api/v1/court/lots/{lot}/terms", headers=support.auth(token),
                          json={**terms, "ends_at": ends_at})  # fmt: skip
        support.assert_error(reply, 422, code)
    huge = "99999999999999999999"
    for path in (f"/api/v1/auctions?page={huge}", f"/api/v1/auctions?min_price={huge}00000"):
        assert http.get(path).status_code == 422
    reply = http.get(f"/api/v1/court/auctions?page={huge}", headers=support.auth(token))
    assert reply.status_code == 422
    for path in (f"/?page={huge}", f"/?min_price={huge}"):
        assert http.get(path).status_code == 200
    assert http.get("/api/v1/auctions").status_code == 200


def test_the_courts_list_of_every_bid_comes_a_page_at_a_time(services, clock, http) -> None:
    """Issue 14: a flood of stored refused bids made one answer of every bid; the court
    walks the list a page at a time, newest page first."""
    office = support.office(services)
    auction = support.auction(services, office)
    _, token = support.court_user(services, office.court_id, "director")
    someone = support.bidder(services)
    support.pay_deposit(services, someone, auction)
    clock.set(T0 + timedelta(hours=1))
    for n in range(5):
        place_bid(services, someone.account_id, auction, "1.00", f"k{n}")  # refused: too low
    url = f"/api/v1/court/auctions/{auction}/bids"
    seen, before = [], None
    while True:
        params = {"limit": 2, **({"before": before} if before else {})}
        page = http.get(url, params=params, headers=support.auth(token)).json()
        assert len(page["bids"]) <= 2
        seen = [b["number"] for b in page["bids"]] + seen
        before = page["before"]
        if before is None:
            break
    assert seen == [1, 2, 3, 4, 5]
    assert http.get(url, params={"limit": 5000}, headers=support.auth(token)).status_code == 422
