"""Regular expressions compiled on first use.

The model and the rules name about a hundred patterns at module level; compiling them all
at import cost ≈ 40 ms of every start-up, also for runs that lint nothing (every file a
cache hit) or use few of them. A :class:`Lazy` pattern compiles when first used, once per
process; after that its methods are the compiled pattern's own, with no wrapper between.
"""

from __future__ import annotations

import re

#: What a compiled pattern offers; copied onto the lazy one when it compiles.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner", "flags",
            "groups", "groupindex")


class Lazy:
    """Stands for ``re.compile(pattern, flags)`` (``pattern`` is readable without compiling)."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str):  # only called for what is not set yet: the first use
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"Lazy({self.pattern!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern:
    """A pattern compiled on first use (typed as what it stands for)."""
    return Lazy(pattern, flags)  # type: ignore[return-value]
