"""Peak memory of one output format alone, over N results: ``format_memory.py FORMAT N``.

The five seeds are linted once, as the format needs them (full reports for html, slim
ones otherwise, as a run makes them), and result i is seed i mod 5's under its own path,
given to the format as a run gives it (``start``, ``add`` for each, ``finish`` with the
totals) and written to a temporary file. What the process holds then is the format's own:
no cache, spool or run rule. Prints the peak resident memory in MiB; a format that writes
file by file prints the same figure at 100 and at 10,000 results.
"""

from __future__ import annotations

import copy
import resource
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed_results(registry, full: bool) -> list:
    from linter.config import Settings
    from linter.engine import lint_source, read_source

    results = []
    for seed in sorted((ROOT / "fixtures" / "seeds").glob("*.txt")):
        source = read_source(registry, str(seed))
        result = lint_source(registry, source, Settings())
        if not full:
            result.report, result.source = result.report.slim(), None
        results.append(result)
    return results


def main() -> int:
    from linter.engine import Registry
    from linter.output import BUILTIN_FORMATTERS, OutputOptions, Totals, formatter_class

    name, count = sys.argv[1], int(sys.argv[2])
    registry = Registry()
    formatter = formatter_class(BUILTIN_FORMATTERS[name])
    seeds = seed_results(registry, formatter.full_reports)
    options = OutputOptions(rules=registry.rules, kinds=tuple(registry.kinds))
    with tempfile.TemporaryDirectory() as work, open(Path(work) / f"out.{name}", "w", encoding="utf-8") as out:
        running, totals = formatter(out, options), Totals()
        running.start()
        for number in range(count):
            result = copy.copy(seeds[number % len(seeds)])  # a shallow copy: its own path, shared findings
            result.path = f"reports/report_{number:05d}.txt"
            totals.add(result)
            running.add(result)
        running.finish(totals)
    print(f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
