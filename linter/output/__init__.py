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
#: Formats written file by file as results arrive (``format_file``), so that memory stays
#: flat however many files a run has.
STREAMING_FORMATS = frozenset({"text", "github"})


class Totals:
    """Running totals of a run, so that a streamed run need not keep its results."""

    def __init__(self):
        self.files = self.input_errors = self.fixed = self.fixable = 0
        self.by_severity = {"error": 0, "warning": 0, "info": 0}
        self.by_code: dict[str, int] = {}

    def add(self, result) -> None:
        self.files += 1
        self.input_errors += bool(result.error)
        self.fixed += result.fixed
        for d in result.diagnostics:
            self.fixable += d.fix is not None and d.fix.applicability == "safe"
            self.by_severity[d.severity] += 1
            self.by_code[d.code] = self.by_code.get(d.code, 0) + 1

    @classmethod
    def of(cls, results) -> "Totals":
        totals = cls()
        for result in results:
            totals.add(result)
        return totals

    def as_dict(self) -> dict:
        return {"files": self.files, "input_errors": self.input_errors, "fixed": self.fixed, "fixable": self.fixable,
                "diagnostics": sum(self.by_severity.values()), "by_severity": dict(self.by_severity),
                "by_code": dict(sorted(self.by_code.items()))}


def counts(results) -> dict:
    """Totals of a run, shared by every format's summary."""
    return Totals.of(results).as_dict()
