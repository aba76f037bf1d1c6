"""Checks added for what real web copies showed (issue 12, recall): how they meet the rules
around them."""

from conftest import lint_text


def test_a_look_alike_closing_quote_beside_half_width_brackets(registry):
    # 〞 is a paired mark only to T002 (a converter's stand-in for ”); T001's pairing of ( ) met it
    # and raised KeyError on the merged code
    text = "关于2024年度法治政府建设情况的报告\n\n一、主要举措\n开展“法治宣传(进社区〞活动)。\n"
    result = lint_text(registry, text, select=("T001", "T002"))
    assert [d.code for d in result.diagnostics] == ["T002", "T001", "T001"]
    assert all(d.fix is None for d in result.diagnostics)  # the brackets wrap an unbalanced quote
