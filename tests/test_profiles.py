"""Deadline profiles: the built-in default restates 厅字〔2019〕28号; a province's file (or a
plugin's) sets deadlines by issuer type and adds mandated parts; errors name file and key."""

import datetime as dt
import json

import pytest
from conftest import SEEDS, run_relint

from linter.profiles import default_profile, load_profile

PROVINCE = """
name = "some-province"
deadline = "02-15"
publication = "03-20"
[[type]]
id = "county"
name = "县级政府"
issuer = ["县人民政府$"]
deadline = "01-31"
[[type]]
id = "department"
name = "部门"
issuer = ["局$"]
deadline = "02-20"
[elements.review]
name = "行政复议和行政应诉情况"
heading = ["行政复议", "行政应诉"]
"""


@pytest.mark.parametrize("issuer, kind, due", [
    ("湖南省人民政府", "provincial", "04-01"), ("北京市人民政府", "provincial", "04-01"),
    ("中共湖南省委员会", "provincial", "04-01"), ("洞口县人民政府", "local", "03-01"),
    ("某某镇人民政府", "township", "03-01"), ("某某街道办事处", "sub-district", "03-01"),
    ("宝丰县信访局", "department", "03-01"), ("省发展和改革委员会", "department", "03-01"),
    ("某某县人民政府办公室", "department", "03-01"), ("某某学会", None, "03-01"),
])
def test_default_profile_types_and_deadlines(issuer, kind, due):
    profile = default_profile()
    found = profile.issuer_type(issuer)
    assert (found.id if found else None) == kind
    assert profile.deadline_for(2024, found) == dt.date(2025, *map(int, due.split("-")))
    assert profile.publication_deadline(2024) == dt.date(2025, 4, 1)


def test_the_configs_deadline_wins_over_the_profile():
    profile = default_profile()
    assert profile.deadline_for(2024, profile.issuer_type("湖南省人民政府"), "02-01") == dt.date(2025, 2, 1)


def _checklist(tmp_path, *args):
    done = run_relint("--format", "json", *args, str(SEEDS[2]), cwd=tmp_path)
    return json.loads(done.stdout), done


def test_profile_file_from_the_command_line_and_from_config(tmp_path):
    (tmp_path / "province.toml").write_text(PROVINCE, encoding="utf-8")
    data, _ = _checklist(tmp_path, "--profile", "province.toml")
    codes = [d["code"] for d in data["files"][0]["diagnostics"]]
    assert "S109" in codes  # the province's extra part is required
    # seed 002 (省信访局, a department: 02-20 here) is dated 2023-03-07: late by the province's date
    late = [d for d in data["files"][0]["diagnostics"] if d["code"] == "D003"]
    assert late and "2023-02-20" in late[0]["message"]
    (tmp_path / "relint.toml").write_text('profile = "province.toml"\n', encoding="utf-8")
    assert run_relint("--format", "json", str(SEEDS[2]), "--config", str(tmp_path / "relint.toml"),
                      cwd=tmp_path).stdout == run_relint("--format", "json", "--profile", "province.toml",
                                                         str(SEEDS[2]), cwd=tmp_path).stdout


def test_unknown_profile_and_bad_profile_exit_2_naming_the_key(tmp_path):
    done = run_relint("--profile", "nowhere", str(SEEDS[2]), cwd=tmp_path)
    assert done.returncode == 2 and "unknown profile 'nowhere'" in done.stderr.decode()
    (tmp_path / "bad.toml").write_text('[[type]]\nid = "x"\nname = "x"\ndeadline = "13-45"\n', encoding="utf-8")
    done = run_relint("--profile", "bad.toml", str(SEEDS[2]), cwd=tmp_path)
    assert done.returncode == 2 and "type[1].deadline" in done.stderr.decode()


def test_a_profile_loads_with_its_parts(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(PROVINCE, encoding="utf-8")
    profile = load_profile(str(path))
    assert [t.id for t in profile.types] == ["county", "department"]
    assert profile.elements[0][0] == "review"
