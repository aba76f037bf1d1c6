"""Deadline profiles: who reports when, and what else a province requires.

A profile is a TOML file that a province (or any collecting office) ships to all its
bodies: the report deadline by issuer type, detected from the issuer (人民政府, 局, 委, 办,
街道, 乡镇 …), the publication deadline (第二十四条: on the website or in the press by 4月1日),
and extra mandated parts, formulation pairs and pattern rules in the same tables as the
config (``[elements.<id>]``, ``[[formulations]]``, ``[[patterns]]``). ``--profile NAME|FILE`` or ``profile = …`` in
the config chooses one; the built-in ``default`` restates 厅字〔2019〕28号 as provincial
guides do. Plugins ship profiles through the ``relint_profiles`` hook.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from linter import regex_code
from linter.config import SCHEMA, ConfigError, _elements, _month_day, _string, _strings, _tables, read_toml

#: The profiles relint itself ships, by name.
BUILTIN_PROFILES = {"default": os.path.join(os.path.dirname(__file__), "data", "profiles", "default.toml")}
DEFAULT = "default"


@dataclass(frozen=True)
class IssuerType:
    id: str
    name: str
    name_en: str
    issuer: tuple[str, ...]  # regular expressions, searched in the issuer with spaces removed
    deadline: str  # "MM-DD" of the year after the report year


@dataclass(frozen=True)
class Profile:
    name: str
    path: str
    title: str
    title_en: str
    deadline: str  # "MM-DD" for an issuer of no listed type
    publication: str | None  # "MM-DD" by which the report is made public
    types: tuple[IssuerType, ...] = ()
    elements: tuple = ()  # as Settings.elements
    formulations: tuple = ()  # F001's extra wrong → right pairs (its `formulations` option)
    patterns: tuple = ()  # as Settings.patterns: a province's own rules as data

    def issuer_type(self, issuer: str | None) -> IssuerType | None:
        """The first type whose patterns match the issuer."""
        if not issuer:
            return None
        flat = "".join(issuer.split())
        return next((t for t in self.types if any(regex_code.compile(p).search(flat) for p in t.issuer)), None)

    def deadline_for(self, year: int | None, found: IssuerType | None, configured: str | None = None) -> dt.date | None:
        """The day the report is due from an issuer of type ``found`` (see :meth:`issuer_type`;
        ``configured``: the config's ``deadline``, which wins)."""
        return _next_year(year, configured or (found.deadline if found else self.deadline))

    def publication_deadline(self, year: int | None) -> dt.date | None:
        return _next_year(year, self.publication) if self.publication else None


def _next_year(year: int | None, month_day: str) -> dt.date | None:
    if year is None:
        return None
    month, day = (int(part) for part in month_day.split("-"))
    return dt.date(year + 1, month, day)


def _patterns(path, key, value) -> tuple[str, ...]:
    patterns = _strings(path, key, value)
    for pattern in patterns:
        try:
            regex_code.compile(pattern)
        except re.error as exc:
            raise ConfigError(path, key, f"invalid regular expression {pattern!r}: {exc}")
    return patterns


_TYPE_KEYS = {"id", "name", "name-en", "issuer", "deadline"}
_KEYS = {"name", "title", "title-en", "deadline", "publication", "type", "elements", "formulations", "patterns"}


def _types(path: str, value) -> tuple[IssuerType, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(path, "type", "expected a list of tables ([[type]]) with id, name, issuer, deadline")
    types = []
    for number, table in enumerate(value, 1):
        where = f"type[{number}]"
        unknown = set(table) - _TYPE_KEYS
        if unknown:
            raise ConfigError(path, f"{where}.{sorted(unknown)[0]}", f"unknown key; expected {', '.join(sorted(_TYPE_KEYS))}")
        for required in ("id", "name", "deadline"):
            if required not in table:
                raise ConfigError(path, where, f"missing key {required!r}")
        name = _string(path, f"{where}.name", table["name"])
        types.append(IssuerType(
            id=_string(path, f"{where}.id", table["id"]), name=name,
            name_en=_string(path, f"{where}.name-en", table.get("name-en", name)),
            issuer=_patterns(path, f"{where}.issuer", table.get("issuer", [])),
            deadline=_month_day(path, f"{where}.deadline", table["deadline"])))
    return tuple(types)


@lru_cache(maxsize=32)
def load_profile(path: str) -> Profile:
    """Read and validate a profile file; :class:`ConfigError` names the file and the key."""
    data = read_toml(path, "profile file", "profile")
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(path, sorted(unknown)[0], f"unknown key; known keys: {', '.join(sorted(_KEYS))}")
    name = _string(path, "name", data.get("name", os.path.splitext(os.path.basename(path))[0]))
    title = _string(path, "title", data.get("title", name))
    return Profile(
        name=name, path=path, title=title, title_en=_string(path, "title-en", data.get("title-en", title)),
        deadline=_month_day(path, "deadline", data.get("deadline", "03-01")),
        publication=_month_day(path, "publication", data["publication"]) if "publication" in data else None,
        types=_types(path, data.get("type", [])),
        elements=_elements(path, "elements", data["elements"]) if "elements" in data else (),
        # F001's wrong → right pairs, as in its option (read by F001 from the profile in force)
        formulations=_tables({"wrong": _string, "right": _string, "reason": _string},
                             ("wrong", "right", "reason"))(path, "formulations", data["formulations"])
        if "formulations" in data else (),
        patterns=SCHEMA["patterns"][1](path, "patterns", data["patterns"]) if "patterns" in data else ())


def resolve(value: str | None, known: dict[str, str] | None = None, where: str = "--profile") -> Profile:
    """The profile named ``value`` (built in or from a plugin), or read from the file
    ``value`` points to (absolute, or relative to the current folder); None: the default."""
    known = known or BUILTIN_PROFILES
    if value is None or value in known:
        return load_profile(known[value or DEFAULT])
    if value.endswith(".toml") or os.path.isfile(value):
        return load_profile(os.path.abspath(value))
    raise ConfigError(where, "profile", f"unknown profile {value!r}: give one of {', '.join(sorted(known))} "
                                        "or the path of a profile file (.toml)")


def default_profile() -> Profile:
    return load_profile(BUILTIN_PROFILES[DEFAULT])


def apply_profile(settings, known: dict[str, str] | None = None):
    """``settings`` with their profile in force: its parts and pattern rules before the config's
    own (a config extends what its province requires); F001 reads its formulations from
    ``applied_profile``."""
    profile = resolve(settings.profile, known, where=settings.path or "--profile")
    return replace(settings, applied_profile=profile, elements=profile.elements + settings.elements,
                   patterns=profile.patterns + settings.patterns)
