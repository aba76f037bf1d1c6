"""Q006 over many reports: how long the cross-report comparison takes, and whether it finds
the copies planted in the batch.

Usage:
  python benchmarks/copying.py 1000 10000          in-process: digest every report, then compare
  python benchmarks/copying.py --cli 1000 [--relint PATH]   whole runs with and without Q006

Reports are generated, all different: every body has its own name, and the text of its
parts comes from a character-level Markov chain trained on the five seed reports (so the
sentences read like report prose, character statistics included, without repeating any
seed's sentences). Every 50th report then pastes one paragraph of another body's report
into its shortcomings part: those are the copies Q006 must find, in both files.
This is a measurement script, not a test: timings vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = "东西南北中上下新安平和兴华宁昌丰泰永康福吉庆瑞德清通顺"
OFFICES = ["司法局", "财政局", "民政局", "教育局", "交通运输局", "市场监督管理局", "生态环境局", "人力资源和社会保障局",
           "住房和城乡建设局", "农业农村局", "卫生健康委员会", "应急管理局", "自然资源局", "水利局", "商务局", "文化旅游局"]
PARTS = ("一、2024年度推进法治政府建设的主要举措和成效", "二、2024年度推进法治政府建设存在的不足和原因",
         "三、党政主要负责人履行推进法治建设第一责任人职责情况", "四、2025年度推进法治政府建设的主要安排")
COPY_EVERY = 50


def _chain(rng: random.Random):
    """A bigram model of the seeds' prose: next character given the current one."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "seeds").glob("*.txt")))
    # Chinese prose and its punctuation, without heading marks (a "四、" inside a generated
    # sentence would start a part of its own)
    prose = re.sub(r"[一二三四五六七八九十]+、", "", re.sub(r"[^\u4e00-\u9fff，。、；]", "", text))
    follow: dict[str, list[str]] = {}
    for a, b in zip(prose, prose[1:]):
        follow.setdefault(a, []).append(b)
    starts = [c for c in follow if "\u4e00" <= c <= "\u9fff"]

    def sentence(length: int) -> str:
        char, out = rng.choice(starts), []
        while len(out) < length:
            out.append(char)
            char = rng.choice(follow.get(char) or starts)
        return "".join(out).strip("，。、；") + "。"
    return sentence


def issuer(number: int) -> str:
    county = PLACES[number % len(PLACES)] + PLACES[(number // len(PLACES)) % len(PLACES)]
    return f"{county}县第{number // (len(PLACES) ** 2) + 1}片区{OFFICES[number % len(OFFICES)]}"


def generate(folder: Path, count: int, seed: int = 16) -> list[tuple[Path, int, Path, int]]:
    """Write ``count`` reports; return the planted copies as (file, line, copied file, line)."""
    rng = random.Random(seed)
    sentence = _chain(rng)
    folder.mkdir(parents=True, exist_ok=True)
    texts, paths = [], []
    for number in range(count):
        lines = [f"{issuer(number)}2024年法治政府建设年度报告", ""]
        for part in PARTS:
            lines += [part, ""]
            for _ in range(rng.randint(2, 4)):
                lines += ["".join(sentence(rng.randint(15, 40)) for _ in range(rng.randint(2, 5))), ""]
        lines += [issuer(number), "2025年2月20日"]
        texts.append(lines)
        paths.append(folder / f"{number // 500:03d}" / f"report_{number:05d}.txt")
    planted = []
    for number in range(COPY_EVERY - 1, count, COPY_EVERY):
        other = rng.randrange(count)
        while other == number:
            other = rng.randrange(count)
        source_line = texts[other].index(PARTS[0]) + 2  # the first paragraph of their measures
        target_line = texts[number].index(PARTS[1]) + 2  # pasted at the top of the shortcomings
        texts[number][target_line:target_line] = [texts[other][source_line], ""]
        planted.append((number, target_line + 1, other, source_line + 1))
    for path, lines in zip(paths, texts):
        path.parent.mkdir(exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # lines shift in a report that also received a paste above a copied paragraph: recompute
    found = []
    for number, line, other, their in planted:
        their = texts[other].index(texts[number][line - 1]) + 1
        found.append((paths[number], line, paths[other], their))
    return found


def in_process(sizes: list[int]) -> None:
    import tracemalloc

    from linter.rules.copying import CopiedFromOtherReport

    from linter.config import Settings
    from linter.engine import Registry, lint_source, read_source

    registry = Registry()
    settings = Settings(select=("Q006",))
    print("| reports | sentences | digest s (all reports) | compare s | compare CPU s | compare peak MiB | "
          "Q006 findings | planted copies found |")
    print("|---|---|---|---|---|---|---|---|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as work:
            planted = generate(Path(work), size)
            paths = sorted(Path(work).rglob("*.txt"))
            rule = CopiedFromOtherReport(settings)
            digests, digested = [], 0.0
            for n, path in enumerate(paths):  # a report is digested where it is built, then dropped
                report = lint_source(registry, read_source(registry, str(path)), settings).report
                start = time.perf_counter()
                digests.append((n, rule.digest(report)))
                digested += time.perf_counter() - start
            # the second phase as a run has it: digests packed as they arrive, then compared;
            # its peak is the memory Q006 adds to a run (the digests list is the workers' traffic)
            tracemalloc.start()
            start, cpu = time.perf_counter(), time.process_time()
            gathered = rule.gathered()
            for pair in digests:
                gathered.append(pair)
            found = list(rule.check_run(gathered))
            compared, cpu = time.perf_counter() - start, time.process_time() - cpu
            peak = tracemalloc.get_traced_memory()[1] / 2 ** 20
            tracemalloc.stop()
            where = {(str(paths[n]), d.span.line) for n, d in found}
            hits = sum((str(a), la) in where and (str(b), lb) in where for a, la, b, lb in planted)
            sentences = sum(len(d["lines"]) for _, d in digests)
            print(f"| {size:,} | {sentences:,} | {digested:.2f} | {compared:.2f} | {cpu:.2f} | {peak:.0f} | "
                  f"{len(found)} | {hits}/{len(planted)} both ways |", flush=True)


#: runs a command and prints the peak resident memory of its largest process (KiB)
_PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak MiB of the largest process of a whole run."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, *command], capture_output=True, text=True, check=False)
    return time.perf_counter() - start, int(done.stdout.split()[-1]) / 1024


def whole_runs(sizes: list[int], relint: str) -> None:
    print("| reports | --ignore Q006 s | peak MiB | with Q006 s | peak MiB |")
    print("|---|---|---|---|---|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as work:
            generate(Path(work) / "reports", size)
            base = [relint, "--no-cache", "--exit-zero", "--format", "json", "-o", str(Path(work) / "out.json"),
                    str(Path(work) / "reports")]
            without, without_peak = measured(base + ["--ignore", "Q006"])
            with_q006, peak = measured(base)
            print(f"| {size:,} | {without:.2f} | {without_peak:.0f} | {with_q006:.2f} | {peak:.0f} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--cli", action="store_true", help="time whole relint runs instead")
    parser.add_argument("--relint", default=shutil.which("relint") or str(Path(sys.executable).parent / "relint"))
    args = parser.parse_args()
    if args.cli:
        whole_runs(args.sizes, args.relint)
    else:
        in_process(args.sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
