"""``relint serve``: a local web page for people who never open a terminal.

Drop or pick a report (or paste its text), get the review page — the same view as
``--format html`` — with downloads of the fixed text, the reviewed ``.docx`` (tracked
changes and comments) and the JSON. ``POST /api/lint`` answers the JSON contract for other
tools. Starlette and uvicorn come with the ``serve`` extra (``pip install
'report-relint[serve]'``) and are imported only by this command.

Safety, because the page may be opened on an office's intranet:
- bodies over the file size limit get 413 from their Content-Length (or as soon as a
  streamed body passes it), before anything is parsed;
- a file name is only a label (its suffix picks the reader); it is never opened;
- linting runs in worker processes, off the event loop, so a slow file stalls no one else
  and a failure costs one answer; a file that takes too long gets 504;
- the only file written is last year's report for Q004, inside a temporary folder that is
  removed when the answer is ready;
- everything that came from the upload is escaped in the page.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import html
import os
import sys
from dataclasses import replace

from linter.i18n import translate
from linter.sources import MAX_BYTES

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
#: seconds one upload may take in a worker before the answer is 504
LINT_TIMEOUT = 120
#: a multipart body carries the file plus boundaries and the other fields
MAX_BODY = MAX_BYTES + 64 * 1024
KINDS = ("", "annual", "duty")

_STRINGS = {
    "title": ("relint 报告检查", "relint report check"),
    "intro": ("选择或拖入一份报告（.txt、.md、.docx 等），或粘贴报告全文，检查结构、日期、数字和标点。文件只在本机检查，不会上传到别处。",
              "Pick or drop a report (.txt, .md, .docx …) or paste its text to check its structure, dates, figures "
              "and punctuation. The file is checked on this machine only."),
    "file": ("报告文件", "Report file"),
    "drop": ("把文件拖到这里", "Drop a file here"),
    "text": ("或粘贴报告全文", "Or paste the report's text"),
    "kind": ("报告类型", "Report kind"),
    "kind_": ("自动识别", "detect"),
    "kind_annual": ("法治政府建设年度报告", "annual report"),
    "kind_duty": ("述职/述法报告", "duty report"),
    "previous": ("上一年度报告（可选，用于检查照抄）", "Last year's report (optional, to find copied passages)"),
    "submit": ("检查", "Check"),
    "downloads": ("下载", "Downloads"),
    "fixed": ("修正后的文本", "fixed text"),
    "reviewed": ("带修订和批注的 Word 文件", "reviewed Word file (tracked changes and comments)"),
    "json": ("JSON 结果", "JSON result"),
    "again": ("检查另一份报告", "Check another report"),
    "no_input": ("没有收到报告：请选择文件（字段 file）或粘贴文本（字段 text）",
                 "no report received: send a file (field 'file') or text (field 'text')"),
    "too_large": ("上传内容过大（上限 {limit} 字节）", "upload too large (limit {limit} bytes)"),
    "bad_form": ("无法解析上传的表单", "the upload could not be parsed as a form"),
    "bad_kind": ("报告类型只能是 annual 或 duty", "kind must be annual or duty"),
    "timeout": ("检查超时，请稍后再试或在命令行中运行 relint", "checking took too long; try again or run relint"),
    "error": ("无法检查", "Cannot check"),
}


def _t(key: str, lang: str, **values) -> str:
    return translate(_STRINGS, key, lang, **values)


class UploadError(Exception):
    """An upload that cannot be linted: its HTTP status and a message key."""

    def __init__(self, status: int, key: str, **values):
        super().__init__(key)
        self.status, self.key, self.values = status, key, values


# -- work done in the worker processes ------------------------------------------------

_REGISTRY = None


def _registry():
    global _REGISTRY
    if _REGISTRY is None:
        from linter.engine import Registry

        _REGISTRY = Registry()
    return _REGISTRY


def _safe_name(name: str) -> str:
    """A label for the upload: its base name, at most 200 characters. Its suffix picks the
    reader (an unknown one is answered with E004); it is never used as a path."""
    base = os.path.basename((name or "").replace("\\", "/")).strip() or "report.txt"
    return base[:200]


def _lint_upload(name: str, data: bytes, options: dict):
    """Lint one upload in a temporary folder of its own; returns (registry, settings, the
    path the engine saw, the result)."""
    import tempfile

    from linter.batch import Job, lint_one
    from linter.config import Settings

    registry = _registry()
    suffix = os.path.splitext(name)[1].lower()
    with tempfile.TemporaryDirectory(prefix="relint-serve-") as folder:
        # The engine looks for last year's report beside the file: inside this folder only.
        path = os.path.join(folder, "report" + suffix)
        settings = Settings(root=folder, kind=options.get("kind") or None, lang=options.get("lang", "zh"))
        previous = options.get("previous")
        if previous:
            previous_name = "previous" + os.path.splitext(previous[0])[1].lower()
            with open(os.path.join(folder, previous_name), "wb") as handle:
                handle.write(previous[1])
            settings = replace(settings, previous=previous_name)
        result = lint_one(registry, path, settings, data, Job())
    return registry, settings, path, replace(result, path=name)


def _json_text(result, lang: str) -> str:
    from linter.output import OutputOptions, render
    from linter.output.json_format import JsonFormatter

    return render(JsonFormatter, [result], OutputOptions(lang=lang))


def api_answer(name: str, data: bytes, options: dict) -> tuple[int, str]:
    """``POST /api/lint``: (status, JSON text)."""
    _, _, _, result = _lint_upload(name, data, options)
    status = _status(result)
    return status, _json_text(result, options.get("lang", "zh"))


def _status(result) -> int:
    """200 for a linted upload (findings are the answer), 415 for a format relint does not
    read, 422 for a file it cannot read (binary, undecodable, empty, corrupt, encrypted)."""
    if result.error is None:
        return 200
    return 415 if result.error.code == "E004" else 422


def page_answer(name: str, data: bytes, options: dict) -> tuple[int, str]:
    """``POST /``: (status, the review page)."""
    from linter.batch import Job, lint_one
    from linter.fixer import FixMode
    from linter.output import OutputOptions, render
    from linter.output.html import HtmlFormatter

    lang = options.get("lang", "zh")
    registry, settings, path, result = _lint_upload(name, data, options)
    if result.error is not None:
        return _status(result), error_page(lang, f"{result.error.code} {result.error.message(lang)}", name)
    downloads = []
    stem, suffix = os.path.splitext(name)
    if suffix.lower() == ".txt":  # --fix rewrites plain text only
        fixed = lint_one(registry, path, settings, data, Job(fix=FixMode(unsafe=False, write=True))).fixed_output
        if fixed is not None and fixed != data:
            downloads.append((f"{stem}.fixed{suffix}", "text/plain", fixed, _t("fixed", lang)))
    if suffix.lower() in (".txt", ".md", ".markdown", ".docx"):
        from linter.annotate import annotate_bytes

        reviewed = annotate_bytes(registry, path, data, settings)
        if isinstance(reviewed, tuple):
            downloads.append((f"{stem}.relint.docx",
                              "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                              reviewed[0], _t("reviewed", lang)))
    downloads.append((f"{stem}.relint.json", "application/json", _json_text(result, lang).encode("utf-8"),
                      _t("json", lang)))
    page = render(HtmlFormatter, [result], OutputOptions(lang=lang, rules=registry.rules))
    return 200, _with_downloads(page, downloads, lang)


def _with_downloads(page: str, downloads: list, lang: str) -> str:
    """The review page with a bar of downloads at its top. Downloads are data: links, so
    nothing of the upload is kept on the server after the answer."""
    links = " · ".join(
        f'<a download="{html.escape(filename)}" href="data:{mime};base64,{base64.b64encode(blob).decode()}">'
        f"{html.escape(label)}</a>" for filename, mime, blob, label in downloads)
    bar = (f'<nav class="relint-serve" style="padding:.6em 1em;background:#eef4ea;border-bottom:1px solid #cdc">'
           f'<b>{_t("downloads", lang)}：</b>{links} · <a href="/?lang={lang}">{_t("again", lang)}</a></nav>')
    return page.replace("<body>", "<body>" + bar, 1)


# -- pages ---------------------------------------------------------------------------

_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
max-width:52em;margin:2em auto;padding:0 1em;color:#222}
label{display:block;margin:1em 0 .3em;font-weight:bold}
#drop{border:2px dashed #9ab;border-radius:6px;padding:1.5em;text-align:center;color:#567}
#drop.over{background:#eef4fa}
textarea{width:100%;height:12em;font-family:inherit}
button{margin-top:1em;padding:.5em 2em;font-size:1em}
.error{color:#b00;border:1px solid #e99;padding:.6em 1em;background:#fff4f4}
"""

# Drag and drop moves the dropped file into the picker; without JavaScript the picker works.
_SCRIPT = """
(function(){var zone=document.getElementById('drop'),input=document.getElementById('file');
['dragenter','dragover'].forEach(function(e){zone.addEventListener(e,function(ev){ev.preventDefault();zone.classList.add('over');});});
['dragleave','drop'].forEach(function(e){zone.addEventListener(e,function(){zone.classList.remove('over');});});
zone.addEventListener('drop',function(ev){ev.preventDefault();if(ev.dataTransfer.files.length){input.files=ev.dataTransfer.files;
zone.textContent=ev.dataTransfer.files[0].name;}});})();
"""


def _document(lang: str, body: str, script: str = "") -> str:
    html_lang = "en" if lang == "en" else "zh-CN"
    return (f'<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{_t('title', lang)}</title><style>{_STYLE}</style></head><body>{body}"
            f"{f'<script>{script}</script>' if script else ''}</body></html>")


def form_page(lang: str, accept: str, message: str = "") -> str:
    kinds = "".join(f'<option value="{k}">{_t("kind_" + k, lang)}</option>' for k in KINDS)
    error = f'<p class="error" role="alert">{html.escape(message)}</p>' if message else ""
    body = (f"<h1>{_t('title', lang)}</h1><p>{_t('intro', lang)}</p>{error}"
            f'<form method="post" action="/?lang={lang}" enctype="multipart/form-data">'
            f'<label for="file">{_t("file", lang)}</label>'
            f'<div id="drop">{_t("drop", lang)}<br><input type="file" id="file" name="file" accept="{accept}"></div>'
            f'<label for="text">{_t("text", lang)}</label><textarea id="text" name="text"></textarea>'
            f'<label for="kind">{_t("kind", lang)}</label><select id="kind" name="kind">{kinds}</select>'
            f'<label for="previous">{_t("previous", lang)}</label>'
            f'<input type="file" id="previous" name="previous" accept="{accept}">'
            f'<div><button type="submit">{_t("submit", lang)}</button></div></form>')
    return _document(lang, body, _SCRIPT)


def error_page(lang: str, message: str, name: str = "") -> str:
    what = f"{_t('error', lang)} {html.escape(name)}" if name else _t("error", lang)
    return _document(lang, f'<h1>{what}</h1><p class="error" role="alert">{html.escape(message)}</p>'
                           f'<p><a href="/?lang={lang}">{_t("again", lang)}</a></p>')


def choose_lang(query_lang: str | None, accept_language: str) -> str:
    """``?lang=`` first, then the browser's first preference."""
    if query_lang in ("zh", "en"):
        return query_lang
    first = (accept_language or "").split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "zh"


# -- the application ------------------------------------------------------------------

def create_app(workers: int | None = None):
    """The ASGI application (Starlette)."""
    import asyncio
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    readers = sorted(_registry().readers)
    accept = ",".join(readers)
    # spawn: workers start clean, not as copies of a process running an event loop
    pool = ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1, mp_context=multiprocessing.get_context("spawn"))

    async def read_limited(request) -> None:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            raise UploadError(413, "too_large", limit=MAX_BYTES)
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                raise UploadError(413, "too_large", limit=MAX_BYTES)
            chunks.append(chunk)
        # Starlette's form parser reads a body that is already there instead of the stream.
        request._body = b"".join(chunks)

    async def upload(request, lang: str) -> tuple[str, bytes, dict]:
        await read_limited(request)
        try:
            form = await request.form(max_files=2, max_fields=10, max_part_size=MAX_BODY)
        except HTTPException as exc:
            raise UploadError(400, "bad_form") from exc
        except Exception as exc:  # noqa: BLE001 - a malformed body is the client's error
            raise UploadError(400, "bad_form") from exc
        kind = str(form.get("kind") or "")
        if kind not in KINDS:
            raise UploadError(400, "bad_kind")
        options = {"lang": lang, "kind": kind}
        previous = form.get("previous")
        if hasattr(previous, "read") and previous.filename:
            options["previous"] = (_safe_name(previous.filename), await previous.read())
        given = form.get("file")
        if hasattr(given, "read") and given.filename:
            return _safe_name(given.filename), await given.read(), options
        text = form.get("text")
        if isinstance(text, str) and text.strip():
            return ("粘贴的文本.txt" if lang == "zh" else "pasted.txt"), text.encode("utf-8"), options
        raise UploadError(400, "no_input")

    async def in_worker(function, *args):
        loop = asyncio.get_running_loop()
        return await asyncio.wait_for(loop.run_in_executor(pool, function, *args), LINT_TIMEOUT)

    async def home(request):
        lang = choose_lang(request.query_params.get("lang"), request.headers.get("accept-language", ""))
        if request.method == "GET":
            return HTMLResponse(form_page(lang, accept))
        try:
            name, data, options = await upload(request, lang)
            status, page = await in_worker(page_answer, name, data, options)
        except UploadError as exc:
            return HTMLResponse(form_page(lang, accept, _t(exc.key, lang, **exc.values)), status_code=exc.status)
        except asyncio.TimeoutError:
            return HTMLResponse(error_page(lang, _t("timeout", lang)), status_code=504)
        return HTMLResponse(page, status_code=status)

    async def api(request):
        lang = choose_lang(request.query_params.get("lang"), request.headers.get("accept-language", ""))
        try:
            name, data, options = await upload(request, lang)
            status, text = await in_worker(api_answer, name, data, options)
        except UploadError as exc:
            return JSONResponse({"error": _t(exc.key, lang, **exc.values)}, status_code=exc.status)
        except asyncio.TimeoutError:
            return JSONResponse({"error": _t("timeout", lang)}, status_code=504)
        return Response(text, status_code=status, media_type="application/json")

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        pool.shutdown(cancel_futures=True)

    return Starlette(routes=[Route("/", home, methods=["GET", "POST"]), Route("/api/lint", api, methods=["POST"])],
                     lifespan=lifespan)


def _parser():
    parser = argparse.ArgumentParser(prog="relint serve", description="relint 的本地网页：拖入报告即可检查")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST}: this machine only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    parser.add_argument("--open", action="store_true", help="open the page in the default browser")
    parser.add_argument("--workers", type=int, default=None, help="worker processes for linting (default: all cores)")
    return parser


def serve_main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        import uvicorn
    except ImportError:
        print("relint: relint serve needs the serve extra: pip install 'report-relint[serve]'", file=sys.stderr)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"relint: warning: serving on {args.host}: anyone who can reach this address can upload files",
              file=sys.stderr)
    url = f"http://{'[' + args.host + ']' if ':' in args.host else args.host}:{args.port}/"
    if args.open:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, (url,)).start()
    print(f"relint serve: {url}", file=sys.stderr, flush=True)
    uvicorn.run(create_app(args.workers), host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":  # pragma: no cover - `python -m linter.serve` for debugging
    raise SystemExit(serve_main(sys.argv[1:]))
