"""The second phase of run rules (:class:`linter.rule.RunRule`): once every file of a run
is linted, compare their digests and add the findings to the files they concern.

A run that compares files must hold its results until the last one is linted (a finding
about the first file may depend on the last): they wait in an on-disk spool, so that memory
holds only the digests however many files a run has.
"""

from __future__ import annotations

import pickle
from dataclasses import replace
from typing import Iterable, Iterator

from linter import suppress
from linter.engine import FileResult, Registry, read_source
from linter.sources import InputError


def finish(registry: Registry, results: Iterable[FileResult], settings) -> Iterator[FileResult]:
    """The results with the findings and measurements of the run rules added (``settings``:
    the run's settings, for the rules' thresholds)."""
    spool, by_code, own_settings = _Spool(), {}, []
    for index, result in enumerate(results):
        for code, digest in (result.digests or {}).items():
            by_code.setdefault(code, []).append((index, digest))
        result.digests = None
        own_settings.append(result.settings)  # shared by many files: kept, not spooled
        result.settings = None
        spool.put(result)
    added: dict[int, list] = {}
    summaries: dict[int, list] = {}
    for code, digests in sorted(by_code.items()):
        rule = registry.rules[code](settings)
        for index, diagnostic in rule.check_run(digests):
            own = own_settings[index]
            severity = own.severity_of(code, rule.severity) if own is not None else rule.severity
            added.setdefault(index, []).append(replace(diagnostic, severity=severity))
        for index, label, value in rule.summarize_run(digests):
            summaries.setdefault(index, []).append((label, value))
    del by_code
    for index, result in enumerate(spool):
        result.settings = own_settings[index]
        result.summary.extend(summaries.get(index, ()))
        if index in added:
            _merge(registry, result, added[index])
        yield result


class _Spool:
    """Results pickled one after another into a temporary file, read back in order once."""

    def __init__(self):
        import tempfile

        self.file = tempfile.TemporaryFile()

    def put(self, result: FileResult) -> None:
        pickle.dump(result, self.file, protocol=pickle.HIGHEST_PROTOCOL)

    def __iter__(self) -> Iterator[FileResult]:
        self.file.seek(0)
        with self.file:
            while True:
                try:
                    yield pickle.load(self.file)
                except EOFError:
                    return


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
