"""Output formats. Each formatter is ``formatter(results, options) -> str``; plugins add
more through the ``relint_formatters`` hook. Modules load only when their format is used."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module


@dataclass(frozen=True)
class OutputOptions:
    lang: str = "zh"
    #: code → rule class of every registered rule (SARIF lists them with their help)
    rules: dict = field(default_factory=dict)


def _lazy(module: str, function: str = "format_results"):
    def formatter(results, options):
        return getattr(import_module(f"linter.output.{module}"), function)(results, options)
    formatter.__name__ = f"{module}_formatter"
    return formatter


BUILTIN_FORMATTERS = {
    "text": _lazy("text"),
    "json": _lazy("json_format"),
    "checklist": _lazy("checklist"),
    "sarif": _lazy("sarif"),
    "github": _lazy("github"),
    "junit": _lazy("junit"),
    "html": _lazy("html"),
}


#: Formats that need only the slim report (no text, no structure): their results can be
#: cached and cheaply sent between processes. Plugin formats always get full reports.
SUMMARY_FORMATS = frozenset({"text", "json", "checklist", "sarif", "github", "junit"})


def counts(results) -> dict:
    """Totals of a run, shared by every format's summary."""
    by_severity = {"error": 0, "warning": 0, "info": 0}
    by_code: dict[str, int] = {}
    for result in results:
        for d in result.diagnostics:
            by_severity[d.severity] += 1
            by_code[d.code] = by_code.get(d.code, 0) + 1
    return {
        "files": len(results),
        "input_errors": sum(1 for r in results if r.error),
        "fixed": sum(r.fixed for r in results),
        "diagnostics": sum(by_severity.values()),
        "by_severity": by_severity,
        "by_code": dict(sorted(by_code.items())),
    }
