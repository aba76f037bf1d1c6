"""Safe fixes on a Word file: which fixes a paragraph can take, the fixed text of every
paragraph, and writing it back (directly for ``--fix``, as tracked changes for ``annotate``).

Both commands compute the same plan, so accepting every tracked change of the reviewed
copy gives exactly the text ``--fix`` writes. The linter sees a numbered paragraph with
its rebuilt mark (一、…) in front; the mark is Word's numbering, not text, so a fix that
touches it, spans two paragraphs or inserts a line break cannot be written into the
paragraph and is left to a comment instead.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace

from linter.docx_runs import ParagraphEditor, Revision
from linter.rule import Diagnostic
from linter.sources import Source

#: stands in for a line break inside a paragraph (Word's w:br) while the text is one line
_INNER_BREAK = "\u2028"


@dataclass
class DocxPlan:
    first: list[Diagnostic]  # the first lint, in paragraph coordinates
    fixed: list[Diagnostic]  # of those, the ones whose safe fix is written
    texts: list[str]  # each paragraph's fixed text
    originals: list[str]
    result: object  # the last lint's FileResult (of the fixed text)


def _prefixes(source: Source) -> list[int]:
    """Per line, the length of the numbering mark the reader put in front of the text."""
    shown = source.shown_lines()
    return [len(line) - len(text) for line, text in zip(source.lines, shown)]


def _plain(source: Source) -> Source:
    """The source in its own line coordinates (fixes are applied to these lines)."""
    lines = [line.replace("\r", _INNER_BREAK).replace("\n", _INNER_BREAK) for line in source.lines]
    return replace(source, lines=lines, text="\n".join(lines), line_map=None, column_maps=None)


def writable(source: Source, duplicates: set[int]):
    """Whether a diagnostic's fix can be written into the paragraphs: safe, each edit
    inside one paragraph's own text (not its numbering mark), no line break added, and
    not in a repeated table cell (a merged cell is read once per grid column)."""
    prefixes = _prefixes(source)
    shown = source.shown_lines()

    def check(diagnostic: Diagnostic) -> bool:
        fix = diagnostic.fix
        if fix is None or fix.applicability != "safe":
            return False
        for edit in fix.edits:
            index = edit.span.line - 1
            if (edit.span.end_line != edit.span.line or not 0 <= index < len(prefixes) or index in duplicates
                    or edit.span.column - 1 < prefixes[index] or "\n" in edit.content or "\r" in edit.content
                    or any(mark in shown[index] for mark in "\r\n")):
                return False
        return True
    return check


def plan(lint, source: Source, paragraphs: list) -> DocxPlan:
    """Lint ``source`` (read from a .docx whose paragraph elements are ``paragraphs``) and
    fix it until stable with the writable safe fixes. ``lint(source)`` lints one source."""
    from linter.fixer import FixMode, fix_source

    seen, duplicates = set(), set()
    for index, element in enumerate(paragraphs):
        (duplicates if id(element) in seen else seen).add(index)
        seen.add(id(element))
    check = writable(source, duplicates)

    def lint_writable(candidate: Source):
        result = lint(candidate)
        result.diagnostics = [d if check(d) else replace(d, fix=None) for d in result.diagnostics]
        return result

    plain = _plain(source)
    first = lint(plain).diagnostics
    result, fixed_source, _ = fix_source(lint_writable, plain, FixMode())
    prefixes = _prefixes(source)
    originals = list(source.shown_lines())
    texts = [line[prefix:].replace(_INNER_BREAK, "\n") if index not in duplicates else originals[index]
             for index, (line, prefix) in enumerate(zip(fixed_source.lines, prefixes))]
    return DocxPlan(first, [d for d in first if check(d)], texts, originals, result)


def changes(before: str, after: str) -> list[tuple[int, int, str]]:
    """The smallest character edits turning ``before`` into ``after`` (start, end, new)."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [(i1, i2, after[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def write_texts(paragraphs: list, texts_plan: DocxPlan, revision: Revision | None) -> dict[int, ParagraphEditor]:
    """Change every paragraph whose fixed text differs, last edit first so that earlier
    offsets stay valid. Returns the editors used, by paragraph index."""
    editors = {}
    for index, (before, after) in enumerate(zip(texts_plan.originals, texts_plan.texts)):
        if before == after:
            continue
        editor = ParagraphEditor(paragraphs[index])
        if editor.length != len(before):  # text the reader saw differently: leave it alone
            continue
        editors[index] = editor
        for start, end, content in reversed(changes(before, after)):
            editor.replace(start, end, content, revision)
    return editors


def fix_file(registry, path: str, settings, mode):
    """``--fix`` (or ``--diff``) on a .docx: the safe fixes written into the paragraphs'
    runs, every other part of the file kept; the file is replaced atomically and only when
    it was read without error. Returns the FileResult of the fixed file."""
    from linter.docx_package import WordPackage
    from linter.engine import FileResult, lint_source, read_source
    from linter.fixer import unified_diff, write_atomic
    from linter.sources import InputError, read_bytes

    data = read_bytes(path)
    source = data if isinstance(data, InputError) else read_source(registry, path, data)
    if isinstance(source, InputError):
        return FileResult(path, error=source, settings=settings)
    package = WordPackage.open(data)
    if len(package.paragraphs) != len(source.lines):
        result = lint_source(registry, source, settings)
        result.note = "--fix left this .docx alone: its paragraphs do not match what was read"
        return result
    fixes = plan(lambda s: lint_source(registry, s, settings), source, package.paragraphs)
    if fixes.texts == fixes.originals:
        return lint_source(registry, source, settings)
    if not mode.write:
        result = lint_source(registry, source, settings)
        result.fixed = len(fixes.fixed)
        result.diff = unified_diff(path, "\n".join(fixes.originals) + "\n", "\n".join(fixes.texts) + "\n")
        return result
    write_texts(package.paragraphs, fixes, None)
    fixed = package.to_bytes()
    try:
        write_atomic(path, fixed)
    except OSError as exc:
        result = lint_source(registry, source, settings)
        result.note = f"not written: {exc}"
        return result
    result = lint_source(registry, read_source(registry, path, fixed), settings)
    result.fixed = len(fixes.fixed)
    return result
