"""Document structure → :class:`~linter.model.Report`.

Works out what the report is (kind), who wrote it (issuer), for which year and on
which date, and which mandated element each part fulfils: by heading first (top-level
parts, then sub-headings), then by lead phrases in body text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from linter.facts import extract, parse_date
from linter.lines import ORG_SUFFIX, compact
from linter.model import ElementMatch, ElementSpec, Report, ReportKind, Section, TextLine
from linter.parse import Document, Segment, parse_lines
from linter.profiles import Profile, default_profile
from linter.sources import Source
from linter.vocabulary import YEAR, YEAR_WORD

# "XX局关于…", "XX局2024年…", "XX局履行推进法治建设第一责任人职责述职报告"
_ISSUER_IN_TITLE = re.compile(rf"^(?!{YEAR})(.{{2,30}}?)(?=关于|{YEAR}年|履行|推进法治|法治政府|党政主要负责|主要负责|述职|述法)")


@lru_cache(maxsize=4096)
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def matches(patterns, text: str) -> bool:
    flat = compact(text)
    return any(_regex(p).search(flat) for p in patterns)


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


def detect_kind(kinds: list[ReportKind], title: str | None, opening: list[str]) -> ReportKind | None:
    for kind in sorted(kinds, key=lambda k: -k.priority):
        if title is not None:
            if matches(kind.title, title) and not matches(kind.exclude, title):
                return kind
        elif any(matches(kind.opening, text) for text in opening):
            return kind
    return None


def _issuer(segment: Segment, title: str | None) -> tuple[str | None, TextLine | None]:
    issuers = [line for line in segment.front if ORG_SUFFIX.search(compact(line.text))]
    if issuers:
        return compact(issuers[-1].text), issuers[-1]
    if title:
        head = title.split()[0] if " " in title else None
        if head and ORG_SUFFIX.search(head) and len(head) <= 30:
            return head, segment.title[0]
        flat = compact(title)
        prefix = _ISSUER_IN_TITLE.match(flat) or re.match(rf"^{YEAR}年度?(.{{2,30}}?)(法治政府|依法行政)", flat)
        if prefix and ORG_SUFFIX.search(prefix.group(1)):
            return prefix.group(1), segment.title[0]
    if segment.signature:
        return compact(segment.signature[0].text), segment.signature[0]
    return None, None


def _year(title: str | None, title_where: TextLine | None, opening: list[TextLine]):
    if title:
        found = YEAR_WORD.search(compact(title))
        if found:
            return int(found.group(1)), title_where
    for line in opening[:2]:
        found = YEAR_WORD.search(compact(line.text))
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
        top = next((s for s in sections if matches(spec.heading, s.heading.title or s.heading.text)), None)
        sub = None if top else next((s for s in nested if matches(spec.heading, s.heading.title)), None)
        hit = top or sub
        if hit is not None:
            where = TextLine(hit.heading.mark + hit.heading.title, hit.heading.span)
            found[spec.id] = ElementMatch(spec, True, "heading", where, nested=hit is sub, section=hit)
            continue
        para = next(((t, s) for t, s in body if matches(spec.body, t.text)), None)
        if para is not None:
            found[spec.id] = ElementMatch(spec, True, "body", para[0], nested=True, section=para[1])
        else:
            found[spec.id] = ElementMatch(spec, False)
    for spec in kind.elements:
        if spec.within:
            found[spec.id] = _find_within(spec, found.get(spec.within), preamble)
    return found


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
                 deadline: str | None = None, profile: Profile | None = None) -> Report:
    """Parse ``source`` and build the report model (``deadline``: "MM-DD" from the config,
    which wins over the deadline ``profile``; None: the built-in profile)."""
    document = parse_lines(source.lines, source.heading_levels)
    segment, index = _main_segment(document)
    title = _title_text(segment.title) if segment.title else None
    title_where = TextLine(title, segment.title[0].span) if title else None
    opening = [p.text for p in segment.paragraphs[:2]]
    if forced_kind:
        kind = next((k for k in kinds if k.id == forced_kind), None)
    else:
        kind = detect_kind(kinds, title, opening)
    issuer, issuer_where = _issuer(segment, title)
    year, year_where = _year(title, title_where, segment.paragraphs)
    date_where = segment.dates[-1] if segment.dates else None
    elements = find_elements(kind, segment.paragraphs, segment.sections) if kind else {}
    report = Report(
        path=source.path, kind=kind.id if kind else "unknown", kind_spec=kind,
        title=title_where, title_lines=segment.title, issuer=issuer, issuer_where=issuer_where,
        year=year, year_where=year_where,
        date=parse_date(date_where.text) if date_where else None, date_where=date_where,
        signature=segment.signature, preamble=segment.paragraphs, sections=segment.sections,
        elements=elements, cover_letters=index, lines=source.lines,
        format=source.format, source=source, published=source.published,
        **_deadlines(profile or default_profile(), year, issuer, deadline),
    )
    report.facts = extract(_lines_with_parts(report), year)
    return report


def _deadlines(profile: Profile, year: int | None, issuer: str | None, configured: str | None) -> dict:
    """When the report is due and must be public, and the issuer's type, by the profile."""
    found = profile.issuer_type(issuer)
    return {"deadline": profile.deadline_for(year, issuer, configured),
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
    if report.date_where is not None:
        lines.append((report.date_where, "closing", False))
    return lines
