"""The second phase of run rules (:class:`linter.rule.RunRule`): once every file of a run
is linted, compare their digests and add the findings to the files they concern.

A run that compares files must hold its results until the last one is linted (a finding
about the first file may depend on the last): they wait in an on-disk spool, so that memory
holds only the digests (packed by the rule that keeps them) however many files a run has.
"""

from __future__ import annotations

import pickle
from dataclasses import replace
from typing import Iterable, Iterator

from linter import suppress
from linter.engine import FileResult, Registry, read_source
from linter.model import Report, ReportSummary
from linter.packed import Held, digests_of, unpack
from linter.sources import InputError


def finish(registry: Registry, results: Iterable[FileResult | Held], settings) -> Iterator[FileResult]:
    """The results with the findings and measurements of the run rules added (``settings``:
    the run's settings, for the rules' thresholds). Results may come packed (:class:`Held`):
    they are spooled as they are."""
    spool, rules, by_code, own_settings, kinds = _Spool(), {}, {}, [], []
    for index, result in enumerate(results):
        held = result if isinstance(result, Held) else Held.of(result)
        for code, digest in (digests_of(held.packed) or {}).items():
            if code not in rules:
                rules[code] = registry.rules[code](settings)
                by_code[code] = rules[code].gathered()
            by_code[code].append((index, digest))
        held.packed.head[-1] = None  # the digests: gathered above, not spooled
        own_settings.append(held.settings)  # shared by many files: kept, not spooled
        kinds.append(held.report.kind if held.report is not None else None)
        spool.put(held)
    added: dict[int, list] = {}
    summaries: dict[int, list] = {}
    for code, digests in sorted(by_code.items()):
        rule = rules[code]
        for index, diagnostic in rule.check_run(digests):
            own = own_settings[index]
            severity = own.severity_for(code, rule.severity, kinds[index]) if own is not None else rule.severity
            added.setdefault(index, []).append(replace(diagnostic, severity=severity))
        for index, label, value in rule.summarize_run(digests):
            summaries.setdefault(index, []).append((label, value))
    del by_code, rules
    for index, result in enumerate(spool):
        result.settings = own_settings[index]
        result.summary.extend(summaries.get(index, ()))
        if index in added:
            _merge(registry, result, added[index])
        yield result


class _Spool:
    """Results pickled one after another into a temporary file, read back in order once:
    findings as packed rows (:mod:`linter.packed`: pickling 80 findings as objects cost
    2 ms a file), and the report kind and element specs every slim report refers to kept
    once in memory and written as their numbers (see :class:`_Shared`)."""

    def __init__(self):
        import tempfile

        self.file = tempfile.TemporaryFile()
        self.shared = _Shared()

    def put(self, held: Held) -> None:
        # the source is None unless the format shows the text (then the report is a full one too)
        pickle.dump((held.path, held.packed, self.shared.strip(held.report), held.source), self.file,
                    protocol=pickle.HIGHEST_PROTOCOL)

    def __iter__(self) -> Iterator[FileResult]:
        self.file.seek(0)
        with self.file:
            while True:
                try:
                    path, packed, report, source = pickle.load(self.file)
                except EOFError:
                    return
                result = unpack(packed, path)
                result.report, result.source = self.shared.restore(report), source
                yield result


class _Shared:
    """The report kinds and element specs of a run, each kept once (equal ones, as results
    from worker processes carry copies, share one) and referred to by number."""

    def __init__(self):
        self.objects: list = []
        self.numbers: dict = {}  # object → number
        self.own: dict[int, int] = {}  # id of a kept object → number (no hashing of the whole kind)

    def number(self, value) -> int | None:
        if value is None:
            return None
        number = self.own.get(id(value))
        if number is None or self.objects[number] is not value:
            number = self.numbers.get(value)
            if number is None:
                number = self.numbers[value] = len(self.objects)
                self.objects.append(value)
                self.own[id(value)] = number
        return number

    def strip(self, report: Report | ReportSummary | None):
        """``report`` without its kind and specs, and their numbers."""
        if report is None:
            return None
        specs = {key: self.number(match.spec) for key, match in report.elements.items()}
        bare = replace(report, kind_spec=None,
                       elements={key: replace(match, spec=None) for key, match in report.elements.items()})
        return bare, self.number(report.kind_spec), specs

    def restore(self, stripped) -> Report | ReportSummary | None:
        if stripped is None:
            return None
        bare, kind, specs = stripped
        objects = self.objects
        return replace(bare, kind_spec=None if kind is None else objects[kind],
                       elements={key: replace(match, spec=objects[specs[key]]) for key, match in bare.elements.items()})


def _merge(registry: Registry, result: FileResult, found: list) -> None:
    """Add run findings to a file's, suppressed by its allow entries and baseline as its own."""
    settings = result.settings
    if settings is not None and (settings.allow or settings.baseline):
        source = result.source
        if source is None:  # a slim result keeps no text: read it again (few files have run findings)
            source = read_source(registry, result.path)
        lines = [] if isinstance(source, InputError) else source.shown_lines()
        # run findings come in the file's own coordinates: both matched in its own lines
        found, used = suppress.allowed(result.path, lines, found, settings)
        found, hits = suppress.baselined(result.path, lines, found, settings)
        result.allow_used |= used
        result.baseline_hits |= hits
    result.diagnostics = sorted(result.diagnostics + found, key=lambda d: d.sort_key())
