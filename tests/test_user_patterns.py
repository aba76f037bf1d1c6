"""Regular expressions from a config are compiled by one guard that refuses the shapes that
backtrack catastrophically, naming the key at fault, so a shared config cannot hang a run."""

import re
import time

import pytest
from conftest import SEEDS, run_relint

from linter.userregex import UnsafePattern, compile_user_pattern


@pytest.mark.parametrize("pattern", ["(a+)+b", "(a|aa)*b", "(?:[一二三]+、)+x", "((a)*)*", ".*.*.*x",
                                     "(?=(a+)+)b", "(\\d{1,3})+%", "["])
def test_unsafe_or_invalid_patterns_are_refused(pattern):
    with pytest.raises(UnsafePattern):
        compile_user_pattern(pattern)


@pytest.mark.parametrize("pattern", ["法治.{0,10}建设", "^(?:一|二|三)、", "法治政府.*报告", "(ab|cd)+x",
                                     "(?:依法|法治)行政", "第[一二三四五六七八九十]+条"])
def test_ordinary_patterns_compile(pattern):
    # compiled to skip quickly to where a match can start: the matches are re's own
    text = "一、第三条 依法行政，推进法治政府建设，见法治政府建设年度报告 abcdx"
    found = [match.span() for match in compile_user_pattern(pattern).finditer(text)]
    assert found and found == [match.span() for match in re.finditer(pattern, text)]


@pytest.mark.parametrize("pattern", ["法治.{0,10}建设", "法治政府.*报告", "(ab|cd)+x", "a*b*c"])
def test_accepted_patterns_stay_fast_on_a_long_near_miss(pattern):
    compiled = compile_user_pattern(pattern)
    started = time.perf_counter()
    # a long paragraph: accepted patterns are at worst quadratic, so this stays well under a second
    for text in ("法治" * 2500, "ab" * 2500, "a" * 2500 + "b" * 2500, "法治政府" * 1250):
        compiled.search(text)
    assert time.perf_counter() - started < 2.0


def test_a_catastrophic_pattern_in_the_config_is_a_config_error_naming_the_key(tmp_path):
    (tmp_path / "r.txt").write_bytes(SEEDS[0].read_bytes())
    (tmp_path / "relint.toml").write_text('[elements.x]\nbody = ["(a+)+b"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("a" * 40 + "\n", encoding="utf-8")
    done = run_relint(".", cwd=tmp_path)
    assert done.returncode == 2
    assert "elements.x.body" in done.stderr.decode() and "(a+)+b" in done.stderr.decode()
