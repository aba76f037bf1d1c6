"""Running many files: in this process for a few, on every core for many.

Settings are resolved in the parent (a bad config must stop the run before any work),
workers build the plugin registry once and lint files in order-preserving chunks.
"""

from __future__ import annotations

import os

from linter.engine import FileResult, Registry, lint_source, read_source
from linter.sources import InputError

#: Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 16
_WORKER_REGISTRY: Registry | None = None


def lint_one(registry: Registry, path: str, settings, data: bytes | None = None) -> FileResult:
    source = read_source(registry, path, data)
    if isinstance(source, InputError):
        return FileResult(path, error=source, settings=settings)
    return lint_source(registry, source, settings)


def _init_worker():
    global _WORKER_REGISTRY
    _WORKER_REGISTRY = Registry()


def _work(item):
    path, settings = item
    return lint_one(_WORKER_REGISTRY, path, settings)


def lint_many(registry: Registry, items: list[tuple[str, object]], jobs: int | None) -> list[FileResult]:
    """Lint ``(path, settings)`` pairs; results come back in the order given."""
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(items) < PARALLEL_THRESHOLD:
        return [lint_one(registry, path, settings) for path, settings in items]
    import multiprocessing

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    chunk = max(1, min(64, len(items) // (jobs * 4)))
    with context.Pool(jobs, initializer=_init_worker) as pool:
        return list(pool.imap(_work, items, chunksize=chunk))
