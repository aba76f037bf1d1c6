"""The typed report model that rules read.

Everything a rule needs is here, with spans in the original file's coordinates
(1-based lines, 1-based columns counted in characters, end column exclusive). Rules
never see raw text or the Lark tree.
"""

from __future__ import annotations

import datetime as _dt
import weakref
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import TYPE_CHECKING, Iterator, TypeVar

if TYPE_CHECKING:
    from linter.facts import Facts
    from linter.layout import Layout
    from linter.sources import Places


_Frozen = TypeVar("_Frozen", bound=type)


def stored_at_once(cls: _Frozen) -> _Frozen:
    """``cls``, a frozen dataclass, with an ``__init__`` of the same signature that stores its
    fields in one step. The generated one sets each field through ``object.__setattr__``
    (a frozen class refuses plain assignment), which cost as much as the rest of making a span,
    a line or a fact (1.34 µs a span, against 0.76; 6.8 µs a fact of eleven fields, against
    3.4), and building a report makes hundreds of them."""
    found = fields(cls)
    if hasattr(cls, "__post_init__") or any(not f.init or f.default_factory is not MISSING for f in found):
        raise TypeError(f"{cls.__name__}: only fields given to __init__ as they are can be stored at once")
    defaults = {f.name: f.default for f in found if f.default is not MISSING}
    parameters = ", ".join(f"{f.name}=_defaults[{f.name!r}]" if f.name in defaults else f.name for f in found)
    values = ", ".join(f"{f.name!r}: {f.name}" for f in found)
    namespace = {"_defaults": defaults, "_store": object.__setattr__}
    exec(f"def __init__(self, {parameters}):\n    _store(self, '__dict__', {{{values}}})", namespace)
    namespace["__init__"].__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = namespace["__init__"]
    return cls


@stored_at_once
@dataclass(frozen=True, order=True)
class Span:
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def on_line(cls, line: int, column: int, length: int) -> "Span":
        return cls(line, column, line, column + max(length, 0))

    @classmethod
    def point(cls, line: int = 1, column: int = 1) -> "Span":
        return cls(line, column, line, column)


@stored_at_once
@dataclass(frozen=True)
class TextLine:
    """A line of text with where it stands."""

    text: str
    span: Span

    def sub_span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` (a line's text never contains a line break)."""
        return Span(self.span.line, self.span.column + start, self.span.line, self.span.column + end)


@stored_at_once
@dataclass(frozen=True)
class Paragraph(TextLine):
    """Body text; ``enum`` marks one that opens with an inline enumeration (一是…)."""

    enum: bool = False


@stored_at_once
@dataclass(frozen=True)
class PageText(TextLine):
    """Text the web page, a repost site or a converter put there rather than the report's
    author: ``what`` is field, navigation, widget, watermark or repeat (page furniture), table
    (a table row), or mojibake, gloss, filtered or spaced (a stretch inside a line)."""

    what: str = ""


@dataclass(frozen=True)
class Script:
    """A text in Traditional script: where the first converted character stands, how many
    were converted, and each changed line (1-based) as read in Simplified."""

    first: TextLine
    count: int
    simplified: tuple[tuple[int, str], ...]


@stored_at_once
@dataclass(frozen=True)
class Heading:
    level: int  # 1..4 for 一、/（一）/1./（1）; 5 for a heading without a number
    number: int | None
    mark: str  # as written, e.g. "（一）"; "" when unnumbered
    title: str  # heading text without mark and without run-in body text
    text: str  # the whole line
    span: Span
    title_span: Span
    #: body text run into the heading line after its first sentence ("（一）标题。正文……")
    run_in: TextLine | None = None


@dataclass(frozen=True, eq=False)
class Section:
    """A numbered part: its heading, its own paragraphs, the parts under it. Built from the
    innermost part out, so a part learns its ``parent`` when the part holding it is made."""

    heading: Heading
    paragraphs: tuple[Paragraph, ...] = ()
    children: tuple["Section", ...] = ()

    def __post_init__(self) -> None:
        # a part refers to its parent weakly (the report holds the tree from its top): with a
        # strong reference every report's tree was a reference cycle, freed only when the
        # cyclic collector ran, which a batch makes rare (linter.batch.settle_gc), so a run
        # held dozens of linted reports' sections, headings and paragraphs at once
        parent = weakref.ref(self)
        for child in self.children:  # the one write after construction: frozen from then on
            object.__setattr__(child, "_parent", parent)

    @property
    def parent(self) -> "Section | None":
        """The part this one stands in (None for a top-level part)."""
        parent = self.__dict__.get("_parent")
        return parent() if parent is not None else None

    def __getstate__(self) -> dict:
        return {key: value for key, value in self.__dict__.items() if key != "_parent"}  # a weakref does not pickle

    def __setstate__(self, state: dict) -> None:
        object.__setattr__(self, "__dict__", state)
        self.__post_init__()

    def walk(self) -> Iterator["Section"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def body(self) -> Iterator[TextLine]:
        """This section's own body text: the heading's run-in text, then its paragraphs."""
        if self.heading.run_in is not None:
            yield self.heading.run_in
        yield from self.paragraphs


@dataclass(frozen=True)
class ElementSpec:
    """A mandated element of a report kind and how to recognise it.

    ``heading`` patterns are matched against section headings, ``body`` patterns
    (lead phrases) against body text. ``within`` names the element whose text must
    contain this one (the causes live inside the shortcomings part). ``role`` says what
    the element is for whatever the kind calls it (see ``rules/data/kinds.toml``): rules
    ask for a part by role, so the annual report's plan and the duty report's next steps
    are both ``"plan"``.
    """

    id: str
    name: str
    name_en: str
    role: str = "other"
    heading: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    within: str | None = None
    required: bool = True
    order: int = 0
    #: declared in the user's config rather than by a plugin (reported by S109)
    custom: bool = False
    #: sub-headings and body text count only at their lead phrase (first clause)
    anchored: bool = False
    #: without a heading naming it, the top-level parts before any other element's part
    leading: bool = False


@dataclass(frozen=True)
class ReportKind:
    id: str
    name: str
    name_en: str
    title: tuple[str, ...]  # title patterns that identify the kind
    exclude: tuple[str, ...] = ()  # title patterns that rule it out
    opening: tuple[str, ...] = ()  # patterns in the opening text when there is no title
    priority: int = 0
    elements: tuple[ElementSpec, ...] = ()
    #: a copy without its title: how its opening paragraph starts, what its opening and part
    #: headings must name (twice), what rules it out, and the kind's standard part headings
    untitled: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()
    untitled_exclude: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()


@stored_at_once
@dataclass(frozen=True)
class ElementMatch:
    """Where a mandated element was found: by a heading (``how="heading"``) or by a
    lead phrase in body text (``how="body"``). ``nested`` is true when the heading is not
    a top-level part, i.e. the element sits inside another part."""

    spec: ElementSpec
    found: bool
    how: str | None = None
    where: TextLine | None = None
    nested: bool = False
    section: "Section | None" = field(default=None, repr=False, compare=False)

    @property
    def line(self) -> int | None:
        return self.where.span.line if self.where else None

    def body(self, preamble: list[Paragraph]) -> list[TextLine]:
        """The body text of this element's part: everything under its heading, or, when a
        lead phrase found it, the text from that phrase to the end of its section."""
        if not self.found:
            return []
        if self.how == "heading" and self.section is not None:
            return [t for s in self.section.walk() for t in s.body()]
        lines = list(self.section.body()) if self.section is not None else list(preamble)
        start = next((i for i, t in enumerate(lines) if t is self.where), 0)
        return lines[start:]


class ReadOnlyDict(dict):
    """A mapping a rule cannot change (a report's elements): what one rule reads, the next
    reads unchanged. Unlike ``types.MappingProxyType`` it pickles, so reports can go between
    worker processes."""

    def _read_only(self, *args, **kwargs):
        raise TypeError("the report model is read-only")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self):
        return type(self), (dict(self),)


@dataclass(frozen=True)
class LineShape:
    """How long each line of the file is and where its text stands on it, without the text
    (rules read the typed model, not raw lines): enough to tell blank lines, to tell whether a
    stretch is all of its line, and to replace or remove whole lines in a fix. Offsets are
    0-based characters; on a blank line the text starts at its end, after where it ends."""

    lengths: tuple[int, ...] = ()
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    @classmethod
    def of(cls, lines) -> "LineShape":
        return cls(tuple(map(len, lines)), tuple(len(line) - len(line.lstrip()) for line in lines),
                   tuple(len(line.rstrip()) for line in lines))

    def __len__(self) -> int:
        return len(self.lengths)

    def length(self, line: int) -> int:
        """The length of ``line`` (1-based) in characters."""
        return self.lengths[line - 1]

    def blank(self, line: int) -> bool:
        """Whether ``line`` (1-based) holds nothing but blanks."""
        return self.starts[line - 1] >= self.ends[line - 1]

    def whole(self, span: Span) -> bool:
        """Whether ``span`` covers exactly the text of its line (blanks around it aside)."""
        line = span.line
        return (span.end_line == line and span.column - 1 == self.starts[line - 1]
                and span.end_column - 1 == self.ends[line - 1])


class _Placed:
    places: "Places | None"

    def original_line(self, line: int) -> int:
        """The line (or, for docx, paragraph) number the user sees for a model line."""
        return self.places.original_line(line) if self.places is not None else line


@dataclass(frozen=True)
class ReportSummary(_Placed):
    """What the summary formats (checklist, JSON, xlsx/csv, the HTML overview) and the result
    cache keep of a report: who wrote it, what kind and year, when, and where its mandated
    parts stand — no text and no structure, small enough to send between processes and to
    cache. :meth:`Report.slim` makes one; the fields mean what they mean on :class:`Report`."""

    path: str
    kind: str
    kind_spec: ReportKind | None
    title: TextLine | None
    issuer: str | None
    year: int | None
    date: _dt.date | None
    deadline: _dt.date | None
    elements: dict[str, ElementMatch]
    format: str = "text"
    places: "Places | None" = None
    issuer_type: tuple[str, str, str] | None = None
    publication_deadline: _dt.date | None = None
    published: _dt.date | None = None


@dataclass(frozen=True)
class Report(_Placed):
    """The typed model of one report, read-only for the rules all the way down: frozen
    dataclasses, tuples and :class:`ReadOnlyDict` (a rule cannot change what the next rule
    reads), and no raw text — :attr:`shape` says where the lines have text. Views derived from
    it are computed once through :meth:`memo` and are tuples too."""

    path: str
    kind: str  # a ReportKind id or "unknown"
    kind_spec: ReportKind | None
    title: TextLine | None
    title_lines: tuple[TextLine, ...]
    issuer: str | None
    issuer_where: TextLine | None
    year: int | None
    year_where: TextLine | None
    date: _dt.date | None
    date_where: TextLine | None
    deadline: _dt.date | None
    signature: tuple[TextLine, ...]
    preamble: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    elements: dict[str, ElementMatch]
    cover_letters: int = 0
    #: the length of each line of the file and where its text stands (not the text)
    shape: LineShape = field(default=LineShape(), repr=False)
    facts: "Facts | None" = field(default=None, repr=False)
    format: str = "text"
    #: where the lines stand in the file the user sees (None: they are the file's own lines)
    places: "Places | None" = field(default=None, repr=False)
    #: the Word layout of a .docx report (page setup and effective formatting); None for other inputs
    layout: "Layout | None" = field(default=None, repr=False)
    _memo: dict = field(default_factory=dict, repr=False, compare=False)
    #: the issuer's type by the deadline profile: (id, name, English name), None when no type matched
    issuer_type: tuple[str, str, str] | None = None
    #: the day the report must be public by (website or press), by the deadline profile
    publication_deadline: _dt.date | None = None
    #: the day a web page says it was published (kept here: a slim report has no source text)
    published: _dt.date | None = None
    #: furniture, table rows and stretches inside lines that are not the report's prose
    page: tuple[PageText, ...] = field(default=(), repr=False)
    #: set when the text is in Traditional script (it is read in Simplified)
    traditional: Script | None = None
    #: the front matter around the title: lines above it (issuer, document number, a page's
    #: byline) and under it (author and post, bracketed date), in document order
    front: tuple[TextLine, ...] = ()

    def __post_init__(self) -> None:
        if type(self.elements) is not ReadOnlyDict:
            object.__setattr__(self, "elements", ReadOnlyDict(self.elements))

    def blank_between(self, above: TextLine, below: TextLine) -> bool:
        """Whether ``below`` is on a later line than ``above`` with only empty lines between."""
        return below.span.line > above.span.line and all(
            self.shape.blank(line) for line in range(above.span.line + 1, below.span.line))

    def page_text(self, *what: str) -> list[PageText]:
        """The page's own text of the given kinds (see :class:`PageText`), in document order."""
        return [p for p in self.page if p.what in what]

    def memo(self, key: str, compute):
        """A view derived from the report, computed once and shared by the rules that read it."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def slim(self) -> ReportSummary:
        """The report's summary (:class:`ReportSummary`): what the summary formats need."""
        elements = {key: replace(m, section=None) for key, m in self.elements.items()}
        return ReportSummary(self.path, self.kind, self.kind_spec, self.title, self.issuer, self.year, self.date,
                             self.deadline, elements, self.format, self.places, self.issuer_type,
                             self.publication_deadline, self.published)

    def part(self, role: str) -> ElementMatch | None:
        """The mandated element of this report's kind that has ``role`` (found or not), or
        None when the kind has no such element."""
        return next((m for m in self.elements.values() if m.spec.role == role), None)

    def role_of(self, section: Section) -> str | None:
        """The role of the mandated part ``section`` belongs to (by heading), if any."""
        owners = {id(m.section): m.spec.role for m in reversed(self.elements.values())
                  if m.found and m.how == "heading" and not m.nested and not m.spec.within}
        while section is not None:
            if id(section) in owners:
                return owners[id(section)]
            section = section.parent
        return None


    def walk(self) -> tuple[Section, ...]:
        """Every section in document order (computed once: most rules walk the tree)."""
        return self.memo("walk", lambda: tuple(s for top in self.sections for s in top.walk()))

    def text_lines(self) -> tuple[TextLine, ...]:
        """Every line of text in document order: title, preamble, headings and body, signature, date."""
        return self.memo("text_lines", self._text_lines)

    def _text_lines(self) -> tuple[TextLine, ...]:
        lines = list(self.title_lines) + list(self.preamble)
        for section in self.walk():
            lines.append(TextLine(section.heading.text, section.heading.span))
            lines.extend(section.paragraphs)
        lines.extend(self.signature)
        if self.date_where is not None:
            lines.append(self.date_where)
        return tuple(lines)

    def paragraphs(self) -> Iterator[Paragraph]:
        yield from self.preamble
        for section in self.walk():
            yield from section.paragraphs

    @property
    def end(self) -> Span:
        """A point at the end of the document (for findings about something missing there)."""
        last = len(self.shape)
        while last > 1 and self.shape.blank(last):
            last -= 1
        return Span.point(max(last, 1), self.shape.length(last) + 1 if last else 1)
