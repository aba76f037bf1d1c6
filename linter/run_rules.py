"""The second phase of run rules (:class:`linter.rule.RunRule`): once every file of a run
is linted, compare their digests and add the findings to the files they concern.

A run that compares files must hold its results until the last one is linted (a finding
about the first file may depend on the last): they wait in an on-disk spool, so that memory
holds only the digests (packed by the rule that keeps them) however many files a run has.
With a format that renders each file alone (:attr:`linter.output.Formatter.render`), what
waits is each file's text, rendered where it was linted, and its counts
(:class:`linter.output.Rendered`): most files get no run finding and their text is copied out
as it is; the few that do are linted again (a cached result is read back) and rendered anew.
"""

from __future__ import annotations

import pickle
from dataclasses import replace
from typing import Iterable, Iterator

from linter import suppress
from linter.engine import FileResult, Registry, read_source
from linter.model import Report, ReportSummary
from linter.output import Rendered, ahead
from linter.packed import Held, digests_of, unpack
from linter.rule import by_position
from linter.sources import InputError


def finish(registry: Registry, results: Iterable[FileResult | Held | Rendered], settings,
           job) -> Iterator[FileResult | Rendered]:
    """The results with the findings and measurements of the run rules added (``settings``:
    the run's settings, for the rules' thresholds; ``job``: the run's
    :class:`linter.batch.Job`). Results may come packed (:class:`Held`): they are spooled as
    they are. With ``job.render``, results leave rendered (:func:`linter.output.ahead`)."""
    spool, rules, by_code, own_settings, kinds = _Spool(), {}, {}, [], []
    for index, result in enumerate(results):
        held = _waiting(result, job)
        digests, kind = _taken(held)
        for code, digest in (digests or {}).items():
            if code not in rules:
                rules[code] = registry.rules[code](settings)
                by_code[code] = rules[code].gathered()
            by_code[code].append((index, digest))
        own_settings.append(held.settings)  # shared by many files: kept, not spooled
        kinds.append(kind)
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
        if index in added or index in summaries:
            result = _amended(registry, result, job, added.get(index), summaries.get(index, ()))
        yield result


def _waiting(result: FileResult | Held | Rendered, job) -> Held | Rendered | FileResult:
    """``result`` in the form it waits in: rendered with ``job.render`` (a result with an
    input error as it is), else packed."""
    if job.render is None:
        return result if isinstance(result, Held) else Held.of(result)
    if isinstance(result, Held):  # read from the cache by this process
        result = result.result()
    return result if isinstance(result, Rendered) else ahead(result, job.render)


def _taken(held: Held | Rendered | FileResult) -> tuple[dict | None, str | None]:
    """The run rules' digests of a waiting result, taken out of it (they are gathered, not
    spooled), and its report's kind."""
    if isinstance(held, Held):
        digests, held.packed.head[-1] = digests_of(held.packed), None
        return digests, held.report.kind if held.report is not None else None
    if isinstance(held, Rendered):
        digests, held.digests = held.digests, None
        return digests, held.kind
    return None, None  # an input error: nothing to compare


def _amended(registry: Registry, result: FileResult | Rendered, job, found: list | None,
             summary) -> FileResult | Rendered:
    """``result`` with run findings and measurements added. A rendered one keeps no
    findings: its file is linted again, which a cached result answers (few files have run
    findings), and rendered anew."""
    if isinstance(result, Rendered):
        from linter.batch import lint_one

        result = lint_one(registry, result.path, result.settings, job=replace(job, compare=False))
    result.summary.extend(summary)
    if found:
        _merge(registry, result, found)
    return ahead(result, job.render) if job.render is not None else result


class _Spool:
    """Results pickled one after another into a temporary file, read back in order once:
    rendered, or findings as packed rows (:mod:`linter.packed`: pickling 80 findings as
    objects cost 2 ms a file), and the report kind and element specs every slim report
    refers to kept once in memory and written as their numbers (see :class:`_Shared`)."""

    def __init__(self):
        import tempfile

        self.file = tempfile.TemporaryFile()
        self.shared = _Shared()

    def put(self, held: Held | Rendered | FileResult) -> None:
        if not isinstance(held, Held):  # rendered, or an input error: small, written as it is
            held.settings = None  # kept by the caller
            pickle.dump(held, self.file, protocol=pickle.HIGHEST_PROTOCOL)
            return
        # the source is None unless the format shows the text (then the report is a full one too)
        pickle.dump((held.path, held.packed, self.shared.strip(held.report), held.source), self.file,
                    protocol=pickle.HIGHEST_PROTOCOL)

    def __iter__(self) -> Iterator[FileResult | Rendered]:
        self.file.seek(0)
        with self.file:
            while True:
                try:
                    entry = pickle.load(self.file)
                except EOFError:
                    return
                if type(entry) is not tuple:
                    yield entry
                    continue
                path, packed, report, source = entry
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
    result.diagnostics = sorted(result.diagnostics + found, key=by_position)
