"""Whole-process timings of the relint command.

Usage:
  python benchmarks/bench.py [--runs N] [--relint PATH]          start-up and one report
  python benchmarks/bench.py --corpus 100 1000 10000 [--relint PATH]

Start-up cases run the command N times in fresh processes (after one warm-up run, so the
grammar cache exists) and report the median and the minimum wall time. Corpus cases build
a varied corpus (benchmarks/corpus.py) and time whole runs with /usr/bin/time: relint
cold (empty cache), relint again (cached), relint on one core, the regex floor
(benchmarks/floor.py) and AutoCorrect (benchmarks/autocorrect_run.py), with peak memory.
This is a measurement script, not a test: timings vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def measured(command: list[str], cwd: str) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KB) of one run."""
    done = subprocess.run(["/usr/bin/time", "-f", "%e %M", *command], cwd=cwd, capture_output=True, text=True)
    seconds, peak = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(peak)


def corpus_table(sizes: list[int], relint: str) -> None:
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    from corpus import build

    print("| files | relint cold s | relint cached s | relint 1 core s | regex floor s | AutoCorrect s | "
          "relint peak MB | cold ÷ floor |")
    print("|---|---|---|---|---|---|---|---|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as work:
            folder = build(Path(work) / "corpus", size)
            cold, peak = measured([relint, "--exit-zero", "--statistics", str(folder)], work)
            cached, _ = measured([relint, "--exit-zero", "--statistics", str(folder)], work)
            single, _ = measured([relint, "--exit-zero", "--no-cache", "--jobs", "1", "--statistics", str(folder)],
                                 work)
            floor, _ = measured([sys.executable, str(here / "floor.py"), str(folder)], work)
            autocorrect, _ = measured([sys.executable, str(here / "autocorrect_run.py"), str(folder)], work)
            print(f"| {size:,} | {cold:.2f} | {cached:.2f} | {single:.2f} | {floor:.2f} | {autocorrect:.2f} | "
                  f"{peak / 1024:.0f} | {cold / floor:.1f} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--relint", default=shutil.which("relint") or str(Path(sys.executable).parent / "relint"))
    parser.add_argument("--corpus", type=int, nargs="+", metavar="N", help="corpus sizes to measure")
    args = parser.parse_args()
    if args.corpus:
        corpus_table(args.corpus, args.relint)
        return 0
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
