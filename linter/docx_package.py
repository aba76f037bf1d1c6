"""A Word file as a package of parts, written back with only the changed parts replaced.

The main document part is edited as python-docx parsed it (so its paragraphs are the very
elements the reader numbered); every other part of the original zip — styles, numbering,
headers and footers, images, existing comments — is copied byte for byte, in the original
order and compression. New parts (the comments of ``annotate``) are added with their
relationship and content type.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import nsmap, qn
from lxml import etree

RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_NUMBER = re.compile(r"^\d+$")
_IDS = etree.XPath("//@w:id", namespaces={"w": nsmap["w"]})


@dataclass
class WordPackage:
    """An opened .docx: python-docx's document, its paragraph elements in the reader's
    order, and the original zip for copying untouched parts."""

    data: bytes
    document: object
    paragraphs: list  # w:p elements, one per line of the reader's Source
    replaced: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def open(cls, data: bytes) -> "WordPackage":
        import docx

        from linter.readers.docx import body_paragraphs

        document = docx.Document(io.BytesIO(data))
        return cls(data, document, [paragraph._p for paragraph in body_paragraphs(document)])

    @property
    def main_part(self) -> str:
        return self.document.part.partname.lstrip("/")

    def _rels_name(self) -> str:
        folder, _, name = self.main_part.rpartition("/")
        return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"

    def read_part(self, name: str) -> bytes | None:
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            return archive.read(name) if name in archive.namelist() else None

    def next_annotation_id(self) -> int:
        """One more than any ``w:id`` in the document or its comments (changes and comments
        must not reuse an id)."""
        found = [0]
        for root in (self.document.part.element, self._comments_root()[1]):
            if root is not None:
                found += [int(v) for v in _IDS(root)
                          if _NUMBER.match(v)]
        return max(found) + 1

    def _comments_target(self) -> str | None:
        for relationship in self.document.part.rels.values():
            if relationship.reltype == COMMENTS_RELATIONSHIP and not relationship.is_external:
                return relationship.target_part.partname.lstrip("/")
        return None

    def _comments_root(self):
        name = self._comments_target()
        if name is None:
            return None, None
        return name, etree.fromstring(self.read_part(name))

    def add_comments(self, comments: list) -> None:
        """Add ``w:comment`` elements to the comments part, creating the part if needed."""
        if not comments:
            return
        name, root = self._comments_root()
        if root is None:
            folder = self.main_part.rpartition("/")[0]
            name = f"{folder}/comments.xml" if folder else "comments.xml"
            root = etree.Element(qn("w:comments"), nsmap={"w": nsmap["w"]})
            self._relate(name)
        root.extend(comments)
        self.replaced[name] = serialize_part_xml(root)

    def _relate(self, name: str) -> None:
        rels = etree.fromstring(self.read_part(self._rels_name()))
        taken = {element.get("Id") for element in rels}
        number = 1
        while f"rId{number}" in taken:
            number += 1
        etree.SubElement(rels, f"{{{RELATIONSHIPS}}}Relationship", Id=f"rId{number}", Type=COMMENTS_RELATIONSHIP,
                         Target=name.rpartition("/")[2])
        self.replaced[self._rels_name()] = serialize_part_xml(rels)
        types = etree.fromstring(self.read_part("[Content_Types].xml"))
        etree.SubElement(types, f"{{{CONTENT_TYPES}}}Override", PartName=f"/{name}", ContentType=COMMENTS_TYPE)
        self.replaced["[Content_Types].xml"] = serialize_part_xml(types)

    def to_bytes(self) -> bytes:
        """The package with the edited main part and the replaced or added parts."""
        replaced = dict(self.replaced)
        replaced[self.main_part] = serialize_part_xml(self.document.part.element)
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(self.data)) as source, zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                data = replaced.pop(info.filename, None)
                target.writestr(info, source.read(info) if data is None else data)
            for name, data in replaced.items():
                target.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
        return out.getvalue()
