"""Fixed-layout pages (PDF, OFD) back into paragraphs.

A fixed-layout file holds glyphs at positions, not paragraphs. Readers hand each page's
glyphs here (y grows upwards); they are grouped into lines by position and sorted left to
right (converters emit some marks, e.g. quotation marks, in separate runs after the rest
of the line). A line that reaches the right margin continues in the next one unless that
one is indented, so the layout's line breaks (and page breaks) are joined away; running
headers, footers and page numbers ("— 3 —") are dropped. Spaces a reader marks as
*generated* (pdfium makes them from gaps between glyphs) are layout, not text; a gap
between two Latin words without a space glyph still becomes a space.

Model lines are paragraphs; display lines are the page lines in order (``pages`` says
which page each is on), and every character of a paragraph maps to its page line.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from linter.sources import Source

_PAGE_NUMBER = re.compile(r"^[-—–－~～\s]*(?:第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+(?:\s*/\s*\d+)?)[-—–－~～\s]*$")
_WORDISH = re.compile(r"[0-9A-Za-z%.]")


def page_lines(glyphs, number: int) -> list[Line]:
    """``glyphs`` of page ``number`` — (char, left, right, size, generated, bottom, top) —
    grouped into lines (top to bottom), each sorted left to right."""
    lines: list[Line] = []
    for glyph in sorted(glyphs, key=lambda g: -(g[5] + g[6]) / 2):
        middle = (glyph[5] + glyph[6]) / 2
        line = lines[-1] if lines else None
        if line is None or not line.bottom <= middle <= line.top:
            line = Line(number, glyph[6], glyph[5])
            lines.append(line)
        line.chars.append(glyph[:5])
    for line in lines:
        line.chars.sort(key=lambda c: c[1])
        while line.chars and line.chars[-1][0] == " ":
            line.chars.pop()
    return [line for line in lines if line.text().strip()]


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    chars: list = field(default_factory=list)  # (text, left, right, size, generated)

    @property
    def left(self) -> float:
        return self.chars[0][1]

    @property
    def right(self) -> float:
        return self.chars[-1][2]

    @property
    def size(self) -> float:
        return statistics.median(c[3] for c in self.chars) or 12.0

    def text(self) -> str:
        """The characters the text layer holds, in left-to-right order."""
        out = []
        for index, (char, left, _right, size, generated) in enumerate(self.chars):
            if generated:
                continue
            if out and out[-1] != " " and _WORDISH.match(out[-1]) and _WORDISH.match(char):
                gap = left - self.chars[index - 1][2]
                if gap > 0.25 * size:  # a word gap with no space glyph
                    out.append(" ")
            out.append(char)
        return "".join(out)


def _furniture(pages: list[list[Line]]) -> set[int]:
    """ids of the header, footer and page-number lines: a page's first or last line that is
    a page number, or whose text recurs at the top or bottom of other pages."""
    edges = [(line, line.text().strip()) for lines in pages for line in (lines[:1] + lines[-1:])]
    counts: dict[str, int] = {}
    for _, text in edges:
        counts[re.sub(r"\d+", "#", text)] = counts.get(re.sub(r"\d+", "#", text), 0) + 1
    found = set()
    for line, text in edges:
        if _PAGE_NUMBER.match(text) or (len(pages) > 2 and counts[re.sub(r"\d+", "#", text)] > len(pages) // 2):
            found.add(id(line))
    return found


def _starts_paragraph(line: Line, previous: Line | None, left: float, right: float) -> bool:
    if previous is None:
        return True
    size = line.size
    if abs(size - previous.size) > 1 or previous.right < right - size * 1.5:
        return True  # the previous line stopped short: its paragraph ended there
    centred = abs((line.left - left) - (right - line.right)) < size
    if line.left > left + size * 1.5 and not centred:
        return True  # first-line indent (the last line of a centred title is not one)
    if line.page == previous.page and previous.bottom - line.top > size * 1.2:
        return True  # a blank line between them
    ending = previous.text().rstrip()[-1:]
    return bool(ending) and ending in "。！？：；" and line.left > left + size * 0.5


def _paragraphs(lines: list[Line]):
    """Lines grouped into paragraphs (lists of lines)."""
    if not lines:
        return []
    left = min(line.left for line in lines)
    right = max(line.right for line in lines)
    groups: list[list[Line]] = []
    previous = None
    for line in lines:
        if _starts_paragraph(line, previous, left, right):
            groups.append([])
        groups[-1].append(line)
        previous = line
    return groups


def to_source(path: str, pages: list[list[Line]], format: str) -> Source:
    skip = _furniture(pages)
    display, page_of = [], []
    body: list[tuple[Line, int]] = []  # each body line with its display line number
    for lines in pages:
        for line in lines:
            display.append(line.text())
            page_of.append(line.page)
            if id(line) not in skip:
                body.append((line, len(display)))
    number_of = {id(line): number for line, number in body}
    lines, positions, line_map = [], {}, []
    for group in _paragraphs([line for line, _ in body]):
        text, places = "", []
        for line in group:
            piece = line.text()
            if text and _WORDISH.match(text[-1]) and _WORDISH.match(piece[0]):
                text += " "
                places.append(places[-1])
            number = number_of[id(line)]
            text += piece
            places.extend((number, column) for column in range(1, len(piece) + 1))
        positions[len(lines)] = places
        line_map.append(places[0][0])
        lines.append(text)
    return Source(path=path, text="\n".join(lines), lines=lines, format=format, line_map=line_map,
                  positions=positions, display_lines=display, pages=page_of)
