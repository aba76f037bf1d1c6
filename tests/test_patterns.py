"""Rules written as data ([[tool.relint.patterns]], linter/patterns.py): a user-written
rule in pyproject.toml fires on a fixture and is listed by `relint rules`."""

import json
import shutil

import pytest
from conftest import FIXTURES, lint_file, run_relint

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
