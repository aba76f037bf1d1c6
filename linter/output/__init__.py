"""Output formats, one protocol for all of them.

A format is a :class:`Formatter` subclass. relint makes one object per run with the output
stream and options, calls :meth:`~Formatter.start`, then :meth:`~Formatter.add` with each
file's result as results arrive (in the order the files were given), then
:meth:`~Formatter.finish` with the run's :class:`Totals`. Nothing else of a result is kept,
so memory stays flat however many files a run has; a format whose opening needs the whole
run (totals in a header) renders each file to an on-disk :class:`Spool` and copies it out
at the end. Plugins add or replace formats, built-in ones included, through the
``relint_formatters`` hook; a plain function ``formatter(results, options) -> str`` is
accepted too and gets the whole run at once (see :class:`WholeRun`).
Built-in modules load only when their format is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import Callable, ClassVar


@dataclass(frozen=True)
class OutputOptions:
    lang: str = "zh"
    #: code → rule class of every registered rule (SARIF lists them with their help)
    rules: dict = field(default_factory=dict)
    #: the report kinds known to the run (the overview has a column per mandated part)
    kinds: tuple = ()
    #: ``review(result)``: writes the reviewed copy of a Word report beside the output and
    #: gives the link to it, or None (``--format html -o FOLDER``; linter.annotate.reviewer)
    review: object = None


def safe_name(path: str) -> str:
    """A file name as valid, printable Unicode, for formats another program parses (JSON,
    XML, SARIF, spreadsheets, CSV, annotations, HTML): a byte that is not UTF-8 (which
    Python keeps as a lone surrogate) is written \\xff and a control character \\x01, as
    ``ls -b`` does; a raw one made the JSON not UTF-8 and the JUnit XML not well-formed."""
    return "".join(_escaped(c) if c < " " or "\x7f" <= c <= "\x9f" or "\ud800" <= c <= "\udfff" else c
                   for c in path) if not path.isprintable() else path


def _escaped(char: str) -> str:
    point = ord(char)
    if 0xDC80 <= point <= 0xDCFF:  # surrogateescape's stand-in for the byte point - 0xDC00
        point -= 0xDC00
    return f"\\x{point:02x}" if point <= 0xFF else f"\\u{point:04x}"


class Totals:
    """Running totals of a run, so that a streamed run need not keep its results."""

    def __init__(self):
        self.files = self.input_errors = self.fixed = self.fixable = 0
        self.by_severity = {"error": 0, "warning": 0, "info": 0}
        self.by_code: dict[str, int] = {}

    def add(self, result) -> None:
        """Count a file's result (or its :class:`Rendered` stand-in: both give their ``tally``)."""
        self.files += 1
        self.input_errors += bool(result.error)
        self.fixed += result.fixed
        counts, fixable = result.tally
        self.fixable += fixable
        by_code, by_severity = self.by_code, self.by_severity
        for (code, severity), count in counts.items():
            by_severity[severity] += count
            by_code[code] = by_code.get(code, 0) + count

    @classmethod
    def of(cls, results) -> "Totals":
        totals = cls()
        for result in results:
            totals.add(result)
        return totals

    @property
    def diagnostics(self) -> int:
        return sum(self.by_severity.values())

    def as_dict(self) -> dict:
        return {"files": self.files, "input_errors": self.input_errors, "fixed": self.fixed, "fixable": self.fixable,
                "diagnostics": self.diagnostics, "by_severity": dict(self.by_severity),
                "by_code": dict(sorted(self.by_code.items()))}


class Formatter:
    """Base class of output formats (the protocol is in the module's docstring)."""

    #: the format reads the report's text and structure (the HTML view shows the text);
    #: otherwise results are slim (no text, no structure): cheap to cache and to send
    #: between processes
    full_reports: ClassVar[bool] = False
    #: the format reads the (slim) report's summary: kind, year, parts found. Formats that
    #: list findings only say False, and their results travel and load without it
    reads_report: ClassVar[bool] = True
    #: ``render(result, options) -> str`` (a static method): the text of one file, made of
    #: nothing else, so that it can be made ahead, in another process (see the module's
    #: docstring); :meth:`add_rendered` writes it. None: :meth:`add` does it all
    render: ClassVar[Callable | None] = None

    def __init__(self, out, options: OutputOptions):
        self.out = out
        self.options = options

    def start(self) -> None:
        """Called once before the first result."""

    def add(self, result) -> None:
        """Write (or spool) one file's result, or the :class:`Rendered` text :attr:`render`
        made of it ahead."""
        if self.render is None:
            raise NotImplementedError
        self.add_rendered(result.text if type(result) is Rendered else self.render(result, self.options))

    def add_rendered(self, text: str) -> None:
        """Write one file's text as :attr:`render` made it."""
        self.out.write(text)

    def finish(self, totals: Totals) -> None:
        """Called once after the last result."""


@dataclass
class Rendered:
    """A file's result once its format rendered it ahead (:attr:`Formatter.render`): the
    text, and what the run still reads of the result (totals, exit status, suppressions
    used, what is said on stderr; the run rules' digests and the report's kind) instead of
    its findings, which need not be kept, sent between processes or rebuilt."""

    path: str
    #: the text in UTF-8 (a lone surrogate of a file name kept: ``surrogatepass``), as it
    #: crosses processes and waits in the run rules' spool: a str was encoded again each time
    #: it was pickled and decoded each time it was read (0.15 ms of the parent's CPU a report)
    data: bytes
    tally: tuple  # see linter.engine.FileResult.tally
    error: object = None
    settings: object = None
    fixed: int = 0
    diff: str = ""
    note: str = ""
    allow_used: set = field(default_factory=set)
    baseline_hits: set = field(default_factory=set)
    digests: dict | None = None
    kind: str | None = None
    #: a run that compares files fixes none: there is no fixed text to hand back
    fixed_output: ClassVar = None

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "surrogatepass")


def ahead(result, render: Callable):
    """``result`` rendered by ``render(result) -> str`` (a :class:`Rendered`); one with an
    input error stays as it is (it has no findings, and a format may keep what it says of it
    for its end: SARIF's notifications)."""
    if result.error is not None:
        return result
    report = result.report
    return Rendered(result.path, render(result).encode("utf-8", "surrogatepass"), result.tally, None, result.settings, result.fixed,
                    result.diff, result.note, result.allow_used, result.baseline_hits, result.digests,
                    report.kind if report is not None else None)


class WholeRun(Formatter):
    """Adapter for a format given as a function of the whole run,
    ``formatter(results, options) -> str``: it keeps every result until the end."""

    full_reports = True
    function: ClassVar = None

    def start(self) -> None:
        self.results = []

    def add(self, result) -> None:
        self.results.append(result)

    def finish(self, totals: Totals) -> None:
        self.out.write(type(self).function(self.results, self.options))


class Spool:
    """Rendered text kept in a temporary file until the end of a run, when it is copied to
    the output: for formats whose opening (totals in a header) needs the whole run."""

    def __init__(self):
        import tempfile

        self.file = tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogateescape")

    def write(self, text: str) -> None:
        self.file.write(text)

    def copy_to(self, out) -> None:
        import shutil

        self.file.seek(0)
        shutil.copyfileobj(self.file, out, 1 << 16)
        self.file.close()


BUILTIN_FORMATTERS = {
    "text": "linter.output.text:TextFormatter",
    "json": "linter.output.json_format:JsonFormatter",
    "checklist": "linter.output.checklist:ChecklistFormatter",
    "sarif": "linter.output.sarif:SarifFormatter",
    "github": "linter.output.github:GithubFormatter",
    "junit": "linter.output.junit:JunitFormatter",
    "html": "linter.output.html:HtmlFormatter",
    "xlsx": "linter.output.tables:XlsxFormatter",
    "csv": "linter.output.tables:CsvFormatter",
}


def formatter_class(entry) -> type[Formatter]:
    """The :class:`Formatter` class of a registered format: a subclass as it is, a
    ``"module:Class"`` string imported now, a whole-run function wrapped in :class:`WholeRun`."""
    if isinstance(entry, str):
        module, name = entry.split(":")
        return getattr(import_module(module), name)
    if isinstance(entry, type) and issubclass(entry, Formatter):
        return entry
    if callable(entry):
        return type(f"WholeRun_{getattr(entry, '__name__', 'format')}", (WholeRun,), {"function": staticmethod(entry)})
    raise TypeError(f"{entry!r} is not a formatter: give a relint Formatter subclass or a function")


def render(formatter: type[Formatter], results, options: OutputOptions) -> str:
    """The whole output of ``formatter`` over ``results``, as one string (for callers that
    want a string, such as tests)."""
    import io

    out = io.StringIO()
    running, totals = formatter(out, options), Totals()
    running.start()
    for result in results:
        totals.add(result)
        running.add(result)
    running.finish(totals)
    return out.getvalue()
