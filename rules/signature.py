"""Signature rules (S2xx): the issuing body and the date line at the end of the report."""

from __future__ import annotations

from linter.rules.basis import GBT_9704

from linter import hookimpl
from linter.model import Report
from linter.rule import Rule, Text

REPORTS = ("annual", "duty")


class MissingSignature(Rule):
    """
    ## 作用
    检查报告末尾是否署名（发文机关名称）。

    ## 原因
    GB/T 9704-2012 规定公文在正文之后署发文机关署名，再标注成文日期；
    公开发布的年度报告没有署名，读者无法确认报告出自哪个机关。

    ## 示例
    正文最后一段之后直接结束。

    ## 改为
    ```
    山西省信访局
    2023年3月7日
    ```

    ## 选项
    无。

    ## 修复
    无自动修复。
    """

    code = "S201"
    name = "missing-signature"
    severity = "warning"
    kinds = REPORTS
    scope = "signature"
    summary = Text("文末没有署名", "no signature at the end")
    message = Text("文末没有署名（发文机关名称）", "no signature (name of the issuing body) at the end")
    help = Text("在正文之后署发文机关全称", "sign with the issuing body's full name after the text")
    basis = GBT_9704

    def check(self, report: Report):
        if not report.signature:
            yield self.diagnostic(report.date_where.span if report.date_where else report.end)


class MissingDateLine(Rule):
    """
    ## 作用
    检查报告末尾是否有成文日期行。

    ## 原因
    GB/T 9704-2012 规定署名下方标注成文日期；没有日期，就无法核对报告是否在时限内形成和报送。

    ## 示例
    署名“怀化市鹤城区信访局”之后没有日期。

    ## 改为
    `2026年2月10日`（阿拉伯数字，年份写全，月、日不编虚位）

    ## 选项
    无。

    ## 修复
    无自动修复：日期需要起草人确认。
    """

    code = "S202"
    name = "missing-date-line"
    severity = "warning"
    kinds = REPORTS
    scope = "signature"
    summary = Text("文末没有成文日期", "no date line at the end")
    message = Text("文末没有成文日期", "no date line (成文日期) at the end")
    help = Text("在署名下一行写成文日期，如“2024年2月20日”", "add the date under the signature, e.g. “2024年2月20日”")
    basis = GBT_9704

    def check(self, report: Report):
        if report.date_where is None:
            yield self.diagnostic(report.signature[-1].span if report.signature else report.end)


@hookimpl
def relint_rules():
    return [MissingSignature, MissingDateLine]
