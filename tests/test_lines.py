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


def test_a_page_heading_that_rewords_the_title_is_furniture_and_the_issuer_under_the_title_its_author():
    # texts/111.txt of the corpus: the page's heading runs the issuer into the title; the document
    # then prints its title with the issuer and the date under it
    lines = classify(["湖南省农业农村厅2023年法治政府建设年度报告", "2023年法治政府建设年度报告", "湖南省农业农村厅",
                      "（2024年1月31日）", "2023年，我厅深入学习贯彻习近平法治思想，扎实推进法治政府建设。"])
    assert [line.kind for line in lines] == ["FURNITURE", "TITLE", "AUTHOR", "AUTHOR", "PARA"]
    assert lines[0].what == "repeat"


def test_a_byline_of_issuer_and_date_above_the_title_is_front_matter():
    # texts/001.txt: 【政策解读】 page heading, the issuer and date, then the document's own title
    lines = classify(["【政策解读】关于《清水县人民政府关于清水县2023年度法治政府建设工作总结的报告》的政策解读", "",
                      "清水县人民政府 2024年01月08日", "", "《清水县人民政府关于清水县2023年度法治政府建设工作总结的报告》政策解读",
                      "", "按照省市法治政府建设工作要求，我县总结2023年全县法治政府建设工作。"])
    assert [line.kind for line in lines] == ["FURNITURE", "FRONT", "TITLE", "PARA"]


def test_a_notice_title_and_its_attachment_title_are_two_titles():
    lines = classify(["XX区人民政府办公室关于印发XX区2020年依法行政工作要点的通知", "各镇（街），区政府各部门：",
                      "《XX区2020年依法行政工作要点》已经区政府同意，现印发给你们，请认真组织实施。",
                      "XX区人民政府办公室", "2020年5月21日", "XX区2020年依法行政工作要点", "2020年是……的收官之年。"])
    assert [line.kind for line in lines] == ["TITLE", "SALUTATION", "PARA", "SIGN", "DATE", "TITLE", "PARA"]


def test_a_look_alike_titled_by_its_own_kind_of_document():
    lines = classify(["镇巴县人民政府工作规则", "第一章总则", "一、根据《中华人民共和国宪法》，制定本规则。"])
    assert lines[0].kind == "TITLE"


def test_a_heading_whose_first_half_was_run_into_the_paragraph_above():
    # texts/007.txt: "…成效。全面贯彻落实党的二十大精神" / "统筹推进法治政府建设高质量发展" / paragraph
    lines = classify(["2022年，司法部扎实推进法治政府建设，各项工作取得重要进展和成效。全面贯彻落实党的二十大精神",
                      "统筹推进法治政府建设高质量发展",
                      "坚持把学习宣传贯彻党的二十大精神作为首要政治任务，与深入学习贯彻习近平法治思想贯通起来，切实贯彻落实到工作中。"])
    assert [line.kind for line in lines] == ["PARA", "HEADING", "PARA"]
