"""Substance (Q): what evaluators criticise, on the seeds and on a pair of reports one
year apart."""

import json

from conftest import FIXTURES, SEEDS, lint_file, run_relint

PAIR = FIXTURES / "substance"
THIS_YEAR = PAIR / "XX县司法局2024年法治政府建设年度报告.txt"
LAST_YEAR = PAIR / "XX县司法局2023年法治政府建设年度报告.txt"


def q_codes(registry, prefix, **settings):
    path = next(p for p in SEEDS if p.name.startswith(prefix))
    return [d.code for d in lint_file(registry, path, **settings).diagnostics if d.family == "Q"]


def test_seeds(registry):
    # 002's shortcomings are stock phrases; the plans of 000 and 002 (and 001, 003) have no number
    assert q_codes(registry, "000") == ["Q002"]
    assert q_codes(registry, "001") == ["Q001", "Q002"]
    assert q_codes(registry, "002") == ["Q003", "Q001", "Q002"]
    assert q_codes(registry, "003") == ["Q001", "Q002"]
    assert q_codes(registry, "004") == []  # figures in its shortcomings, its measures and its plan


def test_copied_paragraph_found_with_both_locations_rewritten_ones_not(registry):
    result = lint_file(registry, THIS_YEAR, select=("Q004",))
    assert [(d.span.line, d.span.column) for d in result.diagnostics] == [(12, 13), (17, 4)]
    first = result.diagnostics[0].message.zh
    assert str(LAST_YEAR) in first and "第12行有100%相同" in first
    lines = THIS_YEAR.read_text(encoding="utf-8").split("\n")
    flagged = {lines[d.span.line - 1] for d in result.diagnostics}
    assert lines[10] not in flagged and lines[15] not in flagged  # rewritten shortcoming and plan item


def test_previous_from_the_command_line_and_threshold_from_config(tmp_path):
    target = tmp_path / "this.txt"
    target.write_bytes(THIS_YEAR.read_bytes())
    alone = run_relint("--select", "Q004", str(target))
    assert "Q004" not in alone.stdout.decode()  # no sibling named for last year
    paired = run_relint("--select", "Q004", "--previous", str(LAST_YEAR), str(target))
    assert paired.stdout.decode().count("Q004") == 2
    (tmp_path / "relint.toml").write_text("[substance]\nsimilarity = 1.0\n")
    strict = run_relint("--select", "Q004", "--previous", str(LAST_YEAR), str(target), cwd=tmp_path)
    assert strict.stdout.decode().count("Q004") == 1  # only the word-for-word copy


def test_checklist_and_json_show_the_substance_summary():
    out = run_relint("--format", "checklist", "--extend-select", "Q005", str(THIS_YEAR)).stdout.decode()
    assert "内容质量:" in out and "与上一年度重复的段落: 2" in out
    assert "纲要体系：突发事件应对体系: ✓" in out and "成效部分每千字数据:" in out
    data = json.loads(run_relint("--format", "json", str(SEEDS[2])).stdout)
    summary = {row["label"]: row["value"] for row in data["files"][0]["substance"]}
    assert summary == {"安排中的可衡量目标": "0", "成效部分每千字数据": "1.6"}


def test_last_years_report_is_parsed_only_when_a_rule_needs_it(registry):
    assert lint_file(registry, THIS_YEAR).compared
    assert not lint_file(registry, THIS_YEAR, ignore=("Q004",)).compared


def test_the_report_model_holds_no_source_and_no_other_report(registry):
    """Rules read this year's typed model; last year's report is passed to the rules that
    compare with it, and the raw input stays with the result (for the formats that show it)."""
    from dataclasses import fields

    from linter.model import Report

    names = {f.name for f in fields(Report)}
    assert not names & {"source", "previous"}
    result = lint_file(registry, THIS_YEAR)
    assert result.source is not None and result.source.path == str(THIS_YEAR)
