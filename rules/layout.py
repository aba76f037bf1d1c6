"""Layout rules (L): GB/T 9704-2012 on Word files — paper and margins, fonts and sizes,
line spacing, indents, page numbers and the place of the date line.

They read the report's layout (the effective formatting the .docx reader resolved) and
stay silent on inputs that have none. The expected values and tolerances are one data
table, ``data/layout.toml``. A formatting that is wrong in many paragraphs is reported once
per wrong value, on its first paragraph, with the number of paragraphs.
"""

from __future__ import annotations

from functools import lru_cache

from linter.rules.basis import GBT_9704

from linter import hookimpl
from linter.model import Report, Span, TextLine
from linter.rule import Option, Rule, Text
from linter.tomlio import load_package_data

_ALIGN = {"center": "居中", "both": "两端对齐", "left": "左对齐", "start": "左对齐", "right": "右对齐",
          "end": "右对齐", "distribute": "分散对齐", None: "左对齐"}


@lru_cache(maxsize=1)
def spec() -> dict:
    return load_package_data("linter.rules", "data/layout.toml")


def _fits(font: str | None, names) -> bool:
    return font is None or any(name in font for name in names)


def _near(value: float | None, expected: float, tolerance: float) -> bool:
    return value is None or abs(value - expected) <= tolerance + 1e-9


def _number(value: float) -> str:
    return f"{value:g}"


def body_paragraphs(report: Report) -> list[TextLine]:
    """The body paragraphs that are running text (not table cells)."""
    paragraphs = list(report.preamble) + [p for top in report.sections for s in top.walk() for p in s.paragraphs]
    layout = report.layout
    return [p for p in paragraphs if p.text.strip() and not layout.paragraph(p.span.line).in_table]


def whole_document(report: Report) -> Span:
    """Where a finding about the whole file stands: the title, else the first line."""
    if report.title_lines:
        return report.title_lines[0].span
    return Span.on_line(1, 1, report.shape.length(1) if len(report.shape) else 0)


_TYPES = {float: float, int: float, list: list, str: str}


def table_options(table: str, docs: dict[str, tuple[str, str]]) -> tuple[Option, ...]:
    """The values of one table of ``data/layout.toml`` as a rule's options (a province's own
    template sets them in ``[tool.relint.lint.<CODE>]``), defaults from the data file."""
    values = spec()[table]
    return tuple(Option(key, _TYPES[type(values[key])], values[key], Text(*doc)) for key, doc in docs.items())


class LayoutRule(Rule):
    """What the layout rules share: they apply to .docx reports only, and read the expected
    values through their options."""

    scope = "layout"
    basis = GBT_9704

    def expected(self) -> dict:
        """The rule's expected values: each option as the user set it, else the data file's."""
        return {option.name: self.option(option.name) for option in self.options}

    def check(self, report: Report):
        if report.layout is None:
            return ()
        return self.check_layout(report)

    def check_layout(self, report: Report):
        raise NotImplementedError

    def grouped(self, wrong: list[tuple[object, TextLine]], **values):
        """One diagnostic per wrong value, on its first paragraph, with the count."""
        groups: dict[object, list[TextLine]] = {}
        for key, line in wrong:
            groups.setdefault(key, []).append(line)
        for key, lines in groups.items():
            yield self.diagnostic(lines[0].span, count=len(lines), **dict(key), **values)


class PageSetup(LayoutRule):
    """
    ## 作用
    检查纸张和页边距：A4（210 mm × 297 mm），上 37 mm、下 35 mm、左 28 mm、右 26 mm，允许 ±1 mm。

    ## 原因
    GB/T 9704-2012 第 5.2 条规定公文用纸为 A4，天头 37 mm±1 mm，订口 28 mm±1 mm，
    版心 156 mm × 225 mm；Word 默认的页边距（上下 25.4 mm、左右 31.8 mm）与之不符。

    ## 示例
    页面设置为 Letter 纸，页边距上下 2.54 cm、左右 3.18 cm。

    ## 改为
    A4 纸，上 3.7 cm、下 3.5 cm、左 2.8 cm、右 2.6 cm。

    ## 选项
    数值默认取自 `rules/data/layout.toml`；省级模板不同的，在配置中改：
    （由声明的选项生成）

    ## 修复
    无自动修复：在“布局 → 页面设置”中修改。
    """

    code = "L001"
    name = "page-setup"
    severity = "warning"
    summary = Text("纸张或页边距不符合公文格式", "paper size or margins off the standard")
    message = Text("页面设置不符合公文格式：{what}", "page setup off the standard: {what_en}")
    help = Text("纸张用 A4，页边距上 37 mm、下 35 mm、左 28 mm、右 26 mm", "use A4 with margins 37/35/28/26 mm")

    _SIDES = (("width", "纸宽", "width"), ("height", "纸高", "height"), ("top", "上边距", "top"),
              ("bottom", "下边距", "bottom"), ("left", "左边距", "left"), ("right", "右边距", "right"))

    options = table_options("page", {"width": ("纸宽（毫米）", "paper width (mm)"), "height": ("纸高（毫米）", "paper height (mm)"),
                          "top": ("上边距（毫米）", "top margin (mm)"), "bottom": ("下边距（毫米）", "bottom margin (mm)"),
                          "left": ("左边距（毫米）", "left margin (mm)"), "right": ("右边距（毫米）", "right margin (mm)"),
                          "tolerance": ("允许误差（毫米）", "tolerance (mm)")})

    def check_layout(self, report: Report):
        page = self.expected()
        reported = set()
        for setup in report.layout.pages:
            off = [(zh, en, getattr(setup, key), page[key]) for key, zh, en in self._SIDES
                   if not _near(getattr(setup, key), page[key], page["tolerance"])]
            key = tuple(off)
            if not off or key in reported:
                continue
            reported.add(key)
            yield self.diagnostic(
                whole_document(report),
                what="、".join(f"{zh} {_number(v)} mm（应为 {_number(e)}）" for zh, _, v, e in off),
                what_en=", ".join(f"{en} {_number(v)} mm (expected {_number(e)})" for _, en, v, e in off))


class BodyFont(LayoutRule):
    """
    ## 作用
    检查正文字体是否为仿宋（仿宋_GB2312、仿宋或方正仿宋等）。

    ## 原因
    GB/T 9704-2012 第 7.3.3 条：正文一般用 3 号仿宋体字。字体按 Word 的实际生效格式判断：
    文字本身的格式、段落样式及其所基于的样式、文档默认格式和主题字体。

    ## 示例
    正文用 Word 默认的“宋体”或“等线”。

    ## 改为
    正文用“仿宋_GB2312”（或“仿宋”）。

    ## 选项
    数值默认取自 `rules/data/layout.toml`；省级模板不同的，在配置中改：
    （由声明的选项生成）

    ## 修复
    无自动修复：修改正文样式的中文字体。
    """

    code = "L002"
    name = "body-font"
    severity = "warning"
    summary = Text("正文字体不是仿宋", "body text not in FangSong")
    message = Text("正文字体为“{font}”（共 {count} 段），应为{expected}",
                   "body text is in “{font}” ({count} paragraphs); expected {expected}")
    help = Text("将正文样式的中文字体改为仿宋_GB2312", "set the body style's East Asian font to 仿宋_GB2312")

    options = table_options("body", {"fonts": ("可接受的正文字体（字体名包含其中之一即可）", "accepted body fonts (a name containing one)"),
                          "font-name": ("消息中建议的字体", "the font the message suggests")})

    def check_layout(self, report: Report):
        body = self.expected()
        wrong = []
        for paragraph in body_paragraphs(report):
            run = report.layout.paragraph(paragraph.span.line).format_of()
            if run is not None and not _fits(run.font, body["fonts"]):
                wrong.append(((("font", run.font),), paragraph))
        return self.grouped(wrong, expected=body["font-name"])


class BodySize(LayoutRule):
    """
    ## 作用
    检查正文字号是否为 3 号（16 磅），允许 ±0.5 磅。

    ## 原因
    GB/T 9704-2012 第 7.3.3 条：正文一般用 3 号仿宋体字；Word 默认的五号（10.5 磅）或 11 磅字
    排出的版面每行字数、每页行数都与公文版心不符。

    ## 示例
    正文字号为 11 磅。

    ## 改为
    正文字号为“三号”（16 磅）。

    ## 选项
    数值默认取自 `rules/data/layout.toml`；省级模板不同的，在配置中改：
    （由声明的选项生成）

    ## 修复
    无自动修复：修改正文样式的字号。
    """

    code = "L003"
    name = "body-size"
    severity = "warning"
    summary = Text("正文字号不是 3 号", "body text not in size 3 (16 pt)")
    message = Text("正文字号为 {size} 磅（共 {count} 段），应为 3 号（16 磅）",
                   "body text is {size} pt ({count} paragraphs); expected size 3 (16 pt)")
    help = Text("将正文样式的字号改为三号", "set the body style's size to 三号 (16 pt)")

    options = table_options("body", {"size": ("正文字号（磅）", "body text size (pt)"), "size-tolerance": ("允许误差（磅）", "tolerance (pt)")})

    def check_layout(self, report: Report):
        body = self.expected()
        wrong = []
        for paragraph in body_paragraphs(report):
            run = report.layout.paragraph(paragraph.span.line).format_of()
            if run is not None and not _near(run.size, body["size"], body["size-tolerance"]):
                wrong.append(((("size", _number(run.size)),), paragraph))
        return self.grouped(wrong)


class TitleFormat(LayoutRule):
    """
    ## 作用
    检查标题是否用 2 号（22 磅）小标宋体字（方正小标宋简体等）并居中。

    ## 原因
    GB/T 9704-2012 第 7.3.1 条：标题一般用 2 号小标宋体字，分一行或多行居中排布。

    ## 示例
    标题用三号黑体，左对齐。

    ## 改为
    标题用二号“方正小标宋简体”，居中。

    ## 选项
    数值默认取自 `rules/data/layout.toml`；省级模板不同的，在配置中改：
    （由声明的选项生成）

    ## 修复
    无自动修复。
    """

    code = "L004"
    name = "title-format"
    severity = "warning"
    summary = Text("标题不是 2 号小标宋居中", "title not in size 2 XiaoBiaoSong, centred")
    message = Text("标题格式不符合公文格式：{what}", "title layout off the standard: {what_en}")
    help = Text("标题用二号方正小标宋简体，居中", "set the title in 方正小标宋简体, 22 pt, centred")

    options = table_options("title", {"fonts": ("可接受的标题字体", "accepted title fonts"),
                          "font-name": ("消息中建议的字体", "the font the message suggests"),
                          "size": ("标题字号（磅）", "title size (pt)"), "size-tolerance": ("允许误差（磅）", "tolerance (pt)"),
                          "align": ("可接受的对齐方式（Word 的值，如 center）", "accepted alignments (Word's values, e.g. center)")})

    def check_layout(self, report: Report):
        title = self.expected()
        for line in report.title_lines:
            paragraph = report.layout.paragraph(line.span.line)
            run = paragraph.format_of() if paragraph is not None else None
            if run is None:
                continue
            zh, en = [], []
            if not _fits(run.font, title["fonts"]):
                zh.append(f"字体为“{run.font}”（应为{title['font-name']}）")
                en.append(f"font “{run.font}” (expected {title['font-name']})")
            if not _near(run.size, title["size"], title["size-tolerance"]):
                zh.append(f"字号 {_number(run.size)} 磅（应为 {_number(title['size'])} 磅）")
                en.append(f"size {_number(run.size)} pt (expected {_number(title['size'])})")
            if paragraph.align not in title["align"]:
                zh.append(f"{_ALIGN.get(paragraph.align, paragraph.align)}（应居中）")
                en.append(f"aligned {paragraph.align or 'left'} (expected centred)")
            if zh:
                yield self.diagnostic(line.span, what="、".join(zh), what_en=", ".join(en))


class HeadingFont(LayoutRule):
    """
    ## 作用
    检查各级标题的字体：第一层（一、）黑体，第二层（（一））楷体，第三层（1.）和第四层（（1））仿宋；
    允许加粗。

    ## 原因
    GB/T 9704-2012 第 7.3.3 条：结构层次序数第一层用黑体字、第二层用楷体字、第三层和第四层用仿宋体字标注。

    ## 示例
    “（一）健全依法决策机制”用黑体。

    ## 改为
    “（一）健全依法决策机制”用楷体_GB2312。

    ## 选项
    数值默认取自 `rules/data/layout.toml`；省级模板不同的，在配置中改：
    （由声明的选项生成）

    ## 修复
    无自动修复。
    """

    code = "L005"
    name = "heading-font"
    severity = "info"
    summary = Text("标题层次的字体不对", "heading font wrong for its level")
    message = Text("第{level}层标题字体为“{font}”（共 {count} 处），应为{expected}",
                   "level-{level} headings are in “{font}” ({count}); expected {expected}")
    help = Text("一、用黑体，（一）用楷体，1. 和（1）用仿宋", "一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋")

    options = table_options("headings", {f"level-{n}": (f"第{n}层标题可接受的字体", f"accepted fonts of level-{n} headings") for n in range(1, 5)}
                        | {"names": ("消息中建议的各层字体", "the fonts the message suggests, by level")})

    def check_layout(self, report: Report):
        headings = self.expected()
        wrong = []
        for top in report.sections:
            for section in top.walk():
                heading = section.heading
                names = headings.get(f"level-{heading.level}")
                paragraph = report.layout.paragraph(heading.title_span.line)
                if names is None or paragraph is None:
                    continue
                start = heading.title_span.column - 1
                run = paragraph.format_of(start, start + len(heading.title))
                if run is not None and not _fits(run.font, names):
                    key = (("level", heading.level), ("font", run.font),
                           ("expected", headings["names"][heading.level - 1]))
                    wrong.append((key, TextLine(heading.title, heading.title_span)))
        return self.grouped(wrong)


class LineSpacing(LayoutRule):
    """
    ## 作用
    检查正文行距是否使每页排 22 行：固定值约 28–29 磅，或单倍行距对齐到每页 22 行的文档网格。

    ## 原因
    GB/T 9704-2012 第 5.2.4 条：一般每面排 22 行，每行排 28 个字；3 号字配 28–29 磅的行距才能排满版心。

    ## 示例
    Word 默认的单倍行距或 1.15 倍行距。

    ## 改为
    段落行距设为“固定值 28 磅”（或文档网格每页 22 行）。

    ## 选项
    数值默认取自 `rules/data/layout.toml`；省级模板不同的，在配置中改：
    （由声明的选项生成）

    ## 修复
    无自动修复。
    """

    code = "L006"
    name = "line-spacing"
    severity = "warning"
    summary = Text("行距不是每页 22 行", "line spacing does not give 22 lines a page")
    message = Text("正文行距为{spacing}（共 {count} 段），应为固定值 28–29 磅（每页 22 行）",
                   "body line spacing is {spacing} ({count} paragraphs); expected a fixed 28–29 pt (22 lines a page)")
    help = Text("将正文段落行距设为固定值 28 磅", "set the body paragraphs' line spacing to exactly 28 pt")

    options = table_options("spacing", {"min": ("最小行距（磅）", "least line pitch (pt)"), "max": ("最大行距（磅）", "greatest line pitch (pt)")})

    def check_layout(self, report: Report):
        spacing = self.expected()
        wrong = []
        for paragraph in body_paragraphs(report):
            layout = report.layout.paragraph(paragraph.span.line)
            height = layout.line_height
            if height is not None and spacing["min"] <= height <= spacing["max"]:
                continue
            if height is not None:
                described = f"{'最小值' if layout.line_rule == 'atLeast' else '固定值'} {_number(height)} 磅"
            else:
                described = "单倍行距" if layout.line_rule is None else "多倍行距"
            wrong.append(((("spacing", described),), paragraph))
        return self.grouped(wrong)


class FirstLineIndent(LayoutRule):
    """
    ## 作用
    检查正文段落是否首行缩进两个字符（允许 ±0.25 字符）。

    ## 原因
    GB/T 9704-2012 第 7.3.3 条：每个自然段左空二字，回行顶格。用空格代替缩进的段落在改字号后会错位。

    ## 示例
    段落没有首行缩进，或用四个空格缩进。

    ## 改为
    段落格式设“首行缩进 2 字符”。

    ## 选项
    数值默认取自 `rules/data/layout.toml`；省级模板不同的，在配置中改：
    （由声明的选项生成）

    ## 修复
    无自动修复。
    """

    code = "L007"
    name = "first-line-indent"
    severity = "info"
    summary = Text("正文没有首行缩进两个字符", "body paragraphs not indented two characters")
    message = Text("正文首行缩进为 {indent} 个字符（共 {count} 段），应为 2 个字符",
                   "body first-line indent is {indent} characters ({count} paragraphs); expected 2")
    help = Text("段落格式设为首行缩进 2 字符", "indent the first line by 2 characters")

    options = table_options("indent", {"chars": ("首行缩进（字符）", "first-line indent (characters)"),
                          "tolerance": ("允许误差（字符）", "tolerance (characters)")})

    def check_layout(self, report: Report):
        indent = self.expected()
        wrong = []
        for paragraph in body_paragraphs(report):
            layout = report.layout.paragraph(paragraph.span.line)
            if layout.align in ("center", "right", "end"):
                continue
            chars = layout.first_line_chars or 0.0
            if not _near(chars, indent["chars"], indent["tolerance"]):
                wrong.append(((("indent", _number(round(chars, 1))),), paragraph))
        return self.grouped(wrong)


class PageNumbers(LayoutRule):
    """
    ## 作用
    检查页码：页脚有页码，4 号字，数字两侧各一条一字线（“— 1 —”），单页居右、双页居左。

    ## 原因
    GB/T 9704-2012 第 7.5 条：页码一般用 4 号半角宋体阿拉伯数字，数字左右各放一条一字线，
    单页码居右空一字，双页码居左空一字。

    ## 示例
    页脚没有页码，或页码居中、没有一字线。

    ## 改为
    插入页码，格式选“- 1 -”，设“奇偶页不同”，奇数页右对齐、偶数页左对齐（或框架对齐“外侧”）。

    ## 选项
    数值默认取自 `rules/data/layout.toml`；省级模板不同的，在配置中改：
    （由声明的选项生成）

    ## 修复
    无自动修复。
    """

    code = "L008"
    name = "page-numbers"
    severity = "info"
    summary = Text("页码不符合公文格式", "page numbers off the standard")
    message = Text("页码不符合公文格式：{what}", "page numbers off the standard: {what_en}")
    help = Text("页码用 4 号字，两侧加一字线，单页居右、双页居左", "14 pt numbers between dashes, on the outside")

    options = table_options("page-numbers", {"size": ("页码字号（磅）", "page number size (pt)"), "size-tolerance": ("允许误差（磅）", "tolerance (pt)")})

    def check_layout(self, report: Report):
        numbers, expected = report.layout.page_numbers, self.expected()
        if not numbers.present:
            problems = [("没有页码", "no page numbers")]
        else:
            problems = []
            if not _near(numbers.size, expected["size"], expected["size-tolerance"]):
                problems.append((f"字号 {_number(numbers.size)} 磅（应为 4 号 14 磅）",
                                 f"size {_number(numbers.size)} pt (expected 14)"))
            if not numbers.dashes:
                problems.append(("数字两侧没有一字线", "no dashes around the number"))
            if not numbers.outside:
                problems.append(("不是单页居右、双页居左", "not on the outside (odd right, even left)"))
        if problems:
            yield self.diagnostic(whole_document(report), what="、".join(zh for zh, _ in problems),
                                  what_en=", ".join(en for _, en in problems))


class DateLinePlacement(LayoutRule):
    """
    ## 作用
    检查署名和成文日期是否排在右侧（右对齐，或左缩进到版心右半部分）。

    ## 原因
    GB/T 9704-2012 第 7.3.5 条：成文日期一般右空四字编排，发文机关署名以成文日期为准居中编排；
    左对齐的署名和日期会被当成正文。

    ## 示例
    署名“某某市司法局”和日期左对齐、首行缩进两字。

    ## 改为
    署名和日期右对齐，日期右空四字。

    ## 选项
    数值默认取自 `rules/data/layout.toml`；省级模板不同的，在配置中改：
    （由声明的选项生成）

    ## 修复
    无自动修复。
    """

    code = "L009"
    name = "date-line-placement"
    severity = "info"
    summary = Text("署名或成文日期没有排在右侧", "signature or date line not on the right")
    message = Text("{what}没有排在右侧（当前为{align}）", "the {what_en} is not on the right (aligned {align_en})")
    help = Text("署名和成文日期右对齐，成文日期右空四字", "align the signature and the date line to the right")

    options = table_options("date-line", {"min-left-chars": ("左缩进至少多少个字符也算排在右侧", "a left indent of at least this many characters counts as right")})

    def check_layout(self, report: Report):
        minimum = self.option("min-left-chars")
        lines = [(line, "署名", "signature") for line in report.signature]
        if report.date_where is not None:
            lines.append((report.date_where, "成文日期", "date line"))
        for line, zh, en in lines:
            paragraph = report.layout.paragraph(line.span.line)
            if paragraph is None or paragraph.in_table or paragraph.align in ("right", "end", "center"):
                continue
            if paragraph.left_chars + max(paragraph.first_line_chars or 0.0, 0.0) >= minimum:
                continue
            yield self.diagnostic(line.span, what=zh, what_en=en, align=_ALIGN.get(paragraph.align, "左对齐"),
                                  align_en=paragraph.align or "left")


@hookimpl
def relint_rules():
    return [PageSetup, BodyFont, BodySize, TitleFormat, HeadingFont, LineSpacing, FirstLineIndent, PageNumbers,
            DateLinePlacement]
