"""The default format, like ruff's concise output: ``path:line:col: CODE message``."""

from __future__ import annotations

from linter.i18n import t
from linter.output import Formatter, Totals


class TextFormatter(Formatter):
    reads_report = False  # findings only

    @staticmethod
    def render(result, options) -> str:
        lang, path = options.lang, result.path
        return "".join(f"{path}:{d.span.line}:{d.span.column}: {d.code} {d.text(lang)}\n" for d in result.diagnostics)

    def finish(self, totals: Totals) -> None:
        self.out.write(summary_line(totals, self.options.lang) + "\n")


def summary_line(totals: Totals, lang: str) -> str:
    """The closing line of a run."""
    sev = totals.by_severity
    checked = totals.files - totals.input_errors
    if totals.diagnostics:
        line = t("summary", lang, files=checked, total=totals.diagnostics, **sev)
    else:
        line = t("clean", lang, files=checked)
    if totals.fixable:
        line += t("fixable", lang, n=totals.fixable)
    if totals.fixed:
        line += t("fixed", lang, n=totals.fixed)
    if totals.input_errors:
        line += t("input_errors", lang, n=totals.input_errors)
    return line
