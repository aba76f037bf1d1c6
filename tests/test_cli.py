"""The relint command as users run it: formats, exit codes, stdin, folders, errors."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT, SEEDS, run_relint

SEED_000 = str(FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt")
CLEAN = str(FIXTURES / "clean" / "annual.txt")
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) (?P<message>.+)$")


def test_text_output_is_path_line_col_code_message_then_summary():
    done = run_relint(SEED_000)
    out = done.stdout.decode().splitlines()
    assert done.returncode == 1
    assert [LINE.match(line).group("code") for line in out[:-1]] == ["S102", "S104", "F001", "T008", "Q002", "S201",
                                                                     "S202"]
    assert out[-1] == "共检查 1 个文件，发现 7 个问题（错误 2，警告 4，提示 1）"
    assert "依据：《法治政府建设与责任落实督察工作规定》" in out[0]


def test_english_messages():
    out = run_relint("--lang", "en", "--ignore", "T,F,Q", SEED_000).stdout.decode()
    assert "missing part: shortcomings and their causes" in out
    assert out.splitlines()[-1] == "Checked 1 files: 4 findings (2 errors, 2 warnings, 0 info)"


def test_json_contract():
    done = run_relint("--format", "json", "--ignore", "T,F,Q", SEED_000,
                      str(FIXTURES / "seeds" / "004_68d36c3255723f50.txt"))
    data = json.loads(done.stdout)
    assert set(data) == {"version", "files", "summary"}
    first = data["files"][0]
    assert first["report"] == {"kind": "annual", "title": "关于2024年度法治政府建设情况的报告", "issuer": "湖南省信访局",
                               "year": 2024, "date": None}
    assert {e["id"]: (e["found"], e["how"]) for e in first["elements"]}["duty"] == (False, None)
    diagnostic = first["diagnostics"][0]
    assert set(diagnostic) >= {"code", "name", "severity", "message", "line", "column", "end_line", "end_column",
                               "fix"}
    assert (diagnostic["code"], diagnostic["name"], diagnostic["severity"]) == ("S102", "missing-shortcomings-part",
                                                                             "error")
    assert (diagnostic["line"], diagnostic["column"]) == (4, 1)
    assert diagnostic["end_column"] == 1 + len("关于2024年度法治政府建设情况的报告")
    second = data["files"][1]
    assert second["report"]["date"] == "2025-12-26"
    assert {e["id"]: e["how"] for e in second["elements"]}["duty"] == "body"
    assert data["summary"]["by_code"] == {"D002": 1, "N003": 11, "S003": 1, "S102": 1, "S103": 1, "S104": 1,
                                          "S107": 1, "S201": 1, "S202": 1}


def test_each_file_of_the_json_is_exactly_what_the_encoder_writes_of_it(tmp_path):
    """Findings are written piece by piece (linter.output.json_format.finding), not through
    json's encoder: each file's line must still be byte for byte what the encoder writes of
    the same fields, over every rule's findings and fixes (several edits, edits elsewhere
    than their finding), quotes, backslashes and control characters in the text, and a path
    with a byte that is not UTF-8."""
    odd = tmp_path / os.fsdecode(b"odd\xff.txt")
    text = Path(SEED_000).read_text(encoding="utf-8")
    odd.write_text(text.replace("法治", '法"治\\', 1).replace("。", "。\t", 1), encoding="utf-8")
    inputs = [str(odd), *map(str, SEEDS), *map(str, sorted((FIXTURES / "rules").glob("*.txt")))]
    out = run_relint("--no-cache", "--format", "json", *inputs).stdout.decode("utf-8")
    lines = out.split("\n")[1:-2]
    assert len(lines) == len(inputs)
    seen = set()
    for line in lines:
        line = line.removesuffix(",")
        fields = json.loads(line)
        assert json.dumps(fields, ensure_ascii=False) == line
        for d in fields["diagnostics"]:
            seen.add(d["code"])
            edits = d["fix"]["edits"] if d["fix"] else []
            if len(edits) > 1:
                seen.add("several edits")
            if any((e["line"], e["column"]) != (d["line"], d["column"]) for e in edits):
                seen.add("an edit elsewhere")
    assert {"several edits", "an edit elsewhere", "T001", "T006", "Q006"} <= seen


def test_the_command_asks_numpy_for_one_blas_thread_unless_the_user_chose():
    """numpy's OpenBLAS starts a thread for each core when it is imported (the copy rules'
    MinHash imports it), and relint does no linear algebra. Only the command itself sets
    it: a program calling main() keeps its own environment."""
    script = ("import os, sys; from linter.cli import main; main({}); "
              "print(os.environ.get('OPENBLAS_NUM_THREADS'))")
    command = ["--no-cache", SEED_000, CLEAN]
    for argv, given, expected in ((None, None, "1"), (None, "4", "4"), (command, None, "None")):
        env = {key: value for key, value in os.environ.items() if key != "OPENBLAS_NUM_THREADS"}
        if given:
            env["OPENBLAS_NUM_THREADS"] = given
        done = subprocess.run([sys.executable, "-c", script.format(argv), *command], capture_output=True,
                              text=True, env=env)
        assert done.stdout.splitlines()[-1] == expected, (argv, given, done.stderr)


def test_checklist_shows_each_mandated_element():
    out = run_relint("--format", "checklist", SEED_000).stdout.decode()
    assert "✗ 存在的不足和原因: 未找到" in out
    assert "✓ 主要举措和成效: 第7行 标题「一、2024年工作情况」" in out
    assert "年度: 2024" in out and "日期: 未识别" in out


def test_exit_codes_and_fail_on():
    assert run_relint(CLEAN).returncode == 0
    assert run_relint(SEED_000).returncode == 1
    info_only = str(FIXTURES / "rules" / "S003.txt")  # S003 is info
    assert run_relint(info_only).returncode == 0
    assert run_relint("--fail-on", "info", info_only).returncode == 1
    assert run_relint("--fail-on", "error", str(FIXTURES / "rules" / "S202.txt")).returncode == 0
    assert run_relint("--exit-zero", SEED_000).returncode == 0
    assert run_relint("--format", "nope", SEED_000).returncode == 2
    assert run_relint().returncode == 2


def test_input_errors_name_the_file_and_the_rest_is_still_linted(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin.txt").write_bytes(b"\x80\x80\xff\xfe\x81")
    (tmp_path / "report.pages").write_bytes(b"PK")
    args = ["missing.txt", "empty.txt", "binary.txt", "latin.txt", "report.pages", SEED_000]
    done = run_relint(*args, cwd=tmp_path)
    errors = done.stderr.decode().splitlines()
    assert done.returncode == 2
    assert [line.split(": ")[1].split()[0] for line in errors] == ["E001", "E003", "E002", "E002", "E004"]
    assert errors[0] == "missing.txt: E001 文件不存在"
    assert "S102" in done.stdout.decode()  # the good file was still linted


def test_stdin_with_filename():
    data = (FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt").read_bytes()
    done = run_relint("-", "--stdin-filename", "reports/hn.txt", stdin=data)
    assert done.stdout.decode().startswith("reports/hn.txt:4:1: S102 ")
    assert run_relint("-", "--stdin-filename", "x.pdf", stdin=data).returncode == 2


def test_folder_is_walked_recursively_honouring_gitignore_and_exclude(tmp_path):
    for name in ("a/one.txt", "a/b/two.txt", "ignored/three.txt", "skip/four.txt", "a/notes.md5", "a/~$one.docx"):
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEED_000, target)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("ignored/\n")
    (tmp_path / "relint.toml").write_text('extend-exclude = ["skip"]\n')
    out = run_relint("--format", "json", ".", cwd=tmp_path).stdout
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert paths == ["./a/one.txt", "./a/b/two.txt"]


def test_folder_without_reports_is_an_error(tmp_path):
    done = run_relint(str(tmp_path))
    assert done.returncode == 2
    assert "E001" in done.stderr.decode()


def test_output_file_and_statistics(tmp_path):
    target = tmp_path / "out.json"
    done = run_relint("--format", "json", "--output", str(target), *map(str, SEEDS))
    assert done.stdout == b""
    assert len(json.loads(target.read_text(encoding="utf-8"))["files"]) == 5
    stats = run_relint("--statistics", "--ignore", "T,F,Q", *map(str, SEEDS)).stdout.decode().splitlines()
    assert re.match(r"^\s+12\s+N003\s+numbering-form$", stats[0])
    assert re.match(r"^\s+3\s+S201\s+missing-signature$", stats[1])


def test_rules_catalogue_and_rule_documentation():
    catalogue = run_relint("rules").stdout.decode()
    for code in ("S001", "S104", "S305"):
        assert code in catalogue
    doc = run_relint("rule", "S104").stdout.decode()
    assert doc.startswith("# S104 (missing-duty-part)")
    for section in ("## 作用", "## 原因", "## 示例", "## 改为", "## 选项", "## 修复"):
        assert section in doc
    assert "依据：《法治政府建设与责任落实督察工作规定》" in doc
    assert run_relint("rule", "X999").returncode == 2


def test_version_is_fast_path():
    done = run_relint("--version")
    assert done.stdout.decode().startswith("relint ")
    imported = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "linter", "--version"],
        capture_output=True, cwd=ROOT).stderr.decode()
    modules = {line.rsplit("|", 1)[-1].strip() for line in imported.splitlines() if "|" in line}
    assert "linter.cli" in modules  # the measurement saw relint itself
    assert not modules & {"lark", "pluggy", "importlib.metadata", "markdown_it", "linter.engine"}


def test_readme_shows_real_output():
    out = run_relint(SEED_000).stdout.decode().splitlines()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"fixtures/seeds/000_00303d11aa6d56d4.txt{out[0][len(SEED_000):]}" in readme
    assert out[-1] in readme
