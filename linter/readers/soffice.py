"""LibreOffice as a converter: formats relint cannot read itself are turned into .docx by
``soffice --headless --convert-to``, when LibreOffice is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

#: A conversion that takes longer than this is abandoned (a hung soffice must not hang relint).
TIMEOUT = 120


def available() -> bool:
    return shutil.which("soffice") is not None


def convert_file(source: Path, target: str, outdir: Path, timeout: float = TIMEOUT) -> Path:
    """Convert ``source`` to ``target`` ("docx", "pdf", "doc:MS Word 97", …) into ``outdir``.

    Each run gets a private profile (other soffice processes must not share its lock) and the
    headless "svp" display plugin (without it soffice can wait forever for a display).
    Raises ``subprocess.SubprocessError`` or ``OSError`` when the conversion fails.
    """
    with tempfile.TemporaryDirectory(prefix="relint-soffice-") as profile:
        subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", target, "--outdir", str(outdir), str(source)],
                       check=True, capture_output=True, stdin=subprocess.DEVNULL, timeout=timeout,
                       env=dict(os.environ, SAL_USE_VCLPLUGIN="svp"))
    produced = outdir / f"{source.stem}.{target.split(':')[0]}"
    if not produced.is_file():
        raise subprocess.SubprocessError(f"LibreOffice wrote no {produced.name}")
    return produced


def to_docx(data: bytes, suffix: str, timeout: float = TIMEOUT) -> bytes:
    """The bytes of ``data`` (a file ending in ``suffix``) converted to .docx."""
    with tempfile.TemporaryDirectory(prefix="relint-convert-") as folder:
        source = Path(folder) / f"input{suffix}"
        source.write_bytes(data)
        out = Path(folder) / "out"
        out.mkdir()
        return convert_file(source, "docx", out, timeout).read_bytes()
