"""The example rule pack, installed into a fresh virtual environment next to relint:
its rule, report kind, reader and output format all work from the relint command."""

import json
import subprocess
import venv

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow
DEMO = ROOT / "examples" / "relint-plugin-demo"


def test_demo_plugin_adds_a_rule_a_kind_a_reader_and_a_format(tmp_path):
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    pip = [str(env / "bin" / "python"), "-m", "pip", "install", "-q"]
    done = subprocess.run(pip + [str(ROOT), str(DEMO)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    relint = str(env / "bin" / "relint")

    plugins = subprocess.run([relint, "--plugins"], capture_output=True, text=True).stdout
    assert "demo" in plugins and "relint-plugin-demo 0.1.0" in plugins

    report = {"lines": ["XX县人民政府2024年政府信息公开工作年度报告", "一、主动公开政府信息情况", "全年主动公开信息120条。",
                        "XX县人民政府", "2025年1月20日"]}
    (tmp_path / "r.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    checked = subprocess.run([relint, "--format", "json", "r.json"], cwd=tmp_path, capture_output=True, text=True)
    data = json.loads(checked.stdout)["files"][0]
    assert data["report"]["kind"] == "disclosure"  # the plugin's kind, read by the plugin's reader
    assert [d["code"] for d in data["diagnostics"]] == ["G001"]
    assert data["diagnostics"][0]["line"] == 1
    counted = subprocess.run([relint, "--format", "count", "r.json"], cwd=tmp_path, capture_output=True, text=True)
    assert counted.stdout == "1\tr.json\n"
    explained = subprocess.run([relint, "rule", "G001"], capture_output=True, text=True).stdout
    assert "政府信息公开条例" in explained
