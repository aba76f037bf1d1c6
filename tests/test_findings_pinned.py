"""No change may lose (or add) a finding on the five seeds unnoticed: every finding of the
default rule selection is pinned, with its place, in ``fixtures/seeds-findings.snap``.
A change that means to alter them rewrites the file with ``RELINT_UPDATE_SNAPSHOTS=1``
and says why in its commit (the corpus has its own pinned counts: tests/test_corpus.py)."""

import os

from conftest import FIXTURES, SEEDS, lint_file

PINNED = FIXTURES / "seeds-findings.snap"


def test_the_seeds_findings_are_pinned(registry):
    found = "".join(f"{path.name}:{d.span.line}:{d.span.column}: {d.code}\n"
                    for path in SEEDS for d in lint_file(registry, path).diagnostics)
    if os.environ.get("RELINT_UPDATE_SNAPSHOTS"):
        PINNED.write_text(found, encoding="utf-8")
    assert found == PINNED.read_text(encoding="utf-8")
