"""Rules written as data: the missing-part rules are one rule type driven by
rules/data/parts.toml, each watching a part by role; their documentation is generated."""

import ast

from conftest import ROOT, lint_text
from linter.rules.elements import MissingElement

from linter.tomlio import load_package_data

PARTS = load_package_data("linter.rules", "data/parts.toml")["rule"]


def test_every_missing_part_rule_is_an_entry_of_the_data_file(registry):
    made = {code: rule for code, rule in registry.rules.items() if issubclass(rule, MissingElement)}
    assert set(made) == {entry["code"] for entry in PARTS}
    for entry in PARTS:
        rule = made[entry["code"]]
        assert (rule.role, rule.kinds, rule.severity, rule.summary.zh) == (
            entry["role"], tuple(entry["kinds"]), entry["severity"], entry["summary"])
        assert entry["what"] in rule.documentation()


def test_no_rule_module_subclasses_the_missing_part_type_by_hand():
    for path in (ROOT / "rules").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bases = [ast.unparse(b) for node in ast.walk(tree) if isinstance(node, ast.ClassDef) for b in node.bases]
        assert "MissingElement" not in bases or path.name == "elements.py", path.name


def test_a_part_is_watched_by_role_whatever_the_kind_calls_it(registry):
    # the duty report calls its plan 下一步打算 (element next_steps, role plan): S303 watches the role
    duty = ("关于2024年度履行推进法治建设第一责任人职责情况的述职报告\n本人履行职责情况如下：\n"
            "一、履职情况\n亲自部署法治工作3次，学习习近平法治思想。\n二、存在的不足\n学法不够深入。\n")
    assert "S303" in [d.code for d in lint_text(registry, duty, select=("S3",)).diagnostics]
    assert "S303" not in [d.code for d in lint_text(registry, duty + "三、下一步打算\n加强学法。\n",
                                                     select=("S3",)).diagnostics]
