"""The command line as a CI gate: a mistyped code fails instead of checking nothing, the
command line adds to the config, any console encoding prints, folder runs skip files that
are not reports. Each test failed on the code before the fix."""

import json

import pytest
from conftest import FIXTURES, run_relint

SEED_000 = str(FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt")
T001 = str(FIXTURES / "rules" / "T001.txt")


@pytest.mark.parametrize("args, hint", [
    (("--select", "X999"), "'X999' matches no rule"),
    (("--select", "t001"), "did you mean 'T001'"),
    (("--ignore", "S9"), "'S9' matches no rule"),
    (("--extend-select", "Q9"), "'Q9' matches no rule"),
])
def test_a_mistyped_code_on_the_command_line_is_a_usage_error(args, hint):
    done = run_relint(*args, SEED_000)
    assert done.returncode == 2 and hint in done.stderr.decode() and done.stdout == b""


@pytest.mark.parametrize("table", ['select = ["X999"]', 'ignore = ["t001"]', '[per-file-ignores]\n"*.txt" = ["S9"]'])
def test_a_mistyped_code_in_the_config_is_a_config_error(tmp_path, table):
    (tmp_path / "relint.toml").write_text(table + "\n", encoding="utf-8")
    (tmp_path / "r.txt").write_bytes(open(SEED_000, "rb").read())
    done = run_relint("r.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert str(tmp_path / "relint.toml") in done.stderr.decode()


def test_command_line_ignore_adds_to_what_the_config_ignores(tmp_path):
    (tmp_path / "relint.toml").write_text('ignore = ["T"]\n', encoding="utf-8")
    (tmp_path / "r.txt").write_bytes(open(SEED_000, "rb").read())
    data = json.loads(run_relint("--format", "json", "--ignore", "F", "r.txt", cwd=tmp_path).stdout)
    found = set(data["summary"]["by_code"])
    assert found and not any(code.startswith(("T", "F")) for code in found)


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "html", "checklist", "junit", "github"])
def test_a_gbk_console_never_ends_in_a_traceback(tmp_path, output_format):
    report = tmp_path / "r.txt"
    report.write_text(open(SEED_000, encoding="utf-8").read() + "\n满意率✓达到95%😀。\n", encoding="utf-8")
    done = run_relint("--no-cache", "--format", output_format, str(report), env={"PYTHONIOENCODING": "gbk"})
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr and done.stdout
    if output_format in ("json", "sarif"):
        json.loads(done.stdout.decode("utf-8"))  # files for programs are UTF-8 whatever the console
    if output_format == "checklist":
        assert "√ 主要举措和成效" in done.stdout.decode("gbk")  # ✓ falls back to a mark GBK has


def test_rule_documentation_prints_on_a_gbk_console():
    done = run_relint("rules", env={"PYTHONIOENCODING": "gbk"})
    assert done.returncode == 0 and "T001" in done.stdout.decode("gbk")


def test_a_missing_previous_report_is_E001_exit_2(tmp_path):
    done = run_relint("--previous", str(tmp_path / "absent.txt"), SEED_000)
    assert done.returncode == 2
    assert f"{tmp_path / 'absent.txt'}: E001" in done.stderr.decode()


def test_options_before_a_subcommand():
    done = run_relint("--lang", "en", "rule", "T001")
    assert done.returncode == 0 and "half-width punctuation" in done.stdout.decode()


@pytest.mark.parametrize("args", [("rules", "--format", "json"), ("--format", "json", "rules")])
def test_the_rule_catalogue_as_json(args):
    rules = json.loads(run_relint(*args).stdout)
    t001 = next(r for r in rules if r["code"] == "T001")
    assert (t001["name"], t001["fix"], t001["default"]) == ("half-width-punctuation", "safe", True)
    assert len(rules) == len({r["code"] for r in rules}) > 50


def test_a_folder_run_skips_files_that_are_not_reports_by_name(tmp_path):
    (tmp_path / "报告.txt").write_bytes(open(SEED_000, "rb").read())
    for name in ("README.md", "CHANGELOG.md", "LICENSE.txt", "contributing.md"):
        (tmp_path / name).write_text("# 说明\n本仓库收存各单位报告。\n", encoding="utf-8")
    data = json.loads(run_relint("--format", "json", "--no-cache", ".", cwd=tmp_path).stdout)
    assert [f["path"] for f in data["files"]] == ["./报告.txt"]
    # a file named on the command line is linted whatever its name
    assert run_relint("--no-cache", "README.md", cwd=tmp_path).returncode in (0, 1)


def test_include_and_extend_exclude_decide_what_a_folder_run_lints(tmp_path):
    for name in ("2024年度报告.txt", "2024年度报告.md", "草稿.txt"):
        (tmp_path / name).write_bytes(open(SEED_000, "rb").read())
    (tmp_path / "relint.toml").write_text('include = ["*.txt"]\nextend-exclude = ["草稿*"]\n', encoding="utf-8")
    data = json.loads(run_relint("--format", "json", "--no-cache", ".", cwd=tmp_path).stdout)
    assert [f["path"] for f in data["files"]] == ["./2024年度报告.txt"]


def test_the_summary_says_how_many_findings_fix_would_repair():
    assert run_relint("--no-cache", T001).stdout.decode().splitlines()[-1].endswith("其中 8 个可用 --fix 自动修复")
    assert run_relint("--no-cache", "--lang", "en", T001).stdout.decode().splitlines()[-1].endswith(
        "; 8 fixable with --fix")


def test_relint_toml_accepts_the_tool_relint_table(tmp_path):
    (tmp_path / "r.txt").write_bytes(open(SEED_000, "rb").read())
    (tmp_path / "relint.toml").write_text('[tool.relint]\nselect = ["S1"]\n', encoding="utf-8")
    data = json.loads(run_relint("--format", "json", "--no-cache", "r.txt", cwd=tmp_path).stdout)
    assert set(data["summary"]["by_code"]) == {"S102", "S104", "S106"}
    (tmp_path / "relint.toml").write_text('lang = "en"\n[tool.relint]\nselect = ["S1"]\n', encoding="utf-8")
    done = run_relint("r.txt", cwd=tmp_path)
    assert done.returncode == 2 and "drop the [tool.relint] prefix" in done.stderr.decode()
