"""Lines joined into one text, to find at once the lines that hold one of a few strings.

A rule whose pattern can match only where one of its needles stands (the strings one of which
every match holds: :func:`linter.regex.needles`) reads only the lines that hold one. The
needles are looked for in the joined text, from one line that holds one to the start of the
next line: costs go with the lines that hold a needle, not with every line, and most reports
hold none of most rules' needles.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import add
from typing import Iterable, Sequence

from linter import regex_code


@dataclass(frozen=True)
class Joined:
    """The texts of some lines joined by line breaks (a line's text holds none), with where
    each line starts in the joined text."""

    text: str
    starts: tuple[int, ...]


def joined(texts: Sequence[str]) -> Joined:
    """``texts`` joined (the starts summed in C: a report has hundreds of lines)."""
    lengths = accumulate(map(len, texts[:-1]), initial=0)
    return Joined("\n".join(texts), tuple(map(add, lengths, range(len(texts)))))  # a line break after each


def lines_holding(lines: Joined, needles: Iterable[str]) -> list[int]:
    """The indices of the lines that hold one of ``needles``, in order."""
    text = lines.text
    needles = tuple(needles)
    if len(needles) <= _FEW_NEEDLES:  # the C string search is quicker than a pattern: ask it first
        needles = tuple(needle for needle in needles if needle in text)
        if not needles:
            return []
    finder = _finder(needles)
    match = finder.search(text)
    starts, found = lines.starts, []
    while match is not None:
        index = bisect_right(starts, match.start()) - 1
        found.append(index)
        match = finder.search(text, starts[index + 1]) if index + 1 < len(starts) else None
    return found


#: Up to this many needles are looked for in the text one by one before they are looked for
#: together (many, like the letters of an alphabet, are quicker looked for at once).
_FEW_NEEDLES = 12


@lru_cache(maxsize=256)
def _finder(needles: tuple[str, ...]) -> re.Pattern:
    """One pattern for any of ``needles`` (a rule's needles are fixed: compiled once)."""
    return regex_code.compile("|".join(map(re.escape, needles)))
