"""The five real reports: kept byte-identical, and what relint must find in each."""

import pytest

from conftest import FIXTURES, ROOT, SEEDS, codes, lint_file

SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_seeds_are_byte_identical_copies():
    shared = sorted(SHARED_SEEDS.glob("*.txt"))
    assert [p.name for p in shared] == [p.name for p in SEEDS]
    for original in shared:
        assert (FIXTURES / "seeds" / original.name).read_bytes() == original.read_bytes()


def seed(registry, prefix, **settings):
    path = next(p for p in SEEDS if p.name.startswith(prefix))
    return lint_file(registry, path, **settings)


def test_000_lacks_shortcomings_and_duty(registry):
    assert codes(seed(registry, "000")) == ["S102", "S104", "S201", "S202"]


def test_001_reports_with_huibao_and_no_signature(registry):
    assert codes(seed(registry, "001")) == ["S003", "S201", "S202"]


def test_002_is_structurally_complete(registry):
    assert codes(seed(registry, "002")) == []


def test_003_is_a_duty_report_without_a_year_in_its_title(registry):
    result = seed(registry, "003")
    assert result.report.kind == "duty"
    assert codes(result) == ["S002", "S305", "S201", "S202"]


def test_004_duty_in_body_text_and_shortcomings_without_causes(registry):
    result = seed(registry, "004")
    assert "S104" not in codes(result)
    assert codes(result) == ["S003", "S107", "S103"]
    s107 = result.diagnostics[1]
    assert s107.span.line == 7
