"""Reports as they arrive: PDF, saved web pages, old Word .doc and WPS, OFD. The twins in
fixtures/formats/ were made from the seeds by real tools (fixtures/formats/regenerate.py):
each must give the same report as the .txt it was made from."""

import json
import re
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, SEEDS, lint_file, run_relint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.config import Settings
from linter.engine import lint_source, read_source
from linter.sources import MAX_UNPACKED_MARKUP, InputError

FORMATS = FIXTURES / "formats"
TWINS = [(seed, seed.name[:3]) for seed in SEEDS] + [(FIXTURES / "clean" / f"{n}.txt", f"clean-{n}")
                                                      for n in ("annual", "duty")]
SUFFIXES = ("pdf", "html", "doc")
#: .mhtml: the web pages as Chromium saves them in one file
TWIN_SUFFIXES = SUFFIXES + ("mhtml",)


def _facts(result):
    report = result.report
    title = report.title.text.replace(" ", "") if report.title else None
    return report.kind, report.year, title, report.issuer, report.date


def _structure(result):
    return sorted(d.code for d in result.diagnostics if d.code[0] in "SD")


@pytest.mark.parametrize("suffix", TWIN_SUFFIXES)
@pytest.mark.parametrize("txt,name", TWINS, ids=[name for _, name in TWINS])
def test_each_twin_gives_the_report_of_its_text(registry, txt, name, suffix):
    plain = lint_file(registry, txt)
    twin = lint_file(registry, FORMATS / f"{name}.{suffix}")
    kind, year, title, issuer, date = _facts(twin)
    if suffix in ("html", "mhtml") and title != _facts(plain)[2]:
        # a page whose title is only in <h1> writes the issuer line and title as one
        title = title.removeprefix(issuer)
    assert (kind, year, title, issuer, date) == _facts(plain)
    assert _structure(twin) == _structure(plain)
    if name.startswith("clean"):
        assert twin.diagnostics == []
    # layout line breaks are joined: no sentence is reported broken that the text has whole
    assert [d.code for d in twin.diagnostics].count("T005") == [d.code for d in plain.diagnostics].count("T005")


@pytest.mark.parametrize("txt,name", TWINS, ids=[name for _, name in TWINS])
def test_pdf_paragraphs_are_the_paragraphs_of_the_text(registry, txt, name):
    """Lines the page width broke are joined, page breaks too; running footers and page
    numbers are gone. Only spaces differ: the ones LibreOffice typeset as a gap."""
    source = read_source(registry, str(FORMATS / f"{name}.pdf"))
    paragraphs = [line.strip() for line in txt.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert [line.replace(" ", "") for line in source.lines] == [p.replace(" ", "") for p in paragraphs]
    assert any(re.fullmatch(r"— \d+ —", line) for line in source.display_lines)
    assert source.pages[-1] > 1 or name.startswith("clean")


def test_pdf_keeps_only_the_spaces_its_text_layer_holds(registry):
    """002 has "2022 年" typed with a space; LibreOffice also leaves a gap between Chinese and
    digits that pdfium fills with a generated space: that one is not reported."""
    pdf = lint_file(registry, FORMATS / "002.pdf", select=("T006",))
    plain = lint_file(registry, SEEDS[2], select=("T006",))
    assert 0 < len(pdf.diagnostics) <= len(plain.diagnostics)
    source = read_source(registry, str(FORMATS / "002.pdf"))
    assert "省信访局2022 年法治政府建设年度报告" in source.lines[0]


def test_pdf_findings_point_at_the_page_line(registry):
    result = lint_file(registry, FORMATS / "002.pdf", select=("T003",))
    (finding,) = result.diagnostics
    span = finding.span
    assert result.source.display_lines[span.line - 1][span.column - 1:span.end_column - 1] == "and"
    assert result.report.places.page_line(span.line) == (1, 3)
    checklist = run_relint("--no-cache", "--format", "checklist", str(FORMATS / "002.pdf")).stdout.decode()
    assert "✓ 存在的不足和原因: 第4页第3行 标题「二、推进法治政府建设存在的不足和原因」" in checklist
    page = run_relint("--format", "html", str(FORMATS / "002.pdf")).stdout.decode()
    shown = json.loads(page.split('id="report-data-1">')[1].split("</script>")[0])  # what the page marks
    (line, column, _, end, *_), = [f for f in shown["findings"] if f[6] == "T003"]
    assert shown["lines"][line - 1][column - 1:end - 1] == "and"


@pytest.mark.parametrize("name,code,cause", [
    ("scanned.pdf", "E005", "没有文字层"),
    ("encrypted.pdf", "E002", "已加密"),
])
def test_scanned_and_encrypted_pdf_are_input_errors(name, code, cause):
    done = run_relint(str(FORMATS / name), str(SEEDS[0]))
    errors = done.stderr.decode().strip().splitlines()
    assert done.returncode == 2
    assert len(errors) == 1 and errors[0].startswith(str(FORMATS / name)) and code in errors[0] and cause in errors[0]
    assert "Traceback" not in done.stderr.decode()
    assert str(SEEDS[0]) in done.stdout.decode()  # the other file is still linted


@pytest.mark.parametrize("suffix", TWIN_SUFFIXES)
def test_truncated_and_corrupt_files_name_the_cause(registry, suffix):
    data = (FORMATS / f"000.{suffix}").read_bytes()
    for broken in (data[: len(data) // 2], data[:40], b"\x00" * 100):
        source = read_source(registry, f"x.{suffix}", broken)
        if suffix in ("pdf", "doc"):
            assert isinstance(source, InputError) and source.code == "E002", source
        else:  # half a page is still half a page of text; bytes that are no page are not
            assert isinstance(source, InputError) or source.lines


def test_doc_paragraphs_are_the_lines_of_the_text(registry):
    for txt, name in TWINS:
        source = read_source(registry, str(FORMATS / f"{name}.doc"))
        assert source.lines == txt.read_text(encoding="utf-8").split("\n"), name
    checklist = run_relint("--no-cache", "--format", "checklist", str(FORMATS / "002.doc")).stdout.decode()
    assert "✓ 存在的不足和原因: 第21段 标题「二、推进法治政府建设存在的不足和原因」" in checklist


def test_doc_is_read_by_content_not_by_name(registry, tmp_path):
    """WPS Office writes .wps in the Word 97 format, so a .doc renamed .wps is what it writes;
    a .docx or a saved web page under a .doc name goes to its own reader."""
    plain = lint_file(registry, SEEDS[2])
    for source_name, target in (("002.doc", "r.wps"), ("002.docx", "r.doc"), ("002.html", "page.doc")):
        shutil.copy(FORMATS / source_name, tmp_path / target)
        twin = lint_file(registry, tmp_path / target)
        assert _structure(twin) == _structure(plain), target
        assert twin.report.format == ("html" if target == "page.doc" else "doc")


def test_a_doc_that_needs_libreoffice_says_so_when_it_is_missing(tmp_path):
    shutil.copy(FORMATS / "clean-duty.rtf", tmp_path / "r.doc")
    done = run_relint("r.doc", cwd=tmp_path, env={"PATH": str(tmp_path)})
    assert done.returncode == 2
    assert done.stderr.decode().strip() == "r.doc: E002 这是 RTF 文件；安装 LibreOffice 后可读取，或另存为 .docx"


@pytest.mark.slow
def test_a_doc_that_needs_libreoffice_is_converted(registry, soffice, tmp_path):
    shutil.copy(FORMATS / "clean-duty.rtf", tmp_path / "r.doc")
    converted = lint_file(registry, tmp_path / "r.doc")
    assert converted.report.format == "doc" and converted.diagnostics == []
    assert _facts(converted) == _facts(lint_file(registry, FIXTURES / "clean" / "duty.txt"))


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_fix_says_it_does_not_rewrite_the_format(tmp_path, suffix):
    target = tmp_path / f"r.{suffix}"
    shutil.copy(FORMATS / f"002.{suffix}", target)
    before = target.read_bytes()
    done = run_relint("--fix", str(target))
    assert f"does not rewrite {suffix} files" in done.stdout.decode() + done.stderr.decode()
    assert target.read_bytes() == before


def test_web_page_furniture_is_dropped_and_publication_is_checked(registry):
    furniture = ("索引号", "发布机构", "打印本页", "关闭窗口", "ICP备", "相关文章", "当前位置", "您现在的位置", "分享",
                 "浏览次数", "网站地图", "首页")
    for _, name in TWINS:
        source = read_source(registry, str(FORMATS / f"{name}.html"))
        assert not [line for line in source.lines if any(word in line for word in furniture)], name
        assert source.published is not None
    checklist = run_relint("--no-cache", "--format", "checklist", str(FORMATS / "004.html"),
                           str(FORMATS / "000.html")).stdout.decode()
    assert "公开: 2026-04-15 (公开时限 2026-04-01，逾期公开)" in checklist
    assert "公开: 2025-03-28 (公开时限 2025-04-01，按时公开)" in checklist
    english = run_relint("--no-cache", "--lang", "en", "--format", "checklist", str(FORMATS / "004.html")).stdout
    assert "Published: 2026-04-15 (publication due 2026-04-01: late)" in english.decode()


def test_gb2312_page_and_meta_only_date(registry):
    page = (FORMATS / "001.html").read_bytes()
    assert b"charset=gb2312" in page
    assert read_source(registry, "p.html", page).lines[1] == "关于2024年法治政府建设情况的汇报"
    bare = ('<html><head><meta name="PubDate" content="2025-03-30 10:00"></head><body><div><h1>XX县司法局2024年法治政府'
            '建设年度报告</h1><p>一、主要举措和成效</p><p>全年审查规范性文件18件。</p></div></body></html>')
    source = read_source(registry, "p.htm", bare.encode())
    assert str(source.published) == "2025-03-30" and source.lines[0].startswith("XX县司法局")


def test_ofd_text_objects_in_page_order(registry):
    """A two-page 公文 from the ofdrw project: lines broken by the page width are joined,
    the page numbers are dropped, the signature is on page 2."""
    source = read_source(registry, str(FORMATS / "ofdrw" / "n.ofd"))
    assert source.lines[:4] == ["测试符路桥区卫生局文件", "路卫发〔2011〕76号", "关于同意张阿三同志辞职的批复", "区中医院："]
    assert source.lines[4] == "你院《关于给张阿三同志辞职的请示》（路中医发〔2011〕10号）收悉。"
    assert source.lines[6].endswith("经研究，同意张阿三同志辞职。") and len(source.lines) == 10
    assert "— 1 —" in source.display_lines and not any("—" in line for line in source.lines)
    result = lint_source(registry, source, Settings())
    places = result.report.places
    assert places.page_line(places.original_line(9)) == (2, 2)
    hello = read_source(registry, str(FORMATS / "ofdrw" / "helloworld.ofd"))
    assert hello.lines == ["你好呀，OFD Reader&Writer！"]


def test_ofd_without_text_damaged_or_a_zip_bomb(registry, tmp_path):
    import io
    import zipfile

    assert read_source(registry, str(FORMATS / "ofdrw" / "Page5.ofd")).code == "E005"
    data = (FORMATS / "ofdrw" / "n.ofd").read_bytes()
    assert read_source(registry, "t.ofd", data[: len(data) // 2]).code == "E002"
    assert read_source(registry, "t.ofd", (FORMATS / "002.docx").read_bytes()).code == "E002"  # no OFD.xml
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", b"<OFD/>")
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", b" " * (MAX_UNPACKED_MARKUP + 1))
    refused = read_source(registry, "bomb.ofd", bomb.getvalue())
    assert refused.code == "E002" and "压缩炸弹" in refused.cause_zh
    target = tmp_path / "n.ofd"
    shutil.copy(FORMATS / "ofdrw" / "n.ofd", target)
    done = run_relint("--fix", str(target))
    assert "does not rewrite ofd files" in done.stdout.decode() + done.stderr.decode()
    assert target.read_bytes() == data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000), st.sampled_from([".pdf", ".html", ".htm", ".mhtml", ".doc", ".wps", ".ofd"]))
def test_random_bytes_never_raise_in_the_new_readers(registry, data, suffix):
    source = read_source(registry, f"fuzz{suffix}", data)
    if not isinstance(source, InputError):
        lint_source(registry, source, Settings())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(["clean-duty.pdf", "clean-duty.doc", "ofdrw/n.ofd"]))
def test_damaged_real_files_never_raise(registry, data, name):
    original = (FORMATS / name).read_bytes()
    at = data.draw(st.integers(0, len(original) - 1))
    junk = data.draw(st.binary(min_size=1, max_size=64))
    source = read_source(registry, f"d{name[name.rindex('.'):]}", original[:at] + junk + original[at + len(junk):])
    if not isinstance(source, InputError):
        lint_source(registry, source, Settings())


def test_a_txt_run_imports_no_reader_of_the_new_formats(tmp_path):
    command = [sys.executable, "-X", "importtime", "-m", "linter", "--no-cache", str(SEEDS[0])]
    subprocess.run(command, capture_output=True, cwd=tmp_path, timeout=60)
    done = subprocess.run(command, capture_output=True, cwd=tmp_path, timeout=60)
    modules = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.decode().splitlines() if "|" in line}
    assert "lark" in modules
    assert not {m for m in modules if m.split(".")[0] in {"pypdfium2", "selectolax", "olefile"}
                or m.startswith(("linter.readers.pdf", "linter.readers.html", "linter.readers.doc",
                                 "linter.readers.ofd"))}


@pytest.mark.slow
def test_regenerated_twins_read_like_the_committed_ones(registry, soffice, tmp_path):
    """The committed twins are what the script makes with the real LibreOffice."""
    subprocess.run([sys.executable, str(FORMATS / "regenerate.py"), str(tmp_path), "002"], check=True, timeout=600)
    for suffix in ("pdf", "doc"):
        fresh = read_source(registry, str(tmp_path / f"002.{suffix}"))
        committed = read_source(registry, str(FORMATS / f"002.{suffix}"))
        assert fresh.lines == committed.lines


@pytest.mark.slow
@pytest.mark.usefixtures("chromium")
def test_mhtml_saved_by_chromium_reads_like_its_page(registry, tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("regenerate", FORMATS / "regenerate.py")
    regenerate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(regenerate)
    regenerate.mhtml_snapshot(FORMATS / "001.html", tmp_path / "001.mhtml")  # the GB2312 page
    saved = read_source(registry, str(tmp_path / "001.mhtml"))
    page = read_source(registry, str(FORMATS / "001.html"))
    assert saved.lines == page.lines and saved.published == page.published
