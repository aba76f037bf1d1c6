"""Interface strings (labels, summaries) in the two languages relint speaks."""

from __future__ import annotations

_STRINGS = {
    "summary": ("共检查 {files} 个文件，发现 {total} 个问题（错误 {error}，警告 {warning}，提示 {info}）",
                "Checked {files} files: {total} findings ({error} errors, {warning} warnings, {info} info)"),
    "clean": ("共检查 {files} 个文件，没有发现问题", "Checked {files} files: no findings"),
    "fixed": ("，已修复 {n} 个", "; {n} fixed"),
    "fixable": ("，其中 {n} 个可用 --fix 自动修复", "; {n} fixable with --fix"),
    "input_errors": ("，{n} 个文件无法检查", "; {n} files could not be checked"),
    "kind": ("类型", "Kind"),
    "title": ("标题", "Title"),
    "issuer": ("主体", "Body"),
    "year": ("年度", "Year"),
    "date": ("日期", "Date"),
    "on_time": ("报送时限 {deadline}，未逾期", "deadline {deadline}: on time"),
    "late": ("报送时限 {deadline}，已逾期", "deadline {deadline}: late"),
    "published": ("公开", "Published"),
    "published_on_time": ("公开时限 {deadline}，按时公开", "publication due {deadline}: on time"),
    "published_late": ("公开时限 {deadline}，逾期公开", "publication due {deadline}: late"),
    "elements": ("法定内容", "Mandated elements"),
    "others": ("其他问题", "Other findings"),
    "substance": ("内容质量", "Substance"),
    "none": ("无", "none"),
    "unknown": ("未识别", "not identified"),
    "not_found": ("未找到", "not found"),
    "line": ("第{line}行", "line {line}"),
    "paragraph": ("第{line}段", "paragraph {line}"),
    "page_line": ("第{page}页第{line}行", "page {page}, line {line}"),
    "how_heading": ("标题", "heading"),
    "how_body": ("正文", "body text"),
    "optional": ("（非必备）", "(optional)"),
    "unknown_kind": ("未识别的报告类型", "unknown report kind"),
    "severity": ("级别", "Severity"),
    "family": ("规则类别", "Rule family"),
    "shown": ("条显示中", "shown"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
    "statistics": ("{count:>5}  {code}  {name}", "{count:>5}  {code}  {name}"),
}


def t(key: str, lang: str, **values) -> str:
    return translate(_STRINGS, key, lang, **values)


def translate(strings: dict[str, tuple[str, str]], key: str, lang: str, **values) -> str:
    """``strings[key]`` is a (Chinese, English) pair of format strings: the one for ``lang``."""
    zh, en = strings[key]
    return (en if lang == "en" else zh).format(**values)


#: What each rule family's letter stands for (the HTML view explains its filters with it).
FAMILIES = {
    "D": ("日期和年份", "dates and years"), "E": ("输入", "input"), "F": ("规范提法", "formulations"),
    "L": ("公文版式", "layout"), "N": ("标题序号", "numbering"), "P": ("数字和比率", "percentages and numbers"),
    "Q": ("内容质量", "substance"), "S": ("结构", "structure"), "T": ("标点和排版", "typography"),
    "W": ("网页转载痕迹", "page copies"),
}


def family_name(letter: str, lang: str) -> str:
    """The family's name, or the letter itself for a family a plugin made up."""
    pair = FAMILIES.get(letter)
    return (pair[1] if lang == "en" else pair[0]) if pair else letter
