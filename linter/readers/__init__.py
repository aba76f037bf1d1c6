"""Readers for structured input formats. Each turns bytes into a :class:`~linter.sources.Source`
of plain lines with a map back to the file's own coordinates; each is imported only when a
file of its format is read (no Markdown or docx machinery on a ``.txt`` run)."""

from __future__ import annotations

from importlib import import_module

from linter.sources import decode


def _lazy(module: str, function: str = "read"):
    def reader(data: bytes, path: str):
        return getattr(import_module(f"linter.readers.{module}"), function)(data, path)
    reader.__name__ = f"read_{module}"
    return reader


BUILTIN_READERS = {
    ".txt": decode,
    ".md": _lazy("markdown"),
    ".markdown": _lazy("markdown"),
    ".docx": _lazy("docx"),
    ".pdf": _lazy("pdf"),
    ".html": _lazy("html"),
    ".htm": _lazy("html"),
    ".mhtml": _lazy("html", "read_mhtml"),
    ".mht": _lazy("html", "read_mhtml"),
    ".doc": _lazy("doc"),
    ".wps": _lazy("doc"),
    ".ofd": _lazy("ofd"),
}
