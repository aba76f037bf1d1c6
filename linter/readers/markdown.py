"""Markdown reports (markdown-it-py): one plain line per source line, so line numbers stay
the file's own. Heading and list markers and emphasis are markup, not text: they are
removed and the columns of what remains map back to the source. Code blocks and HTML are
blanked out. Headings tell the parser where parts start."""

from __future__ import annotations

import re

from linter.sources import InputError, Source, decode

_HEADING = re.compile(r"^\s{0,3}(#{1,6})[ \t]+")
_BULLET = re.compile(r"^\s*[-*+][ \t]+")
_QUOTE = re.compile(r"^\s{0,3}>[ \t]?")
_INLINE_MARKUP = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`")


def _strip(line: str) -> tuple[str, list[int]]:
    """The line without markup, and the source column of each character kept."""
    keep = [True] * len(line)
    for pattern in (_QUOTE, _HEADING, _BULLET):
        match = pattern.match(line)
        if match:
            for i in range(match.start(), match.end()):
                keep[i] = False
    for match in _INLINE_MARKUP.finditer(line):
        for i in range(*match.span()):
            keep[i] = False
    columns = [i for i, k in enumerate(keep) if k]
    return "".join(line[i] for i in columns), columns


def read(data: bytes, path: str) -> Source | InputError:
    from markdown_it import MarkdownIt

    source = decode(data, path)
    if isinstance(source, InputError):
        return source
    tokens = MarkdownIt("commonmark").parse(source.text)
    blank: set[int] = set()
    headings: dict[int, int] = {}
    for token in tokens:
        if token.map is None:
            continue
        start, end = token.map
        if token.type in ("fence", "code_block", "html_block"):
            blank.update(range(start, end))
        elif token.type == "heading_open":
            headings[start] = int(token.tag[1])
    lines, column_maps = [], {}
    for index, raw in enumerate(source.lines):
        if index in blank:
            lines.append("")
            continue
        text, columns = _strip(raw)
        lines.append(text)
        if len(text) != len(raw):
            column_maps[index] = columns
    return Source(path=path, text="\n".join(lines), lines=lines, encoding=source.encoding, bom=source.bom,
                  newline=source.newline, format="markdown", column_maps=column_maps,
                  heading_levels=headings, display_lines=source.lines)
