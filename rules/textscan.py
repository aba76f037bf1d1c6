"""What the typography rules share: character classes, the lines of body text with the
spans they must leave alone (heading marks, URLs), and lines broken by copy-paste."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from linter.joined import Joined, joined, lines_holding
from linter.model import Paragraph, Report, Span, TextLine
from linter.regex import lazy
from linter.rule import made
from linter.vocabulary import BLANK, CJK, SENTENCE_OPENER

#: Full-width and CJK punctuation, and the curly quotes Chinese text uses.
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u201c\u201d\u2018\u2019\u2026\u2014"
_CJK_CHAR = lazy(f"[{CJK}]")
_CJK_CONTEXT = lazy(f"[{CJK}{CJK_PUNCT}]")
_PROTECTED = lazy(r"https?://\S+|www\.[\w.-]+\S*|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+")
#: what every match of _PROTECTED holds: a line without them is not scanned (the e-mail
#: branch would try every run of Chinese characters, which are word characters to a regex)
_PROTECTED_NEEDLES = ("http", "www.", "@")
#: A line that ends with one of these ends a sentence or a clause that may stand alone.
#: How a finished sentence ends; "**" after it is copy-paste debris (T004), not a cut.
_TERMINAL = lazy(r"[。！？!?；;：:…”’」』）)】][*\s]*$")


# Asked of one character at a time, thousands of times a report, of a few hundred
# different characters: a cached answer costs a fifth of a regex match.
@lru_cache(maxsize=4096)
def is_cjk(char: str) -> bool:
    return bool(char) and bool(_CJK_CHAR.match(char))


@lru_cache(maxsize=4096)
def is_cjk_context(char: str) -> bool:
    return bool(char) and bool(_CJK_CONTEXT.match(char))


@dataclass(frozen=True)
class ScanLine:
    """A line of text to scan, with the character ranges no typography rule may touch."""

    line: TextLine
    protected: tuple[tuple[int, int], ...]
    #: a table row (cells, not prose: spaces there align columns)
    table: bool = False
    #: front matter around the title (issuer, byline, author): spaces there separate its fields
    front: bool = False

    def is_protected(self, start: int, end: int | None = None) -> bool:
        if not self.protected:  # most lines
            return False
        end = start + 1 if end is None else end
        return any(a < end and start < b for a, b in self.protected)


#: Stretches inside a line that are not prose (see linter.normalise): the W rules report them.
NOT_PROSE = ("mojibake", "gloss", "filtered", "spaced")


def scan_lines(report: Report) -> tuple[ScanLine, ...]:
    """Every text line of the report; heading marks (N003's business), URLs, e-mail
    addresses and what is not prose (mojibake, pinyin glosses, filtered words, letter-spaced
    lines: the W rules' business) are protected. Computed once per report for all typography
    rules."""
    return report.memo("scan_lines", lambda: tuple(_scan_lines(report)))


def _scan_lines(report: Report) -> Iterator[ScanLine]:
    marks = {}
    for section in report.walk():
        heading = section.heading
        if heading.mark:
            marks[(heading.span.line, heading.span.column)] = len(heading.mark)
    stretches: dict[int, list] = {}
    for stretch in report.page_text(*NOT_PROSE):
        stretches.setdefault(stretch.span.line, []).append(stretch.span)
    rows = report.page_text("table")
    row_ids = {id(row) for row in rows}  # sets: a long table must not make this quadratic
    front_ids = {id(line) for line in report.front}
    # the needles looked for in the whole text first: most reports hold no URL or address
    joined = scan_text(report)
    needles = [needle for needle in _PROTECTED_NEEDLES if needle in joined]
    for line in _lines(report):
        text = line.text
        protected = ([m.span() for m in _PROTECTED.finditer(text)]
                     if needles and any(needle in text for needle in needles) else [])
        offset = line.span.column
        protected += [(span.column - offset, span.end_column - offset) for span in stretches.get(line.span.line, ())]
        mark = marks.get((line.span.line, line.span.column))
        if mark:
            protected.append((0, mark))
        # made as the unpickler makes it (see linter.rule.made): one per line of every report
        yield made(ScanLine, {"line": line, "protected": tuple(protected), "table": id(line) in row_ids,
                              "front": id(line) in front_ids})


def _lines(report: Report) -> list:
    """The lines the scan lines are made of, in their order."""
    return [*report.front, *report.text_lines(), *report.page_text("table")]


def scan_text(report: Report) -> str:
    """The text of every scan line, one after the other (a line's text holds no line break):
    where a rule finds out at once whether the report holds a character or a phrase at all."""
    return _joined(report).text


def _joined(report: Report) -> Joined:
    return report.memo("scan_joined", lambda: joined([line.text for line in _lines(report)]))


def holding(report: Report, needles: Iterable[str]) -> list[ScanLine]:
    """The scan lines that hold one of ``needles``: the strings one of which every match of
    a rule's pattern holds (see linter.joined)."""
    found = lines_holding(_joined(report), needles)
    if not found:  # most rules' needles, in most reports
        return []
    lines = scan_lines(report)
    return [lines[index] for index in found]


def find(report: Report, pattern: re.Pattern, needles: Iterable[str] | None = None) -> Iterator[tuple[re.Match, Span]]:
    """Matches of ``pattern`` in the report's text with their spans, except those that
    touch a protected range (heading marks, URLs, e-mail addresses). ``needles``: strings
    one of which every match holds (see :func:`holding`); only the lines holding one are read."""
    for scan in scan_lines(report) if needles is None else holding(report, needles):
        for match in pattern.finditer(scan.line.text):
            if not scan.is_protected(*match.span()):
                yield match, scan.line.sub_span(*match.span())


def short(text: str, limit: int = 24) -> str:
    """``text`` cut to ``limit`` characters for a message."""
    return text if len(text) <= limit else text[:limit] + "…"


def neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The nearest non-blank characters before ``start`` and after ``end``."""
    while start > 0 and text[start - 1] in BLANK:
        start -= 1
    while end < len(text) and text[end] in BLANK:
        end += 1
    return (text[start - 1] if start > 0 else ""), (text[end] if end < len(text) else "")


def bodies(report: Report) -> Iterator[list[TextLine]]:
    """The body text of the preamble and of each section, in order: a heading's run-in
    text ("（一）标题。正文……") comes first in its section."""
    yield list(report.preamble)
    for section in report.walk():
        yield list(section.body())


def _continues(first: TextLine, second: TextLine) -> bool:
    """``second`` carries on the sentence ``first`` broke off (it does not open a new
    enumerated item, nor a new sentence: a paragraph that lost its full stop, "增长7.5%8.6%"
    above "一年来，我们…", is not a broken line)."""
    return (not _TERMINAL.search(first.text) and not (isinstance(second, Paragraph) and second.enum)
            and not SENTENCE_OPENER.match(second.text))


def broken_pairs(report: Report) -> Iterator[tuple[TextLine, TextLine]]:
    """Consecutive lines of body text where the first stops mid-sentence and the second
    carries on: a sentence broken across lines or pages. Headings, titles and the
    signature block never take part."""
    for lines in bodies(report):
        for first, second in zip(lines, lines[1:]):
            # Only empty lines may stand between: furniture or a table between them is not a
            # line break to remove, and pieces of one line cut around a watermark are not broken.
            if _continues(first, second) and report.blank_between(first, second):
                yield first, second


def cut_off(report: Report) -> TextLine | None:
    """The report's last line of text when it stops mid-sentence: the copy was cut there (a
    page's excerpt, a truncated file), and what it leaves open continues past the text."""
    lines = report.text_lines()
    last = max(lines, key=lambda line: line.span, default=None)
    return last if last is not None and not _TERMINAL.search(last.text) else None


def logical_paragraphs(report: Report) -> Iterator[list[TextLine]]:
    """Body text with the lines a broken sentence was split into joined into one list."""
    for lines in bodies(report):
        group: list[TextLine] = []
        for line in lines:
            if group and not _continues(group[-1], line):
                yield group
                group = []
            group.append(line)
        if group:
            yield group


def join_span(first: TextLine, second: TextLine) -> Span:
    """From the end of ``first`` to the start of ``second``: the break between them."""
    return Span(first.span.line, first.span.end_column, second.span.line, second.span.column)
