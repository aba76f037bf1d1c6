"""``--format json``: the machine-readable contract other formats build on.

Lines and columns are 1-based, columns count characters, ``end_column`` is exclusive.
Unknown values are null. Written file by file: one line per file inside ``files``, the
run's summary last, each what the C encoder (``encode``) makes of its fields. A file's
findings are written by :func:`finding`, not through the encoder: most of their fields are
the same for every finding of a rule, and encoding them again cost half of rendering.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as string  # how the encoder writes a str (ensure_ascii=False)

from linter import __version__
from linter.output import Formatter, Totals, safe_name


def report_fields(report) -> dict | None:
    if report is None:
        return None
    return {
        "kind": report.kind,
        "title": report.title.text if report.title else None,
        "issuer": report.issuer,
        "year": report.year,
        "date": report.date.isoformat() if report.date else None,
    }


def element_fields(report) -> list[dict]:
    if report is None:
        return []
    return [{"id": m.spec.id, "name": m.spec.name, "found": m.found,
             "line": report.original_line(m.line) if m.line else None, "how": m.how,
             "required": m.spec.required} for m in report.elements.values()]


#: (code, name, severity, help, basis, language) of findings → their JSON text before the
#: message and from the message to the position: the fields a rule's findings share
_SHARED: dict[tuple, tuple[str, str]] = {}
#: how many are kept (help formatted with a finding's own values makes a new one each time)
_SHARED_KEPT = 4096


def _shared(d, lang: str) -> tuple[str, str]:
    key = (d.code, d.name, d.severity, d.help, d.basis, lang)
    known = _SHARED.get(key)
    if known is None:
        if len(_SHARED) >= _SHARED_KEPT:
            _SHARED.clear()
        help, basis = d.help, d.basis
        known = _SHARED[key] = (
            f'{{"code": {string(d.code)}, "name": {string(d.name)}, "severity": {string(d.severity)}, "message": ',
            f', "help": {encode(help.get(lang) if help else None)}, "basis": {encode(basis.get(lang) if basis else None)}, ')
    return known


def _position(span) -> str:
    # ``d``: a position is whole numbers, as the encoder writes them; anything else fails
    # here rather than writing what is not JSON
    return f'"line": {span.line:d}, "column": {span.column:d}, "end_line": {span.end_line:d}, "end_column": {span.end_column:d}'


def finding(d, lang: str) -> str:
    """The JSON text of a finding: code, name, severity, message, help, basis, its
    position, and its fix (null, or its applicability and edits, each a position and the
    text put there)."""
    before, after = _shared(d, lang)
    span, fix = d.span, d.fix
    position = _position(span)
    if fix is not None:
        # an edit mostly replaces what its finding marks: the same span, written once
        edits = ", ".join([f'{{{position if e.span is span else _position(e.span)}, "content": {string(e.content)}}}'
                           for e in fix.edits])
        fix = f'{{"applicability": {string(fix.applicability)}, "edits": [{edits}]}}'
    return f'{before}{string(d.message.get(lang))}{after}{position}, "fix": {fix or "null"}}}'


def error_fields(error, lang: str) -> dict:
    return {"code": error.code, "name": "input-error", "severity": "error", "message": error.message(lang),
            "help": None, "basis": None, "line": None, "column": None, "end_line": None, "end_column": None,
            "fix": None}


#: the C encoder (``indent`` would select the pure-Python one); what it encodes is made
#: here, a tree (looking for cycles cost a quarter of encoding)
encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


class JsonFormatter(Formatter):
    def start(self) -> None:
        self.out.write(f'{{"version": {encode(__version__)}, "files": [')
        self.separator = "\n"

    @staticmethod
    def render(result, options) -> str:
        lang, report = options.lang, result.report
        findings = [finding(d, lang) for d in result.diagnostics]
        if result.error:
            findings.insert(0, encode(error_fields(result.error, lang)))
        substance = [{"label": label.get(lang), "value": value} for label, value in result.summary]
        return (f'{{"path": {string(safe_name(result.path))}, "report": {encode(report_fields(report))}, '
                f'"elements": {encode(element_fields(report))}, "diagnostics": [{", ".join(findings)}], '
                f'"substance": {encode(substance)}}}')

    def add_rendered(self, text: str) -> None:
        self.out.write(self.separator + text)
        self.separator = ",\n"

    def finish(self, totals: Totals) -> None:
        self.out.write(f'\n], "summary": {encode(totals.as_dict())}}}\n')
