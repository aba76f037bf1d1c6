"""Applying fixes: choose non-overlapping edits, apply them to the original text,
re-lint and repeat until nothing changes, then write the file back atomically in its own
encoding and line endings.

Edits are applied to ``Source.text`` itself (not to the split lines), so every line break
the fixes do not touch stays exactly as it was, CRLF and CR included.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import tempfile
from dataclasses import dataclass, replace

from linter.rule import Diagnostic, Edit
from linter.sources import BOMS, LINE_BREAK, Source, split_lines

#: Fix passes per file; each pass re-lints the fixed text (ruff uses 100, reports need few).
MAX_PASSES = 10
_BOM = {name: mark for mark, name in BOMS}


@dataclass(frozen=True)
class FixMode:
    unsafe: bool = False  # also apply fixes marked unsafe
    write: bool = True  # False for --diff


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in LINE_BREAK.finditer(text)]


def _offset(starts: list[int], text: str, line: int, column: int) -> int:
    if line - 1 >= len(starts):
        return len(text)
    return min(starts[line - 1] + column - 1, len(text))


def applicable(diagnostics: list[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    allowed = ("safe", "unsafe") if unsafe else ("safe",)
    return [d for d in diagnostics if d.fix is not None and d.fix.applicability in allowed]


def apply_fixes(text: str, diagnostics: list[Diagnostic]) -> tuple[str, int]:
    """Apply every fix that overlaps no fix chosen before it (in span order, then code),
    all edits of one fix or none. Returns the new text and how many fixes were applied."""
    starts = _line_starts(text)

    def offsets(edit: Edit) -> tuple[int, int]:
        span = edit.span
        return (_offset(starts, text, span.line, span.column), _offset(starts, text, span.end_line, span.end_column))

    chosen: list[tuple[int, int, str]] = []
    applied = 0
    for diagnostic in sorted(diagnostics, key=lambda d: (d.fix.edits[0].span, d.code)):
        edits = [(*offsets(edit), edit.content) for edit in diagnostic.fix.edits]
        if any(_overlaps(edit, other) for edit in edits for other in chosen):
            continue
        chosen.extend(edits)
        applied += 1
    pieces, position = [], 0
    for start, end, content in sorted(chosen):  # one pass: a long line may carry thousands of edits
        pieces += [text[position:start], content]
        position = end
    pieces.append(text[position:])
    return "".join(pieces), applied


def _overlaps(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # insertions conflict at the same point only
        return a[0] == b[0] or (b[0] < a[0] < b[1]) or (a[0] < b[0] < a[1])
    return a[0] < b[1] and b[0] < a[1]


def fix_source(lint, source: Source, mode: FixMode):
    """Fix ``source`` until stable. ``lint(source)`` lints one source; returns the last
    lint result, the fixed source and the number of fixes applied."""
    result = lint(source)
    fixed = 0
    for _ in range(MAX_PASSES):
        chosen = applicable(result.diagnostics, mode.unsafe)
        if not chosen:
            break
        text, applied = apply_fixes(source.text, chosen)
        if text == source.text:
            break
        fixed += applied
        source = replace(source, text=text, lines=split_lines(text))
        result = lint(source)
    return result, source, fixed


def encode(source: Source) -> bytes:
    data = source.text.encode(source.encoding)
    return (_BOM.get(source.encoding, b"") if source.bom else b"") + data


@contextlib.contextmanager
def folder_lock(path: str):
    """Hold an exclusive lock on the file's folder while it is read, fixed and replaced,
    so that two relint runs fixing the same folder take turns (POSIX; elsewhere a no-op).
    The folder, not the file, is locked because the rename gives the file a new inode."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    descriptor = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` through a temporary file in the same folder, keeping
    the file's permission bits (a new file gets the usual ones); a reader never sees a
    half-written file."""
    if os.path.exists(path):
        mode = os.stat(path).st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".relint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))
