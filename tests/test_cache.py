"""The result cache: keyed by content, settings, plugins and version; safe to share."""

import json
import shutil

from conftest import FIXTURES, SEEDS, run_relint


def test_cached_results_equal_fresh_ones_and_follow_content_and_config(tmp_path):
    for seed in SEEDS:
        shutil.copy(seed, tmp_path / seed.name)
    first = run_relint("--format", "json", ".", cwd=tmp_path).stdout
    entries = [p for p in (tmp_path / ".relint_cache").rglob("*") if p.is_file() and p.name != ".gitignore"]
    assert len(entries) == len(SEEDS)
    assert (tmp_path / ".relint_cache" / ".gitignore").read_text().strip().endswith("*")
    assert run_relint("--format", "json", ".", cwd=tmp_path).stdout == first
    assert run_relint("--no-cache", "--format", "json", ".", cwd=tmp_path).stdout == first
    # a changed file is linted again
    target = tmp_path / SEEDS[0].name
    target.write_text(target.read_text(encoding="utf-8").replace("（以下简称）", "（以下简称《条例》）"), encoding="utf-8")
    changed = json.loads(run_relint("--format", "json", ".", cwd=tmp_path).stdout)
    assert "T008" not in [d["code"] for d in changed["files"][0]["diagnostics"]]
    # a changed config is a different key
    (tmp_path / "relint.toml").write_text('ignore = ["T"]\n')
    ignored = json.loads(run_relint("--format", "json", ".", cwd=tmp_path).stdout)
    assert not any(d["code"].startswith("T") for f in ignored["files"] for d in f["diagnostics"])


def test_a_damaged_cache_entry_is_ignored(tmp_path):
    shutil.copy(FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt", tmp_path / "r.txt")
    fresh = run_relint("r.txt", cwd=tmp_path).stdout
    for entry in (tmp_path / ".relint_cache").rglob("*"):
        if entry.is_file() and entry.name != ".gitignore":
            entry.write_bytes(b"not a pickle")
    assert run_relint("r.txt", cwd=tmp_path).stdout == fresh


def test_last_years_report_appearing_beside_a_cached_file_is_seen(tmp_path):
    pair = FIXTURES / "substance"
    this_year = tmp_path / "XX县司法局2024年法治政府建设年度报告.txt"
    shutil.copy(pair / this_year.name, this_year)
    assert "Q004" not in run_relint("--select", "Q004", this_year.name, cwd=tmp_path).stdout.decode()
    shutil.copy(pair / "XX县司法局2023年法治政府建设年度报告.txt", tmp_path)
    assert "Q004" in run_relint("--select", "Q004", this_year.name, cwd=tmp_path).stdout.decode()
