"""Every finding of the five seeds and the corpus, pinned whole: code, name, severity, the
whole span, the message, help and basis in both languages, the fix's edits, and the
measurements rules publish. ``test_findings_pinned`` and ``test_corpus`` pin codes and
places; this pins what a faster way of building the same findings (lazy messages, a shared
scan) could get subtly wrong. A change that means to alter findings rewrites the file with
``RELINT_UPDATE_SNAPSHOTS=1`` and says why in its commit."""

import os

from conftest import FIXTURES, SEEDS, lint_file
from corpus_measure import CORPUS, load_index

PINNED = FIXTURES / "findings-full.snap"


def _text(text) -> str:
    return "-" if text is None else f"{text.zh} | {text.en}"


def _described(name: str, result, texts: dict) -> str:
    lines = []
    for d in result.diagnostics:
        s = d.span
        fix = "-" if d.fix is None else d.fix.applicability + "".join(
            f" [{e.span.line}:{e.span.column}-{e.span.end_line}:{e.span.end_column} {e.content!r}]"
            for e in d.fix.edits)
        help, basis = (texts.setdefault(_text(t), f"#{len(texts)}") for t in (d.help, d.basis))
        lines.append(f"{name}:{s.line}:{s.column}-{s.end_line}:{s.end_column} {d.code} {d.name} {d.severity}"
                     f" help{help} basis{basis} fix {fix}\n  {_text(d.message)}\n")
    lines += [f"{name}: summary {_text(label)} = {value!r}\n" for label, value in result.summary]
    return "".join(lines)


def test_every_finding_of_the_seeds_and_the_corpus_is_pinned_whole(registry):
    paths = [(p.name, p) for p in SEEDS] + [(row["file"], CORPUS / row["file"]) for row in load_index()]
    texts = {}  # help and basis repeat a rule's few long texts: each is written once, at the end, numbered
    found = "".join(_described(name, lint_file(registry, path), texts) for name, path in paths)
    found += "".join(f"{number} {text}\n" for text, number in texts.items())
    if os.environ.get("RELINT_UPDATE_SNAPSHOTS"):
        PINNED.write_text(found, encoding="utf-8")
    assert found == PINNED.read_text(encoding="utf-8")
