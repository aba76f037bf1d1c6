"""The normalise step on real web-copy text: Traditional script read as Simplified with the
original coordinates, Big5 decoded as Big5, mojibake and converter glosses left alone by the
punctuation rules, page furniture and tables out of the report's structure."""

import re

import docx
from conftest import FIXTURES, SEEDS, codes, lint_file, lint_text

from linter.lines import compact
from linter.normalise import (
    _CJK_RUN,
    _decodes,
    _held,
    _utf8_read_as_gbk,
    letter_spaced,
    mojibake,
    mojibake_by_line,
    normalise,
    patterns,
)
from linter.sources import decode
from linter.tomlio import load_package_data

# From a Traditional mirror of a rule-of-law report (a stored public page), with its half-width commas.
TRADITIONAL = ("臺北市政府關於2023年度法治政府建設情況的報告\n"
               "2023年,本市堅持依法行政,法治政府建設取得新成效。\n"
               "一、主要舉措和成效\n全年審查規範性文件18件。\n"
               "二、存在的不足和原因\n執法隊伍專業化程度不高，原因是培訓不足。\n"
               "三、黨政主要負責人履行推進法治建設第一責任人職責情況\n主要負責人親自部署。\n"
               "四、2024年工作安排\n繼續推進。\n")


def test_traditional_text_is_matched_in_simplified_and_reported_once(registry):
    result = lint_text(registry, TRADITIONAL)
    assert result.report.kind == "annual" and result.report.year == 2023
    assert [c for c in codes(result) if c.startswith("S1")] == []
    assert codes(result).count("W005") == 1
    comma = next(d for d in result.diagnostics if d.code == "T001")
    # the finding points at the original line and column: the comma after 2023年 in line 2
    assert (comma.span.line, comma.span.column) == (2, 6)
    assert TRADITIONAL.split("\n")[1][comma.span.column - 1] == ","


def test_a_quoted_traditional_name_is_not_traditional_text(registry):
    result = lint_text(registry, "XX区2023年法治政府建设年度报告\n2023年，我区宣讲《臺灣同胞投資保護法》。\n")
    assert "W005" not in codes(result)


def test_conversion_keeps_every_line_length():
    lines = TRADITIONAL.split("\n")
    assert [len(line) for line in normalise(lines).lines] == [len(line) for line in lines]


def test_big5_is_decoded_as_big5_not_gb18030_garbage():
    data = TRADITIONAL.encode("big5")
    assert data.decode("gb18030")  # the trap: it decodes, into nonsense
    source = decode(data, "r.txt")
    assert source.encoding == "big5" and source.text == TRADITIONAL


def test_gbk_is_still_gbk():
    text = "XX区2023年法治政府建设年度报告\n2023年，我区坚持依法行政。\n"
    source = decode(text.encode("gbk"), "r.txt")
    assert source.encoding == "gb18030" and source.text == text


def test_mojibake_made_by_a_real_wrong_decode_is_found():
    # UTF-8 bytes of a page's metadata read as GBK, as a mis-set browser or crawler does
    garbled = "发布时间：2024-03-28".encode("utf-8").decode("gbk", errors="replace")
    spans = mojibake(garbled)
    assert spans and spans[0][0] == 0
    assert mojibake("2023年，我区坚持依法行政，推进法治政府建设。") == []
    assert mojibake("如何把制度优势转化为治理效能?") == []


def test_mojibake_and_glosses_are_never_fixed_as_punctuation(registry):
    garbled = "发布时间：2024-03-28".encode("utf-8").decode("gbk", errors="replace")
    text = f"XX区2023年法治政府建设年度报告\n{garbled}\n中國(guó)法治政府評(píng)估報(bào)告\n"
    found = codes(lint_text(registry, text))
    assert "W003" in found and "W004" in found
    assert "T001" not in found


def test_page_furniture_stays_out_of_title_and_broken_lines(registry):
    text = ("首页 > 政务公开 > 法治政府建设\n静海区2023年度法治政府建设情况报告\n"
            "来源:静海区人民政府办公室 发布时间:2024-03-28 09:18\n字体:【大 中 小】\n语音播报\n"
            "静海区2023年度法治政府建设情况报告\n2023年，静海区坚持依法行政。\n")
    result = lint_text(registry, text)
    assert result.report.title.text == "静海区2023年度法治政府建设情况报告"
    assert "T005" not in codes(result) and "T006" not in codes(result)
    assert codes(result).count("W001") == 1  # one block: breadcrumb, page title, fields, widgets


def test_a_title_after_a_block_of_page_fields(registry):
    text = ("[ 索引号 ]\n11120223MB1544913K/2024-00021\n[ 发布机构 ]\n静海区司法局\n[ 发布日期 ]\n2024-03-28\n"
            "静海区司法局2023年度法治政府建设情况报告\n2023年，我局坚持依法行政。\n")
    report = lint_text(registry, text).report
    assert report.title.text == "静海区司法局2023年度法治政府建设情况报告" and report.kind == "annual"


def test_a_watermark_glued_in_front_of_the_title(registry):
    text = ("秘书之家—全网资源每日更新www.mishuzj.com湖北省人民政府关于2023年度法治政府建设情况的报告2023年,省政府坚持"
            "以习近平新时代中国特色社会主义思想为指导，坚持依法行政，法治政府建设取得新成效。")
    result = lint_text(registry, text)
    assert result.report.title.text == "湖北省人民政府关于2023年度法治政府建设情况的报告"
    assert result.report.issuer == "湖北省人民政府" and codes(result).count("W002") == 1


def test_tables_are_table_lines_for_broken_line_and_space_rules(registry):
    text = ("XX区2023年法治政府建设年度报告\n一、主要举措和成效\n全年办理案件情况如下：\n"
            "| 类别 | 2023 年 | 2022 年 |\n| 行政复议 | 23 | 15 |\n"
            "序号\n类别\n件数\n1\n行政应诉\n15\n二、存在的不足和原因\n人员不足，原因是编制少。\n")
    found = codes(lint_text(registry, text))
    assert "T005" not in found and "T006" not in found and "W001" not in found


def test_docx_table_cells_are_table_lines(registry, tmp_path):
    document = docx.Document()
    document.add_paragraph("XX区2023年法治政府建设年度报告")
    document.add_paragraph("全年审查文件 18 件。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "审查文件"
    table.cell(0, 1).text = "18 件"
    document.save(tmp_path / "t.docx")
    result = lint_file(registry, tmp_path / "t.docx", select=("T006",))
    assert [d.span.line for d in result.diagnostics] == [2, 2]  # the paragraph, not the cell (line 4)


def test_furniture_patterns_extend_from_config(registry):
    text = "XX区2023年法治政府建设年度报告\n本站声明：转载请注明出处\n2023年，我区坚持依法行政。\n"
    assert "W001" not in codes(lint_text(registry, text))
    assert "W001" in codes(lint_text(registry, text, furniture=(("lines", ("^本站声明",)),)))


def test_field_lines_are_found_behind_the_look_at_their_first_character():
    lines = ["【来源】司法厅", "发布时间：2023-02-28", "打印 关闭", "2023年，我区坚持依法行政。", "某某号：123"]
    assert normalise(lines).furniture == {0: "field", 1: "field", 2: "widget"}
    # a user's label that may start with any character: every line is tried with the patterns
    extra = (("fields", (".?某号",)),)
    assert patterns(extra).fields_start is None
    assert normalise(lines, extra=extra).furniture == {0: "field", 1: "field", 2: "widget", 4: "field"}


def test_letter_spacing_needs_a_whole_spaced_line():
    assert letter_spaced("关 于 2 0 2 3 年 度 法 治 政 府") == (0, 23)
    assert letter_spaced("区长 张  三") is None
    assert letter_spaced("2023年，我区坚持 依法行政。") is None


def test_letter_spaced_line_is_one_finding_not_many_spaces(registry):
    found = codes(lint_text(registry, "关 于 2 0 2 3 年 度 法 治 政 府 建 设 情 况 的 报 告\n2023年，我区坚持依法行政。\n"))
    assert found.count("W007") == 1 and "T006" not in found


def test_a_broken_line_is_never_joined_across_page_furniture(registry):
    # a news copy (fixtures/corpus 028): joining the headline to the body would delete the field line
    text = ("甘肃2021年法治政府建设工作取得新成效\n发布日期: 2022-03-31 10:08:59 来源: 甘肃经济日报\n\n"
            "正在召开的省十三届人大常委会第三十次会议听取和审议了省人民政府2021年度法治政府建设情况报告。\n")
    assert "T005" not in codes(lint_text(registry, text))


# -- kind, year and parts from real openings (texts from fixtures/corpus, as published) --------

UNTITLED = ("2019年,在省委、省政府和市委、市政府的正确领导下,南昌县全面贯彻落实法治政府建设实施纲要,"
            "扎实推进依法行政,法治政府建设取得明显成效。\n"
            "一、2019年推进法治政府建设情况\n(一)依法全面履行政府职能,持续推进“放管服”改革工作\n"
            "1.优化政府组织机构。我县在对各涉改单位充分调研论证的基础上,拟定机构改革方案。\n")


def test_a_copy_without_its_title_is_recognised_from_its_opening_and_parts(registry):
    report = lint_text(registry, UNTITLED).report
    assert (report.kind, report.year) == ("annual", 2019)
    assert report.elements["measures"].found  # the topic-organised first part


def test_a_look_alike_without_title_stays_unknown(registry):
    # opening of a government information disclosure annual report (corpus 070)
    text = ("为认真做好京山市卫生健康局政府信息公开工作,我局按照《中华人民共和国政府信息公开条例》要求,"
            "现将2022年度政府信息公开工作情况报告如下。\n一、总体情况\n1.政府信息主动公开情况。2022年,我局主动公开政务信息6条。\n")
    assert lint_text(registry, text).report.kind == "unknown"


def test_a_first_person_opening_is_a_duty_report(registry):
    text = ("2024以来,在县委、县政府的精心指导下,本人切实履行推进法治政府建设第一责任人职责,以习近平新时代"
            "中国特色社会主义思想为指导。\n一、履职情况\n(一)完善治理体系,夯实法治基础。\n")
    report = lint_text(registry, text).report
    assert (report.kind, report.year) == ("duty", 2024)


def test_the_year_is_not_taken_from_a_plans_name_or_a_range(registry):
    text = ("根据《法治政府建设实施纲要(2021—2025年)》等文件要求,现将法治政府建设工作情况报告如下。\n"
            "一、2023年总体情况\n2023年,我局坚持依法行政。\n")
    assert lint_text(registry, text).report.year == 2023


def test_shortcomings_are_not_found_in_the_middle_of_a_sentence(registry):
    text = (UNTITLED + "(二)推进严格规范公正文明执法\n及时解决群众反映的问题和诉求,存在的问题当即整改。\n"
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n县长亲自部署。\n")
    report = lint_text(registry, text).report
    assert not report.elements["shortcomings"].found
    text += "三、存在的不足和原因\n基层执法力量不足，原因是编制少。\n"
    assert lint_text(registry, text).report.elements["shortcomings"].how == "heading"


def test_measures_of_a_report_without_numbered_parts_are_the_text_after_its_opening(registry):
    # 司法部's report under unnumbered topic lines (corpus 007)
    text = ("2022年,司法部坚持以习近平新时代中国特色社会主义思想为指导,扎实推进法治政府建设,各项工作取得重要进展和成效。"
            "全面贯彻落实党的二十大精神\n统筹推进法治政府建设高质量发展\n"
            "坚持把学习宣传贯彻党的二十大精神作为首要政治任务。部党组先后召开6次部党组会。\n")
    measures = lint_text(registry, text).report.elements["measures"]
    assert (measures.found, measures.how, measures.line) == (True, "body", 2)
    # what a lead phrase makes another element is not the measures
    only_problems = text.split("\n")[0] + "\n存在的不足主要是基层执法力量薄弱。\n"
    assert not lint_text(registry, only_problems, kind="annual").report.elements["measures"].found


DUTY_OPENING = ("市委政研室2024年主要负责人履行推进法治建设第一责任人职责情况报告\n"
                "法治兴则国家兴,法治衰则国家衰。2024年以来,在市委的坚强领导下,我带领市委政研室全体干部,深入学习贯彻"
                "习近平法治思想。\n")


def test_a_duty_reports_leading_topic_parts_are_its_account_of_duties(registry):
    # corpus 118: the account under a generic heading, the study as a sub-item
    text = DUTY_OPENING + ("一、2024年工作总结\n(一)持法治之尺,校准工作规范尺度。一是法规研习强意识。组织开展各类法治专题"
                           "学习活动达20余次,深入学习宪法、党内法规以及与政研工作密切相关的法律法规。\n")
    report = lint_text(registry, text).report
    assert report.kind == "duty"
    assert report.elements["duties"].found and report.elements["duties"].line == 3
    assert report.elements["study"].found
    # a first part that is another element's is not the account
    text = DUTY_OPENING + "一、存在的不足\n运用法治思维解决问题的能力还需提高。\n"
    assert not lint_text(registry, text).report.elements["duties"].found


def test_study_under_a_name_a_word_filter_shortened(registry):
    # corpus 017: the site dropped 习近平 from 习近平法治思想
    text = DUTY_OPENING + ("一、工作情况\n(一)强化政治引领,压实法治建设“主体责任”。一是坚持法治思想的理论武装。"
                           "我将学习贯彻总书记法治思想作为党委理论学习中心组的首要任务。\n")
    assert lint_text(registry, text).report.elements["study"].found


def test_parts_are_recognised_through_a_converters_pinyin_glosses(registry):
    # corpus 083: 第一責(zé)任人 is still 第一责任人
    text = ("2022年,應(yīng)急管理部堅持以習(xí)近平新時代中國特色社會主義思想為指導(dǎo),積極推進(jìn)法治政府建設(shè)。\n"
            "一、全面加強黨對法治政府建設(shè)工作的領(lǐng)導(dǎo)\n"
            "(三)切實履行法治建設(shè)第一責(zé)任人責(zé)任。部主要負(fù)責(zé)同志高度重視法治工作。\n")
    duty = lint_text(registry, text).report.elements["duty"]
    assert (duty.found, duty.how, duty.line) == (True, "heading", 3)


def test_a_sentence_listing_the_parts_is_not_the_parts(registry):
    # corpus 093: the second paragraph names the report's parts; the parts themselves come later
    text = ("根据《法治政府建设实施纲要(2021—2025年)》和相关文件要求,现将市人社局2022年法治政府建设情况报告予以公开。\n"
            "本报告包括主要举措和成效、党政主要负责人履行推进法治建设第一责任人职责情况、存在不足和原因、2023年重点工作"
            "措施四个部分。本报告所列数据的期限为2022年1月1日至2022年12月31日。\n"
            "一、主要举措和成效\n2022年,市人社局坚持以习近平新时代中国特色社会主义思想为指导。\n")
    report = lint_text(registry, text).report
    assert report.kind == "annual" and not report.elements["shortcomings"].found
    # a paragraph that starts with them is a part without a heading
    text += "我局法治政府建设还存在一些不足,主要是基层执法力量薄弱。\n"
    assert lint_text(registry, text).report.elements["shortcomings"].how == "body"


def test_site_link_headers_and_arrow_breadcrumbs_stay_out_of_the_title(registry):
    # corpus 078 and 029, as published
    text = ("中国政府网|重庆市人民政府网\n\n重庆市綦江区2022年法治政府建设情况报告\n\n"
            "2022年,綦江区坚持以习近平新时代中国特色社会主义思想为指导。\n")
    report = lint_text(registry, text).report
    assert (report.title.text, report.issuer) == ("重庆市綦江区2022年法治政府建设情况报告", "重庆市綦江区")
    text = ("法制查询\n \n 首页→ 网站公告\n \n \n石家庄市人民政府关于2016年度法治政府建设情况的报告\n"
            "2016年,市政府坚持依法行政。\n")
    report = lint_text(registry, text).report
    assert (report.title.text, report.issuer) == ("石家庄市人民政府关于2016年度法治政府建设情况的报告", "石家庄市人民政府")


def test_page_furniture_in_traditional_script_is_removed_with_its_line(registry):
    """A furniture line of a page in Traditional script is all of its line as well: its fix
    removes the line, as on a Simplified page. The check compared the text read in Simplified
    with the raw line (首頁 ≠ 首页), so the fix left an empty line behind (corpus 027, 033, 096, 115)."""
    for script in ("首页 > 政务公开 > 法治政府建设\n字号:【大 中 小】\n", "首頁 > 政務公開 > 法治政府建設\n字號:【大 中 小】\n"):
        text = script + "静海区2023年度法治政府建设情况报告\n2023年，静海区坚持依法行政。\n"
        [furniture] = [d for d in lint_text(registry, text).diagnostics if d.code == "W001"]
        [edit] = furniture.fix.edits
        assert (edit.span.line, edit.span.column, edit.span.end_line, edit.span.end_column, edit.content) == (1, 1, 3, 1, "")


def test_navigation_lines_are_found_as_by_one_alternation_of_all_patterns():
    """The anchored navigation patterns are tried at the start of a line alone, the others
    searched: a line is navigation exactly when one alternation of them all finds it."""
    every = load_package_data("linter", "data/pagecopy.toml")["furniture"]["lines"]
    whole = re.compile("|".join(f"(?:{p})" for p in every))
    texts = [*SEEDS, *(FIXTURES / "corpus" / "texts").glob("*.txt")]
    flats = [compact(line) for path in texts for line in path.read_text(encoding="utf-8").splitlines()]
    flats += ["当前位置：首页>新闻", "ICP备12345号", "版权所有 某某网", "中国政府网|重庆市人民政府网"]
    # the inside needles are looked for in the lines together, as _furniture_lines does
    inside = _held("\n".join(flats), patterns().inside_needles)
    found = [flat for flat in flats if patterns().navigation(flat, inside)]
    assert found == [flat for flat in flats if whole.search(flat)]
    assert len(found) >= 4


def test_the_runs_of_a_line_are_decoded_together_as_each_alone():
    """The runs of a line are re-read in one encoding and one decoding, joined by line
    breaks: each must come out as when decoded alone, on prose and on mojibake made from it
    (UTF-8 read as GBK, whole and cut at odd places, with characters GBK lacks)."""
    prose = [line for path in SEEDS for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    made = [line.encode("utf-8").decode("gbk", errors="replace") for line in prose]
    lines = prose + made + [m[:i] + p[i:] for m, p in zip(made, prose) for i in (7, 20)] + [made[0] + "𠀀中文"]
    decoded = 0
    for line in lines:
        runs = [m.group() for m in _CJK_RUN.finditer(line)]
        alone = [_decodes(run, "gbk", "utf-8") for run in runs]
        assert _utf8_read_as_gbk(runs) == alone, line
        decoded += sum(alone)
    assert decoded > len(made)


def test_mojibake_found_in_the_whole_text_is_what_each_line_holds():
    """Mojibake is searched in the whole text at once: each line must come out with the
    stretches (and columns) it has alone, also next to lines of mojibake and of prose,
    lost characters (??) and Latin-1 misreadings at a line's start and end."""
    prose = [line for path in SEEDS for line in path.read_text(encoding="utf-8").splitlines()]
    made = [line.encode("utf-8").decode("gbk", errors="replace") for line in prose if line.strip()]
    latin = "2023年法治政府建设".encode("gbk").decode("latin-1")
    lines = [*prose, *made, "??" + prose[0] + "??", latin, latin + "报告" + latin, "", "锟斤拷锟斤拷"]
    lines = [line for pair in zip(lines, reversed(lines)) for line in pair]
    whole = mojibake_by_line(lines)
    alone = {index: mojibake(line) for index, line in enumerate(lines) if mojibake(line)}
    assert whole == alone
    assert len(alone) > len(made)
