"""Whole-process timings of the relint command.

Usage: python benchmarks/bench.py [--runs N] [--relint PATH]

Each case runs the command N times in fresh processes (after one warm-up run, so the
grammar cache exists) and reports the median and the minimum wall time. This is a
measurement script, not a test: timings vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "fixtures" / "seeds").glob("*.txt"))


def timed(command: list[str], runs: int) -> tuple[float, float]:
    subprocess.run(command, capture_output=True, check=False)  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--relint", default=shutil.which("relint") or str(Path(sys.executable).parent / "relint"))
    args = parser.parse_args()
    cases = {
        "relint --version": [args.relint, "--version"],
        "relint one report (000)": [args.relint, SEEDS[0]],
        "relint the five seeds": [args.relint, *SEEDS],
        "relint --format json the five seeds": [args.relint, "--format", "json", *SEEDS],
        "python -c pass (interpreter floor)": [sys.executable, "-c", "pass"],
    }
    print(f"| case | median ms | min ms |  (runs: {args.runs})")
    print("|---|---|---|")
    for name, command in cases.items():
        median, fastest = timed(command, args.runs)
        print(f"| {name} | {median:.0f} | {fastest:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
