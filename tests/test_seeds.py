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


def test_000_lacks_shortcomings_and_duty(registry):
    assert codes(seed(registry, "000")) == ["S102", "S104", "S201", "S202"]


def test_001_reports_with_huibao_no_signature_and_part_one_starting_at_two(registry):
    result = seed(registry, "001")
    assert codes(result) == ["S003", "N002", "S201", "S202"]
    assert result.diagnostics[1].span.line == 10  # （二） directly under 一、


def test_002_half_width_fifth_heading_and_late_date(registry):
    result = seed(registry, "002")
    assert codes(result) == ["N003", "D003"]
    assert result.diagnostics[0].span.line == 55 and "(五)" in result.diagnostics[0].message.zh
    assert "2023-03-01" in result.diagnostics[1].message.zh  # a provincial department reports by 03-01


def test_003_is_a_duty_report_without_a_year_in_its_title(registry):
    result = seed(registry, "003")
    assert result.report.kind == "duty"
    assert codes(result) == ["S002", "S305", "S201", "S202"]


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
