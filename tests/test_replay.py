"""Whole runs replayed (linter.replay): an unchanged run writes what the last one wrote,
byte for byte, with its exit code; any change it depends on makes it lint again."""

import json
import os
import shutil
import subprocess

import pytest
from conftest import SEEDS, run_relint

from linter import replay


@pytest.fixture
def work(tmp_path):
    """A folder of the five seeds, linted from ``tmp_path`` (the cache's folder)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder)
    return tmp_path


def _entries(cwd):
    """The per-file result cache's entries (a run that lints writes them; a replay does not)."""
    top = cwd / ".relint_cache"
    return sorted(p for p in top.rglob("*") if p.is_file() and "runs" not in p.parts and p.name != ".gitignore")


def _records(cwd):
    return sorted((cwd / ".relint_cache" / "runs").glob("*"))


def _forget_results(cwd):
    for entry in _entries(cwd):
        entry.unlink()


def _linted(cwd, *args, env=None):
    """Run relint; also say whether it linted (wrote result-cache entries) or replayed."""
    _forget_results(cwd)
    done = run_relint(*args, cwd=cwd, env=env)
    return done, bool(_entries(cwd))


def test_an_unchanged_run_is_replayed_byte_for_byte_with_its_exit_code(work):
    first = run_relint("--lang", "en", "reports", cwd=work)
    assert first.returncode == 1 and b"T006" in first.stdout
    assert len(_records(work)) == 1
    again, linted = _linted(work, "--lang", "en", "reports")
    assert not linted  # nothing was linted: the record was replayed
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)


def test_the_output_file_and_stderr_are_written_again(work):
    (work / "relint.toml").write_text('[tool.relint]\nallow = [{code = "T006", text = "不存在的文字"}]\n',
                                      encoding="utf-8")
    first = run_relint("--format", "json", "-o", "out.json", "--exit-zero", "reports", cwd=work)
    written = (work / "out.json").read_bytes()
    assert first.returncode == 0 and b"matched no finding" in first.stderr  # the stale allow entry
    (work / "out.json").unlink()
    again, linted = _linted(work, "--format", "json", "-o", "out.json", "--exit-zero", "reports")
    assert not linted
    assert (work / "out.json").read_bytes() == written and json.loads(written)["summary"]["files"] == 5
    assert (again.returncode, again.stdout, again.stderr) == (0, b"", first.stderr)


def _same_size_edit(work):
    path = work / "reports" / os.path.basename(SEEDS[0])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2024年", "2025年", 1), encoding="utf-8")  # same bytes long


CHANGES = {
    "an input's bytes, same size": _same_size_edit,
    "a file added to the folder": lambda work: shutil.copy(SEEDS[1], work / "reports" / "another.txt"),
    "a file removed": lambda work: (work / "reports" / os.path.basename(SEEDS[2])).unlink(),
    "a config file created above the inputs": lambda work: (work / "relint.toml").write_text(
        '[tool.relint]\nignore = ["T006"]\n', encoding="utf-8"),
    "a config file created beside the inputs": lambda work: (work / "reports" / ".relint.toml").write_text(
        '[tool.relint]\nlang = "en"\n', encoding="utf-8"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_the_run_depends_on_makes_it_lint_again(work, change):
    run_relint("reports", cwd=work)
    CHANGES[change](work)
    again, linted = _linted(work, "reports")
    truth = run_relint("--no-cache", "reports", cwd=work)
    assert linted
    assert (again.returncode, again.stdout) == (truth.returncode, truth.stdout)


def test_an_edited_config_and_another_command_line_or_environment_lint_again(work):
    (work / "relint.toml").write_text('[tool.relint]\nignore = ["T006"]\n', encoding="utf-8")
    run_relint("reports", cwd=work)
    (work / "relint.toml").write_text('[tool.relint]\nignore = ["T005"]\n', encoding="utf-8")
    again, linted = _linted(work, "reports")
    assert linted and b"T006" in again.stdout and b"T005" not in again.stdout
    run_relint("reports", cwd=work)
    assert _linted(work, "--lang", "en", "reports")[1]
    assert _linted(work, "reports", env={"RELINT_SOMETHING": "1"})[1]
    assert not _linted(work, "reports")[1]  # and the first command is still answered by its record


def test_a_record_changed_by_anyone_else_is_not_replayed(work):
    first = run_relint("reports", cwd=work)
    (record,) = _records(work)
    data = record.read_bytes()
    record.write_bytes(data.replace(b"T006", b"T007", 1))  # forged: "findings" that were never found
    again, linted = _linted(work, "reports")
    assert linted and again.stdout == first.stdout


def test_runs_a_record_cannot_watch_are_not_recorded(work, tmp_path):
    for number in range(20):  # enough for a worker pool
        shutil.copy(SEEDS[number % len(SEEDS)], work / "reports" / f"r{number:02d}.txt")
    run_relint("--jobs", "2", "reports", cwd=work)  # worker processes: their reads are not seen
    run_relint("--format", "xlsx", "-o", "out.xlsx", "reports", cwd=work)  # not text
    run_relint("-", cwd=work, stdin=open(SEEDS[0], "rb").read())  # stdin
    run_relint("--no-cache", "reports", cwd=work)
    assert _records(work) == []
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    run_relint("reports", cwd=work)  # git's ignore rules chose the files
    assert _records(work) == []


def test_a_program_calling_main_neither_records_nor_replays(work, monkeypatch, capsys):
    from linter.cli import main

    monkeypatch.chdir(work)
    assert main(["--exit-zero", "reports"]) == 0
    assert _records(work) == []


def test_the_key_changes_with_the_day(monkeypatch):
    import datetime as dt

    class Tomorrow(dt.date):
        @classmethod
        def today(cls):
            return dt.date(2099, 1, 1)

    today = replay._key(["reports"])
    monkeypatch.setattr(dt, "date", Tomorrow)
    assert replay._key(["reports"]) != today  # dates are judged against the current year


def test_old_records_are_pruned(work):
    for number in range(replay.KEPT + 3):
        run_relint("reports", cwd=work, env={"RELINT_RUN": str(number)})
    assert len(_records(work)) == replay.KEPT


def test_relint_no_replay_turns_recording_off(work):
    run_relint("reports", cwd=work, env={"RELINT_NO_REPLAY": "1"})
    assert _records(work) == [] and _entries(work)  # the per-file cache still serves


def test_records_are_pruned_to_a_total_size_keeping_the_newest(tmp_path, monkeypatch):
    for number, size in enumerate((300, 300, 300, 5000)):  # oldest first; the newest is the largest
        record = tmp_path / f"r{number}"
        record.write_bytes(b"x" * size)
        os.utime(record, ns=(number * 10**9, number * 10**9))
    monkeypatch.setattr(replay, "KEPT_BYTES", 1000)
    replay._prune(str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r3"]  # over the cap alone, but the newest
    (tmp_path / "r4").write_bytes(b"x" * 300)
    os.utime(tmp_path / "r3", ns=(0, 0))
    replay._prune(str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r4"]
