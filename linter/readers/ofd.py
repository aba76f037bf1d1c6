"""OFD reports (GB/T 33190-2016, the national fixed-layout format): a zip of XML parts.

``OFD.xml`` names the document root; its ``Document.xml`` lists the pages in order; each
page's content holds text objects (``TextObject`` with a ``Boundary`` box and ``TextCode``
runs whose ``X``/``Y`` start and ``DeltaX`` steps place each character, in millimetres, y
downwards). The characters are handed to :mod:`linter.readers.layout` with their boxes, as
the PDF reader does, so paragraphs, page furniture and positions work the same way. Page
templates (where OFD producers put running headers and footers), annotations and seals are
not read. Elements are matched by local name: producers disagree on the namespace.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from xml.etree import ElementTree

from linter.readers.layout import page_lines, to_source
from linter.sources import InputError, Source, container_error

MAX_PAGES = 400
_NUMBER = re.compile(r"-?\d+(?:\.\d*)?(?:[eE]-?\d+)?|-?\.\d+")


def _local(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _children(element, name: str):
    return [child for child in element.iter() if _local(child) == name]


def _numbers(text: str | None) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text or "")]


def _deltas(text: str | None) -> list[float]:
    """DeltaX/DeltaY: numbers, where "g N d" stands for N steps of d."""
    tokens = (text or "").split()
    out: list[float] = []
    index = 0
    while index < len(tokens):
        if tokens[index] == "g" and index + 2 < len(tokens):
            out.extend([float(tokens[index + 2])] * min(int(float(tokens[index + 1])), 100_000))
            index += 3
        else:
            out.append(float(tokens[index]))
            index += 1
    return out


def _glyphs(content: ElementTree.Element) -> list[tuple]:
    glyphs = []
    for text_object in _children(content, "TextObject"):
        box = _numbers(text_object.get("Boundary")) + [0.0, 0.0]
        size = (_numbers(text_object.get("Size") or text_object.get("size")) or [3.5])[0]
        x = y = 0.0
        for code in _children(text_object, "TextCode"):
            x = float(code.get("X", x))
            y = float(code.get("Y", y))
            steps = _deltas(code.get("DeltaX"))
            left = box[0] + x
            baseline = box[1] + y
            for index, char in enumerate(code.text or ""):
                width = steps[index] if index < len(steps) else size
                if not char.isspace() or char == " ":
                    # y grows downwards in OFD, upwards in the layout step
                    glyphs.append((char, left, left + min(width, size), size, False,
                                   -(baseline + 0.12 * size), -(baseline - 0.88 * size)))
                left += width
    return glyphs


def _xml(archive, name: str) -> ElementTree.Element | None:
    name = name.lstrip("/")
    return ElementTree.fromstring(archive.read(name)) if name in archive.NameToInfo else None


def _resolve(base: str, location: str) -> str:
    """A part location, absolute ("/Doc_0/…") or relative to the folder of ``base``."""
    location = location.strip().replace("\\", "/")
    return posixpath.normpath(location.lstrip("/") if location.startswith("/") else
                              posixpath.join(posixpath.dirname(base), location))


def read(data: bytes, path: str) -> Source | InputError:
    refused = container_error(data, path)  # damaged, or a zip bomb
    if refused is not None:
        return refused
    invalid = InputError(path, "E002", "不是有效的 OFD 文件（缺少 OFD.xml 或文档结构损坏）",
                         "not a valid OFD file (no OFD.xml, or its document structure is damaged)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = _xml(archive, "OFD.xml")
            doc_roots = _children(root, "DocRoot") if root is not None else []
            if not doc_roots:
                return invalid
            document_name = _resolve("OFD.xml", doc_roots[0].text or "")
            document = _xml(archive, document_name)
            if document is None:
                return invalid
            entries = [page for pages in _children(document, "Pages") for page in pages if _local(page) == "Page"]
            if len(entries) > MAX_PAGES:
                return InputError(path, "E001", f"OFD 页数过多（{len(entries)} 页，上限 {MAX_PAGES} 页）",
                                  f"too many pages ({len(entries)}, limit {MAX_PAGES})")
            pages = []
            for number, entry in enumerate(entries, 1):
                content = _xml(archive, _resolve(document_name, entry.get("BaseLoc", "")))
                pages.append(page_lines(_glyphs(content), number) if content is not None else [])
    except Exception:  # zlib, CRC, XML and number errors all mean a damaged package
        return invalid
    if not any(pages):
        return InputError(path, "E005", "OFD 没有文字（扫描件或纯图片），需要先做文字识别（OCR）",
                          "the OFD has no text (scanned or image-only): run OCR on it first")
    return to_source(path, pages, "ofd")
