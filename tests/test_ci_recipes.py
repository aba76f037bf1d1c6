"""The CI recipes in docs/ci/ run as written (their relint steps, on a folder of reports),
and a provincial office checking 300 reports gets one exit code and one HTML page."""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEEDS, run_relint

DOCS = ROOT / "docs" / "ci"


def relint_steps(node) -> list[str]:
    """The relint command lines under ``run:`` (GitHub) and ``script:`` (GitLab) keys."""
    if isinstance(node, list):
        return [step for item in node for step in relint_steps(item)]
    if not isinstance(node, dict):
        return []
    steps = []
    for key, value in node.items():
        if key in ("run", "script"):
            lines = value if isinstance(value, list) else [value]
            steps += [line for line in lines if isinstance(line, str) and line.startswith("relint ")]
        else:
            steps += relint_steps(value)
    return steps


@pytest.fixture
def repository(tmp_path):
    (tmp_path / "reports").mkdir()
    for seed in SEEDS:
        shutil.copy(seed, tmp_path / "reports" / seed.name)
    (tmp_path / "changed.txt").write_text(" ".join(f"reports/{s.name}" for s in SEEDS[:2]))
    return tmp_path


def test_github_recipe_lints_changed_reports_with_chinese_names(tmp_path):
    """The workflow's shell steps as GitHub runs them, in a repository whose pull request
    adds a report named in Chinese with a space (git quotes such names unless told not to)."""
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEEDS[0], reports / "old.txt")
    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "base")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "old report")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    git("checkout", "-q", "-b", "pr")
    shutil.copy(SEEDS[1], reports / "鹤城区 2024年度报告.txt")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "new report")
    workflow = yaml.safe_load((DOCS / "github-workflow.yml").read_text(encoding="utf-8"))
    steps = [s for s in workflow["jobs"]["relint"]["steps"] if "run" in s and not s["run"].startswith("pip ")]
    env = dict(os.environ, GITHUB_BASE_REF="main", PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    outputs = {}
    for step in steps:
        done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, timeout=120)
        # xargs exits 123 when relint found something: the step fails, as a gate should
        assert done.returncode in (0, 123), (step["run"], done.stderr.decode())
        outputs[step["name"]] = done.stdout.decode()
    assert "file=reports/鹤城区 2024年度报告.txt," in outputs["relint (annotations)"]
    assert "old.txt" not in outputs["relint (annotations)"]  # unchanged: not linted
    sarif = json.loads((tmp_path / "relint.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris and all("2024" in uri for uri in uris)
    assert (tmp_path / "relint.html").exists()


@pytest.mark.parametrize("recipe", ["gitlab-ci.yml"])
def test_recipe_relint_steps_run(recipe, repository):
    steps = relint_steps(yaml.safe_load((DOCS / recipe).read_text(encoding="utf-8")))
    assert len(steps) >= 3
    for step in steps:
        command = step.replace("$(cat changed.txt)", (repository / "changed.txt").read_text())
        args = shlex.split(command)[1:]
        done = run_relint(*args, cwd=repository)
        assert done.returncode in (0, 1), (step, done.stderr.decode())
        if "--exit-zero" in args:
            assert done.returncode == 0
    assert (repository / "relint-junit.xml").exists()
    assert (repository / "relint.html").exists()


def test_pre_commit_recipe_uses_the_declared_hook():
    config = yaml.safe_load((DOCS / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert config["repos"][0]["hooks"][0]["id"] == hooks[0]["id"] == "relint"


@pytest.mark.slow
def test_three_hundred_reports_one_exit_code_one_page(tmp_path):
    folder = tmp_path / "province"
    for number in range(300):
        seed = SEEDS[number % len(SEEDS)]
        target = folder / f"county{number // 20:02d}" / f"{number:03d}_{seed.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed, target)
    page = tmp_path / "province.html"
    done = run_relint("--format", "html", "--output", str(page), "--jobs", "2", str(folder))
    assert done.returncode == 1 and done.stderr == b""
    text = page.read_text(encoding="utf-8")
    assert text.count('<script type="application/json" id="report-data-') == 300
    assert run_relint("--exit-zero", str(folder)).stdout.decode().splitlines()[-1].startswith("共检查 300 个文件")


def test_pre_commit_rev_is_a_release_tag_of_this_repository():
    from linter import __version__

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    recipe = yaml.safe_load((DOCS / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert f"rev: v{__version__}\n" in readme and recipe["repos"][0]["rev"] == f"v{__version__}"
    # A clone made without tags (CI systems often fetch one branch) cannot show the release;
    # where tags are present, this version's must be among them.
    tags = subprocess.run(["git", "-C", str(ROOT), "tag", "--list", "v*"], capture_output=True, text=True).stdout.split()
    assert not tags or f"v{__version__}" in tags, f"tag the release: git tag v{__version__}"


def test_readme_links_stay_inside_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", readme) + re.findall(r"`(\.\./[^`]+)`", readme)
    assert targets
    outside = [t for t in targets if re.match(r"[a-z]+:", t) or t.startswith(("../", "/"))
               or not (ROOT / t.split("#")[0]).exists()]
    assert outside == []


def test_sarif_names_no_web_page_that_does_not_exist():
    sarif = json.loads(run_relint("--format", "sarif", "--exit-zero", str(SEEDS[0])).stdout)
    driver = sarif["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver  # relint has no hosted home page; the README travels with it
