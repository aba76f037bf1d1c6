"""The five real reports: kept byte-identical, and what relint must find in each."""

import pytest
from conftest import FIXTURES, ROOT, SEEDS, codes, lint_file

SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_seeds_are_byte_identical_copies():
    shared = sorted(SHARED_SEEDS.glob("*.txt"))
    assert [p.name for p in shared] == [p.name for p in SEEDS]
    for original in shared:
        assert (FIXTURES / "seeds" / original.name).read_bytes() == original.read_bytes()


def seed(registry, prefix, **settings):
    path = next(p for p in SEEDS if p.name.startswith(prefix))
    return lint_file(registry, path, **settings)


FACTS_AND_STRUCTURE = ("S", "D", "P", "N")


def family_codes(result, families=FACTS_AND_STRUCTURE):
    return [d.code for d in result.diagnostics if d.family in families]


def test_000_lacks_shortcomings_and_duty(registry):
    assert family_codes(seed(registry, "000")) == ["S102", "S104", "S201", "S202"]


def test_001_reports_with_huibao_no_signature_and_part_one_starting_at_two(registry):
    result = seed(registry, "001")
    assert family_codes(result) == ["S003", "N002", "S201", "S202"]
    assert findings(result, "N002")[0].span.line == 10  # （二） directly under 一、


def test_002_half_width_fifth_heading_and_late_date(registry):
    result = seed(registry, "002")
    assert family_codes(result) == ["N003", "D003"]
    (n003,), (d003,) = findings(result, "N003"), findings(result, "D003")
    assert n003.span.line == 55 and "(五)" in n003.message.zh
    assert "2023-03-01" in d003.message.zh  # a provincial department reports by 03-01


def test_003_is_a_duty_report_without_a_year_in_its_title(registry):
    result = seed(registry, "003")
    assert result.report.kind == "duty"
    assert family_codes(result) == ["S002", "S305", "S201", "S202"]


def test_004_duty_in_body_text_and_shortcomings_without_causes(registry):
    result = seed(registry, "004")
    structure = [d for d in result.diagnostics if d.family == "S"]
    assert [d.code for d in structure] == ["S003", "S107", "S103"]  # no S104: the duty is in body text
    assert structure[1].span.line == 7


def test_004_dated_before_its_year_ended_and_its_ratio_is_right(registry):
    result = seed(registry, "004", select=("D", "P"))
    assert codes(result) == ["D002"]  # 15 件 … 已办结 11 件 … 73.33% passes P002
    assert result.diagnostics[0].span.line == 33
    ratio = next(p for p in result.report.facts.percents if p.value == 73.33)
    assert ratio.decimals == 2 and ratio.sentence_at[0] == 11


def test_no_date_percentage_or_numbering_rule_fires_on_the_clean_reports(registry):
    from conftest import FIXTURES

    for path in sorted((FIXTURES / "clean").glob("*.txt")):
        assert codes(lint_file(registry, path, select=("D", "P", "N"))) == []


def findings(result, code):
    return [d for d in result.diagnostics if d.code == code]


def text_at(result, d):
    line = result.source.lines[d.span.line - 1]
    return line[d.span.column - 1:d.span.end_column - 1]


def test_typography_and_formulations_on_the_seeds(registry):
    s000, s001, s002, s003, s004 = (seed(registry, p) for p in ("000", "001", "002", "003", "004"))
    assert [d.span.line for d in findings(s000, "T008")] == [12]
    assert [text_at(s000, d) for d in findings(s000, "F001")] == ["关于加强和改进人民信访的重要思想"]
    assert [text_at(s003, d) for d in findings(s003, "F001")] == ["关于加强和改进人民信访的重要思想"]
    assert [text_at(s004, d) for d in findings(s004, "F001")] == ["党的二十大全会"]
    assert [d.span.line for d in findings(s001, "T005")] == [40]  # "依法办事" / "能力还需提高"
    assert [d.span.line for d in findings(s001, "T010")] == [25] * 5
    assert [text_at(s002, d) for d in findings(s002, "T003")] == ["and"]
    assert [text_at(s002, d) for d in findings(s002, "T004")] == ["**"] * 4
    assert [d.span.line for d in findings(s002, "T005")] == [9, 15, 23, 35]  # 9: "习近" / "平《论…"
    assert [d.span.line for d in findings(s003, "T005")] == [11, 15, 21]
    assert all(findings(s, "T006") for s in (s002, s003, s004))
    assert [text_at(s004, d) for d in findings(s004, "T009")] == ["-"]


def test_004_half_width_commas_including_after_a_percentage(registry):
    result = seed(registry, "004")
    commas = [d for d in findings(result, "T001") if text_at(result, d) == ","]
    assert len(commas) == 143
    line_9 = result.source.lines[8]
    after_percent = line_9.index("35.28%,") + len("35.28%")
    assert any(d.span.line == 9 and d.span.column == after_percent + 1 for d in commas)
    for prefix in ("000", "001", "002", "003", "004"):
        report = seed(registry, prefix)
        touched = {(d.span.line, col) for d in report.diagnostics for col in range(d.span.column, d.span.end_column)}
        for needle in ("35.28", "12.4", "LED", "APP"):
            for number, line in enumerate(report.source.lines, 1):
                at = line.find(needle)
                if at >= 0:
                    assert not any((number, at + 1 + i) in touched for i in range(len(needle))), (prefix, needle)
    assert not findings(seed(registry, "000"), "T001")  # （一） … full-width marks are left alone
