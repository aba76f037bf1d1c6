"""--format xlsx and csv: the collecting office's workbook (read back with openpyxl, and
opened by a real LibreOffice Calc) and the findings as CSV; input errors are rows."""

import csv
import io
import json
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS, run_relint

MISSING = "missing-report.txt"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "relint.xlsx"
    done = run_relint("--format", "xlsx", "-o", str(out), *map(str, SEEDS), MISSING)
    assert done.returncode == 2  # the missing file is an input error, and the rest is still there
    return out


def test_workbook_sheets_rows_and_layout(workbook):
    from openpyxl import load_workbook

    book = load_workbook(workbook)
    assert book.sheetnames == ["总览", "问题", "规则"]
    overview, findings, rules = (book[name] for name in book.sheetnames)
    rows = list(overview.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("文件", "主体", "主体类型", "类型") and "存在的不足和原因" in header
    assert [r[0] for r in rows[1:]] == [str(p) for p in SEEDS] + [MISSING]
    assert rows[-1][header.index("输入错误")] == "E001"
    assert overview.freeze_panes == "A2" and overview.auto_filter.ref == f"A1:{overview.cell(1, len(header)).column_letter}7"
    shortcomings = header.index("存在的不足和原因")
    assert rows[1][shortcomings] == "✗" and overview.cell(2, shortcomings + 1).fill.start_color.rgb.endswith("FFC7CE")
    assert rows[3][header.index("逾期天数")] == 6  # seed 002: dated 2023-03-07, due 2023-03-01
    json_findings = run_relint("--format", "csv", *map(str, SEEDS), MISSING).stdout.decode("utf-8-sig")
    assert findings.max_row - 1 == len(json_findings.splitlines()) - 1
    assert ("E001" in [r[3] for r in findings.iter_rows(values_only=True)])
    counted = {r[0]: r[3] for r in list(rules.iter_rows(values_only=True))[1:]}
    assert sum(counted.values()) == findings.max_row - 2  # every finding but the input error
    assert findings.auto_filter.ref.startswith("A1:")


def test_english_headers(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "en.xlsx"
    run_relint("--format", "xlsx", "--lang", "en", "-o", str(out), str(SEEDS[0]))
    book = load_workbook(out)
    assert book.sheetnames == ["Overview", "Findings", "Rules"]
    assert next(book["Overview"].iter_rows(values_only=True))[:3] == ("File", "Issuer", "Issuer type")


def test_csv_has_every_finding_and_input_errors():
    done = run_relint("--format", "csv", *map(str, SEEDS), MISSING)
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8-sig"))))
    assert rows[0] == ["文件", "行", "列", "规则", "级别", "问题", "怎么改", "依据"]
    files = json.loads(run_relint("--format", "json", *map(str, SEEDS), MISSING).stdout)["files"]
    assert len(rows) - 1 == sum(len(f["diagnostics"]) for f in files)  # JSON lists the input error too
    assert [r[:4] for r in rows if r[0] == MISSING] == [[MISSING, "", "", "E001"]]


@pytest.mark.slow
def test_300_reports_open_in_libreoffice_calc(soffice_calc, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench import seed_folder  # the five seeds, years shifted: real text

    folder = seed_folder(tmp_path / "reports", 300)
    out = tmp_path / "relint.xlsx"
    done = run_relint("--format", "xlsx", "--no-cache", "-o", str(out), str(folder))
    assert done.returncode in (0, 1), done.stderr
    converted = subprocess.run([soffice_calc, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                                str(tmp_path / "csv"), str(out)], capture_output=True, timeout=300)
    assert converted.returncode == 0, converted.stderr
    with open(tmp_path / "csv" / "relint.csv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "文件" and len(rows) == 301  # the header and 300 reports in 总览
    assert {r[0] for r in rows[1:]} == {str(p) for p in folder.rglob("*.txt")}
