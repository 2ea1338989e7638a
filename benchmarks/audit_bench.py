"""The cost of ``fapai audit verify``: seconds per 1,000,000 audit records.

Builds a database through the ordinary use cases (a court, auctions, two paid-up
bidders each, then bids taking turns, judged and written by the bid path in batches
of ``BATCH`` as the combiner gathers them under load: every bid is one audit record
vouching for one bid row and one live event), then times verify:
in-process (the best of ``--runs``) and as the ``fapai audit verify`` command
(its wall time and peak memory, startup included). Verify reads every record,
recomputes its hash, and recomputes the digest of every fact row it names.

Prints a table and one JSON line (the last line of stdout); progress goes to stderr.

    .venv/bin/python benchmarks/audit_bench.py                     # 200,000 bids, SQLite
    .venv/bin/python benchmarks/audit_bench.py --backend both
    .venv/bin/python benchmarks/audit_bench.py --quick             # 1,000 bids (the smoke test)
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

FAPAI = Path(sys.executable).parent / "fapai"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
START_FEN, INCREMENT_FEN, DEPOSIT_FEN = 10_000_000, 100_000, 1_000_000
NAME = "竞买人"
BATCH = 50  # bids per transaction while building (the combiner's batches under load)
T0 = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def id_number(serial: int) -> str:
    """A well-formed, unique 18-character ID number."""
    born = datetime(1980, 1, 1) + timedelta(days=serial // 1000)
    body = f"310101{born:%Y%m%d}{serial % 1000:03d}"
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def populate(services: Any, clock: Clock, bids: int, per_auction: int) -> None:
    """Auctions of ``per_auction`` bids each, two bidders taking turns, ``bids`` in all."""
    from fapai import bootstrap
    from fapai.app.accounts import bidders, courts, principals
    from fapai.app.accounts import phone as phone_codes
    from fapai.app.auctions import bidding, registration, setup
    from fapai.app.lots import intake

    bank = bootstrap.simulated_bank(services)
    assert bank is not None
    court_id = courts.create_court(services, "bench-1zy", "基准测试人民法院", "上海")
    office = principals.authenticate(
        services, courts.create_court_user(services, court_id, "bench-office", "auction_office")
    )
    accounts = []
    for serial in range(2):
        phone = f"139{serial:08d}"
        code = phone_codes.send_code(services, phone).demo_code
        _, session = bidders.create_account(services, NAME, id_number(serial), phone, code)
        accounts.append(principals.authenticate(services, session.token).account_id)  # type: ignore[union-attr]
    placed, started = 0, time.perf_counter()
    while placed < bids:
        clock.now = T0 - timedelta(hours=1)
        lot = intake.create_lot(services, office, "基准房产", "real_estate", "上海市", {}, None)
        auction_id = setup.create_auction(
            services, office, lot, 1, START_FEN, INCREMENT_FEN, DEPOSIT_FEN, T0,
            T0 + timedelta(days=1),
        )  # fmt: skip
        for account_id in accounts:
            registration.register(services, account_id, auction_id, True)
            order = registration.request_deposit(services, account_id, auction_id)
            body, signature = bank.notice(order.order_ref, DEPOSIT_FEN, NAME, "BENCH")
            assert registration.accept_bank_notice(services, body, signature).status == "confirmed"
        clock.now = T0 + timedelta(hours=1)
        count = min(per_auction, bids - placed)
        for first in range(0, count, BATCH):
            batch = [
                bidding._Request(accounts[k % 2], f"{fen // 100}.00", fen, f"b{k}")
                for k in range(first, min(first + BATCH, count))
                for fen in [START_FEN + k * INCREMENT_FEN]
            ]
            for outcome in bidding._run_batch(services, auction_id, batch):
                assert isinstance(outcome, bidding.BidResult), outcome
                assert outcome.bid.reason is None, outcome.bid
        placed += min(per_auction, bids - placed)
        log(f"  {placed:,} bids ({placed / (time.perf_counter() - started):,.0f}/s)")


@contextlib.contextmanager
def database_url(backend: str, directory: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'audit.sqlite3'}"
        return
    import psycopg

    name = f"fapai_audit_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def measure(backend: str, bids: int, per_auction: int, runs: int) -> dict[str, Any]:
    from fapai import bootstrap
    from fapai.app.audit.trail import verify
    from fapai.config import Settings

    key = secrets.token_bytes(32)
    with tempfile.TemporaryDirectory() as tmp, database_url(backend, Path(tmp)) as url:
        clock = Clock(T0)
        services, database = bootstrap.build(
            Settings(url, key, Path(tmp), bank="simulated", sms="simulated"), clock=clock
        )
        try:
            log(f"{backend}: placing {bids:,} bids")
            started = time.perf_counter()
            populate(services, clock, bids, per_auction)
            setup_s = time.perf_counter() - started
            times, cpu = [], []
            for _ in range(runs):
                started, cpu_started = time.perf_counter(), time.process_time()
                result = verify(services)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
                assert result.problem is None, result.problem
        finally:
            database.dispose()
        env = {
            **os.environ,
            "FAPAI_DATABASE_URL": url,
            "FAPAI_SECRET_KEY": base64.b64encode(key).decode(),
            "FAPAI_DATA_DIR": tmp,
        }
        started = time.perf_counter()
        done = subprocess.run([FAPAI, "audit", "verify"], env=env, capture_output=True, text=True)
        cli_s = time.perf_counter() - started
        assert done.returncode == 0, done.stderr
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    best = min(times)
    return {
        "bids": bids,
        "records": result.records,
        "facts": result.facts,
        "setup_s": round(setup_s, 1),
        "verify_s": round(best, 3),
        "per_million_records_s": round(best * 1_000_000 / result.records, 1),
        # this process's CPU only (on PostgreSQL the server's work is not in it); the
        # machine is shared, so wall time includes waiting for a core
        "verify_cpu_s": round(min(cpu), 3),
        "per_million_records_cpu_s": round(min(cpu) * 1_000_000 / result.records, 1),
        "load_average": round(os.getloadavg()[0], 1),
        "records_per_s": round(result.records / best),
        "cli_s": round(cli_s, 2),
        "cli_peak_mb": round(peak_mb, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--bids", type=int, default=200_000)
    parser.add_argument("--per-auction", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="1,000 bids, one run")
    args = parser.parse_args()
    if args.quick:
        args.bids, args.per_auction, args.runs = 1_000, 250, 1
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    summary: dict[str, Any] = {"bids": args.bids, "per_auction": args.per_auction}
    print(f"{'backend':<11} {'records':>9} {'facts':>9} {'verify s':>9} {'s per 1M':>9} "
          f"{'CPU per 1M':>10} {'CLI s':>7} {'CLI MB':>7}")  # fmt: skip
    for backend in backends:
        figures = measure(backend, args.bids, args.per_auction, args.runs)
        summary[backend] = figures
        print(
            f"{backend:<11} {figures['records']:>9,} {figures['facts']:>9,} "
            f"{figures['verify_s']:>9.2f} {figures['per_million_records_s']:>9.1f} "
            f"{figures['per_million_records_cpu_s']:>10.1f} "
            f"{figures['cli_s']:>7.2f} {figures['cli_peak_mb']:>7.1f}"
        )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
