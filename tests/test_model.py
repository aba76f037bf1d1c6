"""The report model: kind, title, issuer, year, date and mandated elements."""

import pytest
from conftest import FIXTURES, SEEDS, lint_file, lint_text


@pytest.mark.parametrize("title, kind", [
    ("XX区人民政府关于2023年度法治政府建设情况的报告", "annual"),
    ("XX市2025年法治政府建设年度报告", "annual"),
    ("2020年XX区法治政府建设情况报告", "annual"),
    ("X X 市 2 0 2 2 年 法 治 政 府 建 设 年 度 报 告", "annual"),
    ("关于2024年法治政府建设情况的汇报", "annual"),
    ("XX县依法行政工作报告", "annual"),
    ("XX局局长2023年度履行推进法治建设第一责任人职责述职报告", "duty"),
    ("2023年度述法报告", "duty"),
    ("2024年XX市人民政府政府工作报告", "unknown"),
    ("XX县法治政府建设实施方案（2021—2025年）", "unknown"),
    ("XX市2023年政府信息公开工作年度报告", "unknown"),
    ("我市召开2023年度法治政府建设年度报告会", "unknown"),
    ("XX区发布2022年法治政府建设年度报告", "unknown"),
])
def test_kind_detection(registry, title, kind):
    result = lint_text(registry, f"{title}\n一、主要工作\n正文。\n")
    assert result.report.kind == kind


def test_kind_from_opening_when_there_is_no_title(registry):
    result = lint_text(registry, "各位领导：\n现将我局2022年法治政府建设情况报告如下：\n一、主要举措和成效\n正文。\n")
    assert result.report.kind == "annual"
    assert result.report.year == 2022


def test_config_forces_the_kind(registry):
    result = lint_text(registry, "2024年政府工作报告\n一、工作\n正文。\n", kind="annual")
    assert result.report.kind == "annual"


@pytest.mark.parametrize("text, issuer", [
    ("XX县司法局\n关于2024年度法治政府建设情况的报告\n", "XX县司法局"),
    ("XX县司法局关于2024年度法治政府建设情况的报告\n", "XX县司法局"),
    ("怀化市鹤城区信访局2025年法治政府建设年度报告\n", "怀化市鹤城区信访局"),
    ("2020年XX区法治政府建设情况报告\n", "XX区"),
    ("关于2024年度法治政府建设情况的报告\n正文。\n\nXX县人民政府\n2025年2月1日\n", "XX县人民政府"),
    ("关于2024年度法治政府建设情况的报告\n正文。\n", None),
    # openings of real copies without a title (fixtures/corpus), as published
    ("2021年,广东坚持以习近平新时代中国特色社会主义思想为指导,扎实推动法治政府建设取得新成效。\n", "广东"),
    ("2022年,在市委、市政府的坚强领导下,在省应急管理厅和各有关部门的关心指导下,江门市应急管理局坚持以习近平"
     "新时代中国特色社会主义思想为指导。\n", "江门市应急管理局"),
    ("根据中共中央《全面深化法治领域改革纲要(2023—2027年)》提出“实行法治建设年度报告制度”,以及市、区对法治建设"
     "工作的具体部署,2023年,清波街道以深入学习贯彻习近平法治思想为核心。\n", "清波街道"),
    ("一年来,周溪乡在县委、县政府的正确领导下,深入学习贯彻党的二十大精神。\n", "周溪乡"),
    ("市委全面依法治市委员会:\n2025年,中村乡法治政府建设工作在市委、市人民政府的正确领导下,认真落实上级各项工作部署。\n",
     "中村乡"),
    ("根據《中共江門市委全面依法治市委員會辦公室關于做好2024年法治政府建設情況年度報告工作的通知》要求,"
     "現將江門市農業農村局2024年法治政府建設情況報告如下:\n", "江门市农业农村局"),
    ("杭州市農業農村局(杭州市鄉村振興局)2023年法治政府建設年度報告\n", "杭州市农业农村局"),
    ("2022年,應(yīng)急管理部堅持以習(xí)近平新時代中國特色社會主義思想為指導(dǎo)。\n", "应急管理部"),
    # a bare level, 我局 or 全市 names no body
    ("2022年,县司法局紧紧围绕县委、县政府中心工作,立足司法行政实际。\n", None),
    ("根据《法治政府建设实施纲要(2021—2025年)》和相关文件要求,现将市人社局2022年法治政府建设情况报告予以公开。\n", None),
    ("2021年,在盐城市委、市政府的坚强领导下,我局深入学习贯彻党的十九大精神。\n", None),
    ("2022年,在市委坚强领导下,在市人大的监督支持下,全市各级行政机关坚持以习近平新时代中国特色社会主义思想为指导。\n",
     None),
])
def test_issuer(registry, text, issuer):
    assert lint_text(registry, text).report.issuer == issuer


def test_seed_facts(registry):
    by_prefix = {p.name[:3]: lint_file(registry, p).report for p in SEEDS}
    assert [(r.kind, r.year, r.issuer) for r in by_prefix.values()] == [
        ("annual", 2024, "湖南省信访局"),
        ("annual", 2024, "宝丰县信访局"),
        ("annual", 2022, "省信访局"),
        ("duty", 2023, "洞口县信访局"),  # the year comes from the opening: the title has none
        ("annual", 2025, "怀化市鹤城区信访局"),
    ]
    assert by_prefix["003"].title.text == "洞口县信访局 履行推进法治政府建设第一责任人职责 述职报告"
    assert str(by_prefix["002"].date) == "2023-03-07"
    assert str(by_prefix["004"].date) == "2025-12-26"
    assert by_prefix["000"].date is None


def test_elements_by_heading_merged_part_and_body(registry):
    seeds = {p.name[:3]: lint_file(registry, p).report for p in SEEDS}
    duty_report = seeds["003"].elements
    # "二、不足之处和今后努力的方向" fulfils two elements at once
    assert duty_report["shortcomings"].line == duty_report["next_steps"].line == 25
    duty = seeds["004"].elements["duty"]
    assert (duty.found, duty.how, duty.line) == (True, "body", 7)
    assert seeds["001"].elements["duty"].how == "heading" and seeds["001"].elements["duty"].line == 6


def test_cover_letter_is_not_the_report(registry):
    text = ("关于报送2023年度法治政府建设情况报告的函\n市委依法治市办：\n现将报告报送你们。\nXX县司法局\n2024年2月20日\n"
            "XX县司法局2023年法治政府建设年度报告\n一、主要举措和成效\n正文。\nXX县司法局\n2024年2月19日\n")
    report = lint_text(registry, text).report
    assert report.title.text == "XX县司法局2023年法治政府建设年度报告"
    assert str(report.date) == "2024-02-19"
    assert report.cover_letters == 1


def test_every_built_in_element_declares_a_role(registry):
    roles = {kind.id: {e.id: e.role for e in kind.elements} for kind in registry.kinds}
    assert roles["annual"] == {"measures": "measures", "shortcomings": "shortcomings", "causes": "causes",
                               "duty": "duty", "plan": "plan", "other": "other"}
    assert roles["duty"]["next_steps"] == "plan" and roles["duty"]["duties"] == "duty"


def test_a_part_is_found_by_role_whatever_the_kind_calls_it(registry):
    duty = lint_file(registry, FIXTURES / "rules" / "D006_clean-duty.txt").report
    plan = duty.part("plan")
    assert plan.spec.id == "next_steps" and plan.found and plan.where.text.endswith("下一步打算")
    assert duty.part("measures") is None  # a duty report has no such part
    # facts in that part carry its role: the dated target is in the plan
    target = next(d for d in duty.facts.dates if d.text == "2024年6月30日")
    assert target.part == "plan"


def _reachable(value, seen=None):
    """Every object reachable from ``value`` through dataclass fields and container items
    (the report's private memo aside: :meth:`Report.memo` values are checked on their own)."""
    import dataclasses
    import datetime

    seen = set() if seen is None else seen
    if id(value) in seen or isinstance(value, (str, int, float, bool, type(None), bytes, datetime.date)):
        return
    seen.add(id(value))
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "_memo":
                yield from _reachable(getattr(value, f.name), seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _reachable(item, seen)
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _reachable(item, seen)


@pytest.mark.parametrize("name", ["seeds/000_00303d11aa6d56d4.txt", "formats/000.docx", "formats/000.html"])
def test_no_part_of_the_model_can_be_changed_by_a_rule(registry, name):
    """Issue 10: the report model is read-only for rules, all of it: every object a rule can
    reach from the Report (sections and their parts, the elements, the facts, the layout of a
    .docx) is a frozen dataclass, a tuple or a read-only mapping, and so are the views that
    rules share through ``memo``. Before, Section, the elements dict and Facts could be
    changed, and the Report carried the raw text of every line."""
    import dataclasses

    from linter.model import ReadOnlyDict

    result = lint_file(registry, FIXTURES / name)  # the rules have run: the memo holds their views
    report = result.report
    assert report.sections and report.elements and report.facts.years
    checked = 0
    for value in [*_reachable(report), *_reachable(tuple(report._memo.values()))]:
        checked += 1
        if dataclasses.is_dataclass(value):
            assert type(value).__dataclass_params__.frozen, type(value)
            field = dataclasses.fields(value)[0].name
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(value, field, getattr(value, field))
        elif isinstance(value, dict):
            assert type(value) is ReadOnlyDict, value
            with pytest.raises(TypeError):
                value["x"] = None
            with pytest.raises(TypeError):
                value.clear()
        else:
            assert isinstance(value, (tuple, frozenset)), type(value)
    assert checked > 100
    # no raw text: the lines are known by their shape only
    assert not {"lines", "source"} & {f.name for f in dataclasses.fields(report)}
    source = result.source.lines
    assert len(report.shape) == len(source)
    assert [report.shape.blank(n) for n in range(1, len(source) + 1)] == [not line.strip() for line in source]
    # the parent links survive: the tree is still walkable both ways
    assert all(child.parent is section for section in report.walk() for child in section.children)


def test_a_report_pickles_with_its_read_only_parts(registry):
    import pickle

    report = lint_file(registry, FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt").report
    copy = pickle.loads(pickle.dumps(report))
    assert copy.elements == report.elements and type(copy.elements) is type(report.elements)
    assert [s.heading for s in copy.walk()] == [s.heading for s in report.walk()]
    assert all(child.parent is section for section in copy.walk() for child in section.children)


def test_summaries_get_a_slim_type(registry):
    """The summary formats and the cache get a ReportSummary: no text, no structure, no source."""
    import dataclasses

    from conftest import SEEDS

    from linter.model import ReportSummary

    report = lint_file(registry, SEEDS[0]).report
    summary = report.slim()
    assert type(summary) is ReportSummary and summary.elements.keys() == report.elements.keys()
    assert not {"lines", "shape", "sections", "preamble", "facts", "layout"} & {f.name for f in dataclasses.fields(summary)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.kind = "duty"


def test_a_delivery_month_under_a_duty_reports_title_is_not_its_year(registry):
    # corpus 119, as published: byline, then the month the report was delivered
    text = ("西洞庭管理区关于履行推进法治建设第一责任人职责情况的报告\n西洞庭管理区党委副书记、管委会主任 叶春华\n2025年2月\n"
            "2024年,我坚持以习近平法治思想为指导,切实履行管委法治建设第一责任人责任。现将本人2024年述法工作情况报告如下:\n"
            "一、履职情况\n1.坚持把学习贯彻习近平法治思想情况作为第一要务\n一是把牢政治方向。\n")
    result = lint_text(registry, text)
    assert (result.report.kind, result.report.year) == ("duty", 2024)
    assert "T005" not in {d.code for d in result.diagnostics}  # the month line is not a broken sentence


def test_values_stored_at_once_are_made_as_the_dataclass_would_make_them():
    """stored_at_once replaces a frozen dataclass's __init__: same signature and defaults, the
    same fields (equal, hashed, pickled and replaced as before), and it refuses a class whose
    fields are not all given to __init__ as they are."""
    import dataclasses
    import pickle

    from linter.model import Paragraph, Span, TextLine, stored_at_once

    span = Span(3, 1, 3, 5)
    made = Paragraph("一是加强", span)
    assert (made.text, made.span, made.enum) == ("一是加强", span, False)
    assert made == Paragraph(text="一是加强", span=span, enum=False) != Paragraph("一是加强", span, True)
    assert hash(made) == hash(pickle.loads(pickle.dumps(made)))
    assert dataclasses.replace(made, enum=True).enum and Span(1, 1, 1, 2) < span
    with pytest.raises(TypeError):
        TextLine("正文")
    with pytest.raises(TypeError):
        TextLine("正文", span, False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "改"
    with pytest.raises(TypeError):
        stored_at_once(dataclasses.dataclass(frozen=True)(type("Listed", (), {
            "__annotations__": {"items": list}, "items": dataclasses.field(default_factory=list)})))


@pytest.mark.parametrize("patterns, text, found", [
    (("法治政府", "依法行政"), "推进依法行政", True),
    (("法治政府", "依法行政"), "工作总结", False),
    ((r"(报告)\1", "汇报"), "报告报告", True),  # a reference to a group: each on its own
    ((r"(报告)\1", "汇报"), "报告", False),
    (("(?i)icp", "备案"), "ICP", True),  # a global flag: each on its own
    (("(?P<x>报告)", "(?P<x>汇报)"), "汇报", True),  # a group name used twice
])
def test_element_patterns_match_joined_as_each_alone(patterns, text, found):
    from linter.analyze import _regexes, matches

    assert matches(patterns, text) is found
    assert any(p.search(text) for p in _regexes(patterns)) is found
    assert len(_regexes(patterns)) == (1 if patterns[0] == "法治政府" else 2)
