"""Worst cases for every regular expression that runs on report text, and a time budget per
megabyte for whole runs: long unbroken runs of digits, letters, marks or Chinese characters
once made patterns quadratic (20,000 digits before a % took 29 s, '_a' * 100000 in Markdown
over 120 s). A pattern that backtracks over a run from every start shows up here."""

import importlib
import pkgutil
import re
import time

from conftest import lint_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

#: Characters the patterns react to: digits, separators, signs, Latin, Chinese, marks.
ALPHABET = list("0123456789.．%％_a@-~～、，,。（）() 　年月日号是第条个百分点万亿元件人次一二三十法治政府*#`")
RUN = 20_000
#: Seconds one pattern may take over RUN characters: linear patterns need milliseconds.
PATTERN_BUDGET = 0.5
#: Seconds per megabyte of report text for a whole lint (the attack shapes below). Measured
#: worst: ~38 s/MB for one-character lines (four bytes a line, each line a finding); a real
#: report lints at ~1 s/MB. Before the fixes, digits before a % took >1000 s/MB.
SECONDS_PER_MB = 60


def _patterns():
    import linter.rules

    import linter
    from linter.regex import Lazy

    found = {}
    for package in (linter, linter.rules):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            if info.name.rsplit(".", 1)[1] in ("cli", "__main__", "explain") or info.ispkg:
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, (re.Pattern, Lazy)):  # compiled on first use, or at import
                    found[f"{info.name}.{name}"] = value
    return found


PATTERNS = _patterns()


def test_the_patterns_are_found():
    assert len(PATTERNS) > 40 and "linter.vocabulary.PERCENT" in PATTERNS


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=3), st.sampled_from(ALPHABET + [""]))
def test_no_pattern_backtracks_over_a_long_run(unit, tail):
    text = ("".join(unit) * (RUN // len(unit) + 1))[:RUN] + tail
    slow = {}
    for name, pattern in PATTERNS.items():
        started = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        spent = time.perf_counter() - started
        if spent > PATTERN_BUDGET:
            slow[name] = round(spent, 2)
    assert not slow, (unit, tail, slow)


ATTACKS = {
    "digits before %": "一、主要举措和成效\n" + "1" * 100_000 + "%\n",
    "unpunctuated Chinese": "一、主要举措和成效\n" + "法治政府建设推进依法行政" * 8_000 + "\n",
    "dotted headings": "1.1.1.\n" * 20_000,
    "one-character lines": "法\n" * 50_000,
    "commas": "一、主要举措和成效\n" + "推进依法行政," * 10_000 + "\n",
}


def test_whole_runs_stay_within_a_time_budget_per_megabyte(registry):
    for name, text in ATTACKS.items():
        size = len(text.encode("utf-8")) / 1e6
        started = time.perf_counter()
        lint_text(registry, text)
        spent = time.perf_counter() - started
        assert spent < max(1.0, SECONDS_PER_MB * size), (name, spent, size)


def test_markdown_emphasis_runs_stay_within_budget(registry, tmp_path):
    from conftest import lint_file

    path = tmp_path / "r.md"
    path.write_text("# 标题\n\n" + "_a" * 50_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    lint_file(registry, path)
    assert time.perf_counter() - started < max(1.0, SECONDS_PER_MB * path.stat().st_size / 1e6)
