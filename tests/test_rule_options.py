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
    assert "Q003" not in [d.code for d in lint_file(registry, SEED_002, legacy=(("substance", {"facts-per-1000": 1.0}),)).diagnostics]
    t003 = [d for d in lint_file(registry, FIXTURES / "rules" / "T003.txt").diagnostics if d.code == "T003"]
    word = t003[0].message.zh.split("“")[1].split("”")[0]
    for settings in ({"legacy": (("latin-allow", [word]),)}, {"lint": (("T003", {"allow": [word.upper()]}),)}):
        kept = lint_file(registry, FIXTURES / "rules" / "T003.txt", **settings).diagnostics
        assert len([d for d in kept if d.code == "T003"]) < len(t003)


@pytest.mark.parametrize("table, message", [
    ('[lint.Q03]\nfacts-per-1000 = 1', "lint.Q03: no rule has this code, name or code prefix; did you mean 'Q003'?"),
    ('[lint.Q003]\nfacts = 1', "lint.Q003.facts: Q003 has no such option; its options: facts-per-1000"),
    ('[lint.Q003]\nfacts-per-1000 = "many"', "lint.Q003.facts-per-1000: expected a non-negative number"),
    ('[lint.S101]\nx = 1', "S101 has no such option; its options: none"),
    ('[lint.P]\nbounded = "结案率"', "lint.P.bounded: expected a list of strings"),
    ('[lint.L]\nmargin = 3', "lint.L.margin: no L rule has such an option; their options: align, bottom, chars"),
    ('[lint.F001]\nformulations = [{wrong = "a", right = "b"}]',
     "lint.F001.formulations: expected a list of tables with the keys wrong, right, reason"),
    ('[percentages]\nrates = ["x"]', "percentages.rates: unknown key; expected one of bounded, unbounded"),
    ('latin-allow = "and"', "latin-allow: expected a list of strings, got 'and' (this older key sets [lint.T003] allow)"),
    ('[[formulations]]\nwrong = "a"\nright = "b"', "formulations: expected a list of tables with the keys"),
    ('[substance]\nsimilarity = "high"', "substance.similarity: expected a non-negative number"),
    ('selct = ["S1"]', "selct: unknown key; known keys: allow, deadline, elements"),
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


def _rule_output(*args) -> str:
    return run_relint("rule", *args).stdout.decode()


@pytest.mark.parametrize("code, option", [("F001", "formulations"), ("P001", "bounded"), ("P004", "unbounded"),
                                          ("L001", "top"), ("L005", "level-2"), ("L009", "min-left-chars")])
def test_f_p_and_l_rules_declare_their_options(code, option):
    """F001's list, the P rules' rate words and the L rules' GB/T 9704 values are declared
    options: shown by `relint rule`, listed in the generated 选项 section."""
    assert f"`{option}`" in _rule_output(code) and f"[tool.relint.lint.{code}]" in _rule_output(code)


def test_config_has_no_rule_specific_keys():
    from linter.config import SCHEMA

    assert not {"percentages", "latin-allow", "formulations", "substance"} & set(SCHEMA)


FORMULATION = "XX县2024年法治政府建设年度报告\n一、主要举措\n深入学习贯彻依法治县精神。\n"


@pytest.mark.parametrize("settings", [
    {"lint": (("F001", {"formulations": [{"wrong": "依法治县精神", "right": "法治精神", "reason": "测试"}]}),)},
    {"lint": (("wrong-formulation", {"formulations": [{"wrong": "依法治县精神", "right": "法治精神", "reason": "测试"}]}),)},
    {"legacy": (("formulations", [{"wrong": "依法治县精神", "right": "法治精神", "reason": "测试"}]),)},  # older key
])
def test_f001_pairs_from_its_option_and_from_the_older_key(registry, tmp_path, settings):
    (tmp_path / "r.txt").write_text(FORMULATION, encoding="utf-8")
    assert "F001" not in [d.code for d in lint_file(registry, tmp_path / "r.txt").diagnostics]
    found = [d for d in lint_file(registry, tmp_path / "r.txt", **settings).diagnostics if d.code == "F001"]
    assert [d.message.zh for d in found] == ["“依法治县精神”应为“法治精神”：测试"]


RATE = "XX县2024年法治政府建设年度报告\n一、主要举措\n全年结案指数达105%。\n"


@pytest.mark.parametrize("settings", [{"lint": (("P", {"bounded": ["结案指数"]}),)},
                                      {"lint": (("P001", {"bounded": ["结案指数"]}),)},
                                      {"legacy": (("percentages", {"bounded": ["结案指数"]}),)}])
def test_p_rate_words_from_a_prefix_table_a_rule_table_or_the_older_key(registry, tmp_path, settings):
    (tmp_path / "r.txt").write_text(RATE, encoding="utf-8")
    assert "P001" not in [d.code for d in lint_file(registry, tmp_path / "r.txt").diagnostics]
    assert "P001" in [d.code for d in lint_file(registry, tmp_path / "r.txt", **settings).diagnostics]


def test_a_rule_table_beats_a_prefix_table(registry):
    from linter.rules.percentages import RateOverHundred

    settings = Settings(lint=(("P", {"bounded": ["甲"]}), ("P001", {"bounded": ["乙"]})),
                        legacy=(("percentages", {"bounded": ["丙"]}),))
    assert RateOverHundred(settings).option("bounded") == ["乙"]
    assert RateOverHundred(Settings(lint=(("P", {"bounded": ["甲"]}),))).option("bounded") == ["甲"]
    assert RateOverHundred(Settings(legacy=(("percentages", {"bounded": ["丙"]}),))).option("bounded") == ["丙"]


def test_older_keys_work_from_a_config_file(tmp_path):
    """The older top-level keys still set the options they moved to (README: 规则选项)."""
    (tmp_path / "r.txt").write_text(RATE, encoding="utf-8")
    (tmp_path / "relint.toml").write_text('[percentages]\nbounded = ["结案指数"]\n', encoding="utf-8")
    assert "P001" in run_relint("r.txt", cwd=tmp_path).stdout.decode()


def test_the_readme_config_example_is_valid(registry, tmp_path):
    from conftest import ROOT

    from linter.config import load_config_file

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b.split("```")[0] for b in readme.split("```toml\n")[1:] if "[tool.relint.lint.Q003]" in b)
    (tmp_path / "pyproject.toml").write_text(block.replace("…", "x"), encoding="utf-8")
    settings = load_config_file(str(tmp_path / "pyproject.toml"))
    check_options(settings, registry.rules)
    assert {key for key, _ in settings.lint} >= {"Q003", "T003", "P", "F001", "L001"}
