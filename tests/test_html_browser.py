"""The HTML view in a real headless Chromium: self-contained, every finding shown,
filters that work. A screenshot goes to test-artifacts/ (ignored by git)."""

import json
import os
import shutil
import subprocess

import pytest
from conftest import ROOT, SEEDS, run_relint

pytestmark = pytest.mark.slow
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium, installed on first use (CI machines start without it)."""
    path = shutil.which("chromium")
    if path is None and os.geteuid() == 0:
        subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, capture_output=True, timeout=900,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        path = shutil.which("chromium")
    assert path, "the HTML tests need Debian's chromium package (apt-get install chromium)"
    return path


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "relint.html"
    done = run_relint("--format", "html", "--output", str(out), *map(str, SEEDS))
    assert done.returncode == 1
    return out


def test_page_in_chromium_shows_every_finding_and_filters_work(chromium, page_file):
    from playwright.sync_api import sync_playwright

    expected = json.loads(run_relint("--format", "json", *map(str, SEEDS)).stdout)
    diagnostics = [d for f in expected["files"] for d in f["diagnostics"]]
    requests = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1600})
        page.on("request", lambda request: requests.append(request.url))
        page.goto(page_file.as_uri())
        assert [url for url in requests if not url.startswith("file:")] == []  # self-contained
        findings = page.locator("li.finding")
        assert findings.count() == len(diagnostics)
        assert page.locator("#visible-count").text_content() == str(len(diagnostics))
        # every finding is highlighted in the text where it is (a mark lists its id)
        missing = page.evaluate("""() => Array.from(document.querySelectorAll('li.finding')).filter(li =>
            !document.querySelector('mark[data-ids~="' + li.dataset.id + '"]')).map(li => li.dataset.id)""")
        assert missing == []
        assert page.locator("mark.on").count() > 0
        os.makedirs(ROOT / "test-artifacts", exist_ok=True)
        page.screenshot(path=str(ROOT / "test-artifacts" / "relint-html.png"))

        page.locator('input[data-filter="severity"][value="warning"]').uncheck()
        not_warnings = sum(1 for d in diagnostics if d["severity"] != "warning")
        assert page.locator("li.finding:not([hidden])").count() == not_warnings
        assert page.locator("#visible-count").text_content() == str(not_warnings)
        only_warning_marks = page.evaluate("""() => Array.from(document.querySelectorAll('mark.on')).filter(m =>
            m.dataset.ids.split(' ').every(id => document.getElementById(id).dataset.severity === 'warning')).length""")
        assert only_warning_marks == 0

        page.locator('input[data-filter="severity"][value="warning"]').check()
        page.locator('input[data-filter="family"][value="T"]').uncheck()
        not_typography = sum(1 for d in diagnostics if not d["code"].startswith("T"))
        assert page.locator("li.finding:not([hidden])").count() == not_typography
        browser.close()


def test_page_is_one_self_contained_file(page_file):
    text = page_file.read_text(encoding="utf-8")
    assert "<script src" not in text and "<link" not in text and "http://" not in text.split("<body>")[0]
    assert text.count('class="report"') == len(SEEDS)


@pytest.mark.parametrize("lang, words, absent", [
    ("zh", ["<legend>级别</legend>", "<legend>规则类别</legend>", "> 错误</label>", "T 标点和排版", "条显示中"],
     ["<legend>severity</legend>", " shown</div>"]),
    ("en", ["<legend>Severity</legend>", "<legend>Rule family</legend>", "> error</label>", "T typography", " shown</div>"],
     ["级别", "规则类别"]),
])
def test_page_words_are_in_the_chosen_language(lang, words, absent):
    page = run_relint("--format", "html", "--lang", lang, str(SEEDS[4])).stdout.decode()
    assert all(word in page for word in words), [word for word in words if word not in page]
    assert not any(word in page for word in absent)
