"""PDF reports (pypdfium2, Apache-2.0/BSD-3): the glyphs of the text layer with their boxes,
put back into paragraphs by :mod:`linter.readers.layout`. pdfium marks the spaces it
generates from gaps; only the ones the text layer holds are kept."""

from __future__ import annotations

from linter.readers.layout import page_lines, to_source
from linter.sources import InputError, Source

#: More pages than any annual report has: a bigger PDF is refused before its text is read.
MAX_PAGES = 400


def _glyphs(page) -> list[tuple]:
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        glyphs = []
        for index in range(textpage.count_chars()):
            char = textpage.get_text_range(index, 1)
            if char in ("\r", "\n", "") or (char.isspace() and char != " "):
                continue
            left, bottom, right, top = textpage.get_charbox(index, loose=True)
            generated = raw.FPDFText_IsGenerated(textpage.raw, index) == 1
            size = raw.FPDFText_GetFontSize(textpage.raw, index)
            glyphs.append((char, left, right, size, generated, bottom, top))
        return glyphs
    finally:
        textpage.close()


def read(data: bytes, path: str) -> Source | InputError:
    try:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium reports damage and passwords as PdfiumError
        return _open_error(path, exc)
    try:
        if len(document) > MAX_PAGES:
            return InputError(path, "E001", f"PDF 页数过多（{len(document)} 页，上限 {MAX_PAGES} 页）",
                              f"too many pages ({len(document)}, limit {MAX_PAGES})")
        pages = []
        for number in range(len(document)):
            page = document[number]
            try:
                pages.append(page_lines(_glyphs(page), number + 1))
            finally:
                page.close()
    except Exception as exc:
        return InputError(path, "E002", f"PDF 已损坏，无法读取文字层：{exc}", f"damaged PDF, cannot read its text: {exc}")
    finally:
        document.close()
    if not any(pages):
        return InputError(path, "E005", "PDF 没有文字层（扫描件或纯图片），需要先做文字识别（OCR）",
                          "the PDF has no text layer (scanned or image-only): run OCR on it first")
    return to_source(path, pages, "pdf")


def _open_error(path: str, exc: Exception) -> InputError:
    message = str(exc)
    if "password" in message.lower():
        return InputError(path, "E002", "PDF 已加密（需要打开密码），请提供未加密的文件",
                          "the PDF is encrypted (needs a password): provide an unencrypted copy")
    if "format" in message.lower() or "file" in message.lower():
        return InputError(path, "E002", "不是有效的 PDF 文件（已损坏或被截断）", "not a valid PDF (damaged or truncated)")
    return InputError(path, "E002", f"无法打开 PDF：{message}", f"cannot open the PDF: {message}")
