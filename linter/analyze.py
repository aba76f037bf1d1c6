"""Document structure → :class:`~linter.model.Report`.

Works out what the report is (kind), who wrote it (issuer), for which year and on
which date, and which mandated element each part fulfils: by heading first (top-level
parts, then sub-headings), then by lead phrases in body text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from linter import regex_code
from linter.facts import extract, parse_date
from linter.lines import ORG_SUFFIX, compact
from linter.model import (
    ElementMatch,
    ElementSpec,
    LineShape,
    PageText,
    Report,
    ReportKind,
    Script,
    Section,
    Span,
    TextLine,
)
from linter.normalise import is_traditional, normalise, without_glosses
from linter.parse import Document, Segment, parse_lines
from linter.profiles import Profile, default_profile
from linter.regex import lazy
from linter.sources import Source
from linter.vocabulary import PROVINCE, YEAR, YEAR_WORD

# "XX局关于…", "XX局2024年…", "XX局履行推进法治建设第一责任人职责述职报告"
_ISSUER_IN_TITLE = lazy(rf"^(?!{YEAR})(.{{2,30}}?)(?=关于|{YEAR}年|履行|推进法治|法治政府|党政主要负责|主要负责|述职|述法)")


#: What refers to a group by its number or name: such a pattern is not joined with others.
_REFERS = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


@lru_cache(maxsize=1024)
def _regexes(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """``patterns`` joined into one alternation, which finds a match in a text where any of them
    does with one search instead of one for each; each on its own when they cannot be joined
    (a global flag, a group name used twice, a reference to a group)."""
    if len(patterns) > 1 and not any(map(_REFERS.search, patterns)):
        try:
            return (regex_code.compile("|".join(f"(?:{p})" for p in patterns)),)
        except re.error:
            pass
    return tuple(map(regex_code.compile, patterns))


# Cached for one report (build_report clears it): finding the elements reads each heading
# and paragraph once for every element.
@lru_cache(maxsize=4096)
def plain(text: str) -> str:
    """Text as words are recognised in it: no white space ("2022 年" reads as "2022年") and no
    converter glosses ("第一責(zé)任人" reads as "第一責任人")."""
    return without_glosses(compact(text))


def matches(patterns, text: str) -> bool:
    flat = plain(text)
    for pattern in _regexes(tuple(patterns)):  # most often one (see _regexes): no generator for it
        if pattern.search(flat):
            return True
    return False


def _main_segment(document: Document) -> tuple[Segment, int]:
    """The report proper: the segment with the most parts (a cover letter has none)."""
    best = max(range(len(document.segments)),
               key=lambda i: (len(document.segments[i].sections), bool(document.segments[i].title), -i))
    return document.segments[best], best


def _title_text(lines: list[TextLine]) -> str:
    joined = "".join(line.text.strip() for line in lines)
    chars = joined.replace(" ", "")
    # "省 信 访 局 …": spaces between (nearly) every character are typesetting, not words.
    if joined.count(" ") >= len(chars) * 0.6:
        return chars
    return " ".join(joined.split())


def detect_kind(kinds: list[ReportKind], title: str | None, opening: list[str],
                headings: list[str] = ()) -> ReportKind | None:
    """The report kind from its title; without a title, from its opening and its top-level
    part headings (see ``untitled`` in ``rules/data/kinds.toml``)."""
    for kind in sorted(kinds, key=lambda k: -k.priority):
        if title is not None:
            if matches(kind.title, title) and not matches(kind.exclude, title):
                return kind
        elif any(matches(kind.opening, text) for text in opening) or _untitled(kind, opening, headings):
            return kind
    return None


def _untitled(kind: ReportKind, opening: list[str], headings: list[str]) -> bool:
    """A copy of this kind without its title: by how its opening starts and what its opening
    and part headings name."""
    if not kind.subject:
        return False
    texts = [compact(t) for t in opening[:2] + list(headings)]
    if any(matches(kind.untitled_exclude, text) for text in texts):
        return False
    subject = sum(len(regex_code.compile(p).findall(text)) for p in kind.subject for text in texts)
    parts = sum(1 for text in headings if matches(kind.parts, text))
    starts = bool(opening) and matches(kind.untitled, opening[0])
    # two of the three signs, the subject named at least once: an opening that starts with the
    # year, the subject named again, a part heading of the kind
    return subject >= 1 and starts + min(subject, 2) + min(parts, 2) >= 3


def _issuer(segment: Segment, title: str | None) -> tuple[str | None, TextLine | None]:
    # the body above the title, else the one under it (XX厅 standing as the title's author)
    for lines in (segment.front, segment.authors):
        issuers = [line for line in lines if ORG_SUFFIX.search(plain(line.text))]
        if issuers:
            return plain(issuers[-1].text), issuers[-1]
    if title:
        head = title.split()[0] if " " in title else None
        if head and ORG_SUFFIX.search(head) and len(head) <= 30:
            return plain(head), segment.title[0]
        flat = plain(title)
        prefix = _ISSUER_IN_TITLE.match(flat) or re.match(rf"^{YEAR}年度?(.{{2,30}}?)(法治政府|依法行政)", flat)
        # "杭州市农业农村局(杭州市乡村振兴局)2023年…": the body's second name in brackets
        name = _ALIAS.sub("", prefix.group(1)) if prefix else ""
        if ORG_SUFFIX.search(name):
            return name, segment.title[0]
    if segment.signature:
        return plain(segment.signature[0].text), segment.signature[0]
    # a copy without its title names its body in the opening (after an addressee line)
    for paragraph in segment.paragraphs[:2]:
        flat = plain(paragraph.text)
        found = _ISSUER_IN_OPENING.search(flat) or _ISSUER_ANNOUNCED.search(flat)
        if found:
            return found.group("org"), paragraph
    return None, None


_ALIAS = lazy(r"[（(][^（()）]*[）)]$")
#: A body's name in running text; a bare level (县人民政府, 市人社局), 我局 or 全市 names no body.
_ORG = (rf"(?P<org>(?![我本全该各在省市县区乡镇])[^，,。、“”《》:：]{{2,25}}?{ORG_SUFFIX.pattern.rstrip('$')}"
        rf"|{PROVINCE})")
# The subject of the opening sentence: "2022年,渝中区坚持……", "2023年,在市委、市政府的正确领导下,
# 在省厅的指导下,江门市应急管理局深入……", "一年来,周溪乡在……", "…部署,2023年,清波街道以……",
# "2025年,中村乡法治政府建设工作在……", "2021年,广东坚持……"
_ISSUER_IN_OPENING = lazy(
    rf"(?:^|[，,。；;])(?:{YEAR}年?度?(?:以来)?|一年来|今年以来)[,，](?:在[^，,。]{{2,60}}[,，])*{_ORG}"
    r"(?:党组|党委|党工委)?(?:坚持|深入|认真|全面|始终|紧紧|紧扣|聚焦|以|按照|围绕|立足|扎实|严格|持续|在|把|将|高度|积极"
    r"|法治政府建设|依法行政)")
# The body an announcement names: "现将江门市农业农村局2024年法治政府建设情况报告如下"
_ISSUER_ANNOUNCED = lazy(rf"现将{_ORG}(?={YEAR}|关于|法治政府|依法行政)")
#: Years that are not the report's: inside a document's name 《…》 and in ranges (2021—2025年).
#: "2024以来，…": an opening that names its year without 年
_YEAR_SINCE = lazy(rf"({YEAR})以来")
_NOT_THE_YEAR = lazy(rf"《[^》]*》|{YEAR}年?[—\-－~～–至到]{YEAR}年?")


def _year_in(text: str):
    flat = _NOT_THE_YEAR.sub(lambda m: "#" * len(m.group()), compact(text))
    return YEAR_WORD.search(flat) or _YEAR_SINCE.match(flat)


def _year(title: str | None, title_where: TextLine | None, opening: list[TextLine], headings: list[TextLine]):
    """The report year: from the title, else the opening, else the first part headings (a
    title-less copy names its year there: "一、2023年总体情况")."""
    candidates = ([title_where] if title else []) + list(opening[:2]) + list(headings[:3])
    for line in candidates:
        found = _year_in(line.text)
        if found:
            return int(found.group(1)), line
    return None, None


def find_elements(kind: ReportKind, preamble, sections: list[Section]) -> dict[str, ElementMatch]:
    """Which mandated element each part of the report fulfils."""
    found: dict[str, ElementMatch] = {}
    nested = [s for top in sections for s in top.walk() if s.parent is not None]
    # Body text with the section it belongs to; the opening paragraph is left out because
    # it announces the report ("现将……报告如下") rather than reporting anything.
    body = [(p, None) for p in preamble[1:]] + [(t, s) for top in sections for s in top.walk() for t in s.body()]
    for spec in kind.elements:
        if spec.within:
            continue
        found[spec.id] = _find(spec, sections, nested, body)
    for spec in kind.elements:
        if spec.leading and not found[spec.id].found:
            found[spec.id] = _leading_parts(spec, preamble, sections, found)
    for spec in kind.elements:
        if spec.within:
            found[spec.id] = _find_within(spec, found.get(spec.within), preamble)
    return found


#: Where a lead phrase ends: the first clause of a heading or a paragraph.
_CLAUSE_END = lazy(r"[，。；：,;:！？!?]")


@lru_cache(maxsize=4096)  # read for every anchored element from the same paragraphs (cleared as plain is)
def _lead(text: str) -> str:
    flat = plain(text)
    stop = _CLAUSE_END.search(flat)
    return flat[:stop.start()] if stop else flat


#: How far into a paragraph an anchored element's lead phrase may start ("我局法治政府建设还存在…");
#: the words further in belong to a sentence about something else ("本报告包括主要举措和成效、…、
#: 存在不足和原因、2023年重点工作措施四个部分").
_LEAD_START = 10


def _leads_with(patterns, text: str) -> bool:
    lead = _lead(text)
    return any((m := regex_code.compile(p).search(lead)) is not None and m.start() <= _LEAD_START for p in patterns)


def _find(spec: ElementSpec, sections: list[Section], nested: list[Section], body) -> ElementMatch:
    """An element by a top-level heading, then a sub-heading, then a lead phrase in body
    text (for an anchored element, sub-headings by their first clause only and paragraphs
    by a phrase at their start)."""
    view = _lead if spec.anchored else (lambda text: text)
    top = next((s for s in sections if matches(spec.heading, s.heading.title or s.heading.text)), None)
    sub = None if top else next((s for s in nested if matches(spec.heading, view(s.heading.title))), None)
    hit = top or sub
    if hit is not None:
        where = TextLine(hit.heading.mark + hit.heading.title, hit.heading.span)
        return ElementMatch(spec, True, "heading", where, nested=hit is sub, section=hit)
    in_body = _leads_with if spec.anchored else matches
    para = next(((t, s) for t, s in body if in_body(spec.body, t.text)), None)
    if para is not None:
        return ElementMatch(spec, True, "body", para[0], nested=True, section=para[1])
    return ElementMatch(spec, False)


def _leading_parts(spec: ElementSpec, preamble, sections: list[Section],
                   found: dict[str, ElementMatch]) -> ElementMatch:
    """A report organised by topic ("一、强化组织保障……", "二、深化依法决策……") puts its
    measures first: the top-level parts before the first part another element's heading
    names are this element. A report without numbered parts (司法部's, under unnumbered topic
    lines) has them in the text after its opening, unless a lead phrase makes that text another
    element's."""
    if not sections:
        claimed = {id(m.where) for m in found.values() if m.found and m.how == "body"}
        first = preamble[1] if len(preamble) > 1 else None
        if first is None or id(first) in claimed:
            return ElementMatch(spec, False)
        return ElementMatch(spec, True, "body", first)
    claimed = {id(m.section) for m in found.values() if m.found and m.how == "heading" and not m.nested}
    first = sections[0]
    if id(first) in claimed:
        return ElementMatch(spec, False)
    where = TextLine(first.heading.mark + first.heading.title, first.heading.span)
    return ElementMatch(spec, True, "heading", where, section=first)


def _find_within(spec: ElementSpec, container: ElementMatch | None, preamble) -> ElementMatch:
    """Look for ``spec`` inside the text of the element that contains it: the container's
    heading, then its body (from the lead phrase on, when it was found by one)."""
    if container is None or not container.found:
        return ElementMatch(spec, False)
    if container.how == "heading" and matches(spec.heading, container.section.heading.text):
        return ElementMatch(spec, True, "heading", container.where)
    hit = next((t for t in container.body(preamble) if matches(spec.body, t.text)), None)
    if hit is None:
        return ElementMatch(spec, False)
    return ElementMatch(spec, True, "body", hit, nested=True)


def build_report(source: Source, kinds: list[ReportKind], forced_kind: str | None = None,
                 deadline: str | None = None, profile: Profile | None = None, furniture: tuple = ()) -> Report:
    """Normalise and parse ``source`` and build the report model (``deadline``: "MM-DD" from the
    config, which wins over the deadline ``profile``; None: the built-in profile; ``furniture``:
    extra page-furniture patterns from the config)."""
    # the text caches serve one report: kept across reports, they gave a batch of look-alike
    # reports (the benchmark's, made from five seeds) hits that real reports do not get
    compact.cache_clear()
    plain.cache_clear()
    _lead.cache_clear()
    normalised = normalise(source.lines, source.table_lines, furniture)
    document = parse_lines(normalised.lines, source.heading_levels, normalised)
    segment, index = _main_segment(document)
    title = _title_text(segment.title) if segment.title else None
    title_where = TextLine(title, segment.title[0].span) if title else None
    opening = [p.text for p in segment.paragraphs[:2]]
    if forced_kind:
        kind = next((k for k in kinds if k.id == forced_kind), None)
    else:
        headings = [s.heading.title or s.heading.text for top in segment.sections for s in top.walk()][:12]
        kind = detect_kind(kinds, title, opening, headings)
    issuer, issuer_where = _issuer(segment, title)
    year, year_where = _year(title, title_where, segment.paragraphs,
                             [TextLine(s.heading.title, s.heading.title_span) for s in segment.sections])
    date_where = segment.dates[-1] if segment.dates else None
    elements = find_elements(kind, segment.paragraphs, segment.sections) if kind else {}
    traditional = None
    if is_traditional(normalised, source.lines):
        line, column = normalised.first_traditional
        changed = tuple((i + 1, new) for i, (old, new) in enumerate(zip(source.lines, normalised.lines)) if old != new)
        traditional = Script(TextLine(source.lines[line][column], Span.on_line(line + 1, column + 1, 1)),
                             normalised.traditional, changed)
    report = Report(
        path=source.path, kind=kind.id if kind else "unknown", kind_spec=kind,
        title=title_where, title_lines=tuple(segment.title), issuer=issuer, issuer_where=issuer_where,
        year=year, year_where=year_where,
        date=parse_date(date_where.text) if date_where else None, date_where=date_where,
        front=tuple(segment.front + segment.authors + ([segment.salutation] if segment.salutation else [])),
        signature=tuple(segment.signature), preamble=tuple(segment.paragraphs), sections=tuple(segment.sections),
        elements=elements, cover_letters=index, shape=LineShape.of(source.lines),
        format=source.format, places=source.places(), layout=source.layout, published=source.published,
        page=tuple(_page_text(document, normalised)), traditional=traditional,
        **_deadlines(profile or default_profile(), year, issuer, deadline),
    )
    # the facts are read from the finished model (which part each line stands in)
    return replace(report, facts=extract(_lines_with_parts(report), year))


def _page_text(document: Document, normalised) -> list[PageText]:
    """Furniture and table lines, and the stretches inside lines, in document order."""
    page = [PageText(line.text, Span.on_line(line.index + 1, line.col + 1, len(line.text)), line.what)
            for line in document.furniture]
    page += [PageText(s.text, Span.on_line(s.line + 1, s.start + 1, s.end - s.start), s.what)
             for s in normalised.stretches if s.what != "watermark"]
    return sorted(page, key=lambda p: p.span)


def _deadlines(profile: Profile, year: int | None, issuer: str | None, configured: str | None) -> dict:
    """When the report is due and must be public, and the issuer's type, by the profile."""
    found = profile.issuer_type(issuer)
    return {"deadline": profile.deadline_for(year, found, configured),
            "publication_deadline": profile.publication_deadline(year),
            "issuer_type": (found.id, found.name, found.name_en) if found else None}


def _lines_with_parts(report: Report):
    """Every text line of the report with the role of the mandated part it stands in and
    whether it is a heading."""
    lines = [(line, None, False) for line in report.title_lines] + [(p, None, False) for p in report.preamble]
    for top in report.sections:
        for section in top.walk():
            part = report.role_of(section)
            heading = section.heading
            lines.append((TextLine(heading.title, heading.title_span), part, True))
            lines.extend((text, part, False) for text in section.body())
    # Table rows are not prose, but their figures are facts (a rate above 100% in a table is wrong too).
    lines.extend((row, None, False) for row in report.page_text("table"))
    if report.date_where is not None:
        lines.append((report.date_where, "closing", False))
    return lines
