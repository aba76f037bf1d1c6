"""--fix, --unsafe-fixes and --diff: idempotent, content-preserving, atomic, and faithful
to each file's encoding and line endings."""

import codecs
import json
import os
import re
import shutil
import stat

from conftest import FIXTURES, SEEDS, codes, content, run_relint
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from linter.config import Settings
from linter.engine import lint_source
from linter.fixer import FixMode, applicable, fix_source, keeps_structure
from linter.sources import decode


def fix_text(registry, text: str, unsafe=False, settings=None):
    source = decode(text.encode("utf-8"), "r.txt")
    settings = settings or Settings()
    return fix_source(lambda s: lint_source(registry, s, settings), source, FixMode(unsafe=unsafe))


def test_seeds_fixed_leave_no_safe_fix_and_keep_every_character(registry, tmp_path):
    for seed in SEEDS:
        shutil.copy(seed, tmp_path / seed.name)
    first = run_relint("--fix", "--exit-zero", str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert "已修复" in first.stdout.decode()
    second = run_relint("--fix", "--exit-zero", str(tmp_path))
    assert "已修复" not in second.stdout.decode()  # a second run changes nothing
    for seed in SEEDS:
        fixed = (tmp_path / seed.name).read_text(encoding="utf-8")
        assert content(fixed) == content(seed.read_text(encoding="utf-8"))
        source = decode(fixed.encode(), seed.name)
        result = lint_source(registry, source, Settings())
        # what is left are joins the structure guard refuses (across a blank line or a heading)
        assert [d for d in applicable(result.diagnostics, unsafe=False) if keeps_structure(d, source, result)] == []


PIECES = ["一、", "（二）", "(三)", "2024 年", "，", ",", "。", "。。", "**", "35.28%,", "2021-2025年", "5~10",
          "《条例》、《办法》", "习近", "\n", "\n\n", " ", "\u3000", "LED", "and", "２０２３", "...", "（以下简称）",
          "主要举措和成效", "存在的不足", "法治政府建设", "9:30", "http://a.cn/x,y", "“", "”", "（", "）",
          "(", ")", "(见附表)", "《", "》", "关于2024年度法治政府建设情况的报告", "XX县司法局"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
# found by runs of 3,000 examples: a pair converted after "（》"; a space removed from
# "2024 年" ending a heading or moving the title; debris at the end hiding an open quotation
@example("（》(三)")
@example("一、。一、 一、")
@example("2024 年关于2024年度法治政府建设情况的报告\n关于2024年度法治政府建设情况的报告一、**")
@example("“（二）**")
@example("一、\n“**\n**")
@example("一、（二）（二）**２０２３２０２３主要举措和成效关于2024年度法治政府建设情况的报告关于2024年度法治政府建设情况的报告2024 年")
@example("关于2024年度法治政府建设情况的报告关于2024年度法治政府建设情况的报告**（二）9:30（二）")
def test_fix_is_idempotent_and_moves_only_punctuation_spaces_and_debris(registry, text):
    if not text.strip():
        return
    result, fixed, _ = fix_text(registry, text)
    assert content(fixed.text) == content(text)
    if not fixed.text.strip() or not content(text):
        return  # only debris was there ("****"): kept, since a fix never empties a file
    again, refixed, count = fix_text(registry, fixed.text)
    assert refixed.text == fixed.text and count == 0
    assert [d for d in applicable(result.diagnostics, unsafe=False) if keeps_structure(d, fixed, result)] == []
    assert paragraphs(fixed.text) == paragraphs(text)
    before = lint_source(registry, decode(text.encode("utf-8"), "r.txt"), Settings())
    titles, headings = structure(before)
    kept_titles, kept_headings = structure(again)
    repeats = [content(p.text) for p in again.report.page if p.what == "repeat"]
    assert all(title in kept_titles or title in repeats for title in titles)
    assert is_subsequence(heading_words(headings), heading_words(kept_headings))
    # T001 converts brackets in pairs: its fixes alone never add a T002 (other fixes may reveal
    # one, as removing the "**" after an open quotation lets the reader see the text is not cut)
    _, brackets_fixed, _ = fix_text(registry, text, settings=Settings(select=("T001",)))
    after_t001 = lint_source(registry, brackets_fixed, Settings())
    assert codes(after_t001).count("T002") <= codes(before).count("T002")


def paragraphs(text: str) -> list[list[str]]:
    """The content of each blank-line-separated paragraph: what a fix may not merge or split."""
    blocks = re.split(r"(?:\r\n|\r|\n)[ \t\u3000]*(?:\r\n|\r|\n)", text)
    return [content(block) for block in blocks if content(block)]


def structure(result) -> tuple[list, list]:
    """The title lines and the headings (level and words) a report was read into: a safe fix
    may not turn a title into body text, nor a heading into part of a paragraph. It may
    reveal one: removing the space in "。一、 主要" lets the reader see the heading glued to
    the sentence before it, which splits the heading it was read into ("一、。一、 一、"); and
    removing debris may reveal a second title line, which makes the first the page's own
    heading (a repeat), still not body text."""
    report = result.report
    return ([content(line.text) for line in report.title_lines],
            [(s.heading.level, content(s.heading.text)) for s in report.walk()])


def heading_words(headings: list) -> list[str]:
    """The characters of the headings in order: a heading split where a glued one is revealed
    keeps them all (the revealed part has its own level)."""
    return [char for _, words in headings for char in words]


def is_subsequence(part: list, whole: list) -> bool:
    rest = iter(whole)
    return all(item in rest for item in part)


def test_brackets_are_converted_in_pairs_only(registry):
    """T001 converted one half of a pair ("中文(abc)": only the opening one, beside Chinese)
    and so made a new T002 error; a lone half is reported but not converted."""
    text = ("一、主要举措和成效\n全局办结率提高(abc)，详见附表(二。\n"
            "推进(《条例》)落实；开展(评查(复核))工作。\n")
    result, fixed, count = fix_text(registry, text)
    assert fixed.text == ("一、主要举措和成效\n全局办结率提高（abc），详见附表(二。\n"
                          "推进（《条例》）落实；开展（评查（复核））工作。\n")
    assert [c for c in codes(result) if c.startswith("T")] == ["T001"]  # the lone "(二": reported, not converted
    assert count == 8  # both halves of each pair are fixed findings
    for taken in ("推进《依法(行政》工作)。", "学习（条例(修订）。", "学习（条例(修订）内容)。"):
        text = f"一、主要举措和成效\n{taken}\n"
        result, fixed, _ = fix_text(registry, text)
        assert fixed.text == text and "T002" not in codes(result), taken


def test_a_look_alike_closer_beside_a_bracket_pair_is_no_internal_error(registry):
    """A converter's 〞 for ” on a line with half-width brackets raised KeyError (corpus 026)."""
    text = "一、主要举措和成效\n开展“法律六进〞(进机关、进乡村)活动。\n"
    result, fixed, _ = fix_text(registry, text)
    assert "T002" in codes(result) and fixed.text.count("（") == 1


def test_a_safe_fix_never_joins_a_title_heading_or_paragraph_with_the_next(registry):
    """T005 joined a title into a metadata line and the body (15 titles in 25 real files)."""
    text = ("XX县司法局2024年法治政府建设\n年度报告\n\n2024年，我局坚持以习近平法治思想为指导，\n\n"
            "认真落实各项部署。\n一、主要举措和成效\n（一）加强组织领导\n全面推进依法行政，\n取得积极成效。\n")
    _, fixed, _ = fix_text(registry, text)
    assert paragraphs(fixed.text) == paragraphs(text)
    lines = fixed.text.split("\n")
    assert "一、主要举措和成效" in lines and "（一）加强组织领导" in lines
    assert "XX县司法局2024年法治政府建设" in lines[0] and "我局" not in lines[0]


def test_a_fix_that_would_turn_the_title_into_a_heading_is_not_applied(registry):
    """Deleting the "**" debris before a title that starts with "一、" made the reader take
    the title for a heading (found by the property test)."""
    text = "**一、关于2024年度法治政府建设情况的报告\n"
    result, fixed, count = fix_text(registry, text)
    assert fixed.text == text and count == 0
    assert [d for d in result.diagnostics if d.fix] == []  # shown as not fixable


def test_a_guessed_decoding_is_never_fixed_and_debris_never_empties_a_file(registry, tmp_path):
    big5 = ("一、主要舉措和成效\n本機關依法行政,推動法治政府建設,成效顯著。\n" * 20).encode("big5")
    (tmp_path / "big5.txt").write_bytes(big5)
    done = run_relint("--fix", "big5.txt", cwd=tmp_path)
    assert (tmp_path / "big5.txt").read_bytes() == big5 and "guessed" in done.stderr.decode()
    (tmp_path / "stars.txt").write_text("******\n******\n", encoding="utf-8")
    run_relint("--fix", "stars.txt", cwd=tmp_path)
    assert (tmp_path / "stars.txt").read_text(encoding="utf-8").strip()


def test_a_fix_never_hands_a_combining_mark_to_another_letter(registry):
    text = "我局推进依法行政,\u0301取得成效。法治政府建设,成效明显。\n"
    _, fixed, _ = fix_text(registry, text)
    at = fixed.text.index("\u0301")
    assert fixed.text[at - 1] == ","


def test_unsafe_fixes_only_with_the_flag(registry):
    text = (FIXTURES / "rules" / "F001.txt").read_text(encoding="utf-8")
    _, safe, _ = fix_text(registry, text)
    assert "党的二十大全会" in safe.text
    _, unsafe, _ = fix_text(registry, text, unsafe=True)
    assert "党的二十大和二十届历次全会" in unsafe.text and "人民信访工作的重要思想" in unsafe.text


def test_fix_keeps_encoding_bom_line_endings_and_mode(tmp_path):
    text = (FIXTURES / "rules" / "T001.txt").read_text(encoding="utf-8")
    cases = {
        "gbk.txt": text.replace("\n", "\r\n").encode("gbk"),
        "bom.txt": codecs.BOM_UTF8 + text.replace("\n", "\r").encode("utf-8"),
        "utf16.txt": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        os.chmod(path, 0o640)
    assert run_relint("--fix", "--exit-zero", str(tmp_path)).returncode == 0
    gbk = (tmp_path / "gbk.txt").read_bytes()
    assert gbk.decode("gb18030").count("\r\n") == text.count("\n") and "，较去年" in gbk.decode("gb18030")
    bom = (tmp_path / "bom.txt").read_bytes()
    assert bom.startswith(codecs.BOM_UTF8) and b"\n" not in bom and "，较去年" in bom.decode("utf-8-sig")
    utf16 = (tmp_path / "utf16.txt").read_bytes()
    assert utf16.startswith(codecs.BOM_UTF16_LE) and "，较去年" in utf16[2:].decode("utf-16-le")
    for name in cases:
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".relint-")]  # no temporary left


def test_diff_prints_and_writes_nothing(tmp_path):
    target = tmp_path / "r.txt"
    shutil.copy(FIXTURES / "rules" / "T001.txt", target)
    before = target.read_bytes()
    done = run_relint("--diff", str(target))
    assert done.returncode == 1
    out = done.stdout.decode()
    assert out.startswith(f"--- a/{target}") and "+（三）加强督办。2025年，全局办结率35.28%，较去年提高" in out
    assert target.read_bytes() == before
    assert run_relint("--diff", str(FIXTURES / "clean" / "annual.txt")).returncode == 0


def test_fix_never_touches_an_undecodable_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x80\x80\xff\xfe\x81, ,")
    done = run_relint("--fix", str(bad))
    assert done.returncode == 2
    assert bad.read_bytes() == b"\x80\x80\xff\xfe\x81, ,"


def test_allow_list_suppresses_by_content_and_reports_stale_entries(tmp_path):
    shutil.copy(FIXTURES / "rules" / "T003.txt", tmp_path / "r.txt")
    (tmp_path / "relint.toml").write_text(
        '[[allow]]\ncode = "T003"\ntext = "使用 app"\n\n[[allow]]\ncode = "T008"\ntext = "以下简称"\n',
        encoding="utf-8")
    done = run_relint("--select", "T003,T008", "r.txt", cwd=tmp_path)
    out = done.stdout.decode()
    assert "“and”" in out and "“app”" not in out
    assert "relint.toml: allow[2] (T008 “以下简称”) matched no finding" in done.stderr.decode()


def test_baseline_survives_line_shifts_and_reports_stale_entries(tmp_path):
    report = tmp_path / "r.txt"
    shutil.copy(FIXTURES / "seeds" / "000_00303d11aa6d56d4.txt", report)
    baseline = tmp_path / "baseline.json"
    assert run_relint("--write-baseline", str(baseline), str(report)).returncode == 0
    assert len(json.loads(baseline.read_text())["entries"]) == 7
    report.write_text("\n\n" + report.read_text(encoding="utf-8"), encoding="utf-8")  # shift every line
    done = run_relint("--baseline", str(baseline), str(report))
    assert done.returncode == 0 and "没有发现问题" in done.stdout.decode()
    text = report.read_text(encoding="utf-8").replace("（以下简称）", "（以下简称《条例》）")
    report.write_text(text, encoding="utf-8")
    done = run_relint("--baseline", str(baseline), str(report))
    assert "1 entries of" in done.stderr.decode()
    assert run_relint("--baseline", str(tmp_path / "missing.json"), str(report)).returncode == 2


def test_stdin_fix_writes_the_fixed_text_to_stdout_in_its_encoding():
    text = (FIXTURES / "rules" / "T001.txt").read_text(encoding="utf-8")
    done = run_relint("--fix", "-", "--stdin-filename", "r.txt", stdin=text.encode("gbk"))
    fixed = done.stdout.decode("gb18030")
    assert "2025年，全局办结率35.28%，较去年提高（见附表）" in fixed
    assert content(fixed) == content(text)
    assert "已修复 8 个" in done.stderr.decode()
