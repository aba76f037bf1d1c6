"""Regular expressions written by users (in relint.toml): compiled once, here, with a guard
against catastrophic backtracking.

Python's ``re`` backtracks, so a pattern such as ``(a+)+b`` or ``(国|国家)*x`` takes
exponential time on a line that almost matches, and a report line can be 100,000
characters long: one bad pattern in a shared config would hang every run. Rather than
time out at run time, a pattern is refused when it is read, by looking at its parsed form:

* a repeat with no upper bound whose body itself repeats (nested quantifiers);
* a repeat with no upper bound over alternatives that can start with the same character;
* more unbounded repeats than :data:`MAX_UNBOUNDED` (``.*.*.*x`` is polynomial of high degree).

Patterns that stay are linear or at worst quadratic in the line length, which the time
budget tests in ``tests/test_worst_case.py`` cover.
"""

from __future__ import annotations

import re

from linter.regex import compile as quick_compile
from linter.regex import sre_constants as _c
from linter.regex import sre_parse as _parse

#: Unbounded repeats (``*``, ``+``, ``{n,}``) one pattern may hold.
MAX_UNBOUNDED = 2
#: A repeat bounded above this counts as unbounded.
LARGE_REPEAT = 100
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None))


class UnsafePattern(ValueError):
    """A pattern that is not a valid regular expression or could backtrack catastrophically."""


def compile_user_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern from a config file; :class:`UnsafePattern` (a ValueError) says why
    when it is invalid or unsafe. The caller names the config key in its message."""
    if not isinstance(pattern, str):
        raise UnsafePattern(f"expected a string, got {type(pattern).__name__}")
    try:
        # compiled to skip to where a match can start (the same matches): a pattern that opens
        # with a lookbehind, as F002's does, was otherwise tried at every character of a report
        compiled = quick_compile(pattern, flags)
        tree = _parse.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError) as exc:
        raise UnsafePattern(f"invalid regular expression {pattern!r}: {exc}") from None
    problem = _problem(tree)
    if problem:
        raise UnsafePattern(f"regular expression {pattern!r} {problem}; rewrite it without nested or "
                            f"repeated open-ended quantifiers")
    return compiled


def _unbounded(maximum: int) -> bool:
    return maximum == _c.MAXREPEAT or maximum > LARGE_REPEAT


def _problem(tree) -> str | None:
    unbounded = 0
    for minimum_maximum_body in _repeats(tree):
        _, maximum, body = minimum_maximum_body
        if not _unbounded(maximum):
            continue
        unbounded += 1
        if any(inner[1] > 1 for inner in _repeats(body)):
            return "nests a repeat inside an open-ended repeat"
        if _ambiguous_branch(body):
            return "repeats alternatives that can start alike"
    if unbounded > MAX_UNBOUNDED:
        return f"has {unbounded} open-ended repeats (at most {MAX_UNBOUNDED})"
    return None


def _children(op, value):
    """The sub-sequences of one parsed node."""
    if op in _REPEATS:
        return [value[2]]
    if op is _c.SUBPATTERN:
        return [value[-1]]
    if op is _c.BRANCH:
        return list(value[1])
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [value[1]]
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return [value]
    return []


def _repeats(tree):
    """Every repeat node in ``tree`` as (min, max, body), outer ones first."""
    for op, value in tree:
        if op in _REPEATS:
            yield value
        for child in _children(op, value):
            yield from _repeats(child)


def _ambiguous_branch(tree) -> bool:
    """Whether a repeated body holds alternatives that are empty or do not all start with
    distinct literal characters: the shape that lets the engine split one text many ways
    (``(a|aa)*`` parses as ``a(|a)`` repeated)."""
    for op, value in tree:
        if op is _c.BRANCH:
            firsts = [branch[0][1] if branch and branch[0][0] is _c.LITERAL else None for branch in value[1]]
            if None in firsts or len(set(firsts)) != len(firsts):
                return True
        if op is _c.SUBPATTERN and _ambiguous_branch(value[-1]):
            return True
    return False
