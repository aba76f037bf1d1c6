"""The default format, like ruff's concise output: ``path:line:col: CODE message``."""

from __future__ import annotations

from linter.i18n import t
from linter.output import Formatter, Totals


class TextFormatter(Formatter):
    reads_report = False  # findings only

    @staticmethod
    def render(result, options) -> str:
        lang, path = options.lang, result.path
        out = []
        for d in result.diagnostics:
            # findings share their texts (a rule's message with the same values is one Text,
            # see Text.formatted), in this report and the next: each line's end is made once
            key = (d.code, id(d.message), id(d.help), id(d.basis), lang)
            known = _ENDS.get(key)
            end = known[1] if known is not None else _end(key, d, lang)
            out.append(f"{path}:{d.span.line}:{d.span.column}: {end}")
        return "".join(out)

    def finish(self, totals: Totals) -> None:
        self.out.write(summary_line(totals, self.options.lang) + "\n")


#: (code, identities of the message, help and basis, language) → (those texts, kept so
#: that no other text takes their identities; the end of a finding's line, from its code on)
_ENDS: dict[tuple, tuple[tuple, str]] = {}
#: how many line ends are kept: texts unique to a finding (a quoted phrase) are not shared
_ENDS_KEPT = 4_096


def _end(key: tuple, d, lang: str) -> str:
    if len(_ENDS) >= _ENDS_KEPT:
        _ENDS.clear()
    end = f"{d.code} {d.text(lang)}\n"
    _ENDS[key] = ((d.message, d.help, d.basis), end)
    return end


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
