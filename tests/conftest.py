"""Shared fixtures: every storage test runs on SQLite and on PostgreSQL.

PostgreSQL is the machine's server on 127.0.0.1:5432 when it answers; if not,
a throwaway cluster is started with initdb/pg_ctl for the session; only when
neither works are the PostgreSQL cases skipped, and the run's last lines say so.

After every test that used a database, each auction in it is exported and
replayed, and the replay must give the live outcome (issue: "checked for every
auction the test suite runs"); the audit trail must verify, and the ledger's
invariants must hold (no money created or lost, deposits held as registered).
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import create_engine

from fapai import bootstrap
from fapai.app.auctions.export import export_auction
from fapai.app.audit.trail import verify
from fapai.app.ledger import checks, flows
from fapai.app.replay.runner import render, replay
from fapai.app.services import Services
from fapai.config import Sessions, Settings
from fapai.storage.migrate import upgrade
from fapai.web.live import Broker
from postgres import DEFAULT, Throwaway, answers
from support import NO_LIMITS, T0, Clock, LiveServer

_pg: dict[str, Any] = {"dsn": None, "how": "not needed", "cluster": None}
_pg_by_worker: set[str] = set()  # with xdist, each worker's own answer
LONG_SESSIONS = Sessions(bidder_hours=10**6)


@pytest.fixture(scope="session")
def pg_dsn() -> Iterator[str | None]:
    if answers(DEFAULT):
        _pg.update(dsn=DEFAULT, how="the server on 127.0.0.1:5432")
    else:
        try:
            cluster = Throwaway()
            _pg.update(
                dsn=cluster.dsn, how=f"a throwaway cluster on port {cluster.port}", cluster=cluster
            )
        except Exception as error:  # no binaries, no permission: say so at the end
            _pg.update(how=f"SKIPPED, none available ({error})")
    yield _pg["dsn"]
    if _pg["cluster"] is not None:
        _pg["cluster"].stop()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """An xdist worker hands its answer to the controller, which prints the summary."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["postgresql"] = _pg["how"]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    how = getattr(node, "workeroutput", {}).get("postgresql", "not needed")
    if how != "not needed":
        _pg_by_worker.add(how)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    found = sorted(_pg_by_worker) or [_pg["how"]]
    terminalreporter.write_line(f"PostgreSQL tests: {'; '.join(found)}")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database migrated once per worker: each test starts from a copy (the
    migrations take half a second, a copy a millisecond; the migrations themselves are
    tested in test_migrations.py and test_audit_facts.py)."""
    path = tmp_path_factory.mktemp("template") / "fapai.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template(pg_dsn: str | None) -> Iterator[str | None]:
    """PostgreSQL's counterpart: a migrated database each test's is created from."""
    if pg_dsn is None:
        yield None
        return
    name = f"fapai_template_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    engine = create_engine(_url(pg_dsn, name))
    upgrade(engine)
    engine.dispose()
    yield name
    with psycopg.connect(pg_dsn, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _url(pg_dsn: str, name: str) -> str:
    return f"{pg_dsn.rsplit('/', 1)[0].replace('postgresql://', 'postgresql+psycopg://')}/{name}"


@contextmanager
def fresh_database(
    request: pytest.FixtureRequest,
    kind: str,
    directory: Path,
    pg_dsn: str | None,
    migrated: bool = True,
) -> Iterator[str]:
    """A database of ``kind``, dropped after: migrated (a copy of the worker's template)
    or empty (no SQLite file yet)."""
    if kind == "sqlite":
        path = directory / "fapai.sqlite3"
        if migrated:
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    if pg_dsn is None:
        pytest.skip("no PostgreSQL server could be reached or started")
    template = f' TEMPLATE "{request.getfixturevalue("pg_template")}"' if migrated else ""
    name = f"fapai_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"{template}')
    yield _url(pg_dsn, name)
    with psycopg.connect(pg_dsn, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, pg_dsn: str | None
) -> Iterator[str]:
    with fresh_database(request, request.param, tmp_path, pg_dsn) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(
    request: pytest.FixtureRequest, tmp_path: Path, pg_dsn: str | None
) -> Iterator[str]:
    """A database no migration has touched, for the tests of the migrations themselves."""
    with fresh_database(request, request.param, tmp_path, pg_dsn, migrated=False) as url:
        yield url


@pytest.fixture
def clock() -> Clock:
    """Server time, starting one day before bidding opens (T0)."""
    return Clock(T0 - timedelta(days=1))


@pytest.fixture
def broker() -> Broker:
    return Broker()


@pytest.fixture
def secret_key() -> bytes:
    """The database's key: every Services over one database shares it (the registrations'
    account commitments are keyed with it, and verify checks them)."""
    return secrets.token_bytes(32)


@pytest.fixture
def services(
    database_url: str, clock: Clock, broker: Broker, tmp_path: Path, secret_key: bytes
) -> Iterator[Services]:
    settings = settings_for(database_url, tmp_path, secret_key)
    built, database = bootstrap.build(settings, clock=clock, publish=broker.publish)
    yield built
    try:
        check_afterwards(built)
    finally:
        database.dispose()


def settings_for(database_url: str, tmp_path: Path, secret_key: bytes) -> Settings:
    """The settings of every test's services: bidders' sessions as long as any test's clock
    runs (tests move it by months; the lifetime itself is tested in
    test_security_sessions.py), the simulated bank and SMS."""
    return Settings(
        database_url, secret_key, tmp_path, sessions=LONG_SESSIONS, bank="simulated",
        sms="simulated",
    )  # fmt: skip


def check_afterwards(built: Services) -> None:
    """What must hold after any test: every auction replays to its outcome, the audit
    trail verifies, and the ledger's invariants hold once the closer's alerts are raised."""
    check_exports_replay(built)
    result = verify(built)
    assert result.problem is None, result.problem
    flows.raise_alerts(built)  # the closer's alert job, as in a running server
    problems = checks.check(built.db, built.clock())
    assert not problems, problems


@pytest.fixture
def real_services(services, database_url: str, tmp_path: Path, secret_key: bytes):
    """Services on the fixture's database with the real clock and its key, which we also
    give the server (``services`` is requested so that the conftest replays this database)."""
    key = secret_key
    built, database = bootstrap.build(
        Settings(database_url, key, tmp_path, bank="simulated", sms="simulated")
    )
    env = {
        **os.environ,
        "FAPAI_BANK": "simulated",
        "FAPAI_ALLOW_SIMULATED_BANK": "1",
        "FAPAI_DATABASE_URL": database_url,
        "FAPAI_SECRET_KEY": base64.b64encode(key).decode(),
        "FAPAI_DATA_DIR": str(tmp_path / "data"),
        "FAPAI_SMS": "simulated",
        **{f"FAPAI_LIMIT_{name.upper()}": "0" for name in NO_LIMITS.__dataclass_fields__
           if "timeout" not in name},
    }  # fmt: skip
    yield built, env
    database.dispose()


@pytest.fixture
def server(services: Services, broker: Broker) -> Iterator[LiveServer]:
    live = LiveServer(services, broker)
    yield live
    live.stop()


@pytest.fixture
def http(server: LiveServer) -> Iterator[httpx.Client]:
    """An HTTP client of the live test server."""
    with httpx.Client(base_url=server.url) as client:
        yield client


def check_exports_replay(services: Services) -> None:
    """Every auction's export, replayed, gives the live price, leader, end and verdicts."""
    with services.db.read() as tx:
        rows, _ = tx.search(_everything(), services.clock(), 0, 100_000)
    for listing in rows:
        auction = listing.auction
        document = export_auction(services.db, auction.id)
        out: list[str] = []
        render(replay(json.loads(json.dumps(document), parse_float=Decimal)), out.append)
        replayed = json.loads("".join(out))
        with services.db.read() as tx:
            stored = tx.bids(auction.id, accepted_only=False)
        assert [b["reason"] for b in replayed["bids"]] == [b.reason for b in stored], auction.id
        assert replayed["winner"] == auction.leader_code, auction.id
        price = replayed["price"]
        assert (None if price is None else Decimal(price)) == (
            None if auction.price is None else Decimal(auction.price) / 100
        ), auction.id
        assert datetime.fromisoformat(replayed["ends_at"]) == auction.effective_end, auction.id
        assert replayed["extensions"] == auction.extensions, auction.id
        # what bidding ended in, whatever happened after; bidding the court cut short
        # (paused, revoked) has no verdict of its own, only the leader and price above
        if auction.status not in ("open", "postponed", "suspended", "revoked"):
            ended = {"defaulted": "sold", "in_lieu": "unsold"}.get(auction.status, auction.status)
            assert replayed["status"] == ended, auction.id


def _everything() -> Any:
    from fapai.app.auctions.ports import AuctionFilter

    return AuctionFilter()
