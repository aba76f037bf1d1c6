"""Page-copy rules (W): what copying a report from a web page, a repost site or a converted
mirror leaves in the text. The normalise step (``linter/normalise.py``) finds these; the
other rules skip them, and these rules report them once each."""

from __future__ import annotations

from linter.rules.basis import GBT_9704
from linter.rules.textscan import short

from linter import hookimpl
from linter.model import PageText, Report, Span
from linter.rule import Edit, Fix, Rule, Text
from linter.vocabulary import BLANKS

PUBLISHED_TEXT = Text(
    "公开发布和报送的报告应是报告正文本身（《法治政府建设与责任落实督察工作规定》要求报告向社会公开）",
    "a published or submitted report is the report's own text (the supervision regulation has it published)",
)


def _remove(span: Span) -> Fix:
    return Fix.replacing(span, "", "unsafe")


class PageFurniture(Rule):
    """
    ## 作用
    检查混进报告的网页内容：元数据字段和索引号块（来源、发布时间、发布机构、浏览次数）、导航和面包屑
    （首页 > 政务公开）、分享/打印/关闭/字体【大 中 小】/语音播报等按钮、相关文章列表、备案号页脚、
    网页重复显示的标题。连在一起的几行报告一次。报告自己的文号行、称谓和正文中的数据表格不报告。

    ## 原因
    从网站复制的报告带着网页的版面文字；报送或发布时这些文字不属于报告，也会让结构检查误判标题和段落。

    ## 示例
    ```
    来源：静海区人民政府办公室 发布时间：2024-03-28 09:18
    字体：【大 中 小】
    ```

    ## 改为
    删除这些行，只保留报告正文。

    ## 选项
    配置 `[tool.relint.furniture]` 的 `fields`、`lines`、`widgets` 可增加识别的字段名、整行模式和按钮文字。

    ## 修复
    不安全的修复：删除这些行（会删除文字，需 `--unsafe-fixes`）。
    """

    code = "W001"
    name = "page-furniture"
    severity = "warning"
    fix = "unsafe"
    scope = "page"
    summary = Text("报告中混有网页版面文字", "page furniture inside the report")
    message = Text("“{text}”是网页的版面文字（{what}），不是报告内容",
                   "“{text}” is page furniture ({what_en}), not part of the report")
    help = Text("删除这些行", "remove these lines")
    basis = PUBLISHED_TEXT

    _WHAT = {"field": ("网页字段", "page field"), "navigation": ("导航或页脚", "navigation or footer"),
             "widget": ("网页按钮", "page widget"), "repeat": ("重复的标题", "title repeated by the page")}

    def check(self, report: Report):
        block: list[PageText] = []
        for line in report.page_text(*self._WHAT) + [None]:
            if block and (line is None or not report.blank_between(block[-1], line)):
                yield self._block(report, block)
                block = []
            if line is not None:
                block.append(line)

    def _block(self, report: Report, block: list[PageText]):
        first, last = block[0], block[-1]
        what, what_en = self._WHAT[first.what]
        span = Span(first.span.line, first.span.column, last.span.line, last.span.end_column)
        whole = all(report.shape.whole(line.span) for line in block)
        if not whole:
            removal = span
        elif last.span.line < len(report.shape):
            removal = Span(first.span.line, 1, last.span.line + 1, 1)
        else:  # the last line of the file: up to its end
            removal = Span(first.span.line, 1, last.span.line, report.shape.length(last.span.line) + 1)
        return self.diagnostic(span, fix=_remove(removal), text=short(first.text), what=what, what_en=what_en)


class Watermark(Rule):
    """
    ## 作用
    检查网站加进报告的水印和标语，也包括夹在句子中间的（“……第一秘书之家—全网资源每日更新www.mishuzj.com责任人职责”）。
    报告单位自己的名称不报告。

    ## 原因
    转载网站在正文里插入自己的名称和网址；留在报告里既不是报告内容，还会把句子截断。

    ## 示例
    `扛牢法治建设第一秘书之家—全网资源每日更新www.mishuzj.com责任人职责`

    ## 改为
    `扛牢法治建设第一责任人职责`

    ## 选项
    配置 `[tool.relint.furniture]` 的 `watermarks` 可增加水印模式。

    ## 修复
    不安全的修复：删除水印文字。
    """

    code = "W002"
    name = "site-watermark"
    severity = "warning"
    fix = "unsafe"
    scope = "page"
    summary = Text("报告中有网站水印或标语", "site watermark inside the text")
    message = Text("“{text}”是网站水印，不是报告内容", "“{text}” is a site watermark, not part of the report")
    help = Text("删除水印文字", "remove the watermark")
    basis = PUBLISHED_TEXT

    def check(self, report: Report):
        for mark in report.page_text("watermark"):
            yield self.diagnostic(mark.span, fix=_remove(mark.span), text=short(mark.text))


class Mojibake(Rule):
    """
    ## 作用
    检查乱码：UTF-8 文字被当成 GBK 读出（“鍙戝竷鏃堕棿”本是“发布时间”）或反过来，替换字符“�”“锟斤拷”，
    以及代替丢失文字的连续问号“??”。句中真正的问号不报告。乱码处不做标点检查。

    ## 原因
    编码转换出错时原文已经丢失，只能从原件重新复制；按标点规则“修复”乱码只会让它更难恢复。

    ## 示例
    `鍙戝竷鏃堕棿锛?024-03-28`

    ## 改为
    `发布时间：2024-03-28`（从原件重新复制）

    ## 选项
    无。

    ## 修复
    无自动修复：丢失的文字需要从原件找回。
    """

    code = "W003"
    name = "mojibake"
    severity = "warning"
    scope = "page"
    summary = Text("文字乱码", "mojibake")
    message = Text("“{text}”是乱码（编码转换错误或文字丢失）", "“{text}” is mojibake (a wrong encoding or lost characters)")
    help = Text("从原件重新复制这段文字", "copy this passage again from the original")
    basis = PUBLISHED_TEXT

    def check(self, report: Report):
        for mark in report.page_text("mojibake"):
            yield self.diagnostic(mark.span, text=short(mark.text))


class PinyinGloss(Rule):
    """
    ## 作用
    检查繁简转换工具留在字后的拼音注音，如“國(guó)”“評(píng)”。每行报告一次。括注的英文术语不报告。

    ## 原因
    注音是转换工具的输出，不是报告文字；它还会被当成半角括号误报。

    ## 示例
    `中國(guó)法治政府評(píng)估報(bào)告`

    ## 改为
    `中国法治政府评估报告`

    ## 选项
    无。

    ## 修复
    不安全的修复：删除这一行的注音（会删除字母）。
    """

    code = "W004"
    name = "pinyin-gloss"
    severity = "warning"
    fix = "unsafe"
    scope = "page"
    summary = Text("字后有转换工具留下的拼音注音", "converter pinyin glosses after characters")
    message = Text("这一行有 {count} 处拼音注音（如“{text}”），是转换工具的残留",
                   "{count} pinyin gloss(es) on this line (e.g. “{text}”) left by a converter")
    help = Text("删除注音", "remove the glosses")
    basis = PUBLISHED_TEXT

    def check(self, report: Report):
        by_line: dict[int, list[PageText]] = {}
        for mark in report.page_text("gloss"):
            by_line.setdefault(mark.span.line, []).append(mark)
        for marks in by_line.values():
            fix = Fix("unsafe", tuple(Edit(m.span, "") for m in marks))
            yield self.diagnostic(marks[0].span, fix=fix, count=len(marks), text=marks[0].text)


class TraditionalScript(Rule):
    """
    ## 作用
    检查报告是否用繁体字写成（多见于港台镜像或繁体转载）。每份报告只报告一次，位置是第一个繁体字；
    其他检查按简体读取，结果仍指向原文的字。引用的个别繁体名称不报告。

    ## 原因
    《中华人民共和国国家通用语言文字法》规定公文使用规范汉字；报送和发布的报告应为简体。

    ## 示例
    `臺北市政府關於2023年度法治政府建設情況的報告`

    ## 改为
    `台北市政府关于2023年度法治政府建设情况的报告`

    ## 选项
    无。

    ## 修复
    不安全的修复：按 OpenCC 把繁体逐字转换为简体（会改字，需核对）。
    """

    code = "W005"
    name = "traditional-script"
    severity = "info"
    fix = "unsafe"
    scope = "document"
    summary = Text("报告使用繁体字", "the text is in Traditional script")
    message = Text("报告使用繁体字（{count} 个字），已按简体检查", "the text is in Traditional script ({count} "
                   "characters); it was checked as Simplified")
    help = Text("转换为简体（规范汉字）", "convert it to Simplified characters")
    basis = Text("《中华人民共和国国家通用语言文字法》第九条、第十七条", "Law on the Standard Spoken and Written Chinese "
                 "Language, articles 9 and 17")

    def check(self, report: Report):
        script = report.traditional
        if script is None:
            return
        edits = tuple(Edit(Span(line, 1, line, report.shape.length(line) + 1), text)
                      for line, text in script.simplified)
        yield self.diagnostic(script.first.span, fix=Fix("unsafe", edits), count=script.count)


class FilteredWord(Rule):
    """
    ## 作用
    检查网站敏感词过滤留下的星号：“*”“＊”或一串“××”代替了被删去的字——夹在两个汉字之间（“习**法治思想”
    “会议*次”），在句读或书名号之后、汉字之前（“五年来,*区”“《**县…》”），或代替百分数的数字（“提升至*%”）。
    词后的脚注标记（“规定*。”“《条例》*”）、注释（“*注：”）、列表符号（“* 项目”）、乘号（3×4）、
    Markdown 加粗（由 T004 报告）不报告。

    ## 原因
    过滤掉的字已经丢失，句子不完整，内容可能被改变原意。

    ## 示例
    `深入学习贯彻习**法治思想，依法治区委共召开会议*次`

    ## 改为
    `深入学习贯彻习近平法治思想，依法治区委共召开会议6次`（从原件找回）

    ## 选项
    无。

    ## 修复
    无自动修复：丢失的文字需要从原件找回。
    """

    code = "W006"
    name = "filtered-word"
    severity = "warning"
    scope = "page"
    summary = Text("星号代替了被网站过滤的文字", "`*` standing for filtered characters")
    message = Text("“{text}”代替了被网站过滤的文字", "“{text}” stands for characters a site's word filter removed")
    help = Text("从原件找回被过滤的文字", "restore the missing characters from the original")
    basis = PUBLISHED_TEXT

    def check(self, report: Report):
        for mark in report.page_text("filtered"):
            yield self.diagnostic(mark.span, text=mark.text)




class LetterSpaced(Rule):
    """
    ## 作用
    检查每个字后面都跟一个空格的行（“关 于 2 0 2 3 年 度 …”），多是 PDF 或网页排版拉开字距留下的。
    整行报告一次（T006 不再逐个报告）。落款中为对齐拉开的两三个字的姓名不报告。

    ## 原因
    公文中汉字之间、汉字与数字之间不加空格；字距应由排版设定，不能用空格撑开。

    ## 示例
    `关 于 2 0 2 3 年 度 法 治 政 府 建 设 情 况 的 报 告`

    ## 改为
    `关于2023年度法治政府建设情况的报告`

    ## 选项
    无。

    ## 修复
    安全的修复：只删除字间的空格。
    """

    code = "W007"
    name = "letter-spaced-line"
    severity = "warning"
    fix = "safe"
    scope = "page"
    summary = Text("整行字间加了空格", "letter-spaced line")
    message = Text("“{text}”整行字间加了空格", "“{text}” is letter-spaced")
    help = Text("删除字间空格", "remove the spaces between characters")
    basis = GBT_9704

    def check(self, report: Report):
        for mark in report.page_text("spaced"):
            edits = tuple(Edit(mark.sub_span(*gap.span()), "") for gap in BLANKS.finditer(mark.text))
            yield self.diagnostic(mark.span, fix=Fix("safe", edits), text=short("".join(mark.text.split())))


@hookimpl
def relint_rules():
    return [PageFurniture, Watermark, Mojibake, PinyinGloss, TraditionalScript, FilteredWord, LetterSpaced]
