"""``--format html``: one self-contained page for a whole run — no network requests, no
external assets. A batch opens on an overview table (the columns of the xlsx 总览 sheet,
:class:`linter.output.tables.Overview`), sortable and filterable, with the clusters of reports
that copy each other; each row links to its report. Per report: the checklist, the findings,
and the report's own text with every finding highlighted where it is; filters by severity
and rule family. A page of one report opens on that report.

Each report travels as compact JSON in a ``<script type="application/json">`` (its lines,
its findings as positions, its checklist) and is rendered by the page's small script only
when opened, so that hundreds of reports open at once. Rows and reports are written file by
file to on-disk spools; the header, which shows the run's totals and families, is written
first at the end."""

from __future__ import annotations

import html
import json

from linter import __version__
from linter.i18n import family_name, t, translate
from linter.output import Formatter, Spool, Totals, safe_name
from linter.output.checklist import format_report
from linter.output.tables import Overview
from linter.output.text import summary_line

_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",
sans-serif;margin:0;color:#222;background:#fafafa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.6em 1em;z-index:2}
header h1{font-size:1.2em;margin:0 0 .3em}
fieldset{display:inline-block;border:1px solid #ccc;margin:0 .6em .3em 0;padding:.2em .6em}
#overview{margin:1em}.scroll{overflow-x:auto}select{max-width:16em}
#overview[hidden],#clusters[hidden]{display:none}
.controls{margin:.4em 0}.controls>*{margin-right:.8em}
table{border-collapse:collapse;background:#fff;font-size:.9em}
th,td{border:1px solid #ddd;padding:.2em .4em;white-space:nowrap}
th{background:#f0f2f5;cursor:pointer;position:sticky;top:0}
th[data-dir=asc]::after{content:" ▲"}th[data-dir=desc]::after{content:" ▼"}
td.bad{background:#ffc7ce}a.reviewed{font-size:.85em;margin-left:.5em}tr.open td{outline:2px solid #36c}
#details{scroll-margin-top:7em}
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

# The overview (table, sorting, filters, clusters) and the report view (rendered from its
# JSON when opened: marks over the text, the findings list, the severity and family filters).
_SCRIPT = r"""
(function(){
  var meta = JSON.parse(document.getElementById('overview-data').textContent);
  var cols = meta.columns, words = meta.words, rows = meta.rows, order = rows.slice(), sort = null;
  function esc(s){ return String(s).replace(/[&<>"]/g, function(c){
    return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]; }); }
  function $(id){ return document.getElementById(id); }

  // the reviewed copy of a Word report, written beside the page (-o FOLDER)
  function reviewedLink(name){
    return name ? ' <a class="reviewed" href="' + encodeURIComponent(name) + '">' + esc(words.reviewed) + '</a>' : '';
  }

  // -- one report, rendered when opened --
  function markedLine(text, number, spans){
    var chars = Array.from(text), size = chars.length, cuts = {0:1}, points = {};
    cuts[size] = 1;
    spans.forEach(function(s){
      var a = Math.min(s[0], size), b = Math.min(s[1], size);
      if (s[0] === s[1]) (points[a] = points[a] || []).push(s[2]);
      cuts[a] = cuts[b] = 1;
    });
    var at = Object.keys(cuts).map(Number).sort(function(x, y){ return x - y; }), out = [];
    for (var i = 0; i < at.length; i++) {
      var a = at[i], b = at[i + 1];
      if (points[a]) out.push('<mark class="point" data-ids="' + points[a].join(' ') + '"></mark>');
      if (b === undefined) break;
      var covering = spans.filter(function(s){ return s[0] <= a && b <= s[1] && s[0] !== s[1]; })
                          .map(function(s){ return s[2]; });
      var segment = esc(chars.slice(a, b).join(''));
      out.push(covering.length ? '<mark data-ids="' + covering.join(' ') + '">' + segment + '</mark>' : segment);
    }
    return '<span class="ln">' + number + '</span>' + out.join('');
  }
  function reportHtml(n){
    var d = JSON.parse($('report-data-' + n).textContent);
    var parts = ['<section class="report" id="report-view-' + n + '"><h2>' + esc(d.path) +
                 (rows.length > 1 ? ' <small><a href="#overview">' + esc(words.back) + '</a></small>' : '') +
                 '<small>' + reviewedLink(d.reviewed) + '</small></h2>',
                 '<pre class="checklist">' + esc(d.checklist) + '</pre>'];
    if (!d.lines) return parts.join('') + '</section>';
    var items = [], byLine = {}, anchors = {};
    d.findings.forEach(function(f, k){  // [line, column, end line, end column, severity, family, code, text]
      var id = 'f' + n + '-' + (k + 1);
      items.push('<li class="finding" id="' + id + '" data-id="' + id + '" data-severity="' + f[4] +
                 '" data-family="' + f[5] + '" data-code="' + f[6] + '"><a href="#' + id + '-at">' + f[0] + ':' +
                 f[1] + '</a> <b class="sev-' + f[4] + '">' + f[6] + '</b> ' + esc(f[7]) + '</li>');
      for (var line = f[0]; line <= f[2]; line++)
        (byLine[line] = byLine[line] || []).push([line === f[0] ? f[1] - 1 : 0, line === f[2] ? f[3] - 1 : 1e9, id]);
      if (!(f[0] in anchors)) anchors[f[0]] = id;
    });
    var text = d.lines.map(function(line, i){
      var html = markedLine(line, i + 1, byLine[i + 1] || []);
      return anchors[i + 1] ? '<span id="' + anchors[i + 1] + '-at"></span>' + html : html;
    });
    return parts.join('') + '<ol class="findings">' + items.join('') + '</ol><pre class="text">' +
      text.join('\n') + '</pre></section>';
  }
  var boxes = document.querySelectorAll('input[data-filter]');
  function applyFilters(){
    var show = {severity:{}, family:{}}, rank = {error:3, warning:2, info:1}, visible = {}, count = 0;
    boxes.forEach(function(b){ show[b.dataset.filter][b.value] = b.checked; });
    var details = $('details');
    details.querySelectorAll('li.finding').forEach(function(li){
      var on = show.severity[li.dataset.severity] && show.family[li.dataset.family] !== false;
      li.hidden = !on;
      if (on) { visible[li.dataset.id] = li.dataset.severity; count++; }
    });
    details.querySelectorAll('mark[data-ids]').forEach(function(m){
      var worst = null;
      m.dataset.ids.split(' ').forEach(function(id){
        var s = visible[id];
        if (s && (!worst || rank[s] > rank[worst])) worst = s;
      });
      m.classList.toggle('on', worst !== null);
      if (worst) m.dataset.worst = worst; else delete m.dataset.worst;
    });
    $('visible-count').textContent = count;
  }
  boxes.forEach(function(b){ b.addEventListener('change', applyFilters); });
  function openReport(n, scroll){
    $('details').innerHTML = reportHtml(n);
    document.querySelectorAll('#overview tr.open').forEach(function(tr){ tr.classList.remove('open'); });
    var tr = document.querySelector('#overview tr[data-index="' + n + '"]');
    if (tr) tr.classList.add('open');
    applyFilters();
    if (scroll) $('details').scrollIntoView();
  }
  function route(){
    var m = /^#report-(\d+)$/.exec(location.hash);
    if (m && $('report-data-' + m[1])) openReport(Number(m[1]), true);
  }
  window.addEventListener('hashchange', route);

  // -- the overview --
  function cell(row, c){
    var v = row[c + 1];
    if (v === null || v === undefined) return '<td></td>';
    var bad = v === '✗' || (c === cols.late && v > 0) || c === cols.input_error;
    var text = c === cols.path ? '<a href="#report-' + row[0] + '">' + esc(v) + '</a>' +
      reviewedLink(row[meta.header.length + 1]) : esc(v);
    return bad ? '<td class="bad">' + text + '</td>' : '<td>' + text + '</td>';
  }
  function keep(row){
    var text = $('ov-text').value.trim().toLowerCase(), kind = $('ov-kind').value,
        missing = $('ov-missing').value, severity = $('ov-severity').value;
    if (text && !meta.header.some(function(_, c){
          return row[c + 1] !== null && String(row[c + 1]).toLowerCase().indexOf(text) >= 0; })) return false;
    if (kind && row[cols.kind + 1] !== kind) return false;
    if ($('ov-late').checked && !(row[cols.late + 1] > 0)) return false;
    if ($('ov-copied').checked && !cols.groups.some(function(c){ return row[c + 1] !== null; })) return false;
    if (missing === '*' && !cols.parts.some(function(c){ return row[c + 1] === '✗'; })) return false;
    if (missing !== '' && missing !== '*' && row[Number(missing) + 1] !== '✗') return false;
    if (severity && !(row[cols.severities[severity] + 1] > 0)) return false;
    return true;
  }
  function compare(c, dir){
    var collator = new Intl.Collator(document.documentElement.lang, {numeric: true});
    return function(a, b){
      var x = a[c + 1], y = b[c + 1];
      if (x === null || x === undefined) return (y === null || y === undefined) ? a[0] - b[0] : 1;
      if (y === null || y === undefined) return -1;
      var r = (typeof x === 'number' && typeof y === 'number') ? x - y : collator.compare(String(x), String(y));
      return (r || a[0] - b[0]) * dir;
    };
  }
  function drawOverview(){
    var shown = order.filter(keep);
    $('ov-body').innerHTML = shown.map(function(row){
      return '<tr data-index="' + row[0] + '">' + meta.header.map(function(_, c){ return cell(row, c); }).join('') + '</tr>';
    }).join('');
    $('ov-count').textContent = shown.length;
  }
  $('ov-head').innerHTML = '<tr>' + meta.header.map(function(h, c){
    return '<th data-column="' + c + '">' + esc(h) + '</th>'; }).join('') + '</tr>';
  $('ov-head').addEventListener('click', function(ev){
    var th = ev.target.closest('th');
    if (!th) return;
    var c = Number(th.dataset.column), dir = sort && sort.c === c && sort.dir === 1 ? -1 : 1;
    sort = {c: c, dir: dir};
    document.querySelectorAll('#ov-head th').forEach(function(h){ delete h.dataset.dir; });
    th.dataset.dir = dir === 1 ? 'asc' : 'desc';
    order = rows.slice().sort(compare(c, dir));
    drawOverview();
  });
  // a row or a link to a report opens it at once (the hash records it for the back button)
  document.addEventListener('click', function(ev){
    var a = ev.target.closest('a[href^="#report-"]'), tr = ev.target.closest('#ov-body tr');
    if (ev.target.closest('a.reviewed') || !(a || tr)) return;
    var n = a ? a.getAttribute('href').slice(8) : tr.dataset.index;
    ev.preventDefault();
    history.pushState(null, '', '#report-' + n);
    openReport(Number(n), true);
  });
  var kinds = {};
  rows.forEach(function(row){ if (row[cols.kind + 1] !== null) kinds[row[cols.kind + 1]] = 1; });
  $('ov-kind').insertAdjacentHTML('beforeend', Object.keys(kinds).sort().map(function(k){
    return '<option>' + esc(k) + '</option>'; }).join(''));
  $('ov-missing').insertAdjacentHTML('beforeend', cols.parts.filter(function(c){
    return rows.some(function(row){ return row[c + 1] === '✗'; }); }).map(function(c){
    return '<option value="' + c + '">' + esc(meta.header[c]) + '</option>'; }).join(''));
  ['ov-text', 'ov-kind', 'ov-late', 'ov-copied', 'ov-missing', 'ov-severity'].forEach(function(id){
    $(id).addEventListener('input', drawOverview); $(id).addEventListener('change', drawOverview); });

  // clusters of reports that copy each other (a run rule's group column)
  var clusters = cols.groups.map(function(c){
    var groups = {};
    rows.forEach(function(row){ if (row[c + 1] !== null) (groups[row[c + 1]] = groups[row[c + 1]] || []).push(row); });
    var numbers = Object.keys(groups).sort(function(x, y){ return Number(x) - Number(y) || (x < y ? -1 : 1); });
    if (!numbers.length) return '';
    return '<h3>' + esc(meta.header[c]) + '</h3><ol>' + numbers.map(function(g){
      return '<li data-group="' + esc(g) + '">' + esc(words.cluster.replace('{n}', g).replace('{count}', groups[g].length)) +
        groups[g].map(function(row){ return '<a href="#report-' + row[0] + '">' + esc(row[cols.path + 1]) + '</a>'; })
                 .join(' · ') + '</li>'; }).join('') + '</ol>';
  }).join('');
  $('clusters').innerHTML = clusters;
  $('clusters').hidden = !clusters;

  if (rows.length === 1) { $('overview').hidden = true; openReport(rows[0][0], false); }
  else { drawOverview(); route(); }
  performance.mark('relint-overview');
  document.body.dataset.ready = '1';
})();
"""


def _json(value) -> str:
    """JSON safe inside a ``<script>`` element: ``<`` occurs only in strings, where
    ``\\u003c`` means the same and cannot close the element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def report_data(result, lang: str) -> dict:
    """What the page needs to show one report: its checklist, its findings as positions
    and messages, its lines as the reader shows them."""
    data = {"path": safe_name(result.path), "checklist": "\n".join(format_report(result, lang)[1:])}
    if result.error or result.report is None:
        return data
    data["lines"] = result.source.shown_lines()
    data["findings"] = [[d.span.line, d.span.column, d.span.end_line, d.span.end_column, d.severity, d.family,
                         d.code, d.text(lang)] for d in result.diagnostics]
    return data


_WORDS = {
    "overview": ("总览", "Overview"),
    "filter_text": ("筛选：文件、主体、任一列", "filter: file, body, any column"),
    "all_kinds": ("全部类型", "all kinds"),
    "late_only": ("仅逾期", "late only"),
    "copied_only": ("仅有相同段落", "copied passages only"),
    "all_parts": ("法定内容：全部", "mandated parts: all"),
    "missing_any": ("缺少任一法定内容", "missing any mandated part"),
    "all_severities": ("问题：全部", "findings: all"),
    "has_error": ("有错误", "with errors"),
    "has_warning": ("有警告", "with warnings"),
    "has_info": ("有提示", "with infos"),
    "reports_shown": ("份报告显示中；点击一行查看该报告", "reports shown; click a row to open its report"),
    "reviewed": ("⤓ 审阅稿（修订和批注）", "⤓ reviewed copy (tracked changes, comments)"),
    "back": ("↑ 返回总览", "↑ back to the overview"),
    "cluster": ("第{{n}}组（{{count}}份）：", "cluster {{n}} ({{count}} reports): "),  # filled in by the page
}


def _w(key: str, lang: str) -> str:
    return translate(_WORDS, key, lang)


def _controls(lang: str) -> str:
    severities = "".join(f'<option value="{s}">{_w("has_" + s, lang)}</option>' for s in ("error", "warning", "info"))
    return (f'<div class="controls"><input type="search" id="ov-text" placeholder="{_w("filter_text", lang)}"> '
            f'<select id="ov-kind"><option value="">{_w("all_kinds", lang)}</option></select> '
            f'<select id="ov-missing"><option value="">{_w("all_parts", lang)}</option>'
            f'<option value="*">{_w("missing_any", lang)}</option></select> '
            f'<select id="ov-severity"><option value="">{_w("all_severities", lang)}</option>{severities}</select> '
            f'<label><input type="checkbox" id="ov-late"> {_w("late_only", lang)}</label> '
            f'<label><input type="checkbox" id="ov-copied"> {_w("copied_only", lang)}</label> '
            f'<span><b id="ov-count"></b> {_w("reports_shown", lang)}</span></div>')


class HtmlFormatter(Formatter):
    full_reports = True  # the page shows each report's text

    def start(self) -> None:
        self.rows, self.reports = Spool(), Spool()
        self.overview = Overview(self.options)
        self.files = 0
        self.families: set[str] = set()

    def add(self, result) -> None:
        self.files += 1
        self.families.update(d.family for d in result.diagnostics)
        reviewed = self.options.review(result) if self.options.review else None
        data = report_data(result, self.options.lang)
        row = [self.files] + self.overview.row(result)
        if reviewed:  # after the columns: the reviewed copy's file name
            data["reviewed"] = reviewed
            row.append(reviewed)
        self.rows.write(("," if self.files > 1 else "") + _json(row))
        self.reports.write(f'<script type="application/json" id="report-data-{self.files}">{_json(data)}</script>\n')

    def finish(self, totals: Totals) -> None:
        lang, overview = self.options.lang, self.overview
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
            f'<fieldset id="family-filter"><legend>{t("family", lang)}</legend>{family_boxes}</fieldset></header>'
            f'<section id="overview"><h2>{_w("overview", lang)}</h2>{_controls(lang)}'
            f'<div class="scroll"><table><thead id="ov-head"></thead><tbody id="ov-body"></tbody></table></div>'
            f'<div id="clusters" hidden></div>'
            f'</section><main id="details"></main>')
        columns = {"path": 0, "kind": 3, "late": overview.late_column, "input_error": overview.first_part - 1,
                   "parts": list(range(overview.first_part, overview.first_part + len(overview.parts))),
                   "severities": overview.severity_columns, "groups": overview.group_columns}
        head = _json({"header": overview.header, "columns": columns, "words": {k: _w(k, lang) for k in ("cluster", "back", "reviewed")}})
        self.out.write(f'<script type="application/json" id="overview-data">{head[:-1]},"rows":[')
        self.rows.copy_to(self.out)
        self.out.write(']}</script>\n')
        self.reports.copy_to(self.out)
        self.out.write(f'<script>{_SCRIPT}</script></body></html>\n')
