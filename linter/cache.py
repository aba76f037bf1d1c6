"""A cache of lint results keyed by the file's content, its path, the settings, the plugins
and relint's code: re-running over unchanged files skips decoding, parsing and checking them.
Results that compared a report with last year's are not cached.

The cache lives in ``.relint_cache/`` under the current folder, which may be a folder
someone else prepared (a cloned repository), so an entry is treated as untrusted input:

* it is packed plain data (:mod:`linter.packed`), never a pickle, and is checked row by row;
* it carries an HMAC made with a secret kept in the user's own cache folder, so an entry
  this user's relint did not write (planted, forged to read "no findings", or copied from
  another machine) is a miss;
* the key holds a hash of the file's bytes (hashing a report costs microseconds), so an
  edit that keeps the size and restores the mtime is still seen;
* a ``.relint_cache`` that is a symlink, or has one inside, is not used at all, so the
  cache never writes outside the folder it claims to be.

Entries are one file per key, written atomically, so two runs sharing the folder never
see half an entry. The folder carries its own ``.gitignore``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from dataclasses import replace
from functools import lru_cache

FOLDER = ".relint_cache"
#: Bumped when the entry layout changes; part of every key.
FORMAT = "packed-4"


#: Settings that shape only the run's output (a result holds both languages): left out
#: of the key, so that a json run after a text run over the same files is served warm.
_OUTPUT_ONLY = {"output_format": "", "lang": "", "fail_on": ""}


def settings_key(settings) -> str:
    # frozenset order depends on string hashing, which changes between processes
    return repr(replace(settings, baseline=tuple(sorted(settings.baseline)), **_OUTPUT_ONLY))


@lru_cache(maxsize=1)
def _secret() -> bytes | None:
    """This user's key for signing entries, created on first use (None: no cache)."""
    from linter.entrypoints import cache_folder

    path = os.path.join(cache_folder(), "result-cache.key")
    try:
        with open(path, "rb") as handle:
            secret = handle.read(64)
        if len(secret) == 32:
            return secret
    except OSError:
        pass
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        secret = secrets.token_bytes(32)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")  # created 0600
        with os.fdopen(handle, "wb") as out:
            out.write(secret)
        os.replace(temporary, path)
        return secret
    except OSError:
        return None


def _stamp(path: str) -> str:
    """What identifies a file that may appear or change between runs."""
    from linter.sources import read_bytes

    data = read_bytes(path)  # regular files only: a FIFO named as last year's report must not block
    return hashlib.sha256(data).hexdigest() if isinstance(data, bytes) else f"unreadable:{data.cause_en}"


def make_folder(top: str, folder: str) -> None:
    """Create ``folder`` below the cache's top folder ``top`` (``.relint_cache``), which
    carries its own ``.gitignore``."""
    os.makedirs(folder, exist_ok=True)
    ignore = os.path.join(top, ".gitignore")
    if not os.path.exists(ignore):
        with open(ignore, "w", encoding="utf-8") as handle:
            handle.write("# created by relint\n*\n")


def _beside(path: str) -> str:
    """Which of the files that could be last year's report beside ``path`` exist: the name
    with any four digits in it taken as the year (the report's year is known only once it is
    read). A file appearing there changes the result; any other file added to the folder
    does not (the folder's mtime, used before, made one new report re-lint all its folder)."""
    from linter.engine import last_years_name

    folder, name = os.path.split(os.path.abspath(path))
    names = {last_years_name(name, int(name[at:at + 4])) for at in range(len(name) - 3) if name[at:at + 4].isdecimal()}
    return "".join("1" if os.path.isfile(os.path.join(folder, n)) else "0" for n in sorted(names))


class ResultCache:
    def __init__(self, root: str, fingerprint: str):
        self.root = os.path.realpath(root)
        self.top = os.path.join(self.root, FOLDER)
        self.folder = os.path.join(self.top, hashlib.sha256(fingerprint.encode()).hexdigest()[:16])
        self.fingerprint = fingerprint
        self.secret = _secret()
        #: settings → their key (files of a folder share one Settings; repr of it cost 0.4 ms)
        self.settings_keys: dict[int, tuple[object, str]] = {}
        #: entry folders checked to be no symlink, in this run
        self.checked: set[str] = set()

    def key(self, path: str, settings, data: bytes) -> str | None:
        """The key of a file's result: its bytes, its path, the settings and relint itself,
        whether last year's report could be found beside it (see :func:`_beside`) and the
        configured last year's report, if any. None when there is no usable cache."""
        if self.secret is None:
            return None
        folder = _beside(path)
        previous = _stamp(os.path.join(settings.root, settings.previous)) if settings.previous else ""
        known = self.settings_keys.get(id(settings))
        if known is None or known[0] is not settings:
            known = self.settings_keys[id(settings)] = (settings, settings_key(settings))
        digest = hashlib.sha256()
        for part in (FORMAT, self.fingerprint, os.path.abspath(path), known[1],
                     hashlib.sha256(data).hexdigest(), str(folder), previous):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        return digest.hexdigest()

    def _entry(self, key: str) -> str | None:
        """Where the entry of ``key`` lives, or None when the cache folder is not what it
        claims to be (a symlink anywhere below the linted folder)."""
        folder = os.path.join(self.folder, key[:2])
        if folder not in self.checked:
            if any(os.path.realpath(path) != path for path in (self.top, self.folder, folder)):
                return None
            self.checked.add(folder)
        return os.path.join(folder, key)

    def _mac(self, key: str, payload: bytes) -> bytes:
        return hmac.new(self.secret, key.encode() + b"\0" + payload, hashlib.sha256).hexdigest().encode()

    def has(self, key: str) -> bool:
        entry = self._entry(key)
        return entry is not None and os.path.isfile(entry)

    def get(self, key: str, report: bool = True):
        """The stored result under ``key`` (a :class:`linter.packed.Packed`, its rows
        checked when unpacked), or None for a miss (absent, damaged or forged); without its
        report unless ``report``."""
        from linter import packed

        entry = self._entry(key)
        if entry is None:
            return None
        try:
            with open(entry, "rb") as handle:
                mac, _, payload = handle.read().partition(b"\n")
            if not hmac.compare_digest(mac, self._mac(key, payload)):
                return None
            return packed.decode(payload, report)
        except (OSError, ValueError):
            return None

    def put(self, key: str, stored) -> None:
        """Store the :class:`linter.packed.Packed` result ``stored`` under ``key``."""
        from linter import packed

        try:
            payload = packed.encode(stored)
            entry = self._entry(key)  # checked before any folder is created through a link
            if entry is None:
                return
            make_folder(self.top, os.path.dirname(entry))
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(entry), suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(self._mac(key, payload) + b"\n" + payload)
            os.replace(temporary, entry)
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written is simply not used
