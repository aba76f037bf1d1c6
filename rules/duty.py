"""Duty-report rules (S3xx): what a principal leader's 述职/述法 report must cover."""

from __future__ import annotations

from linter.rules.basis import DUTY_REGULATION
from linter.rules.elements import MissingElement

from linter import hookimpl
from linter.rule import Text

DUTY = ("duty",)


class MissingDuties(MissingElement):
    """
    ## 作用
    检查述职（述法）报告是否讲了履行推进法治建设第一责任人职责的情况（“履职情况”“履行职责情况”等）。

    ## 原因
    《党政主要负责人履行推进法治建设第一责任人职责规定》要求主要负责人述职时报告履行职责情况，
    包括组织领导、依法决策、执法监督、学法普法等，并用事实和数据说明。

    ## 示例
    报告只谈思想认识和下一步打算，没有履职事实。

    ## 改为
    `一、履职基本情况`，下分组织领导、依法决策、学法用法等方面并列举数据。

    ## 选项
    关键词可在配置 `[tool.relint.elements.duties]` 中扩充。

    ## 修复
    无自动修复。
    """

    code = "S301"
    name = "missing-duties-account"
    severity = "error"
    kinds = DUTY
    element = "duties"
    summary = Text("述职报告没有履职情况", "duty report: no account of duties performed")
    help = Text("增加履行第一责任人职责情况，写明做了什么、效果如何", "add what was done to fulfil the duty, with facts")
    basis = DUTY_REGULATION


class MissingDutyShortcomings(MissingElement):
    """
    ## 作用
    检查述职（述法）报告是否讲了存在的不足。“不足之处”“存在的问题”等写法均可识别。

    ## 原因
    述法工作要求主要负责人查摆自身履职中存在的问题和不足。

    ## 示例
    报告在履职情况之后直接结束。

    ## 改为
    `二、存在的不足`

    ## 选项
    关键词可在配置 `[tool.relint.elements.shortcomings]` 中扩充。

    ## 修复
    无自动修复。
    """

    code = "S302"
    name = "missing-duty-shortcomings"
    severity = "error"
    kinds = DUTY
    element = "shortcomings"
    summary = Text("述职报告没有存在的不足", "duty report: no shortcomings")
    help = Text("增加存在的不足", "add the shortcomings")
    basis = DUTY_REGULATION


class MissingNextSteps(MissingElement):
    """
    ## 作用
    检查述职（述法）报告是否讲了下一步打算。“今后努力的方向”“下一步工作打算”等写法均可识别。

    ## 原因
    述法工作要求针对不足提出下一步改进措施。

    ## 示例
    报告只有履职情况和不足。

    ## 改为
    `三、下一步工作打算`

    ## 选项
    关键词可在配置 `[tool.relint.elements.next_steps]` 中扩充。

    ## 修复
    无自动修复。
    """

    code = "S303"
    name = "missing-next-steps"
    severity = "error"
    kinds = DUTY
    element = "next_steps"
    summary = Text("述职报告没有下一步打算", "duty report: no next steps")
    help = Text("增加下一步打算", "add the next steps")
    basis = DUTY_REGULATION


class MissingStudy(MissingElement):
    """
    ## 作用
    检查述职（述法）报告是否讲了学习贯彻习近平法治思想、带头学法用法的情况。

    ## 原因
    述法工作把学习贯彻习近平法治思想、带头尊法学法守法用法列为述法的首要内容。

    ## 示例
    报告没有提及学法或习近平法治思想。

    ## 改为
    `（一）带头学习贯彻习近平法治思想，……`

    ## 选项
    关键词可在配置 `[tool.relint.elements.study]` 中扩充。

    ## 修复
    无自动修复。
    """

    code = "S304"
    name = "missing-study"
    severity = "warning"
    kinds = DUTY
    element = "study"
    summary = Text("述职报告没有学法情况", "duty report: no study of 习近平法治思想 / 学法")
    help = Text("增加学习贯彻习近平法治思想、带头学法用法的情况", "add how the leader studied the law")
    basis = DUTY_REGULATION


class MissingRectification(MissingElement):
    """
    ## 作用
    检查述职（述法）报告是否讲了上年度述法中指出问题的整改情况。

    ## 原因
    述法工作要求报告上一年度述法点评、考核中发现问题的整改落实情况。

    ## 示例
    报告没有提到“整改”。

    ## 改为
    `（四）上年度问题整改情况`

    ## 选项
    关键词可在配置 `[tool.relint.elements.rectification]` 中扩充。

    ## 修复
    无自动修复。
    """

    code = "S305"
    name = "missing-rectification"
    severity = "info"
    kinds = DUTY
    element = "rectification"
    summary = Text("述职报告没有上年度问题整改情况", "duty report: no rectification of last year's problems")
    help = Text("增加上年度问题的整改情况", "add how last year's problems were rectified")
    basis = DUTY_REGULATION


@hookimpl
def relint_rules():
    return [MissingDuties, MissingDutyShortcomings, MissingNextSteps, MissingStudy, MissingRectification]
