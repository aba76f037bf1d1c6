import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def registry():
    from linter.engine import Registry

    return Registry()


def lint_text(registry, text: str, path: str = "report.txt", **settings):
    """Lint ``text`` in-process with the given settings (as Settings attributes)."""
    from linter.config import Settings
    from linter.engine import lint_source
    from linter.sources import decode

    source = decode(text.encode("utf-8"), path)
    return lint_source(registry, source, Settings(**settings))


def lint_file(registry, path, **settings):
    """Lint a file in-process, read by the reader of its format."""
    from linter.config import Settings
    from linter.engine import lint_source, read_source

    source = read_source(registry, str(path))
    assert not hasattr(source, "code"), source
    return lint_source(registry, source, Settings(**settings))


def content(text: str) -> list[str]:
    """Letters, digits and Chinese characters, in order, compared by value (２ is 2): what --fix must keep."""
    return [unicodedata.normalize("NFKC", c) for c in text if c.isalnum()]


def codes(result):
    return [d.code for d in result.diagnostics]


def run_relint(*args, cwd=None, stdin=None, env=None):
    """Run the installed ``relint`` command as a user would."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "linter", *args], cwd=cwd, input=stdin, capture_output=True,
                          env=full_env, timeout=120)
