"""The HTML view in a real headless Chromium: self-contained, every finding shown,
filters that work. A screenshot goes to test-artifacts/ (ignored by git)."""

import contextlib
import json
import os
import shutil
import sys

import pytest
from conftest import ROOT, SEEDS, run_relint

pytestmark = pytest.mark.slow
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "relint.html"
    done = run_relint("--format", "html", "--output", str(out), *map(str, SEEDS))
    assert done.returncode == 1
    return out


@contextlib.contextmanager
def opened_page(chromium, uri: str, viewport: dict):
    """A page of headless Chromium opened at ``uri``, with the URLs it requested."""
    from playwright.sync_api import sync_playwright

    requests = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=viewport)
        page.on("request", lambda request: requests.append(request.url))
        page.goto(uri)
        yield page, requests
        browser.close()


def test_page_in_chromium_shows_every_finding_and_filters_work(chromium, page_file):
    expected = json.loads(run_relint("--format", "json", *map(str, SEEDS)).stdout)
    with opened_page(chromium, page_file.as_uri(), {"width": 1200, "height": 1600}) as (page, requests):
        assert [url for url in requests if not url.startswith("file:")] == []  # self-contained
        assert page.locator("#ov-body tr").count() == len(SEEDS)
        for number, file in enumerate(expected["files"], 1):  # each report, opened from its row
            page.locator(f'#ov-body tr[data-index="{number}"] a').click()
            page.wait_for_selector(f"#report-view-{number}")
            assert page.locator("section.report h2").text_content().startswith(file["path"])
            assert page.locator("li.finding").count() == len(file["diagnostics"])
            assert page.locator("#visible-count").text_content() == str(len(file["diagnostics"]))
            # every finding is highlighted in the text where it is (a mark lists its id)
            missing = page.evaluate("""() => Array.from(document.querySelectorAll('li.finding')).filter(li =>
                !document.querySelector('mark[data-ids~="' + li.dataset.id + '"]')).map(li => li.dataset.id)""")
            assert missing == []
        diagnostics = expected["files"][-1]["diagnostics"]  # the last one opened
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


def test_page_of_one_report_opens_on_that_report(chromium, tmp_path):
    from playwright.sync_api import sync_playwright

    report = tmp_path / "report.txt"  # markup in a report is text on the page, never markup
    report.write_text(SEEDS[0].read_text(encoding="utf-8") + "<img src=x onerror=\"document.title='hit'\">\n",
                      encoding="utf-8")
    page_text = run_relint("--format", "html", str(report)).stdout.decode()
    expected = json.loads(run_relint("--format", "json", str(report)).stdout)["files"][0]["diagnostics"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content(page_text)
        assert page.locator("#overview").is_hidden()
        assert page.locator("li.finding").count() == len(expected) > 0
        assert "法定内容" in page.locator("pre.checklist").text_content()
        assert page.locator("pre.text img").count() == 0 and "<img src=x" in page.locator("pre.text").text_content()
        assert page.title() == "relint"
        browser.close()


def _column(page, number: int) -> list[str]:
    return page.evaluate(f"""() => Array.from(document.querySelectorAll('#ov-body tr')).map(tr =>
        tr.children[{number}].textContent)""")


def test_three_hundred_reports_open_fast_sort_filter_and_show_clusters(chromium, tmp_path):
    """The batch page: 300 reports (two of them copying a paragraph from each other) open on
    the overview in under 2 s; sorting, filters, a row's report and the copy cluster work."""
    from test_copying import make_copied_pair

    folder = tmp_path / "province"
    others = [seed for seed in SEEDS if seed != SEEDS[1]]  # 001's paragraph in many reports would be stock text
    for number in range(298):
        seed = others[number % len(others)]
        target = folder / f"county{number // 20:02d}" / f"{number:03d}_{seed.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed, target)
    pair = make_copied_pair(folder / "copied")
    out = tmp_path / "province.html"
    run_relint("--format", "html", "-o", str(out), str(folder))
    text = out.read_text(encoding="utf-8")
    sys.path.insert(0, str(ROOT / "fuzz"))
    from campaign import html_overview

    data = html_overview(text)  # the overview's data as the page carries it: what the table must show
    header, rows, columns = data["header"], data["rows"], data["columns"]
    assert len(rows) == 300
    with opened_page(chromium, out.as_uri(), {"width": 1400, "height": 1000}) as (page, requests):
        page.wait_for_selector("body[data-ready]")
        rendered = page.evaluate("() => performance.getEntriesByName('relint-overview')[0].startTime")
        assert rendered < 2000, f"overview rendered {rendered:.0f} ms after the page was requested"
        assert [url for url in requests if not url.startswith("file:")] == []
        assert page.locator("#ov-body tr").count() == 300
        assert page.locator("#ov-head th").all_text_contents() == header

        errors = columns["severities"]["warning"]  # sort by the warning count, then the other way
        page.locator(f'#ov-head th[data-column="{errors}"]').click()
        counts = [int(v) for v in _column(page, errors)]
        assert counts == sorted(counts) and counts[0] < counts[-1]
        page.locator(f'#ov-head th[data-column="{errors}"]').click()
        assert [int(v) for v in _column(page, errors)] == sorted(counts, reverse=True)

        page.fill("#ov-text", "county03")
        assert page.locator("#ov-body tr").count() == 20 == int(page.locator("#ov-count").text_content())
        page.fill("#ov-text", "")
        kind = rows[0][columns["kind"] + 1]
        page.select_option("#ov-kind", kind)
        assert page.locator("#ov-body tr").count() == sum(row[columns["kind"] + 1] == kind for row in rows) < 300
        page.select_option("#ov-kind", "")
        page.select_option("#ov-missing", "*")
        missing = sum(any(row[c + 1] == "✗" for c in columns["parts"]) for row in rows)
        assert page.locator("#ov-body tr").count() == missing > 0
        page.select_option("#ov-missing", "")
        page.select_option("#ov-severity", "error")
        assert page.locator("#ov-body tr").count() == sum(row[columns["severities"]["error"] + 1] > 0 for row in rows)
        page.select_option("#ov-severity", "")
        page.check("#ov-late")
        assert page.locator("#ov-body tr").count() == sum((row[columns["late"] + 1] or 0) > 0 for row in rows)
        page.uncheck("#ov-late")

        # the copy cluster: both files, in the overview's column and in the clusters list
        page.check("#ov-copied")
        assert sorted(_column(page, 0)) == sorted(map(str, pair))
        assert _column(page, columns["groups"][0]) == ["1", "1"]
        cluster = page.locator("#clusters li").all_text_contents()
        assert len(cluster) == 1 and all(str(path) in cluster[0] for path in pair)
        os.makedirs(ROOT / "test-artifacts", exist_ok=True)
        page.screenshot(path=str(ROOT / "test-artifacts" / "relint-html-overview.png"))
        index = int(page.locator("#ov-body tr").first.get_attribute("data-index"))
        page.locator("#ov-body tr").first.locator("td").nth(1).click()  # a row shows that report's findings
        page.wait_for_selector(f"#report-view-{index}")
        shown = page.locator("li.finding").all_text_contents()
        report = json.loads(text.split(f'id="report-data-{index}">')[1].split("</script>")[0])
        assert len(shown) == len(report["findings"]) and any("Q006" in item for item in shown)


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


def test_page_in_a_folder_links_to_the_reviewed_word_copy(chromium, tmp_path):
    from playwright.sync_api import sync_playwright

    docx = ROOT / "fixtures" / "formats" / "001.docx"
    run_relint("--format", "html", "-o", f"{tmp_path}/", str(docx), str(SEEDS[0]))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto((tmp_path / "index.html").as_uri())
        assert page.locator("#ov-body a.reviewed").count() == 1
        page.locator('#ov-body tr[data-index="1"] a').first.click()
        page.wait_for_selector("#report-view-1")
        link = page.locator("section.report a.reviewed")
        assert link.get_attribute("href") == "001.relint.docx"
        assert page.evaluate("() => document.querySelector('section.report a.reviewed').href") == \
            (tmp_path / "001.relint.docx").as_uri()
        assert (tmp_path / "001.relint.docx").stat().st_size > 0
        browser.close()
