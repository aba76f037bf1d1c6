"""The default format, like ruff's concise output: ``path:line:col: CODE message``."""

from __future__ import annotations

from linter.i18n import t
from linter.output import Formatter, Totals


class TextFormatter(Formatter):
    reads_report = False  # findings only

    @staticmethod
    def render(result, options) -> str:
        lang, path = options.lang, result.path
        # Findings share their texts (a rule's message with the same values is one Text, see
        # Text.formatted): each message, help and basis is made into a line once. Keyed by
        # identity, which is safe while ``result`` holds them all, and quicker than hashing texts.
        lines: dict[tuple[int, int, int], str] = {}
        out = []
        for d in result.diagnostics:
            key = (id(d.message), id(d.help), id(d.basis))
            text = lines.get(key)
            if text is None:
                text = lines[key] = d.text(lang)
            out.append(f"{path}:{d.span.line}:{d.span.column}: {d.code} {text}\n")
        return "".join(out)

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
