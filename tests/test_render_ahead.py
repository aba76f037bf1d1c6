"""A run that compares files (Q006) renders each file as soon as it is linted, in the
process that linted it (``Formatter.render``): what it writes is exactly what rendering the
finished results writes, for the files the run rules add to and the suppressed findings too,
and a file the run rules leave alone is never packed, unpacked or linted twice."""

import shutil

import pytest
from conftest import SEEDS, run_relint
from test_copying import INSERT_AT, make_copied_pair

from linter import batch, cli, packed
from linter.output import BUILTIN_FORMATTERS, formatter_class
from linter.output.statistics import StatisticsFormatter

FORMATS = {name: formatter_class(BUILTIN_FORMATTERS[name])
           for name in ("text", "json", "sarif", "github", "junit", "checklist")}
FORMATS["statistics"] = StatisticsFormatter


def _finished(base):
    """``base`` as a format that renders nothing ahead: the run hands it finished results."""

    class Finished(base):
        render = None  # what the run asks

        def __init__(self, out, options):
            super().__init__(out, options)
            self.render = base.render  # what its own add uses

    return Finished


def _run(folder):
    """17 reports, 2 of them with Q006 and 3 with summaries only; an unreadable one; an
    [[allow]] entry that suppresses b's Q006 findings."""
    a, b = make_copied_pair(folder)
    for number in range(15):  # above batch.PARALLEL_THRESHOLD: workers render
        shutil.copy(SEEDS[number % len(SEEDS)], folder / f"s{number:02d}.txt")
    (folder / "bad.txt").write_bytes(b"\x80\x80\xff\xfe\x81, ,")
    pasted = b.read_text(encoding="utf-8").splitlines()[INSERT_AT + 1]
    (folder / "relint.toml").write_text(f'[[allow]]\ncode = "Q006"\ntext = "{pasted[:12]}"\npath = "b.txt"\n',
                                        encoding="utf-8")
    return a, b


def _args(name, out, *more):
    chosen = ["--statistics"] if name == "statistics" else ["--format", name]
    return ["--no-cache", "--exit-zero", *chosen, "-o", str(out), *map(str, more)]


@pytest.mark.parametrize("name", FORMATS)
def test_rendered_ahead_is_what_the_finished_results_render(name, tmp_path, monkeypatch):
    monkeypatch.setenv("RELINT_NO_REPLAY", "1")
    monkeypatch.chdir(tmp_path)
    _run(tmp_path / "reports")
    monkeypatch.setattr(cli, "_formatter_class", lambda args, entry: _finished(FORMATS[name]))
    assert cli.main(_args(name, "finished", "--jobs", "1", "reports")) == 2
    finished = (tmp_path / "finished").read_bytes()
    for jobs in ("1", "2"):
        done = run_relint(*_args(name, "ahead", "--jobs", jobs, "reports"), cwd=tmp_path)
        assert done.returncode == 2 and b"bad.txt: E00" in done.stderr and b"matched no finding" not in done.stderr
        assert (tmp_path / "ahead").read_bytes() == finished, jobs
    if name == "text":  # a's, and those of s01, s06 and s11 (001's copies) with b; b's are allowed
        assert finished.count(b": Q006 ") == 4 and b"reports/b.txt:" in finished


def test_a_file_the_run_rules_leave_alone_is_never_packed_nor_linted_twice(tmp_path, monkeypatch):
    monkeypatch.setenv("RELINT_NO_REPLAY", "1")
    a, b = make_copied_pair(tmp_path)
    alone = tmp_path / "c.txt"
    shutil.copy(SEEDS[4], alone)
    linted, lint_one = [], batch.lint_one

    def counted(registry, path, *args, **kwargs):
        linted.append(path)
        return lint_one(registry, path, *args, **kwargs)

    def refused(*args, **kwargs):
        raise AssertionError("a rendered run packs no result")

    monkeypatch.setattr(batch, "lint_one", counted)
    monkeypatch.setattr(packed, "pack", refused)
    monkeypatch.setattr(packed, "unpack", refused)
    cli.main(["--no-cache", "--exit-zero", "--jobs", "1", "--format", "json", "-o", str(tmp_path / "o.json"),
              str(a), str(b), str(alone)])
    assert linted == [str(a), str(b), str(alone), str(a), str(b)]  # a and b again: Q006 found in both
    assert (tmp_path / "o.json").read_text(encoding="utf-8").count('"code": "Q006"') == 2


def test_a_baseline_suppresses_run_findings_rendered_ahead(tmp_path, monkeypatch):
    monkeypatch.setenv("RELINT_NO_REPLAY", "1")
    a, b = make_copied_pair(tmp_path)
    baseline = tmp_path / "baseline.json"
    run_relint("--no-cache", "--select", "Q006", "--write-baseline", str(baseline), str(a), str(b))
    assert baseline.read_text(encoding="utf-8").count('"Q006"') == 2
    for shifted in (False, True):
        if shifted:  # the fingerprints hold the line's text, not its number
            b.write_text(b.read_text(encoding="utf-8").replace("\n\n", "\n", 1), encoding="utf-8")
        done = run_relint("--no-cache", "--select", "Q006", "--baseline", str(baseline), str(a), str(b))
        assert b"Q006" not in done.stdout and b"no longer match" not in done.stderr and done.returncode == 0
    assert b"Q006" in run_relint("--no-cache", "--select", "Q006", str(a), str(b)).stdout
