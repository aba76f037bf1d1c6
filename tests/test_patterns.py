"""Rules written as data ([[tool.relint.patterns]], linter/patterns.py): a user-written
rule in pyproject.toml fires on a fixture and is listed by `relint rules`."""

import json
import re
import shutil

import pytest
from conftest import FIXTURES, lint_file, lint_text, run_relint

PATTERNS = FIXTURES / "patterns"


def test_a_pattern_rule_in_pyproject_fires_and_is_listed(tmp_path):
    shutil.copy(PATTERNS / "report.txt", tmp_path / "report.txt")
    shutil.copy(PATTERNS / "pyproject.toml", tmp_path / "pyproject.toml")
    done = run_relint("--no-cache", "report.txt", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.decode().splitlines()[0] == (
        "report.txt:5:25: U001 “督查工作规定”应为“督察工作规定”"
        "（依据：《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）的名称）")
    listed = json.loads(run_relint("rules", "--format", "json", cwd=tmp_path).stdout)
    assert next(r for r in listed if r["code"] == "U001")["name"] == "supervision-regulation-name"
    assert "U001" in run_relint("rule", "U001", cwd=tmp_path).stdout.decode()
    assert run_relint("--no-cache", "--select", "U001", "report.txt", cwd=tmp_path).returncode == 1


@pytest.mark.parametrize("spec, found", [
    ({"type": "existence", "tokens": ["抓手"], "message": "“{match}”是口语"}, [(13, "抓手")]),
    ({"type": "existence", "tokens": ["抓手"], "scope": "part:measures", "message": "m"}, []),
    ({"type": "occurrence", "tokens": ["积极"], "max": 2, "scope": "part:measures",
      "message": "“{match}”用了{count}次"}, [(7, "积极")]),
    ({"type": "occurrence", "tokens": ["积极"], "max": 3, "message": "m"}, []),
    ({"type": "existence", "tokens": ["法治"], "scope": "title", "message": "m"}, [(2, "法治")]),
])
def test_pattern_rule_types_and_scopes(registry, spec, found):
    result = lint_file(registry, PATTERNS / "report.txt", select=("U",), patterns=(dict(spec, code="U002"),))
    assert [(d.span.line, d.message.zh) for d in result.diagnostics][:1] == [
        (line, spec["message"].format(match=text, count=3, max=spec.get("max"))) for line, text in found]


@pytest.mark.parametrize("tokens", [
    ["(?<![“])[一二]把手", "抓手"],  # needles 把手 and 抓手: only the lines holding one are read
    ["(?<!全)年度", "[积抓]"],  # the second has no needle: every line is read
    ["(?i)xx县"],  # case-folded: its needles cannot be told
])
def test_a_pattern_rule_finds_what_reading_every_line_finds(registry, tokens):
    from linter.patterns import scoped_lines

    result = lint_file(registry, PATTERNS / "report.txt", select=("U",), patterns=(
        {"code": "U002", "type": "existence", "tokens": tokens, "message": "{match}"},))
    expected = [(line.sub_span(*m.span()), m.group()) for line in scoped_lines(result.report, "text")
                for token in tokens for m in re.finditer(token, line.text)]
    assert expected
    assert [(d.span, d.message.zh) for d in result.diagnostics] == sorted(expected, key=lambda found: found[0])


@pytest.mark.parametrize("table, message", [
    ('code = "U1"\ntype = "existence"\ntokens = ["x"]\nmessage = "m"', "expected a letter and three digits"),
    ('code = "U001"\ntype = "existence"\nmessage = "m"', "needs 'tokens'"),
    ('code = "U001"\ntype = "vanish"\ntokens = ["x"]\nmessage = "m"', "expected one of existence"),
    ('code = "U001"\ntype = "existence"\ntokens = ["x"]\nmessage = "{oops}"', "bad message placeholder"),
])
def test_bad_pattern_rules_are_config_errors(tmp_path, table, message):
    (tmp_path / "relint.toml").write_text("[[patterns]]\n" + table + "\n", encoding="utf-8")
    shutil.copy(PATTERNS / "report.txt", tmp_path / "report.txt")
    done = run_relint("report.txt", cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr.decode()


def test_the_builtin_formulations_are_pattern_rules_of_the_same_engine(registry):
    from linter.patterns import PatternRule

    for code in ("F001", "F002", "F003"):
        assert issubclass(registry.rules[code], PatternRule)
    assert registry.rules["F001"].spec["type"] == "substitution"
    assert registry.rules["F003"].spec["from-year"] == 2026


def test_config_formulations_extend_f001_as_literal_text(registry):
    pair = {"wrong": "依法治县(试行)", "right": "依法治县（试行）", "reason": "括号用全角"}
    text = (FIXTURES / "rules" / "F001_clean.txt").read_text(encoding="utf-8").replace("无。", "落实依法治县(试行)方案。")
    assert [d.code for d in lint_text(registry, text, select=("F001",)).diagnostics] == []
    found = lint_text(registry, text, select=("F001",), lint=(("F001", {"formulations": [pair]}),)).diagnostics
    assert [(d.message.zh, d.fix.edits[0].content) for d in found] == [
        ("“依法治县(试行)”应为“依法治县（试行）”：括号用全角", "依法治县（试行）")]


def test_a_swap_table_gives_reason_source_and_english(registry):
    spec = {"code": "U003", "type": "substitution", "message": "“{match}”应为“{right}”：{reason}",
            "message-en": "“{match}” → “{right}”: {reason}",
            "swap": {"督查工作规定": {"right": "督察工作规定", "reason": "规定的名称", "source": "厅字〔2019〕28号"}}}
    [found] = lint_file(registry, PATTERNS / "report.txt", select=("U",), patterns=(spec,)).diagnostics
    assert found.message.en == "“督查工作规定” → “督察工作规定”: 规定的名称"
    assert found.basis.zh == "厅字〔2019〕28号"


@pytest.mark.parametrize("years, fires", [({"from-year": 2024}, True), ({"from-year": 2025}, False),
                                          ({"until-year": 2024}, True), ({"until-year": 2023}, False)])
def test_a_pattern_rule_keyed_by_report_year(registry, years, fires):
    spec = {"code": "U004", "type": "existence", "tokens": ["督查工作规定"], "message": "m", **years}
    result = lint_file(registry, PATTERNS / "report.txt", select=("U",), patterns=(spec,))
    assert result.report.year == 2024
    assert bool(result.diagnostics) is fires


def test_a_province_ships_pattern_rules_in_its_profile_file(tmp_path):
    shutil.copy(PATTERNS / "report.txt", tmp_path / "report.txt")
    (tmp_path / "province.toml").write_text(
        'name = "province"\n[[patterns]]\ncode = "X001"\nname = "province-wording"\ntype = "existence"\n'
        'tokens = ["督查工作规定"]\nmessage = "本省规范：“{match}”"\n', encoding="utf-8")
    done = run_relint("--no-cache", "--profile", "province.toml", "--select", "X001", "report.txt", cwd=tmp_path)
    assert done.returncode == 1 and "X001 本省规范：“督查工作规定”" in done.stdout.decode()
    assert run_relint("--no-cache", "--select", "X001", "report.txt", cwd=tmp_path).returncode == 2  # no such rule
    (tmp_path / "relint.toml").write_text('profile = "province.toml"\nselect = ["X001"]\n', encoding="utf-8")
    assert run_relint("--no-cache", "report.txt", cwd=tmp_path).returncode == 1
    listed = json.loads(run_relint("rules", "--format", "json", cwd=tmp_path).stdout)
    assert next(r for r in listed if r["code"] == "X001")["name"] == "province-wording"


def test_a_profiles_pattern_codes_are_selectable_wherever_the_profile_is_in_force(tmp_path):
    """The codes were checked before the profile of ``--config`` or of a subfolder's config
    was applied: each run below was refused with "'X001' matches no rule"."""
    (tmp_path / "province.toml").write_text(
        'name = "province"\n[[patterns]]\ncode = "X001"\nname = "province-wording"\ntype = "existence"\n'
        'tokens = ["督查工作规定"]\nmessage = "本省规范：“{match}”"\n', encoding="utf-8")
    (tmp_path / "ci.toml").write_text('profile = "province.toml"\nselect = ["X001"]\n', encoding="utf-8")
    (tmp_path / "plain.toml").write_text('select = ["X001"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    shutil.copy(PATTERNS / "report.txt", tmp_path / "sub" / "report.txt")
    (tmp_path / "sub" / "relint.toml").write_text('profile = "../province.toml"\n', encoding="utf-8")
    report = str(tmp_path / "sub" / "report.txt")
    for args in (("--config", "ci.toml", report), ("--config", "plain.toml", "--profile", "province.toml", report),
                 ("--select", "X001", "sub"), ("--select", "X001", "sub/report.txt")):
        done = run_relint("--no-cache", *args, cwd=tmp_path)
        assert done.returncode == 1 and "X001 本省规范：“督查工作规定”" in done.stdout.decode(), (args, done.stderr)
    # where the profile is not in force the code still selects nothing: a usage error, not a pass
    shutil.copy(PATTERNS / "report.txt", tmp_path / "report.txt")
    done = run_relint("--no-cache", "--select", "X001", "report.txt", cwd=tmp_path)
    assert done.returncode == 2 and "'X001' matches no rule" in done.stderr.decode()
    assert run_relint("--no-cache", "--config", "plain.toml", "report.txt", cwd=tmp_path).returncode == 2
