"""The effective formatting of a Word document, resolved the way Word resolves it (a small
subset): a run's direct formatting, then its character style, then its paragraph's style
and the styles that one is based on, then the document defaults, and for a font given as
a theme font the theme's East Asian font. Paragraph properties follow the same chain
without the character style. Line height comes from a fixed spacing value or, for single
spacing snapped to the document grid, from the grid's line pitch (how Word templates get
22 lines a page).
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from linter.docx_runs import run_length, text_runs
from linter.layout import Layout, PageNumbers, PageSetup, ParagraphFormat, RunFormat

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_OFF = ("0", "false", "off")
_DASHES = "-—－–‒"
#: basedOn chains longer than this are treated as broken (Word allows no cycles at all)
_MAX_CHAIN = 16


def _child(element, *path):
    for tag in path:
        if element is None:
            return None
        element = element.find(qn(tag))
    return element


def _on(element) -> bool | None:
    """A toggle property (w:b …): None when absent."""
    if element is None:
        return None
    return element.get(qn("w:val"), "true").lower() not in _OFF


class StyleResolver:
    def __init__(self, document):
        styles = document.styles.element
        self.styles = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))}
        self.default_paragraph = next((i for i, s in self.styles.items() if s.get(qn("w:type")) == "paragraph"
                                       and s.get(qn("w:default")) in ("1", "true", "on")), None)
        self.run_defaults = _child(styles, "w:docDefaults", "w:rPrDefault", "w:rPr")
        self.paragraph_defaults = _child(styles, "w:docDefaults", "w:pPrDefault", "w:pPr")
        self.theme = self._theme_fonts(document)

    @staticmethod
    def _theme_fonts(document) -> dict[str, str]:
        """minorEastAsia / majorEastAsia → the theme's font for Simplified Chinese."""
        fonts = {}
        for relationship in document.part.rels.values():
            if relationship.reltype != RT.THEME or relationship.is_external:
                continue
            try:
                theme = etree.fromstring(relationship.target_part.blob)
            except etree.XMLSyntaxError:
                return fonts
            for kind in ("minor", "major"):
                scheme = theme.find(f".//{_A}{kind}Font")
                if scheme is None:
                    continue
                hans = scheme.find(f"{_A}font[@script='Hans']")
                east = scheme.find(f"{_A}ea")
                name = (hans.get("typeface") if hans is not None else None) or (
                    east.get("typeface") if east is not None else None)
                if name:
                    fonts[f"{kind}EastAsia"] = name
        return fonts

    def chain(self, style_id: str | None) -> list:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        out, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen and len(out) < _MAX_CHAIN:
            seen.add(style_id)
            style = self.styles[style_id]
            out.append(style)
            based = _child(style, "w:basedOn")
            style_id = based.get(qn("w:val")) if based is not None else None
        return out

    def _paragraph_styles(self, paragraph) -> list:
        style = _child(paragraph, "w:pPr", "w:pStyle")
        return self.chain(style.get(qn("w:val")) if style is not None else self.default_paragraph)

    def run_properties(self, run, paragraph) -> list:
        """The w:rPr elements that apply to ``run``, nearest first."""
        direct = _child(run, "w:rPr")
        character = _child(direct, "w:rStyle")
        chain = [direct] + [_child(s, "w:rPr") for s in self.chain(
            character.get(qn("w:val")) if character is not None else None)]
        chain += [_child(s, "w:rPr") for s in self._paragraph_styles(paragraph)] + [self.run_defaults]
        return [p for p in chain if p is not None]

    def paragraph_properties(self, paragraph) -> list:
        chain = [_child(paragraph, "w:pPr")] + [_child(s, "w:pPr") for s in self._paragraph_styles(paragraph)]
        return [p for p in chain + [self.paragraph_defaults] if p is not None]

    def run_format(self, run, paragraph, start: int, end: int) -> RunFormat:
        chain = self.run_properties(run, paragraph)
        return RunFormat(start, end, self._font(chain), self._size(chain),
                         next((v for v in (_on(_child(p, "w:b")) for p in chain) if v is not None), False))

    def _font(self, chain) -> str | None:
        for properties in chain:
            fonts = _child(properties, "w:rFonts")
            if fonts is None:
                continue
            if fonts.get(qn("w:eastAsia")):
                return fonts.get(qn("w:eastAsia"))
            if fonts.get(qn("w:eastAsiaTheme")):
                return self.theme.get(fonts.get(qn("w:eastAsiaTheme")))
        return None

    @staticmethod
    def _size(chain) -> float | None:
        for properties in chain:
            size = _child(properties, "w:sz")
            if size is not None and size.get(qn("w:val"), "").isdigit():
                return int(size.get(qn("w:val"))) / 2
        return None


def _attribute(chain, tag: str, name: str):
    for properties in chain:
        element = _child(properties, tag)
        if element is not None and element.get(qn(name)) is not None:
            return element.get(qn(name))
    return None


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _indent_chars(chain, chars: str, twips: str, size: float) -> float | None:
    """An indent in characters: the *Chars attribute (hundredths), else twips over the
    font size."""
    for properties in chain:
        indent = _child(properties, "w:ind")
        if indent is None:
            continue
        if _number(indent.get(qn(chars))):
            return _number(indent.get(qn(chars))) / 100
        if indent.get(qn(twips)) is not None and _number(indent.get(qn(twips))) is not None:
            return _number(indent.get(qn(twips))) / 20 / size
    return None


def paragraph_format(resolver: StyleResolver, paragraph, grid: float | None, in_table: bool,
                     offset: int = 0) -> ParagraphFormat:
    """``offset``: where the paragraph's own text starts in its line (after a numbering
    mark the reader put in front), so that run ranges are in the line's columns."""
    runs, position = [], offset
    for run in text_runs(paragraph):
        length = run_length(run)
        if length:
            runs.append(resolver.run_format(run, paragraph, position, position + length))
        position += length
    chain = resolver.paragraph_properties(paragraph)
    mark = resolver.run_format(etree.Element(qn("w:r")), paragraph, 0, 0)
    size = next((r.size for r in runs if r.size), None) or mark.size or 10.5
    rule = _attribute(chain, "w:spacing", "w:lineRule")
    line = _number(_attribute(chain, "w:spacing", "w:line"))
    height = None
    if line is not None and rule in ("exact", "atLeast"):
        height = line / 20
    elif grid is not None and next((v for v in (_on(_child(p, "w:snapToGrid")) for p in chain) if v is not None),
                                   True):
        height = grid * (line / 240 if line else 1)
    first = _indent_chars(chain, "w:firstLineChars", "w:firstLine", size)
    hanging = _indent_chars(chain, "w:hangingChars", "w:hanging", size)
    return ParagraphFormat(
        runs=tuple(runs), align=_attribute(chain, "w:jc", "w:val"), line_rule=rule or ("auto" if line else None),
        line_height=height, first_line_chars=-hanging if hanging else first,
        left_chars=_indent_chars(chain, "w:leftChars", "w:left", size) or 0.0,
        right_chars=_indent_chars(chain, "w:rightChars", "w:right", size) or 0.0, in_table=in_table)


def _mm(length) -> float | None:
    return round(length.mm, 1) if length is not None else None


def _grid(section) -> float | None:
    grid = _child(section._sectPr, "w:docGrid")
    if grid is None or grid.get(qn("w:type")) not in ("lines", "linesAndChars", "snapToChars"):
        return None
    pitch = _number(grid.get(qn("w:linePitch")))
    return pitch / 20 if pitch else None


def _footer(document, section, kind: str):
    for reference in section._sectPr.iterchildren(qn("w:footerReference")):
        if reference.get(qn("w:type"), "default") == kind:
            part = document.part.related_parts.get(reference.get(qn("r:id")))
            return part.element if part is not None else None
    return None


def _numbered(footer):
    """The footer paragraph holding a PAGE field, if any."""
    if footer is None:
        return None
    for paragraph in footer.iter(qn("w:p")):
        instructions = [e.text or "" for e in paragraph.iter(qn("w:instrText"))]
        instructions += [e.get(qn("w:instr"), "") for e in paragraph.iter(qn("w:fldSimple"))]
        if any("PAGE" in i.split() for i in instructions):
            return paragraph
    return None


def page_numbers(document, resolver: StyleResolver) -> PageNumbers:
    section = document.sections[0]
    odd = _numbered(_footer(document, section, "default"))
    if odd is None:
        return PageNumbers(False)
    fields = [r for r in odd.iter(qn("w:r")) if r.find(qn("w:instrText")) is not None] or list(odd.iter(qn("w:r")))
    size = resolver.run_format(fields[0], odd, 0, 0).size if fields else None
    text = "".join(t.text or "" for t in odd.iter(qn("w:t")))
    number_format = _child(section._sectPr, "w:pgNumType")
    dashes = (number_format is not None and number_format.get(qn("w:fmt")) == "numberInDash") or (
        len(text.strip()) > 1 and text.strip()[0] in _DASHES and text.strip()[-1] in _DASHES)
    frame = _child(odd, "w:pPr", "w:framePr")
    even = _numbered(_footer(document, section, "even"))

    def align(paragraph):
        return _attribute(resolver.paragraph_properties(paragraph), "w:jc", "w:val") if paragraph is not None else None

    outside = (frame is not None and frame.get(qn("w:xAlign")) == "outside") or (
        document.settings.odd_and_even_pages_header_footer and align(odd) in ("right", "end")
        and align(even) in ("left", "start"))
    return PageNumbers(True, size, dashes, outside)


def read_layout(document, paragraphs, offsets: dict[int, int]) -> Layout:
    """The layout of ``document`` whose body paragraphs (in the reader's order) are
    ``paragraphs`` (python-docx Paragraph objects); ``offsets``: the length of the numbering
    mark in front of a paragraph's line, by index."""
    resolver = StyleResolver(document)
    sections = list(document.sections)
    grid = _grid(sections[0]) if sections else None
    formats = []
    for index, paragraph in enumerate(paragraphs):
        element = paragraph._p
        in_table = any(a.tag == qn("w:tc") for a in element.iterancestors())
        formats.append(paragraph_format(resolver, element, grid, in_table, offsets.get(index, 0)))
    pages = tuple(PageSetup(_mm(s.page_width), _mm(s.page_height), _mm(s.top_margin), _mm(s.bottom_margin),
                            _mm(s.left_margin), _mm(s.right_margin)) for s in sections)
    return Layout(pages, page_numbers(document, resolver) if sections else PageNumbers(False), tuple(formats))
