"""The CI recipes in docs/ci/ run as written (their relint steps, on a folder of reports),
and a provincial office checking 300 reports gets one exit code and one HTML page."""

import shlex
import shutil

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


@pytest.mark.parametrize("recipe", ["github-workflow.yml", "gitlab-ci.yml"])
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
    assert (repository / ("relint.sarif" if "github" in recipe else "relint-junit.xml")).exists()
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
    assert text.count('<section class="report"') == 300
    assert run_relint("--exit-zero", str(folder)).stdout.decode().splitlines()[-1].startswith("共检查 300 个文件")
