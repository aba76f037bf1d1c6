"""``relint rules`` (the catalogue) and ``relint rule CODE`` (one rule's documentation)."""

from __future__ import annotations

import argparse
import json
import sys


def catalogue(registry, lang: str) -> str:
    rows = []
    for code, rule in registry.rules.items():
        state = "on" if rule.default else "off"
        fix = rule.fix or "-"
        kinds = ",".join(rule.kinds) if rule.kinds else "*"
        rows.append(f"{code}  {rule.name:<32} {rule.severity:<8} {state:<4} {fix:<7} {kinds:<13} "
                    f"{rule.summary.get(lang)}")
    header = f"{'code':<5} {'name':<32} {'severity':<8} {'sel':<4} {'fix':<7} {'kinds':<13} summary"
    return "\n".join([header] + rows) + "\n"


def documentation(rule, lang: str) -> str:
    kinds = ", ".join(rule.kinds) if rule.kinds else "all"
    lines = [
        f"# {rule.code} ({rule.name})",
        "",
        rule.summary.get(lang),
        "",
        f"severity: {rule.severity} · default: {'on' if rule.default else 'off'} · "
        f"fix: {rule.fix or 'none'} · kinds: {kinds} · scope: {rule.scope}",
    ]
    if rule.basis:
        lines.append(("basis: " if lang == "en" else "依据：") + rule.basis.get(lang))
    if lang == "en":
        lines.append(f"message: {rule.message.en}")
        lines.append("(the documentation below is written in Chinese, the language of the reports)")
    if lang == "en" and rule.options:
        lines.append(f"options ([tool.relint.lint.{rule.code}]):")
        lines += [f"  - {option.describe('en')}" for option in rule.options]
    lines += ["", rule.documentation()]
    return "\n".join(lines) + "\n"


def explain_main(argv: list[str]) -> int:
    from linter.engine import Registry
    from linter.plugins import PluginError

    parser = argparse.ArgumentParser(prog=f"relint {argv[0]}")
    if argv[0] == "rule":
        parser.add_argument("code", help="rule code, e.g. S104")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--format", dest="output_format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv[1:])
    try:
        registry = Registry()
    except PluginError as exc:
        print(f"relint: error: {exc}", file=sys.stderr)
        return 2
    from linter.config import ConfigError, ConfigResolver
    from linter.patterns import pattern_rules

    try:  # the rules written in the config of the current folder are rules too
        resolver = ConfigResolver(profiles=registry.profiles)  # a profile's pattern rules are listed too
        registry.rules = {**registry.rules, **pattern_rules(resolver.for_path("./-").patterns)}
    except ConfigError as exc:
        print(f"relint: error: {exc}", file=sys.stderr)
        return 2
    if argv[0] == "rules":
        if args.output_format == "json":
            sys.stdout.write(json.dumps([rule_record(r, args.lang) for r in registry.rules.values()],
                                        ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(catalogue(registry, args.lang))
        return 0
    rule = registry.rules.get(args.code.upper())
    if rule is None:
        print(f"relint: error: unknown rule {args.code!r}; see `relint rules`", file=sys.stderr)
        return 2
    if args.output_format == "json":
        sys.stdout.write(json.dumps(rule_record(rule, args.lang) | {"documentation": rule.documentation()},
                                    ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(documentation(rule, args.lang))
    return 0


def rule_record(rule, lang: str) -> dict:
    """What ``relint rules --format json`` says of a rule."""
    return {"code": rule.code, "name": rule.name, "severity": rule.severity, "default": rule.default,
            "fix": rule.fix, "kinds": list(rule.kinds) if rule.kinds else None, "scope": rule.scope,
            "summary": rule.summary.get(lang), "basis": rule.basis.get(lang) if rule.basis else None,
            "options": [{"name": o.name, "type": o.type.__name__, "default": o.default, "doc": o.doc.get(lang)}
                        for o in rule.options]}


def readme_table(registry) -> str:
    """The rule table of the README, generated from the rules' metadata."""
    rows = ["| code | name | severity | default | fix | kinds | what it flags |", "|---|---|---|---|---|---|---|"]
    for code, rule in registry.rules.items():
        kinds = ", ".join(rule.kinds) if rule.kinds else "all"
        rows.append(f"| {code} | `{rule.name}` | {rule.severity} | {'on' if rule.default else 'off'} | "
                    f"{rule.fix or '–'} | {kinds} | {rule.summary.zh} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":  # python -m linter.explain > table.md
    from linter.engine import Registry

    sys.stdout.write(readme_table(Registry()))
