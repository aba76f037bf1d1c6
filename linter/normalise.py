"""The normalise step: a source's lines as the parser and the rules should read them.

Text copied from web pages, reposts and converted mirrors carries more than the report:
the page's metadata fields, navigation, widgets and watermarks, tables flattened into
short lines, Traditional script, mojibake, a converter's pinyin glosses. This step
*classifies* them and changes nothing that would move a character:

- Traditional characters are converted to Simplified one for one (OpenCC), so every
  keyword matches while every column still points at the original character;
- whole lines of page furniture and tables are named (``furniture``), so the parser
  leaves them out of the report's structure and the W rules report them;
- stretches inside a line (a watermark mid-sentence, mojibake, pinyin glosses, ``*``
  left by a word filter, a letter-spaced line) are listed with their columns, so the
  typography rules leave them alone and the W rules report them.

OpenCC is imported only for text that contains Traditional characters.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from linter import regex, regex_code
from linter.lines import compact, heading_mark
from linter.regex import lazy
from linter.vocabulary import BLANK, CJK

#: Frequent characters that exist only in Traditional script: their presence is what makes
#: loading OpenCC worth it (Simplified text never contains them). One class searched over the
#: whole text: eight times quicker than a set intersected with every line.
TRADITIONAL_ONLY = lazy(
    "[這個們國會來時對為說與發開關經過當報設區縣書記黨務機構實現問題進頭將從應條導資語讀變華團親網聯門間電"
    "項長業員農產義舉處辦製決規範調審議權責據總結護體檢驗證廳鄉鎮職領執訴訟維穩環嚴監罰許層級類隊績質濟營"
    "劃準確認識樣專講話勵獎歷練習難簡錄屬單際歲興傳統邊車陽雲順風飛館馬麼龍廣軍動見點線種內錢顯檔較稅併幾"
    "絕愛費參優勢計畫詢複願]")
#: What a whole line of furniture is: a page field, navigation, a widget, a watermark, a
#: title repeated by the page, or a table row.
LINE_KINDS = ("field", "navigation", "widget", "watermark", "repeat", "table")

_SEPARATORS = r"[\s【】\[\]（）()|｜丨:：/、·•,，]"
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
#: A converter's pinyin gloss after a character: 國(guó), 評（píng）. The patterns below that
#: most lines are scanned with begin with a character or a class, not with a lookbehind or a
#: repeat, so that the engine skips to where a match can start (2-3x quicker than the
#: lookahead linter.regex would put in front).
_GLOSS_OPEN = "(（"
_GLOSS = lazy(rf"[{_GLOSS_OPEN}](?<=[{CJK}][{_GLOSS_OPEN}])[a-zü{_TONE}]{{0,5}}[{_TONE}][a-zü{_TONE}]{{0,5}}[)）]")
#: `*` (＊) standing for characters a site's word filter removed ("习**法治思想", "会议*次",
#: "，*区", "提升至*%"), or a run of ×× doing the same: after a Chinese character and before one
#: (or a percent sign), or at the start of a phrase before one — never a footnote mark after a
#: word ("规定*。"), a note ("*注："), a list bullet ("* 项目") or a multiplication sign (3×4).
_FILTERED = lazy(
    rf"(?:(?<=[{CJK}])|(?<=[，,、；;：:“‘《（(\s])|^)(?:[*＊]+|×{{2,}})(?=[{CJK}])(?!注)"
    rf"|(?<=[{CJK}])(?:[*＊]+|×{{2,}})(?=[%％])")
#: What every filtered stretch starts with: looking for them spares most lines the scan for
#: _FILTERED (tried at every position, as its lookbehinds come first).
_FILTER_MARKS = "*＊×"
_MARKDOWN_BOLD = lazy(r"\*\*[^*]+\*\*")
#: What stands for lost characters, as (unit, fewest in a row): replacement characters, 锟斤拷
#: (replacement characters encoded and read again), 烫烫烫 and 屯屯屯 (uninitialised memory
#: printed), ?? (characters an encoding lacked).
_LOST = (("\ufffd", 1), ("锟斤拷", 1), ("烫", 3), ("屯", 3), ("?", 2))
_REPLACEMENT = lazy("|".join(f"{re.escape(unit * fewest)}(?:{re.escape(unit)})*" for unit, fewest in _LOST))
#: What each run of lost characters starts with (looked for before the pattern's scan).
_LOST_STARTS = tuple(unit * fewest for unit, fewest in _LOST)
_CJK_RUN = lazy(rf"[{CJK}\u3000-\u303f\uff00-\uffef?]{{3,}}")
_LATIN1_RUN = lazy("[\u00a1-\u00ff][\u00a1-\u00ff]{3,}")
_CJK_CHAR = lazy(f"[{CJK}]")
_NUMERIC_CELL = lazy(r"^[-+]?\d[\d.,，%％]*[\u4e00-\u9fff]{0,2}$")
_TABLE_BARS = "|｜│"
#: List bullets a page puts before its fields ("• 来源: 司法厅").
_BULLETS = "•·●▪◆■-*"


def without_glosses(text: str) -> str:
    """``text`` without a converter's pinyin glosses (應(yīng)急 → 應急), for recognising words;
    the lines themselves keep them (W004 reports them, columns stay)."""
    # most lines have no bracket a gloss opens with: looking for two characters is several
    # times quicker than the pattern's scan
    return _GLOSS.sub("", text) if _may_hold(text, _GLOSS_OPEN) else text


@dataclass(frozen=True)
class Stretch:
    """Part of a physical line that is not the report's own prose (0-based ``line``,
    ``start``/``end`` columns in the line)."""

    line: int
    start: int
    end: int
    what: str  # watermark | mojibake | gloss | filtered | spaced
    text: str


@dataclass
class Normalised:
    """The lines rules read (same length as the source's, Simplified), what is furniture,
    and the stretches inside lines that are not prose."""

    lines: list[str]
    #: number of characters converted from Traditional, and where the first one is
    traditional: int = 0
    first_traditional: tuple[int, int] | None = None
    #: whole lines that are not the report: line index → one of LINE_KINDS
    furniture: dict[int, str] = field(default_factory=dict)
    stretches: list[Stretch] = field(default_factory=list)

    def stretches_on(self, line: int) -> list[Stretch]:
        return [s for s in self.stretches if s.line == line]


@dataclass(frozen=True)
class Patterns:
    """Furniture patterns (``linter/data/pagecopy.toml`` plus the user's config)."""

    field: re.Pattern
    label: re.Pattern
    #: navigation lines: the patterns anchored at the start of the line, tried there alone, and
    #: the others, searched (in one alternation the first characters of the anchored ones,
    #: such as 的 and 政, would start a try at most positions of every line)
    lines: re.Pattern
    lines_inside: re.Pattern
    widget: re.Pattern
    watermark: re.Pattern
    #: what every field, label and widget line starts with (None: cannot be told): most lines
    #: start otherwise, and one look spares them the three patterns
    fields_start: re.Pattern | None
    #: strings one of which every match of lines_inside, and of watermark, holds (None: some
    #: match may hold none that can be told): the scans skip the lines without them
    inside_needles: tuple[str, ...] | None
    watermark_needles: tuple[str, ...] | None

    def navigation(self, flat: str, inside: tuple[str, ...] | None) -> bool:
        """Whether the compacted line ``flat`` is navigation; ``inside``: the inside needles
        to look for (those the whole text holds, see :func:`_held`)."""
        return bool(self.lines.match(flat) or (_may_hold(flat, inside) and self.lines_inside.search(flat)))

    def watermarks(self, lines: list[str], text: str) -> list[list[re.Match]]:
        """The watermarks on each of ``lines`` (``text``: the lines joined). Their needles are
        looked for in the whole text first: most texts hold none, and no line of those needs a scan."""
        needles = _held(text, self.watermark_needles)
        if needles == ():
            return [[] for _ in lines]
        return [[m for m in self.watermark.finditer(line) if m.group().strip()]
                if line.strip() and _may_hold(line, needles) else [] for line in lines]


def _may_hold(text: str, needles: Iterable[str] | None) -> bool:
    """Whether ``text`` holds one of ``needles`` (None: they cannot be told, so it may)."""
    # map over the bound method: a generator's frame cost more than the looks (most are for
    # one or two characters, on every line)
    return needles is None or any(map(text.__contains__, needles))


def _held(text: str, needles: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """Those of ``needles`` that ``text`` holds (None stays None). A line holds only needles
    its whole text holds: looked for once in the text, most needles are in none of its
    lines, and no line needs looking for them."""
    return needles if needles is None else tuple(filter(text.__contains__, needles))


@lru_cache(maxsize=16)
def patterns(extra: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Patterns:
    """Compile the furniture patterns, with ``extra`` lists from ``[tool.relint.furniture]``."""
    from linter.tomlio import load_package_data

    data = {key: list(value) for key, value in load_package_data("linter", "data/pagecopy.toml")["furniture"].items()}
    for key, words in extra:
        data[key] = data.get(key, []) + list(words)
    labels = "|".join(sorted(data["fields"], key=len, reverse=True))
    widgets = "|".join(sorted(data["widgets"], key=len, reverse=True))
    inside = _either(p for p in data["lines"] if not regex.anchored(p))
    watermarks = _either(data["watermarks"])
    field = rf"^[【\[]?(?:{labels})(?:[】\]][:：]?|[:：])"
    label = rf"^[【\[]?(?:{labels})[】\]]?[:：]?$"
    widget = rf"^(?:{widgets}|{_SEPARATORS})+$"
    try:
        fields_start = regex_code.compile(regex.first_class([field, label, widget]))
    except ValueError:  # a user's label or widget that may start with any character
        fields_start = None
    return Patterns(
        field=regex_code.compile(field),
        label=regex_code.compile(label),
        lines=regex.compile(_either(p for p in data["lines"] if regex.anchored(p))),
        lines_inside=regex.compile(inside),
        widget=regex_code.compile(widget),
        watermark=regex.compile(watermarks),
        fields_start=fields_start,
        inside_needles=regex.needles(inside),
        watermark_needles=regex.needles(watermarks),
    )


def _either(patterns) -> str:
    """One pattern matching where any of ``patterns`` matches (none: one that never matches)."""
    return "|".join(f"(?:{p})" for p in patterns) or "(?!)"


def normalise(lines: list[str], tables: frozenset[int] = frozenset(),
              extra: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Normalised:
    """Classify ``lines`` (the physical lines of a source). ``tables`` names lines a
    structured format knows to be table cells (docx)."""
    result = Normalised(_simplified(lines))
    result.traditional, result.first_traditional = _count_converted(lines, result.lines)
    found = patterns(extra)
    # the whole text, in which what most lines cannot hold is looked for once (see _held)
    text = "\n".join(result.lines)
    # one watermark scan per line, read by the furniture and the stretch passes
    marks = found.watermarks(result.lines, text)
    _furniture_lines(result, found, marks)
    _table_lines(result, tables, text)
    # mojibake is looked for in the original characters (converting it to Simplified would
    # destroy the bytes it stands for)
    damaged = mojibake_by_line(lines)
    # what a gloss or a filtered stretch starts with, and the blanks a letter-spaced line needs,
    # looked for in the whole text once: most texts hold none of some, and no line is scanned for those
    looks = {"gloss": _may_hold(text, _GLOSS_OPEN), "filtered": _may_hold(text, _FILTER_MARKS),
             "spaced": sum(map(text.count, BLANK)) >= _SPACED_BLANKS}
    for index, line in enumerate(result.lines):
        if index not in result.furniture and line.strip():
            result.stretches.extend(_stretches(index, lines[index], line, marks[index], damaged.get(index, ()), looks))
    return result


# -- Traditional script ---------------------------------------------------------------

@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _simplified(lines: list[str]) -> list[str]:
    """The lines in Simplified script, character for character (so columns stay)."""
    if not TRADITIONAL_ONLY.search("\n".join(lines)):
        return list(lines)
    convert = _converter().convert
    out = []
    for line in lines:
        converted = convert(line)
        if len(converted) != len(line):  # a phrase conversion changed the length: go by character
            converted = "".join(c if len(c) == 1 else o for o, c in ((o, convert(o)) for o in line))
        out.append(converted)
    return out


def _count_converted(original: list[str], converted: list[str]) -> tuple[int, tuple[int, int] | None]:
    count, first = 0, None
    for index, (a, b) in enumerate(zip(original, converted)):
        if a == b:
            continue
        for column, (x, y) in enumerate(zip(a, b)):
            if x != y:
                count += 1
                first = first or (index, column)
    return count, first


def is_traditional(normalised: Normalised, lines: list[str]) -> bool:
    """Whether the text as a whole is in Traditional script (not a quoted name or two)."""
    if normalised.traditional < 6:
        return False
    chinese = sum(len(_CJK_CHAR.findall(line)) for line in lines)
    return normalised.traditional >= chinese * 0.05


# -- furniture and tables -------------------------------------------------------------

def _furniture_lines(result: Normalised, found: Patterns, marks: list[list[re.Match]]) -> None:
    value_of_label = False
    flats = [compact(line).lstrip(_BULLETS) for line in result.lines]
    inside = _held("\n".join(flats), found.inside_needles)
    for index, flat in enumerate(flats):
        line = result.lines[index]
        if not flat:
            continue
        what = None
        page = found.fields_start is None or found.fields_start.match(flat) is not None
        if page and found.label.match(flat):
            what, value_of_label = "field", True
        elif value_of_label and len(flat) <= 60 and "。" not in flat:
            what, value_of_label = "field", False  # the value under a "[ 索引号 ]" label
        else:
            value_of_label = False
            if page and found.field.match(flat):
                what = "field"
            elif page and found.widget.match(flat) and len(flat) >= 2:
                what = "widget"
            elif found.navigation(flat, inside):
                what = "navigation"
            else:
                if marks[index] and not compact(found.watermark.sub("", line)):
                    what = "watermark"
        if what:
            result.furniture[index] = what


def _table_lines(result: Normalised, tables: frozenset[int], text: str) -> None:
    """Table rows: cells known from the format, ``|`` rows, tab-separated cells, and runs
    of short cells on lines of their own (a flattened table), at least one of them a number
    (``text``: the lines joined)."""
    lines = result.lines
    # a row needs two bars or two tabs on its line: a text with fewer has no line to look at
    # for them (most texts), only the cells the format knows
    rows = sum(map(text.count, _TABLE_BARS)) >= 2 or text.count("\t") >= 2
    for index, line in enumerate(lines) if rows or tables else ():
        if index in result.furniture or not line.strip():
            continue
        # counting three characters is quicker than a pattern's scan of every line
        if index in tables or rows and (sum(map(line.count, _TABLE_BARS)) >= 2 or len(line.strip().split("\t")) >= 3):
            result.furniture[index] = "table"
    run: list[int] = []
    for index in [*range(len(lines)), len(lines)]:
        if index < len(lines) and not lines[index].strip():
            continue  # flattened cells are often separated by empty lines
        cell = index < len(lines) and index not in result.furniture and _is_cell(lines[index])
        if cell:
            run.append(index)
            continue
        if len(run) >= 4 and any(_NUMERIC_CELL.match(compact(lines[i])) for i in run):
            for i in run:
                result.furniture[i] = "table"
        run = []


def _is_cell(line: str) -> bool:
    flat = compact(line)
    return 0 < len(flat) <= 12 and not re.search(r"[。；;，,：:、]", flat) and heading_mark(flat) is None


# -- stretches inside a line ----------------------------------------------------------

def _stretches(index: int, original: str, line: str, marks: list[re.Match],
               damaged: list[tuple[int, int]], looks: dict[str, bool]) -> list[Stretch]:
    """Stretches of one line (``marks``: its watermarks, ``damaged``: its mojibake, as
    columns of the ``original`` line; ``looks``: which other kinds its text may hold)."""
    out = [Stretch(index, m.start(), m.end(), "watermark", m.group()) for m in marks]
    out += [Stretch(index, a, b, "mojibake", original[a:b]) for a, b in damaged]
    if looks["gloss"] and _may_hold(line, _GLOSS_OPEN):
        out += [Stretch(index, m.start(), m.end(), "gloss", m.group()) for m in _GLOSS.finditer(line)]
    if looks["filtered"] and _may_hold(line, _FILTER_MARKS) and not _MARKDOWN_BOLD.search(line):
        out += [Stretch(index, m.start(), m.end(), "filtered", m.group()) for m in _FILTERED.finditer(line)]
    spaced = looks["spaced"] and letter_spaced(line)
    if spaced:
        out.append(Stretch(index, spaced[0], spaced[1], "spaced", line[spaced[0]:spaced[1]]))
    return out


def mojibake(line: str) -> list[tuple[int, int]]:
    """Stretches of ``line`` that are mojibake (see :func:`mojibake_by_line`)."""
    return mojibake_by_line([line]).get(0, [])


def mojibake_by_line(lines: list[str]) -> dict[int, list[tuple[int, int]]]:
    """The stretches of ``lines`` that are mojibake, by line (index → columns, merged where
    they overlap): UTF-8 bytes read as GBK (鍙戝竷 for 发布), GBK bytes read as Latin-1,
    replacement characters, 锟斤拷, runs of ``?`` for lost characters.

    Searched in the whole text at once (none of the patterns matches a line break or looks
    around, so each finds what it finds line by line), and the runs re-read in one encoding
    and decoding: most texts hold no mojibake, and per-line searches and decodings cost a
    third of normalising them."""
    text = "\n".join(lines)
    # looking for each run's start is quicker than the pattern's scan, and most texts have none
    lost = _may_hold(text, _LOST_STARTS)
    found = [m.span() for m in _REPLACEMENT.finditer(text)] if lost else []
    recovers = _utf8_read_as_gbk(_CJK_RUN.findall(text))
    if any(recovers):  # rare: only then are the runs' places needed
        found += [run.span() for run, ok in zip(_CJK_RUN.finditer(text), recovers) if ok]
    found += [m.span() for m in _LATIN1_RUN.finditer(text) if _decodes(m.group(), "latin-1", "gbk")]
    if not found:
        return {}
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    merged: dict[int, list[tuple[int, int]]] = {}
    for start, end in sorted(found):
        index = bisect_right(starts, start) - 1
        start, end = start - starts[index], end - starts[index]
        spans = merged.setdefault(index, [])
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return merged


def _utf8_read_as_gbk(texts: list[str]) -> list[bool]:
    """:func:`_decodes` from GBK to UTF-8 for each of ``texts`` (the runs of a text), with
    one encoding and one decoding for them all rather than one of each per run: joined by
    line breaks, which GBK never puts inside a character and at which UTF-8 ends a broken
    sequence as it does at the end of a text."""
    if not texts:
        return []
    try:
        raw = "\n".join(texts).replace("?", "").encode("gbk")
    except UnicodeEncodeError:  # one of them cannot be: each on its own
        return [_decodes(text, "gbk", "utf-8") for text in texts]
    recovered = raw.decode("utf-8", errors="replace")
    if not _MAY_RECOVER.search(recovered):  # prose: no run is looked at one by one
        return [False] * len(texts)
    return [_recovers(run) for run in recovered.split("\n")]


def _decodes(text: str, wrong: str, right: str) -> bool:
    """Whether ``text`` is what bytes in ``right`` look like when read as ``wrong``: its
    bytes re-read as ``right`` give Chinese characters, with few bytes left over."""
    try:
        raw = text.replace("?", "").encode(wrong)
    except UnicodeEncodeError:
        return False
    return _recovers(raw.decode(right, errors="replace"))


#: What a run that :func:`_recovers` holds once re-read: two Chinese characters with no lost
#: byte between them. (Its lost bytes cut it into one piece more than there are of them; with
#: at least three Chinese characters for each lost byte, and at least two, one piece holds two.)
#: Prose re-read holds a few Chinese characters, each between lost bytes.
_MAY_RECOVER = lazy(f"[{CJK}][^\ufffd\n]*[{CJK}]")


def _recovers(recovered: str) -> bool:
    """Whether text re-read in the right encoding is Chinese with few bytes left over."""
    lost = recovered.count("\ufffd")
    if lost * 4 > len(recovered):  # ordinary text re-read: mostly lost bytes (and chinese <= len - lost)
        return False
    chinese = len(_CJK_CHAR.findall(recovered))
    return chinese >= 2 and lost * 3 <= chinese


#: A letter-spaced stretch: at least six characters, a gap after at least 80% of them but the
#: last; so at least four blanks, which a text without them is told by counting.
_SPACED_CHARS, _SPACED_SHARE = 6, 0.8
_SPACED_BLANKS = math.ceil((_SPACED_CHARS - 1) * _SPACED_SHARE)


def letter_spaced(line: str) -> tuple[int, int] | None:
    """The stretch of a line typeset with a space after every character ("关 于 2 0 2 3 年"),
    at least six characters long; a spaced-out two- or three-character name is alignment."""
    stripped = line.strip(BLANK)
    # each gap ends at a blank: with too few blanks there cannot be enough gaps (most lines
    # have none, and are told so before they are compacted)
    blanks = sum(map(stripped.count, BLANK))
    if not blanks:
        return None
    chars = compact(stripped)
    if len(chars) < _SPACED_CHARS or not _CJK_CHAR.search(chars) or blanks < (len(chars) - 1) * _SPACED_SHARE:
        return None
    gaps = sum(1 for a, b in zip(stripped, stripped[1:]) if a not in BLANK and b in BLANK)
    if gaps < (len(chars) - 1) * _SPACED_SHARE:
        return None
    start = len(line) - len(line.lstrip(BLANK))
    return start, start + len(stripped)
