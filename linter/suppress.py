"""Suppressing findings in plain text, where no comment syntax exists.

Two mechanisms, both anchored on content rather than line numbers so that they survive
edits above them:
- ``[[tool.relint.allow]]`` entries in config: a code (or prefix), a text that must
  stand where the finding is (an occurrence overlapping its span), optionally a path glob;
- a baseline file (``--write-baseline FILE`` / ``--baseline FILE``): a fingerprint per
  finding made of its code, the normalised text of its line and its occurrence number.
Entries that suppress nothing in a run are reported, so stale suppressions get cleaned up.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os

from linter.output import Formatter

BASELINE_VERSION = 1


def _line_text(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def fingerprints(path: str, lines: list[str], diagnostics) -> list[str]:
    """One fingerprint per diagnostic, stable under line shifts."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for d in diagnostics:
        content = "".join(_line_text(lines, d.span.line).split())
        key = (d.code, content)
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha1(f"{os.path.normpath(path)}\0{d.code}\0{content}\0{seen[key]}".encode("utf-8", "surrogateescape")).hexdigest()
        out.append(digest[:20])
    return out


def _anchored(text: str, line: str, span) -> bool:
    """Whether an occurrence of ``text`` in ``line`` overlaps the finding's span."""
    start, end = span.column - 1, max(span.end_column - 1, span.column) if span.end_line == span.line else len(line)
    at = line.find(text)
    while at >= 0:
        if at < end and start < at + len(text):
            return True
        at = line.find(text, at + 1)
    return False


def allowed_by(entry: dict, path: str, line: str, diagnostic, root: str) -> bool:
    if not diagnostic.code.startswith(entry["code"]) or not _anchored(entry["text"], line, diagnostic.span):
        return False
    pattern = entry.get("path")
    if not pattern:
        return True
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root)).replace(os.sep, "/")
    return fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern)


def allowed(path: str, lines: list[str], diagnostics, settings):
    """The diagnostics no ``[[allow]]`` entry suppresses, and the entries that matched.

    ``lines`` are the text the diagnostics' spans point into. The engine matches in the
    reader's coordinates (the text the rules read, before spans go back to the file's own),
    so an entry written for a ``.txt`` suppresses the same finding in its ``.md`` and
    ``.docx`` twins, whatever markup or paragraphs stand around the text there."""
    if not settings.allow:
        return list(diagnostics), set()
    kept, used = [], set()
    for d in diagnostics:
        line = _line_text(lines, d.span.line)
        entry = next((e for e in settings.allow if allowed_by(e, path, line, d, settings.root)), None)
        if entry is None:
            kept.append(d)
        else:
            used.add(entry["origin"])
    return kept, used


def baselined(path: str, lines: list[str], diagnostics, settings):
    """The diagnostics the baseline does not hold, and the baseline's fingerprints they hit
    (``lines``: the file's own lines, in the diagnostics' coordinates, as the writer sees them)."""
    if not settings.baseline:
        return list(diagnostics), set()
    kept, hits = [], set()
    for d, print_ in zip(diagnostics, fingerprints(path, lines, diagnostics)):
        if print_ in settings.baseline:
            hits.add(print_)
        else:
            kept.append(d)
    return kept, hits


class BaselineWriter(Formatter):
    """``--write-baseline``: the fingerprint of every finding, written file by file."""

    full_reports = True  # fingerprints read the report's lines

    def start(self) -> None:
        self.count = 0
        self.out.write(f'{{"version": {BASELINE_VERSION}, "entries": [')

    def add(self, result) -> None:
        if result.report is None:
            return
        lines = result.source.shown_lines()
        for d, print_ in zip(result.diagnostics, fingerprints(result.path, lines, result.diagnostics)):
            entry = {"path": os.path.normpath(result.path), "code": d.code, "line": d.span.line, "fingerprint": print_}
            self.out.write(("\n " if not self.count else ",\n ") + json.dumps(entry, ensure_ascii=False))
            self.count += 1

    def finish(self, totals) -> None:
        self.out.write("\n]}\n")


def read_baseline(path: str) -> frozenset[str]:
    """The fingerprints of a baseline file; ValueError with the cause when it is not one."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if data.get("version") != BASELINE_VERSION:
            raise ValueError(f"unsupported baseline version {data.get('version')!r}")
        return frozenset(entry["fingerprint"] for entry in data["entries"])
    except (OSError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a relint baseline file: {exc}") from exc
