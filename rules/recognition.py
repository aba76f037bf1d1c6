"""Whether the file is a report relint knows at all (W008): a look-alike gets one
information finding saying so instead of a cascade of structural findings."""

from __future__ import annotations

from linter.rules.basis import SUPERVISION_REGULATION
from linter.rules.elements import report_anchor

from linter import hookimpl
from linter.model import Report
from linter.rule import Rule, Text


class NotAReport(Rule):
    """
    ## 作用
    报告类型无法识别时（既不像法治政府建设年度报告，也不像述职（述法）报告），给出一条提示，说明只运行了
    与类型无关的检查。常见的“形似”文件：年度报告的解读、通知、实施方案、政府信息公开工作年度报告、
    关于报告的新闻。这样的文件不会再收到缺标题、缺部分等结构方面的错误或警告；与类型无关的检查
    （标点、数字等）照常报告，但级别最高为警告（配置项 `unknown-kind-severity`），形似文件不会因此
    被判为不合格的报告。

    标题丢失但开头写明“现将……报告如下”的报告，仍按报告检查，不报告本条。

    ## 原因
    把形似文件当作报告检查，会得到一串毫无意义的“缺少某部分”，掩盖真正需要检查的文件；
    反过来，真是报告却没被识别，用户需要知道原因并设置 `kind`。

    ## 示例
    `XX市2023年政府信息公开工作年度报告`

    ## 改为
    确属法治政府建设年度报告或述职报告的，改用规范标题，或在配置中设置 `kind = "annual"`。

    ## 选项
    无。报告类型可以用配置项 `kind` 指定。

    ## 修复
    无自动修复。
    """

    code = "W008"
    name = "not-a-report"
    severity = "info"
    kinds = ("unknown",)
    scope = "document"
    summary = Text("不是可识别的年度报告或述职报告", "not recognised as an annual or duty report")
    message = Text("未能识别为法治政府建设年度报告或述职（述法）报告{title}，只运行了与类型无关的检查",
                   "not recognised as an annual rule-of-law report or a duty report{title_en}; only "
                   "kind-independent checks ran")
    help = Text("如确属此类报告，请使用规范标题，或在配置中设置 kind", "if it is one, give it a standard title or set "
                "`kind` in the config")
    basis = SUPERVISION_REGULATION

    def check(self, report: Report):
        title = report.title.text if report.title else None
        yield self.diagnostic(report_anchor(report), title=f"（标题“{title}”）" if title else "",
                              title_en=f" (title “{title}”)" if title else "")


@hookimpl
def relint_rules():
    return [NotAReport]
