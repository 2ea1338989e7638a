"""Time ``fapai replay`` end to end on a 200,000-bid auction, beside a plain reference.

Each run is a whole process (interpreter start, reading, checking, bidding,
writing the output), as a user runs it. Prints a table and one JSON line.

    .venv/bin/python benchmarks/replay_bench.py            # 200,000 bids, 5 runs
    .venv/bin/python benchmarks/replay_bench.py --quick    # 20,000 bids, 2 runs (CI)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import replay_gen  # noqa: E402  (a sibling script, not a package)

FAPAI = Path(sys.executable).parent / "fapai"
PLAIN = [sys.executable, str(HERE / "plain_replay.py")]


def timed_run(command: list[str], output: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one whole process."""
    with output.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} exited with {process.returncode}")
    return wall, usage.ru_maxrss / 1024


def measure(command: list[str], output: Path, runs: int) -> dict[str, float]:
    timed_run(command, output)  # warm-up: page cache, imports
    walls, peaks = zip(*(timed_run(command, output) for _ in range(runs)), strict=True)
    return {"min_s": min(walls), "median_s": statistics.median(walls), "peak_mib": max(peaks)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bids", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="20,000 bids, 2 runs")
    parser.add_argument("--no-reference", action="store_true", help="skip the plain reference")
    args = parser.parse_args()
    bids, runs = (20_000, 2) if args.quick else (args.bids, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "auction.json"
        replay_gen.write(str(source), bids)
        size_mib = source.stat().st_size / 2**20
        results = {
            "fapai replay": measure([str(FAPAI), "replay", str(source)], Path(tmp) / "a", runs)
        }
        if not args.no_reference:
            results["plain reference"] = measure([*PLAIN, str(source)], Path(tmp) / "b", runs)
            mine = json.loads((Path(tmp) / "a").read_text())
            theirs = json.loads((Path(tmp) / "b").read_text())
            if mine != theirs:
                raise SystemExit("fapai replay and the plain reference disagree")
    print(f"{bids:,} bids, file {size_mib:.1f} MiB, {runs} runs after a warm-up, whole process")
    print(
        f"{'command':<16} {'min s':>7} {'median s':>9} {'bids/s (median)':>16}"
        f" {'peak MiB':>9} {'peak/file':>9}"
    )
    for name, r in results.items():
        print(
            f"{name:<16} {r['min_s']:7.3f} {r['median_s']:9.3f} {bids / r['median_s']:16,.0f}"
            f" {r['peak_mib']:9.1f} {r['peak_mib'] / size_mib:8.1f}x"
        )
    summary = {
        "bids": bids,
        "file_mib": round(size_mib, 2),
        "runs": runs,
        **{
            name.replace(" ", "_"): {
                "median_s": round(r["median_s"], 4),
                "min_s": round(r["min_s"], 4),
                "bids_per_s": round(bids / r["median_s"]),
                "peak_mib": round(r["peak_mib"], 1),
            }
            for name, r in results.items()
        },
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
