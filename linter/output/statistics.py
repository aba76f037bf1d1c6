"""``--statistics``: how many findings each rule produced, most frequent first."""

from __future__ import annotations

from linter.i18n import t
from linter.output import counts
from linter.output.text import summary_line


def format_statistics(results, registry, lang: str) -> str:
    by_code = counts(results)["by_code"]
    rows = sorted(by_code.items(), key=lambda item: (-item[1], item[0]))
    lines = []
    for code, count in rows:
        rule = registry.rules.get(code)
        name = rule.name if rule else ""
        lines.append(t("statistics", lang, count=count, code=code, name=name))
    lines.append(summary_line(results, lang))
    return "\n".join(lines) + "\n"
