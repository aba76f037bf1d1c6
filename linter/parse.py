"""Classified lines → Lark LALR parse → document structure.

The grammar lives in ``grammar/report.lark``. Lark sees the lines through
:class:`LineLexer`, a post-lexer that turns GB/T 9704 heading levels into
``_INDENT``/``_DEDENT`` tokens, each line's token carrying the line. The parser applies
:class:`ToDocument` as it reduces each rule (Lark's embedded transformer, LALR only), which
turns the lines into :class:`Document` values and attaches their positions: no parse tree
is built and walked again.

:func:`parse_lines` never raises: if the classified lines ever fail to parse, they are
parsed again with every line demoted to body text or heading.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError
from lark.lexer import Lexer

from linter.lines import Line, classify
from linter.model import Heading, Paragraph, Section, Span, TextLine
from linter.vocabulary import BLANK

_PARSER: Lark | None = None
#: Line kinds that are not part of the report's structure.
OUTSIDE = ("FURNITURE", "TABLE")


@dataclass
class Segment:
    """A run of the document that ends with a closing block (or the end)."""

    front: list[TextLine] = field(default_factory=list)  # FRONT and ISSUER lines
    title: list[TextLine] = field(default_factory=list)
    authors: list[TextLine] = field(default_factory=list)
    salutation: TextLine | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    signature: list[TextLine] = field(default_factory=list)
    dates: list[TextLine] = field(default_factory=list)


@dataclass
class Document:
    segments: list[Segment]
    lines: list[Line]
    #: page furniture and table lines, outside the report's structure (see linter.normalise)
    furniture: list[Line] = field(default_factory=list)


def _token(line: Line) -> Token:
    """The token of a classified line: its kind, and the line itself as its value, which
    Lark hands to :class:`ToDocument` as it is (the string a token also is stays empty:
    nothing reads it)."""
    token = Token(line.kind, "")
    token.value = line
    return token


class LineLexer(Lexer):
    """Feeds classified lines to the parser, deriving section nesting from heading levels."""

    def __init__(self, lexer_conf):  # signature required by Lark
        pass

    def lex(self, lines):
        open_levels: list[int] = []
        for line in lines:
            if line.kind == "HEADING":
                level = line.mark.level
                closed = 0
                while open_levels and open_levels[-1] >= level:
                    open_levels.pop()
                    closed += 1
                if closed == 0 and open_levels:
                    yield Token("_INDENT", "")
                for _ in range(closed - 1):
                    yield Token("_DEDENT", "")
                open_levels.append(level)
            elif line.kind in ("SIGN", "DATE"):
                yield from self._close_all(open_levels)
            yield _token(line)
        yield from self._close_all(open_levels)

    @staticmethod
    def _close_all(open_levels):
        for _ in range(len(open_levels) - 1):
            yield Token("_DEDENT", "")
        open_levels.clear()


def parser() -> Lark:
    """The report parser, built once per process from a per-user cache file."""
    global _PARSER
    if _PARSER is None:
        _PARSER = Lark.open_from_package(
            "linter", "report.lark", ("grammar",), parser="lalr", lexer=LineLexer,
            transformer=ToDocument(), cache=_cache_file(), maybe_placeholders=False,
        )
    return _PARSER


def _cache_file() -> str | bool:
    from linter import __version__
    from linter.entrypoints import cache_folder

    folder = cache_folder()
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return False
    return os.path.join(folder, f"grammar-{__version__}.lark.cache")


class ToDocument(Transformer):
    """Turns the parse into :class:`Segment` values with 1-based spans. The parser applies
    it as it reduces each rule (no tree is built and walked a second time); one instance
    serves every parse, so it keeps no state: each token's value is its line."""

    def __init__(self):
        # tokens are passed on as they are (no method is named after a line kind): visiting
        # them looked a method up for each one and caught the AttributeError
        super().__init__(visit_tokens=False)

    @staticmethod
    def _line(token) -> Line:
        return token.value

    def _span(self, line: Line, start: int | None = None, text: str | None = None) -> Span:
        begin = line.col if start is None else start
        return Span.on_line(line.index + 1, begin + 1, len(text if text is not None else line.text))

    def _text_line(self, token) -> TextLine:
        line = self._line(token)
        return TextLine(line.text, self._span(line))

    def _paragraph(self, token) -> Paragraph:
        line = self._line(token)
        return Paragraph(line.text, self._span(line), enum=line.kind == "ENUM")

    def start(self, items):
        segments, current = [], None
        for item in items:
            if isinstance(item, Segment):
                current = item
                segments.append(item)
            else:  # a closing block: (signature lines, date lines)
                if current is None:
                    current = Segment()
                    segments.append(current)
                current.signature, current.dates = item
                current = None
        return segments

    def body(self, items):
        segment = Segment()
        for item in items:
            if isinstance(item, Section):
                segment.sections.append(item)
            elif isinstance(item, Segment):  # the preamble
                segment.front, segment.title = item.front, item.title
                segment.authors, segment.salutation = item.authors, item.salutation
                segment.paragraphs = item.paragraphs
        return segment

    def preamble(self, items):
        return items[0] if items else Segment()

    def filled_preamble(self, items):
        segment = Segment()
        for item in items:
            if isinstance(item, Segment):  # the front block
                segment.front, segment.title, segment.authors = item.front, item.title, item.authors
            elif item.type == "SALUTATION":
                segment.salutation = self._text_line(item)
            else:
                segment.paragraphs.append(self._paragraph(item))
        return segment

    def front(self, tokens):
        segment = Segment()
        for token in tokens:
            target = {"TITLE": segment.title, "AUTHOR": segment.authors}.get(token.type, segment.front)
            target.append(self._text_line(token))
        return segment

    def section(self, items):
        head = self._line(items[0])
        title_end = head.title_col + len(head.title)
        rest = head.text[title_end - head.col:]
        stripped = rest.lstrip("。！？!?" + BLANK)
        run_in = None
        if stripped:
            start = title_end + len(rest) - len(stripped)
            run_in = TextLine(stripped, self._span(head, start, stripped))
        heading = Heading(
            level=head.mark.level, number=head.mark.number, mark=head.mark.text, title=head.title,
            text=head.text, span=self._span(head), title_span=self._span(head, head.title_col, head.title),
            run_in=run_in,
        )
        paragraphs, children = [], []
        for item in items[1:]:
            if isinstance(item, list):
                children.extend(item)
            else:
                paragraphs.append(self._paragraph(item))
        return Section(heading, tuple(paragraphs), tuple(children))

    def children(self, sections):
        return list(sections)

    def closing(self, tokens):
        signature = [self._text_line(t) for t in tokens if t.type == "SIGN"]
        dates = [self._text_line(t) for t in tokens if t.type == "DATE"]
        return signature, dates


def _demote(line: Line) -> Line:
    """The fallback view of a line: only headings keep their meaning."""
    if line.kind in ("HEADING", "PARA", "ENUM"):
        return line
    return Line(line.index, line.col, line.text, "PARA")


def parse_lines(source_lines: list[str], headings: dict[int, int] | None = None, normalised=None) -> Document:
    """Parse the physical lines of a source into a :class:`Document`. Never raises.
    Furniture and table lines (``normalised``) stay out of the grammar."""
    classified = classify(source_lines, headings, normalised)
    lines = [line for line in classified if line.kind not in OUTSIDE]
    try:
        segments = parser().parse(lines)
    except LarkError:
        lines = [_demote(line) for line in lines]
        segments = parser().parse(lines)
    return Document(segments or [Segment()], lines, [line for line in classified if line.kind in OUTSIDE])
