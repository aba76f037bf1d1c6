"""linter.regex.compile puts a lookahead in front of patterns the engine cannot skip through
on its own: the matches must stay exactly those of re.compile, for every pattern relint
names, on real report text."""

import importlib
import pkgutil
import re

import linter.rules
import pytest
from conftest import FIXTURES, SEEDS

import linter
from linter import regex, vocabulary
from linter.normalise import patterns
from linter.regex import Lazy


def _named_patterns() -> dict[str, tuple[str, int]]:
    """Every module-level lazy pattern of linter and its rules, and the furniture patterns."""
    found = {}
    for package in (linter, linter.rules):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            if info.name.endswith(("serve", "__main__")):
                continue  # serve needs the optional web packages; neither names patterns
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                values = value if isinstance(value, tuple) else (value,)
                for index, item in enumerate(values):
                    if isinstance(item, Lazy):
                        found[f"{info.name}.{name}[{index}]"] = (item.pattern, item._flags)
    for name, compiled in vars(patterns()).items():
        if isinstance(compiled, re.Pattern):
            found[f"furniture.{name}"] = (compiled.pattern, compiled.flags)
    return found


PATTERNS = _named_patterns()
TEXT = [line for path in [*SEEDS, *sorted((FIXTURES / "corpus" / "texts").glob("*.txt"))]
        for line in path.read_text(encoding="utf-8").splitlines()]
TEXT += ["*注：", "会议*次", "鍙戝竷 锟斤拷??", "國(guó)家", "^$", "", "2021-2025年（以下简称）。。"]


def test_many_patterns_are_checked_and_some_gain_a_lookahead():
    quick = [name for name, (pattern, flags) in PATTERNS.items() if regex._quick(pattern, flags) != pattern]
    assert len(PATTERNS) > 80 and len(quick) > 20, (len(PATTERNS), len(quick))


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_quick_patterns_match_exactly_what_re_compile_matches(name):
    pattern, flags = PATTERNS[name]
    plain, quick = re.compile(pattern, flags), regex.compile(pattern, flags)
    for line in TEXT:
        assert [(m.span(), m.groups()) for m in quick.finditer(line)] == \
               [(m.span(), m.groups()) for m in plain.finditer(line)], line
        assert bool(quick.match(line)) == bool(plain.match(line))


@pytest.mark.parametrize(("pattern", "lookahead"), [
    (r"(?<=[一-龥])（", "(?=[（])"),            # a lookbehind first
    (r"(第一|免费)?范文网", "(?=[第免范])"),    # an optional group first
    (r"^a|b", "(?=[ab])"),                      # an anchor followed by a character
    (r"^(?:[^>]*>){2}|ICP", "(?:^|(?=[I]))"),   # an anchor followed by anything
    (r"(?<![\d.])\d+个", r"(?=[\d])"),            # a category: \d of the pattern's own flags
])
def test_the_lookahead_names_where_a_match_can_start(pattern, lookahead):
    assert regex._quick(pattern, 0) == f"{lookahead}(?:{pattern})"


@pytest.mark.parametrize("pattern", [r"[,;]", "abc", r"a*", r"(?i)ab", r"(a)?.b", r"(?P<x>a)?(?P=x)",
                                     r"(?<!\.)\w+@",  # \w: nearly every character of Chinese text
                                     r"(?<=x)(?i:ab)",  # case-folded in a group
                                     r"^首页", r"^(?:当前|您的)位置|^首页", r"(?!注)^\d",  # anchored: the start alone
                                     r"锟斤拷(?:锟斤拷)*|烫烫烫+",  # alternatives that each start with a character
                                     # in a group, the compiler finds the first character as well
                                     r"(?P<verb>提高|降低)了?\d+%", r"(?P<num>\d(?<![\d.]\d)\d*)%"])
def test_patterns_the_engine_skips_through_or_that_cannot_be_told_are_left_alone(pattern):
    assert regex._quick(pattern, 0) == pattern


@pytest.mark.parametrize("name", ["COUNT", "PERCENT", "POINTS", "YEAR_IN_TEXT"])
def test_the_number_patterns_of_facts_start_with_a_digit_the_engine_skips_to(name):
    """Their look back follows the first digit: no lookahead is needed in front, which would
    have the engine try every position of a line."""
    pattern = getattr(vocabulary, name).pattern
    assert regex._quick(pattern, 0) == pattern


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"^首页", 0, True), (r"(?:^当前|^首页)>", 0, True), (r"(?=\d)^\d年", 0, True),
    (r"^首页|版权所有", 0, False), (r"(^a)?b", 0, False), (r"^首页", re.MULTILINE, False),
])
def test_anchored_tells_patterns_whose_matches_all_start_at_the_start(pattern, flags, expected):
    assert regex.anchored(pattern, flags) is expected
    if expected:  # match then finds what search finds
        for line in TEXT + ["首页>", "当前>", "1年"]:
            assert bool(re.match(pattern, line, flags)) == bool(re.search(pattern, line, flags))


@pytest.mark.parametrize(("patterns", "expected"), [
    ([r"(?P<num>[一二])\s*、", r"(?P<open>[（(])\d", r"(?P<num>\d{1,2})\."], r"[一二（\(\d]"),
    ([r"(?<![\d.])\d+个", r"(第一|免费)?范文网"], r"[\d第免范]"),
])
def test_first_class_holds_every_character_a_match_can_start_with(patterns, expected):
    assert regex.first_class(patterns) == expected
    look = re.compile(expected)
    for line in TEXT + ["一、", "（1", "12.", "3个", "范文网"]:
        for pattern in patterns:  # where a match starts, the class matches
            for found in re.finditer(pattern, line):
                assert look.match(line, found.start()), (pattern, line)


@pytest.mark.parametrize("pattern", [r"a|.b", r"^.a", r"x?", r"(?i)ab"])
def test_first_class_refuses_patterns_whose_start_cannot_be_told(pattern):
    with pytest.raises(ValueError):
        regex.first_class([pattern])


@pytest.mark.parametrize(("pattern", "expected"), [
    ("abc", ("abc",)), ("(a|b)c", ("c",)), ("(第一|免费)?范文网", ("范文网",)), ("(更多|查看更多)请访问", ("请访问",)),
    ("(豆丁网|道客巴巴)", ("豆丁网", "道客巴巴")), ("(更多|查看更多)?x|更多y", ("x", "更多y")),
    (r"ICP[备证]|版权所有", ("ICP", "版权所有")), (r"(?P<y>\d{4})年", ("年",)), ("(?:ab)+", ("ab",)),
    ("a|[bc]", None), ("(?:ab)*", None), ("a(b|)", ("a",)), ("(?i)abc", None), (r"\d+", None),
])
def test_needles_are_strings_one_of_which_every_match_holds(pattern, expected):
    assert regex.needles(pattern) == expected


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_match_of_a_named_pattern_holds_one_of_its_needles(name):
    pattern, flags = PATTERNS[name]
    found = regex.needles(pattern, flags)
    if found is None:
        return
    for line in TEXT + ["本文由某某网整理提供", "查看更多请访问", "ICP备123号"]:
        for match in re.finditer(pattern, line, flags):
            assert any(needle in match.group() for needle in found), (line, match.group())


GATED = [item for value in vars(vocabulary).values() for item in (value if isinstance(value, tuple) else (value,))
         if isinstance(item, regex.Gated)]


def test_a_gated_pattern_finds_what_its_pattern_finds():
    # the rule fixtures of D008 and T013 hold the short years and undashed ranges the seeds lack
    fixtures = [line for code in ("D008", "T013") for path in sorted((FIXTURES / "rules").glob(f"{code}*.txt"))
                for line in path.read_text(encoding="utf-8").splitlines()]
    lines = TEXT + fixtures + ["根据《中共中央办公厅 国务院办公厅关于印发〈规定〉的通知》", "省委办公厅　省政府办公厅联合印发"]
    assert GATED
    for gated in GATED:
        found = 0
        for line in lines:
            matches = [m.span() for m in gated.pattern.finditer(line)]
            assert [m.span() for m in gated.finditer(line)] == matches, line
            found += len(matches)
        assert found >= 2  # the lines hold matches: the gate is tested where it must let them through
