"""Typography rules (T): what Word, WPS and PDF copies leave behind, judged by GB/T 15834
(punctuation), GB/T 15835 (numbers) and 公文 practice — not by copywriting style guides,
which add the spaces official documents leave out."""

from __future__ import annotations

import re

from linter.rules.basis import GBT_9704, GBT_15834, GBT_15835
from linter.rules.textscan import (
    CJK,
    broken_pairs,
    find,
    is_cjk,
    is_cjk_context,
    join_span,
    logical_paragraphs,
    neighbours,
    scan_lines,
)

from linter import hookimpl
from linter.model import Report, Span, TextLine
from linter.rule import Edit, Fix, Option, Rule, Text
from linter.vocabulary import BLANKS, YEAR_RANGE_DASHED

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def _replace(span: Span, content: str) -> Fix:
    return Fix("safe", (Edit(span, content),))


class HalfWidthPunctuation(Rule):
    """
    ## 作用
    检查中文文字旁的半角标点 , ; : ? ! ( )，改为全角。小数（35.28）、时间（9:30）、网址、电子邮箱、
    英文和数字之间的标点不报告；标题序号“(一)”由 N003 报告。

    ## 原因
    GB/T 15834-2011 规定中文文本使用全角标点；半角标点多是从英文输入法或 PDF 复制带来的。

    ## 示例
    `2025 年,鹤城区信访局坚持……调解协议率提升至 35.28%,较去年提高`

    ## 改为
    `2025 年，鹤城区信访局坚持……调解协议率提升至 35.28%，较去年提高`

    ## 选项
    无。

    ## 修复
    安全的修复：只把半角标点换成对应的全角标点。
    """

    code = "T001"
    name = "half-width-punctuation"
    severity = "warning"
    fix = "safe"
    scope = "text"
    summary = Text("中文中使用了半角标点", "half-width punctuation next to Chinese text")
    message = Text("中文中的半角“{char}”应为全角“{full}”", "half-width “{char}” in Chinese text: use “{full}”")
    basis = GBT_15834

    def check(self, report: Report):
        for scan in scan_lines(report):
            text = scan.line.text
            for match in re.finditer(r"[,;:?!()]", text):
                start, char = match.start(), match.group()
                if scan.is_protected(start):
                    continue
                left, right = neighbours(text, start, start + 1)
                if char == ":" and left.isdigit() and right.isdigit():
                    continue  # a time such as 9:30
                if is_cjk_context(left) or is_cjk_context(right) or (char in "()" and _cjk_inside(text, start)):
                    span = scan.line.sub_span(start, start + 1)
                    full = _HALF_TO_FULL[char]
                    yield self.diagnostic(span, fix=_replace(span, full), char=char, full=full)


def _cjk_inside(text: str, start: int) -> bool:
    """Whether the bracketed phrase that starts or ends at ``start`` holds Chinese text."""
    if text[start] == "(":
        end = text.find(")", start, start + 200)
        return end > 0 and bool(re.search(f"[{CJK}]", text[start:end]))
    begin = text.rfind("(", max(0, start - 200), start)  # a bracketed phrase is short
    return begin >= 0 and bool(re.search(f"[{CJK}]", text[begin:start]))


_PAIRS = {"“": "”", "《": "》", "（": "）", "【": "】", "‘": "’", "〈": "〉"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_PAIRED_MARK = re.compile("[" + "".join(_PAIRS) + "".join(_CLOSERS) + "]")


class UnbalancedMarks(Rule):
    """
    ## 作用
    检查成对的标点是否配对：“” 《》 （） 【】 ‘’。书名号内的〈〉可以嵌套。被断行的句子按一段检查。

    ## 原因
    GB/T 15834-2011 规定引号、书名号、括号成对使用；缺一半通常是复制时丢失或删改遗漏。

    ## 示例
    `学习《信访工作条例，推动`

    ## 改为
    `学习《信访工作条例》，推动`

    ## 选项
    无。

    ## 修复
    无自动修复：缺的一半应放在哪里需要起草人判断。
    """

    code = "T002"
    name = "unbalanced-marks"
    severity = "error"
    scope = "text"
    summary = Text("成对标点不配对", "unbalanced paired marks")
    message = Text("“{mark}”没有配对的“{other}”", "“{mark}” has no matching “{other}”")
    basis = GBT_15834

    def check(self, report: Report):
        groups = [[line] for line in report.title_lines] + list(logical_paragraphs(report))
        groups += [[TextLine(s.heading.title, s.heading.title_span)] for s in report.walk()]
        for group in groups:
            stack: list[tuple[str, object, int]] = []
            for line in group:
                for match in _PAIRED_MARK.finditer(line.text):
                    index, char = match.start(), match.group()
                    if char in _PAIRS:
                        stack.append((char, line, index))
                    elif char in _CLOSERS:
                        if stack and stack[-1][0] == _CLOSERS[char]:
                            stack.pop()
                        else:
                            yield self.diagnostic(line.sub_span(index, index + 1), mark=char, other=_CLOSERS[char])
            for char, line, index in stack:
                yield self.diagnostic(line.sub_span(index, index + 1), mark=char, other=_PAIRS[char])


_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9.@/_-])[A-Za-z]{2,}(?![A-Za-z0-9.@/_-])")


class LatinWord(Rule):
    """
    ## 作用
    检查夹在中文之间的小写英文单词，如“党的二十大精神 and 习近平法治思想”。缩略语（LED、APP、PPT、QQ、GDP）、
    首字母大写的专有名称（Office）和配置允许的词不报告。

    ## 原因
    公文应使用规范汉字；中文句子里的英文单词多是翻译或输入法切换遗留的错误。

    ## 示例
    `深入学习贯彻落实党的二十大精神 and 习近平法治思想`（种子报告 002）

    ## 改为
    `深入学习贯彻落实党的二十大精神和习近平法治思想`

    ## 选项
    （由声明的选项生成）

    ## 修复
    无自动修复：应换成哪个中文词需要起草人判断。
    """

    code = "T003"
    name = "latin-word"
    severity = "warning"
    scope = "text"
    summary = Text("中文中夹有英文单词", "Latin word inside Chinese prose")
    message = Text("中文句子中有英文单词“{word}”", "Latin word “{word}” inside Chinese prose")
    help = Text("换成中文；确属专有名词的，加入配置 [lint.T003] allow", "use Chinese, or add the term to "
                "[lint.T003] allow")
    options = (Option("allow", list, [], Text("允许的英文词（不区分大小写）", "Latin words to accept (any case)"),
                      legacy="latin-allow"),)

    def check(self, report: Report):
        allowed = {w.lower() for w in self.option("allow")}
        for scan in scan_lines(report):
            text = scan.line.text
            for match in _LATIN_WORD.finditer(text):
                word = match.group()
                # Acronyms (LED, APP) and proper names (Office) are terms; a lower-case word is prose.
                if not word.islower() or word.lower() in allowed or scan.is_protected(*match.span()):
                    continue
                left, right = neighbours(text, *match.span())
                if is_cjk(left) and is_cjk(right):
                    yield self.diagnostic(scan.line.sub_span(*match.span()), word=word)


_DEBRIS = re.compile(r"\*\*(?=\S)|(?<=\S)\*\*|^#{1,6}[ \t]+|`")


class MarkupDebris(Rule):
    """
    ## 作用
    检查纯文本中的 Markdown 残留：加粗的 `**`、行首的 `## `、反引号。Markdown 格式的输入不检查（那里是标记）。

    ## 原因
    从网页、聊天工具或 AI 工具复制的文字常带着标记符号，发布出去就是乱码一样的星号。

    ## 示例
    `**二是信访干部学法用法普法意识有待进一步强化。**`（种子报告 002）

    ## 改为
    `二是信访干部学法用法普法意识有待进一步强化。`

    ## 选项
    无。

    ## 修复
    安全的修复：删除标记符号，文字不变。
    """

    code = "T004"
    name = "markup-debris"
    severity = "warning"
    fix = "safe"
    scope = "text"
    summary = Text("纯文本中有 Markdown 标记残留", "markup debris in plain text")
    message = Text("标记符号“{mark}”是复制残留", "“{mark}” is markup debris")
    help = Text("删除标记符号", "remove the markup")

    def check(self, report: Report):
        if report.format == "markdown":
            return  # there it is markup, read as such by the Markdown reader
        for match, span in find(report, _DEBRIS):
            yield self.diagnostic(span, fix=_replace(span, ""), mark=match.group().strip())


class BrokenLine(Rule):
    """
    ## 作用
    检查被断成两行的句子：一段在句中断开（行末没有句号、分号、冒号等），下一段接着写。
    多见于从 PDF 复制、或分页处的换行。标题、报告标题、署名和日期不检查；下一段以“二是”等开始新一项的不算。

    ## 原因
    断行把一个词或一句话拆到两段里（“习近”/“平《论坚持……》”），排版后就是错字错句。

    ## 示例
    ```
    二是党员干部法治思维和依法办事
    能力还需提高。
    ```

    ## 改为
    `二是党员干部法治思维和依法办事能力还需提高。`

    ## 选项
    无。

    ## 修复
    安全的修复：删除两段之间的换行和空行，文字不变。
    """

    code = "T005"
    name = "broken-line"
    severity = "warning"
    fix = "safe"
    scope = "body"
    summary = Text("句子被断成两行", "sentence broken across lines")
    message = Text("句子在“{tail}”处断行，下一段“{head}”是它的后半句", "the sentence breaks after “{tail}”; "
                   "the next paragraph “{head}” continues it")
    help = Text("把两段接成一段", "join the two paragraphs")

    def check(self, report: Report):
        for first, second in broken_pairs(report):
            span = join_span(first, second)
            yield self.diagnostic(span, fix=_replace(span, ""), tail=first.text[-6:], head=second.text[:6])


_NUMBERISH = re.compile(r"[0-9０-９%％.．]")


class StraySpace(Rule):
    """
    ## 作用
    检查中文之间、中文与数字之间多余的空格（“2022 年”“为 100%”“落实 “第一议题” 制度”）。
    英文单词之间的空格、行首缩进不报告。

    ## 原因
    公文中汉字与数字之间不加空格。给中英文之间加空格是部分网络文案规范的做法，不适用于公文；
    这些空格多是 PDF 转换留下的。

    ## 示例
    `2022 年，省信访局`

    ## 改为
    `2022年，省信访局`

    ## 选项
    无。

    ## 修复
    安全的修复：只删除空格。
    """

    code = "T006"
    name = "stray-space"
    severity = "warning"
    fix = "safe"
    scope = "text"
    summary = Text("中文之间或中文与数字之间有多余空格", "stray space in Chinese text")
    message = Text("“{left}”和“{right}”之间有多余空格", "stray space between “{left}” and “{right}”")
    help = Text("删除空格", "remove the space")
    basis = GBT_9704

    def check(self, report: Report):
        for scan in scan_lines(report):
            if scan.table:
                continue  # spaces between cells align a table
            text = scan.line.text
            for match in BLANKS.finditer(text):
                start, end = match.span()
                if start == 0 or end == len(text) or scan.is_protected(start, end):
                    continue
                left, right = text[start - 1], text[end]
                chinese = (is_cjk_context(left) or is_cjk_context(right))
                number_or_chinese = all(is_cjk_context(c) or _NUMBERISH.match(c) for c in (left, right))
                if chinese and number_or_chinese:
                    span = scan.line.sub_span(start, end)
                    yield self.diagnostic(span, fix=_replace(span, ""), left=left, right=right)


_REPEATED = re.compile(r"([，、；：？！])\1+|(?<!。)。。(?!。)")


class RepeatedPunctuation(Rule):
    """
    ## 作用
    检查重复的标点“。。”“，，”“、、”。省略号“……”和破折号“——”不报告；三个以上句号由 T012 报告。

    ## 原因
    GB/T 15834-2011 中这些标点不叠用；重复多是删改时遗留的。

    ## 示例
    `取得积极成效。。`

    ## 改为
    `取得积极成效。`

    ## 选项
    无。

    ## 修复
    安全的修复：保留一个标点。
    """

    code = "T007"
    name = "repeated-punctuation"
    severity = "warning"
    fix = "safe"
    scope = "text"
    summary = Text("标点重复", "repeated punctuation")
    message = Text("标点“{text}”重复", "repeated punctuation “{text}”")
    basis = GBT_15834

    def check(self, report: Report):
        for match, span in find(report, _REPEATED):
            yield self.diagnostic(span, fix=_replace(span, match.group()[0]), text=match.group())


_EMPTY_ABBREVIATION = re.compile(r"[（(]\s*以下简称\s*[：:]?\s*[）)]")


class EmptyAbbreviation(Rule):
    """
    ## 作用
    检查没有写出简称的“（以下简称）”。“（以下简称《条例》）”不报告。

    ## 原因
    “以下简称”后面必须给出简称，否则后文用的简称没有来由。

    ## 示例
    `推动《信访工作条例》（以下简称）进乡村`（种子报告 000）

    ## 改为
    `推动《信访工作条例》（以下简称《条例》）进乡村`

    ## 选项
    无。

    ## 修复
    无自动修复：简称需要起草人给出。
    """

    code = "T008"
    name = "empty-abbreviation"
    severity = "warning"
    scope = "text"
    summary = Text("“以下简称”没有写出简称", "empty “（以下简称）”")
    message = Text("“{text}”没有写出简称", "“{text}” gives no short name")
    help = Text("写出简称，如“（以下简称《条例》）”", "give the short name, e.g. “（以下简称《条例》）”")

    def check(self, report: Report):
        for match, span in find(report, _EMPTY_ABBREVIATION):
            yield self.diagnostic(span, text=match.group())


_VALUE_RANGE = re.compile(r"(?<![\d.~\-])(\d+(?:\.\d+)?)(\s*~\s*)(\d+(?:\.\d+)?)(?![\d.])(?!\s*[%％])")


class RangeDash(Rule):
    """
    ## 作用
    检查范围的连接号：年份范围用一字线“—”（“2021-2025年”改为“2021—2025年”），数值范围用浪纹线“～”
    （“5~10”改为“5～10”）。表格中的日期（2025-03-01）、电话号码、文件编号、标准编号不报告；百分数范围由 P006 报告。

    ## 原因
    GB/T 15834-2011 第4.13条：标示时间、地域的起止用一字线，标示数值范围用浪纹线。

    ## 示例
    `《法治鹤城建设规划 (2021-2025 年)》`（种子报告 004）

    ## 改为
    `《法治鹤城建设规划（2021—2025年）》`

    ## 选项
    无。

    ## 修复
    安全的修复：只换连接号。
    """

    code = "T009"
    name = "range-dash"
    severity = "warning"
    fix = "safe"
    scope = "text"
    summary = Text("范围的连接号不规范", "range written with “-” or “~”")
    message = Text("“{text}”应写作“{standard}”", "write “{text}” as “{standard}”")
    basis = GBT_15834

    def check(self, report: Report):
        for scan in scan_lines(report):
            text = scan.line.text
            for pattern, dash in ((YEAR_RANGE_DASHED, "—"), (_VALUE_RANGE, "～")):
                for match in pattern.finditer(text):
                    if match.group(2) == dash or scan.is_protected(*match.span()):
                        continue
                    span = scan.line.sub_span(match.start(2), match.end(2))
                    yield self.diagnostic(span, fix=_replace(span, dash), text=match.group(),
                                          standard=match.group(1) + dash + match.group(3))


# 、 between two items that are wholly in 书名号 or 引号: the item after it must end at its
# closing mark ("《条例》实施纪念日" is a longer item, and there the 顿号 is right).
_ENUMERATION_COMMA = re.compile(r"(?<=[》”])、(?=《[^》]*》(?:[、，。；：！？）)》”等和及与或以]|$)|“[^”]*”(?:[、，。；：！？）)》”等和及与或以]|$))")


class CommaBetweenTitles(Rule):
    """
    ## 作用
    检查相邻的书名号或引号之间的顿号：“《宪法》、《民法典》”改为“《宪法》《民法典》”。
    中间有括注的（“《条例》（2022年）、《办法》”）不报告。

    ## 原因
    GB/T 15834-2011 第4.5.3.5条：标有引号或书名号的并列成分之间通常不用顿号。

    ## 示例
    `对《信访工作条例》、《治安管理处罚法》、《民法典》等`（种子报告 001）

    ## 改为
    `对《信访工作条例》《治安管理处罚法》《民法典》等`

    ## 选项
    无。

    ## 修复
    安全的修复：删除顿号。
    """

    code = "T010"
    name = "comma-between-titles"
    severity = "info"
    fix = "safe"
    scope = "text"
    summary = Text("书名号或引号之间用了顿号", "顿号 between adjacent 书名号 or 引号 items")
    message = Text("相邻的书名号或引号之间不用顿号", "no 顿号 between adjacent 书名号 or 引号 items")
    basis = GBT_15834

    def check(self, report: Report):
        for _, span in find(report, _ENUMERATION_COMMA):
            yield self.diagnostic(span, fix=_replace(span, ""))


_FULL_WIDTH = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")


class FullWidthAlphanumerics(Rule):
    """
    ## 作用
    检查全角的数字和英文字母（２０２３、ＡＰＰ），改为半角。

    ## 原因
    GB/T 15835-2011 规定阿拉伯数字使用半角形式；全角数字会让检索、统计和自动核对失效。

    ## 示例
    `２０２３年共办理案件１２０件`

    ## 改为
    `2023年共办理案件120件`

    ## 选项
    无。

    ## 修复
    安全的修复：换成对应的半角字符，数值不变。
    """

    code = "T011"
    name = "full-width-alphanumerics"
    severity = "info"
    fix = "safe"
    scope = "text"
    summary = Text("全角数字或字母", "full-width digits or Latin letters")
    message = Text("“{text}”应使用半角“{half}”", "write “{text}” with half-width characters: “{half}”")
    basis = GBT_15835

    def check(self, report: Report):
        for match, span in find(report, _FULL_WIDTH):
            half = "".join(chr(ord(c) - 0xFEE0) for c in match.group())
            yield self.diagnostic(span, fix=_replace(span, half), text=match.group(), half=half)


_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|(?<!…)…(?!…)|……等")


class EllipsisForm(Rule):
    """
    ## 作用
    检查省略号的写法：用“...”“。。。”或单个“…”代替“……”，以及“……等”连用。

    ## 原因
    GB/T 15834-2011 规定省略号为六个点“……”，占两个字的位置；省略号和“等”意思重复，不连用。

    ## 示例
    `开展宣传、培训、评查...` / `开展宣传、培训……等工作`

    ## 改为
    `开展宣传、培训、评查……` / `开展宣传、培训等工作`

    ## 选项
    无。

    ## 修复
    无自动修复：“……等”删哪一个需要判断。
    """

    code = "T012"
    name = "ellipsis-form"
    severity = "warning"
    scope = "text"
    summary = Text("省略号写法不规范", "ellipsis written wrongly")
    message = Text("“{text}”：{what}", "“{text}”: {what_en}")
    basis = GBT_15834

    def check(self, report: Report):
        for match, span in find(report, _ELLIPSIS):
            text = match.group()
            if text.endswith("等"):
                what, what_en = "省略号和“等”不连用", "do not follow an ellipsis with 等"
            else:
                what, what_en = "省略号应写作“……”", "write the ellipsis as “……”"
            yield self.diagnostic(span, text=text, what=what, what_en=what_en)


@hookimpl
def relint_rules():
    return [HalfWidthPunctuation, UnbalancedMarks, LatinWord, MarkupDebris, BrokenLine, StraySpace,
            RepeatedPunctuation, EmptyAbbreviation, RangeDash, CommaBetweenTitles, FullWidthAlphanumerics,
            EllipsisForm]
