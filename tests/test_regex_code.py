"""linter.regex_code keeps the engine code of compiled patterns between runs: a pattern built
from kept code must be the pattern re.compile makes (``Pattern.__eq__`` compares pattern,
flags and code), and a cache file that is damaged, foreign or of another engine must cost
nothing but the compiling it would have saved."""

import json
import re
import subprocess
import sys

import pytest
from test_regex import PATTERNS

from linter import regex, regex_code


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """regex_code with an empty cache folder of its own and nothing read yet."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _reload(monkeypatch)
    return tmp_path / "relint" / "pattern-code.json"


def _reload(monkeypatch):
    """As a new process would: nothing known until the file is read, nothing compiled."""
    monkeypatch.setattr(regex_code, "_known", None)
    monkeypatch.setattr(regex_code, "_new", {})
    regex_code.compile.cache_clear()


def test_every_named_pattern_built_from_kept_code_is_the_one_re_compile_makes(fresh, monkeypatch):
    quick = {name: regex._quick(pattern, flags) for name, (pattern, flags) in PATTERNS.items()}
    for name, (pattern, flags) in PATTERNS.items():
        regex.compile(pattern, flags)
    regex_code.save()
    _reload(monkeypatch)
    kept = json.loads(fresh.read_text(encoding="utf-8"))
    assert kept["engine"] == regex_code.ENGINE and len(kept["patterns"]) >= len(set(quick.values())) - 5
    for name, (pattern, flags) in PATTERNS.items():
        built = regex.compile(pattern, flags)
        assert built == re.compile(quick[name], flags), name
        assert (built.groups, built.groupindex) == (re.compile(pattern, flags).groups, re.compile(pattern, flags).groupindex)
    assert regex_code._new == {}, "every pattern came from the file"


def test_a_new_pattern_is_added_to_what_another_process_kept(fresh, monkeypatch):
    regex_code.compile("(?P<y>\\d{4})年", 0)
    regex_code.save()
    _reload(monkeypatch)
    regex_code.compile("[一-龥]{2,}局", re.MULTILINE)
    regex_code.save()
    assert set(json.loads(fresh.read_text(encoding="utf-8"))["patterns"]) == {" 0 (?P<y>\\d{4})年", f" {int(re.M)} [一-龥]{{2,}}局"}


def test_the_file_starts_again_past_its_most_patterns(fresh, monkeypatch):
    monkeypatch.setattr(regex_code, "MOST", 3)
    for count in range(1, 6):
        regex_code.compile(f"a{{{count}}}", 0)
        regex_code.save()
    assert len(json.loads(fresh.read_text(encoding="utf-8"))["patterns"]) <= 3


@pytest.mark.parametrize("content", [
    b"", b"\x00\xff garbage", b"[]", b'{"engine": 1}', b'{"engine": "Python 2.7", "patterns": {}}',
    json.dumps({"engine": regex_code.ENGINE, "patterns": {" 0 a+b": ["a+b", 32, "!!notbase64", 0, {}, [None]]}}).encode(),
    json.dumps({"engine": regex_code.ENGINE, "patterns": {" 0 a+b": ["a+b", 32, "AAAAAAAAAAA=", 0, {}, [None]]}}).encode(),
    json.dumps({"engine": regex_code.ENGINE, "patterns": {" 0 a+b": "not an entry"}}).encode(),
])
def test_a_damaged_or_foreign_cache_file_only_costs_the_compiling(fresh, content):
    fresh.parent.mkdir(parents=True)
    fresh.write_bytes(content)
    built = regex_code.compile("a+b", 0)
    assert built == re.compile("a+b") and built.findall("xaabab") == ["aab", "ab"]
    regex_code.save()
    assert json.loads(fresh.read_text(encoding="utf-8"))["engine"] == regex_code.ENGINE


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file"))
    (tmp_path / "a-file").write_text("not a folder")
    _reload(monkeypatch)
    assert regex_code.compile("甲+", 0).search("乙甲甲").group() == "甲甲"
    regex_code.save()


def test_a_run_keeps_the_code_and_the_next_run_compiles_nothing_of_relint(tmp_path):
    """The second run of relint over a report builds every pattern of relint's from the file
    (counted in the process: re.compile is not called for them)."""
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    script = (
        "import re, sys\n"
        "from linter import regex_code\n"
        "from linter.cli import main\n"
        "made = []\n"
        "entry = regex_code._entry\n"
        "regex_code._entry = lambda p, f: made.append(p) or entry(p, f)\n"
        "try:\n"
        "    main(['--no-cache', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(len(made), file=sys.stderr)\n"
    )
    from conftest import SEEDS

    counts = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", script, str(SEEDS[0])], env=env, capture_output=True, text=True)
        counts.append(int(done.stderr.strip().splitlines()[-1]))
    assert counts[0] > 50 and counts[1] == 0, counts


def test_what_a_rewrite_made_is_kept_until_its_module_changes(fresh, monkeypatch, tmp_path):
    import importlib

    module_file = tmp_path / "somerewrite.py"
    module_file.write_text("def rewrite(pattern, flags):\n    return pattern + '+'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    rewrite = importlib.import_module("somerewrite").rewrite
    assert regex_code.compile("甲", 0, rewrite=rewrite).pattern == "甲+"
    regex_code.save()
    _reload(monkeypatch)
    made = []
    monkeypatch.setattr(regex_code, "_entry", lambda p, f, entry=regex_code._entry: made.append(p) or entry(p, f))
    assert regex_code.compile("甲", 0, rewrite=rewrite).match("甲甲").group() == "甲甲"
    assert made == []  # kept: neither rewritten nor compiled again
    module_file.write_text("def rewrite(pattern, flags):\n    return pattern + '{2}'\n", encoding="utf-8")
    regex_code._origin.cache_clear()
    regex_code.compile.cache_clear()
    importlib.reload(importlib.import_module("somerewrite"))
    rewrite = importlib.import_module("somerewrite").rewrite
    assert regex_code.compile("甲", 0, rewrite=rewrite).pattern == "甲{2}" and made == ["甲{2}"]
    regex_code.save()  # kept beside what the version before made (another install's, maybe)
    kept = json.loads(fresh.read_text(encoding="utf-8"))["patterns"]
    assert [entry[0] for key, entry in kept.items() if key.startswith("rewrite@")] == ["甲+", "甲{2}"]
    module_file.write_text("def rewrite(pattern, flags):\n    return pattern + '{3}'\n", encoding="utf-8")
    regex_code._origin.cache_clear()
    regex_code.compile.cache_clear()
    importlib.reload(importlib.import_module("somerewrite"))
    regex_code.compile("甲", 0, rewrite=importlib.import_module("somerewrite").rewrite)
    regex_code.save()  # a third version: the first one's leftovers go
    kept = json.loads(fresh.read_text(encoding="utf-8"))["patterns"]
    assert [entry[0] for key, entry in kept.items() if key.startswith("rewrite@")] == ["甲{2}", "甲{3}"]
