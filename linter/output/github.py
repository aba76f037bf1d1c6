"""``--format github``: GitHub Actions workflow commands, which the runner turns into
annotations on the changed files."""

from __future__ import annotations

from linter.output import Formatter, safe_name

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    reads_report = False  # findings only

    @staticmethod
    def render(result, options) -> str:
        lines, lang = [], options.lang
        path = _property(safe_name(result.path).removeprefix("./"))
        if result.error:
            lines.append(f"::error file={path},title={result.error.code}::{_data(result.error.message(lang))}")
        for d in result.diagnostics:
            span = d.span
            lines.append(f"::{LEVELS[d.severity]} file={path},line={span.line},col={span.column},"
                         f"endLine={span.end_line},endColumn={span.end_column},title={d.code} {_property(d.name)}"
                         f"::{_data(d.text(lang))}")
        return "".join(line + "\n" for line in lines)
