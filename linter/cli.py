"""The ``relint`` command.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings; 2 usage, config or input
error. Imports are deferred so that ``relint --version`` loads nothing but this module.
"""

from __future__ import annotations

import contextlib
import os
import sys

USAGE_ERROR = 2


def _parser():
    import argparse

    parser = argparse.ArgumentParser(
        prog="relint",
        description="法治政府建设年度报告与述职（述法）报告的合规检查工具。\n"
                    "Compliance linter for rule-of-law government reports.\n\n"
                    "  relint [PATH ...]       检查文件或文件夹 / lint files or folders\n"
                    "  relint rules            列出全部规则 / list the rules\n"
                    "  relint rule CODE        显示规则说明 / explain a rule\n"
                    "  relint annotate FILE    写出带修订和批注的审阅稿 / write a reviewed .docx",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint; - for stdin")
    parser.add_argument("--format", dest="output_format", metavar="FORMAT",
                        help="output format: text (default), json, checklist, or one from a plugin")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the output to FILE instead of stdout")
    add_selection_options(parser)
    parser.add_argument("--fail-on", choices=("error", "warning", "info"),
                        help="lowest severity that makes the exit code 1 (default warning)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("--statistics", action="store_true", help="print counts per rule instead of findings")
    parser.add_argument("--fix", action="store_true", help="apply safe fixes to .txt and .docx files (atomic rewrite)")
    parser.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: apply unsafe fixes too")
    parser.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    parser.add_argument("--baseline", metavar="FILE", help="ignore the findings recorded in this baseline file")
    parser.add_argument("--previous", metavar="FILE", help="last year's report, to find passages copied from it (Q004)")
    parser.add_argument("--profile", metavar="NAME|FILE",
                        help="deadline profile: deadlines by issuer type, extra parts (default: default)")
    parser.add_argument("--write-baseline", metavar="FILE", help="record the current findings as a baseline")
    parser.add_argument("--stdin-filename", metavar="NAME", help="name (and format) of the input read from stdin")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: one per idle core for 100 files or more, else 1)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write .relint_cache")
    parser.add_argument("--plugins", action="store_true", help="list the installed plugins and exit")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def add_selection_options(parser) -> None:
    """The options that choose the config, the rules, the report kind and the language:
    shared by linting and ``relint annotate``, so both resolve settings the same way."""
    parser.add_argument("--config", metavar="FILE", help="use this config file for every input")
    parser.add_argument("--select", type=_code_list, help="rule codes or prefixes to enable (replaces the config)")
    parser.add_argument("--extend-select", type=_code_list, help="rule codes or prefixes to enable in addition")
    parser.add_argument("--ignore", type=_code_list, help="rule codes or prefixes to disable")
    parser.add_argument("--kind", help="force the report kind (annual, duty, or a plugin's kind)")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of the messages (default zh)")


def selection_overrides(args) -> dict:
    """The settings given by :func:`add_selection_options`, as config overrides."""
    return {key: value for key, value in (("select", args.select), ("extend_select", args.extend_select),
                                         ("ignore", args.ignore), ("kind", args.kind), ("lang", args.lang))
            if value is not None}


def _code_list(value: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in value.split(",") if code.strip())


def _error(message: str) -> int:
    print(f"relint: error: {message}", file=sys.stderr)
    return USAGE_ERROR


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit does not fail again on
    a closed pipe or a full device and print a traceback after relint's message."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _version() -> int:
    from linter import __version__

    print(f"relint {__version__}")
    return 0


def main(argv: list[str] | None = None) -> int:
    command_line = argv is None  # the command itself: its run may be replayed (linter.replay)
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:
        return _version()  # before argparse: the pre-commit hook's and CI's cheapest call
    if command_line:
        # numpy (the copy rules' MinHash) starts a BLAS thread for each core when it is
        # imported, which spin a while; relint does no linear algebra: one thread cost 0.1 s
        # less CPU a run. Set first, so that a replayed run sees the environment it recorded.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if argv and argv[0] == "annotate":
        from linter.annotate import annotate_main

        return annotate_main(argv[1:])
    if argv and argv[0] == "serve":
        from linter.serve import serve_main

        return serve_main(argv[1:])
    command = _subcommand(argv)
    if command is not None:
        from linter.explain import explain_main

        _prepare_console("json" if "json" in command else "text")
        return explain_main(command)
    args = _parser().parse_args(argv)
    if args.version:
        return _version()
    if not command_line:
        return _run(args)
    from linter import replay

    if not replay.eligible(args):
        return _run(args)
    found = replay.find(argv)
    if found is not None:
        return _replayed(found)
    recording, code = replay.start(argv), USAGE_ERROR
    try:
        code = _run(args)
    finally:
        replay.finish(recording, code)
    return code


def _replayed(found) -> int:
    """Write again what the recorded run wrote (:mod:`linter.replay`)."""
    _prepare_console(found.output_format)
    out = _open_output(found.target, sys.stdout)
    if isinstance(out, int):
        return out
    try:
        for chunk in found.chunks("out"):
            out.write(chunk)
        out.flush()
    except BrokenPipeError:
        _silence_stdout()
        return USAGE_ERROR
    except OSError as exc:
        return _output_failed(out, found.target, exc)
    finally:
        if out is not sys.stdout:
            with contextlib.suppress(OSError):
                out.close()
    for chunk in found.chunks("err"):
        sys.stderr.write(chunk)
    return found.exit


def _run(args) -> int:
    try:
        return run(args)
    except BrokenPipeError:  # the reader went away (relint dir | head -1): stop quietly
        _silence_stdout()
        return USAGE_ERROR
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback that reads like findings
        return _error(f"internal error ({type(exc).__name__}: {exc}); please report it to the relint maintainers")


#: Options that take a value, so that the word after them is not a subcommand or a path.
_VALUED = ("--format", "--output", "-o", "--config", "--select", "--extend-select", "--ignore", "--kind", "--lang",
           "--fail-on", "--baseline", "--previous", "--profile", "--write-baseline", "--stdin-filename", "--jobs", "-j")


def _subcommand(argv: list[str]) -> list[str] | None:
    """``rule``/``rules`` with its arguments, the options written before it moved after
    it (``relint --lang en rule T001``); None when the command lints paths."""
    position = 0
    while position < len(argv):
        word = argv[position]
        if word in ("rule", "rules"):
            return [word] + argv[position + 1:] + argv[:position]
        if not word.startswith("-") or word == "-":
            return None
        position += 2 if word in _VALUED else 1
    return None


def run(args) -> int:
    from linter.config import ConfigError, ConfigResolver, load_config_file
    from linter.plugins import PluginError

    cli = selection_overrides(args)
    cli.update({key: value for key, value in (
        ("fail_on", args.fail_on), ("output_format", args.output_format),
        ("previous", os.path.abspath(args.previous) if args.previous else None),
        ("profile", os.path.abspath(args.profile) if args.profile and args.profile.endswith(".toml") else args.profile),
    ) if value is not None})
    if args.baseline:
        from linter.suppress import read_baseline

        try:
            cli["baseline"] = read_baseline(args.baseline)
        except ValueError as exc:
            return _error(f"{args.baseline}: {exc}")
    try:
        override = load_config_file(args.config) if args.config else None
        resolver = ConfigResolver(override, cli)
        run_settings = resolver.for_path(args.stdin_filename or "./-")
    except ConfigError as exc:
        return _error(str(exc))
    try:
        from linter.engine import Registry

        registry = Registry()
    except PluginError as exc:
        return _error(str(exc))
    from linter.batch import settle_gc

    settle_gc()
    try:
        resolver.check(registry.rules, registry.profiles)  # plugins ship profiles too
        run_settings = resolver.for_path(args.stdin_filename or "./-", linted=False)  # the output's settings
    except ConfigError as exc:
        return _error(str(exc))
    if args.plugins:
        for name, dist, version in registry.plugins:
            print(f"{name:<16} {dist} {version}")
        return 0
    entry = registry.formatters.get(run_settings.output_format)
    if entry is None:
        return _error(f"unknown format {run_settings.output_format!r}; known: {', '.join(sorted(registry.formatters))}")
    formatter = _formatter_class(args, entry)
    if run_settings.kind and run_settings.kind not in {k.id for k in registry.kinds}:
        return _error(f"unknown report kind {run_settings.kind!r}; known: {', '.join(k.id for k in registry.kinds)}")
    if not args.paths:
        return _error("no input: give files or folders to lint, or - for stdin (see relint --help)")
    if args.previous and not os.path.isfile(args.previous):
        # comparing with nothing would silently pass the copied-passage check
        message = ("找不到上一年度报告（--previous）", "last year's report (--previous) not found")
        print(f"{args.previous}: E001 {message[run_settings.lang == 'en']}", file=sys.stderr)
        return USAGE_ERROR
    from linter.output import OutputOptions

    # made once: workers render with them too (a format that renders each file ahead)
    options = OutputOptions(lang=run_settings.lang, rules=registry.rules, kinds=tuple(registry.kinds))
    try:
        results = _lint(args, registry, resolver, formatter, options)
    except ConfigError as exc:
        return _error(str(exc))
    return _report(args, registry, run_settings, formatter, results, options)


def _formatter_class(args, entry):
    """What the run writes: the format's output, or what --write-baseline, --diff or
    --statistics ask for instead."""
    if args.write_baseline:
        from linter.suppress import BaselineWriter

        return BaselineWriter
    if args.diff:
        from linter.output.diff import DiffFormatter

        return DiffFormatter
    if args.statistics:
        from linter.output.statistics import StatisticsFormatter

        return StatisticsFormatter
    from linter.output import formatter_class

    return formatter_class(entry)


def _lint(args, registry, resolver, formatter, options):
    from dataclasses import replace
    from functools import partial

    from linter.batch import Job, lint_many, lint_one
    from linter.config import ConfigError
    from linter.engine import FileResult
    from linter.sources import InputError, read_stream
    from linter.walk import discover

    fix = None
    if args.fix or args.diff:
        from linter.fixer import FixMode

        fix = FixMode(unsafe=args.unsafe_fixes, write=not args.diff)
    # Most formats need no report text, so results can be slim and cached.
    job = Job(fix=fix, slim=not formatter.full_reports, cache_root=None if args.no_cache or fix else os.getcwd(),
              report=formatter.reads_report)
    items, order = [], []
    for path in args.paths:
        if path == "-":
            name = args.stdin_filename or "-"
            data = read_stream(sys.stdin.buffer, name)
            order.append(FileResult(name, error=data) if isinstance(data, InputError)
                         else lint_one(registry, name, resolver.for_path(name), data, job=job))
            continue
        for found in discover([path], set(registry.readers), resolver):
            if isinstance(found, str):
                items.append((found, resolver.for_path(found)))
                order.append(None)
            else:
                order.append(FileResult(found.path, error=found))
    clash = _output_clash(args, [path for path, _ in items] + ["-"] * ("-" in args.paths))
    if clash:
        raise ConfigError(args.output or args.write_baseline, "--output",
                          f"is also an input ({clash}); writing it would destroy it")
    # Run rules (Q006) compare the files of a run with each other: more than one, unfixed.
    # Such a run writes nothing until its last file is linted: a format that renders each
    # file alone renders it as soon as it is linted, in the worker that linted it.
    compare = fix is None and len(items) > 1
    render = partial(formatter.render, options=options) if compare and formatter.render is not None else None
    job = replace(job, compare=compare, render=render)
    linted = lint_many(registry, items, args.jobs, job=job, held=compare and render is None)
    if _show_progress(len(items)):
        linted = _progress(linted, len(items))
    results = (next(linted) if result is None else result for result in order)
    if job.compare:
        from linter.run_rules import finish

        results = finish(registry, results, resolver.for_path(args.stdin_filename or "./-", linted=False), job)
    return results


def _output_clash(args, inputs: list[str]) -> str | None:
    """The input that ``--output`` (or ``--write-baseline``) would overwrite, if any: opening
    it for writing truncates it before it is read."""
    targets = []
    for target in (args.output, args.write_baseline):
        try:
            targets.append(os.stat(target)) if target else None
        except OSError:
            pass  # not there yet: it cannot be an input
    if not targets:
        return None
    if "-" in inputs:
        inputs = [path for path in inputs if path != "-"] + ["/dev/stdin"]
    for path in inputs:
        try:
            own = os.stat(path)
        except OSError:
            continue
        if any(os.path.samestat(own, target) and os.path.isfile(path) for target in targets):
            return path
    return None


def _show_progress(count: int) -> bool:
    """A progress bar for long runs in a terminal; never in CI logs or when piped."""
    return count >= 50 and sys.stderr.isatty() and not os.environ.get("CI")


def _progress(results, total: int):
    width = 30
    for done, result in enumerate(results, 1):
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        yield result
    sys.stderr.write("\r" + " " * (width + 24) + "\r")


#: Formats that are files for programs: written as UTF-8 whatever the console's encoding.
_FILE_FORMATS = ("json", "sarif", "html", "junit", "xlsx", "csv")
#: What a console that cannot show a mark shows instead (GBK has √ and ×, not ✓ and ✗).
_FALLBACK = {"✓": "√", "✗": "×", "✔": "√", "✘": "×", "−": "-", "•": "·", "…": "..."}


def _console_fallback(error: UnicodeEncodeError):
    text = error.object[error.start:error.end]
    return "".join(_FALLBACK.get(c, c.encode("unicode_escape").decode("ascii")) for c in text), error.end


def _prepare_console(output_format: str) -> None:
    """Make stdout and stderr safe for a console that cannot encode every character (a
    GBK console on Chinese Windows): files for programs go out as UTF-8, text for people
    in the console's encoding with a fallback for marks it lacks. Never a traceback."""
    import codecs

    codecs.register_error("relint-console", _console_fallback)
    for stream in (sys.stdout, sys.stderr):
        if not hasattr(stream, "reconfigure") or (stream.encoding or "").lower().replace("-", "") == "utf8":
            continue
        if stream is sys.stdout and output_format in _FILE_FORMATS:
            stream.reconfigure(encoding="utf-8")
        else:
            stream.reconfigure(errors="relint-console")


def _write_fixed(result) -> None:
    if result.fixed_output is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.fixed_output)
        sys.stdout.buffer.flush()


class _RunState:
    """What a run must remember of each result once it has been written: totals, the exit
    status, and which suppressions were used."""

    def __init__(self, args, lang: str, fail_on: str):
        from linter.output import Totals
        from linter.rule import SEVERITIES, severity_rank

        self.args, self.lang, self.totals = args, lang, Totals()
        #: the severities that fail the run (read from the totals: no second pass over the findings)
        self._failing = SEVERITIES[severity_rank(fail_on):]
        self.diff = False
        self.declared, self.used, self.hits, self.baseline = {}, set(), set(), frozenset()

    def add(self, result) -> None:
        self.totals.add(result)
        if result.error:
            print(f"{result.path}: {result.error.code} {result.error.message(self.lang)}", file=sys.stderr)
        elif result.note:
            print(f"{result.path}: {result.note}", file=sys.stderr)
        self.diff = self.diff or bool(result.diff)
        if result.settings is not None:
            self.declared.update((entry["origin"], entry) for entry in result.settings.allow)
            self.baseline = result.settings.baseline
        self.used |= result.allow_used
        self.hits |= result.baseline_hits

    def report_stale_suppressions(self) -> None:
        """Allow entries and baseline entries that suppressed nothing in this run."""
        for origin, entry in self.declared.items():
            if origin not in self.used:
                print(f"relint: warning: {origin} ({entry['code']} “{entry['text']}”) matched no finding",
                      file=sys.stderr)
        stale = len(self.baseline - self.hits)
        if self.args.baseline and stale:
            print(f"relint: warning: {stale} entries of {self.args.baseline} no longer match a finding",
                  file=sys.stderr)

    def exit_code(self) -> int:
        if self.totals.input_errors:
            return USAGE_ERROR
        if self.args.diff:
            return 1 if self.diff else 0
        failing = any(self.totals.by_severity[severity] for severity in self._failing)
        return 0 if self.args.exit_zero or not failing else 1


def _open_output(target: str | None, console):
    """The stream the output goes to: ``target`` opened for writing, else ``console``; or
    the exit code of a target that cannot be opened (said on stderr)."""
    if not target:
        return console
    try:
        return open(target, "w", encoding="utf-8", errors="backslashreplace")
    except OSError as exc:
        return _error(f"{target}: cannot write output: {exc.strerror}")


def _output_failed(out, target: str | None, exc: OSError) -> int:
    """A full disk, /dev/full, a quota: say so, never a traceback."""
    if out is sys.stdout:
        _silence_stdout()
    return _error(f"{target or 'stdout'}: cannot write output: {exc.strerror or exc}")


def _report(args, registry, run_settings, formatter_class, results, options) -> int:
    lang = run_settings.lang
    state = _RunState(args, lang, run_settings.fail_on)
    review = None
    target = args.write_baseline or args.output
    if target == args.output and target and run_settings.output_format == "html" and (
            os.path.isdir(target) or target.endswith(("/", os.sep))):
        # a folder: the page is its index.html, with the reviewed copy of each Word report beside it
        from linter.annotate import reviewer

        try:
            os.makedirs(target, exist_ok=True)
        except OSError as exc:
            return _error(f"{target}: cannot write output: {exc.strerror}")
        review = reviewer(registry, target, run_settings)
        target = os.path.join(target, "index.html")
    if review is not None:
        from dataclasses import replace

        options = replace(options, review=review)
    # With stdin and --fix, stdout carries the fixed text; the report goes to stderr.
    stdin_fix = args.fix and not args.diff and "-" in args.paths
    _prepare_console(run_settings.output_format)
    out = _open_output(target, sys.stderr if stdin_fix else sys.stdout)
    if isinstance(out, int):
        return out
    from linter import replay

    if review is not None:
        replay.refuse("reviewed copies written beside the page")
    try:
        formatter = formatter_class(replay.tee(out, run_settings.output_format, target), options)
        formatter.start()
        for result in results:  # written file by file: memory stays flat however many files there are
            state.add(result)
            formatter.add(result)
            _write_fixed(result)
        formatter.finish(state.totals)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        return _output_failed(out, target, exc)
    finally:
        if out not in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError):  # already reported above
                out.close()
    if args.write_baseline:
        print(f"relint: wrote {formatter.count} findings to {args.write_baseline}", file=sys.stderr)
        state.report_stale_suppressions()
        return USAGE_ERROR if state.totals.input_errors else 0
    state.report_stale_suppressions()
    return state.exit_code()
