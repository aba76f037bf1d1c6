"""How many processes a run uses when --jobs is not given."""

import os

from linter.batch import DEFAULT_PARALLEL_FILES, default_workers


def test_small_runs_and_busy_machines_use_one_process(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert default_workers(DEFAULT_PARALLEL_FILES - 1) == 1
    assert default_workers(DEFAULT_PARALLEL_FILES) == 4  # an idle machine: every core
    monkeypatch.setattr(os, "getloadavg", lambda: (2.2, 1.0, 1.0))
    assert default_workers(10_000) == 2  # two cores busy with other work
    monkeypatch.setattr(os, "getloadavg", lambda: (7.0, 6.0, 5.0))
    assert default_workers(10_000) == 1  # a loaded shared machine: a pool would only add its costs


def test_parallel_runs_read_the_cache_in_the_parent_and_keep_every_finding_in_order(tmp_path):
    """Workers send findings back as packed rows and the parent serves cache hits itself:
    cold, warm and half-warm parallel runs say exactly what one process says."""
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
