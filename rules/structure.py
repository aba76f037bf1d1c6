"""Structure rules (S0xx, S1xx): title, reporting body and the mandated parts of the
annual report (the rules that report a missing part are data: data/parts.toml)."""

from __future__ import annotations

import re

from linter.rules.basis import REPORT_NAME_GUIDELINE, SUPERVISION_REGULATION
from linter.rules.elements import MISSING, report_anchor

from linter import hookimpl
from linter.lines import compact
from linter.model import Report
from linter.rule import Rule, Text
from linter.vocabulary import YEAR_WORD

ANNUAL = ("annual",)
REPORTS = ("annual", "duty")


class NoTitle(Rule):
    """
    ## 作用
    检查报告开头是否有标题（含“报告”“汇报”“述职”等字样的标题行）。

    ## 原因
    没有标题，审阅人无法判断报告的类型、主体和年度；relint 也无法确定报告类型，
    只能运行与类型无关的规则。

    ## 示例
    全文以“2024年，我局……”开头，没有标题行。

    ## 改为
    ```
    XX县司法局
    关于2024年度法治政府建设情况的报告
    ```

    ## 选项
    无。报告类型也可以用配置项 `kind` 指定。

    ## 修复
    无自动修复。
    """

    code = "S001"
    name = "missing-title"
    severity = "error"
    kinds = REPORTS  # a file of no known kind gets W008 instead
    scope = "title"
    summary = Text("没有找到报告标题", "no report title found")
    message = Text("没有找到报告标题", "no report title found")
    help = Text("在正文前加标题，如“XX关于20XX年度法治政府建设情况的报告”",
                "add a title before the text, e.g. “XX关于20XX年度法治政府建设情况的报告”")

    def check(self, report: Report):
        if report.title is None:
            yield self.diagnostic(report_anchor(report))


class TitleWithoutYear(Rule):
    """
    ## 作用
    检查标题是否写明报告年度（如“2024年度”）。“2022 年”中间有空格也视为写明。

    ## 原因
    年度报告报告的是“上一年度”的情况，标题不写年度，归档、检索和审阅都要靠正文去猜。
    述职报告同样应写明述职年度。

    ## 示例
    `洞口县信访局 履行推进法治政府建设第一责任人职责 述职报告`

    ## 改为
    `洞口县信访局局长2023年度履行推进法治建设第一责任人职责述职报告`

    ## 选项
    无。

    ## 修复
    无自动修复：年度需要起草人确认。
    """

    code = "S002"
    name = "title-without-year"
    severity = "warning"
    kinds = REPORTS
    scope = "title"
    summary = Text("标题没有写明报告年度", "title has no report year")
    message = Text("标题没有写明报告年度", "the title does not name the report year")
    help = Text("在标题中写明年度，如“2024年度”", "name the year in the title, e.g. “2024年度”")
    basis = REPORT_NAME_GUIDELINE

    def check(self, report: Report):
        if report.title and not YEAR_WORD.search(compact(report.title.text)):
            yield self.diagnostic(report.title.span)


class NonstandardTitle(Rule):
    """
    ## 作用
    检查标题的写法：用“汇报”“总结”代替“报告”，年度报告标题缺少“法治政府建设”，
    或“年度”重复（“2025年度法治政府建设年度报告”）。报告类型无法识别时由 W008 说明。

    ## 原因
    省级工作指引统一报告名称为“法治政府建设年度报告”，常见的规范标题是
    “XX关于20XX年度法治政府建设情况的报告”和“XX20XX年法治政府建设年度报告”。

    ## 示例
    `关于2024年法治政府建设情况的汇报`、`XX局2025年度法治政府建设年度报告`

    ## 改为
    `关于2024年度法治政府建设情况的报告`、`XX局2025年法治政府建设年度报告`

    ## 选项
    无。

    ## 修复
    无自动修复。
    """

    code = "S003"
    name = "nonstandard-title"
    severity = "info"
    scope = "title"
    summary = Text("标题写法不规范", "nonstandard title form")
    message = Text("标题写法不规范：{what}", "nonstandard title: {what_en}")
    kinds = REPORTS
    basis = REPORT_NAME_GUIDELINE

    def check(self, report: Report):
        if report.title is None:
            return
        title = compact(report.title.text)
        span = report.title.span
        word = re.search(r"(汇报|总结)$", title) or re.search(r"(汇报|总结)(?!.*报告)", title)
        if word:
            yield self.diagnostic(span, what=f"用“{word.group(1)}”代替了“报告”",
                                  what_en=f"“{word.group(1)}” instead of “报告”")
        if report.kind == "annual" and "法治政府建设" not in title:
            yield self.diagnostic(span, what="缺少“法治政府建设”", what_en="“法治政府建设” is missing")
        if report.kind == "annual" and re.search(r"年度.*年度报告", title):
            yield self.diagnostic(span, what="“年度”重复，宜写作“20XX年法治政府建设年度报告”",
                                  what_en="“年度” twice; write “20XX年法治政府建设年度报告”")


class UnknownIssuer(Rule):
    """
    ## 作用
    检查能否确定报告主体：标题上方的机关名称行、标题中的机关名称，或文末署名。

    ## 原因
    年度报告要向社会公开并由上级汇总，主体不明的报告无法归档、无法确定报送时限，
    也无法核对是否按时报送。

    ## 示例
    标题为“关于2024年度法治政府建设情况的报告”，上方没有机关名称，文末也没有署名。

    ## 改为
    在标题上方或标题中写明机关全称，并在文末署名。

    ## 选项
    无。

    ## 修复
    无自动修复。
    """

    code = "S004"
    name = "unknown-issuer"
    severity = "warning"
    kinds = REPORTS
    scope = "title"
    summary = Text("无法确定报告主体", "reporting body not identifiable")
    message = Text("无法从标题、开头或署名确定报告主体", "the reporting body is not named in the title, "
                   "the first lines or the signature")
    help = Text("在标题中或标题上方写明机关全称，并在文末署名", "name the body in or above the title and sign "
                "the report")

    def check(self, report: Report):
        if report.issuer is None:
            yield self.diagnostic(report_anchor(report))


class ShortcomingsWithoutCauses(Rule):
    """
    ## 作用
    报告有“不足”部分时，检查该部分标题或正文是否分析了原因（“原因”“由于”“导致”“主要是……不够”等）。
    缺少整个“不足”部分时由 S102 报告，本规则不再重复。

    ## 原因
    督察工作规定要求的是“存在的不足**和原因**”。只罗列不足、不分析原因，整改就无从着手。

    ## 示例
    ```
    二、存在的主要问题与不足
    （一）法治专业力量薄弱
    干部队伍中法律专业人才占比不足15%……
    ```

    ## 改为
    标题写“存在的不足和原因”，并在每条不足后说明原因，如“主要是由于……”。

    ## 选项
    原因的引导语可在配置 `[tool.relint.elements.causes]` 中扩充 `body`。

    ## 修复
    无自动修复。
    """

    code = "S103"
    name = "shortcomings-without-causes"
    severity = "error"
    kinds = ANNUAL
    scope = "elements"
    summary = Text("列出了不足但没有分析原因", "shortcomings given without causes")
    message = Text("“不足”部分没有分析原因", "the shortcomings part gives no causes")
    help = Text("在标题中写明“不足和原因”，并逐条说明不足产生的原因",
                "name the causes in the heading and give the cause of each shortcoming")
    basis = SUPERVISION_REGULATION

    def check(self, report: Report):
        shortcomings, causes = report.part("shortcomings"), report.part("causes")
        if shortcomings and shortcomings.found and causes and not causes.found:
            yield self.diagnostic(shortcomings.where.span)


class ElementInsideOtherPart(Rule):
    """
    ## 作用
    提示某项法定内容没有单列一部分，只在其他部分的小标题或正文中出现。

    ## 原因
    内容虽然报告了，但审阅人按督察工作规定逐项核对时不容易找到；单列一部分更清楚。

    ## 示例
    “第一责任人职责”只写在“主要举措和成效”下的“（二）强化组织领导”一段中（种子报告 004）。

    ## 改为
    把该内容单列为一级标题下的一部分。

    ## 选项
    无。

    ## 修复
    无自动修复。
    """

    code = "S107"
    name = "element-inside-other-part"
    severity = "info"
    scope = "elements"
    kinds = ANNUAL
    summary = Text("法定内容只出现在其他部分中", "mandated element appears only inside another part")
    message = Text("“{name}”没有单列一部分，只出现在其他部分中", "“{name_en}” has no part of its own; it "
                   "appears only inside another part")
    help = Text("单列一部分报告", "give it a part of its own")
    basis = SUPERVISION_REGULATION

    def check(self, report: Report):
        for match in report.elements.values():
            if match.found and match.nested and match.spec.within is None:
                yield self.diagnostic(match.where.span, name=match.spec.name, name_en=match.spec.name_en)


class PartsOutOfOrder(Rule):
    """
    ## 作用
    检查各法定部分是否按督察工作规定的顺序排列：举措和成效、不足和原因、第一责任人职责、
    下一年度安排、其他情况。把第一责任人职责放在最前面是常见且可以接受的写法，不报告。默认不启用。

    ## 原因
    按规定顺序排列便于审阅人逐项核对。

    ## 示例
    “下一年度安排”写在“存在的不足”之前。

    ## 改为
    按规定顺序调整各部分。

    ## 选项
    用 `extend-select = ["S108"]` 启用。

    ## 修复
    无自动修复。
    """

    code = "S108"
    name = "parts-out-of-order"
    severity = "info"
    default = False
    kinds = ANNUAL
    scope = "elements"
    summary = Text("法定部分顺序与规定不一致", "mandated parts out of the regulation's order")
    message = Text("“{name}”应在“{before}”之前", "“{name_en}” should come before “{before_en}”")
    basis = SUPERVISION_REGULATION

    def check(self, report: Report):
        parts = sorted(
            (m for m in report.elements.values() if m.found and m.how == "heading" and not m.nested and m.spec.order),
            key=lambda m: (m.line, m.spec.order),
        )
        if parts and parts[0].spec.role == "duty":
            parts = parts[1:]
        for earlier, later in zip(parts, parts[1:]):
            if later.spec.order < earlier.spec.order:
                yield self.diagnostic(later.where.span, name=later.spec.name, name_en=later.spec.name_en,
                                      before=earlier.spec.name, before_en=earlier.spec.name_en)


class MissingConfiguredElement(Rule):
    """
    ## 作用
    检查配置中 `[tool.relint.elements.<名称>]` 新增的必备内容是否出现。

    ## 原因
    各地、各部门对年度报告常有额外要求（如单列“行政复议和应诉情况”），用配置声明后由本规则检查。

    ## 示例
    ```toml
    [tool.relint.elements.review]
    name = "行政复议和行政应诉情况"
    heading = ["行政复议", "行政应诉"]
    ```

    ## 改为
    按要求增加该部分。

    ## 选项
    `kind`（适用的报告类型，默认 annual）、`name`、`heading`、`body`、`required`。

    ## 修复
    无自动修复。
    """

    code = "S109"
    name = "missing-configured-part"
    severity = "error"
    scope = "elements"
    summary = Text("缺少配置要求的部分", "missing part required by the config")
    message = MISSING

    def check(self, report: Report):
        for match in report.elements.values():
            if match.spec.custom and match.spec.required and not match.found:
                yield self.diagnostic(report_anchor(report), name=match.spec.name, name_en=match.spec.name_en)


@hookimpl
def relint_rules():
    return [NoTitle, TitleWithoutYear, NonstandardTitle, UnknownIssuer, ShortcomingsWithoutCauses,
            ElementInsideOtherPart, PartsOutOfOrder, MissingConfiguredElement]
