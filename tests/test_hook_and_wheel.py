"""The real installation paths: a non-editable wheel in a fresh virtual environment,
and the pre-commit hook run by the real pre-commit framework."""

import os
import shutil
import subprocess
import sys
import venv
import zipfile

import pytest
from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    built = run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)])
    assert built.returncode == 0, built.stdout + built.stderr
    return next(out.glob("report_relint-*.whl"))


def test_wheel_ships_grammar_and_data_and_no_top_level_rules(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "linter/grammar/report.lark" in names
    assert "linter/rules/data/kinds.toml" in names
    assert "linter/rules/structure.py" in names
    assert not any(name.startswith("rules/") for name in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[relint]" in text and "linter.rules.structure" in text


def test_non_editable_install_runs_on_a_seed(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    installed = run([str(python), "-m", "pip", "install", "-q", str(wheel)])
    assert installed.returncode == 0, installed.stderr
    relint = env_dir / "bin" / "relint"
    done = run([str(relint), str(FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt")], cwd=tmp_path)
    assert done.returncode == 1
    assert ":4:1: S102 " in done.stdout
    no_rules = run([str(python), "-c", "import rules"], cwd=tmp_path)
    assert no_rules.returncode != 0 and "No module named 'rules'" in no_rules.stderr


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env=dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
                            GIT_COMMITTER_EMAIL="t@t"))


def test_pre_commit_hook_fails_a_defective_report_and_passes_a_clean_one(tmp_path):
    pre_commit = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which("pre-commit")
    assert pre_commit, "pre-commit is a test dependency"
    repo = tmp_path / "reports"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    shutil.copy(FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt", repo / "bad.txt")
    shutil.copy(FIXTURES / "clean" / "annual.txt", repo / "good.txt")
    git("add", ".", cwd=repo)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    bad = run([pre_commit, "try-repo", str(ROOT), "relint", "--files", "bad.txt"], cwd=repo, env=env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "S102" in bad.stdout and "Failed" in bad.stdout
    good = run([pre_commit, "try-repo", str(ROOT), "relint", "--files", "good.txt"], cwd=repo, env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
