"""A fuzz campaign against relint (issue 11): random and mutated real text, random Markdown
and Word structure, odd file names under every output format, and config fuzz. Each input
is linted by the real engine; a Python exception, a hang (over HANG seconds plus
SECONDS_PER_MB for its size) or a traceback from the command is a finding. ``tests/test_fuzz.py`` runs a bounded campaign in CI; run
``python fuzz/campaign.py SECONDS`` for a longer one. Prints inputs tried, crashes, hangs
and the slowest input per megabyte."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
HANG = 10.0
#: The time budget of tests/test_worst_case.py: a lint may take this long per megabyte.
SECONDS_PER_MB = 60
#: Inputs at least this large count for the slowest time per megabyte (below it, the fixed
#: cost of a lint and of up to ten fix passes swamps the size: 0.2 s for 2 KB is 100 s/MB).
PER_MB_FROM = 100_000
FORMATS = ("text", "json", "checklist", "sarif", "github", "junit", "html", "xlsx", "csv")
ODD_NAMES = [b"r\xff\xfe.txt", "控制\x01字符\x1b[31m.txt".encode(), b"sp ace;&<>\".txt", "年度报告（2024）.md".encode(),
             b"-leading-dash.txt", b"tab\tname.txt"]
CONFIGS = ['tool = 1\n', '[tool]\nrelint = 1\n', 'select = "S"\n', 'deadline = "02-29"\n', 'deadline = "13-45"\n',
           'ignore = [1, 2]\n', '[elements.x]\nbody = ["(a+)+b"]\n', '[elements.x]\nheading = "["\n',
           'previous = "/dev/zero"\n', "x = " + "[" * 5000 + "]" * 5000 + "\n", 'per-file-ignores = 3\n',
           'exclude = ["**"]\n', 'lang = "fr"\n', "\xff\xfe garbage"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        at = rng.randrange(len(data) + 1)
        if choice < 0.3 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif choice < 0.5:
            data[at:at] = rng.choice([b"\n", b"\n\n", b"\r", b"%", b"\xe3\x80\x81", b"1.1.", b"**", b"_a" * 50,
                                      b"\x00", b"\xef\xbb\xbf", "（".encode(), "一、".encode(), b"9" * 300])
        elif choice < 0.7 and data:
            del data[at:at + rng.randint(1, 200)]
        else:  # splice another seed
            other = rng.choice(SEEDS).read_bytes()
            start = rng.randrange(len(other))
            data[at:at] = other[start:start + rng.randint(1, 500)]
    return bytes(data)


def random_text(rng: random.Random) -> bytes:
    pieces = ["一、", "（二）", "3.", "（4）", "，", ",", "。", "\n", "\n\n", " ", "　", "2024年", "%", "35.28%",
              "5~10%", "《条例》", "法治政府建设", "**", "#", "[链接](http://a.cn)", "a@b.cn", "\u0301", "１２"]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 400))).encode(rng.choice(["utf-8", "gb18030"]))


def random_markdown(rng: random.Random) -> bytes:
    lines = []
    for _ in range(rng.randint(1, 80)):
        kind = rng.random()
        text = rng.choice(SEEDS).read_text(encoding="utf-8").split("\n")
        line = rng.choice(text)
        if kind < 0.2:
            line = "#" * rng.randint(1, 7) + " " + line
        elif kind < 0.35:
            line = rng.choice(["- ", "1. ", "> ", "    ", "```\n", "| a | b |\n|---|---|\n| "]) + line
        elif kind < 0.45:
            line = "_a" * rng.randint(1, 500) + "*" * rng.randint(0, 9)
        lines.append(line)
    return "\n".join(lines).encode()


def random_docx(rng: random.Random, path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    text = rng.choice(SEEDS).read_text(encoding="utf-8").split("\n")
    for line in text[: rng.randint(1, len(text))]:
        style = rng.choice([None, None, "List Number", "Heading 1", "Heading 2", "List Bullet"])
        paragraph = document.add_paragraph(line, style=style)
        if rng.random() < 0.1:
            numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numbering.get_or_add_ilvl().set(qn("w:val"), rng.choice(["-1", "0", "9", "x", "99999999999"]))
            numbering.get_or_add_numId().set(qn("w:val"), rng.choice(["0", "1", "x", "-5"]))
    if rng.random() < 0.2:
        one, two = document.styles["Heading 1"], document.styles["Heading 2"]
        one.base_style, two.base_style = two, rng.choice([one, two])
    if rng.random() < 0.3:
        table = document.add_table(rows=rng.randint(1, 4), cols=rng.randint(1, 4))
        table.cell(0, 0).text = rng.choice(text)
    document.save(path)


def read_back(fmt: str, data: bytes) -> str:
    """The output of ``--format fmt`` read back by a real parser of its format (what a CI
    service or a spreadsheet does with it); raises if it is not valid. Returns the text the
    file names must appear in."""
    import csv
    import io
    import json
    from xml.etree import ElementTree

    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                         for cell in row)
    text = data.decode("utf-8")  # strictly: a raw byte of a file name is not UTF-8
    if fmt == "json":
        return " ".join(entry["path"] for entry in json.loads(text)["files"])
    if fmt == "sarif":
        return " ".join(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                        for r in json.loads(text)["runs"][0]["results"])
    if fmt == "junit":
        return " ".join(case.get("classname") for case in ElementTree.fromstring(data).iter("testcase"))
    if fmt == "csv":
        return "\n".join(",".join(row) for row in csv.reader(io.StringIO(text)))
    if fmt == "github" and not all(line.startswith("::") for line in text.splitlines()):
        raise ValueError("a line that is not a workflow command")
    if any(c < " " and c not in "\t\n" for c in text):
        raise ValueError("a control character in the output")
    if fmt == "html":  # the page carries its files as JSON, which its script shows
        return " ".join(row[1] for row in html_overview(text)["rows"])
    return text


def html_overview(page: str) -> dict:
    """The overview data of an HTML page (``--format html``): header, columns and rows."""
    import json

    start = page.index('<script type="application/json" id="overview-data">')
    return json.loads(page[page.index(">", start) + 1:page.index("</script>", start)])


class Campaign:
    def __init__(self):
        from linter.batch import Job, lint_one
        from linter.config import Settings
        from linter.engine import Registry

        self.registry, self.settings, self.lint_one, self.Job = Registry(), Settings(), lint_one, Job
        self.tried = 0
        self.crashes: list[str] = []
        self.hangs: list[str] = []
        self.slowest = (0.0, "")  # seconds per MB, input (inputs of PER_MB_FROM bytes or more)
        self.longest = (0.0, "")  # seconds, input (any size)

    def lint(self, path: Path, label: str) -> None:
        from linter.fixer import FixMode

        self.tried += 1
        for job in (self.Job(), self.Job(fix=FixMode(write=False))):
            started = time.perf_counter()
            try:
                result = self.lint_one(self.registry, str(path), self.settings, job=job)
            except Exception:  # noqa: BLE001 - a finding of the campaign
                self.crashes.append(f"{label}: {traceback.format_exc(limit=3)}")
                return
            spent = time.perf_counter() - started
            if result.error is not None and result.error.code == "E009":
                self.crashes.append(f"{label}: {result.error.cause_en}")
            size = path.stat().st_size
            if spent > HANG + SECONDS_PER_MB * size / 1e6:
                self.hangs.append(f"{label}: {spent:.1f} s")
            what = f"{label} ({size} bytes, {'fix' if job.fix else 'lint'} {spent:.2f} s)"
            if size >= PER_MB_FROM and spent / (size / 1e6) > self.slowest[0]:
                self.slowest = (spent / (size / 1e6), what)
            if spent > self.longest[0]:
                self.longest = (spent, what)

    def command(self, args: list, cwd: Path, label: str, fmt: str = "") -> None:
        """Run relint; a traceback, an internal error, an unknown exit status or output its
        format's parser rejects is a crash."""
        self.tried += 1
        try:
            done = subprocess.run([sys.executable, "-m", "linter", "--no-cache", *args], cwd=cwd, capture_output=True,
                                  timeout=60)
        except subprocess.TimeoutExpired:
            self.hangs.append(f"{label}: command over 60 s")
            return
        if b"Traceback" in done.stderr or b"internal error" in done.stderr or done.returncode not in (0, 1, 2):
            self.crashes.append(f"{label}: exit {done.returncode}: {done.stderr.decode(errors='replace')[-600:]}")
        elif fmt and fmt != "text":
            try:
                read_back(fmt, done.stdout)
            except Exception as exc:  # noqa: BLE001 - a finding of the campaign
                self.crashes.append(f"{label}: output not valid {fmt}: {exc!r}")

    def run(self, seconds: float, seed: int = 0, min_rounds: int = 0) -> "Campaign":
        """Fuzz for ``seconds`` (the fixed odd-name and config commands always run), and at
        least ``min_rounds`` generated inputs however loaded the machine is."""
        rng = random.Random(seed)
        deadline = time.monotonic() + seconds
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            for fmt in FORMATS:  # odd file names under every output format
                odd = work / "odd"
                odd.mkdir(exist_ok=True)
                for name in ODD_NAMES:
                    (odd / os.fsdecode(name)).write_bytes(rng.choice(SEEDS).read_bytes())
                self.command(["--format", fmt, "."], odd, f"odd names, --format {fmt}", fmt)
            for index, config in enumerate(CONFIGS):  # config fuzz
                case = work / f"config{index}"
                case.mkdir()
                (case / "relint.toml").write_bytes(config.encode("utf-8", "surrogateescape"))
                (case / "r.txt").write_bytes(SEEDS[0].read_bytes())
                self.command(["."], case, f"config {config[:40]!r}")
            round_ = 0
            while time.monotonic() < deadline or round_ < min_rounds:
                round_ += 1
                kind = round_ % 4
                if round_ % 25 == 0 and seconds >= 120:  # a long report (in a long campaign): seeds, mutated
                    path, label = work / "long.txt", "long mutated seeds"
                    joined = b"\n".join(rng.choice(SEEDS).read_bytes() for _ in range(rng.randint(20, 60)))
                    path.write_bytes(mutate(joined, rng))
                elif kind == 0:
                    path, label = work / "m.txt", "mutated seed"
                    path.write_bytes(mutate(rng.choice(SEEDS).read_bytes(), rng))
                elif kind == 1:
                    path, label = work / "r.txt", "random text"
                    path.write_bytes(random_text(rng))
                elif kind == 2:
                    path, label = work / "r.md", "random markdown"
                    path.write_bytes(random_markdown(rng))
                else:
                    path, label = work / "r.docx", "random docx"
                    random_docx(rng, path)
                    if rng.random() < 0.3:
                        path.write_bytes(mutate(path.read_bytes(), rng))
                        label = "mutated docx"
                self.lint(path, f"{label} #{round_} (seed {seed})")
        return self

    def summary(self) -> str:
        return (f"inputs tried: {self.tried}\ncrashes: {len(self.crashes)}\nhangs: {len(self.hangs)}\n"
                f"slowest per MB (inputs of {PER_MB_FROM // 1000} KB or more): {self.slowest[0]:.1f} s/MB — "
                f"{self.slowest[1]}\nslowest input: {self.longest[0]:.2f} s — {self.longest[1]}\n"
                + "".join(f"CRASH {c}\n" for c in self.crashes[:20]) + "".join(f"HANG {h}\n" for h in self.hangs))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 600
    print(Campaign().run(seconds, seed=int(sys.argv[2]) if len(sys.argv) > 2 else 1).summary())
