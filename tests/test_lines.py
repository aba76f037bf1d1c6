"""Line classification: heading levels and their real-world variants, title block,
signature and date, fused headings, unnumbered headings and broken lines."""

import pytest

from linter.lines import UNNUMBERED, classify, cn_number, heading_mark


@pytest.mark.parametrize("text, value", [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23),
                                         ("九十九", 99), ("十十", None), ("", None), ("两", None)])
def test_cn_number(text, value):
    assert cn_number(text) == value


@pytest.mark.parametrize("text, level, number, mark", [
    ("一、主要举措和成效", 1, 1, "一、"),
    ("十二、其他", 1, 12, "十二、"),
    ("二.存在的不足", 1, 2, "二."),
    ("（一）强化组织领导", 2, 1, "（一）"),
    ("(五)进一步提高", 2, 5, "(五)"),
    ("（三）、依法开展", 2, 3, "（三）、"),
    ("1.加强学习", 3, 1, "1."),
    ("2、加强宣传", 3, 2, "2、"),
    ("12．完善制度", 3, 12, "12．"),
    ("（1）开展培训", 4, 1, "（1）"),
    ("(2)开展评查", 4, 2, "(2)"),
])
def test_heading_marks(text, level, number, mark):
    found, _ = heading_mark(text)
    assert (found.level, found.number, found.text) == (level, number, mark)


@pytest.mark.parametrize("text", ["1.5亿元资金全部到位", "2024年，我局", "2023.3.7", "一是加强学习", "12.4宪法宣传周",
                                  "十分重视法治建设", "（以下简称《条例》）"])
def test_not_headings(text):
    assert heading_mark(text) is None


def kinds(text):
    return [(line.kind, line.text) for line in classify(text.split("\n"))]


def test_title_block_with_issuer_salutation_and_author():
    lines = classify("XX区人民政府\n关于2023年度法治政府建设情况的报告\n（2024年2月1日）\n区委、区人大常委会：\n"
                     "现将有关情况报告如下。".split("\n"))
    assert [line.kind for line in lines] == ["ISSUER", "TITLE", "AUTHOR", "SALUTATION", "PARA"]


def test_title_over_two_lines():
    lines = classify(["2020年XX区法治", "政府建设情况报告", "2020年，我区……。"])
    assert [line.kind for line in lines] == ["TITLE", "TITLE", "PARA"]


def test_signature_and_date_at_the_end_and_cover_letter():
    text = ("关于报送2023年度法治政府建设情况报告的函\n市委依法治市办：\n现将报告报送你们。\nXX县人民政府\n2024年2月20日\n"
            "XX县2023年法治政府建设年度报告\n一、主要举措和成效\n正文。\nXX县人民政府\n二〇二四年二月二十日")
    found = [line.kind for line in classify(text.split("\n"))]
    assert found == ["TITLE", "SALUTATION", "PARA", "SIGN", "DATE", "TITLE", "HEADING", "PARA", "SIGN", "DATE"]


def test_heading_fused_into_the_paragraph_before_is_split_with_its_column():
    lines = classify(["一、主要举措和成效。全年审查文件18件。二、存在的不足和原因。人员不足。"])
    assert [(line.kind, line.col) for line in lines] == [("HEADING", 0), ("HEADING", 20)]
    assert lines[1].title == "存在的不足和原因"


def test_unnumbered_heading_between_finished_sentences():
    lines = classify(["一、履职情况", "强化组织领导，压实法治建设责任", "一是及时调整领导小组，明确职责要求。"])
    assert lines[1].kind == "HEADING" and lines[1].mark.level == UNNUMBERED


def test_a_line_broken_mid_sentence_is_not_a_heading():
    lines = classify(["三、不足", "二是党员干部法治思维和依法办事", "能力还需提高。虽然组织开展了学习培训。",
                      "法治宣传有待加强，部分群众仍然", "信访不信法，这一现象依然存在。"])
    assert [line.kind for line in lines] == ["HEADING", "ENUM", "PARA", "PARA", "PARA"]
