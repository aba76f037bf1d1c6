"""Formulation rules (F): official formulations in a known wrong or outdated form.

F001-F003 are data (``data/formulations.toml``), the same ``[[patterns]]`` tables users
write, run by the one pattern engine in linter/patterns.py; F001 also takes the wrong →
right pairs of its declared option ``formulations`` (``[tool.relint.lint.F001]``). F004 compares the plenary sessions a
report lists with the dated list in ``data/plenaries.toml``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from linter import hookimpl, regex_code
from linter.model import Report
from linter.patterns import PatternRule, Swap, pattern_rules
from linter.regex import lazy
from linter.rule import Option, Rule, Text
from linter.tomlio import load_package_data
from linter.vocabulary import CN_DIGITS, cn_number

DATA = "data/formulations.toml"
#: the rule whose option (and the profile in force) adds wrong → right pairs
EXTENDED_BY_CONFIG = "F001"


class ExtendedFormulations(PatternRule):
    """F001: the data file's wrong forms, plus the pairs of its option ``formulations`` and of
    the deadline profile in force, whose wrong forms are literal text."""

    options = (Option("formulations", list, [], Text(
        "本地增加的“错误写法 → 正确写法”清单，每条写明 `wrong`、`right`、`reason`（错误写法按字面查找）；"
        "部署方案（`--profile`）带的清单一并检查",
        "local wrong → right pairs, each with `wrong`, `right` and `reason` (the wrong form is literal text); "
        "the pairs of the deadline profile in force are checked too"),
        keys=("wrong", "right", "reason"), legacy="formulations"),)

    def extra_swaps(self) -> tuple[Swap, ...]:
        profile = getattr(self.settings, "applied_profile", None)
        pairs = tuple(profile.formulations if profile is not None else ()) + tuple(self.option("formulations"))
        return tuple(Swap(regex_code.compile(re.escape(p["wrong"])), p["right"], p["reason"]) for p in pairs)


@lru_cache(maxsize=1)
def formulation_rules() -> tuple[type[Rule], ...]:
    from linter.config import SCHEMA

    # validated as a user's [[patterns]] are: one schema for built-in and user rules
    tables = SCHEMA["patterns"][1](DATA, "patterns", load_package_data("linter.rules", DATA)["patterns"])
    extended = [t for t in tables if t["code"] == EXTENDED_BY_CONFIG]
    rules = {**pattern_rules([t for t in tables if t["code"] != EXTENDED_BY_CONFIG], module=__name__),
             **pattern_rules(extended, base=ExtendedFormulations, module=__name__)}
    return tuple(rules[code] for code in sorted(rules))


#: A listing of plenary sessions of one Central Committee: 二十届二中、三中全会 (each item
#: may repeat the 届: 二十届二中全会和二十届三中全会).
_SESSION = rf"[{CN_DIGITS}]{{1,2}}中(?:全会)?"
LISTING = lazy(rf"(?P<congress>[{CN_DIGITS}]{{1,3}})届(?P<items>{_SESSION}"
                     rf"(?:(?:[、，,和及与]|以及)(?:[{CN_DIGITS}]{{1,3}}届)?{_SESSION})+)")
#: what every match of LISTING holds (tests/test_needles.py)
LISTING_NEEDLE = "届"
_ITEM = lazy(rf"([{CN_DIGITS}]{{1,2}})中")


@lru_cache(maxsize=1)
def plenary_sessions() -> tuple[dict, ...]:
    return tuple(load_package_data("linter.rules", "data/plenaries.toml")["session"])


def latest_session(before: dt.date) -> dict | None:
    """The latest plenary session that ended before ``before``."""
    held = [s for s in plenary_sessions() if s["held"][1] < before]
    return max(held, key=lambda s: (s["congress"], s["number"]), default=None)


def held_days(start: dt.date, end: dt.date) -> str:
    """2025年10月20日至23日 (the days a session was held, as the communiqués write them)."""
    first = f"{start.year}年{start.month}月{start.day}日"
    if start == end:
        return first
    return first + "至" + (f"{end.day}日" if start.month == end.month else f"{end.month}月{end.day}日")


class PlenaryListingOutdated(Rule):
    """
    ## 作用
    报告列举中央委员会历次全会时（如“二十届二中、三中全会精神”），检查是否漏了成文日期前已召开的最近一次全会。
    只看列举两次以上全会的写法；只提一次全会（“二十届三中全会精神”）是在讲那次全会，不报告。
    全会及其日期在 `rules/data/plenaries.toml` 中，每条注明出处；没有成文日期时以报告年度的12月31日为准。

    ## 原因
    列举全会精神而漏掉最近一次，说明报告沿用旧稿，没有跟上最新部署，评估时作为提法过时指出。

    ## 示例
    2025年度报告（2026年2月成文）：`深入贯彻党的二十大和二十届二中、三中全会精神`

    ## 改为
    `深入贯彻党的二十大和二十届历次全会精神`，或列全：`二十届二中、三中、四中全会精神`

    ## 选项
    无。新的全会召开后在 `rules/data/plenaries.toml` 中增加一条。

    ## 修复
    无自动修复。
    """

    code = "F004"
    name = "plenary-listing-outdated"
    severity = "info"
    kinds = ("annual", "duty")
    scope = "text"
    summary = Text("列举的全会漏了最近一次", "listed plenary sessions omit the latest one")
    message = Text("列举了“{listed}”，漏了成文日期前已召开的{latest}（{held}）",
                   "lists “{listed}” but not the latest session before the report's date, {latest} ({held})")
    help = Text("写“历次全会”，或把最近一次全会列上", "write 历次全会, or add the latest session")
    basis = Text("中央委员会全体会议公报（见 rules/data/plenaries.toml）",
                 "the communiqués of the Central Committee's plenary sessions (rules/data/plenaries.toml)")

    def check(self, report: Report):
        when = report.date or (dt.date(report.year, 12, 31) if report.year else None)
        latest = latest_session(when) if when else None
        if latest is None:
            return
        for line in report.text_lines():
            if LISTING_NEEDLE not in line.text:
                continue  # a string search: the pattern starts at every Chinese numeral
            for match in LISTING.finditer(line.text):
                numbers = [cn_number(n) for n in _ITEM.findall(match["items"])]
                if (cn_number(match["congress"]) == latest["congress"] and latest["number"] not in numbers
                        and max(numbers) < latest["number"] and match.group().endswith("全会")):
                    yield self.diagnostic(line.sub_span(*match.span()), listed=match.group(), latest=latest["name"],
                                          held=held_days(*latest["held"]))


@hookimpl
def relint_rules():
    return [*formulation_rules(), PlenaryListingOutdated]
