"""A rule that reads only the lines holding one of its needles (rules/textscan.holding) loses
a finding if its pattern can match a line without one. For every pattern read that way: a
line with a match holds a needle — on the seeds' and the corpus's lines and on made-up text
dense in what the patterns look for."""

from string import ascii_letters

import linter.rules.dates  # noqa: F401 - imported for its patterns' needles
import linter.rules.formulations as formulations
import linter.rules.numbering  # noqa: F401
import linter.rules.percentages as percentages
import linter.rules.textscan as textscan
import linter.rules.typography as typography
import pytest
from conftest import FIXTURES, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.vocabulary import (
    BLANK,
    BLANKS,
    ENUM_ITEM,
    RANGE_DASHES,
    RUN_ON_FIRST_ITEM,
    SHORT_YEAR,
    SHORT_YEAR_END,
    YEAR_NEEDLES,
    YEAR_RANGE_DASHED,
    YEAR_RANGE_UNDASHED,
    YEAR_RANGE_UNDASHED_END,
)

CASES = {
    "T001": (typography._HALF_WIDTH, tuple(typography._HALF_TO_FULL)),
    "T003": (typography._LATIN_WORD, ascii_letters),
    "T006": (BLANKS, BLANK),
    "T013": (YEAR_RANGE_UNDASHED, YEAR_NEEDLES),
    "T004": (typography._DEBRIS, typography._DEBRIS_NEEDLES),
    "T007": (typography._REPEATED, typography._REPEATED_NEEDLES),
    "T008": (typography._EMPTY_ABBREVIATION, (typography._ABBREVIATION_WORD,)),
    "T009 years": (YEAR_RANGE_DASHED, RANGE_DASHES),
    "T009 values": (typography._VALUE_RANGE, RANGE_DASHES),
    "T010": (typography._ENUMERATION_COMMA, typography._ENUMERATION_NEEDLES),
    "T011": (typography._FULL_WIDTH, typography._FULL_WIDTH_CHARACTERS),
    "T012": (typography._ELLIPSIS, typography._ELLIPSIS_NEEDLES),
    "protected": (textscan._PROTECTED, textscan._PROTECTED_NEEDLES),
    "P006": (percentages._PERCENT_RANGE, percentages._PERCENT_SIGNS),
    "P007": (percentages._TIMES_LESS, percentages._TIMES),
    "N004 items": (ENUM_ITEM, "是"),
    "N004 run-on": (RUN_ON_FIRST_ITEM, "是"),
    "D008": (SHORT_YEAR, "年"),
    "F004": (formulations.LISTING, formulations.LISTING_NEEDLE),
}
LINES = [line for path in [*SEEDS, *sorted((FIXTURES / "corpus" / "texts").glob("*.txt"))]
         for line in path.read_text(encoding="utf-8").splitlines()]
#: what the patterns look for, and Chinese text around it
ALPHABET = ("，、；：？！。….*#` \t\u3000以下简称（）()《》“”<>-－~～–—0123456789２０ＡａＺｚ%％倍是年一二三降低减少届全会和"
            "http:/w.@ab中国法治政府建设")


def _holds_a_needle_when_it_matches(pattern, needles, line: str) -> bool:
    return pattern.search(line) is None or any(needle in line for needle in needles)


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_line_of_the_seeds_and_the_corpus_with_a_match_holds_a_needle(name):
    pattern, needles = CASES[name]
    matched = [line for line in LINES if pattern.search(line)]
    assert all(_holds_a_needle_when_it_matches(pattern, needles, line) for line in matched)


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=300, deadline=None)
@given(line=st.text(alphabet=ALPHABET, max_size=40))
def test_made_up_text_with_a_match_holds_a_needle(name, line):
    pattern, needles = CASES[name]
    assert _holds_a_needle_when_it_matches(pattern, needles, line)


#: A rule that reads only the lines where a gate matches (a pattern every match holds a match
#: of): the pattern, the gate, and pieces of text made-up lines are made of, dense in matches
GATES = {
    "D008": (SHORT_YEAR, SHORT_YEAR_END, ["2", "3", "24", "年", "度", "底", "3月", "，", "。", "于", "近", "第", ".", "%",
                                          "一", " "]),
    "P006": (percentages._PERCENT_RANGE, percentages._PERCENT_RANGE_END, ["1", "2.5", "%", "％", "-", "～", "至", " ",
                                                                          "，", "．"]),
    "T013": (YEAR_RANGE_UNDASHED, YEAR_RANGE_UNDASHED_END, ["19", "20", "2021", "25", "一", "年", "期间", "）", "-",
                                                             "/", " "]),
}


@pytest.mark.parametrize("name", sorted(GATES))
def test_every_line_of_the_seeds_and_the_corpus_with_a_match_holds_the_gate(name):
    pattern, gate, _ = GATES[name]
    assert all(gate.search(line) for line in LINES if pattern.search(line))


@pytest.mark.parametrize("name", sorted(GATES))
@settings(max_examples=500, deadline=None)
@given(data=st.data())
def test_made_up_text_with_a_match_holds_the_gate(name, data):
    pattern, gate, pieces = GATES[name]
    line = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=12)))
    assert pattern.search(line) is None or gate.search(line)
