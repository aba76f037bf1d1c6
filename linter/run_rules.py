"""The second phase of run rules (:class:`linter.rule.RunRule`): once every file of a run
is linted, compare their digests and add the findings to the files they concern.

A run that compares files must hold its results until the last one is linted (a finding
about the first file may depend on the last); the results are slim for summary formats,
and the digests are dropped once used.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator

from linter import suppress
from linter.engine import FileResult, Registry, read_source
from linter.sources import InputError


def finish(registry: Registry, results: Iterable[FileResult], settings) -> Iterator[FileResult]:
    """The results with the findings and measurements of the run rules added (``settings``:
    the run's settings, for the rules' thresholds)."""
    results = list(results)
    codes = sorted({code for result in results for code in (result.digests or ())})
    added: dict[int, list] = {}
    for code in codes:
        rule = registry.rules[code](settings)
        digests = [(index, result.digests[code]) for index, result in enumerate(results)
                   if result.digests and code in result.digests]
        for index, diagnostic in rule.check_run(digests):
            own = results[index].settings
            severity = own.severity_of(code, rule.severity) if own is not None else rule.severity
            added.setdefault(index, []).append(replace(diagnostic, severity=severity))
        for index, label, value in rule.summarize_run(digests):
            results[index].summary.append((label, value))
    for index, result in enumerate(results):
        result.digests = None
        if index in added:
            _merge(registry, result, added[index])
        yield result


def _merge(registry: Registry, result: FileResult, found: list) -> None:
    """Add run findings to a file's, suppressed by its allow entries and baseline as its own."""
    settings = result.settings
    if settings is not None and (settings.allow or settings.baseline):
        lines = result.report.lines if result.report is not None and result.report.lines else None
        if lines is None:  # a slim report keeps no text: read it again (few files have run findings)
            source = read_source(registry, result.path)
            lines = [] if isinstance(source, InputError) else source.lines
        found, used, hits = suppress.apply(result.path, lines, found, settings)
        result.allow_used |= used
        result.baseline_hits |= hits
    result.diagnostics = sorted(result.diagnostics + found, key=lambda d: d.sort_key())
