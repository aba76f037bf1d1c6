"""`relint serve` as people use it: the real server (uvicorn) on a free port, real uploads,
bad uploads, concurrency, and the page driven in headless Chromium."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import FIXTURES, ROOT, SEEDS, run_relint
from test_html_browser import CHROMIUM_ARGS

from linter.serve import choose_lang


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = _free_port()
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path_factory.mktemp("xdg")))
    process = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--port", str(port), "--workers", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/", timeout=2).read()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.2)
    yield url
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        raise


def post(url: str, fields: dict, headers: dict | None = None) -> tuple[int, bytes]:
    """POST ``fields`` as multipart/form-data: a value (name, bytes) is a file, a str a field."""
    boundary = uuid.uuid4().hex
    body = b""
    for name, value in fields.items():
        if isinstance(value, tuple):
            filename, data = value
            body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
        else:
            body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    body += f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def seed_bytes(index: int = 0) -> bytes:
    return SEEDS[index].read_bytes()


def test_language_from_query_then_browser():
    assert choose_lang("en", "zh-CN") == "en"
    assert choose_lang(None, "en-GB,en;q=0.9,zh;q=0.5") == "en"
    assert choose_lang(None, "zh-CN,zh;q=0.9,en;q=0.5") == "zh"
    assert choose_lang("xx", "") == "zh"


def test_api_answers_the_json_contract_of_the_command_line(server):
    status, body = post(server + "/api/lint", {"file": (SEEDS[0].name, seed_bytes())})
    assert status == 200
    answer = json.loads(body)
    expected = json.loads(run_relint("--format", "json", str(SEEDS[0])).stdout)
    assert answer["files"][0]["path"] == SEEDS[0].name  # the label, not the server's temporary path
    codes = [(d["code"], d["line"]) for d in answer["files"][0]["diagnostics"]]
    assert codes == [(d["code"], d["line"]) for d in expected["files"][0]["diagnostics"]]


def test_review_page_escapes_what_came_from_the_file(server):
    text = "XX县司法局关于2023年度法治政府建设情况的报告\n<script>alert('x')</script>\n"
    status, body = post(server + "/", {"text": text})
    page = body.decode()
    assert status == 200
    # the report's text travels as JSON whose "<" cannot close its script element; the page's
    # script escapes it when it shows the report (tests/test_html_browser.py)
    assert "<script>alert(" not in page and "\\u003cscript>alert(" in page


@pytest.mark.parametrize("fields, status, says", [
    ({"file": ("r.txt", bytes(range(256)) * 40)}, 422, "E002"),  # binary
    ({"file": ("r.txt", b"")}, 422, "E003"),  # empty
    ({"file": ("r.docx", b"PK\x03\x04 not really a zip " * 20)}, 422, "E002"),  # a .docx that is not a zip
    ({"file": ("r.exe", b"MZ\x90\x00")}, 415, "E004"),  # a format relint does not read
    ({"upload": ("r.txt", b"abc")}, 400, "file"),  # wrong field name
    ({"kind": "budget", "text": "报告"}, 400, "annual"),  # a kind that does not exist
])
def test_bad_uploads_get_4xx_and_the_server_lives(server, fields, status, says):
    for path in ("/", "/api/lint"):
        got, body = post(server + path, fields)
        assert got == status and says in body.decode(), (path, got, body[:300])
    assert urllib.request.urlopen(server + "/", timeout=10).status == 200


def _send_until_answered(server: str, head: bytes, chunk: bytes, limit: int) -> bytes:
    """Send ``head`` then ``chunk`` repeatedly (at most ``limit`` bytes) until the server
    answers or closes; the answer's first bytes."""
    with socket.create_connection(("127.0.0.1", int(server.rsplit(":", 1)[1])), timeout=30) as raw:
        raw.sendall(head)
        sent = 0
        try:
            while sent < limit:
                raw.sendall(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused before the body was read whole: what we want
        answer = b""
        while b"}" not in answer:  # the status line and the JSON body
            part = raw.recv(4096)
            if not part:
                break
            answer += part
        return answer


def test_upload_over_the_limit_is_refused_before_it_is_read(server):
    from linter.sources import MAX_BYTES

    head = b"POST /api/lint HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
    # 40 MB announced: answered from the header alone, nothing of the body needed
    answer = _send_until_answered(server, head + b"Content-Length: 41943040\r\n\r\n", b"", 0)
    assert answer.startswith(b"HTTP/1.1 413") and str(MAX_BYTES).encode() in answer, answer
    # a real 40 MB upload: the answer comes without the server reading it whole
    body = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n\r\n"
    answer = _send_until_answered(server, head + b"Content-Length: %d\r\n\r\n" % (40 << 20) + body,
                                  b"a" * (1 << 20), 40 << 20)
    assert answer.startswith(b"HTTP/1.1 413"), answer
    assert urllib.request.urlopen(server + "/", timeout=10).status == 200


def test_twenty_concurrent_uploads_are_all_answered(server):
    uploads = [(SEEDS[i % len(SEEDS)].name, SEEDS[i % len(SEEDS)].read_bytes()) for i in range(20)]
    started = time.monotonic()
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda upload: post(server + "/api/lint", {"file": upload}), uploads))
    elapsed = time.monotonic() - started
    assert [status for status, _ in answers] == [200] * 20
    for (name, _), (_, body) in zip(uploads, answers):
        assert json.loads(body)["files"][0]["path"] == name
    print(f"20 concurrent uploads answered in {elapsed:.2f} s")


def test_nothing_is_left_in_the_temporary_folder(server, tmp_path):
    import tempfile

    before = {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("relint-serve-")}
    post(server + "/api/lint", {"file": ("r.txt", seed_bytes()), "previous": ("p.txt", seed_bytes(1))})
    after = {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("relint-serve-")}
    assert after <= before


@pytest.mark.slow
def test_the_page_in_chromium(server, chromium, tmp_path):  # noqa: F811 - the fixture
    from playwright.sync_api import sync_playwright

    seed = SEEDS[4]  # many safe fixes (half-width commas)
    copy = tmp_path / seed.name
    shutil.copy(seed, copy)
    run_relint("--fix", "--no-cache", str(copy))
    requests = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1400}, accept_downloads=True, locale="zh-CN")
        page.on("request", lambda request: requests.append(request.url))
        page.goto(server + "/")
        assert page.locator("h1").text_content() == "relint 报告检查"
        page.set_input_files("#file", str(seed))
        page.click("button[type=submit]")
        page.wait_for_selector("section.report")
        assert "法定内容" in page.locator("pre.checklist").first.text_content()
        assert page.locator("li.finding").count() > 100
        os.makedirs(ROOT / "test-artifacts", exist_ok=True)
        page.screenshot(path=str(ROOT / "test-artifacts" / "relint-serve-review.png"))
        with page.expect_download() as download:
            page.click("nav.relint-serve a[download$='.fixed.txt']")
        assert download.value.suggested_filename == seed.stem + ".fixed.txt"
        assert open(download.value.path(), "rb").read() == copy.read_bytes()  # the same as relint --fix

        page.goto(server + "/")
        page.fill("#text", (FIXTURES / "clean" / "annual.txt").read_text(encoding="utf-8"))
        page.click("button[type=submit]")
        page.wait_for_selector("section.report")
        assert "法定内容" in page.locator("pre.checklist").first.text_content()

        page.goto(server + "/?lang=en")
        assert page.locator("h1").text_content() == "relint report check"
        assert page.locator("label[for=file]").text_content() == "Report file"
        page.screenshot(path=str(ROOT / "test-artifacts" / "relint-serve-en.png"))
        browser.close()
    assert all(url.startswith(server) or url.startswith("data:") for url in requests), requests
