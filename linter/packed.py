"""A file's result as packed plain data: lists of strings and numbers, one row per finding
and each of its texts once.

One form for everywhere a result leaves the object it was built as: the result cache
stores it (:func:`encode`), worker processes send it to the parent, and the run rules' spool
writes it while the run waits for its last file. The findings' rows travel as one JSON text
(made by the C encoder): pickling a string is a copy, where pickling 80 rows of lists cost
more than making them, and they are decoded once, in the process and at the moment the
findings are needed as objects. Rebuilding objects from rows costs a few microseconds a
finding, where the generic field-by-field codec (:mod:`linter.plaindata`) spent 3 ms a
file, and a pickled result with its report weighed 28 KiB.

The slim report stays in the plain-data codec (it is one nested object, read by the
summary formats only): a reader that does not need it (``report=False``) skips it unread.
:func:`unpack` checks every row's shape and types, so a damaged entry is a
:class:`ValueError` (a cache miss), never a crash.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import NamedTuple

from linter.engine import FileResult
from linter.model import Span
from linter.rule import Diagnostic, Edit, Fix, Text, made
from linter.sources import InputError

_STR, _INT = str, int


class Packed(NamedTuple):
    """A file's result without its path, settings and fixed output."""

    #: [error, fixed, diff, note, summary, allow entries used, baseline hits, digests]
    head: list
    #: the findings as JSON text: [texts, rows] (see :func:`_findings`)
    rows: str
    #: the slim report (see :func:`_report`), or None
    report: list | None


#: the C encoder (no indent), UTF-8 text as it is; what it encodes is made here, a tree
#: (looking for cycles cost a quarter of encoding)
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def pack(result: FileResult, report: bool = True) -> Packed:
    """``result`` packed (its report too, if ``report`` and it has one)."""
    error = result.error
    return Packed([None if error is None else [error.code, error.cause_zh, error.cause_en],
                   result.fixed, result.diff, result.note,
                   [[label.zh, label.en, value] for label, value in result.summary],
                   sorted(result.allow_used), sorted(result.baseline_hits), result.digests],
                  _encode(_findings(result.diagnostics)),
                  _report(result.report) if report and result.report is not None else None)


@dataclass
class Held:
    """A file's result kept packed on its way to the output: a run that compares files
    holds every result until its last file is linted (:mod:`linter.run_rules` spools it as
    it is), so its findings become objects once, when they are written."""

    path: str
    settings: object
    packed: Packed  # without its report: that is ``report``
    report: object = None  # the slim report, or None
    source: object = None  # the input as read, for a format that shows the text; else None

    @classmethod
    def of(cls, result: FileResult) -> "Held":
        return cls(result.path, result.settings, pack(result, report=False), result.report, result.source)

    def result(self) -> FileResult:
        result = unpack(self.packed, self.path, self.settings, report=False)
        result.report, result.source = self.report, self.source
        return result


def encode(packed: Packed) -> bytes:
    """``packed`` as bytes: three lines of JSON (head, rows, report), so that a reader that
    needs no report, or no findings yet, decodes only the lines it reads."""
    return "\n".join((_encode(packed.head), packed.rows, _encode(packed.report))).encode("utf-8", "surrogatepass")


def decode(data: bytes, report: bool = True) -> Packed:
    """The :class:`Packed` that :func:`encode` made ``data`` of; the rows stay JSON text
    (checked when unpacked) and the report is left out (None) unless ``report``.
    ValueError when ``data`` is anything else."""
    try:
        head, rows, stored = data.decode("utf-8", "surrogatepass").split("\n")
        return Packed(json.loads(head), rows, json.loads(stored) if report else None)
    except RecursionError:
        raise ValueError("too deeply nested") from None


def digests_of(packed: Packed) -> dict | None:
    """The run rules' digests a packed result holds (checked)."""
    return _checked_digests(packed.head[-1])


def _checked_digests(found):
    if found is not None and not (type(found) is dict and all(type(k) is _STR for k in found)):
        raise ValueError("digests")
    return found


def _report(report) -> list:
    """The slim report as [kind id, the report without its kind and parts, the parts as
    [id, found, how, where, nested]]: the kind and its element specs are the registry's
    (as configured, which the cache key covers), named by id rather than written out (they
    made 88% of a stored report). A report whose parts are not its kind's own is stored whole."""
    from linter import plaindata

    kind = report.kind_spec
    own = {spec.id: spec for spec in kind.elements} if kind is not None else {}
    if any(own.get(key) != match.spec for key, match in report.elements.items()):
        return [None, plaindata.plain(report), None]
    parts = [[key, match.found, match.how, plaindata.plain(match.where), match.nested]
             for key, match in report.elements.items()]
    return [kind and kind.id, plaindata.plain(replace(report, kind_spec=None, elements={})), parts]


def unpack_report(packed: Packed, kinds=()):
    """The slim report of ``packed`` (None if it has none); ``kinds``: the report kinds as
    configured for the file (the stored report names its kind by id)."""
    return _stored_report(packed.report, kinds)


def _stored_report(stored, kinds):
    if stored is None:
        return None
    try:
        return _unpack_report(stored, kinds)
    except (TypeError, AttributeError) as exc:
        raise ValueError(f"not a packed report: {exc!r}") from None


def _unpack_report(stored, kinds) -> object:
    from linter import plaindata
    from linter.model import ElementMatch, PageText, Paragraph, ReportSummary, TextLine

    kind_id, plain, parts = stored
    report = plaindata.value(plain, ReportSummary)
    if parts is None:
        return report
    kind = None
    if kind_id is not None:
        kind = next((k for k in kinds if k.id == kind_id), None)
        if kind is None:
            raise ValueError(f"unknown report kind {kind_id!r}")
    own = {spec.id: spec for spec in kind.elements} if kind is not None else {}
    elements = {}
    for key, found, how, where, nested in parts:
        if key not in own or type(found) is not bool or type(nested) is not bool or not (how is None or type(how) is _STR):
            raise ValueError("part")
        where = None if where is None else plaindata.value(where, TextLine, Paragraph, PageText)
        elements[key] = ElementMatch(own[key], found, how, where, nested)
    return replace(report, kind_spec=kind, elements=elements)


def _findings(diagnostics: list[Diagnostic]) -> list:
    """[texts, rows]: each message, help and basis once, as [zh, en] (a rule's help and
    basis are the same for each of its findings, and so is a message without
    placeholders), and a row per finding naming them by number: 30% less to store, send and
    decode (600 reports: 14.5 MB of rows, now 10.1 MB), and findings share their texts."""
    texts: list[list[str]] = []
    numbers: dict[int, int] = {}  # id of a Text → its number (findings share Text objects)

    def number(text: Text | None) -> int | None:
        if text is None:
            return None
        found = numbers.get(id(text))
        if found is None:
            found = numbers[id(text)] = len(texts)
            texts.append([text.zh, text.en])
        return found

    rows = []
    for d in diagnostics:
        span, fix = d.span, d.fix
        rows.append([d.code, d.name, d.severity, span.line, span.column, span.end_line, span.end_column,
                     number(d.message), number(d.help), number(d.basis),
                     None if fix is None else [fix.applicability, [[e.span.line, e.span.column, e.span.end_line,
                                                                    e.span.end_column, e.content] for e in fix.edits]]])
    return [texts, rows]


def unpack(packed: Packed, path: str, settings=None, report: bool = True, kinds=()) -> FileResult:
    """The result :func:`pack` made of a file's (``path``); ValueError when ``packed`` is
    anything else. With ``report=False`` the report is left out (None); ``kinds``: the
    report kinds as configured for the file (the stored report names its kind by id)."""
    try:
        (error, fixed, diff, note, summary, used, hits, digests), rows, plain = packed
        _checked_digests(digests)
        if type(rows) is not _STR:
            raise ValueError("rows")
        texts, rows = json.loads(rows)
        texts = [_text(pair) for pair in texts]
        diagnostics = [_diagnostic(row, texts) for row in rows]
        if error is not None:
            code, zh, en = error
            _check_str(code, zh, en)
            error = InputError(path, code, zh, en)
        if type(fixed) is not _INT or type(diff) is not _STR or type(note) is not _STR:
            raise ValueError("counters")
        labels = []
        for zh, en, value in summary:
            _check_str(zh, en)
            if not isinstance(value, (str, int, float)):
                raise ValueError("summary value")
            labels.append((Text(zh, en), value))
        if not (all(type(u) is _STR for u in used) and all(type(h) is _STR for h in hits)):
            raise ValueError("suppressions")
    except (TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise ValueError(f"not a packed result: {exc!r}") from None
    plain = _stored_report(plain, kinds) if report else None
    return FileResult(path, plain, diagnostics, error, settings, fixed, diff, None, note, labels, set(used),
                      set(hits), digests)


def _check_str(*values) -> None:
    for value in values:
        if type(value) is not _STR:
            raise ValueError("expected text")


def _diagnostic(row, texts: list[Text]) -> Diagnostic:
    code, name, severity, line, column, end_line, end_column, message, help, basis, fix = row
    if not (type(code) is type(name) is type(severity) is _STR and type(message) is _INT
            and type(line) is type(column) is type(end_line) is type(end_column) is _INT):
        raise ValueError("finding")
    span = made(Span, {"line": line, "column": column, "end_line": end_line, "end_column": end_column})
    return made(Diagnostic, {"code": code, "name": name, "severity": severity, "span": span,
                             "message": texts[message], "help": None if help is None else texts[_checked(help)],
                             "basis": None if basis is None else texts[_checked(basis)],
                             "fix": None if fix is None else _fix(fix, span)})


def _checked(number):
    if type(number) is not _INT:
        raise ValueError("text number")
    return number


def _text(pair) -> Text:
    zh, en = pair
    _check_str(zh, en)
    return made(Text, {"zh": zh, "en": en})


def _fix(fix, span: Span) -> Fix:
    """The fix of a finding at ``span`` (which most edits replace: then shared)."""
    applicability, edits = fix
    _check_str(applicability)
    out = []
    for line, column, end_line, end_column, content in edits:
        if not (type(line) is type(column) is type(end_line) is type(end_column) is _INT and type(content) is _STR):
            raise ValueError("edit")
        if (line, column, end_line, end_column) != (span.line, span.column, span.end_line, span.end_column):
            span = Span(line, column, end_line, end_column)
        out.append(made(Edit, {"span": span, "content": content}))
    return made(Fix, {"applicability": applicability, "edits": tuple(out)})
