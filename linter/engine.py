"""The engine: from a path to the diagnostics of one file.

It holds what plugins contributed (rules, report kinds, readers, formatters), applies
the settings of each file (selection, per-file ignores, severity overrides and the cap on
files of unknown kind, extra elements) and runs the selected rules over the report model. It knows no rule.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import attrgetter
from typing import NamedTuple

from linter import suppress
from linter.model import ElementSpec, Report, ReportKind, ReportSummary, Span
from linter.readers import BUILTIN_READERS
from linter.rule import Diagnostic, Rule, RunRule, validate_rule
from linter.sources import InputError, Source, read_bytes


@dataclass
class FileResult:
    path: str
    #: the report model; a slim result (summary formats, the cache) holds its ReportSummary
    report: Report | ReportSummary | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: InputError | None = None
    settings: object = None
    fixed: int = 0  # fixes applied (or, with --diff, that would be)
    diff: str = ""
    fixed_output: bytes | None = None  # stdin with --fix: the fixed text, in its own encoding
    note: str = ""  # e.g. why --fix left this file alone
    summary: list = field(default_factory=list)  # (Text label, value) pairs published by rules
    allow_used: set = field(default_factory=set)  # origins of allow entries that matched
    baseline_hits: set = field(default_factory=set)
    #: code → digest of each selected run rule (linter.rule.RunRule); None when the run
    #: compares no files with each other
    digests: dict | None = None
    #: last year's report was found and compared with (such a result is not cached: that
    #: file may change without this one changing)
    compared: bool = False
    #: the input as read (its text, for the formats that show it); None in a slim result
    source: Source | None = field(default=None, repr=False)

    @property
    def tally(self) -> tuple[dict, int]:
        """What a run's totals count of the findings: how many there are of each (code,
        severity), and how many have a safe fix (a rendered result keeps only this). Counted
        by Counter's C loop: a Python loop over some 80 findings a report cost a fifth of
        rendering them as text."""
        fixes = [fix.applicability for fix in map(_FIX, self.diagnostics) if fix is not None]
        return dict(Counter(map(_CODE_AND_SEVERITY, self.diagnostics))), fixes.count("safe")


_CODE_AND_SEVERITY, _FIX = attrgetter("code", "severity"), attrgetter("fix")


#: How many plans (see Registry.plan) a registry keeps.
_PLANS_KEPT = 256


class Check(NamedTuple):
    """A rule of a plan, ready to run (see :meth:`Registry.checks`)."""

    rule: Rule
    severity: str  # as the settings grade it for the report's kind
    needs_previous: bool  # it is passed last year's report (Rule.needs_previous)
    summarizes: bool  # it overrides Rule.summarize (most publish nothing)


class Registry:
    """Everything the plugins contribute, collected once per process."""

    def __init__(self):
        from linter.plugins import PluginError, plugin_manager

        self.pm, self.plugins = plugin_manager()
        rules: dict[str, type[Rule]] = {}
        for batch in self.pm.hook.relint_rules():
            for rule in batch:
                problems = validate_rule(rule)
                if problems:
                    raise PluginError("; ".join(problems))
                if rule.code in rules and rules[rule.code] is not rule:
                    raise PluginError(f"rule code {rule.code} is declared twice "
                                      f"({rules[rule.code].__module__} and {rule.__module__})")
                rules[rule.code] = rule
        self.rules = dict(sorted(rules.items()))
        self.kinds: list[ReportKind] = sorted(
            (k for batch in self.pm.hook.relint_report_kinds() for k in batch), key=lambda k: (-k.priority, k.id))
        self._extended: dict[str, list[ReportKind]] = {}
        #: (id of the settings, report kind, per-file ignores) → (the settings, the rules, the
        #: plan): one folder's settings serve many files; keeping both pins their ids
        self._plans: dict[tuple, tuple] = {}
        from linter.profiles import BUILTIN_PROFILES

        self.profiles = dict(BUILTIN_PROFILES)
        for batch in self.pm.hook.relint_profiles():
            self.profiles.update(batch)
        self.readers = dict(BUILTIN_READERS)
        for batch in self.pm.hook.relint_readers():
            self.readers.update(batch)

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the relint version and the plugins of this run (for the result cache)."""
        import linter

        # The code itself, not only its version: an edited rule (or a development
        # checkout) must not be answered from results of the code before the edit.
        modules = {sys.modules[rule.__module__].__file__ for rule in self.rules.values()}
        # rules made from data files (missing parts, formulations): an edited entry is an edited rule
        data = {os.path.join(os.path.dirname(path), "data") for path in modules}
        modules |= {os.path.join(d, name) for d in data if os.path.isdir(d) for name in os.listdir(d)
                    if name.endswith(".toml")}
        folder = os.path.dirname(linter.__file__)
        modules |= {os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".py")}
        stamps = "|".join(f"{path}@{os.stat(path).st_mtime_ns}" for path in sorted(modules))
        plugins = "|".join(f"{n}={d}@{v}" for n, d, v in sorted(self.plugins))
        return f"{linter.__version__}|{plugins}|{stamps}"

    @cached_property
    def formatters(self) -> dict:
        from linter.output import BUILTIN_FORMATTERS

        formatters = dict(BUILTIN_FORMATTERS)
        for batch in self.pm.hook.relint_formatters():
            formatters.update(batch)
        return formatters

    def kinds_for(self, settings) -> list[ReportKind]:
        """The report kinds with the element and recognition tables of the user's config applied."""
        if not settings.elements and not settings.recognition:
            return self.kinds
        key = repr((settings.elements, settings.recognition))  # the same config applies to many files: extend once
        if key not in self._extended:
            self._extended[key] = extend_recognition(extend_kinds(self.kinds, settings.elements), settings.recognition)
        return self._extended[key]

    def plan(self, settings, kind: str, ignored: tuple[str, ...]) -> tuple[tuple[str, type[Rule], str], ...]:
        """The rules to run on a report of ``kind`` under ``settings`` — (code, rule class,
        severity) — worked out once for the many files that share them: selecting and
        grading some 90 rules cost more per file than a typical rule's check."""
        return self._planned(settings, kind, ignored)[0]

    def checks(self, settings, kind: str, ignored: tuple[str, ...]) -> tuple[Check, ...]:
        """The plan's rules made, as :class:`Check` entries (made once with the plan: a rule
        holds nothing but its settings, and making some 70 a report cost more than running
        the typical rule)."""
        return self._planned(settings, kind, ignored)[1]

    def _planned(self, settings, kind: str, ignored: tuple[str, ...]) -> tuple[tuple, tuple[Check, ...]]:
        key = (id(settings), kind, ignored)
        known = self._plans.get(key)
        if known is not None and known[0] is settings and known[1] is self.rules:
            return known[2]
        rules = self.rules
        if settings.patterns:
            from linter.patterns import pattern_rules

            rules = {**rules, **pattern_rules(settings.patterns)}
        plan = tuple((code, rule_class, settings.severity_for(code, rule_class.severity, kind))
                     for code, rule_class in rules.items()
                     if rule_class.applies_to(kind) and settings.is_selected(code, rule_class.default, ignored=ignored))
        checks = tuple(Check(rule_class(settings), severity, rule_class.needs_previous,
                             rule_class.summarize is not Rule.summarize) for _, rule_class, severity in plan)
        if len(self._plans) >= _PLANS_KEPT:  # a server makes settings per request: keep memory bounded
            self._plans.clear()
        self._plans[key] = (settings, self.rules, (plan, checks))
        return plan, checks


def extend_kinds(kinds: list[ReportKind], elements) -> list[ReportKind]:
    """Apply ``[elements.<id>]`` tables: extend the keywords of a known element, or add a
    new (custom) element to the kind named by ``kind`` (default: annual)."""
    kinds = list(kinds)
    for element_id, table in elements:
        touched = False
        for index, kind in enumerate(kinds):
            if "kind" in table and table["kind"] != kind.id:
                continue
            specs = list(kind.elements)
            for pos, spec in enumerate(specs):
                if spec.id == element_id:
                    specs[pos] = replace(spec, heading=spec.heading + tuple(table.get("heading", ())),
                                         body=spec.body + tuple(table.get("body", ())),
                                         required=table.get("required", spec.required))
                    touched = True
            if not touched and kind.id == table.get("kind", "annual"):
                specs.append(ElementSpec(
                    id=element_id, name=table.get("name", element_id),
                    name_en=table.get("name-en", table.get("name", element_id)),
                    heading=tuple(table.get("heading", ())), body=tuple(table.get("body", ())),
                    required=table.get("required", True), custom=True))
                touched = True
            kinds[index] = replace(kind, elements=tuple(specs))
    return kinds


def extend_recognition(kinds: list[ReportKind], recognition) -> list[ReportKind]:
    """Apply ``[recognition.<kind>]`` tables: add patterns to how a kind is recognised
    (title, exclude, opening, untitled, subject, untitled_exclude, parts)."""
    extra: dict[str, dict[str, tuple[str, ...]]] = {}  # the data file and the config may both name a kind
    for kind_id, lists in recognition:
        for name, patterns in lists:
            extra.setdefault(kind_id, {})[name] = extra.get(kind_id, {}).get(name, ()) + patterns
    return [replace(kind, **{name: getattr(kind, name) + patterns for name, patterns in extra[kind.id].items()})
            if kind.id in extra else kind for kind in kinds]


def reader_for(registry: Registry, path: str):
    suffix = ".txt" if path == "-" else os.path.splitext(path)[1].lower()
    return registry.readers.get(suffix)


def unsupported(registry: Registry, path: str) -> InputError:
    suffixes = ", ".join(sorted(registry.readers))
    return InputError(path, "E004", f"不支持的文件格式，支持：{suffixes}", f"unsupported format; supported: {suffixes}")


def internal_error(path: str, exc: BaseException) -> InputError:
    """E009: relint itself failed on this input (a bug to report, not a finding)."""
    what = f"{type(exc).__name__}: {exc}"[:300]
    return InputError(path, "E009", f"relint 内部错误（{what}），请将此文件报告给 relint 维护者",
                      f"internal error ({what}); please report this file to the relint maintainers")


def read_source(registry: Registry, path: str, data: bytes | None = None) -> Source | InputError:
    """Read and decode one input (``data`` given for stdin)."""
    reader = reader_for(registry, path)
    if reader is None:
        return unsupported(registry, path)
    if data is None:
        data = read_bytes(path)
        if isinstance(data, InputError):
            return data
    return reader(data, path)


def _original_span(source: Source, span: Span) -> Span:
    line, column = source.original_position(span.line, span.column)
    end_line, end_column = source.original_position(span.end_line, span.end_column)
    return Span(line, column, end_line, end_column)


def to_original(source: Source, diagnostic: Diagnostic) -> Diagnostic:
    """The diagnostic with its span (and its fix's spans) in the file's own coordinates."""
    fix = diagnostic.fix
    if fix is not None:
        fix = replace(fix, edits=tuple(replace(e, span=_original_span(source, e.span)) for e in fix.edits))
    return replace(diagnostic, span=_original_span(source, diagnostic.span), fix=fix)


def last_years_name(name: str, year: int) -> str | None:
    """The name of last year's report beside a report of ``year`` named ``name`` (…2023…
    for …2024…), or None when the name holds no year."""
    return name.replace(str(year), str(year - 1)) if str(year) in name else None


def previous_report(registry: Registry, path: str, report: Report, settings) -> Report | None:
    """Last year's report of the same body, for comparisons (Q004): ``previous`` from the
    config or --previous, else the file in the same folder whose name differs only by the
    year (…2023… for a 2024 report), when there is one."""
    from linter.analyze import build_report
    from linter.replay import probe  # last year's report added later changes a recorded run

    candidate = os.path.join(settings.root, settings.previous) if settings.previous else None
    if candidate is None and report.year and path not in ("-", ""):
        name = last_years_name(os.path.basename(path), report.year)
        if name is not None:
            sibling = os.path.join(os.path.dirname(path), name)
            candidate = sibling if probe(sibling) else None
    if candidate is None or os.path.abspath(candidate) == os.path.abspath(path):
        return None
    source = read_source(registry, candidate)
    if isinstance(source, InputError):
        return None
    return build_report(source, registry.kinds_for(settings), settings.kind, settings.deadline,
                        settings.applied_profile, settings.furniture)


def lint_source(registry: Registry, source: Source, settings, digest: bool = False) -> FileResult:
    """Build the report model of ``source`` and run the rules its settings select; with
    ``digest``, also keep what the selected run rules need to compare files afterwards."""
    from linter.analyze import build_report

    report = build_report(source, registry.kinds_for(settings), settings.kind, settings.deadline,
                          settings.applied_profile, settings.furniture)
    ignored = settings.ignored_for(source.path)
    checks = registry.checks(settings, report.kind, ignored)
    # last year's report is looked for only when a selected rule compares with it, and is
    # passed to those rules alone (``previous=``), never hung on this year's model
    previous = (previous_report(registry, source.path, report, settings)
                if any(check.needs_previous for check in checks) else None)
    found, summary = [], []
    for rule, severity, needs_previous, summarizes in checks:
        for diagnostic in rule.check(report, previous=previous) if needs_previous else rule.check(report):
            found.append(diagnostic if diagnostic.severity == severity else replace(diagnostic, severity=severity))
        if summarizes:
            summary.extend(rule.summarize(report, previous=previous) if needs_previous else rule.summarize(report))
    # [[allow]] texts are matched in the text the rules read, the same in every format;
    # baseline fingerprints in the file's own lines, where the baseline writer sees them
    found, used = suppress.allowed(source.path, source.lines, found, settings)
    if source.mapped:
        found = [to_original(source, d) for d in found]
    found.sort(key=Diagnostic.sort_key)
    kept, hits = suppress.baselined(source.path, source.shown_lines(), found, settings)
    digests = ({check.rule.code: check.rule.digest(report) for check in checks if isinstance(check.rule, RunRule)}
               if digest else None)
    return FileResult(source.path, report, kept, settings=settings, summary=summary, allow_used=used,
                      baseline_hits=hits, digests=digests, source=source, compared=previous is not None)
