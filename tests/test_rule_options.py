"""Options declared by rules: validated from [tool.relint.lint.<CODE or name>], shown by
`relint rule CODE`, and listed in the generated 选项 section."""

import json

import pytest
from conftest import FIXTURES, lint_file, run_relint

from linter.config import ConfigError, Settings, check_options
from linter.rule import Option, Rule, Text

SEED_002 = FIXTURES / "seeds" / "002_e3c74987d92b5995.txt"


def test_rule_shows_its_declared_options():
    out = run_relint("rule", "Q003").stdout.decode()
    assert "[tool.relint.lint.Q003]" in out and "`facts-per-1000`（float，默认 `3.0`）" in out
    assert "facts-per-1000" in run_relint("--lang", "en", "rule", "Q003").stdout.decode()
    rules = json.loads(run_relint("rules", "--format", "json").stdout)
    assert next(r for r in rules if r["code"] == "T003")["options"][0]["name"] == "allow"


@pytest.mark.parametrize("key", ["Q003", "few-facts"])
def test_an_option_set_by_code_or_name_changes_the_rule(registry, key):
    assert "Q003" in [d.code for d in lint_file(registry, SEED_002).diagnostics]  # 1.6 facts per 1,000 < 3
    quiet = lint_file(registry, SEED_002, lint=((key, {"facts-per-1000": 1.0}),))
    assert "Q003" not in [d.code for d in quiet.diagnostics]


def test_the_older_keys_still_work(registry):
    assert "Q003" not in [d.code for d in lint_file(registry, SEED_002, substance=(("facts-per-1000", 1.0),)).diagnostics]
    t003 = [d for d in lint_file(registry, FIXTURES / "rules" / "T003.txt").diagnostics if d.code == "T003"]
    word = t003[0].message.zh.split("“")[1].split("”")[0]
    for settings in ({"latin_allow": (word,)}, {"lint": (("T003", {"allow": [word.upper()]}),)}):
        kept = lint_file(registry, FIXTURES / "rules" / "T003.txt", **settings).diagnostics
        assert len([d for d in kept if d.code == "T003"]) < len(t003)


@pytest.mark.parametrize("table, message", [
    ('[lint.Q03]\nfacts-per-1000 = 1', "lint.Q03: no rule has this code or name; did you mean 'Q003'?"),
    ('[lint.Q003]\nfacts = 1', "lint.Q003.facts: Q003 has no such option; its options: facts-per-1000"),
    ('[lint.Q003]\nfacts-per-1000 = "many"', "lint.Q003.facts-per-1000: expected a non-negative number"),
    ('[lint.S101]\nx = 1', "S101 has no such option; its options: none"),
])
def test_bad_rule_options_are_config_errors(tmp_path, table, message):
    (tmp_path / "relint.toml").write_text(table + "\n", encoding="utf-8")
    (tmp_path / "r.txt").write_bytes(SEED_002.read_bytes())
    done = run_relint("r.txt", cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr.decode()


class _PackRule(Rule):
    """A third-party rule that declares an option."""

    code, name = "X101", "pack-rule"
    summary = message = Text("x", "x")
    options = (Option("limit", int, 3, Text("上限", "limit")),)


def test_a_third_party_rule_declares_its_own_options():
    rules = {"X101": _PackRule}
    check_options(Settings(lint=(("X101", {"limit": 5}),)), rules)
    with pytest.raises(ConfigError, match="expected a int"):
        check_options(Settings(lint=(("pack-rule", {"limit": "5"}),)), rules)
    assert _PackRule(Settings(lint=(("pack-rule", {"limit": 5}),))).option("limit") == 5
    assert _PackRule(Settings()).option("limit") == 3
