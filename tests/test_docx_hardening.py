"""Word files made by python-docx with what a damaged or hostile file carries: style chains
that loop, numbering values out of range or not numbers, a zip bomb. Each once hung,
exhausted memory or raised outside the reader's guard."""

import shutil
import time
import zipfile

import docx
import pytest
from conftest import SEEDS, lint_file, run_relint
from docx.oxml.ns import qn

from linter.sources import MAX_UNPACKED_MARKUP, container_error

TEXT = SEEDS[0].read_text(encoding="utf-8")


def report_docx(path, edit=None):
    document = docx.Document()
    for line in TEXT.split("\n"):
        document.add_paragraph(line)
    if edit:
        edit(document)
    document.save(path)
    return path


def _loop_self(document):
    heading = document.styles["Heading 1"]
    heading.base_style = heading
    document.add_paragraph("一、主要工作", style="Heading 1")


def _loop_pair(document):
    one, two = document.styles["Heading 1"], document.styles["Heading 2"]
    one.base_style, two.base_style = two, one
    document.add_paragraph("一、主要工作", style="Heading 1")


def _numbering(ilvl, num_id):
    def edit(document):
        for paragraph in document.paragraphs[3:8]:
            numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            if ilvl is not None:
                numbering.get_or_add_ilvl().set(qn("w:val"), ilvl)
            element = numbering.get_or_add_numId()
            if num_id is None:
                element.attrib.pop(qn("w:val"), None)
            else:
                element.set(qn("w:val"), num_id)
    return edit


def _many_items(document):
    for number in range(130):
        document.add_paragraph(f"第{number}项工作", style="List Number")


@pytest.mark.parametrize("edit", [_loop_self, _loop_pair, _numbering("-1", "1"), _numbering("x", "1"),
                                  _numbering("99", "1"), _numbering("0", "x"), _numbering("0", None),
                                  _many_items])
def test_odd_styles_and_numbering_are_read_not_looped_or_raised(registry, tmp_path, edit):
    path = report_docx(tmp_path / "r.docx", edit)
    started = time.monotonic()
    result = lint_file(registry, path)
    assert time.monotonic() - started < 20
    assert result.report is not None and result.error is None
    assert any(d.code.startswith("S") or d.code.startswith("T") for d in result.diagnostics)


def test_one_bad_word_file_does_not_stop_the_folder(tmp_path):
    report_docx(tmp_path / "a.docx", _loop_pair)
    report_docx(tmp_path / "b.docx", _numbering("x", None))
    shutil.copy(SEEDS[0], tmp_path / "c.txt")
    done = run_relint("--no-cache", ".", cwd=tmp_path)
    out = done.stdout.decode()
    assert b"Traceback" not in done.stderr and all(name in out for name in ("a.docx", "b.docx", "c.txt"))


def test_a_zip_bomb_is_refused_before_parsing(tmp_path):
    path = report_docx(tmp_path / "r.docx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("customXml/item9.xml", "w", force_zip64=True) as member:
            block = b"<a>" + b" " * (1 << 20) + b"</a>"
            for _ in range(MAX_UNPACKED_MARKUP // len(block) + 2):
                member.write(block)
    data = path.read_bytes()
    assert len(data) < 1 << 20  # a small file…
    assert container_error(data, str(path)).code == "E002"  # …that unpacks too large
    done = run_relint(str(path))
    assert done.returncode == 2 and "r.docx: E002" in done.stderr.decode() and "zip bomb" not in done.stdout.decode()
