"""``--format sarif``: SARIF 2.1.0 for code-scanning services. Rules with their help text go
in ``tool.driver.rules``; input errors are tool notifications. Columns count Unicode code
points (``columnKind``), matching relint's own columns."""

from __future__ import annotations

import json
from urllib.parse import quote

from linter import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _region(span) -> dict:
    return {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line,
            "endColumn": max(span.end_column, span.column)}


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/").removeprefix("./"))


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


def to_dict(results, options) -> dict:
    codes = sorted(options.rules)
    index = {code: i for i, code in enumerate(codes)}
    sarif_results, notifications = [], []
    for result in results:
        uri = _uri(result.path)
        if result.error:
            notifications.append({"level": "error", "message": {"text": f"{result.error.code} "
                                                                          f"{result.error.message(options.lang)}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]})
        for d in result.diagnostics:
            item = {
                "ruleId": d.code, "level": LEVELS[d.severity], "message": {"text": d.text(options.lang)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": _region(d.span)}}],
            }
            if d.code in index:
                item["ruleIndex"] = index[d.code]
            if d.fix is not None:
                item["fixes"] = [_fix(d, uri, options.lang)]
            sarif_results.append(item)
    run = {
        "tool": {"driver": {"name": "relint", "version": __version__, "semanticVersion": __version__,
                            "rules": [_rule(options.rules[code], options.lang) for code in codes]}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def format_results(results, options) -> str:
    return json.dumps(to_dict(results, options), ensure_ascii=False, indent=2) + "\n"
