"""Until bidding closes nobody, the court included, may learn who a bidder is (OJA Art 18);
the platform may have no function that lets anyone watch bidder information (Art 8(2)).

A live auction with four bidders (a confirmed preemptive-right holder among them, and a
deposit first paid from someone else's account) is crawled over real HTTP: every route
of the app, found by enumerating ``app.routes`` so that a new endpoint is crawled without
touching this file, as every kind of caller. No response body or header, no log line and
nothing printed may carry a bidder's full name, full ID number (nor its birth date or
last eight characters) or full phone number. The export, the audit trail and the stored
rows are checked the same way. After the close only the sale confirmation may name the
buyer (Art 22), and never a losing bidder.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import product
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import select

import support
from case_support import Court, a_court, announced_lot
from fapai.app.accounts import bidders as bidder_accounts
from fapai.app.accounts import principals
from fapai.app.accounts.principals import COURT_ROLES, BidderPrincipal
from fapai.app.auctions import bidding, registration
from fapai.app.auctions.closing import close_due
from fapai.app.auctions.export import export_auction
from fapai.app.cases import holders, pauses
from fapai.app.services import Services
from fapai.domain.identity import check_character
from fapai.domain.money import format_yuan, parse_yuan
from fapai.storage.tables import audit_records, metadata
from test_documents import pdf_text

FAPAI = str(Path(sys.executable).parent / "fapai")


def _id_number(body: str) -> str:
    """A well-formed resident ID number (GB 11643) from its first 17 digits."""
    return body + check_character(body)


# Distinctive people, so that a hit cannot be a coincidence.
IDENTITIES = (
    ("欧阳娜娜", _id_number("44030519870623512"), "18677771234"),
    ("司马相如", _id_number("51010719750914337"), "15922228765"),
    ("上官婉儿", _id_number("32050619920317264"), "13655553210"),  # preemptive-right holder
    ("诸葛孔明", _id_number("11010819681105459"), "17744446789"),
)
# Whoever the crawler poses as when it opens an account: not a secret.
CRAWLER = ("测试爬虫", _id_number("33010219900101123"), "13012345678")


@dataclass
class Scene:
    auction_id: int
    court_id: int
    bidders: list[support.Bidder]
    orders: list[str]  # every deposit order reference, refused ones included
    callers: dict[str, str | None] = field(default_factory=dict)  # label -> bearer token
    court: Court | None = None  # the court's staff, for an auction of a case
    lot: int | None = None


def _open_account(services: Services, name: str, id_number: str, phone: str) -> support.Bidder:
    token = bidder_accounts.create_account(
        services, name, id_number, phone, support.phone_code(services, phone)
    )[1].token
    who = principals.authenticate(services, token)
    assert isinstance(who, BidderPrincipal)
    return support.Bidder(name, id_number, phone, token, who.account_id)


def _pay(services: Services, bidder: support.Bidder, auction_id: int, payer: str) -> str:
    order = registration.request_deposit(services, bidder.account_id, auction_id)
    body, signature = services.gateway.notice(  # type: ignore[attr-defined]
        order.order_ref, parse_yuan(order.amount), payer, "TEST"
    )
    registration.accept_bank_notice(services, body, signature)
    return order.order_ref


def live_auction(services: Services, clock: support.Clock, in_case: bool = False) -> Scene:
    """A live auction: registrations, deposits (one refused first), a holder, bids; set up
    directly, or ``in_case`` through its case (which the court can pause and revoke)."""
    court: Court | None = None
    lot = None
    if in_case:
        court = a_court(services, "sh-1zy")
        office_court = court.id
        lot, auction_id = announced_lot(services, court, clock)
    else:
        office = support.office(services, "sh-1zy")
        office_court = office.court_id
        auction_id = support.auction(services, office)
    other = support.office(services, "bj-hd")
    bidders = [_open_account(services, *identity) for identity in IDENTITIES]
    callers: dict[str, str | None] = {"anonymous": None}
    for i, someone in enumerate(bidders):
        callers[f"bidder #{i + 1}"] = someone.token
    users = {}
    for court_id, role in product((office_court, other.court_id), COURT_ROLES):
        if court is not None and court_id == court.id:
            users[court_id, role] = court.principal(role), court.tokens[role]
        else:
            users[court_id, role] = support.court_user(services, court_id, role)
        callers[f"court {court_id} {role}"] = users[court_id, role][1]
    # OJA Art 19: the court confirms the holder, by ID number, before bidding starts.
    enforcement = users[office_court, "enforcement"][0]
    holders.confirm_preemptive_holder(
        services, enforcement, auction_id, bidders[2].id_number, 1, support.HOLDER_EVIDENCE,
        support.HOLDER_PANEL,
    )  # fmt: skip
    orders = []
    for someone in bidders:
        registration.register(services, someone.account_id, auction_id, True)
    # 诸葛孔明's deposit first comes from 司马相如's account: refused (OJA Art 17).
    orders.append(_pay(services, bidders[3], auction_id, bidders[1].name))
    for someone in bidders:
        orders.append(_pay(services, someone, auction_id, someone.name))
    with services.db.read() as tx:
        auction = tx.auction(auction_id)
    assert auction is not None
    clock.set(auction.starts_at + timedelta(hours=1))
    start, step = auction.start_price, auction.increment
    for someone, amount, accepted in (
        (bidders[0], start, True),
        (bidders[1], start + step, True),
        (bidders[2], start + step, True),  # the holder matches the price (Art 21)
        (bidders[3], start + step + step // 2, False),  # off the increment
        (bidders[0], start + 2 * step, True),
    ):
        clock.advance(minutes=1)
        result = bidding.place_bid(
            services, someone.account_id, auction_id, format_yuan(amount), secrets.token_hex(8)
        )
        assert (result.bid.reason is None) is accepted, result.bid
    return Scene(auction_id, office_court, bidders, orders, callers, court, lot)


def _forms(value: str) -> set[str]:
    """The ways a value can be written out: as is, JSON-escaped, percent-encoded."""
    return {value, json.dumps(value)[1:-1], quote(value)}


def secrets_of(bidders: list[support.Bidder]) -> dict[str, set[str]]:
    """Label -> the (lower-cased) spellings of each secret."""
    found: dict[str, set[str]] = {}
    for someone in bidders:
        parts = {
            "name": someone.name,
            "ID number": someone.id_number,
            "ID number's birth date": someone.id_number[6:14],
            "ID number's last 8": someone.id_number[-8:],
            "phone": someone.phone,
        }
        for what, value in parts.items():
            found[f"{someone.name}'s {what}"] = {form.lower() for form in _forms(value)}
    return found


def leaks(where: str, text: str, secret: dict[str, set[str]]) -> list[str]:
    lowered = text.lower()
    return [
        f"{label} in {where}"
        for label, forms in secret.items()
        if any(form in lowered for form in forms)
    ]


# -- the crawler ----------------------------------------------------------------------------


@dataclass
class Exchange:
    caller: str
    method: str
    route: str
    url: str
    status: int
    text: str  # headers and body as received
    body: str

    @property
    def where(self) -> str:
        return f"{self.caller}: {self.method} {self.url} -> {self.status}"


_PARAM = re.compile(r"{(\w+)(?::\w+)?}")


def _urls(path: str, scene: Scene) -> list[str]:
    """The path with its parameters filled in with real values (unknown ones: the auction)."""
    values = {"auction_id": [str(scene.auction_id)], "order_ref": scene.orders}
    names = _PARAM.findall(path)
    urls = []
    for combination in product(*(values.get(name, [str(scene.auction_id)]) for name in names)):
        url = path
        for name, value in zip(names, combination, strict=True):
            url = re.sub(r"{%s(?::\w+)?}" % name, value, url)  # noqa: UP031
        urls.append(url)
    return urls


def _valid_bodies(scene: Scene) -> dict[str, dict[str, Any]]:
    """A well-formed body for each known write route (others get ``{}`` and nothing)."""
    name, number, phone = CRAWLER
    return {
        "/api/v1/accounts": {"real_name": name, "id_number": number, "phone": phone},
        "/api/v1/auctions/{auction_id}/registration": {"acknowledge_special_warnings": True},
        "/api/v1/auctions/{auction_id}/bids": {"amount": "1.00"},
        "/api/v1/court/auctions/{auction_id}/preemptive-holders": {
            "id_number": number,
            "rank": 2,
            **support.HOLDER_BASIS,
        },
        "/api/v1/payments/notify": {
            "order_ref": scene.orders[0],
            "amount": 1_000_000,
            "payer_name": name,
            "bank_ref": "CRAWL",
        },
        "/sim-bank/pay/{order_ref}": {"payer_name": name, "amount": "10000.00"},
    }


def _read(response: httpx.Response) -> bytes:
    """The whole body, or for an event stream its opening up to the first event."""
    if not response.headers.get("content-type", "").startswith("text/event-stream"):
        return response.read()
    received = b""
    for chunk in response.iter_bytes():
        received += chunk
        if any(b"data:" in block for block in received.split(b"\n\n")[:-1]):
            return received
    return received


def app_routes(routes: Any, prefix: str = "") -> Iterator[tuple[str, list[str]]]:
    """(path, methods) of every route, however FastAPI nests included routers and mounts."""
    for route in routes:
        if hasattr(route, "effective_route_contexts"):  # FastAPI's lazily included routers
            for context in route.effective_route_contexts():
                yield prefix + context.path, sorted(context.methods or ())
        elif getattr(route, "methods", None):
            yield prefix + route.path, sorted(route.methods)
        elif getattr(route, "routes", None):  # a Mount
            yield from app_routes(route.routes, prefix + route.path)


def crawl(app: Any, base_url: str, scene: Scene) -> list[Exchange]:
    """Every route, every method, every caller: reads as they are (an event stream also
    resumed from ``Last-Event-ID: 0``, which replays the stored events), writes with no
    body and with a well-formed one."""
    bodies = _valid_bodies(scene)
    # each caller signs out (POST /logout) only after every other route
    routes = sorted(
        {(path, tuple(methods)) for path, methods in app_routes(app.routes)},
        key=lambda route: (route[0] == "/api/v1/logout", route),
    )
    assert {"/api/v1/auctions/{auction_id}/events", "/api/v1/me"} <= {p for p, _ in routes}
    seen: list[Exchange] = []
    with httpx.Client(base_url=base_url, timeout=5.0) as http:

        def exchange(label: str, method: str, path: str, url: str, **sent: Any) -> bool:
            sent["headers"] = {
                **sent.get("headers", {}),
                "Idempotency-Key": secrets.token_hex(8), "X-Bank-Signature": "0" * 64,
            }  # fmt: skip
            with http.stream(method, url, **sent) as response:
                body = _read(response)
                head = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
                kind = response.headers.get("content-type", "")
                stream = kind.startswith("text/event-stream")
            # a PDF (the public announcement) is read as the text a reader sees
            said = pdf_text(body) if kind == "application/pdf" else body.decode()
            text = head + "\n\n" + said
            seen.append(Exchange(label, method, path, url, response.status_code, text, said))
            return stream

        for (label, token), (path, methods) in product(scene.callers.items(), routes):
            auth = {"Authorization": f"Bearer {token}"} if token else {}
            for method, url in product(methods, _urls(path, scene)):
                if method == "POST":
                    exchange(label, method, path, url, headers=auth, content=b"")
                    exchange(label, method, path, url, headers=auth, json=bodies.get(path, {}))
                elif exchange(label, method, path, url, headers=auth):
                    resume = {**auth, "Last-Event-ID": "0"}
                    exchange(label, method, path, url, headers=resume)
    assert {e.route for e in seen} == {path for path, _ in routes}
    return seen


# -- logs -----------------------------------------------------------------------------------

_CLIENT_LOGGERS = ("httpx", "httpcore")  # the crawler's own side, not the server's


@contextmanager
def everything_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Every logger at DEBUG into caplog, those that do not propagate (uvicorn's) included."""
    names = {
        "", "fapai", "uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi", "fastapi",
        "starlette", "sqlalchemy", "sqlalchemy.engine", "alembic", "asyncio",
        *logging.root.manager.loggerDict,
    }  # fmt: skip
    for name in sorted(names):
        caplog.set_level(logging.DEBUG, logger=name or None)
    isolated = [
        logging.getLogger(name) for name in names if name and not logging.getLogger(name).propagate
    ]
    for logger in isolated:
        logger.addHandler(caplog.handler)
    try:
        yield
    finally:
        for logger in isolated:
            logger.removeHandler(caplog.handler)


def log_text(record: logging.LogRecord) -> str:
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: keep every piece
        message = f"{record.msg!r} {record.args!r}"
    extra = record.exc_text or ""
    if record.exc_info and record.exc_info[1] is not None:
        extra += repr(record.exc_info[1])
    return f"{message} {extra}"


def log_leaks(caplog: pytest.LogCaptureFixture, secret: dict[str, set[str]]) -> list[str]:
    found = []
    for record in caplog.records:
        if record.name.startswith(_CLIENT_LOGGERS):
            continue
        found += leaks(f"log line of {record.name}", log_text(record), secret)
    return found


# -- the tests ------------------------------------------------------------------------------


def test_no_route_shows_identity_to_anyone_before_the_close(
    services: Services,
    server: support.LiveServer,
    clock: support.Clock,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """OJA Art 18: until the close the court and the platform keep bidders' identities
    secret; Art 8(2): no function may let anyone watch bidder information. Every route,
    every caller (the public, each bidder, each court role of this and another court),
    and every log line the server writes meanwhile."""
    with everything_logged(caplog):
        scene = live_auction(services, clock)
        seen = crawl(server.server.config.app, server.url, scene)
    secret = secrets_of(scene.bidders)
    found = [hit for e in seen for hit in leaks(e.where, e.text, secret)]
    found += log_leaks(caplog, secret)
    printed = capsys.readouterr()
    found += leaks("standard output", printed.out, secret)
    found += leaks("standard error", printed.err, secret)
    assert found == []
    # The crawl reached real data, not just refusals, and the log net caught the server.
    ok = {(e.caller, e.method, e.route) for e in seen if e.status < 300}
    aid = "/api/v1/auctions/{auction_id}"
    for i, someone in enumerate(scene.bidders):
        assert (f"bidder #{i + 1}", "GET", aid + "/registration") in ok
        # Even one's own identity is shown masked (screens are overlooked).
        (me,) = [e for e in seen if (e.caller, e.route) == (f"bidder #{i + 1}", "/api/v1/me")]
        assert json.loads(me.body) == {
            "real_name": someone.name[0] + "***",
            "id_number": someone.id_number[:4] + "*" * 10 + someone.id_number[-4:],
            "phone": someone.phone[:3] + "****" + someone.phone[-4:],
        }
    for role in COURT_ROLES:
        assert (f"court {scene.court_id} {role}", "GET", "/api/v1/court" + aid[7:] + "/bids") in ok
    assert ("anonymous", "GET", aid + "/events") in ok
    streams = [e for e in seen if e.route == aid + "/events" and e.status == 200]
    assert all("data:" in e.text for e in streams)
    assert any(r.name == "uvicorn.access" for r in caplog.records)


@pytest.mark.parametrize("act", ["paused", "revoked"])
def test_no_route_shows_identity_after_a_pause_or_a_revocation(
    services: Services,
    server: support.LiveServer,
    clock: support.Clock,
    caplog: pytest.LogCaptureFixture,
    act: str,
) -> None:
    """Issue 14: revoking live bidding once published the leader's name in a 成交确认书.
    Only a sale is disclosed (OJA Arts 18, 22): after the court suspends bidding, or
    revokes it, every route and every caller still sees codes only, and so does the log."""
    with everything_logged(caplog):
        scene = live_auction(services, clock, in_case=True)
        court, lot = scene.court, scene.lot
        assert court is not None
        assert lot is not None
        pauses.request_pause(
            services, court.bureau, lot, "suspended", "bankruptcy", "破产申请已受理"
        )
        pauses.approve_pause(services, court.director, lot)
        if act == "revoked":
            pauses.revoke(services, court.bureau, lot, "debtor_paid", "被执行人已全部履行")
        seen = crawl(server.server.config.app, server.url, scene)
    secret = secrets_of(scene.bidders)
    found = [hit for e in seen for hit in leaks(e.where, e.text, secret)]
    assert found + log_leaks(caplog, secret) == []
    status = {"paused": "suspended", "revoked": "revoked"}[act]
    snapshot = [e for e in seen if e.route == "/api/v1/auctions/{auction_id}"]
    answered = [json.loads(e.body)["status"] for e in snapshot if e.status == 200]
    assert answered
    assert set(answered) == {status}


def test_after_the_close_only_the_confirmation_names_the_buyer(
    services: Services, server: support.LiveServer, clock: support.Clock
) -> None:
    """OJA Art 22: the sale confirmation, published at the close, shows the buyer's real
    identity; that is the one disclosure. Losing bidders stay codes (Art 18), and even the
    buyer's full ID number and phone appear nowhere (data minimisation, design.md)."""
    scene = live_auction(services, clock)
    clock.set(support.T0 + timedelta(days=1))
    assert scene.auction_id in close_due(services)
    buyer = scene.bidders[0]
    with httpx.Client(base_url=server.url, timeout=5.0) as http:
        result = http.get(f"/api/v1/auctions/{scene.auction_id}/result").json()
    confirmation = result["confirmation"]
    assert result["status"] == "sold"
    assert confirmation["buyer_name"] == buyer.name
    assert confirmation["buyer_code"] == result["winner"]
    assert confirmation["buyer_id_number"] == (
        buyer.id_number[:4] + "*" * 10 + buyer.id_number[-4:]
    )
    seen = crawl(server.server.config.app, server.url, scene)
    secret = secrets_of(scene.bidders)
    allowed = f"{buyer.name}'s name in"
    hits = [(e, hit) for e in seen for hit in leaks(e.where, e.text, secret)]
    assert any(hit.startswith(allowed) for _, hit in hits)  # the detector does see it
    found = [
        hit for e, hit in hits if not (hit.startswith(allowed) and e.route.endswith("/result"))
    ]
    assert found == []
    named = [e for e in seen if e.route.endswith("/result") and e.status == 200]
    assert named
    assert all(buyer.name in e.text for e in named)


def test_export_and_audit_trail_carry_codes_not_people(
    services: Services, clock: support.Clock, database_url: str, tmp_path: Path
) -> None:
    """The export is published (replay spec) and the audit trail is kept ten years: both
    must identify bidders by their codes only (OJA Art 18; app/audit/trail.py's promise)."""
    scene = live_auction(services, clock)
    secret = secrets_of(scene.bidders)
    open_export = json.dumps(export_auction(services.db, scene.auction_id), ensure_ascii=False)
    clock.set(support.T0 + timedelta(days=1))
    assert scene.auction_id in close_due(services)
    closed_export = json.dumps(export_auction(services.db, scene.auction_id), ensure_ascii=False)
    found = leaks("the export while live", open_export, secret)
    found += leaks("the export after the close", closed_export, secret)
    env = {
        **os.environ,
        "FAPAI_DATABASE_URL": database_url,
        "FAPAI_SECRET_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "FAPAI_DATA_DIR": str(tmp_path / "var"),
    }
    done = subprocess.run(
        [FAPAI, "export", str(scene.auction_id)], env=env, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    found += leaks("fapai export's output", done.stdout.decode() + done.stderr.decode(), secret)
    with services.db.engine.connect() as connection:  # type: ignore[attr-defined]
        rows = connection.execute(select(audit_records)).all()
    assert {row.action for row in rows} >= {
        "account.created", "registration.created", "deposit.confirmed", "deposit.refused",
        "bid.accepted", "bid.rejected", "preemptive_holder.confirmed", "deposit.applied",
        "deposit.released", "auction.sold",
    }  # fmt: skip
    for row in rows:
        found += leaks(
            f"audit record #{row.id} ({row.action})", f"{row.actor}\n{row.payload}", secret
        )
    assert found == []


def test_personal_data_is_encrypted_at_rest(
    services: Services, clock: support.Clock, database_url: str
) -> None:
    """The name, ID number and phone are stored only encrypted (OJA Art 18: a database
    dump is also a way to learn who bids). No column of any table holds them in clear;
    on SQLite not even the file's bytes do. The ciphertexts do decrypt to the values,
    so the data is there, just not readable."""
    scene = live_auction(services, clock)
    people = [*scene.bidders]
    plain = {
        f"{p.name}'s {what}": value.encode()
        for p in people
        for what, value in (
            ("name", p.name), ("ID number", p.id_number), ("birth date", p.id_number[6:14]),
            ("ID number's last 8", p.id_number[-8:]), ("phone", p.phone),
        )
    }  # fmt: skip
    found = []
    engine = services.db.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)).all():
                for column, value in zip(table.columns, row, strict=True):
                    if isinstance(value, str):
                        value = value.encode()
                    if not isinstance(value, bytes | bytearray | memoryview):
                        continue
                    stored = bytes(value)
                    found += [
                        f"{label} in {table.name}.{column.name}"
                        for label, needle in plain.items()
                        if needle in stored
                    ]
        accounts_rows = {
            row.id: row for row in connection.execute(select(metadata.tables["accounts"]))
        }
    assert found == []
    cipher = services.cipher
    for someone in scene.bidders:
        row = accounts_rows[someone.account_id]
        for column in ("name_enc", "id_number_enc", "phone_enc"):
            assert isinstance(row._mapping[column], bytes)
        assert cipher.decrypt(row.name_enc) == someone.name
        assert cipher.decrypt(row.id_number_enc) == someone.id_number
        assert cipher.decrypt(row.phone_enc) == someone.phone
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        raw = b"".join(
            p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
        )
        assert raw
        assert [label for label, needle in plain.items() if needle in raw] == []


def test_confirming_a_holder_twice_is_a_refusal_that_leaks_nothing(
    services: Services,
    server: support.LiveServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The court confirms preemptive-right holders by ID number (OJA Art 19). Error paths
    are where request data tends to escape into logs: confirming the same holder twice
    must be an ordinary refusal (409), and neither the answer nor any log line may carry
    the ID number (Art 18)."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    _, token = support.court_user(services, office.court_id, "enforcement")
    number = IDENTITIES[2][1]
    url = f"/api/v1/court/auctions/{auction_id}/preemptive-holders"
    with everything_logged(caplog), httpx.Client(base_url=server.url, timeout=5.0) as http:
        answers = [
            http.post(
                url,
                json={"id_number": number, "rank": 1, **support.HOLDER_BASIS},
                headers={"Authorization": f"Bearer {token}"},
            )
            for _ in range(2)
        ]
    secret = {
        "the holder's ID number": {number.lower()},
        "its birth date": {number[6:14]},
        "its last 8": {number[-8:].lower()},
    }
    found = [hit for a in answers for hit in leaks(f"answer {a.status_code}", a.text, secret)]
    assert found + log_leaks(caplog, secret) == []
    assert answers[0].status_code == 204
    assert answers[1].status_code == 409, answers[1].text
    assert answers[1].json()["error"]["code"]
