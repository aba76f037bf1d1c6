"""Fact extraction: dates in every form reports use, years and ranges, percentages with
the metric they belong to, counts with units — all with spans."""

import datetime as dt

import pytest
from conftest import lint_text
from linter.rules.percentages import metric, rate_words

from linter.facts import extract
from linter.model import Span, TextLine


def facts(text, part=None, year=2023, heading=False):
    return extract([(TextLine(text, Span.on_line(1, 1, len(text))), part, heading)], year)


@pytest.mark.parametrize("text, form, resolved", [
    ("2023年3月7日召开", "arabic", dt.date(2023, 3, 7)),
    ("2023 年 3 月 7 日召开", "arabic", dt.date(2023, 3, 7)),
    ("二〇二三年三月七日", "chinese", dt.date(2023, 3, 7)),
    ("于2023.3.7召开", "dotted", dt.date(2023, 3, 7)),
    ("于2023-03-07召开", "iso", dt.date(2023, 3, 7)),
    ("3月7日召开", "no-year", dt.date(2023, 3, 7)),
    ("10 月 31 日，我在", "no-year", dt.date(2023, 10, 31)),
])
def test_dates_in_every_form(text, form, resolved):
    (date,) = facts(text).dates
    assert (date.form, date.date) == (form, resolved)
    assert text[date.span.column - 1:date.span.end_column - 1] == date.text


def test_date_without_year_in_the_plan_takes_the_plan_year():
    (date,) = facts("6月30日前完成修订", part="plan").dates
    assert date.date == dt.date(2024, 6, 30)


def test_impossible_date_is_kept_unresolved():
    (date,) = facts("2023年2月30日").dates
    assert (date.month, date.day, date.date) == (2, 30, None)


@pytest.mark.parametrize("text, year, end, start", [
    ("2025年，我局将", 2025, None, True),
    ("落实《纲要（2021—2025年）》", 2021, 2025, False),
    ("2021-2025年", 2021, 2025, False),
    ("针对2025年存在的问题", 2025, None, False),
])
def test_years_and_ranges(text, year, end, start):
    (fact,) = facts(text).years
    assert (fact.year, fact.end, fact.sentence_start) == (year, end, start)


@pytest.mark.parametrize("text, month, quoted", [
    ("2024年3月，出台办法。", 3, False), ("2024年三月，出台办法。", 3, False), ("2024年，全县共办理。", None, False),
    ("2024年度，全县共办理。", None, False), ("贯彻《2024年工作要点》。", None, True),
])
def test_years_carry_their_month_quote_and_sentence(text, month, quoted):
    (year,) = facts(text).years
    assert (year.month, year.quoted, year.sentence) == (month, quoted, text.rstrip("。"))


def test_percentages_with_metric_qualifier_and_points(registry):
    found = facts("群众满意率达95%以上，调解协议率提升至 35.28%,较去年提高 8.3 个百分点。").percents
    assert [(p.value, p.decimals, p.qualifier, p.points) for p in found] == [
        (95.0, 0, "以上", False), (35.28, 2, None, False), (8.3, 1, None, True)]
    assert metric(found[0].before, rate_words(None)) == ("群众满意率", False)
    assert metric(found[1].before, rate_words(None)) == ("调解协议率", False)
    assert metric("案件量同比下降", rate_words(None)) == (None, False)
    assert metric("满意率同比提高", rate_words(None)) == ("满意率", True)


def test_counts_with_units_share_the_sentence_of_their_percentage():
    found = facts("针对交办的 15 件事项,目前已办结 11 件,整改完成率 73.33%。另有3人。")
    assert [(c.value, c.unit) for c in found.counts] == [(15, "件"), (11, "件"), (3, "人")]
    assert found.counts[0].sentence_at == found.counts[1].sentence_at == found.percents[0].sentence_at
    assert found.counts[2].sentence_at != found.percents[0].sentence_at


def test_config_extends_rate_words(registry):
    text = "XX县司法局\n关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n结案指数达120%。\n"
    assert [d.code for d in lint_text(registry, text, select=("P001",)).diagnostics] == []
    extended = lint_text(registry, text, select=("P001",), lint=(("P", {"bounded": ["结案指数"]}),))
    assert [d.code for d in extended.diagnostics] == ["P001"]


def test_deadline_from_config_and_for_provincial_governments(registry):
    base = "XX县司法局\n关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n正文。\nXX县司法局\n2025年3月20日\n"
    assert [d.code for d in lint_text(registry, base, select=("D003",)).diagnostics] == ["D003"]
    assert lint_text(registry, base, select=("D003",), deadline="03-31").diagnostics == []
    provincial = base.replace("XX县司法局", "XX省人民政府")
    assert lint_text(registry, provincial).report.deadline == dt.date(2025, 4, 1)
