"""The rule type behind every "missing part" check: it reads the mandated elements
the model found and reports the one it is about when it is absent.

Which words make a part is data (``data/kinds.toml``), not code; the rules here only
say which element they watch, how grave its absence is, and why.
"""

from __future__ import annotations

from typing import ClassVar

from linter.model import Report, Span
from linter.rule import Rule, Text

MISSING = Text("缺少“{name}”部分", "missing part: {name_en}")


def report_anchor(report: Report) -> Span:
    """Where a finding about the whole report points: its title, else the first line."""
    return report.title.span if report.title else Span.point(1, 1)


class MissingElement(Rule):
    """Base of the rules that report a mandated element the report lacks (not a rule itself)."""

    element: ClassVar[str]
    scope = "elements"
    message = MISSING

    def check(self, report: Report):
        match = report.elements.get(self.element)
        if match is not None and not match.found:
            spec = match.spec
            yield self.diagnostic(report_anchor(report), name=spec.name, name_en=spec.name_en)
