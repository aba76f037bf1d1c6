"""The grammar is LALR and conflict-free, and the parser accepts every input."""

import datetime as dt
from importlib.resources import files

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark import Lark

from linter.analyze import build_report
from linter.parse import parse_lines
from linter.sources import Source, split_lines


def test_grammar_is_lalr_and_conflict_free():
    grammar = files("linter").joinpath("grammar/report.lark").read_text(encoding="utf-8")
    parser = Lark(grammar, parser="lalr", strict=True)  # strict: any conflict raises
    assert parser.options.parser == "lalr"


def source(text):
    return Source("r.txt", text, split_lines(text))


# Lines built from the pieces real reports are made of, so that random sequences hit
# headings, titles, signatures and dates in every order, not only body text.
PIECES = ["一、", "二、", "十、", "（一）", "(二)", "（三）、", "1.", "2、", "（1）", "(2)", "一是", "二是",
          "关于2023年度法治政府建设情况的报告", "XX县人民政府", "区委、区政府：", "2024年2月20日",
          "二〇二四年二月二十日", "存在的不足和原因", "主要举措和成效", "下一步工作打算", "第一责任人职责",
          "。", "，", "：", " ", "\u3000", "报告", "述职报告", "2023.3.7", "政府工作报告"]
line = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)
document = st.lists(line, max_size=40).map("\n".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_any_sequence_of_report_like_lines_parses(text):
    report = build_report(source(text), kinds=_kinds())
    assert report.kind in ("annual", "duty", "unknown")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_random_unicode_parses(text):
    report = build_report(source(text), kinds=_kinds())
    assert isinstance(report.sections, tuple)


def _kinds():
    from linter.rules.kinds import relint_report_kinds

    return relint_report_kinds()


def test_whole_document_on_one_line_keeps_its_parts():
    text = ("2024年，我局全面推进法治政府建设。一、主要举措和成效。审查文件18件。二、存在的不足和原因。人员不足，"
            "主要是由于招录倾斜。三、主要负责人履行第一责任人职责情况。亲自部署。四、2025年工作计划。引进人才。")
    document = parse_lines([text])
    titles = [s.heading.title for s in document.segments[0].sections]
    assert titles == ["主要举措和成效", "存在的不足和原因", "主要负责人履行第一责任人职责情况", "2025年工作计划"]


def test_whole_document_on_one_line_keeps_its_title(registry):
    from conftest import lint_text

    text = ("XX区司法局关于2023年度法治政府建设情况的报告 区委、区政府：现将我局2023年法治政府建设情况报告如下。"
            "一、主要举措和成效。审查文件18件。二、存在的不足和原因。人员不足，主要是由于招录倾斜。"
            "三、主要负责人履行推进法治建设第一责任人职责情况。亲自部署。四、2024年工作计划。引进人才2名。")
    report = lint_text(registry, text).report
    assert report.title.text == "XX区司法局关于2023年度法治政府建设情况的报告"
    assert (report.kind, report.year, report.issuer) == ("annual", 2023, "XX区司法局")
    assert [m.found for m in report.elements.values()][:4] == [True, True, True, True]


def test_nesting_follows_gbt9704_levels_and_survives_skipped_levels():
    document = parse_lines(["一、甲", "（一）乙", "1.丙", "（1）丁", "二、戊", "1.己", "（二）庚", "三、辛"])
    top = document.segments[0].sections
    assert [s.heading.title for s in top] == ["甲", "戊", "辛"]
    assert [c.heading.title for c in top[0].children] == ["乙"]
    assert [c.heading.title for c in top[0].children[0].children] == ["丙"]
    assert [c.heading.title for c in top[0].children[0].children[0].children] == ["丁"]
    # a level skipped (1. directly under 二、), then （二） back up: both children of 二、
    assert [c.heading.title for c in top[1].children] == ["己", "庚"]


def test_run_in_heading_text_is_body_with_its_own_column():
    document = parse_lines(["（一）健全依法决策机制。全年审查规范性文件18件。"])
    heading = document.segments[0].sections[0].heading
    assert heading.title == "健全依法决策机制"
    assert heading.run_in.text == "全年审查规范性文件18件。"
    assert heading.run_in.span.column == 13


def test_deep_nesting_and_thousands_of_parts_parse():
    lines = []
    for i in range(3000):
        lines += ["一、甲", "（一）乙", "1.丙", "（1）丁", "正文。"]
    document = parse_lines(lines)
    assert len(document.segments[0].sections) == 3000


@pytest.mark.parametrize("text, expected", [
    ("2023年3月7日", dt.date(2023, 3, 7)),
    ("2023 年 3 月 7 日", dt.date(2023, 3, 7)),
    ("二〇二三年三月七日", dt.date(2023, 3, 7)),
    ("二〇二三年十二月三十一日", dt.date(2023, 12, 31)),
    ("2023.3.7", dt.date(2023, 3, 7)),
    ("2023-03-07", dt.date(2023, 3, 7)),
    ("2023年2月30日", None),
])
def test_date_lines(text, expected):
    from linter.analyze import parse_date

    assert parse_date(text) == expected
