"""Discovery of ``relint`` entry points, cached between runs.

``importlib.metadata`` costs about 50 ms to import and scan (it parses package metadata
with the ``email`` package), more than relint spends checking a report. The list of
entry points is therefore cached in the user's cache folder, keyed by the folders on
``sys.path`` and their modification times: installing or removing a distribution changes
its folder's mtime and so invalidates the cache.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass
from importlib import import_module

GROUP = "relint"


@dataclass(frozen=True)
class EntryPoint:
    name: str
    value: str  # "module" or "module:attribute"
    dist: str
    version: str

    def load(self):
        module, _, attribute = self.value.partition(":")
        loaded = import_module(module.strip())
        for part in filter(None, attribute.strip().split(".")):
            loaded = getattr(loaded, part)
        return loaded


def cache_folder() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "relint")


def path_key() -> list:
    key = []
    for entry in sys.path:
        try:
            key.append([entry, os.stat(entry or ".").st_mtime_ns])
        except OSError:
            key.append([entry, None])
    return key


def _scan() -> list[EntryPoint]:
    from importlib.metadata import entry_points

    found = []
    for ep in entry_points(group=GROUP):
        dist = ep.dist.name if ep.dist is not None else "?"
        version = ep.dist.version if ep.dist is not None else "?"
        found.append(EntryPoint(ep.name, ep.value, dist, version))
    return sorted(set(found), key=lambda e: (e.name, e.dist))


def relint_entry_points(use_cache: bool = True) -> list[EntryPoint]:
    from linter import __version__

    path = os.path.join(cache_folder(), f"entry-points-{__version__}.json")
    key = path_key()
    if use_cache:
        try:
            with open(path, encoding="utf-8") as handle:
                cached = json.load(handle)
            if isinstance(cached, dict) and cached.get("key") == key:
                entries = [EntryPoint(**entry) for entry in cached["entries"]]
                if all(isinstance(value, str) for entry in entries for value in asdict(entry).values()):
                    return entries
        except (OSError, ValueError, TypeError, KeyError, RecursionError):
            pass  # anything but a list of entries of this shape is rebuilt
    found = _scan()
    if use_cache:
        _write(path, {"key": key, "entries": [asdict(e) for e in found]})
    return found


def _write(path: str, data: dict) -> None:
    """Best effort and atomic: a cache that cannot be written is simply not used."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(temporary, path)
    except OSError:
        pass
