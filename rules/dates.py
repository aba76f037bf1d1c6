"""Date and year rules (D): the facts a reviewer checks by hand — is the date possible,
is the report dated after the year it reports on and before its deadline, do the parts
talk about the right years."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from linter.rules.basis import GBT_9704, GBT_15835, REPORT_DEADLINES, SUPERVISION_REGULATION

from linter import hookimpl
from linter.lines import compact
from linter.model import Report
from linter.regex import lazy
from linter.rule import Fix, Rule, Text
from linter.vocabulary import FUTURE_TENSE, SHORT_YEAR_GATED

ANNUAL = ("annual",)
REPORTS = ("annual", "duty")
class ImpossibleDate(Rule):
    """
    ## 作用
    检查日历上不存在的日期，如“2月30日”“13月5日”“2023年2月29日”。没有写年份的日期按报告年度判断
    （在下一年度安排部分按下一年度判断）；年份不明时，2月29日不报告。

    ## 原因
    不存在的日期多半是笔误，会让读者怀疑全文数据的可靠性。

    ## 示例
    `2024年2月30日，召开专题会议。`

    ## 改为
    `2024年2月29日，召开专题会议。`

    ## 选项
    无。

    ## 修复
    无自动修复：正确日期需要起草人确认。
    """

    code = "D001"
    name = "impossible-date"
    severity = "error"
    scope = "facts"
    summary = Text("日历上不存在的日期", "impossible calendar date")
    message = Text("“{text}”不是日历上存在的日期", "“{text}” is not a calendar date")
    help = Text("核对月份和日期", "check the month and the day")

    def check(self, report: Report):
        for fact in report.facts.dates:
            year = fact.year or (fact.date.year if fact.date else None)
            leap_safe = year if year else 2000  # an unknown year: allow 2月29日
            if not 1 <= fact.month <= 12 or not 1 <= fact.day <= calendar.monthrange(leap_safe, fact.month)[1]:
                yield self.diagnostic(fact.span, text=fact.text)


class DatedBeforeYearEnd(Rule):
    """
    ## 作用
    检查成文日期是否早于所报告年度结束：报告的是全年情况，不能在当年就成文。

    ## 原因
    年度报告报告“上一年度”的情况，应在年度结束后形成；督察工作规定要求在次年第一季度报送。
    年内成文的报告，其数据必然不是全年数据。

    ## 示例
    `怀化市鹤城区信访局2025年度法治政府建设年度报告` 落款 `2025年12月26日`（种子报告 004）。

    ## 改为
    在2026年1月1日之后、报送时限之前成文，并用全年数据。

    ## 选项
    无。

    ## 修复
    无自动修复。
    """

    code = "D002"
    name = "dated-before-year-end"
    severity = "warning"
    kinds = REPORTS
    scope = "signature"
    summary = Text("成文日期早于报告年度结束", "report dated before the reported year ended")
    message = Text("成文日期{date}早于{year}年度结束", "dated {date}, before the {year} reporting year ended")
    help = Text("在年度结束后成文，并使用全年数据", "date the report after the year has ended and use full-year figures")
    basis = SUPERVISION_REGULATION

    def check(self, report: Report):
        if report.date and report.year and report.date <= dt.date(report.year, 12, 31):
            yield self.diagnostic(report.date_where.span, date=report.date.isoformat(), year=report.year)


class DatedAfterDeadline(Rule):
    """
    ## 作用
    检查成文日期是否晚于报送时限：政府部门和市、县、乡政府为次年3月1日，省级政府为次年4月1日。
    时限可在配置中用 `deadline = "MM-DD"` 改为本地要求。

    ## 原因
    督察工作规定和各地工作指引规定了年度报告的报送时限；成文晚于时限，报送必然逾期。

    ## 示例
    2022年度报告落款 `2023年3月7日`（种子报告 002，省级政府部门，时限为3月1日）。

    ## 改为
    在时限前成文并报送。

    ## 选项
    `deadline`：报送月日，如 `"04-01"`。

    ## 修复
    无自动修复。
    """

    code = "D003"
    name = "dated-after-deadline"
    severity = "warning"
    kinds = ANNUAL
    scope = "signature"
    summary = Text("成文日期晚于报送时限", "report dated after its deadline")
    message = Text("成文日期{date}晚于报送时限{deadline}", "dated {date}, after the deadline {deadline}")
    help = Text("在时限前成文报送；本地时限不同的，在配置中设置 deadline", "date and send the report by the "
                "deadline; set `deadline` in the config if yours differs")
    basis = REPORT_DEADLINES

    def check(self, report: Report):
        if report.date and report.deadline and report.date > report.deadline:
            yield self.diagnostic(report.date_where.span, date=report.date.isoformat(),
                                  deadline=report.deadline.isoformat())


class PlanWrongYear(Rule):
    """
    ## 作用
    检查“下一年度主要安排”部分的标题、以及以“20XX年，”开头的句子所说的年份是否为报告年度的下一年。
    年份区间（2021—2025年）、书名中的年份和回顾性的提法（“针对2025年存在的问题”）不检查。

    ## 原因
    督察工作规定要求报告“下一年度”的主要安排；安排写成别的年份，多是套用往年报告留下的错误。

    ## 示例
    2024年度报告中：`四、2024年工作计划`

    ## 改为
    `四、2025年工作计划`

    ## 选项
    无。

    ## 修复
    无自动修复。
    """

    code = "D004"
    name = "plan-wrong-year"
    severity = "error"
    kinds = ANNUAL
    scope = "plan"
    summary = Text("下一年度安排写错年份", "plan part names a year other than the next year")
    message = Text("下一年度安排中的“{text}”应为{expected}年", "the plan names “{text}”; the plan year is {expected}")
    help = Text("核对年份：{year}年度报告的安排应是{expected}年的安排", "a {year} report plans for {expected}")
    basis = SUPERVISION_REGULATION

    def check(self, report: Report):
        if report.year is None:
            return
        for fact in report.facts.years:
            if (fact.part == "plan" and fact.end is None and (fact.in_heading or fact.sentence_start)
                    and fact.year != report.year + 1):
                yield self.diagnostic(fact.span, text=fact.text, expected=report.year + 1, year=report.year)


#: The parts that report on the report year itself (the plan looks ahead: D004; the
#: rectification of last year's problems and "other matters" may well name another year).
_REPORT_YEAR_PARTS = ("measures", "shortcomings", "causes", "duty", "study")
#: A heading about last year's problems names last year by right ("（二）2023年度督察反馈问题整改情况").
_LOOKS_BACK = lazy("整改|反馈|上年|上一年|去年|以来")


class PartWrongYear(Rule):
    """
    ## 作用
    检查报告本年度情况的部分——主要举措和成效、不足和原因、第一责任人履职情况（述职报告的履职情况、
    学法情况）——的标题中写的年份是否为报告年度。标题开头的年份才算（“2023年度推进法治政府建设的主要举措”）；
    标题里的书名、年份区间，说上年度问题整改的标题（“2023年度督察反馈问题整改情况”），上年度问题整改、其他情况和下一年度安排部分（由 D004 检查）的标题不检查。

    ## 原因
    这些部分报告的是报告年度的情况；标题年份不对，多是套用往年报告留下的错误。

    ## 示例
    2024年度报告中：`一、2023年度推进法治政府建设的主要举措和成效`、`三、2023年党政主要负责人履行推进法治建设第一责任人职责情况`

    ## 改为
    `一、2024年度推进法治政府建设的主要举措和成效`、`三、2024年党政主要负责人履行推进法治建设第一责任人职责情况`

    ## 选项
    无。

    ## 修复
    无自动修复。
    """

    code = "D005"
    name = "part-wrong-year"
    severity = "error"
    kinds = REPORTS
    scope = "headings"
    summary = Text("报告本年度情况的部分标题年份不是报告年度", "a heading of a part on the report year names another year")
    message = Text("“{text}”与报告年度{year}年不符", "“{text}” does not match the report year {year}")
    help = Text("标题年份应为报告年度", "use the report year in the heading")
    basis = SUPERVISION_REGULATION

    def check(self, report: Report):
        if report.year is None:
            return
        for fact in report.facts.years:
            if (fact.in_heading and fact.part in _REPORT_YEAR_PARTS and fact.end is None
                    and fact.year != report.year and not _LOOKS_BACK.search(fact.sentence)):
                yield self.diagnostic(fact.span, text=fact.text, year=report.year)


class EventAfterReportDate(Rule):
    """
    ## 作用
    检查“下一年度安排”以外的部分是否写了晚于成文日期的事件：完整日期（“2025年3月5日召开”）、年月
    （“2025年3月，出台……”）和年份（成文于2024年的报告写“2025年，全县……”），不论是否在句首。
    下一年度安排中的内容、标题中的年份（由 D004、D005 检查）、书名中的年份、年份区间，以及说的是
    打算或目标的句子（计划、将、拟、力争、争取、目标、到2025年、……前完成）都不检查。

    ## 原因
    成文之后的日期出现在成绩或问题中，要么日期写错，要么成文日期写错。

    ## 示例
    成文日期为2024年2月20日，正文写“2024年3月5日，召开专题会议”或“2024年5月，出台《行政执法监督办法》”。

    ## 改为
    核对事件日期和成文日期。

    ## 选项
    无。

    ## 修复
    无自动修复。
    """

    code = "D006"
    name = "event-after-report-date"
    severity = "warning"
    kinds = REPORTS
    scope = "facts"
    summary = Text("事件日期晚于成文日期", "dated event after the report's own date")
    message = Text("“{text}”晚于成文日期{date}", "“{text}” is later than the report's date {date}")
    help = Text("核对事件日期和成文日期", "check the event's date and the report's date")

    def check(self, report: Report):
        date = report.date
        if date is None:
            return
        for fact in report.facts.dates:
            if _reported(fact) and fact.date and fact.date > date:
                yield self.diagnostic(fact.span, text=fact.text, date=date.isoformat())
        for fact in report.facts.years:
            if (_reported(fact) and fact.end is None and not fact.in_heading and not fact.quoted
                    and (fact.year, fact.month or 0) > (date.year, date.month if fact.month else 0)):
                text = fact.text + (f"{fact.month}月" if fact.month else "")
                yield self.diagnostic(fact.span, text=text, date=date.isoformat())


def _reported(fact) -> bool:
    """Whether a dated fact reports something done: outside the plan and the closing date
    line, and not in a sentence about intentions or targets."""
    return fact.part not in ("plan", "closing") and not FUTURE_TENSE.search(fact.sentence)


class DateLineForm(Rule):
    """
    ## 作用
    检查成文日期的写法是否符合 GB/T 9704-2012：用阿拉伯数字，年份写全，月、日不编虚位（不写03月、07日）。
    “二〇二三年三月七日”“2023年03月07日”“2023.3.7”“2023-03-07”都应改为“2023年3月7日”。

    ## 原因
    GB/T 9704-2012 第7.3.5.1条规定成文日期用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位。

    ## 示例
    `二〇二三年三月七日`

    ## 改为
    `2023年3月7日`

    ## 选项
    无。

    ## 修复
    不安全的修复（`--unsafe-fixes`）：改写为标准形式。改写不改变日期，但日期行是正式落款，应由起草人确认。
    """

    code = "D007"
    name = "date-line-form"
    severity = "warning"
    fix = "unsafe"
    kinds = REPORTS
    scope = "signature"
    summary = Text("成文日期写法不规范", "date line not in GB/T 9704 form")
    message = Text("成文日期“{text}”应写作“{standard}”", "write the date line “{text}” as “{standard}”")
    basis = GBT_9704

    def check(self, report: Report):
        for fact in report.facts.dates:
            if fact.part != "closing" or fact.date is None:
                continue
            standard = f"{fact.date.year}年{fact.date.month}月{fact.date.day}日"
            written = compact(fact.text)
            if fact.form == "arabic" and not re.search(r"(?<!\d)0\d", written):
                continue
            fix = Fix.replacing(fact.span, standard, "unsafe")
            yield self.diagnostic(fact.span, fix=fix, text=fact.text, standard=standard)


class AbbreviatedYear(Rule):
    """
    ## 作用
    检查用两位数字简写的年份：后面紧跟年度、年初、年底、月份等时间用语的（“23年底”“24年3月”），
    在句首、后面是逗号的（“24年，我局……”），在“于、自、从、至”之后的（“自23年起”）；且数值接近报告年度时才报告。
    表示时长的不报告：“历时22年”“连续20年”“从事执法工作22年”“22年来”“自15年以来”“在22年的工作中”，
    以及“近10年”“三年行动”“十四五”。

    ## 原因
    GB/T 15835-2011 规定年份不能简写，“2023年”不能写作“23年”。

    ## 示例
    `截至23年底，共办理案件120件。`

    ## 改为
    `截至2023年底，共办理案件120件。`

    ## 选项
    无。

    ## 修复
    无自动修复：世纪需要确认。
    """

    code = "D008"
    name = "abbreviated-year"
    severity = "warning"
    scope = "text"
    summary = Text("年份简写", "abbreviated year")
    message = Text("年份“{text}”不应简写，应写作“{full}”", "do not abbreviate the year “{text}”: write “{full}”")
    basis = GBT_15835

    def check(self, report: Report):
        anchor = report.year or dt.date.today().year
        for line in report.text_lines():
            for match in SHORT_YEAR_GATED.finditer(line.text):  # most lines: not scanned
                full = 2000 + int(match.group("yy"))
                if anchor - 10 <= full <= anchor + 2:
                    yield self.diagnostic(line.sub_span(*match.span()), text=match.group(0), full=f"{full}年")


@hookimpl
def relint_rules():
    return [ImpossibleDate, DatedBeforeYearEnd, DatedAfterDeadline, PlanWrongYear, PartWrongYear,
            EventAfterReportDate, DateLineForm, AbbreviatedYear]
