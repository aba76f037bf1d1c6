"""Each rule alone on its fixtures, compared with a reviewable snapshot.

``fixtures/rules/S102.txt`` (and ``S102-variant.txt``) must trigger S102, ``S102_clean*.txt`` the "must not"
cases; the expected diagnostics are in the ``.snap`` file beside each fixture. Run with
``RELINT_UPDATE_SNAPSHOTS=1`` to rewrite the snapshots, then review the diff. Each finding is
shown with its source line and a caret line under the text it flags.
"""

import os
import unicodedata

import pytest
from conftest import FIXTURES, lint_file

RULE_FIXTURES = sorted((FIXTURES / "rules").glob("*.txt"))
CLEAN_REPORTS = sorted((FIXTURES / "clean").glob("*.txt"))


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def excerpt(lines: list[str], span) -> str:
    """The source line of a finding with a caret line under its span, as ruff's snapshots
    show it: a span running past its line is marked to the line's end, a point by one caret."""
    text = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
    start = span.column - 1
    end = span.end_column - 1 if span.end_line == span.line else len(text)
    gutter = " " * len(str(span.line))
    carets = "^" * max(width(text[start:end]), 1)
    return f"{gutter} |\n{span.line} | {text}\n{gutter} | {' ' * width(text[:start])}{carets}\n".replace(" \n", "\n")


def render(result) -> str:
    lines = result.source.shown_lines()
    return "".join(f"{d.span.line}:{d.span.column} {d.code} {d.message.zh}\n{excerpt(lines, d.span)}"
                   for d in result.diagnostics)


@pytest.mark.parametrize("fixture", RULE_FIXTURES, ids=lambda p: p.stem)
def test_rule_fixture_matches_snapshot(registry, fixture):
    code = fixture.stem[:4]
    result = lint_file(registry, fixture, select=(code,))
    snapshot = fixture.with_suffix(".snap")
    actual = render(result)
    if os.environ.get("RELINT_UPDATE_SNAPSHOTS"):
        snapshot.write_text(actual, encoding="utf-8")
    assert actual == snapshot.read_text(encoding="utf-8")
    if "_" in fixture.stem:
        assert code not in actual, "a must-not fixture must stay silent for its rule"
    else:
        assert code in actual, "a positive fixture must trigger its rule"


def test_every_rule_has_a_positive_fixture(registry):
    positives = {p.stem[:4] for p in RULE_FIXTURES if "_" not in p.stem}
    # S109 needs a config, Q004 last year's report and Q006 a second body's report, and the layout rules (L)
    # a Word file: tests of their own cover them (tests/test_layout.py for L)
    missing = [code for code in registry.rules
               if code not in positives and code not in ("S109", "Q004", "Q006") and not code.startswith("L")]
    assert not missing


@pytest.mark.parametrize("report", CLEAN_REPORTS, ids=lambda p: p.stem)
def test_clean_reports_trigger_no_rule_even_opt_in_ones(registry, report):
    result = lint_file(registry, report, select=("ALL",))
    assert result.diagnostics == []


@pytest.mark.parametrize("text, span, carets", [
    ("使用 and 连接", (1, 4, 1, 7), "     ^^^"),  # after three characters, two of them wide
    ("全年结案１０５件", (1, 5, 1, 8), "        ^^^^^^"),  # full-width digits are wide too
    ("abc", (1, 4, 1, 4), "   ^"),  # a point at the line's end
    ("第一行", (1, 3, 2, 1), "    ^^"),  # a span into the next line: marked to this line's end
])
def test_carets_line_up_under_wide_characters(text, span, carets):
    from linter.model import Span

    shown = excerpt([text], Span(*span)).splitlines()
    assert shown[1] == f"1 | {text}" and shown[2] == f"  | {carets}"
