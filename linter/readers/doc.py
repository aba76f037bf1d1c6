"""Old Word (.doc) and WPS (.wps) reports, read by what the bytes are, not by the name.

A Word 97–2003 file (WPS Office writes .wps in the same format) is an OLE compound file;
its text is found through the piece table ([MS-DOC] 2.8.35 Clx/PlcPcd): the FIB gives the
length of the main text and where the piece table sits in the table stream, each piece says
where its characters are stored (UTF-16, or 8-bit "compressed"). Paragraphs end with a
carriage return, table cells with a BEL; a field keeps its result, not its instruction.
Only ``olefile`` (BSD) is needed, so this works on any machine.

Files this cannot read (Word 6/95, Works .wps, RTF or anything else named .doc) are
converted by LibreOffice when it is installed; a .docx or a saved web page named .doc is
handed to its own reader. Word's automatic numbering is not part of the text of a .doc
(the docx route rebuilds it; this one cannot).
"""

from __future__ import annotations

import io
import struct
import zipfile

from linter.sources import InputError, Source

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD97 = 0xA5EC
#: index of fcClx/lcbClx in FibRgFcLcb97, and of ccpText in FibRgLw97
_CLX_INDEX, _CCP_TEXT_INDEX = 33, 3
_CELL_END, _FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x07", "\x13", "\x14", "\x15"
# Marks with no text of their own: pictures, drawn objects, footnote references, soft
# hyphens; page, column and section breaks end a paragraph.
_DROP = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x08\x1f"), None)
_BREAKS = str.maketrans({"\x0b": "\r", "\x0c": "\r", "\x0e": "\r", "\x1e": "-", "\xa0": " "})


class _NotWord97(Exception):
    """The file is not a Word 97–2003 document this reader can take apart."""


class _Damaged(Exception):
    """The structures of the document point outside the file."""


class _Protected(Exception):
    """The document is encrypted or obfuscated with a password."""


def _piece_text(word: bytes, table: bytes) -> str:
    """The main document text, assembled from the piece table."""
    ident, _fib_version = struct.unpack_from("<HH", word, 0)
    if ident != _WORD97:
        raise _NotWord97("not a Word 97–2003 document")
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if flags & 0x0100 or flags & 0x8000:  # fEncrypted, fObfuscated
        raise _Protected()
    position = 32
    (rg_w,) = struct.unpack_from("<H", word, position)
    position += 2 + rg_w * 2
    (rg_lw,) = struct.unpack_from("<H", word, position)
    lw_start = position + 2
    (ccp_text,) = struct.unpack_from("<i", word, lw_start + _CCP_TEXT_INDEX * 4)
    position = lw_start + rg_lw * 4
    (rg_fc,) = struct.unpack_from("<H", word, position)
    if rg_fc <= _CLX_INDEX:
        raise _NotWord97("the file information block has no piece table")
    fc_clx, lcb_clx = struct.unpack_from("<II", word, position + 2 + _CLX_INDEX * 8)
    clx = table[fc_clx:fc_clx + lcb_clx]
    if len(clx) != lcb_clx or ccp_text < 0:
        raise _Damaged()
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: formatting, skipped
        (size,) = struct.unpack_from("<h", clx, at + 1)
        at += 3 + max(size, 0)
    if at >= len(clx) or clx[at] != 0x02:
        raise _Damaged()
    (length,) = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5:at + 5 + length]
    count = (len(plc) - 4) // 12
    positions = struct.unpack_from(f"<{count + 1}I", plc, 0)
    parts, total = [], 0
    for index in range(count):
        start, end = positions[index], positions[index + 1]
        if start >= ccp_text or end <= start:
            continue
        end = min(end, ccp_text)
        (fc,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)
        if fc & 0x40000000:  # 8-bit text at half the offset
            offset = (fc & 0x3FFFFFFF) // 2
            raw = word[offset:offset + end - start]
            parts.append(raw.decode("cp1252", errors="replace"))
        else:
            raw = word[fc:fc + 2 * (end - start)]
            parts.append(raw.decode("utf-16-le", errors="replace"))
        if len(raw) < (end - start):
            raise _Damaged()
        total += end - start
    return "".join(parts)


def _without_field_codes(text: str) -> str:
    """Keep what a field shows (between separator and end), drop its instruction."""
    out, depth_hidden = [], []
    for char in text:
        if char == _FIELD_BEGIN:
            depth_hidden.append(True)
        elif char == _FIELD_SEPARATOR and depth_hidden:
            depth_hidden[-1] = False
        elif char == _FIELD_END and depth_hidden:
            depth_hidden.pop()
        elif not any(depth_hidden):
            out.append(char)
    return "".join(out)


def _paragraphs(text: str) -> list[str]:
    text = _without_field_codes(text).translate(_DROP).translate(_BREAKS)
    lines = text.replace(_CELL_END, "\r").split("\r")
    if lines and not lines[-1]:
        lines.pop()  # after the final paragraph mark
    return lines


def _read_ole(data: bytes) -> list[str]:
    import olefile

    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        if ole.exists("EncryptedPackage") or ole.exists("EncryptionInfo"):
            raise _Protected()
        if not ole.exists("WordDocument"):
            raise _NotWord97("an OLE file without a WordDocument stream (not a Word or WPS document)")
        word = ole.openstream("WordDocument").read()
        flags = struct.unpack_from("<H", word, 0x0A)[0] if len(word) > 0x0C else 0
        table_name = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table_name):
            raise _Damaged()
        table = ole.openstream(table_name).read()
    return _paragraphs(_piece_text(word, table))


def _errors(path: str):
    return {
        "protected": InputError(path, "E002", "文档已加密（设置了打开密码），请提供未加密的文件",
                                "the document is password-protected: provide an unprotected copy"),
        "damaged": InputError(path, "E002", "不是有效的 Word/WPS 文档（已损坏或被截断）",
                              "not a valid Word/WPS document (damaged or truncated)"),
    }


def _converted(data: bytes, path: str, suffix: str, why_zh: str, why_en: str) -> Source | InputError:
    """Read a file this module cannot take apart through LibreOffice, if installed."""
    from linter.readers import soffice

    if not soffice.available():
        return InputError(path, "E002", f"{why_zh}；安装 LibreOffice 后可读取，或另存为 .docx",
                          f"{why_en}; install LibreOffice to read it, or save it as .docx")
    try:
        converted = soffice.to_docx(data, suffix)
    except Exception as exc:  # a timeout, a crash or no output: all mean "could not convert"
        return InputError(path, "E002", f"{why_zh}，LibreOffice 转换失败：{exc}", f"{why_en}; LibreOffice could not convert it: {exc}")
    source = _as(_docx_reader(), converted, path)
    if isinstance(source, Source):
        # The page setup is LibreOffice's rebuild of the old file (it drops Word's "- 1 -"
        # page numbers and character indents), not the drafter's: no layout findings on it.
        source.layout = None
    return source


def _docx_reader():
    from linter.readers import docx

    return docx.read


def _as(reader, data: bytes, path: str) -> Source | InputError:
    source = reader(data, path)
    if isinstance(source, Source):
        source.format = "doc"
    return source


def read(data: bytes, path: str) -> Source | InputError:
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ".doc"
    if zipfile.is_zipfile(io.BytesIO(data)):  # a .docx saved under an old name
        return _as(_docx_reader(), data, path)
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype html", b"mime-version")) or b"<html" in head:
        from linter.readers import html

        return html.read(data, path)  # "Web page" saved as .doc by Word or WPS
    if head.startswith(b"{\\rtf"):
        return _converted(data, path, ".rtf", "这是 RTF 文件", "this is an RTF file")
    if not data.startswith(_OLE_MAGIC):
        return _errors(path)["damaged"]
    try:
        lines = _read_ole(data)
    except _Protected:
        return _errors(path)["protected"]
    except _NotWord97 as exc:
        return _converted(data, path, suffix, f"无法直接读取：{exc}", f"cannot read it directly: {exc}")
    except Exception:  # _Damaged, and the many kinds olefile and struct raise on damaged containers
        return _errors(path)["damaged"]
    if not any(line.strip() for line in lines):
        return InputError(path, "E003", "文件没有任何文字", "the file contains no text")
    return Source(path=path, text="\n".join(lines), lines=lines, format="doc",
                  line_map=list(range(1, len(lines) + 1)), display_lines=lines)
