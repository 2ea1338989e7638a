"""The court's ledger on SQLite and PostgreSQL: postings/s and `fapai ledger check` time.

  * writes: deposit received (bank -> deposit), released (deposit -> refund) and
    refund sent (refund -> bank), two postings each, through the real ``Tx.post``
    port inside ``services.db.write()``; one transaction per commit (what a live
    use case does) and 500 per commit (a bulk load), from 1 thread and from 4
    threads on distinct auctions, over thousands of registrations, hundreds of
    auctions and 3 courts;
  * check: ``checks.check(services.db, now)`` over ``--postings`` postings
    (default 1,000,000) that a benchmark-only loader writes straight into the
    tables (balances and registrations consistent, so the check finds nothing),
    min/median of 3 runs, each query of the check timed alone, and the
    ``fapai ledger check`` command when the CLI has it; database size on disk.

Courts, court users, lots and auctions are made through the use cases; bidder
accounts and registrations are bulk-inserted. Progress goes to stderr; stdout
is a table and one JSON line (the last line).

    .venv/bin/python benchmarks/ledger_bench.py                      # both, 1M postings
    .venv/bin/python benchmarks/ledger_bench.py --quick              # ~20 s, for CI
    .venv/bin/python benchmarks/ledger_bench.py --backend sqlite --postings 200000
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

FAPAI = Path(sys.executable).parent / "fapai"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/{}"
COURTS = 3
BATCH = 500  # ledger transactions per commit in the bulk-write scenarios
THREADS = 4
T0 = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)


def log(message: str) -> None:
    print(f"[ledger_bench] {message}", file=sys.stderr, flush=True)


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# -- databases ---------------------------------------------------------------------------


@dataclass
class Target:
    backend: str
    url: str
    data_dir: Path
    size_mb: Callable[[], float]


def pg_answers() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return True
    except Exception:
        return False


@contextlib.contextmanager
def fresh_database(backend: str, label: str) -> Iterator[Target]:
    """An empty database and data directory, removed afterwards whatever happens."""
    with tempfile.TemporaryDirectory(prefix=f"fapai-ledger-{label}-") as tmp:
        data_dir = Path(tmp)
        if backend == "sqlite":
            path = data_dir / "fapai.sqlite3"

            def sqlite_mb() -> float:
                files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
                return sum(f.stat().st_size for f in files if f.exists()) / 1e6

            yield Target(backend, f"sqlite:///{path}", data_dir, sqlite_mb)
            return
        import psycopg

        name = f"fapai_ledger_{label}_{os.getpid()}_{secrets.token_hex(3)}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:

            def pg_mb() -> float:
                with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                    row = conn.execute("SELECT pg_database_size(%s)", (name,)).fetchone()
                return int(row[0]) / 1e6 if row else 0.0

            yield Target(backend, PG_URL.format(name), data_dir, pg_mb)
        finally:
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def build(target: Target, key: bytes) -> tuple[Any, Any]:
    from fapai import bootstrap
    from fapai.config import Settings

    return bootstrap.build(
        Settings(target.url, key, target.data_dir, bank="simulated", sms="simulated")
    )


# -- fixtures: courts and auctions through the use cases, the rest in bulk ------------------


@dataclass(frozen=True)
class Auction:
    id: int
    court_id: int
    deposit: int


@dataclass(frozen=True)
class Registration:
    id: int
    auction: Auction


def make_auctions(services: Any, count: int) -> list[Auction]:
    """``count`` auctions spread over ``COURTS`` courts, made through the use cases."""
    from fapai.app.accounts import courts, principals
    from fapai.app.auctions import setup
    from fapai.app.lots import intake

    offices = []
    for n in range(COURTS):
        court_id = courts.create_court(services, f"ledger-{n}", f"账本测试{n}号法院", "上海")
        token = courts.create_court_user(services, court_id, f"ledger-{n}-office", "auction_office")
        offices.append((court_id, principals.authenticate(services, token)))
    made = []
    for i in range(count):
        court_id, office = offices[i % COURTS]
        start = 10_000_000 * (1 + i % 40)  # 100,000 to 4,000,000 yuan
        lot = intake.create_lot(services, office, f"房产{i}", "real_estate", "上海市", {}, None)
        auction_id = setup.create_auction(
            services, office, lot, 1, start, start // 100, start // 10,
            T0, T0 + timedelta(days=1),
        )  # fmt: skip
        made.append(Auction(auction_id, court_id, start // 10))
    return made


def bulk_insert(
    tx: Any, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
) -> int:
    """Rows straight into ``table``: COPY on PostgreSQL, executemany on SQLite."""
    count = 0
    if tx.c.dialect.name == "postgresql":
        raw = tx.c.connection.driver_connection
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == 50_000:
            tx.c.exec_driver_sql(sql, chunk)
            count += len(chunk)
            chunk = []
    if chunk:
        tx.c.exec_driver_sql(sql, chunk)
        count += len(chunk)
    return count


def stamp(tx: Any, at: datetime) -> Any:
    """A naive-UTC time as the ``UtcDateTime`` column stores it on this backend."""
    naive = at.astimezone(UTC).replace(tzinfo=None)
    return naive if tx.c.dialect.name == "postgresql" else f"{naive:%Y-%m-%d %H:%M:%S.%f}"


def reset_sequences(tx: Any, tables: Sequence[str]) -> None:
    if tx.c.dialect.name == "postgresql":
        for table in tables:
            tx.c.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
            )


def add_registrations(
    database: Any, auctions: list[Auction], count: int, statuses: Callable[[int, int], str]
) -> list[Registration]:
    """``count`` registrations spread evenly over ``auctions`` (bidder accounts shared
    between auctions), in bulk; ``statuses(auction_index, k)`` is the k-th one's status."""
    from fapai.storage.tables import registrations

    # The deposit each registration owes, where the schema keeps one (else the auction's).
    required = "deposit_required" in registrations.c
    per_auction = -(-count // len(auctions))
    bidders = max(per_auction, min(count, 5_000))
    made: list[Registration] = []
    with database.write() as tx:
        at = stamp(tx, T0 - timedelta(days=3))
        bulk_insert(
            tx, "accounts",
            ("id", "token_hash", "name_enc", "id_number_enc", "phone_enc", "name_index",
             "id_number_index", "created_at"),
            ((n, f"{n:064x}", b"\0" * 40, b"\0" * 46, b"\0" * 39, f"{0:064x}",
              f"{n:063x}i", at) for n in range(1, bidders + 1)),
        )  # fmt: skip
        rows = []
        for r in range(count):
            index, k = r % len(auctions), r // len(auctions)
            auction = auctions[index]
            status = statuses(index, k)
            account = (index * 7919 + k) % bidders + 1
            confirmed = None if status in ("unpaid", "pending", "refused") else at
            row = (r + 1, auction.id, account, f"{k + 1:04d}", None, False, status, at,
                   confirmed, at)  # fmt: skip
            rows.append((*row, auction.deposit) if required else row)
            made.append(Registration(r + 1, auction))
        bulk_insert(
            tx, "registrations",
            ("id", "auction_id", "account_id", "code", "preemptive_rank", "barred",
             "deposit_status", "warnings_acknowledged_at", "deposit_confirmed_at", "created_at",
             *(["deposit_required"] if required else [])),
            rows,
        )  # fmt: skip
        reset_sequences(tx, ("accounts", "registrations"))
    return made


# -- (a) writing through Tx.post ---------------------------------------------------------


@dataclass(frozen=True)
class Step:
    kind: str  # received | released | sent
    registration: Registration


def lifecycles(registrations: list[Registration], count: int, seed: int) -> list[Step]:
    """``count`` deposit lifecycles (3 transactions each) in waves over ``registrations``:
    every deposit of a wave arrives, then all are released, then all refunds go out."""
    rng = random.Random(seed)
    steps: list[Step] = []
    while count > 0:
        wave = rng.sample(registrations, min(count, len(registrations)))
        for kind in ("received", "released", "sent"):
            rng.shuffle(wave)
            steps += [Step(kind, r) for r in wave]
        count -= len(wave)
    return steps


def post_step(tx: Any, step: Step, at: datetime) -> None:
    from fapai.domain.ledger.postings import bank, deposit, refund, transfer

    r = step.registration
    a = r.auction
    if step.kind == "received":
        postings = transfer(bank(a.court_id), deposit(a.id, r.id), a.deposit)
        actor, bank_ref = "bank", f"B{secrets.token_hex(8)}"
    elif step.kind == "released":
        postings = transfer(deposit(a.id, r.id), refund(f"registration:{r.id}"), a.deposit)
        actor, bank_ref = "system:closer", None
    else:
        postings = transfer(refund(f"registration:{r.id}"), bank(a.court_id), a.deposit)
        actor, bank_ref = "system:refunds", f"R{secrets.token_hex(8)}"
    tx.post(
        a.court_id, a.id, f"deposit.{step.kind}", f"registration {r.id}", postings, at, actor,
        bank_ref,
    )  # fmt: skip


def write_stream(database: Any, steps: list[Step], per_commit: int) -> list[float]:
    """Post ``steps`` in order, ``per_commit`` ledger transactions per ``db.write()``;
    the seconds each commit took."""
    took = []
    for first in range(0, len(steps), per_commit):
        batch = steps[first : first + per_commit]
        if per_commit > 1:
            # The bank:{court} balance rows are the only ones two threads share: take
            # them in one order (a stable sort keeps each account's own order).
            batch = sorted(batch, key=lambda s: s.registration.auction.court_id)
        started = time.perf_counter()
        with database.write(batch[0].registration.auction.id) as tx:
            now = datetime.now(UTC)
            for step in batch:
                post_step(tx, step, now)
        took.append(time.perf_counter() - started)
    return took


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def write_scenario(
    database: Any, registrations: list[Registration], postings: int, threads: int, per_commit: int
) -> dict[str, Any]:
    lives = max(threads, postings // 6 // threads * threads)  # 3 transactions of 2 postings
    streams = []
    for t in range(threads):
        mine = [r for r in registrations if r.auction.id % threads == t]
        streams.append(lifecycles(mine, lives // threads, seed=t))
    total = sum(len(s) for s in streams)
    gate = threading.Barrier(threads + 1)

    def run(steps: list[Step]) -> list[float]:
        gate.wait()
        return write_stream(database, steps, per_commit)

    with ThreadPoolExecutor(threads) as pool:
        futures = [pool.submit(run, s) for s in streams]
        gate.wait()
        started = time.perf_counter()
        took = [x for f in futures for x in f.result()]
        wall = time.perf_counter() - started
    return {
        "postings": 2 * total,
        "transactions": total,
        "commits": len(took),
        "seconds": round(wall, 3),
        "postings_per_s": round(2 * total / wall),
        "commit_p50_ms": round(percentile(took, 0.5) * 1000, 2),
        "commit_p99_ms": round(percentile(took, 0.99) * 1000, 2),
    }


SCENARIOS = (
    # key, threads, ledger transactions per commit
    ("commit_each_1t", 1, 1),
    ("commit_each_4t", THREADS, 1),
    (f"batch{BATCH}_1t", 1, BATCH),
    (f"batch{BATCH}_4t", THREADS, BATCH),
)


def run_writes(
    target: Target, key: bytes, postings: int, auctions: int, registrations: int
) -> dict[str, Any]:
    from fapai.app.ledger import checks

    services, database = build(target, key)
    try:
        started = time.perf_counter()
        made = make_auctions(services, auctions)
        # Every lifecycle ends with the refund sent: the ledger holds nothing, as the
        # registrations' status says.
        regs = add_registrations(database, made, registrations, lambda i, k: "released")
        log(f"{target.backend}: write fixture in {time.perf_counter() - started:.1f} s")
        out: dict[str, Any] = {"registrations": len(regs), "auctions": len(made)}
        for name, threads, per_commit in SCENARIOS:
            out[name] = write_scenario(database, regs, postings, threads, per_commit)
            log(f"{target.backend}: {name}: {out[name]['postings_per_s']:,} postings/s")
        problems = checks.check(services.db, datetime.now(UTC))
        out["check_problems"] = len(problems)
        for problem in problems[:5]:
            log(f"{target.backend}: write check: {problem}")
        out["db_mb"] = round(target.size_mb(), 1)
    finally:
        database.dispose()
    return out


# -- (b) one million postings and `fapai ledger check` ------------------------------------


def auction_state(index: int) -> str:
    return "open" if index % 3 == 0 else "closed"


def registration_status(index: int, k: int) -> str:
    if auction_state(index) == "open":
        return "confirmed"
    return "applied" if k == 0 else "released"


@dataclass
class Ledger:
    transactions: list[tuple[Any, ...]]
    postings: list[tuple[Any, ...]]
    balances: dict[str, list[int]]  # account -> [court, balance]


def build_ledger(
    auctions: list[Auction], registrations: list[Registration], transactions: int, seed: int = 7
) -> Ledger:
    """``transactions`` two-posting transactions, interleaved in time as they would be."""
    from fapai.domain.ledger.postings import bank, deposit, proceeds, refund

    rng = random.Random(seed)
    index_of = {a.id: i for i, a in enumerate(auctions)}
    first: dict[int, int] = {}
    for r in registrations:
        first.setdefault(r.auction.id, r.id)  # the buyer, in a closed auction
    # (time, court, auction, kind, memo, debit, credit, amount, actor, has bank ref)
    items: list[tuple[float, int, int | None, str, str, str, str, int, str, bool]] = []
    for r in registrations:
        a = r.auction
        held, memo = deposit(a.id, r.id), f"registration {r.id}"
        start = rng.random()
        items.append((start, a.court_id, a.id, "deposit.received", memo, bank(a.court_id), held,
                      a.deposit, "bank", True))  # fmt: skip
        if auction_state(index_of[a.id]) == "open":
            continue
        closed = start + 0.01 + rng.random() * 0.02
        if r.id == first[a.id]:
            items.append((closed, a.court_id, a.id, "deposit.applied", memo, held,
                          proceeds(a.id), a.deposit, "system:closer", False))  # fmt: skip
            rest = 9 * a.deposit  # the price less the deposit
            items.append((closed + 0.01, a.court_id, a.id, "balance.received", memo,
                          bank(a.court_id), proceeds(a.id), rest, "bank", True))  # fmt: skip
        else:
            back = refund(f"registration:{r.id}")
            items.append((closed, a.court_id, a.id, "deposit.released", memo, held, back,
                          a.deposit, "system:closer", False))  # fmt: skip
            items.append((closed + 0.001, a.court_id, a.id, "refund.sent", back, back,
                          bank(a.court_id), a.deposit, "system:refunds", True))  # fmt: skip
    payment = 0
    while len(items) < transactions:
        a = auctions[rng.randrange(len(auctions))]
        payment += 1
        back, when = refund(f"payment:{payment}"), rng.random()
        amount = 100 * rng.randrange(1_000, 5_000_000)
        items.append((when, a.court_id, a.id, "transfer.refused", "third-party payer",
                      bank(a.court_id), back, amount, "bank", True))  # fmt: skip
        if len(items) < transactions:
            items.append((when + 0.001, a.court_id, a.id, "refund.sent", back, back,
                          bank(a.court_id), amount, "system:refunds", True))  # fmt: skip
    del items[transactions:]
    items.sort(key=lambda item: item[0])
    ledger = Ledger([], [], {})
    for n, (_, court_id, auction_id, kind, memo, debit, credit, amount, actor, ref) in enumerate(
        items, start=1
    ):
        at = T0 + timedelta(seconds=n)
        ledger.transactions.append(
            (n, court_id, auction_id, kind, memo, f"BR{n:010d}" if ref else None, None, actor, at)
        )
        ledger.postings.append((2 * n - 1, n, debit, amount))
        ledger.postings.append((2 * n, n, credit, -amount))
        for account, signed in ((debit, amount), (credit, -amount)):
            kept = ledger.balances.setdefault(account, [court_id, 0])
            kept[1] += signed
    return ledger


def load_ledger(target: Target, database: Any, ledger: Ledger) -> None:
    with database.write() as tx:
        pg = tx.c.dialect.name == "postgresql"
        bulk_insert(
            tx, "ledger_transactions",
            ("id", "court_id", "auction_id", "kind", "memo", "bank_ref", "reverses_id", "actor",
             "at"),
            (row if pg else (*row[:-1], stamp(tx, row[-1])) for row in ledger.transactions),
        )  # fmt: skip
        bulk_insert(
            tx, "ledger_postings", ("id", "transaction_id", "account", "amount"), ledger.postings
        )
        bulk_insert(
            tx, "ledger_balances", ("account", "court_id", "balance"),
            ((account, court, balance) for account, (court, balance) in ledger.balances.items()),
        )  # fmt: skip
        reset_sequences(tx, ("ledger_transactions", "ledger_postings"))
    if target.backend == "postgresql":
        # What autovacuum does to a table that has taken this many inserts: statistics
        # for the planner and a visibility map for index-only scans.
        with database.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql(
                "VACUUM ANALYZE ledger_postings, ledger_transactions, ledger_balances,"
                " registrations, auctions"
            )


def cli_has_ledger() -> bool:
    try:
        shown = subprocess.run(
            [str(FAPAI), "--help"], capture_output=True, text=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return any(line.split()[:1] == ["ledger"] for line in shown.splitlines())


def time_cli(target: Target, key: bytes, runs: int) -> dict[str, Any]:
    env = {
        **os.environ,
        "FAPAI_DATABASE_URL": target.url,
        "FAPAI_SECRET_KEY": base64.b64encode(key).decode(),
        "FAPAI_DATA_DIR": str(target.data_dir),
    }
    walls, codes, tail = [], [], ""
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            [str(FAPAI), "ledger", "check"], env=env, capture_output=True, text=True,
            cwd=target.data_dir, timeout=3600,
        )  # fmt: skip
        walls.append(time.perf_counter() - started)
        codes.append(done.returncode)
        tail = (done.stdout.strip().splitlines() or done.stderr.strip().splitlines() or [""])[-1]
    return {
        "min_s": round(min(walls), 3),
        "median_s": round(statistics.median(walls), 3),
        "exit_codes": codes,
        "last_line": tail[:200],
    }


def time_parts(database: Any) -> dict[str, float]:
    """Each query ``check`` makes, alone, on a warm database."""
    parts: dict[str, Callable[[Any], Any]] = {
        "unbalanced_transactions": lambda tx: tx.unbalanced_transactions(),
        "drifted_balances": lambda tx: tx.drifted_balances(),
        "balances": lambda tx: tx.balances(None),
        "deposit_states": lambda tx: tx.deposit_states(),
        "court_totals": lambda tx: tx.court_totals(),
        "dues": lambda tx: tx.dues(None, open_only=True),
    }
    out = {}
    for name, query in parts.items():
        with database.read() as tx:
            started = time.perf_counter()
            query(tx)
            out[name] = round(time.perf_counter() - started, 3)
    return out


def run_check(
    target: Target, key: bytes, postings: int, registrations: int, runs: int, with_cli: bool
) -> dict[str, Any]:
    from fapai.app.ledger import checks

    services, database = build(target, key)
    try:
        started = time.perf_counter()
        made = make_auctions(services, max(10, registrations // 100))
        regs = add_registrations(database, made, registrations, registration_status)
        fixture_s = time.perf_counter() - started
        started = time.perf_counter()
        ledger = build_ledger(made, regs, postings // 2)
        generate_s = time.perf_counter() - started
        started = time.perf_counter()
        load_ledger(target, database, ledger)
        load_s = time.perf_counter() - started
        accounts = len(ledger.balances)
        loaded = len(ledger.postings)
        del ledger
        on_disk = target.size_mb()
        if target.backend == "sqlite":
            # The load was one transaction: its WAL stays that big until truncated.
            with database.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        log(
            f"{target.backend}: {loaded:,} postings generated in {generate_s:.1f} s,"
            f" loaded in {load_s:.1f} s"
        )
        walls, problems = [], []
        for _ in range(runs):
            started = time.perf_counter()
            problems = checks.check(services.db, datetime.now(UTC))
            walls.append(time.perf_counter() - started)
            log(f"{target.backend}: check {walls[-1]:.2f} s, {len(problems)} problems")
        for problem in problems[:5]:
            log(f"{target.backend}: check: {problem}")
        out: dict[str, Any] = {
            "postings": loaded,
            "transactions": loaded // 2,
            "registrations": len(regs),
            "auctions": len(made),
            "accounts": accounts,
            "fixture_s": round(fixture_s, 2),
            "load_s": round(load_s, 2),
            "load_postings_per_s": round(loaded / load_s),
            "db_mb": round(target.size_mb(), 1),
            "db_mb_after_load": round(on_disk, 1),
            "check_min_s": round(min(walls), 3),
            "check_median_s": round(statistics.median(walls), 3),
            "check_runs": runs,
            "problems": len(problems),
            "parts_s": time_parts(database),
        }
    finally:
        database.dispose()
    out["cli"] = time_cli(target, key, runs) if with_cli else None
    return out


# -- the report ---------------------------------------------------------------------------


def print_table(results: dict[str, Any]) -> None:
    backends = [b for b in ("sqlite", "postgresql") if b in results]
    width = 15
    print(f"load average {results['load_before']} before, {results['load_after']} after")
    print()
    print(f"writes through Tx.post, {results['write_postings']:,} postings per scenario")
    print(f"{'':<18}" + "".join(f"{b:>32}" for b in backends))
    print(f"{'scenario':<18}" + f"{'postings/s':>14}{'commit p50/p99 ms':>18}" * len(backends))
    for name, _, _ in SCENARIOS:
        line = f"{name:<18}"
        for b in backends:
            r = results[b]["write"][name]
            ms = f"{r['commit_p50_ms']:.1f}/{r['commit_p99_ms']:.1f}"
            line += f"{r['postings_per_s']:>14,}{ms:>18}"
        print(line)
    print()
    first = results[backends[0]]["check"]
    print(
        f"ledger check over {first['postings']:,} postings, {first['registrations']:,}"
        f" registrations, {first['accounts']:,} accounts"
    )
    rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("bulk load s", lambda c: f"{c['load_s']:.1f}"),
        ("MB on disk after load", lambda c: f"{c['db_mb_after_load']:.0f}"),
        ("MB on disk (checkpointed)", lambda c: f"{c['db_mb']:.0f}"),
        ("check min s", lambda c: f"{c['check_min_s']:.2f}"),
        ("check median s", lambda c: f"{c['check_median_s']:.2f}"),
        ("problems", lambda c: str(c["problems"])),
        *((f"  {part}", lambda c, p=part: f"{c['parts_s'][p]:.2f}") for part in first["parts_s"]),
        (
            "fapai ledger check",
            lambda c: f"{c['cli']['median_s']:.2f}" if c["cli"] else "n/a",
        ),
    ]
    print(f"{'':<26}" + "".join(f"{b:>{width}}" for b in backends))
    for label, cell in rows:
        print(f"{label:<26}" + "".join(f"{cell(results[b]['check']):>{width}}" for b in backends))
    if not results["cli_has_ledger"]:
        print("(`fapai ledger check` is not in this CLI yet: only the function was timed)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--postings", type=int, default=1_000_000, help="for the check")
    parser.add_argument("--registrations", type=int, help="for the check (postings / 20)")
    parser.add_argument("--write-postings", type=int, default=24_000, help="per write scenario")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="20,000 postings, small writes")
    args = parser.parse_args()
    if args.quick:
        args.postings, args.write_postings = 20_000, 1_200
    write_auctions, write_regs = (24, 600) if args.quick else (300, 6_000)
    registrations = args.registrations or max(100, args.postings // 20)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if "postgresql" in backends and not pg_answers():
        raise SystemExit("PostgreSQL does not answer on 127.0.0.1:5432")
    with_cli = cli_has_ledger()
    if not with_cli:
        log("`fapai ledger` is not in this CLI: timing the check function only")
    key = secrets.token_bytes(32)
    results: dict[str, Any] = {
        "postings": args.postings,
        "write_postings": args.write_postings,
        "batch": BATCH,
        "threads": THREADS,
        "cli_has_ledger": with_cli,
        "load_before": load_average(),
    }
    for backend in backends:
        with fresh_database(backend, "write") as target:
            write = run_writes(target, key, args.write_postings, write_auctions, write_regs)
        with fresh_database(backend, "check") as target:
            check = run_check(target, key, args.postings, registrations, args.runs, with_cli)
        results[backend] = {"write": write, "check": check}
    results["load_after"] = load_average()
    print_table(results)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
