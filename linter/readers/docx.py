"""Word reports (python-docx): one line per paragraph, in document order, table cells
included; line numbers are paragraph numbers. Word's automatic numbering is not part of a
paragraph's text, so it is rebuilt in GB/T 9704 form (一、 （一） 1. （1）) from the
numbering level, and heading styles tell the parser where parts start."""

from __future__ import annotations

import io
import re
import zipfile

from linter.sources import InputError, Source, container_error
from linter.vocabulary import standard_mark

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def _mark(level: int, number: int) -> str:
    from cn2an import an2cn  # a .docx run only: importing cn2an costs ~0.15 s

    return standard_mark(an2cn(number) if level < 2 else str(number), min(level, 3) + 1)


def body_paragraphs(document):
    """Paragraphs of the body in order, a table's cells paragraph by paragraph."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, document)
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                for cell in row.cells:
                    yield from cell.paragraphs


def _num_pr(element):
    properties = element.pPr if element is not None else None
    return properties.numPr if properties is not None else None


def _numbering_level(paragraph) -> tuple[str, int] | None:
    """(numbering id, level) of a paragraph numbered by Word, directly or through its
    style (as "List Number" does). A style chain that loops (``basedOn`` itself, A→B→A) is
    followed once around; a numbering whose values are missing or not numbers is none."""
    from docx.exceptions import PythonDocxError
    from docx.oxml.exceptions import InvalidXmlError

    try:
        numbering = _num_pr(paragraph._p)
        style, seen = paragraph.style, set()
        while (numbering is None or numbering.numId is None) and style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            numbering = _num_pr(style.element)
            style = style.base_style
        if numbering is None or numbering.numId is None or numbering.numId.val == 0:
            return None
        level = numbering.ilvl.val if numbering.ilvl is not None else 0
        return str(numbering.numId.val), min(max(level, 0), 8)  # Word has levels 0..8
    except (PythonDocxError, InvalidXmlError, ValueError, TypeError, KeyError):
        return None


def read(data: bytes, path: str) -> Source | InputError:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return InputError(path, "E002", "不是有效的 docx 文件（可能已损坏或加密）",
                          "not a valid .docx file (corrupt or password-protected)")
    too_large = container_error(data, path)
    if too_large is not None:
        return too_large
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        paragraphs = list(body_paragraphs(document))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        return InputError(path, "E002", f"无法读取 docx：{exc}", f"cannot read .docx: {exc}")
    lines, column_maps, headings, texts = [], {}, {}, []
    counters: dict[tuple[str, int], int] = {}
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        texts.append(text)
        numbering = _numbering_level(paragraph)
        if numbering is not None and text.strip():
            num_id, level = numbering
            counters[(num_id, level)] = counters.get((num_id, level), 0) + 1
            for deeper in [key for key in counters if key[0] == num_id and key[1] > level]:
                del counters[deeper]
            mark = _mark(level, counters[(num_id, level)])
            column_maps[index] = [0] * len(mark) + list(range(len(text)))
            text = mark + text
        style = _HEADING_STYLE.match(paragraph.style.name if paragraph.style is not None else "")
        if style:
            headings[index] = int(style.group(1))
        lines.append(text)
    if not any(line.strip() for line in lines):
        return InputError(path, "E003", "文件没有任何文字", "the file contains no text")
    return Source(path=path, text="\n".join(lines), lines=lines, format="docx",
                  line_map=list(range(1, len(lines) + 1)), column_maps=column_maps, heading_levels=headings,
                  display_lines=texts,
                  layout=_layout(document, paragraphs, {i: len(lines[i]) - len(texts[i]) for i in column_maps}))


def _layout(document, paragraphs, offsets):
    """The effective formatting for the layout rules; a file whose formatting cannot be
    resolved is still linted for its text (the L rules then stay silent)."""
    from linter.readers.docx_layout import read_layout

    try:
        return read_layout(document, paragraphs, offsets)
    except Exception:  # formatting is optional: odd XML must not make the text unreadable
        return None
