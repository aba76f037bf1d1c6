"""Zip containers (docx, OFD, …) opened with limits, so a small file that unpacks to
gigabytes (a zip bomb) or holds a million members is refused with one line instead of
exhausting memory. Every reader of a zip-based format opens it through here."""

from __future__ import annotations

import io
import zipfile

from linter.sources import InputError

#: More members than any report package has.
MAX_MEMBERS = 10_000
#: Unpacked size of the whole package.
MAX_UNPACKED = 256 * 1024 * 1024
#: A member that unpacks to more than this many times its packed size is a bomb, not text.
MAX_RATIO = 200
#: Below this size a member may have any ratio (tiny XML files compress extremely well).
_SMALL = 1024 * 1024


def open_zip(data: bytes, path: str, what: str) -> zipfile.ZipFile | InputError:
    """``data`` as a zip archive, or the E-code naming why it is refused (``what`` names the
    format in the message: "docx", "OFD")."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return InputError(path, "E002", f"不是有效的 {what} 文件（不是完整的 zip 包，可能已损坏或被截断）",
                          f"not a valid {what} file (not a complete zip package: damaged or truncated)")
    if len(members) > MAX_MEMBERS:
        return InputError(path, "E001", f"{what} 包内文件过多（{len(members)} 个，上限 {MAX_MEMBERS} 个）",
                          f"the {what} package holds too many parts ({len(members)}, limit {MAX_MEMBERS})")
    total = sum(member.file_size for member in members)
    bomb = next((m for m in members if m.file_size > _SMALL and m.file_size > MAX_RATIO * max(m.compress_size, 1)), None)
    if total > MAX_UNPACKED or bomb is not None:
        return InputError(path, "E001", f"{what} 包解压后过大（{total} 字节，上限 {MAX_UNPACKED} 字节，或压缩比异常）",
                          f"the {what} package unpacks too large ({total} bytes, limit {MAX_UNPACKED}, or an abnormal "
                          "compression ratio)")
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """The bytes of member ``name``, None when there is no such member. zipfile stops at the
    size the member's header declares (checked against the limits above) and checks its CRC."""
    try:
        return archive.read(name)
    except KeyError:
        return None
