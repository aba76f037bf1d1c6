"""Line classification: the lexer of the report grammar.

Each non-blank line of a :class:`~linter.sources.Source` becomes one or more
:class:`Line` values with a *kind* that is a terminal of ``grammar/report.lark``.
Deciding a kind needs a little context (a title is only a title near the start of a
segment, a signature only before a date line), which is why this is a pass over the
whole document rather than a regular-expression lexer inside Lark.

Kinds are disjoint, and the order they come out in always satisfies the grammar: a
title block only opens a segment, a closing block only ends one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from linter.model import stored_at_once
from linter.regex import first_class, lazy
from linter.vocabulary import (
    CN_DIGITS,
    DATE_LINE,
    ENUM_ITEM,
    FUSED_MARK,
    HEADING_MARKS,
    ORG_ENDINGS,
    POSTS,
    YEAR,
    cn_number,
)

#: Level given to a heading that has no number; deeper than any numbered level, so
#: the next numbered heading closes it.
UNNUMBERED = 5

_SENTENCE_END = lazy(r"[。！？!?]")
# A heading fused into the preceding paragraph: "…成效显著。二、存在的不足"; group ``gap`` is
# where the paragraph stops (the punctuation is matched, not looked behind for, so that the
# engine skips to it: twice as quick on a line of prose)
_FUSED_HEADING = lazy(rf"[。；！？](?P<gap>\s*)(?={FUSED_MARK}\S)")
# A title at the start of a document saved as one line, followed by a salutation
# ("区委、区政府："), the opening ("2023年，…", "现将…") or the first part ("一、").
_RUN_ON_TITLE = lazy(
    rf"^([^。，；：:]{{4,60}}?(?:报告|汇报|总结))\s*(?=[^。，；]{{2,24}}[：:]|{YEAR}\s*年|现将|[{CN_DIGITS}]{{1,2}}、)")
_ENDS_CLAUSE = lazy(r"[。！？；：:;!?）)”」』】]$")
_HAS_PUNCT = lazy(r"[。，,；;：:！？!?]")

ORG_SUFFIX = lazy(rf"({ORG_ENDINGS})$")
# Web pages also title a report by its subject: "四川省人民政府2024年度法治政府建设工作情况"; the
# pages a report is mistaken for carry the name of their own kind of document at the end.
_TITLE_WORDS = lazy(rf"(报告|汇报|总结|述职|述法|{YEAR}年度?.{{2,20}}(建设|工作)情况$"
                          r"|(通知|意见|规划|规则|方案|安排|要点|清单|解读|办法|规定|计划|纲要)$)")
# What stands under a title: the author and post ("…党组书记、局长 夏军"), a bracketed date, or
# the month of a duty report's delivery ("2025年2月", which is not the year it reports on).
_AUTHOR = lazy(rf"^[（(].*[）)]$|{POSTS}|^{YEAR}年\d{{1,2}}月$")
_WHOLE_TITLE = lazy(rf"^[^，。,]{{2,30}}?({ORG_ENDINGS})关于")
_TITLE_MAX = 80
_HEADING_MAX = 30


@stored_at_once
@dataclass(frozen=True)
class Mark:
    """The numbering of a heading: level, value and how it was written."""

    level: int  # 1..4 (GB/T 9704), UNNUMBERED for a heading without a number
    number: int | None
    text: str  # the mark exactly as written, e.g. "（一）", "1、", "(五)"


@stored_at_once
@dataclass(frozen=True)
class Line:
    """One logical line: usually a physical line, stripped of surrounding blanks.

    ``index`` is the 0-based physical line, ``col`` the 0-based column where the
    stripped text starts (a fused heading starts inside its physical line).
    """

    index: int
    col: int
    text: str
    kind: str
    mark: Mark | None = None
    #: for headings: the heading text without its mark and without run-in body text
    title: str = ""
    #: for headings: 0-based column of ``title`` in the physical line
    title_col: int = 0
    #: for FURNITURE and TABLE lines: what the normalise step found (field, widget, …)
    what: str = ""


# Cached for one report (linter.analyze.build_report clears it): normalising, classifying and
# finding the elements compact the same lines several times (furniture, cells, titles, bodies).
@lru_cache(maxsize=4096)
def compact(text: str) -> str:
    """Text without any white space, for matching keywords in spaced-out lines."""
    return "".join(text.split())


#: What every heading mark starts with: most lines start otherwise, and one look spares them
#: the four patterns.
_MARK_START = lazy(first_class(pattern.pattern for _, pattern in HEADING_MARKS))


def heading_mark(text: str) -> tuple[Mark, int] | None:
    """The heading mark at the start of ``text`` and where the heading text starts."""
    if not _MARK_START.match(text):
        return None
    for level, pattern in HEADING_MARKS:
        match = pattern.match(text)
        if not match:
            continue
        raw = match.group("num")
        number = int(raw) if raw.isdigit() else cn_number(raw)
        if number is None:
            continue
        if level == 1 and match.group("sep") in ".．，," and not text[match.end():].strip():
            continue
        return Mark(level, number, match.group(0).strip()), match.end()
    return None


def _is_org(text: str) -> bool:
    flat = compact(text)
    return (2 <= len(flat) <= 30 and not _HAS_PUNCT.search(flat) and not re.search(r"\d|年|关于|报告", flat)
            and bool(ORG_SUFFIX.search(flat)))


def _is_byline(text: str) -> bool:
    """An organisation and a date on one line under a title ("清水县人民政府 2024年01月08日")."""
    parts = text.split()
    return len(parts) >= 2 and bool(DATE_LINE.match(parts[-1])) and _is_org(" ".join(parts[:-1]))


def _is_title(text: str) -> bool:
    flat = compact(text)
    # the look for 。 first: it rules out most lines of prose, quicker than the patterns' scans
    return (len(flat) <= _TITLE_MAX and "。" not in flat and bool(_TITLE_WORDS.search(flat))
            and not _ENDS_CLAUSE.search(flat) and heading_mark(flat) is None)


def _split_fused(index: int, raw: str, first: bool = False) -> list[tuple[int, int, str]]:
    """Split a physical line where a numbered heading was run into the paragraph before it,
    and, for the first line of a document saved as one long line, after its title."""
    stripped = raw.strip()
    if not stripped:
        return []
    start = len(raw) - len(raw.lstrip())
    pieces, last = [], 0
    title = _RUN_ON_TITLE.match(stripped) if first and (len(stripped) > _TITLE_MAX or not _is_title(stripped)) else None
    if title:
        pieces.append((index, start, title.group(1)))
        last = title.end()
    for match in _FUSED_HEADING.finditer(stripped):
        if match.end() > last:
            pieces.append((index, start + last, stripped[last:match.start("gap")].rstrip()))
            last = match.end()
    pieces.append((index, start + last, stripped[last:]))
    return [p for p in pieces if p[2]]


def _heading(index: int, col: int, text: str) -> Line | None:
    found = heading_mark(text)
    if found is None:
        return None
    mark, end = found
    rest = text[end:]
    title_start = end + (len(rest) - len(rest.lstrip()))
    body = text[title_start:]
    stop = _SENTENCE_END.search(body)
    title = body[:stop.start()] if stop else body
    return Line(index, col, text, "HEADING", mark, title.strip(), col + title_start)


def _closing_kinds(items: list[tuple[int, int, str]]) -> dict[int, str]:
    """Positions of signature and date lines: a date line and the organisations above it,
    or an organisation line that ends the document."""
    kinds: dict[int, str] = {}
    for pos, (_, _, text) in enumerate(items):
        # A date in brackets under a title is a 题注, not the 成文日期 that closes a document.
        if DATE_LINE.match(text) and not text.startswith(("（", "(")):
            kinds[pos] = "DATE"
            back = pos - 1
            while back >= 0 and pos - back <= 3 and back not in kinds and _is_org(items[back][2]):
                kinds[back] = "SIGN"
                back -= 1
    last = len(items) - 1
    if last >= 1 and last not in kinds and _is_org(items[last][2]):
        kinds[last] = "SIGN"
    return kinds


def _title_block(items, start: int, stop: int) -> dict[int, str]:
    """Kinds of the front lines of a segment: FRONT/ISSUER lines, TITLE, AUTHOR, SALUTATION."""
    window = [p for p in range(start, min(stop, start + 6))]
    titles = [p for p in window if _is_title(items[p][2])]
    # A bare "工作报告" is the page's category above the report's own title.
    title = next((p for p in titles if len(compact(items[p][2])) > 6), titles[0] if titles else None)
    kinds: dict[int, str] = {}
    if title is None:
        return kinds
    kinds[title] = "TITLE"
    first = title
    # a title that opens with its issuer and 关于 is whole: the line above it is not its first half
    # ("法制查询" / "石家庄市人民政府关于2016年度法治政府建设情况的报告")
    if title - 1 >= start and not _WHOLE_TITLE.match(compact(items[title][2])):
        prev = items[title - 1][2]
        if not _is_org(prev) and not _HAS_PUNCT.search(prev) and len(compact(prev)) <= 30 \
                and heading_mark(prev) is None and not DATE_LINE.match(prev) and not _is_byline(prev) \
                and not prev.startswith(("（", "(")):
            kinds[title - 1] = "TITLE"
            first = title - 1
    for p in range(start, first):
        kinds[p] = "ISSUER" if _is_org(items[p][2]) else "FRONT"
    after = title + 1
    if (after < stop and not re.search(r"(报告|汇报|总结)$", compact(items[title][2]))
            and re.search(r"(报告|汇报|总结)$", compact(items[after][2])) and _is_title(items[after][2])):
        kinds[after] = "TITLE"
        after += 1
    while after < stop:
        text = compact(items[after][2])
        if heading_mark(text) or len(text) > 40:
            break
        if text.endswith(("：", ":")) and len(text) <= 40:
            kinds[after] = "SALUTATION"
            break
        # the author and post, a bracketed date, or the issuing body and its date under the title
        if not (_AUTHOR.search(text) or _is_org(text) or _is_byline(items[after][2])):
            break
        kinds[after] = "AUTHOR"
        after += 1
    return kinds


def _pieces(lines: list[str], normalised) -> list[tuple[int, int, str, str]]:
    """The physical lines as pieces (index, column, text, furniture kind): furniture and
    table lines whole, a line with a watermark inside cut around it, fused headings split."""
    furniture = normalised.furniture if normalised is not None else {}
    cuts: dict[int, list] = {}
    for stretch in normalised.stretches if normalised is not None else ():
        if stretch.what == "watermark":
            cuts.setdefault(stretch.line, []).append(stretch)
    pieces: list[tuple[int, int, str, str]] = []
    first = True
    for index, raw in enumerate(lines):
        if index in furniture:
            if raw.strip():
                pieces.append((index, len(raw) - len(raw.lstrip()), raw.strip(), furniture[index]))
            continue
        last = 0
        for stretch in sorted(cuts.get(index, ()), key=lambda s: s.start) + [None]:
            end = stretch.start if stretch else len(raw)
            for piece in _split_fused(index, raw[last:end], first=first):
                pieces.append((piece[0], piece[1] + last, piece[2], ""))
                first = False
            if stretch:
                pieces.append((index, stretch.start, stretch.text.strip(), "watermark"))
                last = stretch.end
    _mark_repeated_titles(pieces)
    return pieces


def _mark_repeated_titles(pieces: list[tuple[int, int, str, str]]) -> None:
    """A title-like line the page prints twice (its own heading, then the document's): the
    earlier one is the page's, the later one stands with the report's body. Close together,
    the page's heading may also word it a little differently: with the issuer run in
    ("XX厅2023年法治政府建设年度报告" above "2023年法治政府建设年度报告"), or as "【政策解读】关于《…》的解读"."""
    last: dict[str, int] = {}
    for pos, (index, col, text, what) in enumerate(pieces):
        flat = compact(text)
        if not what and len(flat) >= 8 and _is_title(text):
            earlier = last.get(flat)
            if earlier is None:
                earlier = next((p for p in range(pos - 1, max(-1, pos - _NEAR_TITLES), -1)
                                if not pieces[p][3] and _rewords(compact(pieces[p][2]), flat)), None)
                # with the body of a document between them, they are two documents' titles
                # (a notice's and its attachment's)
                if earlier is not None and any(not what and ("。" in t or len(compact(t)) > 40)
                                               for _, _, t, what in pieces[earlier + 1:pos]):
                    earlier = None
            if earlier is not None:
                pieces[earlier] = (*pieces[earlier][:3], "repeat")
            last[flat] = pos


#: How far apart (in lines) a page's heading and the document's reworded title stand.
_NEAR_TITLES = 6


def _rewords(page: str, title: str) -> bool:
    """Whether the title-like line ``page`` holds nearly all of ``title`` in order."""
    if not _is_title(page) or len(page) < len(title):
        return False
    matcher = SequenceMatcher(None, page, title, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) >= 0.85 * len(title)


def classify(lines: list[str], headings: dict[int, int] | None = None, normalised=None) -> list[Line]:
    """Classify the physical ``lines`` of a source into grammar terminals. ``headings``
    names the lines a structured format marks as headings (index → level); ``normalised``
    (see :mod:`linter.normalise`) names page furniture, tables and watermarks, which become
    FURNITURE and TABLE lines outside the report's structure."""
    pieces = _pieces(lines, normalised)
    items = [(index, col, text) for index, col, text, what in pieces if not what]
    kinds = _closing_kinds(items)
    # Segments start at the document start and after every closing block.
    starts = [0] + [p + 1 for p in kinds if p + 1 < len(items) and (p + 1) not in kinds]
    for seg_start in sorted(set(starts)):
        seg_stop = next((p for p in sorted(kinds) if p >= seg_start), len(items))
        for pos, kind in _title_block(items, seg_start, seg_stop).items():
            kinds.setdefault(pos, kind)
    content: list[Line] = []
    for pos, (index, col, text) in enumerate(items):
        kind = kinds.get(pos)
        if kind:
            content.append(Line(index, col, text, kind))
            continue
        heading = _heading(index, col, text)
        if heading is not None:
            content.append(heading)
        elif ENUM_ITEM.match(text):
            content.append(Line(index, col, text, "ENUM"))
        elif (headings and index in headings) or _is_unnumbered_heading(items, kinds, content, pos):
            content.append(Line(index, col, text, "HEADING", Mark(UNNUMBERED, None, ""), text, col))
        else:
            content.append(Line(index, col, text, "PARA"))
    ordered = iter(content)
    return [next(ordered) if not what else
            Line(index, col, text, "TABLE" if what == "table" else "FURNITURE", what=what)
            for index, col, text, what in pieces]


def _is_unnumbered_heading(items, kinds, done: list[Line], pos: int) -> bool:
    """A short line without closing punctuation, after a finished sentence or heading and
    before body text: a heading whose number was left out."""
    text = items[pos][2]
    if len(compact(text)) > _HEADING_MAX or _ENDS_CLAUSE.search(text) or "。" in text:
        return False
    if not done or pos + 1 >= len(items) or (pos + 1) in kinds:
        return False
    previous = done[-1]
    if previous.kind in ("TITLE", "ISSUER", "FRONT", "AUTHOR", "SALUTATION"):
        return False
    following = items[pos + 1][2]
    if heading_mark(following) is not None or len(compact(following)) <= len(compact(text)):
        return False
    if previous.kind not in ("HEADING",) and not _ENDS_CLAUSE.search(previous.text):
        # The line before stops mid-sentence: this is the rest of its sentence, unless it is a
        # phrase without any punctuation followed by a paragraph at least twice its length (a
        # heading whose first half was run into the paragraph above).
        return not _HAS_PUNCT.search(text) and len(compact(following)) >= 2 * max(len(compact(text)), 20)
    return True
