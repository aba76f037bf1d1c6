"""``--format json``: the machine-readable contract other formats build on.

Lines and columns are 1-based, columns count characters, ``end_column`` is exclusive.
Unknown values are null. Written file by file with the C encoder: one line per file
inside ``files``, the run's summary last.
"""

from __future__ import annotations

import json

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


def diagnostic_fields(d, lang: str) -> dict:
    # written out field by field, as a literal: this runs for each of a run's findings
    span, fix, help, basis = d.span, d.fix, d.help, d.basis
    if fix is not None:
        fix = {"applicability": fix.applicability,
               "edits": [{"line": e.span.line, "column": e.span.column, "end_line": e.span.end_line,
                          "end_column": e.span.end_column, "content": e.content} for e in fix.edits]}
    return {
        "code": d.code, "name": d.name, "severity": d.severity, "message": d.message.get(lang),
        "help": help.get(lang) if help else None, "basis": basis.get(lang) if basis else None,
        "line": span.line, "column": span.column, "end_line": span.end_line, "end_column": span.end_column,
        "fix": fix,
    }


def error_fields(error, lang: str) -> dict:
    return {"code": error.code, "name": "input-error", "severity": "error", "message": error.message(lang),
            "help": None, "basis": None, "line": None, "column": None, "end_line": None, "end_column": None,
            "fix": None}


def file_fields(result, lang: str) -> dict:
    diagnostics = [diagnostic_fields(d, lang) for d in result.diagnostics]
    if result.error:
        diagnostics.insert(0, error_fields(result.error, lang))
    return {"path": safe_name(result.path), "report": report_fields(result.report),
            "elements": element_fields(result.report), "diagnostics": diagnostics,
            "substance": [{"label": label.get(lang), "value": value} for label, value in result.summary]}


#: the C encoder (``indent`` would select the pure-Python one); what it encodes is made
#: here, a tree (looking for cycles cost a quarter of encoding)
encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


class JsonFormatter(Formatter):
    def start(self) -> None:
        self.out.write(f'{{"version": {encode(__version__)}, "files": [')
        self.separator = "\n"

    @staticmethod
    def render(result, options) -> str:
        return encode(file_fields(result, options.lang))

    def add_rendered(self, text: str) -> None:
        self.out.write(self.separator + text)
        self.separator = ",\n"

    def finish(self, totals: Totals) -> None:
        self.out.write(f'\n], "summary": {encode(totals.as_dict())}}}\n')
