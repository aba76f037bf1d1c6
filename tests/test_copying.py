"""Q006: a passage copied from another body's report in the same run, found in both
directions; different reports, a body's own two years and standard phrases never count."""

import json
import shutil
import subprocess
import sys

import numpy
import pytest
from conftest import SEEDS, run_relint
from linter.rules import minhash
from linter.rules.copying import sentences
from linter.rules.minhash import candidate_pairs, signatures, similarity

SHORTCOMING_A = 37  # 0-based: 001's "一是法治宣传教育方法不够多……" under its shortcomings heading
INSERT_AT = 23  # 0-based: inside 002's shortcomings part, after its first item


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def make_copied_pair(folder):
    """001 as it is, and 002 with 001's first shortcoming pasted into its own shortcomings."""
    folder.mkdir(parents=True, exist_ok=True)
    a, b = folder / "a.txt", folder / "b.txt"
    shutil.copy(SEEDS[1], a)
    lines = _lines(SEEDS[2])
    lines[INSERT_AT:INSERT_AT] = ["", _lines(a)[SHORTCOMING_A]]
    b.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return a, b


@pytest.fixture
def copied_pair(tmp_path):
    return make_copied_pair(tmp_path)


def _q006(*args):
    done = run_relint("--select", "Q006", "--format", "json", *map(str, args))
    files = json.loads(done.stdout)["files"]
    return {f["path"]: [d for d in f["diagnostics"] if d["code"] == "Q006"] for f in files}, files


def test_copied_paragraph_is_found_in_both_directions_with_the_other_file_named(copied_pair):
    a, b = copied_pair
    found, files = _q006(a, b)
    assert [(d["line"], d["severity"]) for d in found[str(a)]] == [(SHORTCOMING_A + 1, "warning")]
    assert [d["line"] for d in found[str(b)]] == [INSERT_AT + 2]
    assert f"{b} 第{INSERT_AT + 2}行" in found[str(a)][0]["message"]
    assert f"{a} 第{SHORTCOMING_A + 1}行" in found[str(b)][0]["message"]
    assert "存在的不足和原因" in found[str(a)][0]["message"]
    clusters = [[s["value"] for s in f["substance"] if s["label"] == "相同段落关联组"] for f in files]
    assert clusters == [["1"], ["1"]]


def test_an_edited_copy_is_still_found(copied_pair, tmp_path):
    """A copy with the body's name and a few words changed is still the same passage."""
    a, b = copied_pair
    text = b.read_text(encoding="utf-8")
    pasted = _lines(a)[SHORTCOMING_A]
    b.write_text(text.replace(pasted, pasted.replace("信访", "市场监管").replace("不够多", "较单一")),
                 encoding="utf-8")
    found, _ = _q006(a, b)
    assert found[str(a)] and found[str(b)]


def test_different_reports_give_no_q006():
    found, _ = _q006(*SEEDS)
    assert found == {str(path): [] for path in SEEDS}


def test_the_same_bodys_two_years_are_left_to_q004(tmp_path):
    """The same issuer copying its own last report is Q004's business, not Q006's."""
    old, new = tmp_path / "report2023.txt", tmp_path / "report2024.txt"
    shutil.copy(SEEDS[1], old)
    shutil.copy(SEEDS[1], new)
    found, _ = _q006(old, new)
    assert found == {str(old): [], str(new): []}


def test_standard_phrases_alone_never_count(tmp_path):
    """Two reports whose only shared sentence is built of the regulation's and the guiding
    thought's names: cut out before comparing, nothing is left to match."""
    shared = "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面贯彻落实《法治政府建设实施纲要（2021—2025年）》。"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for source, target in ((SEEDS[1], a), (SEEDS[2], b)):
        lines = _lines(source)
        lines[INSERT_AT:INSERT_AT] = ["", shared]
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found, _ = _q006(a, b)
    assert found == {str(a): [], str(b): []}


def _imported(*args):
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "linter", *map(str, args)], capture_output=True)
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.decode().splitlines() if "|" in line}


def test_numpy_loads_only_when_a_run_compares_reports():
    """One report has nothing to compare with: its run must not pay for numpy."""
    assert "numpy" not in _imported("--jobs", "1", "--no-cache", SEEDS[1])
    assert "numpy" in _imported("--jobs", "1", "--no-cache", SEEDS[1], SEEDS[2])


def test_minhash_estimates_similarity_and_lsh_pairs_only_similar_sentences():
    base = "执法人员法律素养参差不齐部分执法人员对新修订的行政处罚法理解不深案卷制作不够规范"
    texts = [base, base.replace("案卷制作", "文书制作"), "群众对信访政策的理解把握落实上仍存在一定差距信访不信法现象仍有发生"]
    rows = signatures(texts, 4)
    first, second = candidate_pairs(rows, numpy.arange(3), most=10)
    assert list(zip(first.tolist(), second.tolist())) == [(0, 1)]
    assert similarity(rows, first, second)[0] > 0.6
    unrelated = similarity(rows, numpy.array([0, 1]), numpy.array([2, 2]))
    assert (unrelated < 0.2).all()  # chance agreements of one-byte values are taken out


def test_signatures_of_texts_hashed_joined_are_each_texts_own():
    """signatures() hashes a block of sentences in one pass: no shingle may span two of them."""
    from linter.rules.minhash import PERMUTATIONS, shingle_hashes

    texts = [line for seed in SEEDS for line in sentences(seed.read_text(encoding="utf-8"))]
    rows = signatures(texts, 4)
    for text, row in zip(texts, rows):
        alone = shingle_hashes(text, 4)
        with numpy.errstate(over="ignore"):
            mixed = (numpy.multiply.outer(minhash._MULTIPLY, alone) + minhash._ADD[:, None]) >> minhash._SHIFT
        assert row.tolist() == mixed.min(axis=1).astype(numpy.uint8).tolist() and len(row) == PERMUTATIONS


def test_cached_results_keep_what_q006_compares(copied_pair):
    """A second run answered from the result cache finds the same copies (digests are cached too)."""
    a, b = copied_pair
    first = run_relint("--select", "Q006", "a.txt", "b.txt", cwd=a.parent)
    assert list((a.parent / ".relint_cache").rglob("*")), "the first run wrote cache entries"
    second = run_relint("--select", "Q006", "a.txt", "b.txt", cwd=a.parent)
    assert second.stdout == first.stdout and b"Q006" in first.stdout


def test_copy_clusters_are_a_column_of_the_workbook_overview(copied_pair, tmp_path):
    from openpyxl import load_workbook

    a, b = copied_pair
    third = tmp_path / "c.txt"
    shutil.copy(SEEDS[4], third)
    run_relint("--format", "xlsx", "-o", str(tmp_path / "r.xlsx"), str(a), str(b), str(third))
    rows = list(load_workbook(tmp_path / "r.xlsx")["总览"].values)
    column = rows[0].index("相同段落关联组")
    assert {row[0]: row[column] for row in rows[1:]} == {str(a): 1, str(b): 1, str(third): None}
