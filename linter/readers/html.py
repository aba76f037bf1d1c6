"""Saved web pages (selectolax, MIT): the article a government site published, without the
site around it.

Government pages put the report in one container (``#zoom``, ``.TRS_Editor``, a table cell)
among navigation, breadcrumbs, an information-disclosure table (索引号, 发布机构, 成文日期),
font-size, share and print widgets, related-article lists and an ICP footer. The container
is the element that directly holds the most paragraph text; widgets are dropped by what
they are called or what they say. The page's title and publication date (发布日期/发布时间,
or a ``<meta>`` such as PubDate) are kept: the regulation requires publication by 4月1日.

A page saved as one file (.mhtml) is read from its HTML part. Lines are the article's paragraphs (``<p>``, ``<br>``-separated runs, table rows), the
title first when the article text does not start with it; positions are those lines.
"""

from __future__ import annotations

import re

from linter.facts import parse_date
from linter.lines import compact
from linter.sources import InputError, Source, decode

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_DROP_TAGS = "script, style, noscript, nav, header, footer, form, iframe, select, button, input, textarea, object"
_WIDGET = re.compile(r"share|print|tools|related|xgwz|xglj|footer|foot\b|bottom|nav|menu|crumb|bread|location|"
                     r"position|search|comment|xxgk|meta-?table", re.IGNORECASE)
#: a line of page furniture that can sit inside the article's container
_FURNITURE_LINE = re.compile(r"^[【\[]?(?:打印本页|关闭窗口|打印|关闭|返回顶部|收藏)[】\]]?|字体[：:]?\s*[【\[]?\s*大\s*中\s*小|"
                             r"^分享到?[：:]|^(?:当前位置|您现在的位置)[：:]|ICP备|公网安备|^(?:浏览次数|阅读次数|访问量)[：:]")
_PUBLISHED_FIELD = re.compile(r"(?:发布日期|发布时间|发文日期|公开日期)[：:]\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)")
_PUBLISHED_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "publish_date",
                   "dc.date.issued", "maketime")
_TITLE_META = ("articletitle", "og:title", "title")
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "article",
                     "center", "blockquote", "pre", "ul", "ol", "dd", "dt", "dl", "td", "th"})


def _decode(data: bytes, path: str) -> str | InputError:
    """The page's text: its declared charset first, then what plain text files are tried with."""
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb18030") else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = decode(data, path)
    return decoded if isinstance(decoded, InputError) else decoded.text


def _lines_of(node) -> list[str]:
    """The text of ``node`` split at block boundaries and ``<br>``, each line stripped."""
    pieces: list[str] = []

    def walk(current) -> None:
        for child in current.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                pieces.append(child.text_content or "")
            elif tag == "br":
                pieces.append("\n")
            elif tag in _BLOCKS:
                pieces.append("\n")
                walk(child)
                pieces.append("\n")
            else:
                walk(child)

    walk(node)
    text = "".join(pieces).replace("\xa0", " ")
    lines = [" ".join(line.split()) if not re.search(r"[\u4e00-\u9fff]", line) else line.strip(" \t\r\u3000")
             for line in text.split("\n")]
    return [line for line in lines if line.strip() and not _FURNITURE_LINE.search(line.strip())]


def _own_text(node) -> int:
    """How much paragraph text ``node`` holds itself: its text runs and its <p> children."""
    total = 0
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            total += len((child.text_content or "").strip())
        elif child.tag in ("p", "span", "font", "strong", "b"):
            total += len(child.text(deep=True, strip=True))
    return total


def _meta(tree, names) -> str | None:
    for element in tree.css("meta"):
        key = (element.attributes.get("name") or element.attributes.get("property") or "").lower()
        if key in names and element.attributes.get("content"):
            return element.attributes["content"].strip()
    return None


def _published(tree, page_text: str):
    found = _PUBLISHED_FIELD.search(page_text)
    if found:
        date = parse_date(found.group(1).replace(" ", ""))
        if date:
            return date
    meta = _meta(tree, _PUBLISHED_META)
    return parse_date(meta.split()[0].replace("T", " ").split()[0]) if meta else None


def _title(tree) -> str | None:
    heading = tree.css_first("h1")
    if heading is not None and heading.text(strip=True):
        return heading.text(strip=True)
    meta = _meta(tree, _TITLE_META)
    if meta:
        return meta
    title = tree.css_first("title")
    return re.split(r"[_|－—-]", title.text(strip=True))[0] if title is not None else None


def read(data: bytes, path: str) -> Source | InputError:
    text = _decode(data, path)
    if isinstance(text, InputError):
        return text
    return read_text(text, path)


def read_mhtml(data: bytes, path: str) -> Source | InputError:
    """A page saved as one file (.mhtml, "Webpage, single file"): a MIME message whose first
    text/html part is the page."""
    import email
    import email.policy

    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
        page = part.get_payload(decode=True) if part is not None else None
    except Exception:  # the email package raises many kinds on broken MIME
        page = None
    if not page:
        return InputError(path, "E002", "不是有效的 MHTML 网页文件（没有 HTML 部分）",
                          "not a valid MHTML file (no HTML part)")
    # Chromium names no charset on the part: the page's own <meta> (or sniffing) decides
    return read(page, path)


def read_text(text: str, path: str) -> Source | InputError:
    """The article of the page whose decoded source is ``text``."""
    try:
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(text)
    except Exception as exc:  # the parser refuses some malformed inputs outright
        return InputError(path, "E002", f"无法解析网页：{exc}", f"cannot parse the web page: {exc}")
    if tree.body is None:
        return InputError(path, "E003", "网页没有正文", "the web page has no body text")
    page_text = tree.body.text(separator="\n")
    published = _published(tree, page_text)
    title = _title(tree)
    for element in tree.css(_DROP_TAGS):
        element.decompose()
    widgets = [element for element in tree.body.traverse() if element.tag != "body" and _WIDGET.search(
        f'{element.attributes.get("class") or ""} {element.attributes.get("id") or ""}')]
    for element in widgets:
        if element.parent is not None:
            element.decompose()
    container = max(tree.body.traverse(), key=_own_text, default=None)
    lines = _lines_of(container) if container is not None else []
    if title and not compact("".join(lines[:3])).startswith(compact(title)):
        lines.insert(0, title)
    if not any(line.strip() for line in lines):
        return InputError(path, "E003", "网页中没有找到正文", "no article text found in the web page")
    return Source(path=path, text="\n".join(lines), lines=lines, format="html", published=published)
