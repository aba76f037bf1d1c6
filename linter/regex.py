"""Regular expressions compiled on first use, and compiled to skip quickly to where a match
can start.

The model and the rules name about a hundred patterns at module level; compiling them all
at import cost ≈ 40 ms of every start-up, also for runs that lint nothing (every file a
cache hit) or use few of them. A :class:`Lazy` pattern compiles when first used, once per
process; after that its methods are the compiled pattern's own, with no wrapper between.

Python's regex engine skips quickly over text only when a pattern starts with a character
or a character class; a pattern that starts with a lookbehind, an optional group or an
alternation of groups (``(?<=[一-龥])（``, ``(秘书之家)?全网资源``) is tried at every position,
10–20× slower on a line of Chinese prose. :func:`compile` puts a lookahead for the
characters a match can start with in front of such a pattern (``(?=[（])``, or ``^`` for a
branch anchored at the start): the engine skips to them, and the matches are the same.
"""

from __future__ import annotations

import re

from linter import regex_code

try:  # the parser behind re.compile; public as sre_parse before Python 3.11
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_sre = sre_constants

#: What a compiled pattern offers; copied onto the lazy one when it compiles.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner", "flags",
            "groups", "groupindex")
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT) + ((_sre.POSSESSIVE_REPEAT,) if hasattr(_sre, "POSSESSIVE_REPEAT") else ())
_AT_START = (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING)
_CATEGORIES = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
               _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W"}
#: Classes that hold almost every character of Chinese text: a lookahead for them skips nothing.
_BROAD = {r"\D", r"\S", r"\w", r"\W"}
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _folded(pattern: str, flags: int) -> bool:
    """Whether ``pattern``'s characters may match more than themselves (case-folded), or inline
    flags lead it: what a match starts with or holds is then not told from its parse."""
    return bool(flags & re.IGNORECASE or _INLINE_FLAGS.match(pattern))


class _Unknown(Exception):
    """The characters a match starts with cannot be told (any character, a back-reference)."""


def _class(items) -> list[str]:
    """The members of a parsed character class, as pieces of a class (``a``, ``a-z``)."""
    pieces = []
    for op, value in items:
        if op is _sre.LITERAL:
            pieces.append(re.escape(chr(value)))
        elif op is _sre.RANGE:
            pieces.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif op is _sre.CATEGORY and value in _CATEGORIES:
            pieces.append(_CATEGORIES[value])  # \d in the lookahead is \d of the same flags
        else:  # a negated class, a case-folded range
            raise _Unknown
    return pieces


def _starts(items: list) -> tuple[list[str], bool, bool]:
    """(class pieces a match of the sequence ``items`` can start with, whether it can start
    only at an anchor ``^`` whatever the character there, whether it can match nothing)."""
    for index, (op, value) in enumerate(items):
        rest = items[index + 1:]
        if op is _sre.LITERAL:
            return [re.escape(chr(value))], False, False
        if op is _sre.IN:
            return _class(value), False, False
        if op is _sre.AT and value in _AT_START:
            try:  # "^" followed by what can be told starts with that; otherwise at the anchor
                pieces, anchored, empty = _starts(rest)
            except _Unknown:
                return [], True, False
            return ([], True, False) if empty else (pieces, anchored, False)
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # \b, $ and lookarounds are zero width: they only narrow where a match starts
        if op is _sre.SUBPATTERN:
            if value[1] & re.IGNORECASE:  # (?i:…): its characters match in either case
                raise _Unknown
            alternatives = [list(value[-1]) + rest]
        elif op is _sre.BRANCH:
            alternatives = [list(branch) + rest for branch in value[1]]
        elif op in _REPEATS:
            alternatives = [list(value[2]) + rest] + ([rest] if value[0] == 0 else [])
        else:  # any character, a negated character, a back-reference
            raise _Unknown
        pieces, anchored, empty = [], False, False
        for alternative in alternatives:
            more, anchor, can_be_empty = _starts(alternative)
            pieces += more
            anchored |= anchor
            empty |= can_be_empty
        return pieces, anchored, empty
    return [], False, True


def _skips(first) -> bool:
    """Whether the engine skips to where a match can start on its own: the pattern begins with
    a character, a class, or alternatives that each begin with a character, also inside
    groups (the compiler looks into them: a lookahead in front would only slow it down)."""
    op, value = first
    while op is _sre.SUBPATTERN and not value[1] and not value[2] and len(value[-1]):
        op, value = value[-1][0]
    if op in (_sre.LITERAL, _sre.IN):
        return True
    return op is _sre.BRANCH and all(len(branch) and branch[0][0] is _sre.LITERAL for branch in value[1])


def _anchored(items: list) -> bool:
    """Whether every match of the sequence ``items`` starts at ``^`` (each alternative, each
    group's content): the engine then tries the start alone, and a lookahead would make it
    try every position."""
    for op, value in items:
        if op is _sre.AT and value in _AT_START:
            return True
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero width: the anchor may follow
        if op is _sre.SUBPATTERN:
            return _anchored(list(value[-1]))
        if op is _sre.BRANCH:
            return all(_anchored(list(branch)) for branch in value[1])
        return False
    return False


def _quick(pattern: str, flags: int) -> str:
    """``pattern`` with a lookahead for where its matches can start, when the engine would
    not skip on its own; ``pattern`` itself when it would, or when that cannot be told."""
    if flags & re.VERBOSE or _folded(pattern, flags):
        return pattern  # a case-folded class, or inline flags that must stay in front
    try:
        parsed = list(sre_parse.parse(pattern, flags))
        if not parsed or _skips(parsed[0]):
            return pattern  # the engine skips to its first character already
        if not flags & re.MULTILINE and _anchored(parsed):
            return pattern  # the engine tries the start of the text alone
        pieces, anchored, empty = _starts(parsed)
    except _Unknown:
        return pattern
    if empty or not (pieces or anchored) or _BROAD & set(pieces):
        return pattern  # a match may start anywhere, or at almost any character of Chinese text
    ahead = f"(?=[{''.join(dict.fromkeys(pieces))}])" if pieces else ""
    start = "^" if anchored else ""
    return f"(?:{start}|{ahead})(?:{pattern})" if start and ahead else f"{start or ahead}(?:{pattern})"


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - the re function it stands for
    """``re.compile(pattern, flags)``, quick to skip to its matches (same matches, same groups);
    its code kept between runs (:mod:`linter.regex_code`)."""
    return regex_code.compile(pattern, flags, rewrite=_quick)


class Lazy:
    """Stands for ``re.compile(pattern, flags)`` (``pattern`` is readable without compiling)."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str):  # only called for what is not set yet: the first use
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"Lazy({self.pattern!r})"


def first_class(patterns, flags: int = 0) -> str:
    """A character class of what a match of any of ``patterns`` can start with (``[（(\\d]``),
    for one quick look at a position before trying each of them there; ValueError when that
    cannot be told (a pattern that may start with any character or match nothing, a case-folded one)."""
    pieces = []
    for pattern in patterns:
        try:
            more, anchor, empty = _starts(list(sre_parse.parse(pattern, flags)))
        except _Unknown:
            more = anchor = empty = None
        if _folded(pattern, flags) or not more or anchor or empty:
            raise ValueError(f"what {pattern!r} starts with cannot be told")
        pieces += more
    return f"[{''.join(dict.fromkeys(pieces))}]"


def needles(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` holds, or None when that cannot be told:
    text without any of them needs no scan with the pattern, and looking for a few strings is
    several times quicker than a scan (most lines hold no watermark, for one)."""
    if _folded(pattern, flags):
        return None
    found = _needles(list(sre_parse.parse(pattern, flags))) or ()
    # a needle that holds another is found wherever that one is: only the other is looked for
    return tuple(sorted(n for n in found if not any(o != n and o in n for o in found))) or None


def _needles(items: list) -> set[str] | None:
    """Strings one of which every match of the sequence ``items`` holds: of what every match
    must go through (a run of characters, a group, an alternation each of whose branches has
    needles, a repeat done at least once), the fewest and longest strings."""
    candidates, run = [], ""
    for op, value in [*items, (None, None)]:
        if op is _sre.LITERAL:
            run += chr(value)
            continue
        if run:
            candidates.append({run})
            run = ""
        if op is _sre.SUBPATTERN and not value[1] & re.IGNORECASE:
            candidates.append(_needles(list(value[-1])))
        elif op is _sre.BRANCH:
            branches = [_needles(list(branch)) for branch in value[1]]
            candidates.append(None if None in branches else set().union(*branches))
        elif op in _REPEATS and value[0] >= 1:
            candidates.append(_needles(list(value[2])))
    return min(filter(None, candidates), key=lambda found: (len(found), -min(map(len, found))), default=None)


def anchored(pattern: str, flags: int = 0) -> bool:
    """Whether every match of ``pattern`` starts at the start of the text: ``match`` finds
    what ``search`` would, without trying the other positions."""
    return not flags & re.MULTILINE and _anchored(list(sre_parse.parse(pattern, flags)))


def lazy(pattern: str, flags: int = 0) -> re.Pattern:
    """A pattern compiled on first use (typed as what it stands for)."""
    return Lazy(pattern, flags)  # type: ignore[return-value]


class Gated:
    """``pattern``, tried only on text that holds a match of ``gate``, which every match of
    ``pattern`` holds: for a pattern that is tried at many places of a line and that most
    lines cannot match, one quick look for what it needs saves the scan. Only ``finditer``."""

    def __init__(self, gate: re.Pattern, pattern: re.Pattern):
        self.gate, self.pattern = gate, pattern

    def finditer(self, text: str):
        return self.pattern.finditer(text) if self.gate.search(text) else iter(())
