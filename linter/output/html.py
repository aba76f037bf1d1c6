"""``--format html``: one self-contained page for a whole run — no network requests, no
external assets. Per report: the checklist, the findings, and the report's own text with
every finding highlighted where it is; filters by severity and rule family. Sections are rendered file by file to an on-disk spool;
the header, which shows the run's totals and families, is written first at the end."""

from __future__ import annotations

import html
import json

from linter import __version__
from linter.i18n import family_name, t
from linter.output import Formatter, Spool, Totals, safe_name
from linter.output.checklist import format_report
from linter.output.text import summary_line

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#222;background:#fafafa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.6em 1em;z-index:1}
header h1{font-size:1.2em;margin:0 0 .3em}
fieldset{display:inline-block;border:1px solid #ccc;margin:0 .6em .3em 0;padding:.2em .6em}
section.report{background:#fff;margin:1em;padding:.5em 1em;border:1px solid #ddd}
pre{white-space:pre-wrap;word-break:break-all;font-family:inherit;line-height:1.7}
pre.checklist{background:#f4f6f8;padding:.6em}
ol.findings li{margin:.2em 0}
ol.findings li[hidden]{display:none}
.ln{display:inline-block;width:3.5em;color:#999;text-align:right;margin-right:.8em;user-select:none}
mark{background:none;border-bottom:2px solid transparent}
mark.on[data-worst=error]{background:#fdd;border-color:#c00}
mark.on[data-worst=warning]{background:#fff3c4;border-color:#d90}
mark.on[data-worst=info]{background:#e3f0ff;border-color:#36c}
mark.point.on::before{content:"▲";color:#c00;font-size:.7em}
.sev-error{color:#c00}.sev-warning{color:#a60}.sev-info{color:#36c}
"""

_SCRIPT = """
(function(){
  var boxes = document.querySelectorAll('input[data-filter]');
  function apply(){
    var show = {severity:{}, family:{}};
    boxes.forEach(function(b){ show[b.dataset.filter][b.value] = b.checked; });
    var visible = {}, count = 0;
    document.querySelectorAll('li.finding').forEach(function(li){
      var on = show.severity[li.dataset.severity] && show.family[li.dataset.family];
      li.hidden = !on;
      if (on) { visible[li.dataset.id] = true; count++; }
    });
    document.querySelectorAll('mark[data-ids]').forEach(function(m){
      var ids = m.dataset.ids.split(' '), worst = null, rank = {error:3, warning:2, info:1};
      ids.forEach(function(id){
        if (!visible[id]) return;
        var s = document.getElementById(id).dataset.severity;
        if (!worst || rank[s] > rank[worst]) worst = s;
      });
      m.classList.toggle('on', worst !== null);
      if (worst) m.dataset.worst = worst; else delete m.dataset.worst;
    });
    document.getElementById('visible-count').textContent = count;
  }
  boxes.forEach(function(b){ b.addEventListener('change', apply); });
  apply();
})();
"""


def _finding_id(file_index: int, number: int) -> str:
    return f"f{file_index}-{number}"


def _marked_line(text: str, line_number: int, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with each character range covered by findings wrapped in one mark that
    lists them (overlapping findings share the segments they overlap)."""
    cuts = {0, len(text)}
    points: dict[int, list[str]] = {}
    for start, end, ident in spans:
        if start == end:
            points.setdefault(min(start, len(text)), []).append(ident)
        cuts.update((min(start, len(text)), min(end, len(text))))
    ordered = sorted(cuts)
    out = []
    for a, b in zip(ordered, ordered[1:] + [None]):
        if a in points:
            out.append(f'<mark class="point" data-ids="{" ".join(points[a])}"></mark>')
        if b is None:
            break
        covering = [ident for start, end, ident in spans if start <= a and b <= end and start != end]
        segment = html.escape(text[a:b])
        out.append(f'<mark data-ids="{" ".join(covering)}">{segment}</mark>' if covering else segment)
    return f'<span class="ln">{line_number}</span>{"".join(out)}'


def _report_section(index: int, result, lang: str) -> str:
    parts = [f'<section class="report" id="report-{index}"><h2>{html.escape(safe_name(result.path))}</h2>',
             f'<pre class="checklist">{html.escape(chr(10).join(format_report(result, lang)[1:]))}</pre>']
    if result.error or result.report is None:
        return "".join(parts) + "</section>"
    items, by_line = [], {}
    for number, d in enumerate(result.diagnostics, 1):
        ident = _finding_id(index, number)
        items.append(f'<li class="finding" id="{ident}" data-id="{ident}" data-severity="{d.severity}" '
                     f'data-family="{d.family}" data-code="{d.code}"><a href="#{ident}-at">{d.span.line}:'
                     f'{d.span.column}</a> <b class="sev-{d.severity}">{d.code}</b> {html.escape(d.text(lang))}</li>')
        for line in range(d.span.line, d.span.end_line + 1):
            start = d.span.column - 1 if line == d.span.line else 0
            end = d.span.end_column - 1 if line == d.span.end_line else 10 ** 9
            by_line.setdefault(line, []).append((start, end, ident))
    parts.append(f'<ol class="findings">{"".join(items)}</ol>')
    lines = result.source.shown_lines() if result.source is not None else result.report.lines
    anchors = {d.span.line: _finding_id(index, n) for n, d in reversed(list(enumerate(result.diagnostics, 1)))}
    rendered = []
    for number, text in enumerate(lines, 1):
        line = _marked_line(text, number, by_line.get(number, []))
        if number in anchors:
            line = f'<span id="{anchors[number]}-at"></span>{line}'
        rendered.append(line)
    parts.append(f'<pre class="text">{chr(10).join(rendered)}</pre></section>')
    return "".join(parts)


class HtmlFormatter(Formatter):
    full_reports = True  # the page shows each report's text

    def start(self) -> None:
        self.spool = Spool()
        self.files = 0
        self.families: set[str] = set()

    def add(self, result) -> None:
        self.files += 1
        self.families.update(d.family for d in result.diagnostics)
        self.spool.write(_report_section(self.files, result, self.options.lang))

    def finish(self, totals: Totals) -> None:
        lang = self.options.lang
        boxes = "".join(f'<label><input type="checkbox" data-filter="severity" value="{s}" checked> {t(s, lang)}</label> '
                        for s in ("error", "warning", "info"))
        family_boxes = "".join(
            f'<label title="{html.escape(family_name(f, lang))}"><input type="checkbox" data-filter="family" value="{f}" '
            f'checked> {f} {html.escape(family_name(f, lang))}</label> ' for f in sorted(self.families))
        total = totals.diagnostics
        meta = html.escape(json.dumps({"version": __version__, "files": self.files, "findings": total}))
        self.out.write(
            f'<!doctype html>\n<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="relint" content="{meta}"><title>relint</title><style>{_STYLE}</style></head><body>'
            f'<header><h1>relint {__version__}</h1><div id="summary">{html.escape(summary_line(totals, lang))}'
            f' · <span id="visible-count">{total}</span> {t("shown", lang)}</div>'
            f'<fieldset id="severity-filter"><legend>{t("severity", lang)}</legend>{boxes}</fieldset>'
            f'<fieldset id="family-filter"><legend>{t("family", lang)}</legend>{family_boxes}</fieldset></header>')
        self.spool.copy_to(self.out)
        self.out.write(f'<script>{_SCRIPT}</script></body></html>\n')
