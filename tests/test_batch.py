"""How many processes a run uses when --jobs is not given."""

import os
from types import SimpleNamespace

from linter import batch
from linter.batch import DEFAULT_PARALLEL_FILES, default_workers


def _cores_busy(monkeypatch, busy_share: float) -> None:
    """/proc/stat as it reads while other work keeps ``busy_share`` of the CPU time busy."""
    samples = iter([(0, 0), (round(1000 * (1 - busy_share)), 1000)] * 10)
    monkeypatch.setattr(batch, "_idle_and_total", lambda: next(samples))


def test_small_runs_and_busy_machines_use_one_process(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    _cores_busy(monkeypatch, 0.0)
    assert default_workers(DEFAULT_PARALLEL_FILES - 1) == 1
    assert default_workers(DEFAULT_PARALLEL_FILES) == 4  # an idle machine: every core
    _cores_busy(monkeypatch, 0.5)
    assert default_workers(10_000) == 2  # two cores busy with other work
    _cores_busy(monkeypatch, 0.95)
    assert default_workers(10_000) == 1  # a loaded shared machine: a pool would only add its costs


def test_the_idle_cores_are_read_now_not_from_the_minute_average(monkeypatch):
    """The load average still counts a run that just ended; /proc/stat says what is idle now.
    Where there is no /proc/stat, the load average stands in."""
    monkeypatch.setattr(os, "getloadavg", lambda: (2.0, 2.0, 2.0))  # the previous run's trace
    _cores_busy(monkeypatch, 0.0)
    assert batch.idle_cores(2) == 2.0
    def no_proc():
        raise OSError("no /proc/stat")
    monkeypatch.setattr(batch, "_idle_and_total", no_proc)
    assert batch.idle_cores(4) == 2.0


def test_the_cores_this_process_keeps_busy_while_it_watches_count_as_idle(monkeypatch):
    """A run watches the idle cores while it lints its first file, not in a pause of its
    own: /proc/stat then shows this process's core busy, yet the process only waits once
    its workers start. Busy with other work, the same core is not idle."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    _cores_busy(monkeypatch, 0.5)
    now = {"wall": 0.0, "cpu": 0.0}
    monkeypatch.setattr(batch, "time", SimpleNamespace(monotonic=lambda: now["wall"], process_time=lambda: now["cpu"],
                                                       sleep=lambda seconds: None))
    since = batch.watch()
    now.update(wall=0.2, cpu=0.2)  # linting the first file: this process kept one core busy
    assert default_workers(10_000, since) == 2
    since = batch.watch()
    now.update(wall=0.4)  # this process waited: the busy core was another's
    assert default_workers(10_000, since) == 1


def test_workers_get_the_files_in_order_in_chunks_that_shrink_to_single_files_at_the_end():
    chunks = list(batch._chunks(list(range(1, 600)), 2))
    assert [index for chunk in chunks for index in chunk] == list(range(1, 600))
    sizes = [len(chunk) for chunk in chunks]
    assert sizes[0] == batch.CHUNK and sizes == sorted(sizes, reverse=True) and sizes[-8:] == [1] * 8


def test_the_pool_does_not_spin_while_results_arrive(registry, monkeypatch):
    """multiprocessing's worker handler woke for every result waiting in the results pipe
    and went round its loop some 300 times for 40 reports (0.16 s of the parent's CPU over
    600); relint's pool wakes it for a worker that exits or a change of the pool's state."""
    import multiprocessing.pool

    from conftest import SEEDS

    from linter.config import Settings

    rounds = []
    maintain = multiprocessing.pool.Pool._maintain_pool
    monkeypatch.setattr(multiprocessing.pool.Pool, "_maintain_pool",
                        staticmethod(lambda *args: rounds.append(1) or maintain(*args)))
    items = [(str(SEEDS[number % len(SEEDS)]), Settings()) for number in range(40)]
    results = list(batch.lint_many(registry, items, 2))
    assert [result.path for result in results] == [path for path, _ in items]
    assert all(result.diagnostics for result in results)
    assert len(rounds) < 10


def test_the_real_proc_stat_is_read(monkeypatch):
    idle, total = batch._idle_and_total()
    assert 0 <= idle <= total and total > 0
    assert 0.0 <= batch.idle_cores(os.cpu_count() or 1) <= (os.cpu_count() or 1)


def test_parallel_runs_read_the_cache_in_the_parent_and_keep_every_finding_in_order(tmp_path, monkeypatch):
    """Workers send findings back as packed rows and the parent serves cache hits itself:
    cold, warm and half-warm parallel runs say exactly what one process says."""
    monkeypatch.setenv("RELINT_NO_REPLAY", "1")  # the per-file cache is what is tested
    import shutil

    from conftest import SEEDS, run_relint

    folder = tmp_path / "reports"
    folder.mkdir()
    for number in range(20):  # above PARALLEL_THRESHOLD
        shutil.copy(SEEDS[number % len(SEEDS)], folder / f"r{number:02d}.txt")
    for output_format in ("text", "json"):
        one = run_relint("--no-cache", "--jobs", "1", "--format", output_format, "reports", cwd=tmp_path).stdout
        assert b"r19.txt" in one and b"T006" in one
        cold = run_relint("--jobs", "2", "--format", output_format, "reports", cwd=tmp_path).stdout
        warm = run_relint("--jobs", "2", "--format", output_format, "reports", cwd=tmp_path).stdout
        entries = sorted(p for p in (tmp_path / ".relint_cache").rglob("*") if p.is_file() and p.name != ".gitignore")
        for entry in entries[::3]:
            entry.unlink()
        half = run_relint("--jobs", "2", "--format", output_format, "reports", cwd=tmp_path).stdout
        assert one == cold == warm == half, output_format
