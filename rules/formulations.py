"""Formulation rule (F001): official formulations written in a known wrong form, from a
data file of wrong → right pairs (Vale's substitution check) that config can extend."""

from __future__ import annotations

from functools import lru_cache

from linter.rules.textscan import scan_lines

from linter import hookimpl
from linter.model import Report
from linter.rule import Edit, Fix, Option, Rule, Text
from linter.tomlio import load_package_data


@lru_cache(maxsize=1)
def builtin_pairs() -> tuple[dict, ...]:
    return tuple(load_package_data("linter.rules", "data/formulations.toml")["pair"])


class WrongFormulation(Rule):
    """
    ## 作用
    检查写错的规范提法，按“错误写法 → 正确写法”清单逐一查找，清单在 `rules/data/formulations.toml`，
    每一条都写明理由。清单只收确定错误的写法。

    ## 原因
    重要提法写错是政治性差错，审核时必须改正；例如党的代表大会不是全会，
    “关于加强和改进人民信访的重要思想”漏了“工作”二字。

    ## 示例
    `深入贯彻党的二十大全会精神`（种子报告 004）

    ## 改为
    `深入贯彻党的二十大和二十届历次全会精神`（或写明具体的全会，如“二十届三中全会”）

    ## 选项
    （由声明的选项生成）
    省级部门的部署方案（`--profile`）也可以带自己的清单，与选项中的一并检查。

    ## 修复
    不安全的修复（`--unsafe-fixes`）：替换为正确写法；有的提法需要写明具体会议，应由起草人确认。
    """

    code = "F001"
    name = "wrong-formulation"
    severity = "warning"
    fix = "unsafe"
    scope = "text"
    summary = Text("规范提法写错", "official formulation in a known wrong form")
    message = Text("“{wrong}”应为“{right}”：{reason}", "“{wrong}” should read “{right}”: {reason}")
    options = (Option("formulations", list, [], Text(
        "本地增加的“错误写法 → 正确写法”清单，每条写明 `wrong`、`right`、`reason`",
        "local wrong → right pairs, each with `wrong`, `right` and `reason`"),
        keys=("wrong", "right", "reason"), legacy="formulations"),)

    def check(self, report: Report):
        profile = getattr(self.settings, "applied_profile", None)
        pairs = builtin_pairs() + tuple(profile.formulations if profile is not None else ()) \
            + tuple(self.option("formulations"))
        for scan in scan_lines(report):
            text = scan.line.text
            for pair in pairs:
                start = text.find(pair["wrong"])
                while start >= 0:
                    span = scan.line.sub_span(start, start + len(pair["wrong"]))
                    yield self.diagnostic(span, fix=Fix("unsafe", (Edit(span, pair["right"]),)), wrong=pair["wrong"],
                                          right=pair["right"], reason=pair["reason"])
                    start = text.find(pair["wrong"], start + 1)


@hookimpl
def relint_rules():
    return [WrongFormulation]
