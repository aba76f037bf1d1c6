"""Every rule is well-formed data with documentation in the fixed sections, and the
README's rule table is generated from it."""

import pytest
from conftest import ROOT

from linter.rule import DOC_SECTIONS, validate_rule


def test_rules_are_valid_and_codes_unique(registry):
    assert len(registry.rules) >= 20
    for rule in registry.rules.values():
        assert validate_rule(rule) == []


def test_every_rule_documents_every_section(registry):
    for code, rule in registry.rules.items():
        sections = rule.doc_sections()
        assert list(sections) == list(DOC_SECTIONS), code
        assert all(sections.values()), f"{code} has an empty section"


def test_readme_rule_table_is_current(registry):
    from linter.explain import readme_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_table(registry) in readme, "regenerate between the rules markers with: python -m linter.explain"


@pytest.mark.parametrize("family_rule", ["S102", "S201", "S301"])
def test_rules_cite_their_basis(registry, family_rule):
    assert registry.rules[family_rule].basis is not None
