"""The result cache: keyed by content, settings, plugins and version; safe to share."""

import json
import os
import shutil

import pytest
from conftest import FIXTURES, SEEDS, run_relint


@pytest.fixture(autouse=True)
def _per_file_cache_only(monkeypatch):
    """These tests are about the per-file cache: a replayed run (linter.replay) would answer
    the second run of each before it is asked (tests/test_replay.py tests that layer)."""
    monkeypatch.setenv("RELINT_NO_REPLAY", "1")


def test_cached_results_equal_fresh_ones_and_follow_content_and_config(tmp_path):
    for seed in SEEDS:
        shutil.copy(seed, tmp_path / seed.name)
    first = run_relint("--format", "json", ".", cwd=tmp_path).stdout
    entries = [p for p in (tmp_path / ".relint_cache").rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert len(entries) == len(SEEDS)
    assert (tmp_path / ".relint_cache" / ".gitignore").read_text().strip().endswith("*")
    assert run_relint("--format", "json", ".", cwd=tmp_path).stdout == first
    assert run_relint("--no-cache", "--format", "json", ".", cwd=tmp_path).stdout == first
    # a changed file is linted again
    target = tmp_path / SEEDS[0].name
    target.write_text(target.read_text(encoding="utf-8").replace("（以下简称）", "（以下简称《条例》）"), encoding="utf-8")
    changed = json.loads(run_relint("--format", "json", ".", cwd=tmp_path).stdout)
    assert "T008" not in [d["code"] for d in changed["files"][0]["diagnostics"]]
    # a changed config is a different key
    (tmp_path / "relint.toml").write_text('ignore = ["T"]\n')
    ignored = json.loads(run_relint("--format", "json", ".", cwd=tmp_path).stdout)
    assert not any(d["code"].startswith("T") for f in ignored["files"] for d in f["diagnostics"])


def test_a_damaged_cache_entry_is_ignored(tmp_path):
    shutil.copy(FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt", tmp_path / "r.txt")
    fresh = run_relint("r.txt", cwd=tmp_path).stdout
    for entry in (tmp_path / ".relint_cache").rglob("*"):
        if entry.is_file() and entry.name != ".gitignore":
            entry.write_bytes(b"not a pickle")
    assert run_relint("r.txt", cwd=tmp_path).stdout == fresh


def test_last_years_report_appearing_beside_a_cached_file_is_seen(tmp_path):
    pair = FIXTURES / "substance"
    this_year = tmp_path / "XX县司法局2024年法治政府建设年度报告.txt"
    shutil.copy(pair / this_year.name, this_year)
    assert "Q004" not in run_relint("--select", "Q004", this_year.name, cwd=tmp_path).stdout.decode()
    shutil.copy(pair / "XX县司法局2023年法治政府建设年度报告.txt", tmp_path)
    assert "Q004" in run_relint("--select", "Q004", this_year.name, cwd=tmp_path).stdout.decode()


def test_a_report_added_to_the_folder_leaves_the_others_cached(tmp_path):
    """A provincial office adds reports to one folder as they arrive: each arrival lints the
    new file alone, not the folder again (its mtime was part of every key)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in SEEDS[:3]:
        shutil.copy(seed, folder / seed.name)
    first = run_relint("--format", "json", "reports", cwd=tmp_path)
    assert len(_entries(tmp_path)) == 3
    shutil.copy(SEEDS[3], folder / SEEDS[3].name)
    more = run_relint("--format", "json", "reports", cwd=tmp_path)
    assert len(_entries(tmp_path)) == 4  # one new entry: the three others were hits
    assert json.loads(more.stdout)["files"][:3] == json.loads(first.stdout)["files"]


def test_another_format_language_or_fail_level_is_served_from_the_same_entries(tmp_path):
    for seed in SEEDS[:2]:
        shutil.copy(seed, tmp_path / seed.name)
    run_relint("--format", "json", ".", cwd=tmp_path)
    entries = {p: p.stat().st_mtime_ns for p in _entries(tmp_path)}
    assert len(entries) == 2
    for args in (["--format", "text"], ["--lang", "en", "--format", "sarif"], ["--fail-on", "error"]):
        cached = run_relint(*args, ".", cwd=tmp_path)
        assert cached.stdout == run_relint("--no-cache", *args, ".", cwd=tmp_path).stdout, args
    assert {p: p.stat().st_mtime_ns for p in _entries(tmp_path)} == entries  # hits: nothing written


def _entries(folder):
    return [p for p in (folder / ".relint_cache").rglob("*") if p.is_file() and p.name != ".gitignore"]


def test_a_planted_pickle_never_runs_and_is_a_miss(tmp_path):
    import pickle

    shutil.copy(SEEDS[0], tmp_path / "r.txt")
    fresh = _fresh_entry(tmp_path)[0]
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    for entry in _entries(tmp_path):
        entry.write_bytes(pickle.dumps(Payload()))
    assert run_relint("r.txt", cwd=tmp_path).stdout == fresh
    assert not marker.exists()


def _fresh_entry(folder, env=None):
    """Run relint on r.txt with an emptied cache; the output and the one entry written."""
    shutil.rmtree(folder / ".relint_cache", ignore_errors=True)
    (folder / ".relint_cache").mkdir()  # before the run: creating it changes the folder's mtime
    output = run_relint("r.txt", cwd=folder, env=env).stdout
    [entry] = _entries(folder)
    return output, entry


def _forge(entry, mac: bytes | None = None):
    """Rewrite an entry to say the file has no findings, keeping (or replacing) its MAC."""
    old_mac, _, payload = entry.read_bytes().partition(b"\n")
    head, _, report = payload.split(b"\n")
    forged = b"\n".join((head, b"[[],[]]", report))  # no texts, no findings (linter.packed)
    entry.write_bytes((mac(forged) if mac else old_mac) + b"\n" + forged)


def test_a_forged_or_foreign_entry_is_a_miss(tmp_path, monkeypatch):
    """An entry edited to read "no findings", or signed by another user's relint (a cache
    committed to a repository), is not believed."""
    import linter.cache

    shutil.copy(SEEDS[0], tmp_path / "r.txt")
    fresh, entry = _fresh_entry(tmp_path)
    assert fresh
    _forge(entry)
    assert run_relint("r.txt", cwd=tmp_path).stdout == fresh
    # an entry signed with another user's key
    foreign = {"XDG_CACHE_HOME": str(tmp_path / "other-user")}
    assert _fresh_entry(tmp_path, foreign)[0] == fresh
    [entry] = _entries(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", foreign["XDG_CACHE_HOME"])
    linter.cache._secret.cache_clear()
    _forge(entry, lambda forged: linter.cache.ResultCache(str(tmp_path), "")._mac(entry.name, forged))
    linter.cache._secret.cache_clear()
    believed = run_relint("r.txt", cwd=tmp_path, env=foreign)  # that user's relint believes it
    assert believed.returncode == 0 and "没有发现问题" in believed.stdout.decode()
    monkeypatch.undo()
    assert run_relint("r.txt", cwd=tmp_path).stdout == fresh  # this user's does not


def test_a_same_size_edit_with_its_old_mtime_restored_is_seen(tmp_path):
    target = tmp_path / "r.txt"
    shutil.copy(FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt", target)
    (tmp_path / ".relint_cache").mkdir()  # creating it would change the folder's mtime
    before = run_relint("--format", "json", "r.txt", cwd=tmp_path).stdout
    stat = target.stat()
    text = target.read_text(encoding="utf-8")
    assert "（以下简称）" in text
    target.write_text(text.replace("（以下简称）", "（以下简称）".replace("以下", "下列")), encoding="utf-8")
    assert target.stat().st_size == stat.st_size
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = run_relint("--format", "json", "r.txt", cwd=tmp_path).stdout
    assert after != before


def test_a_configured_previous_report_created_after_a_cached_run_is_seen(tmp_path):
    pair = FIXTURES / "substance"
    this_year = "XX县司法局2024年法治政府建设年度报告.txt"
    shutil.copy(pair / this_year, tmp_path / "r.txt")
    (tmp_path / "old").mkdir()
    (tmp_path / ".relint_cache").mkdir()
    (tmp_path / "relint.toml").write_text('previous = "old/last.txt"\n', encoding="utf-8")
    assert "Q004" not in run_relint("--select", "Q004", "r.txt", cwd=tmp_path).stdout.decode()
    shutil.copy(pair / "XX县司法局2023年法治政府建设年度报告.txt", tmp_path / "old" / "last.txt")
    assert "Q004" in run_relint("--select", "Q004", "r.txt", cwd=tmp_path).stdout.decode()


def test_a_cache_folder_that_is_a_symlink_is_not_used(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(SEEDS[0], work / "r.txt")
    (work / ".relint_cache").symlink_to("..")
    before = sorted(p.name for p in tmp_path.iterdir())
    done = run_relint("r.txt", cwd=work)
    assert done.returncode == 1 and done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no .gitignore, no entries in the parent


def test_stored_results_are_plain_data_checked_on_load(registry, tmp_path):
    from conftest import lint_file

    from linter import packed

    result = lint_file(registry, SEEDS[0])
    result.report = result.report.slim()
    stored = packed.encode(packed.pack(result))
    kinds = registry.kinds
    again = packed.unpack(packed.decode(stored), result.path, kinds=kinds)
    assert again.diagnostics == result.diagnostics and again.report.elements == result.report.elements
    assert again.report.kind_spec == result.report.kind_spec and again.report.date == result.report.date
    assert again.summary == result.summary
    assert any(d.fix for d in again.diagnostics) and any(d.help for d in again.diagnostics)
    assert packed.unpack(packed.decode(stored, report=False), result.path, report=False).report is None
    head, rows, report = (json.loads(line) for line in stored.split(b"\n"))

    def changed(part, change):
        parts = {"head": head, "rows": rows, "report": report}
        parts[part] = json.loads(json.dumps(parts[part]))  # a copy to change
        change(parts[part])
        return packed.Packed(parts["head"], json.dumps(parts["rows"]), parts["report"])

    texts = rows[0]  # each text once; the rows name them by number
    wrong_line = changed("rows", lambda rows: rows[1][0].__setitem__(3, "1"))
    no_such_text = changed("rows", lambda rows: rows[1][0].__setitem__(7, len(texts)))
    wrong_text = changed("rows", lambda rows: rows[0].__setitem__(0, ["只有中文"]))
    wrong_class = changed("report", lambda report: report[1].__setitem__("@", "Popen"))
    wrong_part = changed("report", lambda report: report[2][0].__setitem__(0, "no-such-part"))
    extra_field = changed("report", lambda report: report[1]["title"]["span"].__setitem__("extra", 1))
    short_row = changed("rows", lambda rows: rows[1].__setitem__(0, rows[1][0][:5]))
    wrong_digests = changed("head", lambda head: head.__setitem__(-1, [1]))
    for bad in (wrong_line, no_such_text, wrong_text, wrong_class, wrong_part, extra_field, short_row, wrong_digests,
                [], {"@": "Popen"},
                [[]] * 10, "x", packed.Packed(head, "[" * 100_000, None)):
        with pytest.raises(ValueError):
            packed.unpack(bad, result.path, kinds=kinds)
    for bad in (b"", b"[]", b"\n\n", b"[\n[]\n" + b"[" * 100_000, b"\xff\n[]\nnull"):
        with pytest.raises(ValueError):
            packed.unpack(packed.decode(bad), result.path, kinds=kinds)
    with pytest.raises(ValueError):  # a kind this configuration does not know
        packed.unpack(packed.decode(stored), result.path, kinds=[])


def test_an_entry_point_cache_holding_something_else_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    (cache / "relint").mkdir(parents=True)
    from linter import __version__

    for junk in ("[]", "{\"key\": 1}", "{}", "null", "[" * 10000):
        (cache / "relint" / f"entry-points-{__version__}.json").write_text(junk)
        done = run_relint(str(SEEDS[0]), env={"XDG_CACHE_HOME": str(cache)})
        assert done.returncode == 1 and done.stdout, (junk, done.stderr)


def test_another_relint_version_or_plugin_set_is_a_miss(registry, monkeypatch, tmp_path):
    """The relint version (and the code and plugins) are part of every key: results of
    another relint are never answered."""
    import linter
    from linter.cache import ResultCache
    from linter.config import Settings
    from linter.engine import Registry

    path, data = str(tmp_path / "r.txt"), SEEDS[0].read_bytes()
    before = ResultCache(str(tmp_path), registry.fingerprint).key(path, Settings(), data)
    monkeypatch.setattr(linter, "__version__", linter.__version__ + ".post1")
    after = ResultCache(str(tmp_path), Registry().fingerprint).key(path, Settings(), data)
    assert before and after and before != after


def test_a_stored_word_result_still_places_its_lines(registry, tmp_path):
    """A cached .docx result keeps where its lines stand (paragraph numbers, for the
    checklist): the model's places are plain data, not the source they came from."""
    import docx
    from conftest import lint_file

    from linter import packed

    document = docx.Document()
    for line in ["", "XX县司法局2024年法治政府建设年度报告", "", "一、主要举措和成效", "全年办结案件10件。"]:
        document.add_paragraph(line)
    document.save(tmp_path / "r.docx")
    result = lint_file(registry, tmp_path / "r.docx")
    result.report, result.source = result.report.slim(), None
    again = packed.unpack(packed.decode(packed.encode(packed.pack(result))), result.path, kinds=registry.kinds)
    assert again.report.places == result.report.places and again.report.places is not None
    assert [again.report.original_line(n) for n in (1, 2)] == [result.report.original_line(n) for n in (1, 2)]
