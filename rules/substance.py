"""Substance rules (Q): what third-party evaluators criticise — boilerplate shortcomings,
plans without targets, measures without data, passages copied from last year's report,
and gaps in the eight systems of the 2021—2025 纲要."""

from __future__ import annotations

import re
from functools import lru_cache

from linter.rules.basis import SUPERVISION_REGULATION

from linter import hookimpl
from linter.model import Report, TextLine
from linter.rule import Option, Rule, Text
from linter.tomlio import load_package_data
from linter.vocabulary import ENUM_SPLIT, NOT_CONTENT, NUMBER, YEAR_WORD

ANNUAL = ("annual",)
REPORTS = ("annual", "duty")
#: Roles of the parts these rules read (see ``data/kinds.toml``).
SHORTCOMINGS, PLAN, MEASURES = "shortcomings", "plan", "measures"
GANGYAO = Text("《法治政府建设实施纲要（2021—2025年）》", "Implementation Outline for Rule-of-Law Government (2021—2025)")


@lru_cache(maxsize=1)
def data() -> dict:
    return load_package_data("linter.rules", "data/substance.toml")


def threshold_option(name: str, doc: Text) -> Option:
    """A threshold option of a Q rule (the older ``[substance]`` table still sets it)."""
    return Option(name, float, data()["thresholds"][name], doc, legacy=f"substance.{name}")


def part_lines(report: Report, role: str, headings: bool = True) -> list[TextLine]:
    """The text of the mandated part with ``role``: its heading (unless ``headings`` is
    false), sub-headings and body when a heading names it; from the lead phrase to the end
    of its section when only body text does."""
    match = report.part(role)
    if match is None or not match.found:
        return []
    titles = []
    if match.how == "heading" and match.section is not None:
        titles = ([match.where] if headings else []) + [TextLine(s.heading.title, s.heading.title_span)
                                                        for s in list(match.section.walk())[1:]]
    return titles + match.body(report.preamble)


def items(report: Report, role: str) -> list[list[TextLine]]:
    """The items a part lists: its sub-sections, else its 一是/二是 enumerations, else its paragraphs."""
    match = report.part(role)
    if match is None or not match.found:
        return []
    if match.how == "heading" and match.section is not None and match.section.children:
        return [[TextLine(c.heading.title, c.heading.title_span)] + [t for s in c.walk() for t in s.body()]
                for c in match.section.children]
    # a lead-in ("主要表现在以下几个方面：") announces items rather than being one
    lines = [t for t in part_lines(report, role) if t is not match.where and not t.text.rstrip().endswith(("：", ":"))]
    pieces = []
    for line in lines:
        parts = [p for p in ENUM_SPLIT.split(line.text) if p.strip()]
        pieces += [[TextLine(p, line.span)] for p in parts]
    return pieces


def _specific(texts: list[TextLine]) -> bool:
    """Whether an item names something checkable: a number, a percentage, a date or a case."""
    joined = "".join(t.text for t in texts)
    return bool(re.search(r"[0-9０-９%％]|例如|比如|典型案例|如[^何期实]", YEAR_WORD.sub("", joined)))


class BoilerplateShortcomings(Rule):
    """
    ## 作用
    检查“不足”部分是否全是套话：每一条都只有“有待进一步提高/加强”“还需提升”“仍有差距”之类的说法，
    没有具体对象、数字或案例。只要有一条写出了数字、百分比、日期或案例（“例如”“典型案例”），就不报告。

    ## 原因
    第三方评估反复指出：不足写成套话，看不出问题在哪里、有多严重，整改无从下手。
    督察工作规定要求如实报告存在的不足和原因。

    ## 示例
    `一是《信访工作条例》成果转化有待进一步提高。二是信访干部学法用法普法意识有待进一步强化。`（种子报告 002）

    ## 改为
    `一是基层信访事项办理超期12件，占全年办理量的3.5%，主要是……`

    ## 选项
    套话清单在 `rules/data/substance.toml` 的 `stock`。

    ## 修复
    无自动修复。
    """

    code = "Q001"
    name = "boilerplate-shortcomings"
    severity = "warning"
    kinds = REPORTS
    scope = "shortcomings"
    summary = Text("不足部分全是套话", "shortcomings are boilerplate")
    message = Text("“不足”部分的{count}条都是套话（如“{phrase}”），没有具体对象、数字或案例",
                   "all {count} shortcomings are stock phrases (e.g. “{phrase}”) with no object, number or case")
    help = Text("逐条写明具体问题、数据或案例", "give each shortcoming a concrete object, figure or case")
    basis = SUPERVISION_REGULATION

    def check(self, report: Report):
        listed = items(report, SHORTCOMINGS)
        if not listed or any(_specific(item) for item in listed):
            return
        text = "".join(t.text for item in listed for t in item)
        phrase = next((m.group() for p in data()["stock"] for m in [re.search(p, text)] if m), None)
        if phrase:
            where = report.part(SHORTCOMINGS).where
            yield self.diagnostic(where.span, count=len(listed), phrase=phrase)


def _measurable(report: Report) -> int | None:
    """Numbers, percentages and dates in the plan, years of the plan itself left out; None
    when there is no plan. Counted once a report: Q002 checks and summarizes it."""
    def count() -> int | None:
        lines = part_lines(report, PLAN)
        return sum(len(re.findall(NUMBER, YEAR_WORD.sub("", t.text))) for t in lines) if lines else None
    return report.memo("plan_measurable", count)


class PlanWithoutTargets(Rule):
    """
    ## 作用
    检查下一年度安排（述职报告的下一步打算）中是否有可衡量的目标：任何数字、百分比或日期
    （安排所属的年份本身不算）。一个都没有时报告。中文数字（“四个方面”）不算目标。

    ## 原因
    没有数字和时限的安排无法检查是否完成；第三方评估把“可衡量的目标”作为安排部分的评分要点。

    ## 示例
    `（一）进一步加强法治宣传教育活动。积极推进普法宣传……`

    ## 改为
    `（一）2025年6月底前开展信访法治宣传月活动，覆盖全部18个乡镇。`

    ## 选项
    无。

    ## 修复
    无自动修复。
    """

    code = "Q002"
    name = "plan-without-targets"
    severity = "info"
    kinds = REPORTS
    scope = "plan"
    summary = Text("安排中没有可衡量的目标", "plan has no measurable target")
    message = Text("“{name}”中没有任何数字、百分比或日期", "the plan has no number, percentage or date")
    help = Text("给主要安排写上数量目标和完成时限", "give the main items a figure and a deadline")
    label = Text("安排中的可衡量目标", "measurable targets in the plan")

    def check(self, report: Report):
        if _measurable(report) == 0:
            match = report.part(PLAN)
            yield self.diagnostic(match.where.span, name=match.spec.name)

    def summarize(self, report: Report):
        count = _measurable(report)
        if count is not None:
            yield self.label, str(count)


def facts_per_1000(report: Report) -> tuple[float, int, int] | None:
    lines = part_lines(report, MEASURES)
    chars = sum(len(t.text) for t in lines)
    if not chars:
        return None
    quantities = report.facts.quantities_on({t.span.line for t in lines})
    return quantities * 1000 / chars, quantities, chars


class FewFacts(Rule):
    """
    ## 作用
    统计“主要举措和成效”部分每千字有多少个数据（带单位的数量、百分比、日期），低于阈值时报告。
    默认阈值为每千字3个：四份真实年度报告中，以叙述为主的002为1.6个，其余为7.5、7.6和20.4个。

    ## 原因
    成效要靠数据说明；只有定性描述的成效部分，第三方评估会判为“举措空泛、成效不明”。

    ## 示例
    整段“扎实开展”“深入推进”“取得明显成效”，没有一个数字。

    ## 改为
    `全年审查规范性文件18件，纠正3件；行政复议纠错率由8.1%降至5.2%。`

    ## 选项
    （由声明的选项生成）

    ## 修复
    无自动修复。
    """

    code = "Q003"
    name = "few-facts"
    severity = "info"
    kinds = ANNUAL
    scope = "measures"
    summary = Text("成效部分数据太少", "measures part cites few facts")
    message = Text("“主要举措和成效”每千字只有{rate}个数据（{count}个/{chars}字），低于{limit}",
                   "the measures part cites {rate} facts per 1,000 characters ({count} in {chars}), below {limit}")
    help = Text("用数量、比率和日期说明成效", "support the results with figures, rates and dates")
    label = Text("成效部分每千字数据", "facts per 1,000 characters in the measures")
    options = (threshold_option("facts-per-1000", Text("每千字数据少于此数时报告",
                                                       "report below this many facts per 1,000 characters")),)

    def check(self, report: Report):
        measured = facts_per_1000(report)
        limit = self.option("facts-per-1000")
        if measured and measured[0] < limit:
            rate, count, chars = measured
            yield self.diagnostic(report.part(MEASURES).where.span, rate=f"{rate:.1f}", count=count,
                                  chars=chars, limit=f"{limit:g}")

    def summarize(self, report: Report):
        measured = facts_per_1000(report)
        if measured:
            yield self.label, f"{measured[0]:.1f}"


def shingles(text: str, size: int) -> set[str]:
    flat = NOT_CONTENT.sub("", text)
    return {flat[i:i + size] for i in range(max(len(flat) - size + 1, 0))}


class CopiedFromLastYear(Rule):
    """
    ## 作用
    把“不足”和“安排”部分的每一段，与上一年度报告的同一部分比较，找出大段照抄的文字。
    比较用字符4-gram（shingle）：一段中有60%以上的4字片段出现在去年的同一部分，就算照抄，
    同时给出去年那一段的位置。不做分词，所以对中文同样可靠。

    去年的报告来自 `--previous FILE`、配置中的 `previous`，或同一文件夹中文件名只差年份的文件
    （如2024年报告旁的“…2023…”）。

    ## 原因
    第三方评估把“不足和安排年年照抄”列为典型问题：问题没有解决，安排也没有更新。

    ## 示例
    今年的“一是法治宣传教育方法不够多、范围不够广……”与去年完全相同。

    ## 改为
    写今年新发现的问题，或说明去年的问题为什么仍未解决。

    ## 选项
    （由声明的选项生成）去年的报告另用顶层配置 `previous = "path/to/last-year.txt"` 指定。

    ## 修复
    无自动修复。
    """

    code = "Q004"
    name = "copied-from-last-year"
    severity = "warning"
    needs_previous = True
    kinds = REPORTS
    scope = "shortcomings, plan"
    summary = Text("不足或安排照抄上一年度报告", "shortcomings or plan repeat last year's report")
    message = Text("这段（“{part}”部分）与上一年度报告 {path} 第{line}行有{percent}%相同",
                   "this {part_en} passage is {percent}% the same as line {line} of last year's report {path}")
    help = Text("写今年的情况，或说明去年的问题为何仍未解决", "write this year's situation, or why last year's "
                "problem remains")
    label = Text("与上一年度重复的段落", "passages repeated from last year")
    options = (threshold_option("similarity", Text("一段中出现在去年同一部分的4字片段占比达到此值即算照抄",
                                                   "share of a passage's 4-grams found in last year's part "
                                                   "that counts as copied")),)

    def _repeats(self, report: Report, previous: Report | None):
        if previous is None:
            return
        size = int(data()["thresholds"]["shingle"])
        limit = self.option("similarity")
        for role in (SHORTCOMINGS, PLAN):
            theirs = part_lines(previous, role, headings=False) or list(previous.paragraphs())
            their_shingles = [(t, shingles(t.text, size)) for t in theirs]
            pool = set().union(*(s for _, s in their_shingles)) if their_shingles else set()
            for line in part_lines(report, role, headings=False):  # a part's heading repeats by design
                mine = shingles(line.text, size)
                if len(mine) < 12:
                    continue  # short headings and phrases repeat legitimately
                share = len(mine & pool) / len(mine)
                if share >= limit:
                    best = max(their_shingles, key=lambda pair: len(mine & pair[1]))[0]
                    yield role, line, best, share

    def check(self, report: Report, previous: Report | None = None):
        for role, line, best, share in self._repeats(report, previous):
            spec = report.part(role).spec
            yield self.diagnostic(line.span, part=spec.name, part_en=spec.name_en, path=previous.path,
                                  line=previous.original_line(best.span.line), percent=round(share * 100))

    def summarize(self, report: Report, previous: Report | None = None):
        if previous is not None:
            yield self.label, str(sum(1 for _ in self._repeats(report, previous)))


class SystemsCoverage(Rule):
    """
    ## 作用
    检查年度报告是否涉及《法治政府建设实施纲要（2021—2025年）》的八个体系：政府机构职能、依法行政制度、
    行政决策制度、行政执法工作、突发事件应对、社会矛盾纠纷行政预防调处化解、行政权力制约和监督、
    法治政府建设科技保障。每个体系按关键词判断，缺哪个报告哪个；检查表中列出八个体系的覆盖情况。默认不启用。

    ## 原因
    纲要按八个体系部署法治政府建设任务，很多地方的评估指标也按这八个方面设置；部门报告只涉及与本部门
    职能相关的体系是正常的，所以默认不检查。

    ## 示例
    报告全文没有“突发事件”“应急”等内容。

    ## 改为
    按职能补充相关体系的工作情况。

    ## 选项
    用 `extend-select = ["Q005"]` 启用；关键词在 `rules/data/substance.toml` 的 `[systems]`。

    ## 修复
    无自动修复。
    """

    code = "Q005"
    name = "systems-coverage"
    severity = "info"
    default = False
    kinds = ANNUAL
    scope = "document"
    summary = Text("未涉及纲要的某个体系", "a system of the 2021—2025 Outline is not covered")
    message = Text("没有涉及纲要的“{system}”", "the report does not cover “{system}” of the Outline")
    basis = GANGYAO

    def _coverage(self, report: Report) -> dict[str, bool]:
        text = "".join(t.text for t in report.text_lines())
        return {system: any(word in text for word in words) for system, words in data()["systems"].items()}

    def check(self, report: Report):
        anchor = report.title.span if report.title else report.end
        for system, covered in self._coverage(report).items():
            if not covered:
                yield self.diagnostic(anchor, system=system)

    def summarize(self, report: Report):
        for system, covered in self._coverage(report).items():
            yield Text(f"纲要体系：{system}", f"Outline system: {system}"), "✓" if covered else "✗"


@hookimpl
def relint_rules():
    return [BoilerplateShortcomings, PlanWithoutTargets, FewFacts, CopiedFromLastYear, SystemsCoverage]
