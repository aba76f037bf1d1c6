"""W008: a file relint does not recognise as a report gets one information finding and
no structural finding at error or warning level (before, look-alikes got S001 as an
error or S003 as information depending on whether they had a title)."""

import pytest
from conftest import lint_text

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
