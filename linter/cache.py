"""A cache of lint results keyed by file identity and modification time, settings, plugins
and relint's code (like ruff's): re-running over unchanged files skips reading, parsing and
checking them. Results that compared a report with last year's are not cached.

Entries are pickled slim results in ``.relint_cache/`` under the current folder, one file
per key, written atomically, so two runs sharing the folder never see half an entry.
The folder carries its own ``.gitignore``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import replace

FOLDER = ".relint_cache"


def settings_key(settings) -> str:
    # frozenset order depends on string hashing, which changes between processes
    return repr(replace(settings, baseline=tuple(sorted(settings.baseline))))


class ResultCache:
    def __init__(self, root: str, fingerprint: str):
        self.folder = os.path.join(root, FOLDER, hashlib.sha256(fingerprint.encode()).hexdigest()[:16])
        self.fingerprint = fingerprint

    def key(self, path: str, settings) -> str | None:
        """The key of a file's result: its identity and modification time (like ruff, the
        content is not read on a hit) and its folder's, which changes when a file such as
        last year's report appears beside it. None when the file cannot be stat'ed."""
        try:
            own = os.stat(path)
            folder = os.stat(os.path.dirname(os.path.abspath(path)))
        except OSError:
            return None
        stamp = f"{own.st_ino}:{own.st_size}:{own.st_mtime_ns}:{folder.st_mtime_ns}"
        digest = hashlib.sha256()
        for part in (self.fingerprint, os.path.abspath(path), settings_key(settings), stamp):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        return digest.hexdigest()

    def get(self, key: str):
        try:
            with open(os.path.join(self.folder, key[:2], key), "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError):
            return None

    def put(self, key: str, result) -> None:
        folder = os.path.join(self.folder, key[:2])
        try:
            os.makedirs(folder, exist_ok=True)
            ignore = os.path.join(os.path.dirname(os.path.dirname(self.folder)), FOLDER, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w", encoding="utf-8") as handle:
                    handle.write("# created by relint\n*\n")
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, os.path.join(folder, key))
        except OSError:
            pass  # a cache that cannot be written is simply not used
