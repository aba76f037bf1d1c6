"""Rules written as data: the missing-part rules are one rule type driven by
rules/data/parts.toml, each watching a part by role, with generated documentation; the
formulation data carry reasons and sources; F004's plenary sessions are dated data."""

import ast

import pytest
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


def test_every_builtin_formulation_gives_its_reason_and_source():
    data = load_package_data("linter.rules", "data/formulations.toml")["patterns"]
    for table in data:
        assert table.get("basis") or table["type"] == "substitution", table["code"]
        for wrong, entry in table.get("swap", {}).items():
            assert entry["reason"] and entry["source"], wrong


def test_the_plenary_sessions_are_dated_in_order_and_named_by_their_numbers():
    from linter.rules.formulations import plenary_sessions

    from linter.vocabulary import cn_number

    sessions = plenary_sessions()
    assert [(s["congress"], s["number"]) for s in sessions] == sorted((s["congress"], s["number"]) for s in sessions)
    for earlier, later in zip(sessions, sessions[1:]):
        assert earlier["held"][0] <= earlier["held"][1] < later["held"][0]
    for s in sessions:
        congress, number = s["name"].removesuffix("中全会").split("届")
        assert (cn_number(congress), cn_number(number)) == (s["congress"], s["number"]) and s["source"]
        # each date was checked against a public page that states it (address, then what it says)
        assert s["checked"] and all(c.startswith(("http://", "https://")) for c in s["checked"]), s["name"]


@pytest.mark.parametrize("year, date_line, found", [
    (2025, "", True),  # no date line: the end of the report's year, after 四中全会 (2025-10-20/23)
    (2024, "", False),
    (2025, "2025年10月21日", False),  # dated while 四中全会 was still in session
    (2025, "2025年10月24日", True),
])
def test_f004_reads_the_report_date_else_the_end_of_its_year(registry, year, date_line, found):
    text = (f"XX县司法局关于{year}年度法治政府建设情况的报告\n{year}年，我局深入贯彻党的二十大和二十届二中、三中全会精神。\n"
            f"一、{year}年度推进法治政府建设的主要举措和成效\n审查规范性文件18件。\n\nXX县司法局\n{date_line}\n")
    result = lint_text(registry, text, select=("F004",))
    assert (result.report.year, bool(result.diagnostics)) == (year, found)


@pytest.mark.parametrize("start, end, text", [
    ((2022, 10, 23), (2022, 10, 23), "2022年10月23日"),
    ((2025, 10, 20), (2025, 10, 23), "2025年10月20日至23日"),
    ((2018, 1, 18), (2018, 2, 1), "2018年1月18日至2月1日"),
])
def test_session_days_are_written_as_the_communiques_write_them(start, end, text):
    import datetime as dt

    from linter.rules.formulations import held_days

    assert held_days(dt.date(*start), dt.date(*end)) == text
