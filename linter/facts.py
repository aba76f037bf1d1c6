"""Facts found in the text of a report, with their spans: dates, years and year ranges,
percentages and percentage points, counts with units.

Extraction is deliberately literal: each fact records what was written (the text, the
number of decimals, the form of a date) and where; judging whether it is right is the
rules' job. Dates without a year are resolved to the report year, or to the plan year
inside the plan part.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from linter.lines import cn_number
from linter.model import Span, TextLine

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_SP = r"[ \t\u3000]*"

_DATE_PATTERNS = (
    ("arabic", re.compile(rf"(?<![\d.．\-])(?P<y>\d{{4}}){_SP}年{_SP}(?P<m>\d{{1,2}}){_SP}月{_SP}(?P<d>\d{{1,2}}){_SP}[日号]")),
    ("chinese", re.compile(r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})[日号]")),
    ("dotted", re.compile(r"(?<![\d.．A-Za-z])(?P<y>(?:19|20)\d{2})[.．](?P<m>\d{1,2})[.．](?P<d>\d{1,2})(?![\d.．%％])")),
    ("iso", re.compile(r"(?<![\d\-A-Za-z])(?P<y>(?:19|20)\d{2})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?![\d\-/])")),
    ("no-year", re.compile(rf"(?<![\d年\-.．])(?P<m>\d{{1,2}}){_SP}月{_SP}(?P<d>\d{{1,2}}){_SP}[日号]")),
)
_YEAR = re.compile(rf"(?<![\d.．\-])(?P<y>(?:19|20)\d{{2}}){_SP}(?:[—–\-－~～至到]{_SP}(?P<end>(?:19|20)\d{{2}}){_SP})?年(?P<du>度)?")
_PERCENT = re.compile(rf"(?P<num>\d+(?:[.．]\d+)?){_SP}(?P<sign>[%％])(?P<q>{_SP}(?:以上|以下|左右|以内|之内))?")
_POINTS = re.compile(rf"(?P<num>\d+(?:[.．]\d+)?){_SP}个{_SP}百分点")
_COUNT = re.compile(rf"(?<![\d.．])(?P<num>\d+(?:[.．]\d+)?){_SP}(?P<unit>件次|人次|余件|余人|件|人|个|项|次|起|场|期|家|名|条|份|卷|本|册|批|户)")
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")


@dataclass(frozen=True)
class DateFact:
    text: str
    span: Span
    form: str  # arabic | chinese | dotted | iso | no-year
    year: int | None  # as written (None for no-year)
    month: int
    day: int
    date: dt.date | None  # resolved; None when impossible or no year could be supplied
    part: str | None  # mandated element of the part it stands in


@dataclass(frozen=True)
class YearFact:
    text: str
    span: Span
    year: int
    end: int | None  # for a range such as 2021—2025年
    part: str | None
    sentence_start: bool  # "2025年，…": the year a passage is about
    in_heading: bool


@dataclass(frozen=True)
class PercentFact:
    text: str
    span: Span
    value: float
    decimals: int
    qualifier: str | None
    points: bool  # "个百分点" rather than "%"
    before: str  # the clause before the number (for the metric it belongs to)
    sentence: str
    sentence_at: tuple[int, int]  # (line, column) where the sentence starts: identifies it
    part: str | None


@dataclass(frozen=True)
class CountFact:
    text: str
    span: Span
    value: float
    unit: str
    sentence: str
    sentence_at: tuple[int, int]
    part: str | None


@dataclass
class Facts:
    dates: list[DateFact]
    years: list[YearFact]
    percents: list[PercentFact]
    counts: list[CountFact]


def _number(text: str) -> tuple[float, int]:
    text = text.replace("．", ".")
    return float(text), len(text.split(".")[1]) if "." in text else 0


def _sentence(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence around ``start..end`` and where it begins."""
    begin = 0
    for match in _CLAUSE_END.finditer(text, 0, start):
        begin = match.end()
    stop = _CLAUSE_END.search(text, end)
    return text[begin:stop.start() if stop else len(text)], begin


def _clause_before(text: str, start: int) -> str:
    begin = max((m.end() for m in re.finditer(r"[，,。；;：:！？!?]", text[:start])), default=0)
    return text[begin:start]


def _resolve(form: str, groups: dict) -> tuple[int | None, int | None, int | None]:
    if form == "chinese":
        written = int("".join(str(_CN_DIGIT[c]) for c in groups["y"]))
        return written, cn_number(groups["m"]), cn_number(groups["d"])
    written = int(groups["y"]) if groups.get("y") else None
    return written, int(groups["m"]), int(groups["d"])


def extract(lines: list[tuple[TextLine, str | None, bool]], report_year: int | None) -> Facts:
    """Facts of ``lines``: each a text line, the mandated element of its part, and
    whether the line is a heading."""
    dates, years, percents, counts = [], [], [], []
    for line, part, heading in lines:
        text = line.text
        taken: list[tuple[int, int]] = []
        for form, pattern in _DATE_PATTERNS:
            for match in pattern.finditer(text):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue
                taken.append(match.span())
                written, month, day = _resolve(form, match.groupdict())
                if month is None or day is None:
                    continue
                year = written
                if year is None and report_year is not None:
                    year = report_year + 1 if part == "plan" else report_year
                try:
                    resolved = dt.date(year, month, day) if year else None
                except ValueError:
                    resolved = None
                dates.append(DateFact(match.group(0), line.sub_span(*match.span()), form, written, month, day,
                                      resolved, part))
        for match in _YEAR.finditer(text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            before = text[:match.start()].rstrip(" \t\u3000")
            quoted = before.count("《") > before.count("》")  # a year in a document's name
            sentence_start = (not quoted and (not before or before[-1] in "。；;！？!?：:")
                              and text[match.end():match.end() + 1] in ("，", ","))
            # in a heading, only its leading phrase names the year the part is about
            leading = heading and not quoted and not re.search(r"[，,；;：:]", before)
            end = int(match.group("end")) if match.group("end") else None
            years.append(YearFact(match.group(0), line.sub_span(*match.span()), int(match.group("y")), end, part,
                                  sentence_start, leading))
        for pattern, points in ((_PERCENT, False), (_POINTS, True)):
            for match in pattern.finditer(text):
                value, decimals = _number(match.group("num"))
                sentence, begin = _sentence(text, match.start(), match.end())
                qualifier = match.group("q").strip() if not points and match.group("q") else None
                percents.append(PercentFact(match.group(0), line.sub_span(*match.span()), value, decimals, qualifier,
                                            points, _clause_before(text, match.start()), sentence,
                                            (line.span.line, line.span.column + begin), part))
        for match in _COUNT.finditer(text):
            value, _ = _number(match.group("num"))
            sentence, begin = _sentence(text, match.start(), match.end())
            counts.append(CountFact(match.group(0), line.sub_span(*match.span()), value, match.group("unit"),
                                    sentence, (line.span.line, line.span.column + begin), part))
    return Facts(dates, years, percents, counts)
