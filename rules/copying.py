"""Q006: passages copied from another body's report in the same run — a run rule
(:class:`linter.rule.RunRule`): each report is digested where it is built, the digests are
compared once every file is linted."""

from __future__ import annotations

import os
import re
from array import array
from functools import lru_cache

from linter.rules.basis import SUPERVISION_REGULATION
from linter.rules.substance import MEASURES, PLAN, REPORTS, SHORTCOMINGS, data, part_lines

from linter import hookimpl, regex_code
from linter.lines import compact
from linter.model import Report, Span
from linter.rule import RunRule, Text
from linter.vocabulary import NOT_CONTENT, YEAR

#: The roles of the parts compared, per report kind: what the body did, what it lacks, what
#: it plans (a duty report's account of its duties stands where an annual report's measures do).
PARTS = {"annual": (MEASURES, SHORTCOMINGS, PLAN), "duty": ("duty", SHORTCOMINGS, PLAN)}
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_YEARS = re.compile(YEAR)


@lru_cache(maxsize=1)
def settings() -> dict:
    return data()["copying"]


@lru_cache(maxsize=1)
def _standard() -> re.Pattern:
    """The standard phrases every report uses, longest first (a longer phrase wins), grouped
    by their first character: the regex engine then tries, where it stands, only the phrases
    that start with the character there (the same matches, in half the time)."""
    by_first: dict[str, list[str]] = {}
    for phrase in sorted(settings()["standard"], key=len, reverse=True):
        text = compact(phrase)
        by_first.setdefault(text[0], []).append(re.escape(text[1:]))
    return regex_code.compile("|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in by_first.items()))


def sentences(text: str) -> list[str]:
    """The sentences of a passage as compared (see :class:`Sentences`)."""
    codes, sizes = Sentences([text]).kept([True])
    joined, at, found = codes.tobytes().decode("utf-32-le", "surrogatepass"), 0, []
    for size in sizes.tolist():
        found.append(joined[at:at + size])
        at += size
    return found


#: What a character is to the comparison (see Sentences): not yet met, content, neither
#: content nor a sentence's end, a sentence's end (or the break between two lines).
_UNSEEN, _CONTENT, _OTHER, _END = 0, 1, 2, 3
_LINE_BREAK = "\n"


@lru_cache(maxsize=1)
def _kind_table():
    """What each code point is, filled in as characters are first met (see _kinds); the
    pages of the table no character touches take no memory."""
    import numpy as np

    return np.zeros(0x110000, dtype=np.uint8)


def _kinds(codes):
    """What each of ``codes`` is: content, not content (NOT_CONTENT), a sentence's end
    (_SENTENCE_END, or a line break). The patterns are asked once per character a process
    meets, not once per sentence: a regex call per sentence was most of a digest's cost.
    A fresh array (Sentences marks the standard phrases in it); ``take`` gathers in 40% fewer
    instructions than indexing."""
    table = _kind_table()
    kinds = table.take(codes)
    if not kinds.all():
        for code in set(codes[kinds == _UNSEEN].tolist()):
            char = chr(code)
            table[code] = (_END if char == _LINE_BREAK or _SENTENCE_END.fullmatch(char)
                           else _OTHER if NOT_CONTENT.fullmatch(char) else _CONTENT)
        kinds = table.take(codes)
    return kinds


class Sentences:
    """The sentences of lines as compared, found in all the lines at once. In each line,
    blanks dropped, the standard phrases are cut out (a cut ends a sentence, so no shingle
    spans it); the line is split at each sentence end; a piece's content is its characters
    less punctuation, symbols and blanks (NOT_CONTENT); a sentence is a piece with at least
    ``sentence`` characters of content. The lines are read as one array of code points: a
    few array operations per report instead of regex calls per sentence."""

    def __init__(self, texts: list[str]):
        import numpy as np
        from linter.rules.minhash import code_points

        # each line opens with a break, so that every line and every piece (below) is a run
        # of characters from a break or an end: one add.reduceat counts the content of all
        # of them (no standard phrase spans a line break)
        compacted = _LINE_BREAK.join(["", *map(compact, texts)])
        self._codes = codes = code_points(compacted)
        kinds = _kinds(codes)
        breaks = (codes == ord(_LINE_BREAK)).nonzero()[0]  # where each line starts
        #: the characters of content of each line as written (standard phrases included)
        self.line_content = np.add.reduceat(kinds == _CONTENT, breaks, dtype=np.intp).tolist()
        # a standard phrase is cut out where it stands: its first character ends a sentence,
        # the rest is not content (as if it were replaced by a sentence end, and the
        # characters keep their places)
        for match in _standard().finditer(compacted):
            kinds[match.start()] = _END
            kinds[match.start() + 1:match.end()] = _OTHER
        self._content = kinds == _CONTENT
        # a piece runs from an end (or a break) to the next; the length of the codes closes the last
        bounds = np.concatenate(((kinds == _END).nonzero()[0], [len(codes)]))
        starts = bounds[:-1]
        sizes = np.add.reduceat(self._content, starts, dtype=np.intp)
        self._sentence = sizes >= int(settings()["sentence"])  # which pieces are sentences
        self._sizes = sizes[self._sentence]
        self._length = bounds[1:] - starts  # of each piece
        # the line of each sentence: the last break at or before its piece's start
        self._lines = breaks.searchsorted(starts[self._sentence], side="right") - 1
        #: how many sentences each line holds
        self.per_line = np.bincount(self._lines, minlength=len(texts)).tolist()

    def kept(self, lines: list[bool]):
        """The sentences of the lines marked in ``lines``: their code points one after the
        other, and the length of each, in their order."""
        import numpy as np

        chosen = np.asarray(lines, dtype=bool)[self._lines]  # of the sentences
        wanted = self._sentence.copy()  # of the pieces
        wanted[self._sentence] = chosen
        return self._codes[self._content & np.repeat(wanted, self._length)], self._sizes[chosen]


def body_key(report: Report) -> str:
    """Who wrote the report: its issuer, else its file name without years (a body's
    reports of two years are Q004's business, not copies from another body)."""
    if report.issuer:
        return compact(report.issuer)
    return os.path.join(os.path.dirname(report.path), _YEARS.sub("", os.path.basename(report.path)))


class CopiedFromOtherReport(RunRule):
    """
    ## 作用
    在同一次运行的多份报告之间，找出“主要举措和成效”（述职报告为履职情况）、“不足”和“安排”部分中
    与另一单位报告相同的段落，两份报告都报告，并指出对方的文件和行。比较以句为单位：每句取字符4-gram
    （shingle），用 MinHash 签名和局部敏感哈希（LSH）找出候选，估计的相似度达到阈值算相同；一段中相同
    的句子合计达到30字即报告。一万份报告也只需几秒（基准见 `benchmarks/copying.py`）。

    不比较：同一单位的报告（不同年度的重复由 Q004 检查；单位按报告的发文机关判断，没有时按文件名去掉年份）；
    标准提法（法规和纲要名称、习近平法治思想等通用表述，见 `rules/data/substance.toml` 的 `[copying]`），
    以及同一次运行中超过10%（至少10份）的报告都有的句子——那是通用套话，不是抄袭。

    ## 原因
    督察工作规定要求报告如实反映本地区、本部门的工作；第三方评估把照搬其他单位的报告列为典型问题。

    ## 示例
    甲县司法局和乙县市场监管局的报告中，“不足”部分的同一段：
    `执法人员法律素养参差不齐，部分执法人员对新修订的行政处罚法理解不深，案卷制作不够规范。`

    ## 改为
    写本单位自己的工作、问题和安排。

    ## 选项
    阈值在 `rules/data/substance.toml` 的 `[copying]`：`similarity`（句子的估计相似度，0.6）、
    `copied`（一段中相同的字数，30）、`sentence`（参与比较的最短句子，10字）、`common`（通用句子的报告比例）。

    ## 修复
    无自动修复。
    """

    code = "Q006"
    name = "copied-from-other-report"
    severity = "warning"
    kinds = REPORTS
    scope = "measures, shortcomings, plan (whole run)"
    summary = Text("与本次检查的另一单位报告有相同段落", "passage matches another body's report in the run")
    message = Text("这段（“{part}”部分）与 {path} 第{line}行相同（本段{percent}%的文字）",
                   "this {part_en} passage matches line {line} of {path} ({percent}% of its text)")
    message_more = Text(message.zh + "；另有{more}份报告也有这段", message.en + "; {more} more reports share it")
    help = Text("写本单位自己的情况", "write about this body's own work")
    basis = SUPERVISION_REGULATION
    group = Text("相同段落关联组", "copy cluster")

    def digest(self, report: Report) -> dict:
        """The report's sentences as MinHash signatures with where they stand, as plain data
        (a digest is cached as JSON): ``lines``, ``sizes`` (content characters) and ``parts``
        per sentence; ``line_sizes`` per line (content characters, length of its text)."""
        from linter.rules.minhash import signatures_of, to_text

        placed, names = [], {}  # (part, line number, text) of each line compared
        for part in PARTS.get(report.kind, ()):
            match = report.part(part)
            if match is not None:
                names[part] = [match.spec.name, match.spec.name_en]
            placed += [(part, report.original_line(line.span.line), line.text)
                       for line in part_lines(report, part, headings=False)]
        found = Sentences([text for _, _, text in placed])
        taken, lines, parts, line_sizes = [], [], [], {}
        for (part, number, text), count, content in zip(placed, found.per_line, found.line_content):
            take = count > 0 and str(number) not in line_sizes  # one part per line
            taken.append(take)
            if take:
                line_sizes[str(number)] = [content, len(text)]
                lines += [number] * count
                parts += [part] * count
        codes, sizes = found.kept(taken)
        rows = signatures_of(codes, sizes, int(data()["thresholds"]["shingle"]))
        return {"path": report.path, "body": body_key(report), "rows": to_text(rows), "lines": lines,
                "sizes": sizes.tolist(), "parts": parts, "line_sizes": line_sizes, "part_names": names}

    def gathered(self) -> "Gathered":
        return Gathered()

    def _matches(self, gathered: "Gathered") -> dict:
        """(digest number, line) → {other digest number: (copied characters, their best line,
        part, one of the line's sentences)}."""
        if getattr(self, "_memo", (None,))[0] is gathered:
            return self._memo[1]
        import numpy as np
        from linter.rules.minhash import as_rows, candidate_pairs, similarity

        rows, owners = as_rows(gathered.rows), np.frombuffer(gathered.owner, dtype=np.uint32).astype(np.int64)
        most = max(int(settings()["common-min"]), min(int(settings()["common"] * len(gathered.paths)),
                                                      int(settings()["common-max"])))
        body, least_similar = np.frombuffer(gathered.body, dtype=np.uint32), settings()["similarity"]

        def copies(first, second):
            """Similar sentences of different bodies (a body's own reports are Q004's)."""
            keep = body[owners[first]] != body[owners[second]]
            keep[keep] = similarity(rows, first[keep], second[keep]) >= least_similar
            return keep

        first, second = candidate_pairs(rows, owners, most, keep=copies)
        # both directions: sentence a of one report matches sentence b of another
        a, b = np.concatenate([first, second]), np.concatenate([second, first])
        del first, second
        owner, line = owners, np.frombuffer(gathered.line, dtype=np.uint32).astype(np.int64)
        size = np.frombuffer(gathered.size, dtype=np.uint32).astype(np.int64)
        other = owner[b]
        order = np.lexsort((line[b], other, a))  # each sentence counts once per other report
        a, b, other = a[order], b[order], other[order]
        once = np.r_[True, (a[1:] != a[:-1]) | (other[1:] != other[:-1])] if len(a) else np.zeros(0, bool)
        a, b, other = a[once], b[once], other[once]
        # per (report, line, other report): the characters copied; their line is that of the
        # longest sentence matched
        order = np.lexsort((-size[a], other, line[a], owner[a]))
        a, b, other = a[order], b[order], other[order]
        starts = np.flatnonzero(np.r_[True, (owner[a][1:] != owner[a][:-1]) | (line[a][1:] != line[a][:-1]) |
                                      (other[1:] != other[:-1])]) if len(a) else np.zeros(0, np.int64)
        copied = np.add.reduceat(size[a], starts) if len(a) else np.zeros(0, np.int64)
        least = settings()["copied"]
        matches: dict = {}
        for at, total in zip(starts.tolist(), copied.tolist()):
            if total >= least:
                k = int(a[at])
                matches.setdefault((int(owner[k]), int(line[k])), {})[int(other[at])] = (
                    total, int(line[b[at]]), gathered.part[k], k)
        self._memo = (gathered, matches)
        return matches

    def check_run(self, gathered: "Gathered"):
        for (n, line), others in sorted(self._matches(gathered).items()):
            m = max(others, key=lambda o: (others[o][0], -o))
            copied, their_line, part, k = others[m]
            name, name_en = gathered.part_names[part]
            yield gathered.index[n], self.diagnostic(
                Span.on_line(line, 1, gathered.line_length[k]), message=self.message_more if len(others) > 1 else None,
                part=name, part_en=name_en, path=gathered.paths[m], line=their_line,
                percent=min(100, round(copied * 100 / max(gathered.line_content[k], 1))), more=len(others) - 1)

    def summarize_run(self, gathered: "Gathered"):
        """Clusters of reports linked by copied passages, numbered in run order."""
        matches = self._matches(gathered)
        parent = list(range(len(gathered.paths)))

        def root(n):
            while parent[n] != n:
                parent[n] = parent[parent[n]]
                n = parent[n]
            return n

        for (n, _), others in matches.items():
            for m in others:
                parent[root(max(n, m))] = root(min(n, m))
        linked = sorted({n for n, _ in matches} | {m for others in matches.values() for m in others})
        numbers: dict[int, int] = {}
        for n in linked:
            numbers.setdefault(root(n), len(numbers) + 1)
            yield gathered.index[n], self.group, str(numbers[root(n)])


class Gathered:
    """What Q006 keeps of a run's digests until the last file is linted, packed: the
    signatures in one byte array, one array entry per sentence (its report, line, size,
    part, its line's sizes) and per report (its index in the run, its body), the paths.
    Nothing of a report's text is kept."""

    def __init__(self):
        self.rows = bytearray()
        self.owner, self.line, self.size = array("I"), array("I"), array("I")
        self.part, self.line_content, self.line_length = array("B"), array("I"), array("I")
        self.index, self.body, self.paths = array("I"), array("I"), []
        self._bodies: dict[str, int] = {}
        #: part number → (Chinese, English) name; parts → their numbers
        self.part_names: list[tuple[str, str]] = []
        self._parts: dict[tuple, int] = {}

    def append(self, pair: tuple[int, dict]) -> None:
        from linter.rules.minhash import from_text

        index, digest = pair
        n = len(self.paths)
        self.index.append(index)
        self.paths.append(digest["path"])
        self.body.append(self._bodies.setdefault(digest["body"], len(self._bodies)))
        self.rows += from_text(digest["rows"])
        # a column at a time (array.extend), not a sentence at a time: this runs in the
        # parent process, for every file of the run, while the workers wait
        lines, names = digest["lines"], digest["part_names"]
        numbers = {part: self._part((part, *names[part])) for part in dict.fromkeys(digest["parts"])}
        line_sizes = [digest["line_sizes"][str(line)] for line in lines]
        self.owner.extend([n] * len(lines))
        self.line.extend(lines)
        self.size.extend(digest["sizes"])
        self.part.extend([numbers[part] for part in digest["parts"]])
        self.line_content.extend([content for content, _ in line_sizes])
        self.line_length.extend([length for _, length in line_sizes])

    def _part(self, named: tuple[str, str, str]) -> int:
        """The number of a part (its role, Chinese and English names), given on first sight."""
        if named not in self._parts:
            self._parts[named] = len(self._parts)
            self.part_names.append(named[1:])
        return self._parts[named]


@hookimpl
def relint_rules():
    return [CopiedFromOtherReport]
