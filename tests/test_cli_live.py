"""The ``fapai`` command as an operator runs it against a live database: ``db upgrade``,
``export`` (whose file ``replay`` must turn back into the live result), ``worker
--once``, ``serve --demo``, and one-line errors for bad settings.

Why it matters: the export is how anyone checks a published outcome against the bid
record (OJA Art 3: the whole process is public; Art 20: the whole bid history is kept and
shown), the worker settles auctions at the close (Arts 22-23), and operators script these
commands, so an error must be one line with exit status 2, never a traceback.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, inspect, select

import support
from fapai.app.auctions import bidding, queries
from fapai.app.auctions.closing import close_due
from fapai.app.services import Services
from fapai.storage.tables import audit_heads, audit_seals, metadata

FAPAI = str(Path(sys.executable).parent / "fapai")
COMMANDS = ("serve", "worker", "export", "db", "audit", "replay", "calendar")


def env_for(database_url: str | None, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("FAPAI_DATABASE_URL", "FAPAI_SECRET_KEY", "FAPAI_DATA_DIR")
    }
    env["FAPAI_SECRET_KEY"] = base64.b64encode(secrets.token_bytes(32)).decode()
    env["FAPAI_DATA_DIR"] = str(tmp_path / "var")
    if database_url is not None:
        env["FAPAI_DATABASE_URL"] = database_url
    env.update(extra)
    return env


def fapai(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [FAPAI, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_help_lists_every_command(tmp_path: Path) -> None:
    """An operator finds every job from ``fapai --help`` (and from a bare ``fapai``)."""
    for args in (["--help"], []):
        shown = fapai(env_for(None, tmp_path), tmp_path, *args)
        assert shown.returncode == 0, shown.stderr
        listed = shown.stdout.split("Commands:", 1)[1]
        listed_names = {line.split()[0] for line in listed.splitlines() if line.strip()}
        assert listed_names >= set(COMMANDS), shown.stdout


def test_db_upgrade_creates_the_schema_and_is_idempotent(
    empty_database_url: str, tmp_path: Path
) -> None:
    """``fapai db upgrade`` makes a fresh database (a new SQLite file, an empty PostgreSQL
    database) ready, with the system audit chain begun; running it again changes nothing."""
    if empty_database_url.startswith("sqlite:///"):
        assert not Path(empty_database_url.removeprefix("sqlite:///")).exists()
    env = env_for(empty_database_url, tmp_path)
    for _ in range(2):
        done = fapai(env, tmp_path, "db", "upgrade")
        assert done.returncode == 0, done.stderr
        assert done.stdout == "database is at the newest schema\n"
        assert done.stderr == ""
    engine = create_engine(empty_database_url)
    try:
        assert set(inspect(engine).get_table_names()) >= {*metadata.tables, "alembic_version"}
        with engine.connect() as connection:
            heads = connection.execute(select(audit_heads.c.scope, audit_heads.c.seq)).all()
        assert [tuple(row) for row in heads] == [("system", 0)]
    finally:
        engine.dispose()


def _soft_closed_auction(services: Services, clock: support.Clock) -> int:
    """A sold auction extended twice by late bids, with refused bids in its history."""
    office = support.office(services)
    auction_id = support.auction(services, office)
    first, second = support.bidder(services, "甲"), support.bidder(services, "乙")
    for someone in (first, second):
        support.pay_deposit(services, someone, auction_id)
    end = support.T0 + timedelta(days=1)
    for at, someone, amount in (
        (support.T0 + timedelta(hours=1), first, "100000.00"),
        (support.T0 + timedelta(hours=2), second, "1,000"),  # invalid, echoed as sent
        (support.T0 + timedelta(hours=3), second, "101500.00"),  # off the increment
        (end - timedelta(minutes=2), second, "101000.00"),  # extends to end + 3 min
        (end + timedelta(minutes=1), first, "102000.00"),  # extends to end + 6 min
    ):
        clock.set(at)
        bidding.place_bid(services, someone.account_id, auction_id, amount, secrets.token_hex(8))
    return auction_id


def test_exported_file_replays_to_the_live_result(
    services: Services, clock: support.Clock, database_url: str, tmp_path: Path
) -> None:
    """``fapai export ID -o FILE`` writes a fapai-replay/1 file and ``fapai replay FILE``
    gives the very outcome the live system published: status, winner, price, end and
    extensions (OJA Arts 20-22; replay spec)."""
    sold = _soft_closed_auction(services, clock)
    unsold = support.auction(services, support.office(services, "bj-hd"))
    clock.set(support.T0 + timedelta(days=1, minutes=10))
    assert sorted(close_due(services)) == sorted([sold, unsold])
    env = env_for(database_url, tmp_path)
    for auction_id in (sold, unsold):
        path = tmp_path / f"auction-{auction_id}.json"
        written = fapai(env, tmp_path, "export", str(auction_id), "-o", str(path))
        assert (written.returncode, written.stdout, written.stderr) == (0, "", "")
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["format"] == "fapai-replay/1"
        printed = fapai(env, tmp_path, "export", str(auction_id))
        assert printed.returncode == 0, printed.stderr
        assert printed.stdout == path.read_text(encoding="utf-8")
        replayed = fapai(env, tmp_path, "replay", str(path))
        assert replayed.returncode == 0, replayed.stderr
        outcome = json.loads(replayed.stdout)
        live = queries.result(services, auction_id)
        keys = ("status", "winner", "price", "ends_at", "extensions")
        assert {k: outcome[k] for k in keys} == {k: live[k] for k in keys}
    assert (outcome["status"], outcome["bids"]) == ("unsold", [])
    sold_outcome = json.loads(
        fapai(env, tmp_path, "replay", str(tmp_path / f"auction-{sold}.json")).stdout
    )
    assert sold_outcome["extensions"] == 2
    assert [(b["amount"], b["reason"]) for b in sold_outcome["bids"]] == [
        ("100000.00", None), ("1,000", "invalid_amount"), ("101500.00", "off_increment"),
        ("101000.00", None), ("102000.00", None),
    ]  # fmt: skip


def test_export_of_an_unknown_auction_is_one_line(database_url: str, tmp_path: Path) -> None:
    """A wrong id is an operator's mistake: exit 2, one line, nothing on stdout."""
    done = fapai(env_for(database_url, tmp_path), tmp_path, "export", "999")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == ["fapai export: error: not_found: Auction not found."]


UNREACHABLE = "postgresql+psycopg://fapai@127.0.0.1:1/fapai"


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["db", "upgrade"], "db upgrade"),
        (["audit", "verify"], "audit verify"),
        (["export", "1"], "export"),
        (["worker", "--once"], "worker"),
        (["serve"], "serve"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("mysql://x", "FAPAI_DATABASE_URL must start with"),
        (UNREACHABLE, "cannot use the database: connection failed"),
    ],
    ids=["unsupported URL", "unreachable PostgreSQL"],
)
def test_bad_database_settings_are_one_line(
    args: list[str], name: str, url: str, says: str, tmp_path: Path
) -> None:
    """A database URL that cannot work gives exit 2 and one line naming the problem, for
    every command that uses the database, and never a traceback."""
    extra = ["--port", str(support.free_port())] if args == ["serve"] else []
    done = fapai(env_for(url, tmp_path), tmp_path, *args, *extra)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"fapai {name}: error: ")
    assert says in lines[0]
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ("not base64!", "FAPAI_SECRET_KEY is not base64"),
        (base64.b64encode(b"short").decode(), "FAPAI_SECRET_KEY must decode to at least 32"),
    ],
    ids=["not base64", "too short"],
)
def test_bad_secret_key_is_one_line(key: str, says: str, tmp_path: Path) -> None:
    """The key that encrypts personal data (OJA Art 18) must be usable, or nothing starts."""
    env = env_for(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path, FAPAI_SECRET_KEY=key)
    done = fapai(env, tmp_path, "db", "upgrade")
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"fapai db upgrade: error: {says}")


def test_worker_once_settles_what_is_due(
    services: Services, clock: support.Clock, database_url: str, tmp_path: Path
) -> None:
    """``fapai worker --once`` settles, by the real clock, every auction whose bidding has
    ended (sold to the leader, or unsold), leaves running ones alone, seals the audit
    trail, and settles nothing twice (OJA Arts 22-23)."""
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(days=2)
    clock.set(start - timedelta(days=1))
    office = support.office(services)
    sold = support.auction(services, office, starts_at=start)  # ended a day ago
    unsold = support.auction(services, office, starts_at=start)
    running = support.auction(services, office, starts_at=now - timedelta(hours=1))
    someone = support.bidder(services, "甲")
    for auction_id in (sold, running):
        support.pay_deposit(services, someone, auction_id)
    clock.set(start + timedelta(hours=1))
    bidding.place_bid(services, someone.account_id, sold, "100000.00", "k1")
    clock.set(now)
    bidding.place_bid(services, someone.account_id, running, "100000.00", "k2")
    env = env_for(database_url, tmp_path)
    done = fapai(env, tmp_path, "worker", "--once")
    assert (done.returncode, done.stdout, done.stderr) == (0, "settled 2 auction(s)\n", "")
    with services.db.read() as tx:
        status = {a: tx.auction(a).status for a in (sold, unsold, running)}  # type: ignore[union-attr]
    assert status == {sold: "sold", unsold: "unsold", running: "open"}
    result = queries.result(services, sold)
    assert (result["price"], result["confirmation"]["buyer_name"]) == ("100000.00", "甲")
    with services.db.engine.connect() as connection:  # type: ignore[attr-defined]
        assert connection.execute(select(audit_seals.c.id)).all()
    again = fapai(env, tmp_path, "worker", "--once")
    assert (again.returncode, again.stdout) == (0, "settled 0 auction(s)\n")


@contextmanager
def demo_server(tmp_path: Path, env: dict[str, str]) -> Iterator[httpx.Client]:
    """``fapai serve --demo`` in ``tmp_path``, once it answers; terminated afterwards."""
    port = support.free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [FAPAI, "serve", "--demo", "--port", str(port)],
            cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5.0) as http:
            while True:
                assert process.poll() is None, log_path.read_text()
                assert time.monotonic() < deadline, "fapai serve --demo did not come up"
                try:
                    http.get("/api/v1/time")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)  # bounded polling while the subprocess starts
            yield http
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def test_serve_demo_smoke(tmp_path: Path) -> None:
    """``fapai serve --demo`` (README: scripts/demo.sh) is the first thing a visitor runs:
    it must come up with auctions in every state, and a live one whose snapshot carries
    the server time and the event sequence that its countdown and live updates rely on
    (OJA Art 20)."""
    env = env_for(None, tmp_path)
    del env["FAPAI_SECRET_KEY"]  # as the README runs it: the key is made in var/demo
    with demo_server(tmp_path, env) as http:
        listing = http.get("/api/v1/auctions", params={"per_page": 100}).json()
        statuses = {item["status"] for item in listing["items"]}
        assert statuses >= {"upcoming", "live", "sold", "unsold"}, statuses
        live = next(item for item in listing["items"] if item["status"] == "live")
        snapshot = http.get(f"/api/v1/auctions/{live['id']}").json()
    assert isinstance(snapshot["seq"], int)
    assert datetime.fromisoformat(snapshot["server_time"]).utcoffset() == timedelta(hours=8)
    assert (tmp_path / "var" / "demo" / "demo.sqlite3").is_file()


def test_serve_demo_with_a_configured_secret_key(tmp_path: Path) -> None:
    """An operator who has set FAPAI_SECRET_KEY (config.py: the way to give the key) must
    still be able to start the demo; it makes its own var/demo directory."""
    with demo_server(tmp_path, env_for(None, tmp_path)) as http:
        assert http.get("/api/v1/auctions").status_code == 200
