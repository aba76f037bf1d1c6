"""Rules and the diagnostics they yield.

A rule is data plus a docstring: class attributes say what it is (code, name,
severity, default selection, fix safety, which report kinds it applies to), the
docstring says what it checks and why, in fixed sections that ``relint rule CODE``
prints and a test enforces. ``check`` reads the report model and yields diagnostics.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar, Iterable

from linter.model import Report, Span

SEVERITIES = ("info", "warning", "error")
FIX_SAFETY = (None, "safe", "unsafe")
CODE_PATTERN = re.compile(r"^[A-Z][0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
#: The docstring sections every rule documents, in this order (ruff's layout).
DOC_SECTIONS = ("作用", "原因", "示例", "改为", "选项", "修复")
#: Stands in the 选项 section of a rule that declares options; replaced by their list.
OPTIONS_MARK = "（由声明的选项生成）"


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


_NEW, _SET = object.__new__, object.__setattr__


def made(cls, fields: dict):
    """An instance of the frozen dataclass ``cls`` with ``fields`` (all of them, in order),
    made as the unpickler makes one: the generated ``__init__`` sets each field through
    ``object.__setattr__``, which doubled the cost of a finding made by the thousand (each
    report has about 80, made by its rules and again when a cached result is read)."""
    instance = _NEW(cls)
    _SET(instance, "__dict__", fields)
    return instance


@dataclass(frozen=True)
class Edit:
    """Replace the text in ``span`` with ``content``."""

    span: Span
    content: str


@dataclass(frozen=True)
class Fix:
    applicability: str  # "safe" | "unsafe"
    edits: tuple[Edit, ...]

    @classmethod
    def replacing(cls, span: Span, content: str, applicability: str = "safe") -> "Fix":
        """The fix of one edit, replacing the text in ``span`` with ``content`` — most
        fixes, one per finding of the commonest rules: made as :func:`made` makes it."""
        edit = _NEW(Edit)
        _SET(edit, "__dict__", {"span": span, "content": content})
        fix = _NEW(cls)
        _SET(fix, "__dict__", {"applicability": applicability, "edits": (edit,)})
        return fix


@dataclass(frozen=True)
class Text:
    """A message in both languages relint speaks."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def format(self, **values) -> "Text":
        return self.formatted(values)

    def formatted(self, values: dict) -> "Text":
        """The text with ``values`` in its placeholders. Each distinct set of values is
        formatted once and the result shared: a rule's findings repeat a few values (T006's
        “2022 年” spaces, T001's “,”), and formatting both languages was a fifth of the cost
        of a finding. Only texts formatted from strings alone are remembered: values that are
        equal yet format differently (1 and True, 0.0 and -0.0) must not share one, and only a
        string equals a string, so the values' types are looked at when a text is new, not for
        every finding (the look cost more than the look-up)."""
        if not self._placeholders:
            return self  # most rules' help: formatting would copy the same text
        key = tuple(values.items())
        try:
            known = self._formatted.get(key)
        except TypeError:  # a value that cannot be hashed (a list) is never remembered
            known = None
        if known is None:
            known = made(Text, {"zh": self.zh.format(**values), "en": self.en.format(**values)})
            if all(type(value) is str for value in values.values()):
                if len(self._formatted) >= _FORMATTED_KEPT:  # values unique to a finding (a path, a quoted phrase)
                    self._formatted.clear()
                self._formatted[key] = known
        return known

    @cached_property
    def _placeholders(self) -> bool:
        """The text has a ``{`` or ``}`` to format (looked for once: a rule's texts are
        formatted for each of its findings)."""
        return any(brace in text for text in (self.zh, self.en) for brace in "{}")

    @cached_property
    def _formatted(self) -> dict:
        """The values (as ``tuple(values.items())``) → this text formatted with them."""
        return {}


#: how many formatted texts a Text keeps
_FORMATTED_KEPT = 512


@dataclass(frozen=True)
class Option:
    """An option a rule declares: set in ``[tool.relint.lint.<CODE or name>]`` (or in a table
    of a code prefix, ``[tool.relint.lint.P]``, for every rule under it that declares the
    option), validated against ``type``, shown by ``relint rule CODE`` and in the rule's 选项
    section. ``keys``: for a list of tables, the keys each table must have (all strings).
    ``legacy``: the older top-level config key that still sets it (dotted for a key inside
    a table, ``"percentages.bounded"``)."""

    name: str
    type: type  # float, int, str, bool or list (of strings, or of tables with ``keys``)
    default: object
    doc: Text
    keys: tuple[str, ...] = ()
    legacy: str | None = None

    def check(self, value) -> str | None:
        """Why ``value`` is not valid for this option, or None."""
        if self.type is float:
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            return None if number and value >= 0 else "expected a non-negative number"
        if self.type is list and self.keys:
            ok = isinstance(value, list) and all(
                isinstance(v, dict) and set(v) == set(self.keys) and all(isinstance(x, str) and x for x in v.values())
                for v in value)
            return None if ok else f"expected a list of tables with the keys {', '.join(self.keys)} (strings)"
        if self.type is list:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            return None if ok else "expected a list of strings"
        return None if type(value) is self.type else f"expected a {self.type.__name__}"

    def describe(self, lang: str) -> str:
        kind = f"list of {{{', '.join(self.keys)}}}" if self.keys else self.type.__name__
        older = (f"；旧键 `{self.legacy}` 仍然有效" if lang != "en" else f"; the older key `{self.legacy}` still works") \
            if self.legacy else ""
        return f"`{self.name}`（{kind}，默认 `{self.default!r}`）：{self.doc.get(lang)}{older}" if lang != "en" \
            else f"`{self.name}` ({kind}, default `{self.default!r}`): {self.doc.en}{older}"


def legacy_value(settings, key: str):
    """The value of an older config key (``"percentages.bounded"``) in ``settings``, or None."""
    root, _, sub = key.partition(".")
    value = dict(getattr(settings, "legacy", ()) or ()).get(root)
    if sub:
        value = value.get(sub) if isinstance(value, dict) else None
    return value


@dataclass(frozen=True)
class Diagnostic:
    code: str
    name: str
    severity: str
    span: Span
    message: Text  # what is wrong
    help: Text | None = None  # what to do
    basis: Text | None = None  # the regulation or standard behind the rule
    fix: Fix | None = None

    @property
    def family(self) -> str:
        return self.code[0]

    def sort_key(self):
        return (self.span.line, self.span.column, self.code)

    def text(self, lang: str) -> str:
        """The message, what to do, and its basis, as one line."""
        parts = [self.message.get(lang)]
        if self.help:
            parts.append(self.help.get(lang))
        line = ("; " if lang == "en" else "；").join(parts)
        if self.basis:
            line += f" (basis: {self.basis.en})" if lang == "en" else f"（依据：{self.basis.zh}）"
        return line


class Rule:
    """Base class of all rules. Subclasses set the metadata and implement :meth:`check`.
    One instance serves every report linted under the same settings (the engine makes it
    once, with the plan of rules): a rule keeps nothing of a report on itself."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str] = "warning"
    #: selected when the user's config does not say otherwise
    default: ClassVar[bool] = True
    fix: ClassVar[str | None] = None
    #: report kinds the rule applies to; empty means every kind, "unknown" included
    kinds: ClassVar[tuple[str, ...]] = ()
    #: the part of the report the rule reads (Vale's scope), shown by `relint rule`
    scope: ClassVar[str] = "document"
    #: the rule compares with last year's report: the engine then looks for it, parses it and
    #: passes it to :meth:`check` and :meth:`summarize` as ``previous`` (None when none is found)
    needs_previous: ClassVar[bool] = False
    summary: ClassVar[Text]
    message: ClassVar[Text]
    help: ClassVar[Text | None] = None
    basis: ClassVar[Text | None] = None
    #: options the user may set in ``[tool.relint.lint.<CODE or name>]``
    options: ClassVar[tuple[Option, ...]] = ()

    def __init__(self, settings=None):
        self.settings = settings

    def option(self, name: str):
        """The value of a declared option: the user's ``[lint.<CODE or name>]`` table, else the
        table of the longest code prefix that sets it (``[lint.P]``), else its older config
        key (:attr:`Option.legacy`), else its default."""
        declared = next(o for o in self.options if o.name == name)
        tables = getattr(self.settings, "lint", ()) or ()
        for key, table in tables:
            if key in (self.code, self.name) and name in table:
                return table[name]
        prefixes = sorted((key for key, table in tables if self.code.startswith(key) and name in table),
                          key=len, reverse=True)
        if prefixes:
            return dict(tables)[prefixes[0]][name]
        older = legacy_value(self.settings, declared.legacy) if declared.legacy else None
        return declared.default if older is None else older

    def check(self, report: Report, **context) -> Iterable[Diagnostic]:
        """The findings in ``report``, read-only. ``context``: ``previous`` (last year's
        report) for a rule that sets :attr:`needs_previous`; nothing otherwise."""
        raise NotImplementedError

    def summarize(self, report: Report, **context) -> Iterable[tuple[Text, str]]:
        """Measurements the rule publishes for the report's summary (checklist, HTML, JSON):
        (label, value) pairs. Most rules publish none. ``context`` as for :meth:`check`."""
        return ()

    def diagnostic(self, span: Span, message: Text | None = None, help: Text | None = None,
                   fix: Fix | None = None, **values) -> Diagnostic:
        """A diagnostic of this rule; ``values`` fill the placeholders of the messages."""
        help = help or self.help
        diagnostic = _NEW(Diagnostic)  # as made() makes it, without a call more for each finding
        _SET(diagnostic, "__dict__", {"code": self.code, "name": self.name, "severity": self.severity, "span": span,
                                      "message": (message or self.message).formatted(values),
                                      "help": help.formatted(values) if help else None, "basis": self.basis,
                                      "fix": fix})
        return diagnostic

    @classmethod
    def applies_to(cls, kind: str) -> bool:
        return not cls.kinds or kind in cls.kinds

    @classmethod
    def documentation(cls) -> str:
        """The docstring; the 选项 section of a rule that declares options is generated
        from them, so it cannot fall out of date."""
        text = inspect.cleandoc(cls.__doc__ or "")
        if not cls.options:
            return text
        listed = "\n".join(f"- {o.describe('zh')}" for o in cls.options)
        where = f"在配置中设置：`[tool.relint.lint.{cls.code}]`（或 `[tool.relint.lint.{cls.name}]`）。"
        return text.replace(OPTIONS_MARK, f"{where}\n\n{listed}\n\n", 1).replace("\n\n\n", "\n\n")

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring split into its ``## section`` parts."""
        sections, current = {}, None
        for line in cls.documentation().splitlines():
            heading = re.match(r"^##\s+(.+?)\s*$", line)
            if heading:
                current = heading.group(1)
                sections[current] = []
            elif current is not None:
                sections[current].append(line)
        return {name: "\n".join(lines).strip() for name, lines in sections.items()}


class RunRule(Rule):
    """A rule that compares the reports of one run with each other (Q006), in two phases.

    :meth:`digest` runs where the report was built (a worker process in a parallel run) and
    returns a small value of plain data (numbers, strings, lists, tuples, dicts with string
    keys), all that the second phase keeps of the report: it travels between processes and
    is stored in the result cache as JSON. Once
    every file is linted, :meth:`check_run` receives the digests of the files the rule is
    selected for, as ``(index, digest)`` pairs, and yields ``(index, diagnostic)`` for the
    file at that index of the run, with spans in the file's own coordinates;
    :meth:`summarize_run` yields ``(index, label, value)`` measurements the same way. The
    engine calls them only when a run has more than one file. ``check`` finds nothing.
    Until the last file, the pairs wait in what :meth:`gathered` returns (anything with an
    ``append``; by default a list): a rule that keeps much of each file packs them there,
    and its ``check_run`` and ``summarize_run`` receive that holder.
    """

    def gathered(self):
        """A new holder of the run's ``(index, digest)`` pairs."""
        return []

    def check(self, report: Report) -> Iterable[Diagnostic]:
        return ()

    def digest(self, report: Report) -> object:
        raise NotImplementedError

    def check_run(self, digests: list[tuple[int, object]]) -> Iterable[tuple[int, Diagnostic]]:
        raise NotImplementedError

    def summarize_run(self, digests: list[tuple[int, object]]) -> Iterable[tuple[int, Text, str]]:
        return ()


def validate_rule(rule: type) -> list[str]:
    """Problems with a rule class's metadata; empty when it is well-formed."""
    problems = []
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        return [f"{rule!r} is not a subclass of linter.rule.Rule"]
    code = getattr(rule, "code", None)
    if not isinstance(code, str) or not CODE_PATTERN.match(code):
        problems.append(f"{rule.__name__}: code {code!r} does not match {CODE_PATTERN.pattern}")
    if not NAME_PATTERN.match(getattr(rule, "name", "") or ""):
        problems.append(f"{rule.__name__}: name must be kebab-case")
    if rule.severity not in SEVERITIES:
        problems.append(f"{rule.__name__}: severity must be one of {SEVERITIES}")
    if rule.fix not in FIX_SAFETY:
        problems.append(f"{rule.__name__}: fix must be one of {FIX_SAFETY}")
    for attr in ("summary", "message"):
        if not isinstance(getattr(rule, attr, None), Text):
            problems.append(f"{rule.__name__}: {attr} must be a linter.rule.Text")
    for option in rule.options:
        if not isinstance(option, Option) or option.check(option.default) is not None:
            problems.append(f"{rule.__name__}: option {option!r} is not an Option with a valid default")
    if bool(rule.options) != (OPTIONS_MARK in (rule.__doc__ or "")):
        problems.append(f"{rule.__name__}: the 选项 section holds {OPTIONS_MARK} exactly when options are declared")
    return problems
