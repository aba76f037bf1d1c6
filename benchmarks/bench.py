"""Whole-process timings of the relint command.

Usage:
  python benchmarks/bench.py [--runs N]                 start-up: --version, one report, the seeds
  python benchmarks/bench.py --batch 100 600 3000 10000 [--runs N] [--profile]

``--batch`` builds, for each size, a folder of reports made from the five seeds (file i is
seed i mod 5 with its years shifted, as in issue 13) and times whole runs, each with its
peak resident memory (of the largest process): the regex floor (benchmarks/floor.py),
relint text and json (``-o``) with one worker and with the default, cold (``--no-cache``)
and warm (a second run over unchanged files), and AutoCorrect when autocorrect-py is
installed. Sizes up to 600 take the median of ``--runs`` runs, larger ones one run.
``--profile`` writes a cProfile of an in-process json run (and a py-spy flame graph when
py-spy is installed and allowed) to benchmarks/profiles/, which git ignores.
The machine's load average is printed with the figures: they mean little without it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = sorted(str(p) for p in (ROOT / "fixtures" / "seeds").glob("*.txt"))
PROFILES = HERE / "profiles"


def timed(command: list[str], runs: int) -> tuple[float, float]:
    subprocess.run(command, capture_output=True, check=False)  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


def measured(command: list[str], cwd: str) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system, workers included) and peak resident memory
    (KiB, largest process) of one run. On a loaded machine CPU time is the steadier figure."""
    done = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", *command], cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall, user, system, peak = done.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(peak)


def seed_folder(folder: Path, count: int) -> Path:
    """``count`` reports: file i is seed i mod 5 with its years shifted by a few."""
    texts = [Path(seed).read_text(encoding="utf-8") for seed in SEEDS]
    folder.mkdir(parents=True)
    for number in range(count):
        shift = (number // len(texts)) % 7 - 3
        text = re.sub(r"(20[12]\d)年", lambda m: f"{int(m.group(1)) + shift}年", texts[number % len(texts)])
        (folder / f"report_{number:05d}.txt").write_text(text, encoding="utf-8")
    return folder


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def batch_table(sizes: list[int], relint: str, runs: int) -> None:
    has_autocorrect = subprocess.run([sys.executable, "-c", "import autocorrect_py"], capture_output=True).returncode == 0
    print(f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}, load average before: {load()}")
    print("| reports | case | wall s | ÷ floor | CPU s | ÷ floor | peak MiB |")
    print("|---|---|---|---|---|---|---|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as work:
            folder = str(seed_folder(Path(work) / "reports", size))
            out = str(Path(work) / "out.json")
            cases = {
                "floor (read + 12 regex scans)": [sys.executable, str(HERE / "floor.py"), folder],
                "text --jobs 1": [relint, "--no-cache", "--exit-zero", "--jobs", "1", folder],
                "text default workers": [relint, "--no-cache", "--exit-zero", folder],
                "json -o, --jobs 1": [relint, "--no-cache", "--exit-zero", "--jobs", "1", "--format", "json", "-o", out,
                                      folder],
                "json -o, default workers": [relint, "--no-cache", "--exit-zero", "--format", "json", "-o", out, folder],
                "warm cache, text --jobs 1": [relint, "--exit-zero", "--jobs", "1", folder],
                "warm cache, text default": [relint, "--exit-zero", folder],
            }
            if has_autocorrect:
                cases["AutoCorrect (Rust, 1 process)"] = [sys.executable, str(HERE / "autocorrect_run.py"), folder]
            subprocess.run([relint, "--exit-zero", folder], cwd=work, capture_output=True)  # fills the cache
            floor = None
            for name, command in cases.items():
                samples = [measured(command, work) for _ in range(runs if size <= 600 else 1)]
                wall = statistics.median(s[0] for s in samples)
                cpu = statistics.median(s[1] for s in samples)
                peak = max(s[2] for s in samples)
                floor = floor or (wall, max(cpu, 0.01))
                print(f"| {size:,} | {name} | {wall:.2f} | {wall / floor[0]:.1f} | {cpu:.2f} | {cpu / floor[1]:.1f} "
                      f"| {peak / 1024:.0f} |", flush=True)
    print(f"load average after: {load()}")


def profile(relint: str, size: int = 600) -> None:
    """cProfile of an in-process json run, and a py-spy flame graph of a whole one."""
    import cProfile
    import pstats

    PROFILES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        folder = str(seed_folder(Path(work) / "reports", size))
        args = ["--no-cache", "--exit-zero", "--jobs", "1", "--format", "json", "-o", str(Path(work) / "o.json"), folder]
        from linter.cli import main

        main(args)  # warm-up: parser tables, imports
        target = PROFILES / f"cprofile-json-{size}"
        cProfile.runctx("main(args)", {"main": main, "args": args}, {}, str(target) + ".prof")
        with open(str(target) + ".txt", "w") as handle:
            stats = pstats.Stats(str(target) + ".prof", stream=handle)
            stats.sort_stats("tottime").print_stats(40)
            stats.sort_stats("cumulative").print_stats(60)
        print(f"cProfile: {target}.txt")
        spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
        if os.path.exists(spy):
            done = subprocess.run([spy, "record", "-o", str(PROFILES / f"py-spy-json-{size}.svg"), "--", relint, *args],
                                  capture_output=True, text=True)
            print("py-spy:", "written" if done.returncode == 0 else done.stderr.strip().splitlines()[-1:])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--relint", default=shutil.which("relint") or str(Path(sys.executable).parent / "relint"))
    parser.add_argument("--batch", type=int, nargs="+", metavar="N", help="batch sizes to measure")
    parser.add_argument("--profile", action="store_true", help="write profiles to benchmarks/profiles/")
    args = parser.parse_args()
    if args.profile:
        profile(args.relint)
    if args.batch:
        batch_table(args.batch, args.relint, args.runs)
    if args.batch or args.profile:
        return 0
    cases = {
        "relint --version": [args.relint, "--version"],
        "relint one report (000)": [args.relint, SEEDS[0]],
        "relint the five seeds": [args.relint, *SEEDS],
        "relint --format json the five seeds": [args.relint, "--format", "json", *SEEDS],
        "python -c pass (interpreter floor)": [sys.executable, "-c", "pass"],
    }
    print(f"| case | median ms | min ms |  (runs: {args.runs}; load average {load()})")
    print("|---|---|---|")
    for name, command in cases.items():
        median, fastest = timed(command, args.runs)
        print(f"| {name} | {median:.0f} | {fastest:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
