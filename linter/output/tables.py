"""The collecting office's tables: ``--format xlsx`` (openpyxl, MIT) and ``--format csv``.

xlsx: sheet 总览 (one row per report: who, what, when, deadline and days late, publication,
each mandated part ✓/✗, counts by severity and family, the substance figures), sheet 问题
(one row per finding) and sheet 规则 (counts per rule); frozen headers, autofilters, widths,
red for ✗ and late. csv: the findings. Input errors are rows in both. Both stream:
openpyxl's write-only mode keeps rows in temporary files, not in memory.
"""

from __future__ import annotations

import csv

from linter.output import Formatter, safe_name
from linter.rule import RunRule

SEVERITIES = ("error", "warning", "info")
_WORDS = {
    "overview": ("总览", "Overview"), "findings": ("问题", "Findings"), "rules": ("规则", "Rules"),
    "path": ("文件", "File"), "issuer": ("主体", "Issuer"), "issuer_type": ("主体类型", "Issuer type"),
    "kind": ("类型", "Kind"), "year": ("年度", "Year"), "date": ("成文日期", "Date"),
    "deadline": ("报送时限", "Deadline"), "late": ("逾期天数", "Days late"),
    "published": ("公开日期", "Published"), "publication_deadline": ("公开时限", "Publication due"),
    "input_error": ("输入错误", "Input error"), "line": ("行", "Line"), "column": ("列", "Column"),
    "code": ("规则", "Code"), "name": ("名称", "Name"), "severity": ("级别", "Severity"),
    "message": ("问题", "Message"), "help": ("怎么改", "What to do"), "basis": ("依据", "Basis"),
    "count": ("数量", "Count"), "summary": ("说明", "What it flags"),
    "error": ("错误", "Errors"), "warning": ("警告", "Warnings"), "info": ("提示", "Infos"),
    "family": ("{f}类", "Family {f}"),
}


def word(key: str, lang: str, **values) -> str:
    return _WORDS[key][lang == "en"].format(**values)


def finding_rows(result, lang: str):
    """(path, line, column, code, severity, message, help, basis) per finding; an input
    error is one row with its E-code and no position."""
    if result.error:
        yield [safe_name(result.path), None, None, result.error.code, "error", result.error.message(lang), None, None]
    for d in result.diagnostics:
        yield [safe_name(result.path), d.span.line, d.span.column, d.code, d.severity, d.message.get(lang),
               d.help.get(lang) if d.help else None, d.basis.get(lang) if d.basis else None]


def _finding_header(lang: str) -> list[str]:
    return [word(k, lang) for k in ("path", "line", "column", "code", "severity", "message", "help", "basis")]


class Overview:
    """The columns of the overview (xlsx 总览, and the HTML overview) and each report's row.
    Columns are fixed before the first report: the mandated parts of every known kind, the
    rule families and the figures rules publish."""

    def __init__(self, options):
        lang = self.lang = options.lang
        self.parts = []  # (kind id, element id, column title)
        for kind in options.kinds:
            for spec in kind.elements:
                name = spec.name_en if lang == "en" else spec.name
                self.parts.append((kind.id, spec.id, name))
        titles = [t for _, _, t in self.parts]  # a name two kinds share gets its kind added
        self.parts = [(k, e, t if titles.count(t) == 1 else f"{t} ({k})") for k, e, t in self.parts]
        self.families = sorted({code[0] for code in options.rules})
        labels, groups = [], []
        for rule in options.rules.values():
            group = getattr(rule, "group", None) if issubclass(rule, RunRule) else None
            for label in (getattr(rule, "label", None), group):
                if label is not None and label not in labels:
                    labels.append(label)
            if group is not None:
                groups.append(group)
        self.figures = labels
        self.header = ([word(k, lang) for k in ("path", "issuer", "issuer_type", "kind", "year", "date",
                                                 "deadline", "late", "published", "publication_deadline",
                                                 "input_error")]
                       + [t for _, _, t in self.parts] + [word(s, lang) for s in SEVERITIES]
                       + [word("family", lang, f=f) for f in self.families] + [f.get(lang) for f in self.figures])
        self.first_part = 11  # index of the first part column
        self.late_column = 7
        first_severity = self.first_part + len(self.parts)
        #: severity → its count's column
        self.severity_columns = {s: first_severity + n for n, s in enumerate(SEVERITIES)}
        first_figure = first_severity + len(SEVERITIES) + len(self.families)
        #: the columns of run rules' groups (Q006: the clusters of reports that copy each other)
        self.group_columns = [first_figure + n for n, label in enumerate(self.figures) if label in groups]

    def row(self, result) -> list:
        lang, report = self.lang, result.report
        if result.error or report is None:
            return [safe_name(result.path)] + [None] * 9 + [result.error.code if result.error else None] + \
                [None] * (len(self.header) - 11)
        kind = report.kind_spec
        late = (report.date - report.deadline).days if report.date and report.deadline else None
        row = [safe_name(result.path), report.issuer,
               report.issuer_type[2 if lang == "en" else 1] if report.issuer_type else None,
               (kind.name_en if lang == "en" else kind.name) if kind else report.kind, report.year,
               _iso(report.date), _iso(report.deadline), late, _iso(report.published),
               _iso(report.publication_deadline), None]
        for kind_id, element_id, _ in self.parts:
            match = report.elements.get(element_id) if report.kind == kind_id else None
            row.append(None if match is None else "✓" if match.found else "✗" if match.spec.required else "–")
        severities = {s: 0 for s in SEVERITIES}
        families = {f: 0 for f in self.families}
        for d in result.diagnostics:
            severities[d.severity] += 1
            families[d.family] = families.get(d.family, 0) + 1
        figures = {label.zh: value for label, value in result.summary}
        row += [severities[s] for s in SEVERITIES] + [families[f] for f in self.families]
        row += [_number(figures.get(f.zh)) for f in self.figures]
        return row


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _number(value):
    """A figure as a number when it is one (so that the sheet sorts it as one)."""
    if value is None:
        return None
    try:
        return int(value) if str(value).lstrip("-").isdigit() else float(value)
    except ValueError:
        return value


class CsvFormatter(Formatter):
    """One row per finding, with a header; UTF-8 with a BOM so that Excel reads the Chinese."""

    def start(self) -> None:
        self.out.write("\ufeff")
        self.writer = csv.writer(self.out, lineterminator="\n")
        self.writer.writerow(_finding_header(self.options.lang))

    def add(self, result) -> None:
        self.writer.writerows(finding_rows(result, self.options.lang))


_WIDTHS = {"overview": [48, 28, 14, 16, 7, 12, 12, 9, 12, 12, 9], "findings": [48, 6, 6, 8, 9, 80, 40, 50],
           "rules": [8, 30, 9, 8, 40]}
_RED = "FFC7CE"


class XlsxFormatter(Formatter):
    """The workbook, written at the end (a workbook is one zip); rows stream into temporary
    files as results arrive."""

    def start(self) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Font, PatternFill

        lang = self.options.lang
        self.overview = Overview(self.options)
        self.book = Workbook(write_only=True)
        self.bold, self.red = Font(bold=True), PatternFill("solid", start_color=_RED, end_color=_RED)
        self.sheets = {}
        header = {"overview": self.overview.header, "findings": _finding_header(lang),
                  "rules": [word(k, lang) for k in ("code", "name", "severity", "count", "summary")]}
        for key in ("overview", "findings", "rules"):
            sheet = self.book.create_sheet(word(key, lang))
            widths = _WIDTHS[key] + [10] * (len(header[key]) - len(_WIDTHS[key]))
            for number, width in enumerate(widths, 1):
                sheet.column_dimensions[_letter(number)].width = width
            sheet.freeze_panes = "A2"
            sheet.append([self._cell(sheet, title, bold=True) for title in header[key]])
            self.sheets[key] = (sheet, len(header[key]), [1])

    def _cell(self, sheet, value, bold=False, red=False):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        if bold:
            cell.font = self.bold
        if red:
            cell.fill = self.red
        return cell

    def _append(self, key: str, row: list, red=()) -> None:
        sheet, _, count = self.sheets[key]
        sheet.append([self._cell(sheet, v, red=i in red) for i, v in enumerate(row)] if red else row)
        count[0] += 1

    def add(self, result) -> None:
        row = self.overview.row(result)
        late = row[self.overview.late_column]
        red = {i for i, v in enumerate(row) if v == "✗"} | ({self.overview.late_column} if late and late > 0 else set())
        if result.error:
            red.add(self.overview.first_part - 1)
        self._append("overview", row, red)
        for finding in finding_rows(result, self.options.lang):
            self._append("findings", finding)

    def finish(self, totals) -> None:
        lang = self.options.lang
        for code, count in sorted(totals.by_code.items()):
            rule = self.options.rules.get(code)
            self._append("rules", [code, rule.name if rule else None, rule.severity if rule else None, count,
                                   rule.summary.get(lang) if rule else None])
        for sheet, columns, rows in self.sheets.values():
            sheet.auto_filter.ref = f"A1:{_letter(columns)}{rows[0]}"
        self.out.flush()
        self.book.save(getattr(self.out, "buffer", self.out))


def _letter(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)
