"""The audit benchmark keeps running, and the database it builds verifies.

Not a timed test (figures vary by machine): it runs ``benchmarks/audit_bench.py
--quick`` on SQLite and checks that every figure is there and that verify, in process
and as ``fapai audit verify``, found every bid's record and fact rows intact.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "audit_bench.py"


def test_quick_audit_benchmark_runs_and_verifies() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.splitlines()[-1])
    figures = summary["sqlite"]
    assert figures["bids"] == summary["bids"] == 1_000
    assert figures["records"] > figures["bids"]  # and the auctions', registrations', deposits'
    assert figures["facts"] >= 2 * figures["bids"]  # each bid and its live event
    assert figures["verify_s"] > 0
    assert figures["per_million_records_s"] > 0
    assert figures["cli_s"] > 0
    assert figures["cli_peak_mb"] > 0
