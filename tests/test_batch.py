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
