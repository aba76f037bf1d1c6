"""``--format sarif``: SARIF 2.1.0 for code-scanning services. Rules with their help text go
in ``tool.driver.rules``; input errors are tool notifications. Columns count Unicode code
points (``columnKind``), matching relint's own columns. Results are written file by file;
the notifications of unreadable files follow them."""

from __future__ import annotations

from urllib.parse import quote

from linter import __version__
from linter.output import Formatter, Totals
from linter.output.json_format import encode

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _region(span) -> dict:
    return {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line,
            "endColumn": max(span.end_column, span.column)}


def _uri(path: str) -> str:
    # a byte that is not UTF-8 is kept by Python as a lone surrogate: percent-encode the byte
    return quote(path.replace("\\", "/").removeprefix("./"), errors="surrogateescape")


def _rule(rule, lang: str) -> dict:
    doc = rule.documentation()
    entry = {
        "id": rule.code, "name": rule.name,
        "shortDescription": {"text": rule.summary.get(lang)},
        "fullDescription": {"text": rule.doc_sections().get("作用", rule.summary.get(lang))},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.default},
        "properties": {"family": rule.code[0], "fix": rule.fix or "none"},
    }
    if rule.basis:
        entry["properties"]["basis"] = rule.basis.get(lang)
    return entry


def _fix(d, uri: str, lang: str) -> dict:
    return {"description": {"text": f"{d.fix.applicability} fix"},
            "artifactChanges": [{"artifactLocation": {"uri": uri},
                                 "replacements": [{"deletedRegion": _region(e.span),
                                                   "insertedContent": {"text": e.content}} for e in d.fix.edits]}]}


def _rule_index(rules: dict) -> dict:
    """Rule code → its place in ``tool.driver.rules`` (sorted by code)."""
    return {code: i for i, code in enumerate(sorted(rules))}


class SarifFormatter(Formatter):
    reads_report = False  # findings only

    def start(self) -> None:
        codes = sorted(self.options.rules)
        self.notifications = []  # one per unreadable file: small
        self.separator = "\n"
        tool = {"driver": {"name": "relint", "version": __version__, "semanticVersion": __version__,
                           "rules": [_rule(self.options.rules[code], self.options.lang) for code in codes]}}
        self.out.write(f'{{"$schema": "{SCHEMA}", "version": "2.1.0", "runs": [{{"tool": {encode(tool)}, '
                       f'"columnKind": "unicodeCodePoints", "results": [')

    def add(self, result) -> None:
        if result.error:
            self.notifications.append({
                "level": "error", "message": {"text": f"{result.error.code} {result.error.message(self.options.lang)}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(result.path)}}}]})
        super().add(result)

    @staticmethod
    def render(result, options) -> str:
        lang, uri, index = options.lang, _uri(result.path), _rule_index(options.rules)
        items = []
        for d in result.diagnostics:
            item = {
                "ruleId": d.code, "level": LEVELS[d.severity], "message": {"text": d.text(lang)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": _region(d.span)}}],
            }
            if d.code in index:
                item["ruleIndex"] = index[d.code]
            if d.fix is not None:
                item["fixes"] = [_fix(d, uri, lang)]
            items.append(encode(item))
        return ",\n".join(items)

    def add_rendered(self, text: str) -> None:
        if text:  # a file without findings adds no result
            self.out.write(self.separator + text)
            self.separator = ",\n"

    def finish(self, totals: Totals) -> None:
        invocations = [{"executionSuccessful": not self.notifications,
                        "toolExecutionNotifications": self.notifications}]
        self.out.write(f'\n], "invocations": {encode(invocations)}}}]}}\n')
