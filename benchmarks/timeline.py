"""The timeline of one relint run: when each part of it ends, in wall time since the
process started, with the parent's CPU time then (workers not included).

    python benchmarks/timeline.py [relint arguments]

Marks: relint imported, the plugin registry made, linting started (settings resolved, the
folders walked), the first file linted in the parent, the worker pool made, the first
result of a worker, the last result, the output written, and the end of the process. The
parts are found by wrapping relint's own functions in this process, so that nothing of
relint changes for it.
"""

from __future__ import annotations

import atexit
import sys
import time

START = time.perf_counter()
MARKS: list[tuple[str, float, float]] = []


def mark(name: str) -> None:
    MARKS.append((name, time.perf_counter() - START, time.process_time()))


def wrapped(owner, name: str, before: str | None, after: str | None, once: bool = True) -> None:
    """``owner.name`` marking ``before`` and ``after`` its calls (the first call only, with ``once``)."""
    original, calls = getattr(owner, name), [0]

    def call(*args, **kwargs):
        calls[0] += 1
        first = calls[0] == 1 or not once
        if first and before:
            mark(before)
        result = original(*args, **kwargs)
        if first and after:
            mark(after)
        return result

    setattr(owner, name, call)


def main() -> None:
    from linter import batch, cli, engine

    mark("relint imported")
    wrapped(engine, "Registry", None, "registry made")
    wrapped(batch, "lint_one", None, "first file linted")
    wrapped(batch, "_pool", None, "pool made")
    wrapped(cli, "_report", None, "output written")
    many = batch.lint_many

    def lint_many(registry, items, *args, **kwargs):
        mark("linting started")
        for number, result in enumerate(many(registry, items, *args, **kwargs), 1):
            if number == 2:
                mark("second result (a worker's first)")
            if number == len(items):
                mark("last result")
            yield result

    batch.lint_many = lint_many
    atexit.register(lambda: print("\n".join(f"{wall:7.3f} s  cpu {cpu:6.3f} s  {name}"
                                            for name, wall, cpu in [*MARKS, ("exit", time.perf_counter() - START,
                                                                             time.process_time())]),
                                  file=sys.stderr))
    sys.argv = ["relint", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
