"""Whole-process timings of the relint command.

Usage:
  python benchmarks/bench.py [--runs N]                 start-up: --version, one report, the seeds
  python benchmarks/bench.py --issue13 [--batch 100 600 3000 10000] [--runs N]
  python benchmarks/bench.py --batch 100 600 3000 10000 [--runs N] [--profile]
  python benchmarks/bench.py --memory 100 600 3000 10000      peak memory of every format
  python benchmarks/bench.py --timeline 600             when each part of a json run ends

``--issue13`` prints issue 13's whole table in one run: start-up (``relint --version``
against bare Python), then the batch table at 100, 600 and 3,000 reports (or the sizes
given), then each target of the issue with the measured figure and whether it holds, then
the peak memory of every format at 100, 600, 3,000 and 10,000 reports (``--memory`` sizes).

``--batch`` builds, for each size, a folder of reports made from the five seeds (file i is
seed i mod 5 with its years shifted, as in issue 13) and times whole runs, each with its
peak resident memory (of the largest process): the regex floor (benchmarks/floor.py),
relint text and json (``-o``) with one worker, with the default and with two workers, cold
(``--no-cache``) and warm (a run over unchanged files: from the per-file cache, with
``RELINT_NO_REPLAY=1``, and replayed whole from its record, linter.replay), and AutoCorrect when
autocorrect-py is installed (its Python binding, one process) and the AutoCorrect command
itself when ``autocorrect`` is on PATH or named by ``$AUTOCORRECT`` (``npm install
autocorrect-node``: the Rust CLI, as issue 13 measured it). Sizes up to 600 take the median of ``--runs`` runs, larger
ones one run; the runs go round the cases in turns, so that every ratio compares runs made
at the same moments of a machine whose speed drifts. At 600, json with the default workers
and with one are also run while another process keeps one core busy (the default must not
be slower on a loaded machine either). Child processes may write bytecode (as an installed relint has it), whatever
PYTHONDONTWRITEBYTECODE says in this shell.
``--profile`` writes a cProfile of an in-process json run (and a py-spy flame graph when
py-spy is installed and allowed) to benchmarks/profiles/, which git ignores.
The machine's load average is printed with the figures: they mean little without it.
"""

from __future__ import annotations

import argparse
import contextlib
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


#: Child processes as on a user's machine: an installed relint has its bytecode compiled.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], runs: int) -> tuple[float, float]:
    subprocess.run(command, capture_output=True, check=False, env=ENV)  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, env=ENV)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


#: Runs that must do their work, not replay a recorded run (linter.replay): the per-file
#: cache's cases and the memory of each format writing its output.
NO_REPLAY = {**ENV, "RELINT_NO_REPLAY": "1"}


def measured(command: list[str], cwd: str, env: dict = ENV) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system, workers included) and peak resident memory
    (KiB, largest process) of one run. On a loaded machine CPU time is the steadier figure."""
    done = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", *command], cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, env=env)
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


#: the AutoCorrect command itself, as issue 13 measured it (npm's autocorrect-node ships it)
AUTOCORRECT_CLI = "AutoCorrect CLI (autocorrect --lint)"
#: AutoCorrect's Python binding (autocorrect-py) in one process: no output written
AUTOCORRECT_BINDING = "AutoCorrect (Rust, 1 process)"


#: cases run while another process keeps one core busy
LOADED = "one core busy: "


@contextlib.contextmanager
def busy_core(busy: bool):
    """With ``busy``, a process spinning on one core while the block runs."""
    if not busy:
        yield
        return
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)  # the spinner is running, and counted by the idle-core watch
        yield
    finally:
        spinner.kill()
        spinner.wait()


def batch_table(sizes: list[int], relint: str, runs: int) -> dict:
    """Print the batch table; return its figures by (size, case): (wall, CPU, peak KiB)."""
    has_autocorrect = subprocess.run([sys.executable, "-c", "import autocorrect_py"], capture_output=True).returncode == 0
    autocorrect_cli = os.environ.get("AUTOCORRECT") or shutil.which("autocorrect")
    print(f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}, load average before: {load()}")
    print("| reports | case | wall s | ÷ floor | CPU s | ÷ floor | peak MiB |")
    print("|---|---|---|---|---|---|---|")
    figures = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as work:
            folder = str(seed_folder(Path(work) / "reports", size))
            out = str(Path(work) / "out.json")
            json_run = ["--format", "json", "-o", out, folder]
            cases = {
                "floor (read + 12 regex scans)": [sys.executable, str(HERE / "floor.py"), folder],
                "text --jobs 1": [relint, "--no-cache", "--exit-zero", "--jobs", "1", folder],
                "text default workers": [relint, "--no-cache", "--exit-zero", folder],
                "json -o, --jobs 1": [relint, "--no-cache", "--exit-zero", "--jobs", "1", *json_run],
                "json -o, default workers": [relint, "--no-cache", "--exit-zero", *json_run],
                "json -o, --jobs 2": [relint, "--no-cache", "--exit-zero", "--jobs", "2", *json_run],
                "warm per-file cache, text --jobs 1": [relint, "--exit-zero", "--jobs", "1", folder],
                "warm per-file cache, text default": [relint, "--exit-zero", folder],
                "warm per-file cache, json -o default": [relint, "--exit-zero", *json_run],
                "warm, run replayed, text default": [relint, "--exit-zero", folder],
                "warm, run replayed, json -o default": [relint, "--exit-zero", *json_run],
            }
            if has_autocorrect:
                cases[AUTOCORRECT_BINDING] = [sys.executable, str(HERE / "autocorrect_run.py"), folder]
            if autocorrect_cli:
                cases[AUTOCORRECT_CLI] = [autocorrect_cli, "--lint", folder]
            for _ in range(2):  # fills the cache, then records the runs (the first may use workers)
                subprocess.run([relint, "--exit-zero", folder], cwd=work, capture_output=True, env=ENV)
                subprocess.run([relint, "--exit-zero", *json_run], cwd=work, capture_output=True, env=ENV)
            if size == 600:  # the default must not be slower on a loaded machine either (one core busy)
                cases[LOADED + "json -o, default workers"] = cases["json -o, default workers"]
                cases[LOADED + "json -o, --jobs 1"] = cases["json -o, --jobs 1"]
            # the runs go round the cases (a run of each, then the next run of each): the
            # machine's speed drifts by a third within minutes, and each ratio compares cases
            # measured at the same moments
            samples = {name: [] for name in cases}
            for _ in range(runs if size <= 600 else 1):
                for name, command in cases.items():
                    env = ENV if "replayed" in name else NO_REPLAY
                    with busy_core(name.startswith(LOADED)):
                        samples[name].append(measured(command, work, env))
            floor = None
            for name, taken in samples.items():
                wall = statistics.median(s[0] for s in taken)
                cpu = statistics.median(s[1] for s in taken)
                peak = max(s[2] for s in taken)
                figures[size, name] = (wall, cpu, peak)
                floor = floor or (wall, max(cpu, 0.01))
                print(f"| {size:,} | {name} | {wall:.2f} | {wall / floor[0]:.1f} | {cpu:.2f} | {cpu / floor[1]:.1f} "
                      f"| {peak / 1024:.0f} |", flush=True)
    print(f"load average after: {load()}")
    return figures


#: every built-in format, with where its output goes
FORMATS = ("text", "github", "json", "sarif", "junit", "checklist", "html", "xlsx")


def memory_table(sizes: list[int], relint: str) -> dict:
    """Peak resident memory (MiB, largest process) per size: first a whole cold
    ``--format json -o`` run with the default workers (issue 13's 150 MiB target is for it),
    then each format alone (``format_memory.py``: the seeds' results given to the format N
    times, no cache, spool or run rule), which shows whether the format writes file by file.
    Formats are not measured as whole runs: a cold run at 10,000 reports costs minutes of
    CPU per format, and a warm one is replayed or read from the cache, not formatted."""
    print(f"\nPeak memory, MiB (load average before: {load()})")
    print("| case | " + " | ".join(f"{size:,}" for size in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    peaks = {}
    with tempfile.TemporaryDirectory() as work:
        title = "whole run: json -o, cold, default workers"
        for size in sizes:
            folder = str(seed_folder(Path(work) / f"reports-{size}", size))
            command = [relint, "--no-cache", "--exit-zero", "--format", "json", "-o", str(Path(work) / "out.json"), folder]
            peaks[title, size] = measured(command, work)[2] / 1024
            shutil.rmtree(folder)
        print(f"| {title} | " + " | ".join(f"{peaks[title, size]:.0f}" for size in sizes) + " |", flush=True)
    for name in FORMATS:
        title = f"{name} alone"
        for size in sizes:
            # measured through /usr/bin/time, as the whole runs are: a child's own figure
            # (getrusage) counts what this process held when it forked (Linux keeps the peak
            # across exec), which reached 93 MiB after capturing 3,000 reports' text output
            peaks[title, size] = measured([sys.executable, str(HERE / "format_memory.py"), name, str(size)],
                                          str(ROOT))[2] / 1024
        print(f"| {title} | " + " | ".join(f"{peaks[title, size]:.0f}" for size in sizes) + " |", flush=True)
    print(f"load average after: {load()}")
    return peaks


def startup(relint: str, runs: int) -> tuple[float, float]:
    """CPU seconds (median) of ``relint --version`` and of bare Python."""
    def cpu(command):
        return statistics.median(measured(command, str(ROOT))[1] for _ in range(runs))

    return cpu([relint, "--version"]), cpu([sys.executable, "-c", "pass"])


def verdicts(figures: dict, version: tuple[float, float]) -> None:
    """Issue 13's targets against the figures: wall time where workers share the work (the
    user waits for it; the runs were measured in turns, see batch_table), CPU time beside it."""
    sizes = sorted({size for size, _ in figures})

    def cpu(size, case):
        return figures[size, case][1] if (size, case) in figures else None

    def elapsed(size, case):
        return figures[size, case][0] if (size, case) in figures else None

    def line(target, figure, holds):
        print(f"- {target}: {figure} — {'met' if holds else 'NOT met'}")

    print("\nTargets of issue 13 (wall time; CPU time beside it):")
    for size in sorted({600, max(sizes)} & set(sizes)):
        json_run, floor = figures[size, "json -o, default workers"], figures[size, "floor (read + 12 regex scans)"]
        ratio, wall = json_run[1] / max(floor[1], 0.01), json_run[0] / max(floor[0], 0.01)
        line(f"json -o over {size:,} reports ≤ 5× the floor", f"{wall:.1f}× in wall time, {ratio:.1f}× in CPU",
             wall <= 5)
    size = 600 if 600 in sizes else max(sizes)
    for rival in (AUTOCORRECT_CLI, AUTOCORRECT_BINDING):
        if (size, rival) in figures:
            (wall, used, _), (rival_wall, rival_cpu, _) = figures[size, "text default workers"], figures[size, rival]
            line(f"text over {size:,} ≤ 2× {rival}", f"{wall / rival_wall:.1f}× in wall time, "
                 f"{used / max(rival_cpu, 0.01):.1f}× in CPU", wall / rival_wall <= 2)
    warm, files = cpu(size, "warm, run replayed, text default"), cpu(size, "warm per-file cache, text default")
    line(f"warm cache over {size:,} unchanged reports ≤ 0.3 s",
         f"{warm:.2f} s replayed ({files:.2f} s from the per-file cache)", warm <= 0.3)
    peak = figures[max(sizes), "json -o, default workers"][2] / 1024
    line(f"json peak memory at {max(sizes):,} reports < 150 MiB", f"{peak:.0f} MiB", peak < 150)
    pairs = [(f"{s:,}", s, "") for s in sizes]
    if (600, LOADED + "json -o, --jobs 1") in figures:
        pairs.append(("600 with one core busy", 600, LOADED))
    compared = [(label, elapsed(s, prefix + "json -o, default workers"), elapsed(s, prefix + "json -o, --jobs 1"),
                 cpu(s, prefix + "json -o, default workers"), cpu(s, prefix + "json -o, --jobs 1"))
                for label, s, prefix in pairs]
    slower = [label for label, default, one, _, _ in compared if default > 1.1 * one]
    line("default workers never slower than --jobs 1 (json, wall time, 10% noise)",
         "; ".join(f"{label}: {default:.2f} against {one:.2f} s (CPU {used:.2f} against {alone:.2f} s)"
                   for label, default, one, used, alone in compared), not slower)
    ratio = version[0] / max(version[1], 0.005)
    line("relint --version < 6× bare Python", f"{version[0]:.3f} s against {version[1]:.3f} s, {ratio:.1f}×",
         ratio < 6)


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


def timeline(size: int) -> None:
    """When each part of a cold json run over ``size`` reports ends, with the default workers
    and with two (benchmarks/timeline.py): the start, the pool, the results, the end."""
    with tempfile.TemporaryDirectory() as work:
        folder = str(seed_folder(Path(work) / "reports", size))
        for jobs in ([], ["--jobs", "2"]):
            command = ["--no-cache", *jobs, "--format", "json", "-o", str(Path(work) / "o.json"), folder]
            print(f"relint {' '.join(command[:-3])} -o o.json ({size} reports; load average {load()})")
            done = subprocess.run([sys.executable, str(HERE / "timeline.py"), *command], capture_output=True,
                                  text=True, env=ENV)
            print(done.stderr)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--relint", default=shutil.which("relint") or str(Path(sys.executable).parent / "relint"))
    parser.add_argument("--batch", type=int, nargs="+", metavar="N", help="batch sizes to measure")
    parser.add_argument("--profile", action="store_true", help="write profiles to benchmarks/profiles/")
    parser.add_argument("--issue13", action="store_true", help="issue 13's whole table and its targets")
    parser.add_argument("--memory", type=int, nargs="+", metavar="N",
                        help="peak memory of every format at these sizes (with --issue13: 100 600 3000 10000)")
    parser.add_argument("--timeline", type=int, metavar="N",
                        help="when each part of a json run over N reports ends (benchmarks/timeline.py)")
    args = parser.parse_args()
    if args.timeline:
        timeline(args.timeline)
        return 0
    if args.profile:
        profile(args.relint)
    if args.issue13:
        version = startup(args.relint, max(args.runs, 5))
        print(f"relint --version: {version[0]:.3f} s CPU; python -c pass: {version[1]:.3f} s CPU\n")
        verdicts(batch_table(args.batch or [100, 600, 3000], args.relint, args.runs), version)
        memory_table(args.memory or [100, 600, 3000, 10000], args.relint)
        return 0
    if args.memory:
        memory_table(args.memory, args.relint)
        return 0
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
