"""Typography rules (T): what Word, WPS and PDF copies leave behind, judged by GB/T 15834
(punctuation), GB/T 15835 (numbers) and 公文 practice — not by copywriting style guides,
which add the spaces official documents leave out."""

from __future__ import annotations

import re
from functools import lru_cache
from string import ascii_letters

from linter.rules.basis import GBT_9704, GBT_15834, GBT_15835
from linter.rules.textscan import (
    CJK,
    broken_pairs,
    cut_off,
    find,
    holding,
    is_cjk,
    is_cjk_context,
    join_span,
    logical_paragraphs,
    neighbours,
    short,
)

from linter import hookimpl
from linter.model import Report, TextLine
from linter.regex import lazy
from linter.rule import Edit, Fix, Option, Rule, Text
from linter.vocabulary import (
    BLANK,
    BLANKS,
    CN_DIGITS,
    PHRASE_GAP,
    PLACEHOLDER,
    QUOTED,
    RANGE_DASHES,
    SPACE_KEPT_BETWEEN,
    SPACE_KEPT_OPENING,
    YEAR_NEEDLES,
    YEAR_RANGE_DASHED,
    YEAR_RANGE_UNDASHED_GATED,
)

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_WIDTH = lazy("[" + re.escape("".join(_HALF_TO_FULL)) + "]")


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
    安全的修复：只把半角标点换成对应的全角标点。括号只成对转换（两半一起）；没有半角另一半的括号
    只报告不修复：单独转换一半会造成新的 T002 不配对。
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
        for scan in holding(report, _HALF_TO_FULL):
            text = scan.line.text
            pairs = None  # paired only in a line with a half-width bracket
            for match in _HALF_WIDTH.finditer(text):
                start, char = match.start(), match.group()
                if scan.is_protected(start):
                    continue
                left, right = neighbours(text, start, start + 1)
                if char == ":" and left.isdigit() and right.isdigit():
                    continue  # a time such as 9:30
                span = scan.line.sub_span(start, start + 1)
                full = _HALF_TO_FULL[char]
                if char not in "()":
                    if is_cjk_context(left) or is_cjk_context(right):
                        yield self.diagnostic(span, fix=Fix.replacing(span, full), char=char, full=full)
                    continue
                pairs = _bracket_pairs(scan) if pairs is None else pairs
                pair = pairs.get(start)
                if pair is None:  # a lone half: converting it alone would make a T002 error
                    if is_cjk_context(left) or is_cjk_context(right) or _cjk_inside(text, start):
                        yield self.diagnostic(span, char=char, full=full)
                elif _pair_in_chinese(text, *pair):
                    yield self.diagnostic(span, fix=_pair_fix(scan, *pair), char=char, full=full)


def _bracket_pairs(scan) -> dict[int, tuple[int, int]]:
    """The half-width bracket pairs of a line that may be converted, by the index of either
    half. T002 reads only full-width marks; a pair is converted only when the marks it encloses
    are balanced as T002 reads them now, so the converted pair wraps balanced text and can
    neither be left half unmatched nor take the half of another pair (“（(）”, “《依(法》)”);
    and not after a closer that met an open “（” it does not close: T002 reads such a closer
    by whether a “）” follows, so a new “）” after “（》” would turn one finding into two."""
    text = scan.line.text
    marks: list[str] = []  # full-width opening marks not yet closed, as T002 reads them
    opened: list[list[int]] = []  # per open "(": index, len(marks) and unmatched then, lowest len(marks) since
    unmatched, pairs = 0, {}
    after_open_bracket = 0  # unmatched closers met while "（" was the innermost open mark
    for match in re.finditer(f"[()]|{_PAIRED_MARK.pattern}", text):
        index, char = match.start(), match.group()
        if char in "()":
            if scan.is_protected(index):
                continue
            if char == "(":
                opened.append([index, len(marks), unmatched, len(marks), after_open_bracket])
            elif opened:
                opening, depth, before, lowest, ambiguous = opened.pop()
                if lowest >= depth == len(marks) and before == unmatched and not ambiguous:
                    pairs[opening] = pairs[index] = (opening, index)
                if opened:
                    opened[-1][3] = min(opened[-1][3], lowest)
        elif char in _PAIRS:
            marks.append(char)
        elif marks and marks[-1] in (_CLOSERS.get(char), _LOOK_ALIKE_CLOSERS.get(char)):
            marks.pop()  # as T002 reads it: “…〞 is one (mismatched) pair, judged without looking ahead
            if opened:
                opened[-1][3] = min(opened[-1][3], len(marks))
        else:
            unmatched += 1
            after_open_bracket += bool(marks) and marks[-1] == "（"
    return pairs


def _pair_in_chinese(text: str, opening: int, closing: int) -> bool:
    """Whether a bracket pair stands in Chinese text: Chinese beside either half or inside."""
    beside = neighbours(text, opening, opening + 1) + neighbours(text, closing, closing + 1)
    return any(is_cjk_context(c) for c in beside) or bool(re.search(f"[{CJK}]", text[opening + 1:closing]))


def _pair_fix(scan, opening: int, closing: int) -> Fix:
    """Both halves of a pair in one fix: brackets are converted in pairs only."""
    return Fix("safe", (Edit(scan.line.sub_span(opening, opening + 1), "（"),
                        Edit(scan.line.sub_span(closing, closing + 1), "）")))


def _cjk_inside(text: str, start: int) -> bool:
    """Whether the bracketed phrase that starts or ends at ``start`` holds Chinese text."""
    if text[start] == "(":
        end = text.find(")", start, start + 200)
        return end > 0 and bool(re.search(f"[{CJK}]", text[start:end]))
    begin = text.rfind("(", max(0, start - 200), start)  # a bracketed phrase is short
    return begin >= 0 and bool(re.search(f"[{CJK}]", text[begin:start]))


_PAIRS = {"“": "”", "《": "》", "（": "）", "【": "】", "‘": "’", "〈": "〉", "〔": "〕", "［": "］"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_BRACKETS = {k: v for k, v in _PAIRS.items() if k not in "“‘"}
#: Closing marks a converter substitutes for the right one (“…〞): they close nothing.
_LOOK_ALIKE_CLOSERS = {"〞": "“"}  # closer → the opener it was meant to close
_PAIRED_MARK = lazy("[" + "".join(_PAIRS) + "".join(_CLOSERS) + "".join(_LOOK_ALIKE_CLOSERS) + "]")


def _nested(lines: list[TextLine]) -> bool:
    """Whether every closing mark in ``lines`` closes the innermost open mark and none is
    left open: T002 finds nothing there."""
    stack: list[str] = []
    for line in lines:
        for char in _PAIRED_MARK.findall(line.text):
            if char in _PAIRS:
                stack.append(char)
            elif stack and stack[-1] == _CLOSERS.get(char):
                stack.pop()
            else:
                return False
    return not stack


#: "1）" "二）" opening an item of a list (at the start, after a blank or a clause mark): it
#: has no opening bracket by design ("工作有三项：1）完善制度；2）加强执法").
_LIST_ITEM_MARK = lazy(rf"(?:^|(?<=[\s。；;，,：:、！？!?]))(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}})）")


class UnbalancedMarks(Rule):
    """
    ## 作用
    检查成对的标点是否配对：“” 《》 （） 【】 ‘’ 〔〕 ［］。书名号内的〈〉可以嵌套。被断行的句子按一段检查。
    开口和收口不是一对的（“（……》”“〔2021］”““……〞”）报告一次，并说明应由哪个标点收口；
    文号的“〔”缺了“〕”（“国发〔2021 12号”）、数字后多出的收口括号（“规划2025年）》”）都报告。
    列表序号“1）”“2）”本来没有开口括号，不报告。
    文字在引号或书名号中被截断（全文最后一行停在句中）时，未闭合的一半不报告。

    ## 原因
    GB/T 15834-2011 规定引号、书名号、括号成对使用；缺一半或收口用错通常是复制时丢失或删改遗漏。

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
    mismatch = Text("“{mark}”以“{closer}”收口，两者不是一对，应为“{other}”",
                    "“{mark}” is closed by “{closer}”, which is not its pair: use “{other}”")
    basis = GBT_15834

    def check(self, report: Report):
        groups = [[line] for line in report.title_lines] + list(logical_paragraphs(report))
        groups += [[TextLine(s.heading.title, s.heading.title_span)] for s in report.walk()]
        cut = cut_off(report)
        for group in groups:
            if _nested(group):
                continue  # most paragraphs: told from their marks alone, without placing each
            stack: list[tuple[str, TextLine, int]] = []
            for line in group:
                list_marks = {m.end() - 1 for m in _LIST_ITEM_MARK.finditer(line.text)} if "）" in line.text else ()
                for match in _PAIRED_MARK.finditer(line.text):
                    char = match.group()
                    if char in _PAIRS:
                        stack.append((char, line, match.start()))
                    elif stack and stack[-1][0] == _CLOSERS.get(char):
                        stack.pop()  # it closes the innermost open mark, as most do
                    else:
                        yield from self._closer(stack, line, match.start(), char, list_marks)
            if cut is not None and any(line.span.line == cut.span.line for line in group):
                continue  # the text is cut off inside the quotation or title: its end is not lost
            for char, line, index in stack:
                yield self._unpaired(line, index, char, _PAIRS[char])

    def _closer(self, stack: list, line: TextLine, index: int, char: str, list_marks):
        """A closing mark that does not close the innermost open mark."""
        if char in _LOOK_ALIKE_CLOSERS:  # “…〞: the converter's stand-in for the closing mark
            if stack and stack[-1][0] == _LOOK_ALIKE_CLOSERS[char]:
                yield self._mismatched(stack.pop(), char)
            return
        opener = _CLOSERS[char]
        if index in list_marks and not any(open_char == "（" for open_char, _, _ in stack):
            return  # a list item's mark "1）"
        depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == opener), None)
        if depth is not None:  # it closes an outer mark: those inside it were left open
            for open_char, open_line, open_index in stack[depth + 1:]:
                yield self._unpaired(open_line, open_index, open_char, _PAIRS[open_char])
            del stack[depth:]
        elif (stack and stack[-1][0] in _BRACKETS and char in _BRACKETS.values()
              and _PAIRS[stack[-1][0]] not in line.text[index + 1:]):
            # a bracket closed by a bracket of another pair ("（……》"), not a stray closing mark
            # before its own ("《规划2025年）》"): one finding, at the opening mark
            yield self._mismatched(stack.pop(), char)
        else:
            yield self._unpaired(line, index, char, opener)

    def _mismatched(self, opened: tuple[str, TextLine, int], closer: str):
        char, line, index = opened
        return self.diagnostic(line.sub_span(index, index + 1), message=self.mismatch, mark=char, closer=closer,
                               other=_PAIRS[char])

    def _unpaired(self, line: TextLine, index: int, mark: str, other: str):
        return self.diagnostic(line.sub_span(index, index + 1), mark=mark, other=other)


_LATIN_WORD = lazy(r"(?<![A-Za-z0-9.@/_-])[A-Za-z]{2,}(?![A-Za-z0-9.@/_-])")


class LatinWord(Rule):
    """
    ## 作用
    检查夹在中文之间的小写英文单词，如“党的二十大精神 and 习近平法治思想”。缩略语（LED、APP、PPT、QQ、GDP）、
    首字母大写的专有名称（Office）、模板占位符（20xx年、xx县）和配置允许的词不报告。

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
        for scan in holding(report, ascii_letters):
            text = scan.line.text
            for match in _LATIN_WORD.finditer(text):
                word = match.group()
                # Acronyms (LED, APP) and proper names (Office) are terms; a lower-case word is prose,
                # unless it is a template's placeholder (xx县, 20xx年).
                if not word.islower() or word.lower() in allowed or PLACEHOLDER.fullmatch(word) \
                        or scan.is_protected(*match.span()):
                    continue
                left, right = neighbours(text, *match.span())
                if is_cjk(left) and is_cjk(right):
                    yield self.diagnostic(scan.line.sub_span(*match.span()), word=word)


_DEBRIS = lazy(r"\*\*(?=\S)|(?<=\S)\*\*|^#{1,6}[ \t]+|`")
#: what every match of _DEBRIS holds (see textscan.holding)
_DEBRIS_NEEDLES = ("**", "#", "`")


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
        for match, span in find(report, _DEBRIS, _DEBRIS_NEEDLES):
            yield self.diagnostic(span, fix=Fix.replacing(span, ""), mark=match.group().strip())


class BrokenLine(Rule):
    """
    ## 作用
    检查被断成两行的句子：一段在句中断开（行末没有句号、分号、冒号等），下一段接着写。
    多见于从 PDF 复制、或分页处的换行。标题（含分两行排的标题、标题下的发文机关和日期）、署名和日期、
    网页的版面文字（字段、导航、二维码提示等，见 W001）不检查；下一段以“二是”等开始新一项的不算。

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
    安全的修复：删除两段之间的换行和空行，文字不变。前一段不到 6 个字时不自动修复（一列短行是版式，
    不是被页宽断开的句子）。
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
            # a line the page width broke is long; a column of short lines (one character
            # each, 100,000 of them) is a layout the fix would flatten into one line
            fix = Fix.replacing(span, "") if len(first.text.strip()) >= _BROKEN_LINE_MIN else None
            yield self.diagnostic(span, fix=fix, tail=first.text[-6:], head=second.text[:6])


#: The fewest characters of a line a safe fix joins to the next.
_BROKEN_LINE_MIN = 6


_NUMBERISH = lazy(r"[0-9０-９%％.．]")


class StraySpace(Rule):
    """
    ## 作用
    检查中文之间、中文与数字之间多余的空格（“2022 年”“为 100%”“落实 “第一议题” 制度”）。
    英文单词之间的空格、行首缩进、表格和标题上下的署名行不报告；该有的空格也不报告：两个联合发文机关之间
    （中共中央办公厅 国务院办公厅）、文号与“签发人”之间、职务与姓名之间（记者 吕霞）、新闻电头
    （本报讯 日前）、“第二章 总则”，以及引号、书名号里分开口号或标题各短语的空格。

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
        for scan in holding(report, BLANK):
            if scan.table or scan.front:
                continue  # spaces between cells align a table, and separate the fields of a byline
            text = scan.line.text
            kept = {}  # by whether a space stands between Chinese characters: looked for once needed
            for match in BLANKS.finditer(text):
                start, end = match.span()
                if start == 0 or end == len(text):
                    continue
                left, right = text[start - 1], text[end]
                chinese = is_cjk_context(left) or is_cjk_context(right)
                if not (chinese and _chinese_or_number(left) and _chinese_or_number(right)):
                    continue  # what the space stands between is tested first: it is the cheapest test
                if scan.is_protected(start, end):
                    continue
                between = is_cjk(left) and is_cjk(right)
                if between not in kept:
                    kept[between] = _spaces_kept(text, between)
                if any(a <= start and end <= b for a, b in kept[between]):
                    continue
                span = scan.line.sub_span(start, end)
                yield self.diagnostic(span, fix=Fix.replacing(span, ""), left=left, right=right)


@lru_cache(maxsize=4096)  # asked twice of nearly every space, of a few hundred characters (as is_cjk_context)
def _chinese_or_number(char: str) -> bool:
    return is_cjk_context(char) or bool(_NUMBERISH.match(char))


def _spaces_kept(text: str, between: bool) -> list[tuple[int, int]]:
    """Where spaces in ``text`` belong: after what opens a line (SPACE_KEPT_OPENING: a
    dateline, a chapter number); with ``between``, also between two Chinese characters, the
    only place the others stand (SPACE_KEPT_BETWEEN: joint issuers, a signer, a byline; the
    phrases of a quoted slogan or a document's name). Most stray spaces stand by a digit
    (“2022 年”): the line is then not scanned for the others."""
    kept = [m.span() for pattern in SPACE_KEPT_OPENING for m in pattern.finditer(text)]
    if between:
        kept += [m.span() for pattern in SPACE_KEPT_BETWEEN for m in pattern.finditer(text)]
        for quoted in QUOTED.finditer(text):
            kept += [(quoted.start() + m.start(), quoted.start() + m.end())
                     for m in PHRASE_GAP.finditer(quoted.group())]
    return kept


_REPEATABLE = "，、；：？！"
_REPEATED = lazy(rf"([{_REPEATABLE}])\1+|(?<!。)。。(?!。)")
_REPEATED_NEEDLES = tuple(mark * 2 for mark in _REPEATABLE + "。")


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
        for match, span in find(report, _REPEATED, _REPEATED_NEEDLES):
            yield self.diagnostic(span, fix=Fix.replacing(span, match.group()[0]), text=match.group())


_ABBREVIATION_WORD = "以下简称"
_EMPTY_ABBREVIATION = lazy(rf"[（(]\s*{_ABBREVIATION_WORD}\s*[：:]?\s*[）)]")


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
        for match, span in find(report, _EMPTY_ABBREVIATION, (_ABBREVIATION_WORD,)):
            yield self.diagnostic(span, text=match.group())


#: A range of values written with "~" (one of RANGE_DASHES).
_VALUE_RANGE = lazy(r"(?<![\d.~\-])(\d+(?:\.\d+)?)(\s*~\s*)(\d+(?:\.\d+)?)(?![\d.])(?!\s*[%％])")


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
        for scan in holding(report, RANGE_DASHES):  # both patterns match a range dash
            text = scan.line.text
            dashed = list(YEAR_RANGE_DASHED.finditer(text))
            years = {match.start() for match in dashed}
            for matches, dash in ((dashed, "—"), (_VALUE_RANGE.finditer(text), "～")):
                for match in matches:
                    if match.group(2) == dash or scan.is_protected(*match.span()):
                        continue
                    if dash == "～" and match.start() in years:
                        continue  # "2021~2025年" is a range of years: it takes the dash
                    span = scan.line.sub_span(match.start(2), match.end(2))
                    yield self.diagnostic(span, fix=Fix.replacing(span, dash), text=match.group(),
                                          standard=match.group(1) + dash + match.group(3))


class YearRangeWithoutDash(Rule):
    """
    ## 作用
    检查两个年份之间缺了连接号的年份范围：两个年份连在一起（“纲要(20212025年)”），或用数字“一”代替一字线
    （“2021一2025年”）。只在后面是“年”“期间”或收口括号、且后一年份晚于前一年份（相差不超过30年）时报告，
    所以长编号、金额不会被误报。写错连接号的（“2021-2025年”）由 T009 报告。

    ## 原因
    GB/T 15834-2011 第4.13条：标示时间的起止用一字线“—”（也可用“～”或“至”）；缺了连接号，两个年份就读成了一个八位数。

    ## 示例
    `《静海区法治政府建设实施纲要(20212025年)》`

    ## 改为
    `《静海区法治政府建设实施纲要(2021—2025年)》`

    ## 选项
    无。

    ## 修复
    两个年份连在一起的：安全的修复，在中间加一字线（不改任何数字）。用“一”代替的：不安全的修复
    （`--unsafe-fixes`），把“一”换成“—”（改动了一个汉字，需核对）。
    """

    code = "T013"
    name = "year-range-without-dash"
    severity = "warning"
    fix = "safe"
    scope = "text"
    summary = Text("年份范围缺连接号", "year range without a dash")
    message = Text("年份范围“{text}”缺连接号，应写作“{standard}”", "the year range “{text}” has no dash: write “{standard}”")
    basis = GBT_15834

    def check(self, report: Report):
        for scan in holding(report, YEAR_NEEDLES):
            for match in YEAR_RANGE_UNDASHED_GATED.finditer(scan.line.text):  # most lines: not scanned
                start, end = int(match.group("start")), int(match.group("end"))
                if not 0 < end - start <= 30 or scan.is_protected(*match.span()):
                    continue
                sep = scan.line.sub_span(*match.span("sep"))
                fix = Fix.replacing(sep, "—", "unsafe" if match.group("sep") else "safe")
                yield self.diagnostic(scan.line.sub_span(*match.span()), fix=fix, text=match.group(),
                                      standard=f"{start}—{end}")


#: A document's name in 书名号, and the half-width marks that stand for 〈〉 inside it.
_TITLE_IN_MARKS = lazy(r"《[^《》\n]*》")
_ANGLE_OR_PAREN = lazy(r"[<>()（）]")


class HalfWidthAngleMarks(Rule):
    """
    ## 作用
    检查书名号内用半角的“<”“>”代替单书名号“〈〉”的写法（“《贯彻落实<法治政府建设实施纲要>重要举措实施方案》”），
    也包括用“(”开口、“>”收口的（“《国务院印发(法治政府建设实施纲要>的通知》”）。书名号外的“<”“>”
    （数学式、网址）不检查。

    ## 原因
    GB/T 15834-2011 第4.15条：书名号中还要用书名号时，里面一层用单书名号“〈〉”；半角的大于号、小于号不是标点符号。

    ## 示例
    `《潼关县贯彻落实<法治政府建设实施纲要(2021—2025年)工作方案>》`

    ## 改为
    `《潼关县贯彻落实〈法治政府建设实施纲要(2021—2025年)工作方案〉》`

    ## 选项
    无。

    ## 修复
    “<……>”成对的：安全的修复，只换成“〈〉”。用“(”开口的：不安全的修复，把“(”和“>”换成“〈〉”。
    """

    code = "T014"
    name = "half-width-angle-marks"
    severity = "warning"
    fix = "safe"
    scope = "text"
    summary = Text("书名号内用“<>”代替单书名号", "“<>” for single title marks inside 《》")
    message = Text("书名号内的“{text}”应使用单书名号“〈〉”", "inside 《》 write “{text}” with single title marks “〈〉”")
    basis = GBT_15834

    def check(self, report: Report):
        for scan in holding(report, "<>"):  # a title is looked at only when it holds "<" or ">"
            for title in _TITLE_IN_MARKS.finditer(scan.line.text):
                if "<" in title.group() or ">" in title.group():
                    yield from self._title(scan, title)

    def _title(self, scan, title: re.Match):
        opened: list[re.Match] = []  # openers (<, (, （) not yet closed
        for mark in _ANGLE_OR_PAREN.finditer(scan.line.text, title.start(), title.end()):
            char = mark.group()
            if char in "<(（":
                opened.append(mark)
            elif char in ")）":
                if opened and opened[-1].group() != "<":
                    opened.pop()
            elif char == ">" and opened:
                opener = opened.pop()
                while opened and opener.group() != "<" and any(m.group() == "<" for m in opened):
                    opener = opened.pop()  # skip brackets left open inside <…>
                safety = "safe" if opener.group() == "<" else "unsafe"
                edits = (Edit(scan.line.sub_span(*opener.span()), "〈"), Edit(scan.line.sub_span(*mark.span()), "〉"))
                yield self.diagnostic(scan.line.sub_span(opener.start(), mark.end()), fix=Fix(safety, edits),
                                      text=short(scan.line.text[opener.start():mark.end()]))
        for mark in opened:
            if mark.group() == "<":
                yield self.diagnostic(scan.line.sub_span(*mark.span()), text="<")


# 、 between two items that are wholly in 书名号 or 引号: the item after it must end at its
# closing mark ("《条例》实施纪念日" is a longer item, and there the 顿号 is right).
_ENUMERATION_COMMA = lazy(r"(?<=[》”])、(?=《[^》]*》(?:[、，。；：！？）)》”等和及与或以]|$)|“[^”]*”(?:[、，。；：！？）)》”等和及与或以]|$))")
#: the 顿号 with the marks around it that every match of _ENUMERATION_COMMA stands between
_ENUMERATION_NEEDLES = tuple(f"{closer}、{opener}" for closer in "》”" for opener in "《“")


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
        for _, span in find(report, _ENUMERATION_COMMA, _ENUMERATION_NEEDLES):
            yield self.diagnostic(span, fix=Fix.replacing(span, ""))


_FULL_WIDTH_CHARACTERS = "".join(map(chr, [*range(ord("０"), ord("９") + 1), *range(ord("Ａ"), ord("Ｚ") + 1),
                                           *range(ord("ａ"), ord("ｚ") + 1)]))
_FULL_WIDTH = lazy(f"[{_FULL_WIDTH_CHARACTERS}]+")


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
        for match, span in find(report, _FULL_WIDTH, _FULL_WIDTH_CHARACTERS):
            half = "".join(chr(ord(c) - 0xFEE0) for c in match.group())
            yield self.diagnostic(span, fix=Fix.replacing(span, half), text=match.group(), half=half)


_ELLIPSIS = lazy(r"\.{3,}|。{3,}|(?<!…)…(?!…)|……等")
_ELLIPSIS_NEEDLES = ("...", "。。。", "…")


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
        for match, span in find(report, _ELLIPSIS, _ELLIPSIS_NEEDLES):
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
            EllipsisForm, YearRangeWithoutDash, HalfWidthAngleMarks]
