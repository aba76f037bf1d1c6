"""The built-in report kinds (annual report, duty report) from ``data/kinds.toml``."""

from __future__ import annotations

from linter import hookimpl
from linter.model import ElementSpec, ReportKind
from linter.tomlio import load_package_data


def kinds_from_data(data: dict) -> list[ReportKind]:
    """Build report kinds from the ``[kinds.<id>]`` tables of a data file."""
    kinds = []
    for kind_id, table in data.get("kinds", {}).items():
        elements = tuple(
            ElementSpec(
                id=e["id"], role=e.get("role", "other"), name=e["name"], name_en=e.get("name_en", e["name"]),
                heading=tuple(e.get("heading", ())), body=tuple(e.get("body", ())),
                within=e.get("within"), required=e.get("required", True), order=e.get("order", 0),
                anchored=e.get("anchored", False), leading=e.get("leading", False),
            )
            for e in table.get("elements", ())
        )
        kinds.append(ReportKind(
            id=kind_id, name=table["name"], name_en=table.get("name_en", table["name"]),
            title=tuple(table.get("title", ())), exclude=tuple(table.get("exclude", ())),
            opening=tuple(table.get("opening", ())), priority=table.get("priority", 0),
            elements=elements, untitled=tuple(table.get("untitled", ())), subject=tuple(table.get("subject", ())),
            untitled_exclude=tuple(table.get("untitled_exclude", ())), parts=tuple(table.get("parts", ())),
        ))
    return kinds


def builtin_kind_ids() -> tuple[str, ...]:
    """The ids of the built-in kinds (what ``[recognition.<kind>]`` in a config may name)."""
    return tuple(load_package_data("linter.rules", "data/kinds.toml")["kinds"])


@hookimpl
def relint_report_kinds():
    return kinds_from_data(load_package_data("linter.rules", "data/kinds.toml"))
