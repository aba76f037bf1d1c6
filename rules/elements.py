"""The rule type behind every "missing part" check: it reads the mandated part the model
found for a role and reports it when it is absent.

The built-in missing-part rules are data (``data/parts.toml``: code, severity, kinds,
role, messages, basis and documentation), made into rule classes here; which words make
a part is data too (``data/kinds.toml``). A plugin for another report kind subclasses
:class:`MissingElement` and names the ``element`` (or ``role``) it watches.
"""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar

from linter.rules import basis as citations

from linter import hookimpl
from linter.model import ElementMatch, Report, Span
from linter.rule import DOC_SECTIONS, Rule, Text
from linter.tomlio import load_package_data

MISSING = Text("缺少“{name}”部分", "missing part: {name_en}")


def report_anchor(report: Report) -> Span:
    """Where a finding about the whole report points: its title, else the first line."""
    return report.title.span if report.title else Span.point(1, 1)


class MissingElement(Rule):
    """Base of the rules that report a mandated element the report lacks (not a rule itself)."""

    #: the role of the part watched (kinds.toml), or else the id of the element
    role: ClassVar[str | None] = None
    element: ClassVar[str | None] = None
    scope = "elements"
    message = MISSING

    def watched(self, report: Report) -> ElementMatch | None:
        return report.part(self.role) if self.role else report.elements.get(self.element)

    def check(self, report: Report):
        match = self.watched(report)
        if match is not None and not match.found:
            spec = match.spec
            yield self.diagnostic(report_anchor(report), name=spec.name, name_en=spec.name_en)


def bilingual(entry: dict, key: str) -> Text | None:
    """The ``key`` / ``key-en`` pair of a data entry as a Text (None when absent)."""
    return Text(entry[key], entry[f"{key}-en"]) if key in entry else None


def element_id(kinds: dict, kind: str, role: str) -> str:
    """The id of the element of ``kind`` with ``role`` in kinds.toml (the config key that extends it)."""
    return next(e["id"] for e in kinds[kind]["elements"] if e.get("role", "other") == role)


def documentation(entry: dict, kinds: dict) -> str:
    """The rule's documentation in the fixed sections, from its data; 选项 and 修复 are generated."""
    tables = "、".join(f"`[tool.relint.elements.{element_id(kinds, kind, entry['role'])}]`" for kind in entry["kinds"])
    options = f"识别用的关键词在 `rules/data/kinds.toml` 中，可在配置 {tables} 中扩充 `heading`、`body`。"
    if not entry.get("default", True):
        options += f"默认不启用，用 `extend-select = [\"{entry['code']}\"]` 启用。"
    texts = [entry[key] for key in ("what", "why", "example", "instead")] + [options, "无自动修复。"]
    return "\n".join(f"## {name}\n{text}\n" for name, text in zip(DOC_SECTIONS, texts))


@lru_cache(maxsize=1)
def part_rules() -> tuple[type[MissingElement], ...]:
    """The missing-part rules of ``data/parts.toml`` as rule classes."""
    kinds = load_package_data("linter.rules", "data/kinds.toml")["kinds"]
    return tuple(type(f"Missing{entry['code']}", (MissingElement,), {
        "__doc__": documentation(entry, kinds), "__module__": __name__,
        "code": entry["code"], "name": entry["name"], "severity": entry["severity"],
        "default": entry.get("default", True), "kinds": tuple(entry["kinds"]), "role": entry["role"],
        "summary": bilingual(entry, "summary"), "message": bilingual(entry, "message") or MISSING,
        "help": bilingual(entry, "help"), "basis": getattr(citations, entry["basis"]),
    }) for entry in load_package_data("linter.rules", "data/parts.toml")["rule"])


@hookimpl
def relint_rules():
    return list(part_rules())
