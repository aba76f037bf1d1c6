"""Rules written as data: the Vale rule types that fit report checking, declared in
``[[tool.relint.patterns]]`` so that users and provincial offices write checks without
Python. See docs/patterns.md.

- ``existence``: each match of ``tokens`` is a finding;
- ``substitution``: each ``swap`` key found is a finding that names its replacement
  (with an unsafe fix);
- ``occurrence``: more than ``max`` matches of ``tokens`` in the scope is one finding.

``scope`` is ``text`` (default), ``title``, ``headings``, ``body`` or ``part:<role>``
(a mandated part by role, see rules/data/kinds.toml).
"""

from __future__ import annotations

from typing import ClassVar

from linter.model import Report, TextLine
from linter.rule import Edit, Fix, Rule, Text
from linter.userregex import compile_user_pattern

TYPES = ("existence", "substitution", "occurrence")
_DOC = """
## 作用
用户在配置中编写的{type}规则（[[tool.relint.patterns]]），范围：{scope}。

## 原因
{basis}

## 示例
{example}

## 改为
{right}

## 选项
无。

## 修复
{fix}
"""


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
    return report.text_lines()


class PatternRule(Rule):
    """Base of the rules built from ``[[patterns]]`` tables (not a rule itself)."""

    spec: ClassVar[dict]

    def check(self, report: Report):
        spec = self.spec
        lines = scoped_lines(report, self.scope)
        if spec["type"] == "substitution":
            for wrong, right in spec["swap"].items():
                pattern = compile_user_pattern(wrong)
                for line in lines:
                    for match in pattern.finditer(line.text):
                        span = line.sub_span(*match.span())
                        yield self.diagnostic(span, fix=Fix("unsafe", (Edit(span, right),)), match=match.group(),
                                              right=right)
            return
        patterns = [compile_user_pattern(token) for token in spec["tokens"]]
        hits = [(line, match) for line in lines for pattern in patterns for match in pattern.finditer(line.text)]
        if spec["type"] == "occurrence":
            limit = spec.get("max", 0)
            if len(hits) > limit:
                line, match = hits[limit]
                yield self.diagnostic(line.sub_span(*match.span()), match=match.group(), count=len(hits), max=limit)
            return
        for line, match in hits:
            yield self.diagnostic(line.sub_span(*match.span()), match=match.group())


def pattern_rules(patterns) -> dict[str, type[Rule]]:
    """Rule classes for the ``[[patterns]]`` tables of a config, by code."""
    rules = {}
    for spec in patterns:
        message = Text(spec["message"], spec["message"])
        basis = Text(spec["basis"], spec["basis"]) if spec.get("basis") else None
        example = next(iter(spec.get("swap", {})), None) or (spec.get("tokens") or ["—"])[0]
        doc = _DOC.format(type=spec["type"], scope=spec.get("scope", "text"), basis=spec.get("basis", "用户规则。"),
                          example=f"`{example}`", right=", ".join(spec.get("swap", {}).values()) or "删去或改写。",
                          fix="不安全的修复：替换为所给写法。" if spec["type"] == "substitution" else "无自动修复。")
        rules[spec["code"]] = type(f"Pattern{spec['code']}", (PatternRule,), {
            "__doc__": doc, "code": spec["code"], "name": spec.get("name", f"pattern-{spec['code'].lower()}"),
            "severity": spec.get("severity", "warning"), "scope": spec.get("scope", "text"), "spec": spec,
            "summary": message, "message": message, "basis": basis,
            "fix": "unsafe" if spec["type"] == "substitution" else None})
    return rules
