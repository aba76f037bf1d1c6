"""Changing the text of one Word paragraph without disturbing its formatting.

A paragraph's text is spread over runs (``w:r``), each carrying its own formatting. The
characters are counted exactly as python-docx's ``Paragraph.text`` counts them (``w:t``,
tabs, line breaks… of the runs directly in the paragraph or in its hyperlinks), so the
offsets the reader gave the linter address the same characters here. A run is split only
where an edit or a comment boundary falls inside it; every other run is left as it was.

Two ways to change text: directly (``--fix``: the new text replaces the old, in the old
run's formatting) or as a tracked change (``annotate``: the old runs go into ``w:del``, the
new text into ``w:ins``, so that Word's reviewer can accept or reject each one).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_TEXT_ATOMS = {qn(f"w:{tag}") for tag in ("t", "tab", "br", "cr", "noBreakHyphen", "ptab")}
_R, _T, _RPR, _HYPERLINK = qn("w:r"), qn("w:t"), qn("w:rPr"), qn("w:hyperlink")
#: what a run's text elements become inside a deletion
_DELETED = {_T: qn("w:delText"), qn("w:instrText"): qn("w:delInstrText")}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class Revision:
    """Who made a tracked change and when (``w:author``, ``w:date``), and where the
    numbering of the document's change and comment ids continues."""

    author: str
    date: str
    ids: "IdCounter"


class IdCounter:
    """Annotation ids (``w:id`` of changes and comments) unique in the document."""

    def __init__(self, start: int):
        self.next = start

    def take(self) -> int:
        self.next += 1
        return self.next - 1


def _length(atom) -> int:
    return len(str(atom)) if atom.tag in _TEXT_ATOMS else 0


def run_length(run) -> int:
    return sum(_length(child) for child in run if child.tag != _RPR)


def text_runs(paragraph):
    """The runs whose text makes up ``Paragraph.text``, in order."""
    for child in paragraph:
        if child.tag == _R:
            yield child
        elif child.tag == _HYPERLINK:
            yield from (run for run in child if run.tag == _R)


def new_text(text: str):
    element = OxmlElement("w:t")
    element.text = text
    if text != text.strip():
        element.set(_XML_SPACE, "preserve")
    return element


def _new_run(template, text: str):
    """A run with ``text`` in the formatting of ``template`` (a run, or None)."""
    run = OxmlElement("w:r")
    properties = template.find(_RPR) if template is not None else None
    if properties is not None:
        run.append(copy.deepcopy(properties))
    for index, piece in enumerate(text.split("\n")):
        if index:
            run.append(OxmlElement("w:br"))
        if piece:
            run.append(new_text(piece))
    return run


class ParagraphEditor:
    """Edits of one paragraph in its own text coordinates (0-based, end exclusive).

    ``units`` lists what stands in the paragraph in order, each with the range of the
    original text it covers: runs, deletions (their old text), insertions and markers
    (empty ranges). Every edit keeps the list in order, so later edits and markers find
    their place by original offsets whatever was done before.
    """

    def __init__(self, paragraph):
        self.paragraph = paragraph
        self.units: list[list] = []
        position = 0
        for run in text_runs(paragraph):
            length = run_length(run)
            self.units.append([run, position, position + length])
            position += length
        self.length = position

    # -- splitting -------------------------------------------------------------------------
    def split_at(self, offset: int) -> None:
        """Make ``offset`` fall between two runs (split the run it falls inside)."""
        for index, (element, start, end) in enumerate(self.units):
            if element.tag == _R and start < offset < end:
                second = self._split_run(element, offset - start)
                self.units[index:index + 1] = [[element, start, offset], [second, offset, end]]
                return

    @staticmethod
    def _split_run(run, at: int):
        second = OxmlElement("w:r")
        for name, value in run.attrib.items():
            second.set(name, value)
        properties = run.find(_RPR)
        if properties is not None:
            second.append(copy.deepcopy(properties))
        position = 0
        for child in [c for c in run if c.tag != _RPR]:
            length = _length(child)
            if position >= at:
                second.append(child)  # moves it
            elif position + length > at:  # only a w:t holds more than one character
                keep = at - position
                second.append(new_text(child.text[keep:]))
                child.text = child.text[:keep]
                if child.text != child.text.strip():
                    child.set(_XML_SPACE, "preserve")
            position += length
        run.addnext(second)
        return second

    # -- placing elements ------------------------------------------------------------------
    def _place(self, element, offset: int, after: bool) -> None:
        """Insert ``element`` at ``offset``: before the first unit starting there, or
        (``after``) after the last unit ending there."""
        if after:
            indexes = [i for i, unit in enumerate(self.units) if unit[2] <= offset]
            if indexes:
                self.units[indexes[-1]][0].addnext(element)
                self.units.insert(indexes[-1] + 1, [element, offset, offset])
                return
        else:
            for index, unit in enumerate(self.units):
                if unit[1] >= offset:
                    unit[0].addprevious(element)
                    self.units.insert(index, [element, offset, offset])
                    return
        if self.units and after:  # before everything
            self.units[0][0].addprevious(element)
            self.units.insert(0, [element, offset, offset])
        elif self.units:  # after everything
            self.units[-1][0].addnext(element)
            self.units.append([element, offset, offset])
        else:
            self.paragraph.append(element)
            self.units.append([element, offset, offset])

    def mark_comment(self, comment_id: int, start: int | None, end: int | None) -> None:
        """Anchor comment ``comment_id`` from ``start`` to ``end`` (either may be None when
        the comment starts or ends in another paragraph)."""
        for offset in (start, end):
            if offset is not None:
                self.split_at(offset)
        if start is not None:
            self._place(OxmlElement("w:commentRangeStart", {qn("w:id"): str(comment_id)}), start, after=False)
        if end is not None:
            reference = OxmlElement("w:r")
            reference.append(OxmlElement("w:commentReference", {qn("w:id"): str(comment_id)}))
            self._place(reference, end, after=True)
            self._place(OxmlElement("w:commentRangeEnd", {qn("w:id"): str(comment_id)}), end, after=True)

    # -- changing text ---------------------------------------------------------------------
    def replace(self, start: int, end: int, content: str, revision: Revision | None) -> None:
        """Replace the original characters ``start:end`` with ``content``; tracked when a
        ``revision`` is given. Edits must not overlap."""
        if revision is None and self._replace_inside_text(start, end, content):
            return
        self.split_at(start)
        self.split_at(end)
        inside = [i for i, unit in enumerate(self.units)
                  if unit[0].tag == _R and start <= unit[1] and unit[2] <= end and unit[2] > unit[1]]
        template = self.units[inside[0]][0] if inside else self._neighbour(start)
        if inside:
            self._delete([self.units[i] for i in inside], revision)
        if content:
            run = _new_run(template, content)
            if revision is not None:
                wrapper = self._change("w:ins", revision)
                wrapper.append(run)
                run = wrapper
            self._place(run, end, after=True)

    def _replace_inside_text(self, start: int, end: int, content: str) -> bool:
        """A direct edit within one ``w:t`` changes its text and nothing else."""
        for element, unit_start, _ in self.units:
            if element.tag != _R:
                continue
            position = unit_start
            for child in element:
                length = _length(child)
                if child.tag == _T and position <= start and end <= position + length and "\n" not in content:
                    text = child.text or ""
                    child.text = text[:start - position] + content + text[end - position:]
                    if child.text != child.text.strip():
                        child.set(_XML_SPACE, "preserve")
                    return True
                position += length
        return False

    def _neighbour(self, offset: int):
        """The run whose formatting new text at ``offset`` takes: the one before it, else
        the one after."""
        before = [u[0] for u in self.units if u[0].tag == _R and u[2] <= offset and u[2] > u[1]]
        after = [u[0] for u in self.units if u[0].tag == _R and u[1] >= offset and u[2] > u[1]]
        return before[-1] if before else after[0] if after else None

    def _change(self, tag: str, revision: Revision):
        return OxmlElement(tag, {qn("w:id"): str(revision.ids.take()), qn("w:author"): revision.author,
                                 qn("w:date"): revision.date})

    def _delete(self, units: list[list], revision: Revision | None) -> None:
        if revision is None:
            for unit in units:
                unit[0].getparent().remove(unit[0])
                self.units.remove(unit)
            return
        groups: list[list[list]] = []  # runs with one parent go into one w:del
        for unit in units:
            if groups and groups[-1][-1][0].getnext() is unit[0]:
                groups[-1].append(unit)
            else:
                groups.append([unit])
        for group in groups:
            wrapper = self._change("w:del", revision)
            group[0][0].addprevious(wrapper)
            for unit in group:
                for child in unit[0].iter(*_DELETED):
                    child.tag = _DELETED[child.tag]
                wrapper.append(unit[0])
            first = self.units.index(group[0])
            self.units[first:first + len(group)] = [[wrapper, group[0][1], group[-1][2]]]
