"""The real corpus (fixtures/corpus/): published report openings and look-alikes saved as found.

The findings on it are pinned in fixtures/corpus/expected.json, so a change that adds false
alarms (or loses true ones) on real text shows here as a diff naming files and codes. A change
that alters them on purpose re-pins them with ``python tests/corpus_measure.py --update`` and
says why in its commit message. See docs/accuracy.md for the precision judged by reading.
"""

import json
import shutil

from conftest import content, run_relint
from corpus_measure import (
    CORPUS,
    EXPECTED,
    JUDGMENT_FIELDS,
    JUDGMENTS,
    VERDICTS,
    accuracy,
    code_delta,
    diff,
    load_index,
    measure,
    snapshot,
    summary,
)


def test_corpus_findings_match_the_pinned_snapshot(registry):
    results = measure(registry)
    print(summary(load_index(), results))  # kind/year accuracy and counts per rule, shown with -rP or -s
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    actual = snapshot(results)
    changes = diff(expected, actual)
    assert not changes, ("corpus findings changed; if intended, run `python tests/corpus_measure.py --update` "
                         f"and say why in the commit. Net per code: {code_delta(expected, actual)}\n"
                         + "\n".join(changes))


def test_corpus_index_names_every_text_once_with_a_judged_kind():
    index = load_index()
    files = [row["file"] for row in index]
    assert len(files) == len(set(files))
    assert sorted(files) == sorted(str(p.relative_to(CORPUS)) for p in (CORPUS / "texts").glob("*.txt"))
    assert {row["kind"] for row in index} <= {"annual", "duty", "unknown"}
    assert all(row["source"].startswith("http") for row in index)
    texts = [(CORPUS / name).read_bytes() for name in files]
    assert len(set(texts)) == len(texts), "exact duplicates are deduplicated"


def test_judgments_are_well_formed_and_name_corpus_files():
    import csv

    with open(JUDGMENTS, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == JUDGMENT_FIELDS
        rows = list(reader)
    files = {row["file"] for row in load_index()}
    keys = [(r["file"], r["line"], r["column"], r["code"], r["flagged"]) for r in rows]
    assert len(keys) == len(set(keys))
    for row in rows:
        assert row["file"] in files and row["verdict"] in VERDICTS and row["reason"], row


def test_look_alikes_get_no_error_level_finding(registry):
    results = measure(registry)
    lookalikes = [row["file"] for row in load_index() if row["kind"] == "unknown"]
    assert len(lookalikes) >= 20
    erring = {name: codes for name in lookalikes
              if (codes := [c for c, level in results[name]["severity"].items() if level == "error"])}
    assert erring == {}
    # the cap hides nothing: the errors the text has are still reported, below error level
    assert any(results[name]["declared"].get("T002") == "error" for name in lookalikes)


def test_corpus_accuracy_is_reported_and_consistent(registry):
    index = load_index()
    acc = accuracy(index, measure(registry))
    assert acc["kind_right"] + len(acc["kind_wrong"]) == acc["files"] == len(index)
    assert acc["year_right"] + len(acc["year_wrong"]) == acc["dated_reports"]


def test_fix_on_the_corpus_keeps_every_letter_digit_and_chinese_character(tmp_path):
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS / "texts", copy)
    before = {p.name: p.read_text(encoding="utf-8") for p in copy.glob("*.txt")}
    done = run_relint("--fix", "--exit-zero", "--no-cache", str(copy))
    assert done.returncode == 0, done.stderr.decode()
    changed = 0
    for name, text in before.items():
        fixed = (copy / name).read_text(encoding="utf-8")
        assert content(fixed) == content(text), name
        changed += fixed != text
    assert changed, "--fix changed nothing on the corpus: the test would not notice a lost character"
