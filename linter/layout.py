"""The layout of a Word report as the layout rules (L) read it: page setup, page numbers,
and each paragraph's effective formatting (after styles, their inheritance, the document
defaults and the theme fonts have been applied). Only the .docx reader fills it; other
inputs have no layout and the L rules stay silent on them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSetup:
    """One section's paper and margins in millimetres (None: not stated in the file)."""

    width: float | None
    height: float | None
    top: float | None
    bottom: float | None
    left: float | None
    right: float | None


@dataclass(frozen=True)
class PageNumbers:
    present: bool  # a PAGE field in the footer
    size: float | None = None  # pt
    dashes: bool = False  # "— 1 —": dashes written around the number or Word's numberInDash format
    outside: bool = False  # odd pages right, even pages left (or a frame aligned "outside")


@dataclass(frozen=True)
class RunFormat:
    start: int  # 0-based character range in the paragraph's own text
    end: int
    font: str | None  # the East Asian font
    size: float | None  # pt
    bold: bool = False


@dataclass(frozen=True)
class ParagraphFormat:
    runs: tuple[RunFormat, ...]
    align: str | None = None  # w:jc: left/both/center/right/…
    line_rule: str | None = None  # "exact", "atLeast", "auto" (None: single spacing by default)
    line_height: float | None = None  # pt, from a fixed value or the document grid; None: unknown
    first_line_chars: float | None = None  # first-line indent in characters (negative: hanging)
    right_chars: float = 0.0  # right indent in characters
    left_chars: float = 0.0
    in_table: bool = False

    def format_of(self, start: int = 0, end: int | None = None) -> RunFormat | None:
        """The formatting of most of the text between ``start`` and ``end`` (whitespace not
        counted); None for a paragraph without text there."""
        weights: dict[tuple, int] = {}
        for run in self.runs:
            low, high = max(run.start, start), min(run.end, end if end is not None else run.end)
            if high > low:
                key = (run.font, run.size, run.bold)
                weights[key] = weights.get(key, 0) + high - low
        if not weights:
            return None
        font, size, bold = max(weights, key=weights.get)
        return RunFormat(start, end if end is not None else start, font, size, bold)


@dataclass(frozen=True)
class Layout:
    pages: tuple[PageSetup, ...]
    page_numbers: PageNumbers
    paragraphs: tuple[ParagraphFormat, ...]  # one per line of the source, in order

    def paragraph(self, line: int) -> ParagraphFormat | None:
        """The formatting of the paragraph on (1-based) ``line``."""
        return self.paragraphs[line - 1] if 0 < line <= len(self.paragraphs) else None
