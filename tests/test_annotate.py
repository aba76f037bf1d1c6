"""``relint annotate`` on Word files made by LibreOffice from the seed reports: one comment
per finding without a writable safe fix, tracked changes for the others, reject-all gives
the original text, accept-all gives what ``--fix`` writes, and LibreOffice opens the copy
and shows the comments (a page is rendered to test-artifacts/ to look at)."""

import collections
import re
import shutil
import subprocess
import time

import pytest
from conftest import ROOT, SEEDS, lint_file, run_relint
from wordfiles import W, anchored, convert, paragraphs, part, views

pytestmark = pytest.mark.slow
PDF_WITH_COMMENTS = ('pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},'
                     '"ExportNotesInMargin":{"type":"boolean","value":"true"}}')


def writable(diagnostic) -> bool:
    fix = diagnostic.fix
    return (fix is not None and fix.applicability == "safe"
            and all(e.span.line == e.span.end_line and "\n" not in e.content for e in fix.edits))


def expected_anchor(texts, span) -> str:
    line = texts[span.line - 1]
    start, end = span.column - 1, span.end_column - 1
    if span.end_line != span.line:
        return "\n".join([line[start:], *texts[span.line:span.end_line - 1], texts[span.end_line - 1][:end]])
    if start == end:
        start, end = (start, end + 1) if end < len(line) else (start - 1, end)
    return line[start:end]


@pytest.fixture(scope="module")
def seed_docx(soffice, tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    convert(soffice, "docx:MS Word 2007 XML", SEEDS, folder, tmp_path_factory.mktemp("profile"))
    files = sorted(folder.glob("*.docx"))
    assert len(files) == len(SEEDS)
    return files


@pytest.fixture(scope="module")
def reviewed(registry, seed_docx, tmp_path_factory):
    """Each seed's .docx and its reviewed copy, written by the command, with the time taken."""
    out = tmp_path_factory.mktemp("reviewed")
    copies = []
    for path in seed_docx:
        started = time.perf_counter()
        done = run_relint("annotate", str(path), "-o", str(out))
        elapsed = time.perf_counter() - started
        assert done.returncode == 0, done.stderr
        copies.append((path, out / path.name.replace(".docx", ".relint.docx"), elapsed))
    return copies


def test_one_comment_per_finding_without_a_safe_fix_and_changes_for_the_rest(registry, reviewed):
    for original, copy, _ in reviewed:
        diagnostics = lint_file(registry, original).diagnostics
        data = copy.read_bytes()
        comments = re.findall(rb'<w:comment w:id="(\d+)"', part(data, "word/comments.xml") or b"")
        commented = [d for d in diagnostics if not writable(d)]
        assert len(comments) == len(commented), original.name
        document = part(data, "word/document.xml").decode()
        for marker in ("commentRangeStart", "commentRangeEnd", "commentReference"):
            assert sorted(re.findall(rf'<w:{marker} w:id="(\d+)"', document)) == sorted(c.decode() for c in comments)
        # each comment stands on the exact text of its finding and starts with the finding's code
        texts = [p.text for p in __import__("docx").Document(str(original)).paragraphs]
        bodies = dict(re.findall(r'<w:comment w:id="(\d+)".*?<w:t[^>]*>(\S+) ', part(data, "word/comments.xml")
                                 .decode(), flags=re.S))
        got = collections.Counter((bodies[key], text) for key, text in anchored(data).items())
        assert got == collections.Counter((d.code, expected_anchor(texts, d.span)) for d in commented)
        # the safe fixes are tracked changes by relint, in the paragraphs of their findings
        changes = re.findall(r'<w:(ins|del) w:id="\d+" w:author="([^"]+)" w:date="[0-9T:Z-]+"', document)
        tracked = {d.span.line for d in diagnostics if writable(d)}
        assert bool(changes) == bool(tracked) and {author for _, author in changes} <= {"relint"}
        rejected, accepted = views(data)
        assert {i + 1 for i, (a, b) in enumerate(zip(rejected, accepted)) if a != b} == tracked


def test_reject_all_gives_the_original_and_accept_all_gives_fix(reviewed, tmp_path):
    for original, copy, _ in reviewed:
        rejected, accepted = views(copy.read_bytes())
        assert rejected == views(original.read_bytes())[0]
        fixed = tmp_path / original.name
        shutil.copy(original, fixed)
        run_relint("--fix", str(fixed))
        assert views(fixed.read_bytes())[0] == accepted, original.name
        before = fixed.read_bytes()
        run_relint("--fix", str(fixed))
        assert fixed.read_bytes() == before  # a second run changes nothing


def test_untouched_parts_and_paragraphs_are_kept_byte_for_byte(reviewed):
    from lxml import etree

    for original, copy, _ in reviewed:
        before, after = original.read_bytes(), copy.read_bytes()
        rejected, accepted = views(after)
        old, new = paragraphs(before), paragraphs(after)
        for index, (a, b) in enumerate(zip(old, new)):
            if rejected[index] == accepted[index] and b.find(f".//{W}commentRangeStart") is None \
                    and b.find(f".//{W}commentRangeEnd") is None:
                assert etree.tostring(a) == etree.tostring(b)
        for name in ("word/styles.xml", "word/settings.xml", "word/fontTable.xml", "docProps/core.xml"):
            assert part(before, name) == part(after, name)


def test_the_reviewed_copy_opens_in_libreoffice_with_its_comments(soffice, reviewed, tmp_path):
    """Converted to PDF by LibreOffice with its comments; page 1 rendered for a look."""
    pdfs = tmp_path / "pdf"
    convert(soffice, PDF_WITH_COMMENTS, [copy for _, copy, _ in reviewed], pdfs, tmp_path / "profile")
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    for original, copy, _ in reviewed:
        pdf = (pdfs / copy.name).with_suffix(".pdf")
        data = pdf.read_bytes()
        notes = re.findall(rb"/Subtype\s*/Text\b", data)
        comments = re.findall(rb"<w:comment ", part(copy.read_bytes(), "word/comments.xml") or b"")
        assert len(notes) == len(comments)
        contents = [bytes.fromhex(h.decode()).decode("utf-16") for h in re.findall(rb"/Contents\s*<([0-9A-F]+)>", data)]
        assert all(re.match(r"[A-Z]\d{3} ", text) for text in contents) and len(contents) == len(comments)
        stem = artifacts / f"annotate-{original.stem}"
        subprocess.run(["pdftoppm", "-r", "80", "-f", "1", "-l", "1", "-png", str(pdf), str(stem)],
                       check=True, capture_output=True, timeout=120)
        assert list(artifacts.glob(f"{stem.name}*.png"))


def test_annotate_is_quick(reviewed):
    """The whole command, start-up included, for a report of a few pages."""
    for original, _, elapsed in reviewed:
        assert elapsed < 10, (original.name, elapsed)


def test_html_into_a_folder_links_each_word_report_to_its_reviewed_copy(tmp_path):
    """``--format html -o FOLDER``: FOLDER/index.html, and beside it the reviewed copy of each
    .docx input (two inputs of the same name get two copies), linked from the page."""
    import json

    formats = ROOT / "fixtures" / "formats"
    (tmp_path / "other").mkdir()
    twin = tmp_path / "other" / "000.docx"
    shutil.copy(formats / "000.docx", twin)
    out = tmp_path / "page"
    done = run_relint("--format", "html", "-o", f"{out}/", str(formats / "000.docx"), str(twin), str(SEEDS[3]))
    assert done.returncode == 1 and done.stderr == b""
    assert sorted(p.name for p in out.iterdir()) == ["000-2.relint.docx", "000.relint.docx", "index.html"]
    page = (out / "index.html").read_text(encoding="utf-8")
    shown = [json.loads(page.split(f'id="report-data-{n}">')[1].split("</script>")[0]) for n in (1, 2, 3)]
    assert [d.get("reviewed") for d in shown] == ["000.relint.docx", "000-2.relint.docx", None]
    expected = run_relint("annotate", "-o", str(tmp_path / "alone.docx"), str(formats / "000.docx"))
    assert expected.returncode in (0, 1)
    assert anchored((out / "000.relint.docx").read_bytes()) == anchored((tmp_path / "alone.docx").read_bytes())
    assert anchored((out / "000.relint.docx").read_bytes())  # comments are there
