"""The Chinese text vocabulary (linter/vocabulary.py): what each pattern accepts and
rejects, and that no other module defines its own copy."""

import re
from pathlib import Path

import cn2an
import pytest
from conftest import FIXTURES, SEEDS, lint_text
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import vocabulary as v

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("number", range(1, 100))
def test_small_chinese_numerals_agree_with_cn2an(number):
    written = cn2an.an2cn(number)
    assert v.cn_number(written) == number


@pytest.mark.parametrize("text", ["", "十十", "一十一十", "百", "零", "二三", "十一十", "两"])
def test_what_is_not_a_small_numeral(text):
    assert v.cn_number(text) is None


@pytest.mark.parametrize("text, year", [("二〇二三", 2023), ("二○二四", 2024), ("二零一九", 2019)])
def test_chinese_years_agree_with_cn2an(text, year):
    assert v.cn_year(text) == year == cn2an.cn2an(text.replace("○", "〇"), "normal")


@pytest.mark.parametrize("text, value", [("12", (12.0, 0)), ("73.33", (73.33, 2)), ("5．5", (5.5, 1))])
def test_number_value(text, value):
    assert re.fullmatch(v.NUMBER, text) and v.number_value(text) == value


@pytest.mark.parametrize("text, found", [
    ("2024年", ("2024", None, None)), ("2024 年度", ("2024", None, "度")), ("2021—2025年", ("2021", "2025", None)),
    ("2021-2025年", ("2021", "2025", None)), ("2021至2025年", ("2021", "2025", None)),
    ("2021一2025年", ("2021", "2025", None)),
    ("12024年", None), ("1.2024年", None), ("1850年", None),
])
def test_year_in_text(text, found):
    match = v.YEAR_IN_TEXT.search(text)
    assert (match.group("y", "end", "du") if match else None) == found


@pytest.mark.parametrize("text, found", [
    ("2021-2025年", ("2021", "-", "2025")), ("纲要(2021-2025)》", ("2021", "-", "2025")),
    ("2021~2025期间", ("2021", "~", "2025")), ("2025-03-01", None), ("电话0731-2025-3", None),
    ("DB11/2021-2025年", None), ("DB43/T 2021-2023)", None),
])
def test_year_range_dashed(text, found):
    match = v.YEAR_RANGE_DASHED.search(text)
    assert (match.group(1, 2, 3) if match else None) == found


@pytest.mark.parametrize("text, found", [
    ("纲要(20212025年)", ("2021", "", "2025")), ("2021一2025年", ("2021", "一", "2025")),
    ("规划（20212025）", ("2021", "", "2025")), ("编号202120251", None), ("120212025年", None),
    ("2021—2025年", None), ("20212025元", None),
])
def test_year_range_undashed(text, found):
    match = v.YEAR_RANGE_UNDASHED.search(text)
    assert (match.group("start", "sep", "end") if match else None) == found


@pytest.mark.parametrize("text, yy", [("截至23年底", "23"), ("24年3月", "24"), ("24年三月", "24"), ("近10年", None),
                                      ("第23年度", None), ("2023年底", None), ("22年，我局", "22"),
                                      ("工作。22年,全县", "22"), ("于22年出台", "22"), ("自22年起", "22"),
                                      ("历时22年，", None), ("连续22年，", None), ("连续20年双下降", None),
                                      ("22年来", None), ("自22年以来", None), ("从事执法22年，", None),
                                      ("已满22年", None)])
def test_short_year(text, yy):
    match = v.SHORT_YEAR.search(text)
    assert (match.group("yy") if match else None) == yy


@pytest.mark.parametrize("text, form, ymd", [
    ("2023年3月7日", "arabic", ("2023", "3", "7")), ("2023 年 3 月 7 号", "arabic", ("2023", "3", "7")),
    ("二〇二三年三月七日", "chinese", ("二〇二三", "三", "七")), ("2023.3.7", "dotted", ("2023", "3", "7")),
    ("2023-03-07", "iso", ("2023", "03", "07")), ("3月7日", "no-year", (None, "3", "7")),
    ("版本1.2023.3.7", None, None), ("12.5%", None, None), ("电话0731-2023-3", None, None),
])
def test_date_forms(text, form, ymd):
    hit = next(((name, m) for name, pattern in v.DATE_FORMS for m in [pattern.search(text)] if m), None)
    assert (hit[0] if hit else None) == form
    if hit:
        groups = hit[1].groupdict()
        assert (groups.get("y"), groups["m"], groups["d"]) == ymd


@pytest.mark.parametrize("text, is_date_line", [
    ("2023年3月7日", True), ("二〇二三年三月七日", True), ("（2023年3月7日）", True), ("2023.3.7", True),
    ("2023-03-07", True), ("2023年3月7日，召开会议", False), ("3月7日", False),
])
def test_date_line(text, is_date_line):
    assert bool(v.DATE_LINE.match(text)) == is_date_line


@pytest.mark.parametrize("text, level, number", [
    ("一、总体情况", 1, "一"), ("十二．其他", 1, "十二"), ("（三）加强学习", 2, "三"), ("(五)完善制度", 2, "五"),
    ("1.审查文件", 3, "1"), ("12、其他", 3, "12"), ("（2）执法", 4, "2"), ("1.5倍", None, None),
])
def test_heading_marks(text, level, number):
    hit = next(((lv, m) for lv, pattern in v.HEADING_MARKS for m in [pattern.match(text)] if m), None)
    assert ((hit[0], hit[1].group("num")) if hit else (None, None)) == (level, number)


@pytest.mark.parametrize("number, level, mark", [("一", 1, "一、"), ("三", 2, "（三）"), ("4", 3, "4."), ("2", 4, "（2）")])
def test_standard_mark(number, level, mark):
    assert v.standard_mark(number, level) == mark


@pytest.mark.parametrize("text, items", [
    ("一是加强学习。二是完善制度；三是强化监督", ["一", "二", "三"]),
    ("“一是”", ["一"]), ("（十一是", ["十一"]), ("统一是前提", []), ("唯一是", []),
    ("五项基本内容，一是举措；二是不足", ["一", "二"]), ("五项内容,一是举措", ["一"]),
])
def test_enumeration_items(text, items):
    assert [m.group("n") for m in v.ENUM_ITEM.finditer(text)] == items


def test_enumeration_split():
    assert v.ENUM_SPLIT.split("主要是：一是加强学习。二是完善制度") == ["主要是：", "一是加强学习。", "二是完善制度"]


@pytest.mark.parametrize("text, counts", [
    ("办结15件，涉及120人次", [("15", "件"), ("120", "人次")]), ("3万余人", [("3", "万余人")]),
    ("投入100万元", [("100", "万元")]), ("提高5个百分点", []), ("用时30天", [("30", "天")]), ("2024年", []),
])
def test_counts(text, counts):
    assert [m.group("num", "unit") for m in v.COUNT.finditer(text)] == counts


@pytest.mark.parametrize("text, percents", [("满意率95%以上", [("95", "以上")]), ("73.33％", [("73.33", None)])])
def test_percents(text, percents):
    assert [(m.group("num"), m.group("q") and m.group("q").strip()) for m in v.PERCENT.finditer(text)] == percents


def test_facts_expose_changes_of_a_rate(registry):
    text = ("XX县2024年度法治政府建设情况报告\n一、主要举措和成效\n"
            "办结率由85%提高到92%，提高5个百分点。满意率提高3%。案件量由60%提高到70%，提高10%。\n")
    changes = lint_text(registry, text).report.facts.changes
    assert [(c.start, c.end, c.change, c.points) for c in changes] == [
        ("85", "92", "5", True), ("60", "70", "10", False), (None, None, "3", False)]
    assert changes[0].part == "measures" and changes[0].decimals == 0
    assert changes[2].clause == "满意率"
    assert changes[1].change_span.column == text.split("\n")[2].index("10%") + 1


@pytest.mark.parametrize("text, kept", [
    ("根据《中共中央办公厅 国务院办公厅关于印发〈规定〉的通知》", " "),
    ("镇政发〔2024〕7号 签发人：张三", " "),
    ("（记者 吕霞）", " "), ("党组书记、局长 夏军", " "),
    ("本报讯 日前，省委印发", " "), ("中新网 3月29日电 据应急管理部消息", "  "),
    ("第二章   组成人员和政府职能", "   "),
    ("2022 年，全县", ""), ("开展专题学习 18 次", ""), ("关于印发 南沙区2020年依法行政工作要点的通知", ""),
])
def test_spaces_that_belong(text, kept):
    spans = [m.span() for pattern in v.SPACE_KEPT_BETWEEN + v.SPACE_KEPT_OPENING for m in pattern.finditer(text)]
    assert "".join(c for i, c in enumerate(text) if c in v.BLANK and any(a <= i < b for a, b in spans)) == kept


#: lines dense in what the kept spaces stand between, and the seeds' and the corpus's lines
KEPT_ALPHABET = " \u3000\t〔〕号签发人记者书记局长厅办公室委员会本报讯网社第二章条1234月日电“”《》，、（）法治政府建设"
KEPT_LINES = [line for path in [*SEEDS, *sorted((FIXTURES / "corpus" / "texts").glob("*.txt"))]
              for line in path.read_text(encoding="utf-8").splitlines()]


def _kept_blanks_between_chinese(line: str) -> bool:
    """Whether every run of blanks SPACE_KEPT_BETWEEN or a phrase gap keeps in ``line`` stands
    between two Chinese characters (T006 looks for them only there)."""
    spans = [m.span() for pattern in v.SPACE_KEPT_BETWEEN for m in pattern.finditer(line)]
    spans += [(q.start() + m.start(), q.start() + m.end()) for q in v.QUOTED.finditer(line)
              for m in v.PHRASE_GAP.finditer(q.group())]
    chinese = re.compile(f"[{v.CJK}]")
    return all(0 < blanks.start() and blanks.end() < len(line) and chinese.match(line[blanks.start() - 1])
               and chinese.match(line[blanks.end()])
               for a, b in spans for blanks in v.BLANKS.finditer(line, a, b))


def test_spaces_kept_between_chinese_characters_stand_there_in_the_seeds_and_the_corpus():
    assert sum(bool(v.SPACE_KEPT_BETWEEN[2].search(line)) for line in KEPT_LINES)  # the lines hold kept spaces
    assert all(_kept_blanks_between_chinese(line) for line in KEPT_LINES)


@settings(max_examples=500, deadline=None)
@given(line=st.text(alphabet=KEPT_ALPHABET, max_size=40))
def test_spaces_kept_between_chinese_characters_stand_there_in_made_up_text(line):
    assert _kept_blanks_between_chinese(line)


@pytest.mark.parametrize("text, gaps", [
    ("围绕“以习近平法治思想为指引 坚定不移走中国特色社会主义法治道路”主题", 1),
    ("印发《进一步彻底肃清流毒影响 加强政治建设 筑牢政治忠诚任务分工方案》", 2),
    ("以“加强法治政府建设 打造人民", 1),  # the text ends inside the quotation
    ("开展 “以案释法” 活动", 0), ("“法治 政府”", 0),
])
def test_phrase_gaps_inside_quotations(text, gaps):
    assert sum(len(v.PHRASE_GAP.findall(q.group())) for q in v.QUOTED.finditer(text)) == gaps


@pytest.mark.parametrize("word, placeholder", [("xx", True), ("XX", True), ("xxx", True), ("and", False), ("x", False)])
def test_placeholder(word, placeholder):
    assert bool(v.PLACEHOLDER.fullmatch(word)) is placeholder


@pytest.mark.parametrize("text, level, found", [
    ("现报告如下:一、落实领导班子集体学法", 1, True), ("2023年依法治镇工作一、认真贯彻落实", 1, True),
    ("坚持统一、规范、高效", 1, False), ("二、主要做法", 1, False),
    ("凝聚法治共识(一)强化理论武装", 2, True), ("（二）加强", 2, False),
    ("现报告如下：1、加强组织领导", 3, True), ("增长2021.1倍", 3, False), ("（1）规范", 4, True),
])
def test_first_mark_anywhere(text, level, found):
    assert v.first_mark(text, level) is found


# Fragments that give away a private copy of a vocabulary pattern.
_FRAGMENTS = [r"(?:19|20)\d{2}", r"(19|20)\d{2}", "[ \\t\\u3000]", "一二三四五六七八九", "是)", "件次", "[日号]",
              "个百分点)", "提高|提升"]


@pytest.mark.parametrize("fragment", _FRAGMENTS)
def test_no_module_but_the_vocabulary_defines_these_patterns(fragment):
    copies = [str(p.relative_to(ROOT)) for folder in ("linter", "rules") for p in (ROOT / folder).rglob("*.py")
              if p.name != "vocabulary.py" and any(fragment in line for line in p.read_text(encoding="utf-8")
                                                  .splitlines() if not line.lstrip().startswith(("#", "`")))]
    assert copies == []


def _regex_literals(path):
    """The string literals ``path`` compiles or runs as regular expressions (``lazy(…)``,
    ``re.compile(…)``, ``re.search(…)``…)."""
    import ast

    calls = {"lazy", "compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "lazy" or (
                isinstance(func, ast.Attribute) and func.attr in calls
                and isinstance(func.value, ast.Name) and func.value.id == "re"):
            yield node.args[0].value


def test_no_text_pattern_is_defined_in_more_than_one_module():
    """Issue 10's done-means: every regular expression written out in the code is written in
    one module only (a second copy drifts: the year pattern once had six)."""
    modules: dict[str, set[str]] = {}
    for folder in ("linter", "rules"):
        for path in (ROOT / folder).rglob("*.py"):
            for pattern in _regex_literals(path):
                modules.setdefault(pattern, set()).add(str(path.relative_to(ROOT)))
    assert len(modules) > 50  # the scan sees the code's patterns
    assert {p: sorted(m) for p, m in modules.items() if len(m) > 1} == {}
