import os
import shutil
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


def debian_packages(*packages: str, recommends: bool = False) -> None:
    """Install the Debian packages a test needs on first use (CI machines start without them).

    Checked per package, not by a binary on PATH: LibreOffice Writer alone provides ``soffice``
    yet cannot open a workbook, so a test needing Calc must ask for the Calc package itself."""
    def missing():
        return [p for p in packages
                if subprocess.run(["dpkg-query", "-W", "-f=${Status}", p], capture_output=True,
                                  text=True).stdout.strip() != "install ok installed"]
    if missing() and os.geteuid() == 0:
        subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-qq", *([] if recommends else ["--no-install-recommends"]), *missing()], check=True,
                       capture_output=True, timeout=1800, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    assert not missing(), f"needs the Debian packages {' '.join(missing())} (apt-get install)"


@pytest.fixture(scope="session")
def soffice():
    """LibreOffice Writer, poppler-utils (pdftoppm) and the Noto CJK fonts."""
    debian_packages("libreoffice-writer", "poppler-utils", "fonts-noto-cjk")
    return shutil.which("soffice")


@pytest.fixture(scope="session")
def soffice_calc(soffice):
    """LibreOffice with Calc, for the workbooks."""
    debian_packages("libreoffice-calc")
    return soffice


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, for the HTML page and the web page."""
    debian_packages("chromium", recommends=True)  # as the browser tests were first run
    return shutil.which("chromium")
