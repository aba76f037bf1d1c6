"""The default format, like ruff's concise output: ``path:line:col: CODE message``."""

from __future__ import annotations

from linter.i18n import t
from linter.output import Totals


def format_file(result, options) -> str:
    return "".join(f"{result.path}:{d.span.line}:{d.span.column}: {d.code} {d.text(options.lang)}\n"
                   for d in result.diagnostics)


def format_results(results, options) -> str:
    return "".join(format_file(result, options) for result in results) + format_end(Totals.of(results), options)


def format_end(totals: Totals, options) -> str:
    return summary_line(totals, options.lang) + "\n"


def summary_line(results, lang: str) -> str:
    """The closing line of a run, from its results or its :class:`Totals`."""
    total = (results if isinstance(results, Totals) else Totals.of(results)).as_dict()
    sev = total["by_severity"]
    checked = total["files"] - total["input_errors"]
    if total["diagnostics"]:
        line = t("summary", lang, files=checked, total=total["diagnostics"], **sev)
    else:
        line = t("clean", lang, files=checked)
    if total["fixable"]:
        line += t("fixable", lang, n=total["fixable"])
    if total["fixed"]:
        line += t("fixed", lang, n=total["fixed"])
    if total["input_errors"]:
        line += t("input_errors", lang, n=total["input_errors"])
    return line
