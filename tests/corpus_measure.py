"""Measure relint on the real corpus (fixtures/corpus/): kind and year against the index
judged by reading, findings per rule, and a pinned snapshot of every finding.

    python tests/corpus_measure.py            # measure and compare with the pinned snapshot
    python tests/corpus_measure.py --update   # measure and pin the result
    python tests/corpus_measure.py --sample T005   # findings of a rule in context, for judging by reading
    python tests/corpus_measure.py --table    # per-rule precision from fixtures/corpus/judgments.csv

The snapshot (fixtures/corpus/expected.json) holds per file the detected kind and year and
the sorted (code, line) findings, so a change that adds or removes findings on real text
shows as a diff naming files and codes (tests/test_corpus.py fails on it).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"
INDEX = CORPUS / "index.csv"
EXPECTED = CORPUS / "expected.json"
JUDGMENTS = CORPUS / "judgments.csv"
JUDGMENT_FIELDS = ["file", "line", "column", "code", "flagged", "verdict", "reason"]
VERDICTS = ("true", "false", "moot")  # moot: the opening ends before the text the rule looks for
SAMPLE = 25  # findings shown per rule for judging (all when fewer)
REPORT_KINDS = ("annual", "duty")


def load_index() -> list[dict]:
    with open(INDEX, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def measure(registry=None) -> dict:
    """Lint every corpus file in-process: {file: {"kind", "year", "findings", "severity"}}."""
    from linter.config import Settings
    from linter.engine import Registry, lint_source, read_source

    registry = registry or Registry()
    results = {}
    for row in load_index():
        source = read_source(registry, str(CORPUS / row["file"]))
        if hasattr(source, "code"):  # an input error is a finding of its own
            results[row["file"]] = {"kind": None, "year": None, "findings": [[source.code, 0]], "severity": {},
                                    "declared": {}}
            continue
        result = lint_source(registry, source, Settings())
        diagnostics = sorted(result.diagnostics, key=lambda d: (d.span.line, d.code))
        results[row["file"]] = {
            "kind": result.report.kind,
            "year": result.report.year,
            "findings": [[d.code, d.span.line] for d in diagnostics],
            "severity": {d.code: d.severity for d in diagnostics},  # as shown: capped on unknown kind
            "declared": {d.code: declared(registry, d) for d in diagnostics},
        }
    return results


def declared(registry, diagnostic) -> str:
    """The rule's own severity (the one its precision is judged under): a finding on a file of
    unknown kind is shown capped (Settings.severity_for), the rule is still an error rule."""
    rule = registry.rules.get(diagnostic.code)
    return rule.severity if rule is not None else diagnostic.severity


def findings_in_context(registry=None) -> list[dict]:
    """Every finding with the text it flags and its line, for judging by reading."""
    from linter.config import Settings
    from linter.engine import Registry, lint_source, read_source

    registry = registry or Registry()
    found = []
    for row in load_index():
        path = CORPUS / row["file"]
        source = read_source(registry, str(path))
        if hasattr(source, "code"):
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        for d in lint_source(registry, source, Settings()).diagnostics:
            text = lines[d.span.line - 1] if 0 < d.span.line <= len(lines) else ""
            end = d.span.end_column if d.span.end_line == d.span.line else len(text) + 1
            found.append({"file": row["file"], "line": d.span.line, "code": d.code, "severity": declared(registry, d),
                          "flagged": text[d.span.column - 1:end - 1], "column": d.span.column, "text": text,
                          "message": d.message.zh, "kind": row["kind"], "genre": row["genre"]})
    return found


def key(finding: dict) -> tuple:
    """What identifies a judgment across re-runs: file, line, column, code and the flagged text."""
    return (finding["file"], int(finding["line"]), int(finding["column"]), finding["code"], finding["flagged"])


def load_judgments() -> dict[tuple, dict]:
    if not JUDGMENTS.exists():
        return {}
    with open(JUDGMENTS, encoding="utf-8", newline="") as f:
        return {key(row): row for row in csv.DictReader(f)}


def sample(findings: list[dict], code: str, size: int = SAMPLE) -> list[dict]:
    """A deterministic sample of a rule's findings, spread over the corpus (all when few)."""
    mine = [f for f in findings if f["code"] == code]
    if len(mine) <= size:
        return mine
    step = len(mine) / size
    return [mine[int(i * step)] for i in range(size)]


def precision_table(findings: list[dict], judgments: dict) -> list[dict]:
    """Per rule with error or warning severity: findings, judged, true, false, moot, precision."""
    rows = []
    for code in sorted({f["code"] for f in findings if f["severity"] in ("error", "warning")}):
        mine = [f for f in findings if f["code"] == code]
        verdicts = Counter(judgments[key(f)]["verdict"] for f in mine if key(f) in judgments)
        decided = verdicts["true"] + verdicts["false"]
        rows.append({"code": code, "severity": mine[0]["severity"], "findings": len(mine),
                     "judged": sum(verdicts.values()), "true": verdicts["true"], "false": verdicts["false"],
                     "moot": verdicts["moot"], "precision": verdicts["true"] / decided if decided else None})
    return rows


def gone(findings: list[dict], judgments: dict) -> Counter:
    """Judged findings no longer reported, by (code, verdict): false ones fixed, true ones lost."""
    present = {key(f) for f in findings}
    return Counter((row["code"], row["verdict"]) for k, row in judgments.items() if k not in present)


def snapshot(results: dict) -> dict:
    """What is pinned: kind, year and findings (severities are a rule's, not the corpus's)."""
    return {name: {k: r[k] for k in ("kind", "year", "findings")} for name, r in sorted(results.items())}


def diff(expected: dict, actual: dict) -> list[str]:
    """One line per file that changed, naming the codes (and lines) added and removed."""
    lines = []
    for name in sorted(set(expected) | set(actual)):
        old, new = expected.get(name), actual.get(name)
        if old == new:
            continue
        if old is None or new is None:
            lines.append(f"{name}: {'new in the corpus' if old is None else 'no longer in the corpus'}")
            continue
        changes = []
        for key in ("kind", "year"):
            if old[key] != new[key]:
                changes.append(f"{key} {old[key]} -> {new[key]}")
        before = Counter(tuple(f) for f in old["findings"])
        after = Counter(tuple(f) for f in new["findings"])
        added = sorted((after - before).elements(), key=lambda f: (f[1], f[0]))
        removed = sorted((before - after).elements(), key=lambda f: (f[1], f[0]))
        if added:
            changes.append("+ " + ", ".join(f"{code}@{line}" for code, line in added))
        if removed:
            changes.append("- " + ", ".join(f"{code}@{line}" for code, line in removed))
        lines.append(f"{name}: " + "; ".join(changes))
    return lines


def code_delta(expected: dict, actual: dict) -> dict[str, int]:
    """Net change of the number of findings per code."""
    def count(snap):
        return Counter(f[0] for r in snap.values() for f in r["findings"])
    before, after = count(expected), count(actual)
    return {code: after[code] - before[code] for code in sorted(set(before) | set(after)) if after[code] != before[code]}


def accuracy(index: list[dict], results: dict) -> dict:
    """Kind right on every file; year right on the reports whose year the index gives."""
    kind_right = [row["file"] for row in index if results[row["file"]]["kind"] == row["kind"]]
    dated = [row for row in index if row["kind"] in REPORT_KINDS and row["year"]]
    year_right = [row["file"] for row in dated if results[row["file"]]["year"] == int(row["year"])]
    return {
        "files": len(index),
        "kind_right": len(kind_right),
        "kind_wrong": [(row["file"], row["kind"], results[row["file"]]["kind"]) for row in index
                       if row["file"] not in kind_right],
        "dated_reports": len(dated),
        "year_right": len(year_right),
        "year_wrong": [(row["file"], row["year"], results[row["file"]]["year"]) for row in dated
                       if row["file"] not in year_right],
    }


def per_rule(results: dict) -> list[tuple[str, str, int, int]]:
    """(code, severity, findings, files) for every rule that fired, most findings first."""
    findings, files, severity = Counter(), Counter(), {}
    for r in results.values():
        for code, _ in r["findings"]:
            findings[code] += 1
        for code in {code for code, _ in r["findings"]}:
            files[code] += 1
        severity.update(r["declared"])
    return [(code, severity.get(code, "?"), n, files[code]) for code, n in findings.most_common()]


def summary(index: list[dict], results: dict) -> str:
    acc = accuracy(index, results)
    kinds = Counter(row["kind"] for row in index)
    out = [f"corpus: {acc['files']} files ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})",
           f"kind right: {acc['kind_right']}/{acc['files']} ({acc['kind_right'] / acc['files']:.0%})",
           f"year right: {acc['year_right']}/{acc['dated_reports']} reports "
           f"({acc['year_right'] / max(acc['dated_reports'], 1):.0%})"]
    out += [f"  kind wrong: {name} is {want}, detected {got}" for name, want, got in acc["kind_wrong"]]
    out += [f"  year wrong: {name} is {want}, detected {got}" for name, want, got in acc["year_wrong"]]
    lookalikes = [row["file"] for row in index if row["kind"] == "unknown"]
    erring = [name for name in lookalikes
              if any(results[name]["severity"].get(code) == "error" for code, _ in results[name]["findings"])]
    out.append(f"look-alikes with error findings: {len(erring)}/{len(lookalikes)}")
    out.append("findings per rule (code severity findings files):")
    out += [f"  {code} {sev} {n} {files}" for code, sev, n, files in per_rule(results)]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="pin the measured findings as the expected ones")
    parser.add_argument("--sample", metavar="CODE", help="print a sample of a rule's findings in context")
    parser.add_argument("--table", action="store_true", help="print per-rule precision from the judgments")
    args = parser.parse_args(argv)
    if args.sample or args.table:
        findings, judgments = findings_in_context(), load_judgments()
        if args.table:
            print("| rule | severity | findings | judged | true | false | moot | precision |")
            print("|---|---|---|---|---|---|---|---|")
            for r in precision_table(findings, judgments):
                p = "–" if r["precision"] is None else f"{r['precision']:.0%}"
                print(f"| {r['code']} | {r['severity']} | {r['findings']} | {r['judged']} | {r['true']} | "
                      f"{r['false']} | {r['moot']} | {p} |")
            for (code, verdict), n in sorted(gone(findings, judgments).items()):
                print(f"no longer reported: {n} {code} judged {verdict}"
                      + (" (true findings lost: check the change)" if verdict == "true" else ""))
            return 0
        for f in sample(findings, args.sample):
            mark = "judged " + judgments[key(f)]["verdict"] if key(f) in judgments else "new"
            print(f"{f['file']}:{f['line']}:{f['column']} [{f['kind']}/{f['genre']}] {mark} "
                  f"flagged={f['flagged']!r}\n    {f['text'][:160]!r}\n    {f['message'][:100]}")
        return 0
    results = measure()
    print(summary(load_index(), results))
    actual = snapshot(results)
    if args.update:
        EXPECTED.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"pinned {EXPECTED.relative_to(ROOT)}")
        return 0
    expected = json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.exists() else {}
    changes = diff(expected, actual)
    if changes:
        print(f"{len(changes)} files differ from {EXPECTED.relative_to(ROOT)} (run with --update to pin):")
        print("\n".join(changes))
        print("net change per code: " + ", ".join(f"{c} {n:+d}" for c, n in code_delta(expected, actual).items()))
        return 1
    print("matches the pinned snapshot")
    return 0


if __name__ == "__main__":
    sys.exit(main())
