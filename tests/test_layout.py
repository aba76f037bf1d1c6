"""Layout rules (L) and the effective-formatting resolver on Word files made by real tools:
a GB/T 9704 template saved by Word (fixtures/docx), python-docx's default template (made by
Word), and LibreOffice's own styles."""

import io

import docx
import pytest
from conftest import FIXTURES, SEEDS, lint_file, run_relint
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt
from wordfiles import convert, word_template

REPORT = [
    ("Title", "某某市司法局2024年度法治政府建设情况报告"),
    ("Normal", "2024年，我局坚持以习近平法治思想为指导，全面推进法治政府建设，现将有关情况报告如下。"),
    ("Heading 2", "2024年度推进法治政府建设的主要举措和成效"),
    ("Heading 3", "健全依法决策机制"),
    ("Normal", "严格落实重大行政决策程序，全年审查规范性文件12件，合法性审查率100%。"),
    ("Heading 2", "2024年度推进法治政府建设存在的不足和原因"),
    ("Normal", "一是执法队伍专业化水平不高；二是基层法治力量薄弱，原因是培训投入不足。"),
    ("Heading 2", "党政主要负责人履行推进法治建设第一责任人职责情况"),
    ("Normal", "主要负责人亲自部署法治建设重要工作，年终述法。"),
    ("Heading 2", "2025年度推进法治政府建设的主要安排"),
    ("Normal", "2025年，我局将开展执法人员培训4期，实现行政执法三项制度全覆盖。"),
    ("Signature", "某某市司法局"),
    ("Date", "2025年1月20日"),
]


def _save(document, path):
    document.save(str(path))
    return path


def gbt9704_report(path):
    """A report written on the Word-made GB/T 9704 template's own styles."""
    document = word_template()
    body = document.element.body
    for child in list(body)[:-1]:  # keep the final sectPr (paper, margins, footers)
        body.remove(child)
    for style, text in REPORT:
        document.add_paragraph(text, style=style)
    return _save(document, path)


def plain_report(path):
    """The same text in python-docx's default template, as Word's defaults leave it."""
    document = docx.Document()
    for _, text in REPORT:
        document.add_paragraph(text)
    return _save(document, path)


def codes(registry, path):
    return sorted({d.code for d in lint_file(registry, path, select=("L",)).diagnostics})


def test_a_report_on_the_gbt9704_template_gets_no_layout_finding(registry, tmp_path):
    assert codes(registry, gbt9704_report(tmp_path / "ok.docx")) == []


def test_a_plain_default_file_gets_margin_font_size_and_spacing_findings(registry, tmp_path):
    found = lint_file(registry, plain_report(tmp_path / "plain.docx"), select=("L",)).diagnostics
    assert {"L001", "L002", "L003", "L006"} <= {d.code for d in found}
    messages = {d.code: d.message.zh for d in found}
    assert "上边距 25.4 mm（应为 37）" in messages["L001"]
    assert "宋体" in messages["L002"] and "11 磅" in messages["L003"]
    # one finding per wrong value, with the number of paragraphs, not one per paragraph
    assert [d.code for d in found].count("L002") == 1 and "共 " in messages["L002"]


def test_the_resolver_follows_styles_defaults_and_theme(tmp_path):
    from linter.readers.docx import read

    path = gbt9704_report(tmp_path / "ok.docx")
    source = read(path.read_bytes(), str(path))
    layout = source.layout
    assert layout.pages[0].top == 37.0 and layout.pages[0].width == 210.0
    assert layout.page_numbers.present and layout.page_numbers.size == 14 and layout.page_numbers.dashes
    assert layout.page_numbers.outside  # a frame aligned "outside"
    title, body = layout.paragraphs[0], layout.paragraphs[1]
    assert (title.format_of().font, title.format_of().size, title.align) == ("方正小标宋_GBK", 22, "center")
    assert (body.format_of().font, body.format_of().size, body.first_line_chars) == ("仿宋", 16, 2)
    assert body.line_height == pytest.approx(28.95)  # Word's document grid: 22 lines a page
    heading = layout.paragraphs[2]  # numbered by Word: the rebuilt mark is not formatted text
    assert source.lines[2].startswith("一、") and heading.format_of(0, 2) is None
    assert heading.format_of(2).font == "黑体"
    # python-docx's default template: the East Asian font comes from the theme
    plain = read(plain_report(tmp_path / "plain.docx").read_bytes(), "plain.docx").layout
    assert plain.paragraphs[0].format_of().font == "宋体" and plain.paragraphs[0].format_of().size == 11


def test_direct_formatting_and_character_styles(tmp_path):
    from linter.readers.docx import read

    document = docx.Document()
    base = document.styles.add_style("甲", WD_STYLE_TYPE.PARAGRAPH)
    base.font.size = Pt(16)
    derived = document.styles.add_style("乙", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = base
    emphasis = document.styles.add_style("强调", WD_STYLE_TYPE.CHARACTER)
    emphasis.font.size = Pt(20)
    paragraph = document.add_paragraph(style="乙")
    paragraph.add_run("正文文字")
    paragraph.add_run("强调文字强调文字", style="强调")
    direct = paragraph.add_run("直接")
    direct.font.size = Pt(12)
    layout = read(_save(document, tmp_path / "c.docx").read_bytes(), "c.docx").layout
    runs = layout.paragraphs[0].runs
    assert [r.size for r in runs] == [16, 20, 12]  # basedOn, character style, direct
    assert layout.paragraphs[0].format_of().size == 20  # most of the text


def test_a_cycle_of_based_on_styles_ends(tmp_path):
    from linter.readers.docx_layout import StyleResolver

    document = docx.Document()
    first = document.styles.add_style("甲", WD_STYLE_TYPE.PARAGRAPH)
    second = document.styles.add_style("乙", WD_STYLE_TYPE.PARAGRAPH)
    first.base_style, second.base_style = second, first  # a cycle Word would refuse
    second.font.size = Pt(16)
    assert len(StyleResolver(document).chain(first.style_id)) == 2
    document.add_paragraph("正文文字", style="甲")
    from linter.readers.docx import read

    layout = read(_save(document, tmp_path / "cycle.docx").read_bytes(), "cycle.docx").layout
    assert layout.paragraphs[0].format_of().size == 16  # inherited through the cycle, once


def test_layout_rules_stay_silent_on_text_input(registry):
    assert [d for d in lint_file(registry, SEEDS[0], select=("L",)).diagnostics] == []


def test_layout_findings_in_english(tmp_path):
    done = run_relint("--select", "L", "--lang", "en", str(plain_report(tmp_path / "plain.docx")))
    assert b"top 25.4 mm (expected 37)" in done.stdout and done.returncode == 1


@pytest.mark.slow
def test_libreoffice_styles(registry, soffice, tmp_path):
    """LibreOffice's defaults get the findings; the GB/T 9704 report saved again by
    LibreOffice (its own styles.xml and document.xml) keeps paper, fonts, sizes, spacing and
    indents, and loses what LibreOffice 7.4 does not write back: Word's "- 1 -" page-number
    format and outside frame (L008), and indents in characters (w:leftChars), which moves the
    signature and date line to the left (L009)."""
    made = tmp_path / "made"
    convert(soffice, "docx:MS Word 2007 XML", [SEEDS[0]], made, tmp_path / "profile")
    seed = next(made.glob("*.docx"))
    assert {"L001", "L002", "L003", "L006"} <= set(codes(registry, seed))
    report = gbt9704_report(tmp_path / "ok.docx")
    again = tmp_path / "again"
    convert(soffice, "docx:MS Word 2007 XML", [report], again, tmp_path / "profile")
    resaved = again / "ok.docx"
    assert b"LibreOffice" in __import__("zipfile").ZipFile(resaved).read("docProps/app.xml")
    assert codes(registry, resaved) == ["L008", "L009"]


def test_template_fixture_is_the_word_file(tmp_path):
    data = (FIXTURES / "docx" / "gbt9704-template-word.dotx").read_bytes()
    app = __import__("zipfile").ZipFile(io.BytesIO(data)).read("docProps/app.xml")
    assert b"Microsoft Office Word" in app


def test_a_provinces_own_template_is_set_through_the_rule_options(registry, tmp_path):
    """The GB/T 9704 values are the L rules' declared options: a config that describes the
    file's own template (here Word's default one) silences what it allows, and only that."""
    plain = plain_report(tmp_path / "plain.docx")
    setup = lint_file(registry, plain, select=("L",)).report.layout.pages[0]
    template = {side: round(getattr(setup, side), 2) for side in ("width", "height", "top", "bottom", "left", "right")}
    own = lint_file(registry, plain, select=("L",), lint=(("L001", template), ("body-font", {"fonts": ["宋体"]}),
                                                           ("L", {"size": 11.0})))
    assert {"L001", "L002", "L003"}.isdisjoint(d.code for d in own.diagnostics)
    assert "L006" in {d.code for d in own.diagnostics}  # line spacing was not changed
