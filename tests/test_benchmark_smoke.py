"""The replay benchmark keeps running, and fapai agrees with the plain reference on its file.

Not a timed test: it checks that ``benchmarks/replay_bench.py --quick`` works
and that an independent, plain reading of the spec gives the same outcome on a
20,000-bid auction with preemptive matches, refusals and a burst of extensions.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "replay_bench.py"


def test_quick_benchmark_runs_and_agrees_with_the_reference() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.splitlines()[-1])
    assert summary["bids"] == 20_000
    assert summary["fapai_replay"]["bids_per_s"] > 0
    assert summary["plain_reference"]["bids_per_s"] > 0
