"""Running many files: in this process for a few, on every core for many.

Settings are resolved in the parent (a bad config must stop the run before any work),
workers build the plugin registry once and lint files in order-preserving chunks. In a run
that compares files, with a format that renders each file alone, a worker renders what it
linted too (``Job.render``): the text travels back, not the findings.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from linter import regex_code
from linter.engine import FileResult, Registry, internal_error, lint_source, read_source, reader_for
from linter.packed import Held, digests_of, pack, unpack_report
from linter.sources import InputError, read_bytes

#: Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 16
#: Without --jobs, below this many files one process is used: a pool's start and the cost
#: of moving results between processes are not repaid on a small run (measured on 2 cores,
#: interleaved medians of 5: 50 reports 0.59 s with two workers against 0.60 s with one;
#: 100 reports 0.86 against 1.15 s; 150, 0.97 against 1.24 s)
DEFAULT_PARALLEL_FILES = 100
#: In a worker process: its registry, the run's items and the job (see _init_worker).
_WORKER: tuple | None = None


@dataclass(frozen=True)
class Job:
    """How each file of a run is handled."""

    fix: object = None  # a linter.fixer.FixMode, or None to only lint
    slim: bool = False  # keep only what summary formats need (see Report.slim)
    cache_root: str | None = None  # folder holding .relint_cache; None: no cache
    compare: bool = False  # the run compares files with each other (run rules: linter.run_rules)
    report: bool = True  # results keep their (slim) report: the output format reads it
    #: in a run that compares files, with a format that renders each file alone: its
    #: ``render(result) -> str``, called where the file is linted (linter.output.ahead)
    render: object = None


def lint_one(registry: Registry, path: str, settings, data: bytes | None = None, job: Job = Job(),
             held: bool = False) -> FileResult | Held:
    """Lint one file (and fix it, if the job says so). A failure of relint itself costs this
    file (an E009 input error naming the exception), never the run. With ``held``, a result
    read from or written to the cache comes packed (:class:`Held`)."""
    try:
        result = _lint_one(registry, path, settings, data, job, held)
    except Exception as exc:  # noqa: BLE001 - any bug: report it for this file and go on
        result = FileResult(path, error=internal_error(path, exc), settings=settings)
    regex_code.save()  # the code of patterns this file was the first to need, for the next run
    if data is not None and job.fix is not None and job.fix.write and result.fixed_output is None:
        result.fixed_output = data  # an editor piping its buffer through relint must get it back
    return result


def _lint_one(registry: Registry, path: str, settings, data: bytes | None, job: Job, held: bool) -> FileResult | Held:
    if job.fix is None:
        return _lint_cached(registry, path, settings, data, job, held)
    source = read_source(registry, path, data)
    if isinstance(source, InputError):
        return FileResult(path, error=source, settings=settings)
    fix = job.fix
    if source.format == "docx" and data is None:
        from linter import docx_fix, fixer

        if not fix.write:
            return docx_fix.fix_file(registry, path, settings, fix)
        with fixer.folder_lock(path):
            return docx_fix.fix_file(registry, path, settings, fix)
    if source.format != "text":
        result = lint_source(registry, source, settings)
        result.note = f"--fix does not rewrite {source.format} files"
        return result
    from linter import fixer

    if data is not None:  # stdin: the fixed text goes to stdout, as ruff does
        result, fixed_source, result.fixed = fixer.fix_source(
            lambda s: lint_source(registry, s, settings), source, fix)
        if fix.write:
            result.fixed_output = fixer.encode(fixed_source)
        elif fixed_source.text != source.text:
            result.diff = fixer.unified_diff(path, source.text, fixed_source.text)
        return result
    if fix.write:
        with fixer.folder_lock(path):
            # another relint may have fixed the file while this one waited for the lock
            source = read_source(registry, path)
            if isinstance(source, InputError):
                return FileResult(path, error=source, settings=settings)
            return _fix_and_write(registry, path, source, settings, fix)
    return _fix_and_write(registry, path, source, settings, fix)


def _fix_and_write(registry, path, source, settings, fix) -> FileResult:
    from linter import fixer

    result, fixed_source, fixed = fixer.fix_source(lambda s: lint_source(registry, s, settings), source, fix)
    result.fixed = fixed
    if fixed_source.text == source.text:
        return result
    if not fix.write:
        result.diff = fixer.unified_diff(path, source.text, fixed_source.text)
        return result
    try:
        fixer.write_atomic(path, fixer.encode(fixed_source))
    except (UnicodeEncodeError, OSError) as exc:
        # the file on disk keeps its findings: show those, and fail the run
        result = lint_source(registry, source, settings)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        result.error = InputError(path, "E008", f"修复后的文本无法写回，文件未改动：{reason}",
                                  f"the fixed text could not be written; the file is unchanged: {reason}")
    return result


def _lint_cached(registry: Registry, path: str, settings, data: bytes | None, job: Job,
                 held: bool) -> FileResult | Held:
    cache = key = None
    if _cacheable(registry, path, data, job):
        data = read_bytes(path)  # read once: the key holds a hash of the bytes
        if isinstance(data, InputError):
            return FileResult(path, error=data, settings=settings)
        cache = _cache(job.cache_root, registry.fingerprint)
        key = cache.key(path, settings, data)
        hit = _hit(registry, key, path, settings, job)
        if hit is not None and held:
            return hit  # its rows are checked where they are unpacked
        if hit is not None:
            with contextlib.suppress(ValueError):  # a damaged entry: lint the file again
                return hit.result()
    source = read_source(registry, path, data)
    if isinstance(source, InputError):
        return FileResult(path, error=source, settings=settings)
    result = lint_source(registry, source, settings, digest=job.compare)
    if job.slim:
        result.report, result.source = result.report.slim(), None
    stored = pack(result) if key is not None and not result.compared else None
    if stored is not None:
        cache.put(key, stored)
    if not job.report:
        result.report = None
    if not held:
        return result
    return Held(path, settings, stored._replace(report=None), result.report) if stored else Held.of(result)


def _cacheable(registry: Registry, path: str, data: bytes | None, job: Job) -> bool:
    return job.cache_root is not None and job.slim and data is None and reader_for(registry, path) is not None


@lru_cache(maxsize=4)
def _cache(root: str, fingerprint: str):
    from linter.cache import ResultCache

    return ResultCache(root, fingerprint)


def _hit(registry: Registry, key: str | None, path: str, settings, job: Job) -> Held | None:
    """The cached result under ``key`` if it is there and serves this job (a run that
    compares files needs the digests, which a run of one file did not keep)."""
    stored = _cache(job.cache_root, registry.fingerprint).get(key, job.report) if key else None
    if stored is None:
        return None
    try:
        if job.compare and digests_of(stored) is None:
            return None
        report = unpack_report(stored, registry.kinds_for(settings)) if job.report else None
    except ValueError:
        return None
    return Held(path, settings, stored._replace(report=None), report)


def _cache_key(registry: Registry, path: str, settings, job: Job) -> str | None:
    """The cache key of a file whose entry exists (the parent of a parallel run looks up
    the cache before handing the misses to workers), else None."""
    if not _cacheable(registry, path, None, job):
        return None
    data = read_bytes(path)
    if isinstance(data, InputError):
        return None
    cache = _cache(job.cache_root, registry.fingerprint)
    key = cache.key(path, settings, data)
    return key if key is not None and cache.has(key) else None


def settle_gc() -> None:
    """Called once start-up is done. What is loaded by then (rules, parser tables, the
    registry) lives until exit, so the collector need not scan it again; linting allocates
    many short-lived containers, so it runs less often (collections took 9% of a
    600-report run)."""
    import gc

    gc.freeze()
    gc.set_threshold(20_000, 50, 100)


def default_workers(count: int, since: "Watch | None" = None) -> int:
    """Worker processes when --jobs is not given, from the size of the run and the
    machine's idle cores now (since ``since``, if given: see :func:`idle_cores`): extra
    processes only when a core is idle to run them (on a busy shared machine a pool adds
    the cost of moving results and gains no core)."""
    if not _pooled(count):
        return 1
    cores = os.cpu_count() or 1
    return max(1, min(cores, int(idle_cores(cores, since) + 0.5)))


def _pooled(count: int) -> bool:
    """Whether a run of ``count`` files without --jobs may use workers (the idle cores decide)."""
    return count >= DEFAULT_PARALLEL_FILES and (os.cpu_count() or 1) > 1


#: How long the idle cores are watched at least: a few scheduler ticks, nothing beside a
#: run of hundreds of files (seconds)
IDLE_SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Watch:
    """Where the watch of the idle cores starts (:func:`watch`)."""

    jiffies: tuple[int, int] | None  # idle and total (:func:`_idle_and_total`); None: no /proc/stat
    wall: float  # time.monotonic()
    cpu: float  # this process's CPU time, all its threads


def watch() -> Watch:
    """Start watching the idle cores (:func:`idle_cores`)."""
    try:
        jiffies = _idle_and_total()
    except (OSError, ValueError, IndexError):  # no /proc (not Linux)
        jiffies = None
    return Watch(jiffies, time.monotonic(), time.process_time())


def idle_cores(cores: int, since: Watch | None = None) -> float:
    """How many cores are idle now: the idle share of CPU time (``/proc/stat``) since
    ``since``, or over a short moment from now, where there is one. A run watches while it
    lints its first file (instead of only waiting): the cores this process kept busy
    meanwhile count as idle, as it only waits for its workers once they start. The load
    average, used before, is a minute's moving average: it still counted the previous run's
    processes as busy cores, and a run on an idle machine went on one core at half the speed
    it could have had."""
    start = since or watch()
    if start.jiffies is None:
        try:
            return cores - os.getloadavg()[0]
        except OSError:  # nor a load average
            return cores
    time.sleep(max(0.0, IDLE_SAMPLE_SECONDS - (time.monotonic() - start.wall)))
    try:
        idle, total = _idle_and_total()
    except (OSError, ValueError, IndexError):
        return cores
    idle, total = idle - start.jiffies[0], total - start.jiffies[1]
    own = (time.process_time() - start.cpu) / (time.monotonic() - start.wall)
    return min(cores, cores * idle / total + own) if total > 0 else cores


def _idle_and_total() -> tuple[int, int]:
    """Idle (idle + iowait) and total jiffies of all cores, from ``/proc/stat``'s first line."""
    with open("/proc/stat", "rb") as handle:
        fields = [int(value) for value in handle.readline().split()[1:]]
    return fields[3] + fields[4], sum(fields[:8])  # guest time is counted in user already


def _init_worker(registry, items, job):
    """A forked worker inherits the parent's registry, items and job (nothing is pickled);
    a spawned one (no fork on this system) builds its registry again."""
    global _WORKER
    _WORKER = (registry or Registry(), items, job)
    settle_gc()


def _work(index: int):
    """Lint item ``index`` of the run in a worker; a plain result travels back rendered,
    when the job says (:func:`linter.output.ahead`: rendering runs in parallel too), else
    packed (:class:`Held`: its findings as one JSON text, which pickles as a copy)."""
    registry, items, job = _WORKER
    path, settings = items[index]
    result = lint_one(registry, path, settings, job=job, held=job.fix is None and job.render is None)
    if job.render is not None:
        from linter.output import ahead

        result = ahead(result, job.render)
    elif job.fix is None and not isinstance(result, Held):
        result = Held.of(result)
    result.settings = None  # the parent has them
    return result


def _pool(context, processes: int, initargs: tuple):
    """A pool of ``processes`` workers whose worker handler (a thread of the parent) waits
    only for what it handles: a worker that exits, a change of the pool's state.
    multiprocessing's own (CPython 3.8 and later) also wakes whenever a result waits in the
    results pipe, which another thread reads: while results arrived it went round its loop
    without pause, 0.16 s of the parent's CPU over 600 reports (19 MB of rendered JSON),
    taken from the cores the workers run on. On a Python whose pool has no
    ``_get_sentinels``, the override is never called and the pool works as it does there."""
    from multiprocessing.pool import Pool

    class QuietPool(Pool):
        def _get_sentinels(self):
            return [self._change_notifier._reader]

    return QuietPool(processes, initializer=_init_worker, initargs=initargs, context=context)


#: The most files sent to a worker at once (a chunk costs ~1 ms to send and return)
CHUNK = 16


def _chunks(indices: list[int], workers: int) -> Iterator[list[int]]:
    """``indices`` in chunks that shrink as the run nears its end (guided scheduling): the
    run ends when the slowest worker's last chunk does; a last chunk of 16 files (0.15 s of
    a core) could leave the other cores idle as long (one of 64, before, half a second)."""
    start = 0
    while start < len(indices):
        size = max(1, min(CHUNK, (len(indices) - start) // (workers * 4)))
        yield indices[start:start + size]
        start += size


def _work_chunk(indices: list[int]) -> list:
    return [_work(index) for index in indices]


def lint_many(registry: Registry, items: list[tuple[str, object]], jobs: int | None,
              job: Job = Job(), held: bool = False) -> Iterator[FileResult | Held]:
    """Lint (and fix) ``(path, settings)`` pairs; results stream back in the order given.
    In a parallel run the parent reads cached results itself and sends only the other
    files to the workers. With ``held``, results may come packed (:class:`Held`), for a
    consumer that keeps them before writing them (linter.run_rules); with ``job.render``,
    those of the workers come rendered (:class:`linter.output.Rendered`)."""
    if len(items) < PARALLEL_THRESHOLD or (jobs <= 1 if jobs is not None else not _pooled(len(items))):
        for path, settings in items:
            yield lint_one(registry, path, settings, job=job, held=held)
        return
    import multiprocessing

    keys = [_cache_key(registry, path, settings, job) if job.fix is None else None for path, settings in items]
    misses = [index for index, key in enumerate(keys) if key is None]
    since = watch() if jobs is None else None  # the idle cores are watched while the first file is linted
    first = lint_one(registry, *items[misses[0]], job=job, held=held) if misses else None
    jobs = jobs or default_workers(len(items), since)
    rest, pool = misses[1:], None
    # on a busy machine (one worker) the other files are linted here too
    linted = (lint_one(registry, *items[index], job=job, held=held) for index in rest)
    if jobs > 1 and rest:
        # forked after linting one file here: the workers inherit what the first file
        # compiled and loaded (patterns, parser tables; 0.3 s a process), and it is frozen
        settle_gc()
        fork = hasattr(os, "fork")
        context = multiprocessing.get_context("fork" if fork else "spawn")
        pool = _pool(context, min(jobs, len(rest)), (registry if fork else None, items, job))
        linted = (result for chunk in pool.imap(_work_chunk, _chunks(rest, jobs)) for result in chunk)
    try:
        for index, ((path, settings), key) in enumerate(zip(items, keys)):
            if key is not None:
                done = _hit(registry, key, path, settings, job)
            else:
                done = first if index == misses[0] else next(linted)
            if done is None:  # the entry went away since it was looked up
                yield lint_one(registry, path, settings, job=job, held=held)
                continue
            done.settings = settings
            yield done if held or not isinstance(done, Held) else done.result()
    finally:
        if pool is not None:
            pool.terminate()
