"""Rules written as data: the Vale rule types that fit report checking, declared in
``[[tool.relint.patterns]]`` so that users and provincial offices write checks without
Python, and used by the built-in formulation rules (rules/data/formulations.toml) with the
same keys. See docs/patterns.md.

- ``existence``: each match of ``tokens`` is a finding;
- ``substitution``: each ``swap`` key found is a finding that names its replacement
  (with an unsafe fix); a swap value is the right form, or a table with ``right``,
  ``reason`` and ``source`` (shown as the finding's basis);
- ``occurrence``: more than ``max`` matches of ``tokens`` in the scope is one finding.

``scope`` is ``text`` (default), ``title``, ``headings``, ``body`` or ``part:<role>``
(a mandated part by role, see rules/data/kinds.toml). ``from-year`` / ``until-year`` limit
a rule to reports for those years (a check that holds only once a plan has expired).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import ClassVar, Sequence

from linter.joined import Joined, joined, lines_holding
from linter.model import Report, TextLine
from linter.regex import needles
from linter.rule import DOC_SECTIONS, OPTIONS_MARK, Fix, Rule, Text
from linter.userregex import compile_user_pattern

TYPES = ("existence", "substitution", "occurrence")
#: the placeholders a pattern rule's message may use
PLACEHOLDERS = {"match": "", "right": "", "reason": "", "count": 0, "max": 0}
#: the keys of a pattern table that give the documentation sections 作用 … 选项, when written
DOC_KEYS = ("what", "why", "example", "instead", "options")
_TYPE_NAMES = {"existence": "存在型", "substitution": "替换型", "occurrence": "次数型"}


@dataclass(frozen=True)
class Swap:
    """One wrong form of a substitution rule: what finds it, the right form, and why."""

    pattern: re.Pattern
    right: str
    reason: str = ""
    source: str = ""


def swaps_of(table: dict) -> tuple[Swap, ...]:
    """The ``swap`` table of a substitution rule, compiled."""
    out = []
    for wrong, right in table.items():
        entry = right if isinstance(right, dict) else {"right": right}
        out.append(Swap(compile_user_pattern(wrong), entry["right"], entry.get("reason", ""), entry.get("source", "")))
    return tuple(out)


def scoped_lines(report: Report, scope: str) -> list[TextLine]:
    """The lines of ``report`` a pattern rule with ``scope`` reads."""
    if scope == "title":
        return list(report.title_lines)
    if scope == "headings":
        return [TextLine(s.heading.text, s.heading.span) for s in report.walk()]
    if scope == "body":
        return list(report.paragraphs())
    if scope.startswith("part:"):
        match = report.part(scope[len("part:"):])
        return match.body(report.preamble) if match is not None else []
    return [*report.text_lines(), *report.page_text("table")]


def _joined(report: Report, scope: str) -> tuple[tuple[TextLine, ...], Joined]:
    """The lines of ``scope`` and their text joined (computed once per report and scope, for
    the rules that share it)."""
    def compute():
        lines = tuple(scoped_lines(report, scope))
        return lines, joined([line.text for line in lines])

    return report.memo(f"scoped:{scope}", compute)


@lru_cache(maxsize=1024)
def _needles(pattern: re.Pattern) -> tuple[str, ...] | None:
    """The strings one of which every match of ``pattern`` holds (most wrong forms are plain
    text, their own needle), or None when that cannot be told."""
    return needles(pattern.pattern, pattern.flags)


def _reading(report: Report, scope: str, patterns) -> Sequence[TextLine]:
    """The lines of ``scope`` where one of ``patterns`` can match: those that hold one of
    their needles, found by one search of the scope's text (every line when a pattern's
    needles cannot be told). A pattern that opens with a lookbehind stops at each character
    it may start with ([一二]把手: every 一 and 二 of a report); its needle, seldom."""
    lines, text = _joined(report, scope)
    found: set[str] = set()
    for pattern in patterns:
        more = _needles(pattern)
        if more is None:
            return lines
        found.update(more)
    return [lines[index] for index in lines_holding(text, sorted(found))]


class PatternRule(Rule):
    """Base of the rules built from ``[[patterns]]`` tables (not a rule itself)."""

    spec: ClassVar[dict]
    swaps: ClassVar[tuple[Swap, ...]] = ()
    tokens: ClassVar[tuple[re.Pattern, ...]] = ()

    def applies_to_year(self, year: int | None) -> bool:
        start, end = self.spec.get("from-year"), self.spec.get("until-year")
        if start is None and end is None:
            return True
        return year is not None and (start is None or year >= start) and (end is None or year <= end)

    def extra_swaps(self) -> tuple[Swap, ...]:
        """Wrong forms the settings add to a substitution rule (see rules/formulations.py)."""
        return ()

    def check(self, report: Report):
        if not self.applies_to_year(report.year):
            return
        kind = self.spec["type"]
        if kind == "substitution":
            for swap in self.swaps + self.extra_swaps():
                for line in _reading(report, self.scope, (swap.pattern,)):
                    for match in swap.pattern.finditer(line.text):
                        span = line.sub_span(*match.span())
                        found = self.diagnostic(span, fix=Fix.replacing(span, swap.right, "unsafe"),
                                                match=match.group(), right=swap.right, reason=swap.reason)
                        yield replace(found, basis=Text(swap.source, swap.source)) if swap.source else found
            return
        lines = _reading(report, self.scope, self.tokens)
        hits = [(line, match) for line in lines for pattern in self.tokens for match in pattern.finditer(line.text)]
        if kind == "occurrence":
            limit = self.spec.get("max", 0)
            if len(hits) > limit:
                line, match = hits[limit]
                yield self.diagnostic(line.sub_span(*match.span()), match=match.group(), count=len(hits), max=limit)
            return
        for line, match in hits:
            yield self.diagnostic(line.sub_span(*match.span()), match=match.group())


def bilingual(spec: dict, key: str) -> Text | None:
    """``key`` and ``key-en`` of a table as a Text (the Chinese text twice when no English is given)."""
    return Text(spec[key], spec.get(f"{key}-en", spec[key])) if key in spec else None


def documentation(spec: dict, options: bool) -> str:
    """The rule's documentation in the fixed sections: the sections the table writes, the
    rest generated from its type, scope, basis and patterns."""
    swap = spec.get("swap", {})
    example = next(iter(swap), None) or (spec.get("tokens") or ["—"])[0]
    years = "".join(f"{label}{spec[key]}年" for key, label in (("from-year", "；适用于报告年度 ≥ "),
                                                               ("until-year", "；适用于报告年度 ≤ ")) if key in spec)
    generated = {
        "what": f"用户在配置中编写的{_TYPE_NAMES[spec['type']]}规则（[[tool.relint.patterns]]），"
                f"范围：{spec.get('scope', 'text')}{years}。",
        "why": spec.get("basis", "用户规则。"),
        "example": f"`{example}`",
        "instead": "、".join(v["right"] if isinstance(v, dict) else v for v in swap.values()) or "删去或改写。",
        "options": "无。",
    }
    texts = [spec.get(key, generated[key]) for key in DOC_KEYS]
    if options:
        texts[-1] = OPTIONS_MARK
    texts.append("不安全的修复（`--unsafe-fixes`）：替换为所给写法，应由起草人确认。" if spec["type"] == "substitution"
                 else "无自动修复。")
    return "\n".join(f"## {name}\n{text}\n" for name, text in zip(DOC_SECTIONS, texts))


def pattern_rules(patterns, base: type[PatternRule] = PatternRule, module: str | None = None) -> dict[str, type[Rule]]:
    """Rule classes for the ``[[patterns]]`` tables of a config or a data file, by code;
    ``base`` may add behaviour (wrong forms from the settings, declared options)."""
    rules = {}
    for spec in patterns:
        message = bilingual(spec, "message")
        rules[spec["code"]] = type(f"Pattern{spec['code']}", (base,), {
            "__doc__": documentation(spec, bool(base.options)), "__module__": module or base.__module__,
            "code": spec["code"], "name": spec.get("name", f"pattern-{spec['code'].lower()}"),
            "severity": spec.get("severity", "warning"), "scope": spec.get("scope", "text"), "spec": spec,
            "summary": bilingual(spec, "summary") or message, "message": message, "help": bilingual(spec, "help"),
            "basis": bilingual(spec, "basis"), "fix": "unsafe" if spec["type"] == "substitution" else None,
            "swaps": swaps_of(spec.get("swap", {})),
            "tokens": tuple(compile_user_pattern(token) for token in spec.get("tokens", ()))})
    return rules
