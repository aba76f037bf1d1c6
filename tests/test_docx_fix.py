"""``--fix`` and ``annotate`` on Word files made with python-docx: formatting, styles,
numbering, tables, headers, existing comments and other parts survive; a file that cannot
be read is never written; no letter, digit or Chinese character is ever changed."""

import io
import re
import shutil

import docx
import pytest
from conftest import run_relint
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wordfiles import anchored, part, parts, views

TITLE = "关于2024年度法治政府建设情况的报告"
BODY = ["2024年,我局坚持依法行政,全面推进法治政府建设。", "一是健全制度体系;二是规范执法行为。"]


def _document():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "某某市司法局"
    title = document.add_paragraph()
    title.add_run(TITLE).bold = True
    style = document.styles.add_style("报告正文", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    style.font.size = Pt(16)
    for text in BODY:
        document.add_paragraph(text, style="报告正文")
    document.add_paragraph("加强行政执法监督,落实执法责任制。", style="List Number")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "完成率100%,同比提高5个百分点"
    first = document.paragraphs[1]
    document.add_comment(first.runs, text="请核对数据", author="审核人", initials="SH")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(_document())
    return path


def test_fix_keeps_bold_title_named_style_numbering_table_header_and_comments(report):
    before = report.read_bytes()
    done = run_relint("--fix", str(report))
    assert done.returncode in (0, 1), done.stderr
    after = report.read_bytes()
    document = docx.Document(str(report))
    title, first, second, numbered = document.paragraphs[:4]
    assert title.text == TITLE and title.runs[0].bold
    assert first.text == "2024年，我局坚持依法行政，全面推进法治政府建设。" and first.style.name == "报告正文"
    assert second.text == "一是健全制度体系；二是规范执法行为。" and second.style.name == "报告正文"
    assert numbered.text == "加强行政执法监督，落实执法责任制。" and numbered.style.name == "List Number"
    assert document.tables[0].cell(0, 1).text == "完成率100%，同比提高5个百分点"
    assert document.sections[0].header.paragraphs[0].text == "某某市司法局"
    assert [c.text for c in document.comments] == ["请核对数据"]
    old, new = parts(before), parts(after)
    assert old.keys() == new.keys()
    assert {name for name in old if old[name] != new[name]} == {"word/document.xml"}
    # the commented run is still the anchor of the comment
    assert list(anchored(after).values()) == ["2024年，我局坚持依法行政，全面推进法治政府建设。"]
    run_relint("--fix", str(report))
    assert report.read_bytes() == after  # idempotent


def test_fix_changes_only_the_runs_an_edit_falls_in(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    for text, bold in (("关于", False), ("2024", True), ("年度工作,", False), ("现报告如下。", True)):
        paragraph.add_run(text).bold = bold
    path = tmp_path / "runs.docx"
    document.save(str(path))
    before = [r._r.xml for r in docx.Document(str(path)).paragraphs[0].runs]
    run_relint("--fix", str(path))
    runs = docx.Document(str(path)).paragraphs[0].runs
    assert [r.text for r in runs] == ["关于", "2024", "年度工作，", "现报告如下。"]
    assert [r.bold for r in runs] == [False, True, False, True]
    assert [r._r.xml for r in runs][:2] + [runs[3]._r.xml] == before[:2] + [before[3]]


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"plain text, not a package"])
def test_fix_never_touches_a_file_it_cannot_read(tmp_path, data):
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    done = run_relint("--fix", str(path))
    assert done.returncode == 2 and b"broken.docx" in done.stderr
    assert path.read_bytes() == data


def test_annotate_numbered_paragraph_keeps_its_word_numbering(report, tmp_path):
    out = tmp_path / "out.docx"
    done = run_relint("annotate", str(report), "-o", str(out))
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    rejected, accepted = views(data)
    assert rejected == views(report.read_bytes())[0]
    assert accepted[3] == "加强行政执法监督，落实执法责任制。"  # the mark 1. stays Word's numbering
    assert b"numPr" in part(data, "word/styles.xml") and part(data, "word/numbering.xml") == part(
        report.read_bytes(), "word/numbering.xml")
    comments = part(data, "word/comments.xml").decode()
    assert "请核对数据" in comments  # the reviewer's comment is kept
    ids = re.findall(r'<w:comment w:id="(\d+)"', comments)
    changes = re.findall(r'<w:(?:ins|del) w:id="(\d+)"', part(data, "word/document.xml").decode())
    assert len(set(ids + changes)) == len(ids + changes)  # ids never reused
    assert len(ids) > 1


def test_annotate_never_overwrites_the_original_unless_asked(report):
    before = report.read_bytes()
    done = run_relint("annotate", str(report), "-o", str(report))
    assert done.returncode == 2 and b"--overwrite" in done.stderr
    assert report.read_bytes() == before
    done = run_relint("annotate", str(report))
    assert done.returncode == 0 and (report.parent / "report.relint.docx").exists()
    assert report.read_bytes() == before
    assert run_relint("annotate", str(report), "-o", str(report), "--overwrite").returncode == 0
    assert views(report.read_bytes())[0] == views(before)[0]


def test_annotate_a_text_report_into_a_new_docx(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(TITLE + "\n" + "\n".join(BODY) + "\n", encoding="utf-8")
    done = run_relint("annotate", str(source))
    assert done.returncode == 0, done.stderr
    rejected, accepted = views((tmp_path / "report.relint.docx").read_bytes())
    assert rejected[:3] == [TITLE, *BODY]
    assert accepted[1] == "2024年，我局坚持依法行政，全面推进法治政府建设。"


_PIECES = st.sampled_from(list("法治政府建设年度报告依法行政甲乙ABCxyz0123456789") + [",", ".", ";", ":", "(", ")", " ", "  ",
                                                                                "!", "?", "--", "“", "”", "**"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.lists(_PIECES, min_size=1, max_size=6).map("".join), min_size=1, max_size=5),
                min_size=1, max_size=6))
def test_fix_never_changes_a_letter_digit_or_chinese_character_and_is_idempotent(tmp_path_factory, paragraphs):
    from linter.config import Settings
    from linter.docx_fix import fix_file
    from linter.engine import Registry
    from linter.fixer import FixMode

    registry = Registry()
    document = docx.Document()
    for runs in paragraphs:
        paragraph: Paragraph = document.add_paragraph()
        for index, text in enumerate(runs):
            paragraph.add_run(text).italic = bool(index % 2)
    path = tmp_path_factory.mktemp("prop") / "p.docx"
    document.save(str(path))
    before = views(path.read_bytes())[0]
    fix_file(registry, str(path), Settings(), FixMode())
    once = path.read_bytes()
    after = views(once)[0]
    keep = re.compile(r"[\w\u4e00-\u9fff]")
    assert ["".join(keep.findall(t)) for t in after] == ["".join(keep.findall(t)) for t in before]
    fix_file(registry, str(path), Settings(), FixMode())
    assert path.read_bytes() == once
    shutil.rmtree(path.parent)


def test_annotate_refuses_a_mistyped_rule_code_as_a_lint_run_does(report):
    done = run_relint("annotate", str(report), "--select", "X999")
    assert done.returncode == 2 and b"X999" in done.stderr
    assert not (report.parent / "report.relint.docx").exists()  # nothing reviewed with no rule selected
