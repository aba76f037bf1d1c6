"""``--statistics``: how many findings each rule produced, most frequent first."""

from __future__ import annotations

from linter.i18n import t
from linter.output import Formatter, Totals
from linter.output.text import summary_line


class StatisticsFormatter(Formatter):
    """Needs only the run's totals: nothing is written until the end."""

    reads_report = False  # findings only

    @staticmethod
    def render(result, options) -> str:
        return ""  # nothing of a file is written: the totals are all this format reads

    def finish(self, totals: Totals) -> None:
        lang, rules = self.options.lang, self.options.rules
        lines = []
        for code, count in sorted(totals.by_code.items(), key=lambda item: (-item[1], item[0])):
            rule = rules.get(code)
            lines.append(t("statistics", lang, count=count, code=code, name=rule.name if rule else ""))
        lines.append(summary_line(totals, lang))
        self.out.write("\n".join(lines) + "\n")

