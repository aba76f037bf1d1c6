"""W008: a file relint does not recognise as a report gets one information finding and
no structural finding at error or warning level (before, look-alikes got S001 as an
error or S003 as information depending on whether they had a title)."""

import json

import pytest
from conftest import FIXTURES, codes, lint_file, lint_text, run_relint

LOOK_ALIKES = {
    "disclosure": "XX市2023年政府信息公开工作年度报告\n一、总体情况\n主动公开政府信息1250条。\n二、存在的主要问题\n解读形式单一。\n",
    "interpretation": "图解：XX区2023年度法治政府建设年度报告解读\n一、报告说了什么\n全年审查文件18件。\n",
    "notice": "关于报送2024年度法治政府建设情况报告的通知\n各乡镇、各部门：\n请于2025年2月20日前报送。\n",
    "plan": "XX县法治政府建设实施方案（2021—2025年）\n一、总体要求\n到2025年，法治政府基本建成。\n",
    "news without title": "记者从县司法局获悉，2024年该局审查规范性文件18件。\n局长表示，下一步将继续推进依法行政。\n",
}


@pytest.mark.parametrize("name", LOOK_ALIKES)
def test_a_look_alike_gets_one_info_finding_and_no_structural_error(registry, name):
    result = lint_text(registry, LOOK_ALIKES[name], select=("ALL",))
    assert result.report.kind == "unknown"
    assert [d.code for d in result.diagnostics if d.code == "W008"] == ["W008"]
    structural = [d.code for d in result.diagnostics if d.code.startswith("S") and d.severity != "info"]
    assert structural == []


# A real look-alike from the corpus (a township's work points on a document site): its
# quotations really are mismatched (“…〞), which T002 reports as an error on a report.
WORK_POINTS = FIXTURES / "corpus" / "texts" / "026.txt"


def test_a_look_alike_gets_no_error_level_finding_and_keeps_what_its_text_has(registry):
    result = lint_file(registry, WORK_POINTS)
    assert result.report.kind == "unknown"
    assert "T002" in codes(result)  # still reported: true of the text
    assert {d.severity for d in result.diagnostics} <= {"info", "warning"}


def test_the_cap_on_unknown_kind_is_configurable_and_spares_recognised_reports(registry):
    uncapped = lint_file(registry, WORK_POINTS, unknown_kind_severity="error")
    assert [d.severity for d in uncapped.diagnostics if d.code == "T002"][:1] == ["error"]
    quiet = lint_file(registry, WORK_POINTS, unknown_kind_severity="info")
    assert {d.severity for d in quiet.diagnostics} == {"info"}
    as_report = lint_file(registry, WORK_POINTS, kind="annual")  # forced kind: no cap
    assert "error" in {d.severity for d in as_report.diagnostics if d.code == "T002"}


def test_unknown_kind_severity_is_read_from_the_config(tmp_path):
    (tmp_path / "relint.toml").write_text('unknown-kind-severity = "info"\n', encoding="utf-8")
    target = tmp_path / "026.txt"
    target.write_bytes(WORK_POINTS.read_bytes())
    done = run_relint("--no-cache", "--format", "json", str(target), cwd=tmp_path)
    severities = {d["severity"] for f in json.loads(done.stdout)["files"] for d in f["diagnostics"]}
    assert severities == {"info"} and done.returncode == 0
    (tmp_path / "relint.toml").write_text('unknown-kind-severity = "fatal"\n', encoding="utf-8")
    assert run_relint("--no-cache", str(target), cwd=tmp_path).returncode == 2
