"""Configuration: ``[tool.relint]`` in pyproject.toml, ``relint.toml`` or ``.relint.toml``.

The file nearest to each linted file wins (``--config`` overrides for all files).
Every key is validated: an unknown key or a wrong type is a :class:`ConfigError`
naming the file, the key and what was expected, and relint exits with code 2.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from linter.rule import SEVERITIES, severity_rank
from linter.userregex import UnsafePattern, compile_user_pattern

CONFIG_FILES = (".relint.toml", "relint.toml", "pyproject.toml")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".relint_cache",
                   "build", "dist", ".tox", ".mypy_cache", ".pytest_cache",
                   "~$*",  # the owner files Word and WPS leave beside an open document
                   # files of a repository that are not reports, whatever their suffix
                   *(f"{stem}{tail}" for name in ("README", "CHANGELOG", "CHANGES", "HISTORY", "LICENSE", "LICENCE",
                                                  "COPYING", "CONTRIBUTING", "AUTHORS", "NOTICE", "CODE_OF_CONDUCT",
                                                  "SECURITY")
                     for stem in (name, name.lower(), name.capitalize()) for tail in ("", ".*")))
LANGS = ("zh", "en")


class ConfigError(Exception):
    def __init__(self, path: str, key: str, expected: str):
        super().__init__(f"{path}: {key}: {expected}")
        self.path, self.key, self.expected = path, key, expected


@dataclass(frozen=True)
class Settings:
    """The settings that apply to one file, after config file and command line."""

    path: str | None = None  # the config file, if any
    root: str = "."  # the folder relative to which per-file-ignores are matched
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    kind: str | None = None
    lang: str = "zh"
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    include: tuple[str, ...] | None = None  # globs of the files a folder run lints (default: every readable suffix)
    extend_include: tuple[str, ...] = ()
    respect_gitignore: bool = True
    elements: tuple[tuple[str, dict], ...] = ()
    fail_on: str = "warning"
    #: the highest severity a finding gets on a file whose report kind is unknown (see severity_for)
    unknown_kind_severity: str = "warning"
    output_format: str = "text"
    deadline: str | None = None  # "MM-DD" the report is due in the year after the report year
    allow: tuple[dict, ...] = ()  # content-anchored suppressions
    baseline: frozenset = frozenset()  # fingerprints from --baseline (command line only)
    previous: str | None = None  # last year's report, for Q004
    lint: tuple[tuple[str, dict], ...] = ()  # rule options: [lint.<CODE or name or prefix>] tables
    #: top-level keys the engine does not know: older keys of rule options (Option.legacy),
    #: checked against the registered rules' declarations once they are known (check_options)
    legacy: tuple[tuple[str, object], ...] = ()
    furniture: tuple[tuple[str, tuple[str, ...]], ...] = ()  # extra page-furniture patterns (normalise step)
    #: extra kind-recognition patterns: (kind, ((field of ReportKind, patterns), ...)), ...
    recognition: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = ()
    patterns: tuple[dict, ...] = ()  # rules written as data: [[patterns]] (linter/patterns.py)
    profile: str | None = None  # deadline profile: a name, or the path of a profile file
    #: the profile in force (linter.profiles.Profile), set by the resolver; its parts are
    #: already added to ``elements`` (F001 reads its formulations from here)
    applied_profile: object = None

    # -- selection (flake8's decision engine: explicit beats default, longest prefix wins)
    def is_selected(self, code: str, default: bool, path: str | None = None,
                    ignored: tuple[str, ...] | None = None) -> bool:
        """``ignored``: ``ignored_for(path)`` computed once for the many rules of one file."""
        ignored = self.ignored_for(path) if ignored is None else ignored
        return _decide(code, default, self.select, self.extend_select, self.ignore + ignored)

    def ignored_for(self, path: str | None) -> tuple[str, ...]:
        if not path or not self.per_file_ignores:
            return ()
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root)).replace(os.sep, "/")
        codes: list[str] = []
        for pattern, ignored in self.per_file_ignores:
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern):
                codes.extend(ignored)
        return tuple(codes)

    def severity_of(self, code: str, default: str) -> str:
        best, chosen = -1, default
        for prefix, level in self.severity:
            if code.startswith(prefix) and len(prefix) > best:
                best, chosen = len(prefix), level
        return chosen

    def severity_for(self, code: str, default: str, kind: str | None) -> str:
        """The severity of a finding of ``code`` on a report of ``kind``: the configured one,
        capped at ``unknown-kind-severity`` when the kind is unknown. A file relint does not
        recognise as a report (a look-alike: a notice, an interpretation, a news item) cannot
        fail as a report; what the kind-independent checks find in it is still true of its
        text and stays shown. A real report misjudged unknown thus loses only the error level
        (W008 says why; ``kind = "annual"`` restores it); ``"error"`` switches the cap off."""
        level = self.severity_of(code, default)
        if kind == "unknown" and severity_rank(level) > severity_rank(self.unknown_kind_severity):
            return self.unknown_kind_severity
        return level

    def is_included(self, path: str, suffixes) -> bool:
        """Whether a folder run lints ``path`` (before exclusions): it matches ``include``
        (by default, a suffix relint can read) or ``extend-include``."""
        name = os.path.basename(path)
        if self.include is None:
            if os.path.splitext(name)[1].lower() in suffixes:
                return True
        elif any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path, p) for p in self.include):
            return True
        return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path, p) for p in self.extend_include)

    def is_excluded(self, path: str) -> bool:
        """Whether ``path`` or one of its folders matches an exclude pattern."""
        matches = _any_of(self.exclude + self.extend_exclude)
        path = os.path.normcase(path)
        return any(matches(part) for part in os.path.normpath(path).split(os.sep)) or bool(matches(path))


@lru_cache(maxsize=64)
def _any_of(patterns: tuple) -> object:
    """One compiled test for a list of glob patterns, as ``fnmatch.fnmatch`` reads each (a
    folder run asks every file about every pattern)."""
    from linter import regex_code

    if not patterns:
        return lambda name: None
    return regex_code.compile("|".join(f"(?:{fnmatch.translate(os.path.normcase(p))})" for p in patterns)).match


@lru_cache(maxsize=4096)
def _decide(code: str, default: bool, select, extend_select, ignore) -> bool:
    """Whether ``code`` runs: cached, since every file of a run asks the same questions."""
    chosen = _longest(code, (select or ()) + extend_select)
    if select is None and default:
        chosen = max(chosen, 0) if chosen is not None else 0
    ignored = _longest(code, ignore)
    return chosen is not None and (ignored is None or chosen > ignored)


def _longest(code: str, prefixes) -> int | None:
    lengths = [0 if p == "ALL" else len(p) for p in prefixes if p == "ALL" or code.startswith(p)]
    return max(lengths) if lengths else None


# -- validation -------------------------------------------------------------------
_CODE_PREFIX = re.compile(r"^(ALL|[A-Z][0-9]{0,3})$")


def _codes(path, key, value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, key, "expected a list of rule codes or prefixes, e.g. [\"S1\", \"T001\"]")
    bad = [v for v in value if not _CODE_PREFIX.match(v)]
    if bad:
        hint = f"; did you mean {bad[0].upper()!r}?" if _CODE_PREFIX.match(bad[0].upper()) else ""
        raise ConfigError(path, key, f"{bad[0]!r} is not a rule code or prefix (a letter and up to three digits){hint}")
    return tuple(value)


def unknown_code(codes, known) -> str | None:
    """Why the first of ``codes`` that selects no rule of ``known`` is wrong, with the
    closest codes as a suggestion; None when every code selects a rule. A gate that
    silently selects nothing would pass everything."""
    import difflib

    for code in codes:
        if code == "ALL" or any(k.startswith(code) for k in known):
            continue
        # a whole code is compared with whole codes, a prefix with prefixes of its length
        candidates = sorted({k[:len(code)] for k in known}) if len(code) < 4 else sorted(known)
        close = difflib.get_close_matches(code.upper(), candidates, n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else "; see `relint rules`"
        return f"{code!r} matches no rule{hint}"
    return None


def _pattern_table(path, key, value):
    """``wrong = "right"``, or ``wrong = { right = …, reason = …, source = … }``."""
    def entry(v):
        return isinstance(v, str) or (isinstance(v, dict) and isinstance(v.get("right"), str)
                                      and set(v) <= {"right", "reason", "source"}
                                      and all(isinstance(x, str) for x in v.values()))
    if not isinstance(value, dict) or not all(isinstance(k, str) and entry(v) for k, v in value.items()):
        raise ConfigError(path, key, "expected a table of wrong = \"right\" (or wrong = { right, reason, source })")
    return value


def _patterns(path, key, value):
    from linter.patterns import DOC_KEYS, PLACEHOLDERS, TYPES
    from linter.rule import CODE_PATTERN

    texts = ("message", "summary", "help", "basis")
    tables = _tables({"code": _string, "name": _string, "type": _choice(TYPES), "tokens": _strings,
                      "swap": _pattern_table, "max": _count, "severity": _choice(SEVERITIES), "scope": _string,
                      "from-year": _count, "until-year": _count}
                     | {name: _string for text in texts for name in (text, f"{text}-en")}
                     | {name: _string for name in DOC_KEYS}, ("code", "type", "message"))(path, key, value)
    for number, table in enumerate(tables, 1):
        where = f"{key}[{number}]"
        if not CODE_PATTERN.match(table["code"]):
            raise ConfigError(path, f"{where}.code", "expected a letter and three digits, e.g. \"U001\"")
        needed = "swap" if table["type"] == "substitution" else "tokens"
        if needed not in table:
            raise ConfigError(path, where, f"a {table['type']} pattern needs {needed!r}")
        try:
            for text in ("message", "message-en"):
                table.get(text, "").format(**PLACEHOLDERS)
            for pattern in list(table.get("tokens", ())) + list(table.get("swap", {})):
                compile_user_pattern(pattern)
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError(path, where, f"bad message placeholder or pattern: {exc}")
    return tables


def _count(path, key, value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(path, key, f"expected a non-negative whole number, got {value!r}")
    return value


def _lint_tables(path, key, value):
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError(path, key, "expected tables [lint.<CODE or name>] of rule options")
    return tuple((rule, dict(table)) for rule, table in value.items())


def check_options(settings: "Settings", rules: dict) -> None:
    """Raise :class:`ConfigError` for a ``[lint.<key>]`` table whose key is no rule's code,
    name or code prefix, an option no rule there declares, a value of the wrong type, or a
    top-level key that is neither the engine's nor an older key of a declared option."""
    import difflib

    by_key = dict(rules) | {rule.name: rule for rule in rules.values()}
    origin = settings.path or "command line"
    for key, table in settings.lint:
        under = [by_key[key]] if key in by_key else [rule for code, rule in rules.items() if code.startswith(key)]
        if not under:
            close = difflib.get_close_matches(key, list(by_key), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else "; see `relint rules`"
            raise ConfigError(origin, f"lint.{key}", f"no rule has this code, name or code prefix{hint}")
        for name, value in table.items():
            options = [o for rule in under for o in rule.options if o.name == name]
            if not options:
                declared = ", ".join(sorted({o.name for rule in under for o in rule.options})) or "none"
                raise ConfigError(origin, f"lint.{key}.{name}",
                                  f"{under[0].code} has no such option; its options: {declared}" if len(under) == 1
                                  else f"no {key} rule has such an option; their options: {declared}")
            problems = [p for p in (o.check(value) for o in options) if p]
            if problems:
                raise ConfigError(origin, f"lint.{key}.{name}", f"{problems[0]}, got {value!r}")
    older = {o.legacy: (rule, o) for rule in rules.values() for o in rule.options if o.legacy}
    for key, value in settings.legacy:
        inner = {name.partition(".")[2]: pair for name, pair in older.items() if name.partition(".")[0] == key}
        if key in older:
            _check_legacy(origin, key, value, *older[key])
        elif inner and "" not in inner:
            if not isinstance(value, dict):
                raise ConfigError(origin, key, f"expected a table with {', '.join(sorted(inner))}")
            for sub, sub_value in value.items():
                if sub not in inner:
                    raise ConfigError(origin, f"{key}.{sub}", f"unknown key; expected one of {', '.join(sorted(inner))}")
                _check_legacy(origin, f"{key}.{sub}", sub_value, *inner[sub])
        else:
            raise ConfigError(origin, key, f"unknown key; known keys: {', '.join(sorted(SCHEMA))} "
                                           "(rule options go in [lint.<CODE or name>], see `relint rule CODE`)")


def _check_legacy(origin: str, key: str, value, rule, option) -> None:
    problem = option.check(value)
    if problem:
        raise ConfigError(origin, key, f"{problem}, got {value!r} (this older key sets "
                                       f"[lint.{rule.code}] {option.name})")


def code_problem(settings: "Settings", known, origin: str | None = None, option: str = "") -> "ConfigError | None":
    """The error for the first code in ``settings`` that selects no known rule, or None
    (``option`` is "--" for the command line's options)."""
    lists = [(f"{option}select", settings.select or ()), (f"{option}extend-select", settings.extend_select),
             (f"{option}ignore", settings.ignore)]
    lists += [(f"per-file-ignores.{glob}", codes) for glob, codes in settings.per_file_ignores]
    lists += [("severity", tuple(code for code, _ in settings.severity))]
    for key, codes in lists:
        problem = unknown_code(codes, known)
        if problem:
            return ConfigError(origin or settings.path or "command line", key, problem)
    return None


def _strings(path, key, value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, key, "expected a list of strings")
    return tuple(value)


def _choice(choices):
    def check(path, key, value):
        if value not in choices:
            raise ConfigError(path, key, f"expected one of {', '.join(choices)}, got {value!r}")
        return value
    return check


def _string(path, key, value):
    if not isinstance(value, str) or not value:
        raise ConfigError(path, key, "expected a non-empty string")
    return value


def _boolean(path, key, value):
    if not isinstance(value, bool):
        raise ConfigError(path, key, "expected true or false")
    return value


def _per_file_ignores(path, key, value):
    if not isinstance(value, dict):
        raise ConfigError(path, key, "expected a table of glob = [codes]")
    return tuple((glob, _codes(path, f"{key}.{glob}", codes)) for glob, codes in value.items())


def _severity(path, key, value):
    if not isinstance(value, dict):
        raise ConfigError(path, key, "expected a table of CODE = \"error\" | \"warning\" | \"info\"")
    for code, level in value.items():
        _codes(path, f"{key}.{code}", [code])
        _choice(SEVERITIES)(path, f"{key}.{code}", level)
    return tuple(value.items())


_ELEMENT_KEYS = {"kind": _string, "name": _string, "name-en": _string, "heading": _strings, "body": _strings,
                 "required": _boolean}


def _elements(path, key, value):
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError(path, key, "expected tables [elements.<id>] with heading/body keyword lists")
    out = []
    for element_id, table in value.items():
        where = f"{key}.{element_id}"
        checked = {}
        for sub, sub_value in table.items():
            if sub not in _ELEMENT_KEYS:
                raise ConfigError(path, f"{where}.{sub}", f"unknown key; expected one of {', '.join(_ELEMENT_KEYS)}")
            checked[sub] = _ELEMENT_KEYS[sub](path, f"{where}.{sub}", sub_value)
        for sub in ("heading", "body"):
            for pattern in checked.get(sub, ()):
                try:
                    compile_user_pattern(pattern)
                except UnsafePattern as exc:
                    raise ConfigError(path, f"{where}.{sub}", str(exc))
        out.append((element_id, checked))
    return tuple(out)


def _month_day(path, key, value):
    import datetime as dt

    # A deadline recurs every year: checked against a common year, so "02-29" is refused
    # (it would be a date that does not exist in three years of four).
    try:
        dt.datetime.strptime(f"2001-{value}", "%Y-%m-%d")
    except (TypeError, ValueError):
        raise ConfigError(path, key, f"expected a month-day that exists every year, such as \"03-01\", got {value!r}")
    return value


def _profile(path, key, value):
    """A profile name, or a ``.toml`` file relative to the config file's folder."""
    value = _string(path, key, value)
    return os.path.join(os.path.dirname(os.path.abspath(path)), value) if value.endswith(".toml") else value


def _word_lists(names, patterns: bool = False):
    """A table of word lists named ``names``; with ``patterns``, each word is a regular
    expression (checked as :func:`_pattern_list` does)."""
    strings = _pattern_list if patterns else _strings

    def check(path, key, value):
        if not isinstance(value, dict):
            raise ConfigError(path, key, f"expected a table with {' and/or '.join(names)} word lists")
        for name in value:
            if name not in names:
                raise ConfigError(path, f"{key}.{name}", f"unknown key; expected one of {', '.join(names)}")
        return tuple((name, strings(path, f"{key}.{name}", words)) for name, words in value.items())
    return check


def _pattern_list(path, key, value):
    """A list of regular expressions, each compiled with the backtracking guard."""
    patterns = _strings(path, key, value)
    for pattern in patterns:
        try:
            compile_user_pattern(pattern)
        except UnsafePattern as exc:
            raise ConfigError(path, key, str(exc))
    return patterns


#: What a ``[recognition.<kind>]`` table may extend: the kind's patterns (see rules/data/kinds.toml).
RECOGNITION_KEYS = {"title": "title", "exclude": "exclude", "opening": "opening", "untitled": "untitled",
                    "subject": "subject", "untitled-exclude": "untitled_exclude", "parts": "parts"}
_FURNITURE = _word_lists(("fields", "lines", "widgets", "watermarks"), patterns=True)


def _recognition(path, key, value):
    """``[recognition]``: ``data`` (a TOML file beside the config with ``[kinds.<kind>]``,
    ``[elements.<id>]`` and ``[furniture]`` tables) and ``[recognition.<kind>]`` pattern lists.
    Returns (kinds, elements, furniture): what the file and the tables add."""
    if not isinstance(value, dict):
        raise ConfigError(path, key, "expected a table: data = \"file.toml\" and/or [recognition.<kind>] lists")
    kinds = [(kind, table) for kind, table in value.items() if kind != "data"]
    elements, furniture = (), ()
    if "data" in value:
        data_path = os.path.join(os.path.dirname(os.path.abspath(path)), _string(path, f"{key}.data", value["data"]))
        if not os.path.isfile(data_path):  # named by the config that points to it
            raise ConfigError(path, f"{key}.data", f"recognition data file not found: {data_path}")
        data = read_toml(data_path, "recognition data file")
        for name in data:
            if name not in ("kinds", "elements", "furniture"):
                raise ConfigError(data_path, name, "unknown table; expected kinds, elements or furniture")
        if not isinstance(data.get("kinds", {}), dict):
            raise ConfigError(data_path, "kinds", "expected tables [kinds.<kind>]")
        kinds = [(kind, (data_path, "kinds", table)) for kind, table in data.get("kinds", {}).items()] + [
            (kind, (path, key, table)) for kind, table in kinds]
        elements = _elements(data_path, "elements", data["elements"]) if "elements" in data else ()
        furniture = _FURNITURE(data_path, "furniture", data["furniture"]) if "furniture" in data else ()
    else:
        kinds = [(kind, (path, key, table)) for kind, table in kinds]
    return tuple(_kind_patterns(where, f"{prefix}.{kind}", kind, table) for kind, (where, prefix, table) in kinds), \
        elements, furniture


def _kind_patterns(path, key, kind, table):
    from linter.rules.kinds import builtin_kind_ids

    if kind not in builtin_kind_ids():
        raise ConfigError(path, key, f"unknown report kind; expected one of {', '.join(builtin_kind_ids())}")
    if not isinstance(table, dict):
        raise ConfigError(path, key, f"expected a table with lists {', '.join(RECOGNITION_KEYS)}")
    for name in table:
        if name not in RECOGNITION_KEYS:
            raise ConfigError(path, f"{key}.{name}", f"unknown key; expected one of {', '.join(RECOGNITION_KEYS)}")
    return kind, tuple((RECOGNITION_KEYS[name], _pattern_list(path, f"{key}.{name}", words))
                       for name, words in table.items())


def _tables(keys: dict, required: tuple[str, ...]):
    """A list of tables with the given keys (checked by the given validators)."""
    def check(path, key, value):
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise ConfigError(path, key, f"expected a list of tables ([[{key}]]) with keys {', '.join(keys)}")
        for number, table in enumerate(value, 1):
            where = f"{key}[{number}]"
            for name in required:
                if name not in table:
                    raise ConfigError(path, where, f"missing key {name!r}")
            for name, item in table.items():
                if name not in keys:
                    raise ConfigError(path, f"{where}.{name}", f"unknown key; expected one of {', '.join(keys)}")
                keys[name](path, f"{where}.{name}", item)
        return tuple(dict(table, origin=f"{path}: {key}[{n}]") for n, table in enumerate(value, 1))
    return check


SCHEMA = {
    "select": ("select", _codes),
    "extend-select": ("extend_select", _codes),
    "ignore": ("ignore", _codes),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "severity": ("severity", _severity),
    "kind": ("kind", _string),
    "lang": ("lang", _choice(LANGS)),
    "exclude": ("exclude", _strings),
    "extend-exclude": ("extend_exclude", _strings),
    "include": ("include", _strings),
    "extend-include": ("extend_include", _strings),
    "respect-gitignore": ("respect_gitignore", _boolean),
    "elements": ("elements", _elements),
    "fail-on": ("fail_on", _choice(SEVERITIES)),
    "unknown-kind-severity": ("unknown_kind_severity", _choice(SEVERITIES)),
    "output-format": ("output_format", _string),
    "deadline": ("deadline", _month_day),
    "allow": ("allow", _tables({"code": _string, "text": _string, "path": _string}, ("code", "text"))),
    "previous": ("previous", _string),
    "lint": ("lint", _lint_tables),
    "furniture": ("furniture", _FURNITURE),
    "recognition": ("recognition", _recognition),
    "patterns": ("patterns", _patterns),
    "profile": ("profile", _profile),
}


def settings_from_table(table: dict, path: str, base: Settings | None = None) -> Settings:
    """Validate a config table and apply it over ``base``."""
    values, legacy = {}, []
    for key, value in table.items():
        if key not in SCHEMA:
            legacy.append((key, value))  # a rule's older option key, or a mistake: check_options tells
            continue
        attr, check = SCHEMA[key]
        values[attr] = check(path, key, value)
    if "recognition" in values:  # its data file adds to the element and furniture tables
        values["recognition"], elements, furniture = values["recognition"]
        values["elements"] = values.get("elements", ()) + elements
        values["furniture"] = values.get("furniture", ()) + furniture
    if legacy:
        values["legacy"] = tuple(legacy)
    return replace(base or Settings(), path=path, root=os.path.dirname(os.path.abspath(path)), **values)


def read_toml(path: str, what: str = "config file", key: str = "-") -> dict:
    """The TOML table of a config or profile file; :class:`ConfigError` names the file and why
    it cannot be read."""
    from linter.tomlio import TOMLDecodeError, load_path

    try:
        return load_path(path)
    except FileNotFoundError:
        raise ConfigError(path, key, f"{what} not found")
    except TOMLDecodeError as exc:
        raise ConfigError(path, "-", f"not valid TOML: {exc}")
    except RecursionError:  # the TOML parser recurses once per level of nested arrays and tables
        raise ConfigError(path, "-", "not valid TOML: arrays or tables nested too deeply")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, "-", f"cannot read: {exc}")


def load_config_file(path: str) -> Settings:
    data = read_toml(path)
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(path, "tool", "expected a table")
        table = tool.get("relint", {})
        if not isinstance(table, dict):
            raise ConfigError(path, "tool.relint", "expected a table")
    else:
        table = data
        tool = data.get("tool")
        # a [tool.relint] table copied from pyproject.toml means the same in relint.toml
        if isinstance(tool, dict) and set(tool) == {"relint"}:
            if set(data) != {"tool"}:
                raise ConfigError(path, "tool.relint", "settings both at the top level and under [tool.relint]: "
                                  "in relint.toml write them at the top level (drop the [tool.relint] prefix)")
            table = tool["relint"]
            if not isinstance(table, dict):
                raise ConfigError(path, "tool.relint", "expected a table")
    return settings_from_table(table, path)


#: Command-line settings that add to the config's rather than replace them (as in ruff:
#: ``--ignore D`` keeps what the config ignores).
_ADDITIVE = ("extend_select", "ignore")
_CODE_SETTINGS = ("select", "extend_select", "ignore")


def with_command_line(base: Settings, cli: dict) -> Settings:
    """``base`` with the command line's settings applied over it."""
    if not cli:
        return base
    values = dict(cli)
    for name in _ADDITIVE:
        if name in values:
            values[name] = getattr(base, name) + tuple(values[name])
    return replace(base, **values)


@dataclass
class ConfigResolver:
    """Finds the settings for each file, caching one lookup per folder."""

    override: Settings | None = None  # from --config
    cli: dict = field(default_factory=dict)  # attribute -> value given on the command line
    profiles: dict | None = None  # name -> profile file (built-in and plugins'); None: built-in only
    _by_dir: dict = field(default_factory=dict)

    rules: dict = field(default_factory=dict)  # the registered rules, once known: configs are checked against them

    def for_path(self, path: str, linted: bool = True) -> Settings:
        """The settings for ``path``. ``linted``: the file is linted with them, so the command
        line's codes must select a rule there (the folder's pattern rules and its profile's
        count); a look-up for the run's output settings or a folder walk passes False."""
        from linter.profiles import apply_profile

        folder = os.path.dirname(os.path.abspath(path)) if path != "-" else os.getcwd()
        if folder not in self._by_dir:
            base = self.override if self.override is not None else self._discover(folder)
            settings = with_command_line(base, self.cli)
            # profiles are applied once the plugins' ones are known (check)
            settings = apply_profile(settings, self.profiles) if self.profiles is not None else settings
            problem = None
            if self.rules:  # the pattern rules of the config and of its profile are rules too
                known = {**self.rules, **{p["code"]: None for p in settings.patterns}}
                problem = code_problem(base, known)
                if problem is not None:
                    raise problem
                check_options(base, self.rules)
                problem = code_problem(Settings(**{k: v for k, v in self.cli.items() if k in _CODE_SETTINGS}),
                                   known, "command line", "--")
            self._by_dir[folder] = settings, problem
        settings, problem = self._by_dir[folder]
        if linted and problem is not None:
            raise problem
        return settings

    def check(self, rules: dict, profiles: dict | None = None) -> None:
        """Check the rule options and codes of ``--config`` against the registered rules (the
        registry is built after the first config), and apply deadline profiles from now on
        (``profiles``: name → file, plugins' included). Every other config, and the command
        line's codes with it, is checked when a file is looked up (:meth:`for_path`)."""
        self.rules = dict(rules)
        self.profiles = profiles
        self._by_dir.clear()  # resolved again, and checked, on the next look-up
        if self.override is not None:
            self.for_path("./-", linted=False)

    def _discover(self, folder: str) -> Settings:
        from linter.replay import probe  # a config file created later changes a recorded run

        current = folder
        while True:
            for name in CONFIG_FILES:
                candidate = os.path.join(current, name)
                if probe(candidate) and (name != "pyproject.toml" or _has_relint_table(candidate)):
                    return load_config_file(candidate)
            parent = os.path.dirname(current)
            if parent == current:
                return Settings(root=os.getcwd())
            current = parent


def _has_relint_table(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return b"[tool.relint" in handle.read()
    except OSError:
        return False
