"""``--format checklist``: the per-report view a reviewer reads first — what the report
is, each mandated element with ✓/✗ and where it was found, then the other findings."""

from __future__ import annotations

from linter.i18n import t
from linter.output import Formatter, Totals, safe_name
from linter.output.text import summary_line

#: formats whose line numbers count paragraphs
PARAGRAPH_FORMATS = frozenset({"docx", "doc"})


def _field(label: str, value, lang: str) -> str:
    return f"  {t(label, lang)}: {value if value not in (None, '') else t('unknown', lang)}"


def _where(report, match, lang: str) -> str:
    if not match.found:
        return t("not_found", lang)
    how = t("how_heading" if match.how == "heading" else "how_body", lang)
    text = match.where.text
    text = text if len(text) <= 40 else text[:39] + "…"
    return f"{place(report, report.original_line(match.line), lang)} {how}「{text}」"


def place(report, line: int, lang: str) -> str:
    """Where a line is, in the unit of the file's format: page and line of a PDF, paragraph
    of a Word file, line of a text file."""
    on_page = report.places.page_line(line) if report.places is not None else None
    if on_page:
        return t("page_line", lang, page=on_page[0], line=on_page[1])
    return t("paragraph" if report.format in PARAGRAPH_FORMATS else "line", lang, line=line)


def _date(report, lang: str) -> str | None:
    if report.date is None:
        return None
    if report.deadline is None:
        return report.date.isoformat()
    key = "late" if report.date > report.deadline else "on_time"
    return f"{report.date.isoformat()} ({t(key, lang, deadline=report.deadline.isoformat())})"


def _published(report, lang: str) -> str | None:
    """When a web page was published, against the profile's publication deadline (第二十四条:
    4月1日 of the following year)."""
    published, deadline = report.published, report.publication_deadline
    if published is None or deadline is None:
        return published.isoformat() if published else None
    key = "published_late" if published > deadline else "published_on_time"
    return f"{published.isoformat()} ({t(key, lang, deadline=deadline.isoformat())})"


def issuer_text(report, lang: str) -> str | None:
    """The issuer, with its type by the deadline profile: 某某县司法局（政府部门）."""
    if report.issuer and report.issuer_type:
        name = report.issuer_type[2 if lang == "en" else 1]
        return f"{report.issuer} ({name})" if lang == "en" else f"{report.issuer}（{name}）"
    return report.issuer


def format_report(result, lang: str) -> list[str]:
    lines = [safe_name(result.path)]
    if result.error:
        return lines + [f"  {result.error.code} {result.error.message(lang)}"]
    report = result.report
    kind = report.kind_spec
    kind_name = (kind.name_en if lang == "en" else kind.name) if kind else t("unknown_kind", lang)
    lines += [
        _field("kind", f"{kind_name} ({report.kind})", lang),
        _field("title", report.title.text if report.title else None, lang),
        _field("issuer", issuer_text(report, lang), lang),
        _field("year", report.year, lang),
        _field("date", _date(report, lang), lang),
    ]
    published = _published(report, lang)
    if published:
        lines.append(_field("published", published, lang))
    if report.elements:
        lines.append(f"  {t('elements', lang)}:")
        for match in report.elements.values():
            name = match.spec.name_en if lang == "en" else match.spec.name
            mark = "✓" if match.found else ("✗" if match.spec.required else "–")
            optional = "" if match.spec.required else t("optional", lang)
            lines.append(f"    {mark} {name}{optional}: {_where(report, match, lang)}")
    if result.summary:
        lines.append(f"  {t('substance', lang)}:")
        lines += [f"    {label.get(lang)}: {value}" for label, value in result.summary]
    families: dict[str, int] = {}
    for d in result.diagnostics:
        families[d.family] = families.get(d.family, 0) + 1
    other = "  ".join(f"{family} {n}" for family, n in sorted(families.items())) or t("none", lang)
    lines.append(f"  {t('others', lang)}: {other}")
    return lines


class ChecklistFormatter(Formatter):
    """One block per report, a blank line between blocks, the run's summary last."""

    def start(self) -> None:
        self.separator = ""

    @staticmethod
    def render(result, options) -> str:
        return "\n".join(format_report(result, options.lang))

    def add_rendered(self, text: str) -> None:
        self.out.write(self.separator + text)
        self.separator = "\n\n"

    def finish(self, totals: Totals) -> None:
        self.out.write(self.separator + summary_line(totals, self.options.lang) + "\n")
