"""The hooks of the demo plugin (see linter/hookspecs.py for what each must return)."""

from __future__ import annotations

import json

from linter.rules.elements import MissingElement

from linter import hookimpl
from linter.model import ElementSpec, ReportKind
from linter.rule import Text
from linter.sources import InputError, Source, split_lines

DISCLOSURE = "disclosure"


class MissingDisclosureStatistics(MissingElement):
    """
    ## 作用
    检查政府信息公开工作年度报告是否有“收到和处理政府信息公开申请情况”部分。

    ## 原因
    《中华人民共和国政府信息公开条例》第五十条列明年度报告应包括收到和处理政府信息公开申请的情况。

    ## 示例
    报告只写了主动公开情况。

    ## 改为
    `三、收到和处理政府信息公开申请情况`

    ## 选项
    无。

    ## 修复
    无自动修复。
    """

    code = "G001"
    name = "missing-disclosure-requests"
    severity = "error"
    kinds = (DISCLOSURE,)
    element = "requests"
    summary = Text("缺少“收到和处理政府信息公开申请情况”", "missing part: disclosure requests")
    basis = Text("《中华人民共和国政府信息公开条例》第五十条", "Regulations on Open Government Information, art. 50")


@hookimpl
def relint_rules():
    return [MissingDisclosureStatistics]


@hookimpl
def relint_report_kinds():
    return [ReportKind(
        id=DISCLOSURE, name="政府信息公开工作年度报告", name_en="annual report on government information disclosure",
        title=("政府信息公开.{0,6}年度报告",), priority=30,
        elements=(
            ElementSpec(id="proactive", name="主动公开政府信息情况", name_en="proactive disclosure",
                        heading=("主动公开",)),
            ElementSpec(id="requests", name="收到和处理政府信息公开申请情况", name_en="disclosure requests",
                        heading=("依申请公开", "公开申请")),
        ),
    )]


def read_report_json(data: bytes, path: str):
    """``{"lines": [...]}`` files, as some archive systems export reports."""
    try:
        lines = [str(line) for line in json.loads(data.decode("utf-8"))["lines"]]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        return InputError(path, "E002", f"不是报告 JSON：{exc}", f"not a report JSON file: {exc}")
    text = "\n".join(lines)
    return Source(path=path, text=text, lines=split_lines(text), format="report-json")


@hookimpl
def relint_readers():
    return {".json": read_report_json}


def format_count(results, options) -> str:
    return "".join(f"{len(r.diagnostics)}\t{r.path}\n" for r in results)


@hookimpl
def relint_formatters():
    return {"count": format_count}
