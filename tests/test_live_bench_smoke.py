"""The live-bidding benchmark keeps running against a real ``fapai serve``.

Not a timed test (figures vary by machine): it runs ``benchmarks/live_bench.py
--quick`` and checks that every figure is there and positive and that no request
got a 5xx, an unexpected answer or a connection error. PostgreSQL is left out
when 127.0.0.1:5432 does not answer.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from postgres import DEFAULT, answers

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "live_bench.py"
BID_FIGURES = ("bids_per_s", "p50_ms", "p99_ms", "server_cores")


def test_quick_live_benchmark_runs_without_errors() -> None:
    with_pg = answers(DEFAULT)
    command = [sys.executable, str(BENCH), "--quick", "--json-only"]
    command += ["--backend", "both" if with_pg else "sqlite"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.splitlines()[-1])
    backends = ["sqlite", "postgresql"] if with_pg else ["sqlite"]
    for backend in backends:
        for scenario in ("hot", "spread"):
            figures = summary[backend][scenario]
            for name in BID_FIGURES:
                assert figures[name] > 0, (backend, scenario, name, figures)
            assert figures["accepted"] > 0, figures
            assert figures["refused"] > 0, figures  # racing bidders: some are too low
            assert figures["server_errors"] == 0, figures
            assert figures["other_status"] == 0, figures
            assert figures["connection_errors"] == 0, figures
    if with_pg:
        assert summary["postgresql"]["reference"]["tps"] > 0
    fanout = summary["fanout"]
    assert fanout["connected"] == fanout["watchers"] > 0, fanout
    assert fanout["p99_ms"] > 0, fanout
    assert fanout["missed_events"] == fanout["lost_connections"] == 0, fanout
    assert summary["errors"] == 0, summary
    assert {"target", "measured", "met"} <= set(summary["targets"][0])
