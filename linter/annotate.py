"""``relint annotate``: a reviewed copy of a Word report for drafters who work in Word's
review pane rather than in a terminal.

Every finding whose safe fix can be written into its paragraph becomes a tracked change
(author "relint"), every other finding a comment anchored on the text it is about, with the
message, what to do and the basis. The original is never overwritten unless asked; the
copy is written atomically. ``.txt`` and ``.md`` reports are first laid out as a plain
.docx, one paragraph per line of the file.
"""

from __future__ import annotations

import datetime
import io
import os
import sys
from dataclasses import dataclass, replace

from linter.docx_runs import IdCounter, ParagraphEditor, Revision
from linter.rule import Diagnostic, Text

AUTHOR = "relint"
SUFFIX = ".relint.docx"
_SUGGESTION = Text("可改为：“{content}”", "Suggested: “{content}”")
_BASIS = Text("依据：{basis}", "Basis: {basis}")


@dataclass
class Annotated:
    path: str
    output: str
    tracked: int  # findings written as tracked changes
    comments: int
    error: str = ""


def output_path(path: str, output: str | None, many: bool) -> str:
    """``NAME.relint.docx`` beside the input, or in ``output`` when it is a folder (or
    when several inputs are given), else ``output`` itself."""
    name = os.path.splitext(os.path.basename(path))[0] + SUFFIX
    if output is None:
        return os.path.join(os.path.dirname(path), name)
    if many or os.path.isdir(output) or output.endswith(os.sep):
        return os.path.join(output, name)
    return output


def _as_docx(source) -> bytes:
    """A plain .docx holding a text or Markdown report, one paragraph per line."""
    import docx

    document = docx.Document()
    for line in source.shown_lines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _offsets(texts: list[str], span) -> tuple[int, int, int, int]:
    """(paragraph, offset, end paragraph, end offset) of a span in paragraph coordinates,
    clamped to the document; an empty span is widened to the character at it."""
    last = len(texts) - 1

    def at(line: int, column: int) -> tuple[int, int]:
        index = min(max(line - 1, 0), last)
        return index, min(max(column - 1, 0), len(texts[index]))

    (p, start), (q, end) = at(span.line, span.column), at(span.end_line, span.end_column)
    if (q, end) < (p, start):
        q, end = p, start
    if (p, start) == (q, end):
        if end < len(texts[q]):
            end += 1
        elif start > 0:
            start -= 1
    return p, start, q, end


def comment_element(comment_id: int, diagnostic: Diagnostic, revision: Revision, lang: str):
    """A ``w:comment``: the code and message, what to do, and the basis, one paragraph each."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from linter.docx_runs import new_text

    comment = OxmlElement("w:comment", {qn("w:id"): str(comment_id), qn("w:author"): revision.author,
                                        qn("w:date"): revision.date, qn("w:initials"): "RL"})
    lines = [f"{diagnostic.code} {diagnostic.message.get(lang)}"]
    if diagnostic.help:
        lines.append(diagnostic.help.get(lang))
    fix = diagnostic.fix
    if fix is not None and len(fix.edits) == 1 and fix.edits[0].content:
        lines.append(_SUGGESTION.format(content=fix.edits[0].content).get(lang))
    if diagnostic.basis:
        lines.append(_BASIS.format(basis=diagnostic.basis.get(lang)).get(lang))
    for number, line in enumerate(lines):
        paragraph = OxmlElement("w:p")
        if number == 0:
            reference = OxmlElement("w:r")
            reference.append(OxmlElement("w:annotationRef"))
            paragraph.append(reference)
        run = OxmlElement("w:r")
        run.append(new_text(line))
        paragraph.append(run)
        comment.append(paragraph)
    return comment


def annotate_bytes(registry, path: str, data: bytes, settings, now: datetime.datetime | None = None):
    """The reviewed copy of the report in ``data`` (named ``path``): (bytes, findings
    tracked, findings commented), or an InputError."""
    from linter.docx_fix import plan, write_texts
    from linter.docx_package import WordPackage
    from linter.engine import lint_source, read_source, to_original
    from linter.sources import InputError

    source = read_source(registry, path, data)
    if isinstance(source, InputError):
        return source
    if source.format != "docx":
        data = _as_docx(source)
        source = read_source(registry, os.path.splitext(path)[0] + ".docx", data)
        if isinstance(source, InputError):
            return source
        source = replace(source, layout=None)  # the layout is relint's own, not the drafter's
    package = WordPackage.open(data)
    if len(package.paragraphs) != len(source.lines):
        return InputError(path, "E002", "docx 段落数与读取结果不一致", "paragraphs do not match what was read")
    result = plan(lambda s: lint_source(registry, s, settings), source, package.paragraphs)
    moment = (now or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    revision = Revision(AUTHOR, moment, IdCounter(package.next_annotation_id()))
    editors = write_texts(package.paragraphs, result, revision)
    fixed = {id(d) for d in result.fixed}
    comments = []
    for diagnostic in result.first:
        if id(diagnostic) in fixed:
            continue
        shown = to_original(source, diagnostic)
        p, start, q, end = _offsets(result.originals, shown.span)
        comment_id = revision.ids.take()
        for index, begin, finish in ((p, start, None), (q, None, end)) if p != q else ((p, start, end),):
            element = package.paragraphs[index]
            editor = editors.get(index) or editors.setdefault(index, ParagraphEditor(element))
            editor.mark_comment(comment_id, begin, finish)
        comments.append(comment_element(comment_id, shown, revision, settings.lang))
    package.add_comments(comments)
    return package.to_bytes(), len(result.fixed), len(comments)


def annotate_file(registry, path: str, output: str, settings, overwrite: bool = False) -> Annotated:
    from linter.fixer import write_atomic
    from linter.sources import InputError, read_bytes

    if os.path.exists(output) and os.path.exists(path) and os.path.samefile(path, output) and not overwrite:
        return Annotated(path, output, 0, 0, "the output would overwrite the original (use --overwrite)")
    data = read_bytes(path)
    done = data if isinstance(data, InputError) else annotate_bytes(registry, path, data, settings)
    if isinstance(done, InputError):
        return Annotated(path, output, 0, 0, f"{done.code} {done.message(settings.lang)}")
    reviewed, tracked, commented = done
    try:
        write_atomic(output, reviewed)
    except OSError as exc:
        return Annotated(path, output, 0, 0, f"cannot write {output}: {exc.strerror or exc}")
    return Annotated(path, output, tracked, commented)


def reviewer(registry, folder: str, fallback_settings):
    """``--format html -o FOLDER``: a function that writes the reviewed copy of each ``.docx``
    result into FOLDER and gives its file name, which the page links to (None for other
    inputs and when the copy cannot be made). Two inputs of the same name get numbered copies."""
    taken: set[str] = set()

    def review(result) -> str | None:
        if result.error is not None or not result.path.lower().endswith(".docx"):
            return None
        output, number = output_path(result.path, folder, True), 1
        while output in taken:
            number += 1
            output = os.path.join(folder, f"{os.path.splitext(os.path.basename(result.path))[0]}-{number}{SUFFIX}")
        taken.add(output)
        done = annotate_file(registry, result.path, output, result.settings or fallback_settings)
        return None if done.error else os.path.basename(output)

    return review


def _parser():
    import argparse

    from linter.cli import add_selection_options

    parser = argparse.ArgumentParser(
        prog="relint annotate",
        description="写出带修订和批注的审阅稿（NAME.relint.docx）/ write a reviewed copy with tracked changes "
                    "and comments")
    parser.add_argument("paths", nargs="+", metavar="FILE", help=".docx (or .txt/.md) reports")
    parser.add_argument("--output", "-o", metavar="OUT", help="output file, or folder for several inputs")
    parser.add_argument("--overwrite", action="store_true", help="allow OUT to be the original file")
    add_selection_options(parser)
    return parser


def annotate_main(argv: list[str]) -> int:
    """Exit 0 when every reviewed copy was written, 2 when an input could not be."""
    from linter.cli import USAGE_ERROR, _error, selection_overrides
    from linter.config import ConfigError, ConfigResolver, load_config_file
    from linter.engine import Registry
    from linter.plugins import PluginError

    args = _parser().parse_args(argv)
    try:
        resolver = ConfigResolver(load_config_file(args.config) if args.config else None, selection_overrides(args))
        registry = Registry()
        resolver.check(registry.rules, registry.profiles)
        # a mistyped code must not quietly review nothing, here as in a lint run: every file's
        # settings are checked (with its profile's pattern rules) before any is written
        settings = [resolver.for_path(path) for path in args.paths]
    except (ConfigError, PluginError) as exc:
        return _error(str(exc))
    status = 0
    for path, own in zip(args.paths, settings):
        done = annotate_file(registry, path, output_path(path, args.output, len(args.paths) > 1), own,
                             args.overwrite)
        if done.error:
            print(f"{path}: {done.error}", file=sys.stderr)
            status = USAGE_ERROR
        else:
            print(f"{done.output}: {done.tracked} tracked changes, {done.comments} comments", file=sys.stderr)
    return status
