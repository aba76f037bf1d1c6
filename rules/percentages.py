"""Percentage and number rules (P): can a rate be 105%, does 11 of 15 make 73.33%, is a
change of a rate given in percentage points."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from linter.rules.basis import GBT_15835

from linter import hookimpl, regex_code
from linter.model import Report
from linter.regex import Gated, lazy
from linter.rule import Fix, Option, Rule, Text
from linter.tomlio import load_package_data
from linter.vocabulary import CHANGE_VERBS, CN_DIGITS, DECREASE_VERBS, NUMBER, SP, number_value


@lru_cache(maxsize=1)
def _builtin_words() -> dict:
    return load_package_data("linter.rules", "data/percentages.toml")


#: The words of rate metrics a user adds to the data file's, declared by every P rule that
#: tells a rate by its word (set once for them all in ``[tool.relint.lint.P]``).
RATE_OPTIONS = (
    Option("bounded", list, [], Text("增加的有界比率用语（占全体的比率，不超过100%，变化用百分点），与数据文件中的一并使用",
                                     "more words of bounded rates (shares of a whole: at most 100%, changes in points), "
                                     "added to the data file's"), legacy="percentages.bounded"),
    Option("unbounded", list, [], Text("增加的无界比率用语（增长率等，可超过100%）",
                                       "more words of unbounded rates (growth rates, may exceed 100%)"),
           legacy="percentages.unbounded"),
)


def rate_words(rule: Rule | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(bounded, unbounded) metric words: the data file plus the rule's options."""
    data = _builtin_words()
    return (tuple(data["bounded"]) + tuple(rule.option("bounded") if rule else ()),
            tuple(data["unbounded"]) + tuple(rule.option("unbounded") if rule else ()))


@lru_cache(maxsize=16)
def _last_word(words: tuple[str, ...]) -> re.Pattern:
    """Finds, in a text read backwards, the word of ``words`` that ends last in it, the
    longest of those that end there: one search for the rate word of a number instead of
    one per word (the data file has dozens)."""
    return regex_code.compile("|".join(re.escape(word[::-1]) for word in sorted(words, key=len, reverse=True)))


#: up to four Chinese characters that qualify a rate word ("群众满意率")
_QUALIFIER = lazy(r"[\u4e00-\u9fff]{0,4}$")
#: a change verb that does not give a level ("提高5%", not "提升至95%")
_CHANGE = lazy(rf"(?:{CHANGE_VERBS})(?!至|到)")


def metric(before: str, words: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple[str | None, bool]:
    """The bounded rate a number belongs to, with up to four characters that qualify it
    ("群众满意率"), and whether a change verb stands between it and the number ("满意率
    提高5%" is a change; "满意率提升至95%" is a level). ``words``: the rule's
    :func:`rate_words`. The rate word is the one that ends last before the number (the
    longest of those: "计划完成率" over "完成率")."""
    bounded, unbounded = words
    found = _last_word(bounded + unbounded).search(before[::-1])
    if found is None or found.group()[::-1] not in bounded:
        return None, False
    at, end = len(before) - found.end(), len(before) - found.start()
    lead = _QUALIFIER.search(before[:at]).group(0)
    return lead + before[at:end], bool(_CHANGE.search(before[end:]))


class RateOverHundred(Rule):
    """
    ## 作用
    检查满意率、办结率、受理率等比率（数据文件中列出的“有界比率”）是否超过100%。
    增长率、同比、环比、计划完成率等不受此限（“同比增长150%”不报告）。

    ## 原因
    占全体的比率不可能超过100%；超过多半是计算或录入错误，第三方评估会据此质疑全文数据。

    ## 示例
    `群众满意率达105%`

    ## 改为
    核对分子分母，如 `群众满意率达95%`

    ## 选项
    比率用语在 `rules/data/percentages.toml`，可用选项扩充：
    （由声明的选项生成）

    ## 修复
    无自动修复。
    """

    code = "P001"
    name = "rate-over-hundred"
    severity = "error"
    scope = "facts"
    summary = Text("比率超过100%", "bounded rate outside 0–100%")
    message = Text("“{metric}”为{text}，比率不能超过100%", "“{metric}” is {text}; a rate cannot exceed 100%")
    help = Text("核对分子和分母", "check the numerator and the denominator")

    options = RATE_OPTIONS

    def check(self, report: Report):
        for fact in report.facts.percents:
            if fact.points or fact.value <= 100:
                continue
            name, changed = metric(fact.before, rate_words(self))
            if name and not changed:
                yield self.diagnostic(fact.span, metric=name, text=fact.text.strip())


class PercentContradictsCounts(Rule):
    """
    ## 作用
    当一句话里给出同一单位的两个数（如“15件……已办结11件”）和一个比率时，检查比率是否等于两数之比，
    允许按所写的小数位四舍五入（73.33%、73.3%、73% 都对）。句中同一单位的数多于两个时不检查。

    ## 原因
    比率与原始数据对不上，是审阅人最常手工核对、也最常发现的错误。

    ## 示例
    `15件交办事项已办结11件，办结率75%。`

    ## 改为
    `15件交办事项已办结11件，办结率73.33%。`

    ## 选项
    比率用语可用选项扩充：
    （由声明的选项生成）

    ## 修复
    无自动修复。
    """

    code = "P002"
    name = "percent-contradicts-counts"
    severity = "error"
    scope = "facts"
    summary = Text("比率与同句中的数量不符", "percentage contradicts the counts in its sentence")
    message = Text("{text}与同句中的{part}/{whole}（={expected}%）不符",
                   "{text} contradicts {part}/{whole} (={expected}%) in the same sentence")
    help = Text("核对比率或数量", "check the percentage or the counts")

    options = RATE_OPTIONS

    def check(self, report: Report):
        facts, words = report.facts, rate_words(self)
        percents_in, counts_in = defaultdict(list), defaultdict(list)
        for percent in facts.percents:
            if not percent.points:
                percents_in[percent.sentence_at].append(percent)
        for count in facts.counts:
            counts_in[count.sentence_at].append(count)
        for fact in facts.percents:
            if fact.points or fact.qualifier or len(percents_in[fact.sentence_at]) != 1:
                continue
            name, changed = metric(fact.before, words)
            if not name or changed:
                continue
            if "、" in fact.before or "均" in fact.before:
                continue  # "受理率、办结率均达100%": several rates, none of them this ratio
            counts = [c for c in counts_in[fact.sentence_at] if c.span < fact.span]
            units = {c.unit for c in counts}
            if len(counts) != 2 or len(units) != 1:
                continue
            part, whole = sorted(c.value for c in counts)
            if whole == 0:
                continue
            expected = part / whole * 100
            tolerance = 0.5 * 10 ** -fact.decimals + 1e-9
            if abs(expected - fact.value) > tolerance:
                yield self.diagnostic(fact.span, text=fact.text.strip(), part=f"{part:g}", whole=f"{whole:g}",
                                      expected=f"{expected:.{max(fact.decimals, 2)}f}")


class InconsistentMetric(Rule):
    """
    ## 作用
    检查同一个指标（如“群众满意率”）在“下一年度安排”以外的部分是否给出了不同的数值。
    安排中的目标值与本年实际值不同是正常的，不报告。

    ## 原因
    同一指标前后两个数，读者无法判断哪个是真的。

    ## 示例
    `群众满意率达95%……群众满意率为97.5%`

    ## 改为
    统一为核实后的数值。

    ## 选项
    比率用语可用选项扩充：
    （由声明的选项生成）

    ## 修复
    无自动修复。
    """

    code = "P003"
    name = "inconsistent-metric"
    severity = "warning"
    scope = "facts"
    summary = Text("同一指标数值前后不一", "same metric with different values")
    message = Text("“{metric}”此处为{text}，第{line}行为{first}", "“{metric}” is {text} here but {first} on line "
                   "{line}")
    help = Text("统一为核实后的数值", "use the verified value in both places")

    options = RATE_OPTIONS

    def check(self, report: Report):
        seen: dict[str, object] = {}
        words = rate_words(self)
        for fact in report.facts.percents:
            if fact.points or fact.part == "plan":
                continue
            name, changed = metric(fact.before, words)
            if not name or changed:
                continue
            first = seen.setdefault(name, fact)
            if first is not fact and (first.value, first.qualifier) != (fact.value, fact.qualifier):
                yield self.diagnostic(fact.span, metric=name, text=fact.text.strip(), first=first.text.strip(),
                                      line=first.span.line)


class PercentForPoints(Rule):
    """
    ## 作用
    检查比率的变化是否误用“%”表示：比率之间的差应以“个百分点”表示。
    包括“由60%提高到70%，提高10%”和“满意率提高5%”两种写法；“案件量同比下降28.24%”说的是数量的变化，不报告。

    ## 原因
    从60%到70%是提高了10个百分点，相对增幅是16.7%；写成“提高10%”含义错误。GB/T 15835 附录和统计用语规范都区分两者。

    ## 示例
    `调解成功率由60%提高到70%，提高10%。`

    ## 改为
    `调解成功率由60%提高到70%，提高10个百分点。`

    ## 选项
    比率用语可用选项扩充：
    （由声明的选项生成）

    ## 修复
    无自动修复：也可能本意是相对增幅，需要起草人确认。
    """

    code = "P004"
    name = "percent-for-points"
    severity = "warning"
    scope = "facts"
    summary = Text("比率的变化应以“个百分点”表示", "change of a rate written as % instead of percentage points")
    message = Text("比率的变化“{text}”应以“个百分点”表示", "the change of a rate “{text}” should be in percentage points")
    help = Text("改为“{points}个百分点”，或写明是相对增幅", "write “{points}个百分点”, or say it is a relative change")
    basis = GBT_15835

    options = RATE_OPTIONS

    def check(self, report: Report):
        words = rate_words(self)
        for fact in report.facts.changes:
            if fact.points:
                continue
            if fact.start is not None:
                a, b, c = (number_value(n)[0] for n in (fact.start, fact.end, fact.change))
                if abs(abs(b - a) - c) < 1e-9:
                    yield self.diagnostic(fact.change_span, text=fact.text, points=fact.change)
            elif metric(fact.clause, words)[0]:
                yield self.diagnostic(fact.span, text=fact.text, points=fact.change)


class PointsDisagree(Rule):
    """
    ## 作用
    检查写了起止比率又写了变化的句子：“由a%提高到b%，提高c个百分点”中 |b−a| 应等于 c。

    ## 原因
    起点、终点和差值三个数只要一个错，读者就不知道哪个是真的。

    ## 示例
    `办结率由85%提高到92%，提高5个百分点。`

    ## 改为
    `办结率由85%提高到92%，提高7个百分点。`

    ## 选项
    无。

    ## 修复
    无自动修复。
    """

    code = "P005"
    name = "points-disagree"
    severity = "error"
    scope = "facts"
    summary = Text("起止比率与变化的百分点不符", "stated endpoints and stated change disagree")
    message = Text("由{a}%到{b}%相差{diff}个百分点，不是{c}个百分点", "from {a}% to {b}% is {diff} points, not {c}")
    help = Text("核对起止比率和差值", "check the endpoints and the change")

    def check(self, report: Report):
        for fact in report.facts.changes:
            if not fact.points or fact.start is None:
                continue
            a, b, c = (number_value(n)[0] for n in (fact.start, fact.end, fact.change))
            decimals = fact.decimals
            if abs(abs(b - a) - c) > 0.5 * 10 ** -decimals + 1e-9:
                yield self.diagnostic(fact.span, a=fact.start, b=fact.end, c=fact.change,
                                      diff=f"{abs(b - a):.{decimals}f}")


_PERCENT_SIGNS = "%％"
_RANGE_DASH = "[-—–~～－至到]"
_PERCENT_RANGE = lazy(rf"(?<![\d.．])(?P<a>{NUMBER})(?P<sa>{SP}[{_PERCENT_SIGNS}])?{SP}(?P<dash>{_RANGE_DASH}){SP}"
                      rf"(?P<b>{NUMBER}){SP}[{_PERCENT_SIGNS}]")
#: What every match of _PERCENT_RANGE holds: a dash, a number and its sign, looked for from the
#: dash (a few characters the engine skips to). _PERCENT_RANGE is tried at every digit of a
#: line, and most lines with a percentage hold no range.
_PERCENT_RANGE_END = lazy(rf"{_RANGE_DASH}{SP}{NUMBER}{SP}[{_PERCENT_SIGNS}]")
_PERCENT_RANGE_GATED = Gated(_PERCENT_RANGE_END, _PERCENT_RANGE)


class PercentRangeForm(Rule):
    """
    ## 作用
    检查百分数范围的写法：两个数都要带%，中间用浪纹线“～”。“20-30%”“20%-30%”“20%~30%”都改为“20%～30%”。

    ## 原因
    GB/T 15835-2011 规定百分数范围前后两个百分号都不能省略；GB/T 15834-2011 规定数值范围用浪纹线“～”。

    ## 示例
    `覆盖率提升20-30%`

    ## 改为
    `覆盖率提升20%～30%`

    ## 选项
    无。

    ## 修复
    安全的修复：只补百分号、换连接号，数字不变。
    """

    code = "P006"
    name = "percent-range-form"
    severity = "warning"
    fix = "safe"
    scope = "text"
    summary = Text("百分数范围写法不规范", "percent range missing a sign or with the wrong dash")
    message = Text("百分数范围“{text}”应写作“{standard}”", "write the percent range “{text}” as “{standard}”")
    basis = GBT_15835

    def check(self, report: Report):
        for line in report.text_lines():
            if not any(sign in line.text for sign in _PERCENT_SIGNS):
                continue  # a range ends with its sign: most lines hold none, and are not scanned
            for match in _PERCENT_RANGE_GATED.finditer(line.text):
                if match.group("dash") in "至到" and match.group("sa"):
                    continue  # "20%至30%" is correct prose
                standard = f"{match.group('a')}%～{match.group('b')}%"
                if match.group(0) == standard:
                    continue
                span = line.sub_span(*match.span())
                yield self.diagnostic(span, fix=Fix.replacing(span, standard), text=match.group(0),
                                      standard=standard)


_TIMES = "倍"
_TIMES_LESS = lazy(rf"(?:{DECREASE_VERBS})了?{SP}(?:{NUMBER}|[{CN_DIGITS}两]+){SP}{_TIMES}")


class TimesLess(Rule):
    """
    ## 作用
    检查“降低N倍”“减少N倍”之类的说法。

    ## 原因
    数量减少不能用倍数表示（减少1倍就是减到零）；GB/T 15835 及出版规范要求用分数或百分数表示减少。

    ## 示例
    `办理时限减少2倍`

    ## 改为
    `办理时限减少三分之二` 或 `办理时限缩短至原来的三分之一`

    ## 选项
    无。

    ## 修复
    无自动修复。
    """

    code = "P007"
    name = "times-less"
    severity = "warning"
    scope = "text"
    summary = Text("用倍数表示减少", "“降低N倍/减少N倍”")
    message = Text("“{text}”：减少不能用倍数表示", "“{text}”: a decrease cannot be given in times")
    help = Text("改用分数或百分数，如“减少三分之二”", "use a fraction or a percentage instead")
    basis = GBT_15835

    def check(self, report: Report):
        for line in report.text_lines():
            if _TIMES not in line.text:
                continue  # a line without 倍 cannot match: most lines are not scanned
            for match in _TIMES_LESS.finditer(line.text):
                yield self.diagnostic(line.sub_span(*match.span()), text=match.group(0))


@hookimpl
def relint_rules():
    return [RateOverHundred, PercentContradictsCounts, InconsistentMetric, PercentForPoints, PointsDisagree,
            PercentRangeForm, TimesLess]
