"""The default format, like ruff's concise output: ``path:line:col: CODE message``."""

from __future__ import annotations

from linter.i18n import t
from linter.output import counts


def format_results(results, options) -> str:
    lines = []
    for result in results:
        for d in result.diagnostics:
            lines.append(f"{result.path}:{d.span.line}:{d.span.column}: {d.code} {d.text(options.lang)}")
    lines.append(summary_line(results, options.lang))
    return "\n".join(lines) + "\n"


def summary_line(results, lang: str) -> str:
    total = counts(results)
    sev = total["by_severity"]
    checked = total["files"] - total["input_errors"]
    if total["diagnostics"]:
        line = t("summary", lang, files=checked, total=total["diagnostics"], **sev)
    else:
        line = t("clean", lang, files=checked)
    if total["fixed"]:
        line += t("fixed", lang, n=total["fixed"])
    if total["input_errors"]:
        line += t("input_errors", lang, n=total["input_errors"])
    return line
