"""Each rule alone on its fixtures, compared with a reviewable snapshot.

``fixtures/rules/S102.txt`` (and ``S102-variant.txt``) must trigger S102, ``S102_clean*.txt`` the "must not"
cases; the expected diagnostics are in the ``.snap`` file beside each fixture. Run with
``RELINT_UPDATE_SNAPSHOTS=1`` to rewrite the snapshots, then review the diff.
"""

import os

import pytest
from conftest import FIXTURES, lint_file

RULE_FIXTURES = sorted((FIXTURES / "rules").glob("*.txt"))
CLEAN_REPORTS = sorted((FIXTURES / "clean").glob("*.txt"))


def render(result) -> str:
    return "".join(f"{d.span.line}:{d.span.column} {d.code} {d.message.zh}\n" for d in result.diagnostics)


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
