"""Numbering rules (N): heading numbers per GB/T 9704-2012 (一、 → （一） → 1. → （1）) and
inline enumerations (一是、二是……), checked on the section tree the parser built."""

from __future__ import annotations

from bisect import bisect_left

from linter.rules.basis import GBT_9704

from linter import hookimpl
from linter.lines import UNNUMBERED
from linter.model import Report, Section, Span, TextLine
from linter.rule import Fix, Rule, Text
from linter.vocabulary import ENUM_ITEM, MARK_NUMBER, RUN_ON_FIRST_ITEM, cn_number, first_mark, standard_mark

LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


def _numbered(sections):
    return [s for s in sections if s.heading.level != UNNUMBERED]


def _sibling_groups(report: Report):
    """Each parent's numbered children (the top level included), split by heading level."""
    parents = [report.sections] + [s.children for s in report.walk()]
    for children in parents:
        by_level: dict[int, list[Section]] = {}
        for child in _numbered(children):
            by_level.setdefault(child.heading.level, []).append(child)
        yield from by_level.values()


class NumberingGap(Rule):
    """
    ## 作用
    检查同一层级的标题序号是否连续：一、二、四、（缺三）或 （二）（二）（重复）。
    换了上级标题后重新从一编号是正常的，不报告。

    ## 原因
    GB/T 9704-2012 规定各层级标题依次编号；跳号、重号让审阅人怀疑漏了内容。

    ## 示例
    `一、…… 二、…… 四、……`

    ## 改为
    `一、…… 二、…… 三、……`

    ## 选项
    无。

    ## 修复
    无自动修复：可能确有内容遗漏。
    """

    code = "N001"
    name = "numbering-gap"
    severity = "warning"
    scope = "headings"
    summary = Text("标题序号跳号或重号", "gap or repeat in heading numbering")
    message = Text("标题序号“{mark}”前面是“{previous}”，{what}", "heading “{mark}” follows “{previous}”: {what_en}")
    help = Text("按顺序连续编号", "number the headings consecutively")
    basis = GBT_9704

    def check(self, report: Report):
        for group in _sibling_groups(report):
            for previous, current in zip(group, group[1:]):
                before, now = previous.heading.number, current.heading.number
                if now == before + 1:
                    continue
                what, what_en = ("序号重复", "repeated") if now == before else ("序号不连续", "not consecutive")
                yield self.diagnostic(current.heading.span, mark=current.heading.mark, previous=previous.heading.mark,
                                      what=what, what_en=what_en)


class NumberingStart(Rule):
    """
    ## 作用
    检查每个上级标题下的第一个下级标题（以及全文第一个一级标题）是否从“一”或“1”开始。
    跨上级标题连续编号（（一）下 1. 2.，（二）下接 3.）、第一个序号写在前文行内（“如下：一、……”）、
    从某部分中间开始的文本（报纸续版“（上接第一版）”）不报告。

    ## 原因
    GB/T 9704-2012 的层级编号从一开始；从（二）开始，通常是删了第一条或把第一条写成了无序号的标题。

    ## 示例
    ```
    一、履职情况
    强化组织领导，压实法治建设责任
    （二）带头学法守法
    ```
    （种子报告 001）

    ## 改为
    ```
    一、履职情况
    （一）强化组织领导，压实法治建设责任
    （二）带头学法守法
    ```

    ## 选项
    无。

    ## 修复
    无自动修复。
    """

    code = "N002"
    name = "numbering-start"
    severity = "warning"
    scope = "headings"
    summary = Text("下级标题不从一开始编号", "first heading under a parent does not start at one")
    message = Text("“{mark}”是这一层级的第一个标题，应从{first}开始", "“{mark}” is the first heading at its level; "
                   "start at {first}")
    help = Text("从一（或1）开始编号", "start numbering at one")
    basis = GBT_9704

    def check(self, report: Report):
        lines = sorted(report.text_lines(), key=lambda line: line.span)
        spans = [line.span for line in lines]
        before = _previous_at_level(report)
        excerpt = _starts_inside_a_part(report)
        for group in _sibling_groups(report):
            first = group[0]
            heading = first.heading
            if heading.number == 1 or first in excerpt or _continues_numbering(before.get(first), first) \
                    or _first_mark_run_in(lines, spans, first):
                continue
            yield self.diagnostic(heading.span, mark=heading.mark, first=LEVEL_NAMES[heading.level])


def _starts_inside_a_part(report: Report) -> set[Section]:
    """The headings of a copy that starts inside a part (a newspaper's continuation page, an
    excerpt): those before its first top-level part heading, and that heading itself, when its
    first numbered heading is a sub-heading; their numbers do not start the report's."""
    numbered = [s for s in report.walk() if s.heading.level != UNNUMBERED]
    if not numbered or numbered[0].heading.level == 1 or numbered[0].parent is not None:
        return set()
    first_part = next((i for i, s in enumerate(numbered) if s.heading.level == 1 and s.parent is None), len(numbered))
    return set(numbered[:first_part + 1])


def _previous_at_level(report: Report) -> dict[Section, Section]:
    """Each heading's predecessor of the same level in document order, under any parent."""
    last: dict[int, Section] = {}
    before = {}
    for section in report.walk():
        level = section.heading.level
        if level in last:
            before[section] = last[level]
        last[level] = section
    return before


def _continues_numbering(before: Section | None, first: Section) -> bool:
    """Whether ``first`` carries on the numbering of the heading of its level ``before`` it,
    under another parent (1. 2. under （一）, then 3. under （二）: numbered through, by design)."""
    return before is not None and before.heading.number == first.heading.number - 1


def _first_mark_run_in(lines: list[TextLine], spans: list[Span], first: Section) -> bool:
    """Whether the first heading of ``first``'s level is in the text before it (``lines`` in
    document order, ``spans`` theirs), run into a line where it was not read as a heading
    ("…如下：一、落实…", "工作一、认真…")."""
    start = bisect_left(spans, first.parent.heading.span) if first.parent is not None else 0
    stop = bisect_left(spans, first.heading.span)
    return any(first_mark(line.text, first.heading.level) for line in lines[start:stop])


class NumberingForm(Rule):
    """
    ## 作用
    检查标题序号的写法是否为 GB/T 9704-2012 的标准形式：一级“一、”，二级“（一）”（全角括号，后面不加顿号），
    三级“1.”，四级“（1）”。“(五)”“一.”“1、”“（一）、”都会被报告。

    ## 原因
    GB/T 9704-2012 第7.3.3条规定了各层级序数的写法；同级标题写法不一（如（一）…（四）之后出现“(五)”），
    多是从不同文件拼接而来。

    ## 示例
    `(五)进一步提高干部队伍法治素养`（种子报告 002）

    ## 改为
    `（五）进一步提高干部队伍法治素养`

    ## 选项
    无。

    ## 修复
    安全的修复：只改序号的括号、标点，序数不变。
    """

    code = "N003"
    name = "numbering-form"
    severity = "warning"
    fix = "safe"
    scope = "headings"
    summary = Text("标题序号写法不规范", "heading mark in the wrong width or form")
    message = Text("标题序号“{mark}”应写作“{standard}”", "write the heading mark “{mark}” as “{standard}”")
    basis = GBT_9704

    def check(self, report: Report):
        for section in report.walk():
            heading = section.heading
            if heading.level == UNNUMBERED:
                continue
            standard = standard_mark(MARK_NUMBER.search(heading.mark).group(0), heading.level)
            if heading.mark != standard:
                span = heading.span
                mark_span = Span(span.line, span.column, span.line, span.column + len(heading.mark))
                yield self.diagnostic(mark_span, fix=Fix.replacing(mark_span, standard), mark=heading.mark,
                                      standard=standard)


class EnumerationSequence(Rule):
    """
    ## 作用
    检查“一是……二是……三是……”这类行文中的列举是否按顺序。在同一部分（同一标题下）内连续检查；
    遇到新的“一是”或新的部分时重新开始，不报告；新部分接着上一部分的序号往下列的（分页处被编了号）也不报告。

    ## 原因
    列举跳号（一是、三是）或倒序，通常是删改时漏改了序号。

    ## 示例
    `一是加强学习。三是完善制度。`

    ## 改为
    `一是加强学习。二是完善制度。`

    ## 选项
    无。

    ## 修复
    无自动修复：可能确有内容遗漏。
    """

    code = "N004"
    name = "enumeration-sequence"
    severity = "warning"
    scope = "body"
    summary = Text("“一是、二是”列举不连续", "inline enumeration out of sequence")
    message = Text("“{text}”前面是“{previous}”，列举不连续", "“{text}” follows “{previous}”: out of sequence")
    help = Text("按顺序编排“一是、二是……”", "number the enumeration in sequence")

    def check(self, report: Report):
        # A heading's own text counts where a copy ran the first items into it ("二、主要做法（一）…一是…"),
        # also without a mark between ("…政府信息公开一是完善…", RUN_ON_FIRST_ITEM).
        bodies = [list(report.preamble)] + [[TextLine(s.heading.title, s.heading.title_span), *s.body()]
                                            for s in report.walk()]
        # A new part restarts at 一是; one that opens with the next item of the part before carries
        # its enumeration on (a page break numbered like a heading, "3、", split it).
        previous = None
        for part, lines in enumerate(bodies):
            for position, line in enumerate(lines):
                if "是" not in line.text:
                    continue  # every item is written N是: most lines are not scanned
                found = list(ENUM_ITEM.finditer(line.text))
                if part and not position:  # the heading's own text
                    found = sorted(found + list(RUN_ON_FIRST_ITEM.finditer(line.text)), key=lambda m: m.start())
                for match in found:
                    number = cn_number(match.group("n"))
                    if number is None:
                        continue
                    expected = 1 if previous is None else previous[0] + 1
                    if number != 1 and number != expected:
                        before = previous[1] if previous else "（无）"
                        yield self.diagnostic(line.sub_span(*match.span()), text=match.group(0), previous=before)
                    previous = (number, match.group(0))


class LevelOrder(Rule):
    """
    ## 作用
    检查标题层级是否按 GB/T 9704-2012 的顺序使用：一级“一、”下是二级“（一）”，二级下是三级“1.”，
    三级下是四级“（1）”。跳过层级（“一、”下直接用“1.”）或倒用层级都会被报告。

    ## 原因
    GB/T 9704-2012 第7.3.3条规定结构层次序数依次为“一、”“（一）”“1.”“（1）”。

    ## 示例
    ```
    一、主要举措和成效
    1.健全依法决策机制
    ```

    ## 改为
    ```
    一、主要举措和成效
    （一）健全依法决策机制
    ```

    ## 选项
    无。

    ## 修复
    无自动修复：改层级要改整组序号。
    """

    code = "N005"
    name = "level-order"
    severity = "warning"
    scope = "headings"
    summary = Text("标题层级跳级或顺序不对", "heading level skipped or out of GB/T 9704 order")
    message = Text("“{mark}”是{level}级标题，但上级“{parent}”是{parent_level}级", "“{mark}” is a level-{level} "
                   "heading under the level-{parent_level} heading “{parent}”")
    help = Text("按“一、（一）1.（1）”的顺序使用层级", "use the levels in the order 一、（一）1.（1）")
    basis = GBT_9704

    def check(self, report: Report):
        for section in report.walk():
            heading = section.heading
            if heading.level == UNNUMBERED:
                continue
            parent = section.parent
            while parent is not None and parent.heading.level == UNNUMBERED:
                parent = parent.parent
            if parent is None:
                continue  # top-level headings start wherever the document starts
            if heading.level != parent.heading.level + 1:
                yield self.diagnostic(heading.span, mark=heading.mark, level=heading.level,
                                      parent=parent.heading.mark, parent_level=parent.heading.level)


@hookimpl
def relint_rules():
    return [NumberingGap, NumberingStart, NumberingForm, EnumerationSequence, LevelOrder]
