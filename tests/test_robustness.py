"""Hostile input: random bytes, huge files and lines, odd file names, symlink loops, and
two --fix runs on the same folder. Nothing raises; every problem is one clear line."""

import os
import shutil
import subprocess
import sys

from conftest import SEEDS, run_relint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.config import Settings
from linter.engine import lint_source, read_source
from linter.sources import MAX_BYTES, InputError, read_bytes


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000), st.sampled_from([".txt", ".md", ".docx"]))
def test_random_bytes_never_raise_in_any_reader(registry, data, suffix):
    source = read_source(registry, f"fuzz{suffix}", data)
    if not isinstance(source, InputError):
        lint_source(registry, source, Settings())


def test_a_huge_single_line_and_a_huge_file(registry, tmp_path):
    line = ("一、主要举措和成效。" + "审查文件18件，办结率100%, 2024 年。" * 40000)
    source = read_source(registry, "long.txt", line.encode("utf-8"))
    result = lint_source(registry, source, Settings())
    assert result.report.sections and result.diagnostics
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    done = run_relint(str(big), str(SEEDS[0]))
    assert done.returncode == 2
    assert f"{big}: E001 文件过大（{50 * 1024 * 1024} 字节，上限 {MAX_BYTES} 字节）" in done.stderr.decode()
    assert "S102" in done.stdout.decode()


def test_a_file_is_read_whole_whatever_size_it_reports(tmp_path):
    """read_bytes reads the size fstat gives, then what follows: a regular file of Linux's
    /proc says it holds 0 bytes yet has text, and a file may grow between the two calls."""
    status = read_bytes("/proc/self/status")
    assert isinstance(status, bytes) and b"Name:" in status and status.count(b"\n") > 10
    seed = tmp_path / "seed.txt"
    shutil.copy(SEEDS[0], seed)
    assert read_bytes(str(seed)) == SEEDS[0].read_bytes()


def test_odd_file_names_symlink_loops_and_dangling_links(tmp_path):
    odd = os.path.join(os.fsencode(tmp_path), b"r\xff\xfe.txt")
    shutil.copy(SEEDS[0], odd)
    os.mkdir(tmp_path / "loop")
    os.symlink(tmp_path, tmp_path / "loop" / "back")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    done = subprocess.run([sys.executable, "-m", "linter", "."], cwd=tmp_path, capture_output=True, timeout=60)
    assert done.returncode == 2  # the dangling link
    assert b"dangling.txt: E001" in done.stderr
    assert b"S102" in done.stdout and b"r\xff\xfe.txt" in done.stdout  # the name comes out as it is


def test_two_fix_runs_on_one_folder_never_corrupt_a_file(tmp_path):
    for number in range(40):
        shutil.copy(SEEDS[number % len(SEEDS)], tmp_path / f"{number:02d}.txt")
    reference = tmp_path.parent / f"{tmp_path.name}-reference"
    reference.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, reference / seed.name)
    assert run_relint("--fix", "--exit-zero", str(reference)).returncode == 0
    command = [sys.executable, "-m", "linter", "--fix", "--exit-zero", "--jobs", "2", str(tmp_path)]
    runs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stderr.read()
    for number in range(40):
        expected = (reference / SEEDS[number % len(SEEDS)].name).read_bytes()
        assert (tmp_path / f"{number:02d}.txt").read_bytes() == expected
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".relint-")]


def test_progress_bar_only_in_a_terminal(tmp_path):
    import pty

    for number in range(60):
        shutil.copy(SEEDS[number % len(SEEDS)], tmp_path / f"{number:02d}.txt")
    command = [sys.executable, "-m", "linter", "--exit-zero", str(tmp_path)]
    piped = subprocess.run(command, capture_output=True, env=dict(os.environ, CI=""), timeout=120)
    assert b"\r[" not in piped.stderr
    primary, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=secondary, env=env)
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=120)
    assert b"] 60/60" in seen and b"\r[" in seen


def test_a_txt_run_imports_no_markdown_or_docx_code(tmp_path):
    command = [sys.executable, "-X", "importtime", "-m", "linter", "--no-cache", str(SEEDS[0])]
    subprocess.run(command, capture_output=True, cwd=tmp_path, timeout=60)  # fills the entry-point cache
    done = subprocess.run(command, capture_output=True, cwd=tmp_path, timeout=60)
    modules = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.decode().splitlines() if "|" in line}
    assert "linter.engine" in modules and "lark" in modules
    assert not modules & {"markdown_it", "docx", "lxml", "linter.readers.markdown", "linter.readers.docx",
                          "importlib.metadata"}
