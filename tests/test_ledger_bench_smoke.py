"""The ledger benchmark keeps running, and the ledger it writes and loads holds.

Not a timed test (figures vary by machine): it runs ``benchmarks/ledger_bench.py
--quick`` and checks that every figure is there and positive and that
``ledger_checks.check`` found no problem, both on the ledger written through
``Tx.post`` and on the bulk-loaded one. PostgreSQL is left out when
127.0.0.1:5432 does not answer.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from postgres import DEFAULT, answers

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "ledger_bench.py"
SCENARIOS = ("commit_each_1t", "commit_each_4t", "batch500_1t", "batch500_4t")
PARTS = (
    "unbalanced_transactions", "drifted_balances", "balances", "deposit_states",
    "court_totals", "dues",
)  # fmt: skip


def test_quick_ledger_benchmark_runs_and_the_ledger_holds() -> None:
    with_pg = answers(DEFAULT)
    command = [sys.executable, str(BENCH), "--quick"]
    command += ["--backend", "both" if with_pg else "sqlite"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.splitlines()[-1])
    assert summary["postings"] == 20_000
    backends = ["sqlite", "postgresql"] if with_pg else ["sqlite"]
    assert "postgresql" in summary or not with_pg
    for backend in backends:
        write = summary[backend]["write"]
        for name in SCENARIOS:
            figures = write[name]
            assert figures["postings"] == 2 * figures["transactions"] > 0, figures
            assert figures["postings_per_s"] > 0, figures
            assert figures["commits"] > 0, figures
        assert write["check_problems"] == 0, write
        check = summary[backend]["check"]
        assert check["postings"] == 20_000, check
        assert check["registrations"] > 0, check
        assert check["problems"] == 0, check
        assert check["check_min_s"] > 0, check
        assert check["check_median_s"] >= check["check_min_s"], check
        assert check["db_mb"] > 0, check
        assert set(PARTS) <= set(check["parts_s"]), check
        if summary["cli_has_ledger"]:
            assert check["cli"]["exit_codes"] == [0] * check["check_runs"], check
        else:
            assert check["cli"] is None, check
