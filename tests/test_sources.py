"""Decoding: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, CRLF and CR;
bad input becomes E001–E004, never an exception."""

import codecs

import pytest
from conftest import SEEDS, lint_file

from linter.sources import decode, read_bytes, split_lines

SAMPLE = "关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n"


@pytest.mark.parametrize("data, encoding", [
    (SAMPLE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be"),
    (SAMPLE.encode("gbk"), "gb18030"),
    (SAMPLE.encode("gb18030"), "gb18030"),
])
def test_decodes_every_encoding_reports_are_saved_in(data, encoding):
    source = decode(data, "r.txt")
    assert source.text == SAMPLE
    assert source.encoding == encoding
    assert source.bom == data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_split_the_same_and_are_remembered(newline):
    source = decode(SAMPLE.replace("\n", newline).encode(), "r.txt")
    assert source.lines == ["关于2024年度法治政府建设情况的报告", "一、主要举措和成效", ""]
    assert source.newline == newline


def test_split_lines_does_not_split_on_unicode_separators():
    assert split_lines("a\u2028b\x0cc\nd") == ["a\u2028b\x0cc", "d"]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_gbk_twin_gives_exactly_the_same_findings(registry, seed, tmp_path):
    twin = tmp_path / seed.name
    twin.write_bytes(seed.read_text(encoding="utf-8").encode("gbk"))
    original, converted = lint_file(registry, seed), lint_file(registry, twin)
    assert [(d.code, d.span, d.message) for d in original.diagnostics] == \
           [(d.code, d.span, d.message) for d in converted.diagnostics]
    assert decode(twin.read_bytes(), str(twin)).encoding == "gb18030"


@pytest.mark.parametrize("data, code", [
    (b"", "E003"),
    (b"  \n\r\n\t\n", "E003"),
    ("\u3000\n".encode(), "E003"),
    (b"\x00\x01\x02PK binary", "E002"),
    (b"\x80\x80\xff\xfe\x81", "E002"),  # neither UTF-8 nor GB18030
    (bytes(range(1, 32)) * 40, "E002"),  # decodes, but it is control characters
])
def test_bad_bytes_become_input_errors(data, code):
    error = decode(data, "bad.txt")
    assert error.code == code
    assert error.path == "bad.txt"
    assert error.cause_zh and error.cause_en


def test_undecodable_error_names_the_encodings_tried():
    error = decode(b"\x80\x80\xff\xfe\x81", "x.txt")
    assert "utf-8" in error.cause_en and "gb18030" in error.cause_en


def test_read_errors_are_e001(tmp_path):
    assert read_bytes(str(tmp_path / "missing.txt")).code == "E001"
    assert read_bytes(str(tmp_path)).code == "E001"
