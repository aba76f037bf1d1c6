"""The engine code of relint's compiled patterns, kept between runs.

``re.compile`` runs Python's regex parser and compiler, both written in Python. A class of
Chinese characters (``[㐀-䶿一-鿿豈-﫿]``, 28,000 code points) alone takes ~2 ms, as the
compiler marks its characters in a table one at a time; relint compiles ~90 such patterns
per process, ~0.07 s of every run's start (a third of linting one file), and every worker of
a batch pays again for the patterns its parent's first file did not need. What the compiler
makes depends only on the pattern, its flags and Python's regex engine, so it is kept in the
user's cache folder, like the grammar's parser tables, under a key naming that engine
(Python's version and the engine's ``MAGIC``), and handed to the engine as it is. The engine
checks code it is given (as it does for unpickled patterns); anything unexpected falls back
to compiling.

The code is the one ``re.compile`` makes: a test compares every pattern of the registry
compiled both ways (``Pattern.__eq__`` compares the code).
"""

from __future__ import annotations

import _sre
import base64
import json
import os
import re
import sys
import zlib
from array import array
from functools import lru_cache

try:  # public as sre_parse and sre_compile before Python 3.11
    from re import _compiler as sre_compile
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_compile  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

#: The engine the code is for: code from another Python is not looked at.
ENGINE = f"{sys.version} {_sre.MAGIC} {_sre.CODESIZE}"
#: The most patterns kept: user patterns (config, plugins) come and go; past this, the file
#: starts again from what this process compiled.
MOST = 2000
_WORD = "I" if array("I").itemsize == _sre.CODESIZE else "L"

_known: dict[str, list] | None = None  # from the cache file: "rewrite's origin, flags, pattern" -> entry
_new: dict[str, list] = {}  # compiled in this process, not in the file yet
_current: dict[str, str] = {}  # a rewrite's name -> its origin in this process (see _origin)
_usable = array(_WORD).itemsize == _sre.CODESIZE


@lru_cache(maxsize=4096)
def compile(pattern: str, flags: int = 0, rewrite=None) -> re.Pattern:  # noqa: A001 - the re function it stands for
    """``re.compile(pattern, flags)``, or ``re.compile(rewrite(pattern, flags), flags)``, from the
    kept code when there is some, once per process (as ``re`` keeps what it compiled). What
    ``rewrite`` makes is kept too (so it is not run again): it must be a function of its
    arguments and of its module's code (the module file's size and CRC are in the key)."""
    if not _usable:
        return re.compile(rewrite(pattern, flags) if rewrite else pattern, flags)
    key = f"{_origin(rewrite) if rewrite else ''} {int(flags)} {pattern}"
    entry = _entries().get(key) or _new.get(key)
    if entry is not None:
        try:
            return _built(entry)
        except (TypeError, ValueError, RuntimeError, IndexError, OverflowError):
            pass  # not this engine's code after all: compiled below, and kept anew
    entry = _entry(rewrite(pattern, flags) if rewrite else pattern, flags)
    _new[key] = entry
    return _built(entry)


def save() -> None:
    """Add what this process compiled to the cache file (merged with what other processes
    added meanwhile). Cheap when nothing is new: called after each linted file."""
    global _known
    if not _new:
        return
    from linter.entrypoints import _write

    merged = {**_pruned(_read()), **_new}
    if len(merged) > MOST:
        merged = dict(_new)
    _write(_path(), {"engine": ENGINE, "patterns": merged})
    _known = merged
    _new.clear()


@lru_cache(maxsize=None)
def _origin(rewrite) -> str:
    """``rewrite`` and the version of its code: its name and its module file's size and CRC
    (two installs of one version share what they kept; an upgrade or an edit does not)."""
    try:
        with open(sys.modules[rewrite.__module__].__file__, "rb") as handle:
            code = handle.read()
        origin = f"{rewrite.__qualname__}@{len(code)}.{zlib.crc32(code):08x}"
    except (KeyError, AttributeError, TypeError, OSError):
        origin = f"{rewrite.__qualname__}@{id(rewrite)}:{os.getpid()}"  # no file: this process's own
    _current[rewrite.__qualname__] = origin
    return origin


def _pruned(entries: dict[str, list]) -> dict[str, list]:
    """``entries`` less those of a rewrite's older versions: of each rewrite this process
    used, its own version's and the one kept last before (another install beside this one,
    such as a pre-commit hook's, keeps its own; an upgrade's leftovers go)."""
    last_other: dict[str, str] = {}
    for name, origin in map(_rewrite_of, entries):  # in the order they were added
        if name in _current and origin != _current[name]:
            last_other[name] = origin
    keep = {name: {origin, last_other.get(name)} for name, origin in _current.items()}
    return {key: entry for key, entry in entries.items()
            if (found := _rewrite_of(key))[0] not in keep or found[1] in keep[found[0]]}


def _rewrite_of(key: str) -> tuple[str, str]:
    """The name and the origin (see :func:`_origin`) of the rewrite ``key`` is of; empty for none."""
    origin = key.partition(" ")[0]
    return (origin.partition("@")[0], origin) if "@" in origin else ("", "")


def _entries() -> dict[str, list]:
    global _known
    if _known is None:
        _known = _read()
    return _known


def _path() -> str:
    from linter.entrypoints import cache_folder

    return os.path.join(cache_folder(), "pattern-code.json")


def _read() -> dict[str, list]:
    try:
        with open(_path(), encoding="utf-8") as handle:
            data = json.load(handle)
        if data["engine"] == ENGINE and isinstance(data["patterns"], dict):
            return data["patterns"]
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        pass  # no cache, another engine's, or not a cache at all: compiled as if none
    return {}


def _entry(pattern: str, flags: int) -> list:
    """What ``re.compile`` hands the engine (``sre_compile.compile``), as JSON values, after
    the pattern itself."""
    parsed = sre_parse.parse(pattern, flags)
    code = sre_compile._code(parsed, flags)
    state = parsed.state
    names = [None] * state.groups
    for name, index in state.groupdict.items():
        names[index] = name
    words = base64.b64encode(array(_WORD, code).tobytes()).decode("ascii")
    return [pattern, int(flags | state.flags), words, state.groups - 1, state.groupdict, names]


def _built(entry: list) -> re.Pattern:
    pattern, flags, words, groups, groupindex, names = entry
    code = array(_WORD, base64.b64decode(words)).tolist()
    return _sre.compile(pattern, flags, code, groups, groupindex, tuple(names))
