"""Facts found in the text of a report, with their spans: dates, years and year ranges,
percentages and percentage points, counts with units, changes of a rate.

Extraction is deliberately literal: each fact records what was written (the text, the
number of decimals, the form of a date) and where; judging whether it is right is the
rules' job. Dates without a year are resolved to the report year, or to the plan year
inside the plan part.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from linter.model import Span, TextLine, stored_at_once
from linter.regex import lazy
from linter.vocabulary import (
    BLANK,
    CHANGE_IN_PERCENT,
    CHANGE_WITH_ENDPOINTS,
    COUNT,
    DATE_FORMS,
    DAY_AFTER_MONTH,
    MONTH_AFTER_YEAR,
    PERCENT,
    POINTS,
    YEAR_IN_TEXT,
    cn_number,
    cn_year,
    number_value,
)

_CLAUSE_END = lazy(r"[。；;！？!?\n]")
_CLAUSE_MARK = lazy(r"[，,。；;：:！？!?]")


@stored_at_once
@dataclass(frozen=True)
class DateFact:
    text: str
    span: Span
    form: str  # arabic | chinese | dotted | iso | no-year
    year: int | None  # as written (None for no-year)
    month: int
    day: int
    date: dt.date | None  # resolved; None when impossible or no year could be supplied
    part: str | None  # role of the mandated part it stands in (see ElementSpec.role)
    sentence: str = ""  # the sentence it stands in (for its tense)


@stored_at_once
@dataclass(frozen=True)
class YearFact:
    text: str
    span: Span
    year: int
    end: int | None  # for a range such as 2021—2025年
    part: str | None
    sentence_start: bool  # "2025年，…": the year a passage is about
    in_heading: bool
    quoted: bool = False  # in a document's name (《…2024年…》)
    month: int | None = None  # the month written right after it ("2024年3月")
    sentence: str = ""  # the sentence it stands in (for its tense)


@stored_at_once
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


@stored_at_once
@dataclass(frozen=True)
class CountFact:
    text: str
    span: Span
    value: float
    unit: str
    sentence: str
    sentence_at: tuple[int, int]
    part: str | None


@stored_at_once
@dataclass(frozen=True)
class ChangeFact:
    """A change stated for a rate: "提高5%" or, with its endpoints, "由60%提高到70%，提高10个百分点"."""

    text: str
    span: Span
    change_span: Span  # the stated change ("10个百分点" with what follows the endpoints)
    change: str  # the number of the change as written
    points: bool  # "个百分点" rather than "%"
    start: str | None  # the endpoints as written, when given
    end: str | None
    clause: str  # the clause before the change (for the metric it belongs to)
    part: str | None

    @property
    def decimals(self) -> int:
        """The most decimals any of its numbers was written with."""
        return max(number_value(n)[1] for n in (self.change, self.start, self.end) if n is not None)


@dataclass(frozen=True)
class Facts:
    """The facts of a report, read-only as the rest of the model."""

    dates: tuple[DateFact, ...]
    years: tuple[YearFact, ...]
    percents: tuple[PercentFact, ...]
    counts: tuple[CountFact, ...]
    changes: tuple[ChangeFact, ...]

    def quantities_on(self, lines: set[int]) -> int:
        """How many quantities (counts, percentages, dates) stand on the given lines."""
        return sum(1 for fact in (*self.counts, *self.percents, *self.dates) if fact.span.line in lines)


class _Boundaries:
    """Sentence and clause boundaries of one line, found once and only when first asked
    (most lines hold no fact that needs them): looking them up for each fact by scanning the
    text before it would be quadratic on a long line. Plain attributes rather than
    ``cached_property``, whose lock costs more than the lists on a short line."""

    __slots__ = ("text", "_sentence_ends", "_clause_ends")

    def __init__(self, text: str):
        self.text = text
        self._sentence_ends: list[int] | None = None
        self._clause_ends: list[int] | None = None

    def sentence(self, start: int, end: int) -> tuple[str, int]:
        """The sentence around ``start..end`` and where it begins."""
        if self._sentence_ends is None:
            self._sentence_ends = [m.end() for m in _CLAUSE_END.finditer(self.text)]
        ends = self._sentence_ends
        before = bisect_right(ends, start)
        begin = ends[before - 1] if before else 0
        after = bisect_left(ends, end + 1)
        stop = ends[after] - 1 if after < len(ends) else len(self.text)
        return self.text[begin:stop], begin

    def clause_before(self, start: int) -> str:
        if self._clause_ends is None:
            self._clause_ends = [m.end() for m in _CLAUSE_MARK.finditer(self.text)]
        index = bisect_right(self._clause_ends, start)
        return self.text[self._clause_ends[index - 1] if index else 0:start]

    def first_clause_mark(self) -> int:
        found = _CLAUSE_MARK.search(self.text)
        return found.start() if found else len(self.text)


#: What every date of a form contains: the separators of 2023.3.7 and 2023-03-07, or (the other
#: forms) a day after 月. A form's pattern only runs on lines that have it: few lines have a
#: separator or 月, and most of those hold decimals, or name a month without a day (2023年3月,
#: 3月至12月). Looking for two characters, or for 月 (which the engine finds quickly), costs
#: less than one scan with a pattern that starts with a digit.
_FORM_MARKS = {"dotted": ".．", "iso": "-/"}
_DAY_AFTER_MONTH = lazy(DAY_AFTER_MONTH)


_DIGIT = lazy(r"\d")
#: What every fact holds: a digit (years, percentages, counts, changes and all dates but
#: one form) or 月 (a date in Chinese numerals, 二〇二三年三月七日).
_MAY_HOLD_FACT = lazy(r"[\d月]")


def _has_percent(text: str) -> bool:
    """Whether ``text`` may hold a percentage or percentage points (what those patterns need)."""
    return "%" in text or "％" in text or "百分点" in text


def _dates_in(text: str, taken: bytearray):
    """Dates written in ``text`` as (match, form, year as written, month, day), each
    character belonging to at most one date (the more explicit forms are tried first).
    ``taken`` records the characters used."""
    with_day = "月" in text and _DAY_AFTER_MONTH.search(text) is not None
    for form, pattern in DATE_FORMS:
        if not (any(map(text.__contains__, _FORM_MARKS[form])) if form in _FORM_MARKS else with_day):
            continue
        for match in pattern.finditer(text):
            if any(taken[match.start():match.end()]):
                continue
            taken[match.start():match.end()] = b"\x01" * (match.end() - match.start())
            groups = match.groupdict()
            if form == "chinese":
                written = cn_year(groups["y"])
                month, day = cn_number(groups["m"]), cn_number(groups["d"])
            else:
                written = int(groups["y"]) if groups.get("y") else None
                month, day = int(groups["m"]), int(groups["d"])
            if month is not None and day is not None:
                yield match, form, written, month, day


def _calendar_date(year: int | None, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day) if year else None
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The calendar date written in a date line (2023年3月7日, 二〇二三年三月七日, 2023.3.7,
    2023-03-07), or None when it names no possible date with its year."""
    for _, _, written, month, day in _dates_in(text, bytearray(len(text))):
        return _calendar_date(written, month, day)
    return None


def extract(lines: list[tuple[TextLine, str | None, bool]], report_year: int | None) -> Facts:
    """Facts of ``lines``: each a text line, the role of the mandated part it stands in, and
    whether the line is a heading."""
    dates, years, percents, counts, changes = [], [], [], [], []
    for line, part, heading in lines:
        text = line.text
        held = _MAY_HOLD_FACT.search(text)
        if held is None:  # half the lines: nothing below can match them
            continue
        # years, percentages and counts start with a digit: their scans start at the first one
        # (their look back still sees the text before it)
        digit = _DIGIT.search(text, held.start())
        numbers = digit.start() if digit else len(text)
        bounds = _Boundaries(text)
        taken = bytearray(len(text))  # characters already part of a date
        for match, form, written, month, day in _dates_in(text, taken):
            year = written
            if year is None and report_year is not None:
                year = report_year + 1 if part == "plan" else report_year
            dates.append(DateFact(match.group(0), line.sub_span(*match.span()), form, written, month, day,
                                  _calendar_date(year, month, day), part,
                                  bounds.sentence(match.start(), match.end())[0]))
        depth, scanned = 0, 0  # 书名号 depth, counted up to ``scanned`` as the years come in order
        for match in YEAR_IN_TEXT.finditer(text, numbers) if "年" in text else ():
            start = match.start()
            depth += text.count("《", scanned, start) - text.count("》", scanned, start)
            scanned = start
            if taken[start]:
                continue
            previous = start - 1
            while previous >= 0 and text[previous] in BLANK:
                previous -= 1
            quoted = depth > 0  # a year in a document's name
            sentence_start = (not quoted and (previous < 0 or text[previous] in "。；;！？!?：:")
                              and text[match.end():match.end() + 1] in ("，", ","))
            # in a heading, only its leading phrase names the year the part is about
            leading = heading and not quoted and bounds.first_clause_mark() >= start
            end = int(match.group("end")) if match.group("end") else None
            month = MONTH_AFTER_YEAR.match(text, match.end()) if not match.group("du") else None
            years.append(YearFact(match.group(0), line.sub_span(*match.span()), int(match.group("y")), end, part,
                                  sentence_start, leading, quoted,
                                  (int(month.group("m")) if month.group("m").isdigit() else cn_number(month.group("m")))
                                  if month else None,
                                  bounds.sentence(match.start(), match.end())[0]))
        for pattern, points in ((PERCENT, False), (POINTS, True)) if _has_percent(text) else ():
            if points and "百分点" not in text:  # the percent sign let the line in
                continue
            for match in pattern.finditer(text, numbers):
                value, decimals = number_value(match.group("num"))
                sentence, begin = bounds.sentence(match.start(), match.end())
                qualifier = match.group("q").strip() if not points and match.group("q") else None
                percents.append(PercentFact(match.group(0), line.sub_span(*match.span()), value, decimals, qualifier,
                                            points, bounds.clause_before(match.start()), sentence,
                                            (line.span.line, line.span.column + begin), part))
        for match in COUNT.finditer(text, numbers):
            value, _ = number_value(match.group("num"))
            sentence, begin = bounds.sentence(match.start(), match.end())
            counts.append(CountFact(match.group(0), line.sub_span(*match.span()), value, match.group("unit"),
                                    sentence, (line.span.line, line.span.column + begin), part))
        changes.extend(_changes(line, bounds, part))
    return Facts(tuple(dates), tuple(years), tuple(percents), tuple(counts), tuple(changes))


def _changes(line: TextLine, bounds: _Boundaries, part: str | None):
    """Changes of a rate on ``line``: those with their endpoints first, then changes in
    percent that are not the tail of one of those."""
    if not _has_percent(line.text):  # both patterns end in a percent sign
        return
    covered = []
    for match in CHANGE_WITH_ENDPOINTS.finditer(line.text):
        covered.append(match.span())
        yield ChangeFact(match.group(0), line.sub_span(*match.span()), line.sub_span(match.start("c"), match.end()),
                         match.group("c"), "百分点" in match.group("unit"), match.group("a"), match.group("b"),
                         bounds.clause_before(match.start()), part)
    for match in CHANGE_IN_PERCENT.finditer(line.text):
        if any(a <= match.start() < b for a, b in covered):
            continue
        span = line.sub_span(*match.span())
        yield ChangeFact(match.group(0).strip(), span, span, match.group("c"), False, None, None,
                         bounds.clause_before(match.start()), part)
