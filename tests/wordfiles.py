"""Word files for tests, made by real tools (LibreOffice, python-docx), and the texts a
reviewer gets from a reviewed copy by rejecting or accepting every tracked change,
computed from the XML independently of relint's writer."""

from __future__ import annotations

import io
import subprocess
import zipfile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ATOMS = {f"{W}{tag}" for tag in ("t", "tab", "br", "cr", "noBreakHyphen", "ptab")}


def convert(soffice: str, target: str, files, outdir, profile) -> None:
    """``soffice --convert-to`` with a profile of its own (other LibreOffice processes on
    the machine must not receive the job)."""
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target,
                    "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=300)


def paragraphs(data: bytes) -> list:
    """The body paragraph elements in the reader's order."""
    import docx

    from linter.readers.docx import body_paragraphs

    return [p._p for p in body_paragraphs(docx.Document(io.BytesIO(data)))]


def _text(run, deleted: bool) -> str:
    out = []
    for child in run:
        if child.tag == f"{W}delText" and deleted:
            out.append(child.text or "")
        elif child.tag in _ATOMS:
            out.append(str(child))
    return "".join(out)


def _inline(paragraph):
    """The paragraph's run-level children in order, a hyperlink's children in its place."""
    for child in paragraph:
        if child.tag == f"{W}hyperlink":
            yield from child
        else:
            yield child


def views(data: bytes) -> tuple[list[str], list[str]]:
    """Each paragraph's text after rejecting every change, and after accepting every change."""
    rejected, accepted = [], []
    for paragraph in paragraphs(data):
        old, new = [], []
        for child in _inline(paragraph):
            if child.tag == f"{W}r":
                old.append(_text(child, False))
                new.append(_text(child, False))
            elif child.tag == f"{W}del":
                old.extend(_text(run, True) for run in child.findall(f"{W}r"))
            elif child.tag == f"{W}ins":
                new.extend(_text(run, False) for run in child.findall(f"{W}r"))
        rejected.append("".join(old))
        accepted.append("".join(new))
    return rejected, accepted


def anchored(data: bytes) -> dict[str, str]:
    """Comment id → the original text between its range start and end (paragraphs joined
    with a line break)."""
    open_ids, texts = set(), {}
    for paragraph in paragraphs(data):
        for key in open_ids:
            texts[key] += "\n"
        for child in _inline(paragraph):
            if child.tag == f"{W}commentRangeStart":
                open_ids.add(child.get(f"{W}id"))
                texts[child.get(f"{W}id")] = ""
            elif child.tag == f"{W}commentRangeEnd":
                open_ids.discard(child.get(f"{W}id"))
            else:
                runs = [child] if child.tag == f"{W}r" else child.findall(f"{W}r") if child.tag == f"{W}del" else []
                for key in open_ids:
                    texts[key] += "".join(_text(run, True) for run in runs)
    return texts


def part(data: bytes, name: str) -> bytes | None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name) if name in archive.namelist() else None


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def word_template():
    """python-docx's Document of the Word-made GB/T 9704 template (fixtures/docx), opened
    as a .docx: only the main part's content type differs between a .dotx and a .docx."""
    import docx
    from conftest import FIXTURES

    source = zipfile.ZipFile(FIXTURES / "docx" / "gbt9704-template-word.dotx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.template.main+xml", b"wordprocessingml.document.main+xml")
            target.writestr(info, data)
    return docx.Document(io.BytesIO(out.getvalue()))
