"""The vocabulary of Chinese report text: blanks, numerals, numbers, years, dates,
heading marks, 一是 enumerations, quantities and changes of a rate.

Every pattern that recognises one of these is defined here once; the lexer, the facts
layer and the rules build on these pieces rather than writing their own. The table tests
in ``tests/test_vocabulary.py`` pin what each piece accepts and rejects.
"""

from __future__ import annotations

import re

from linter.regex import Gated, lazy

# --- blanks -------------------------------------------------------------------------

#: Blanks inside a line: spaces, tabs and the ideographic space of Chinese typesetting.
BLANK = " \t\u3000"
#: Any run of blanks, possibly empty (regex fragment).
SP = r"[ \t\u3000]*"
#: A run of at least one blank.
BLANKS = lazy(r"[ \t\u3000]+")

# --- scripts ---------------------------------------------------------------------------

#: Chinese characters (CJK unified ideographs, extension A, compatibility ideographs), for classes.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# --- numerals and numbers --------------------------------------------------------------

#: The digits of small Chinese numerals (一 … 九十九), as used in heading marks and 一是.
CN_DIGITS = "一二三四五六七八九十"
#: The digits a year written in Chinese uses (二〇二三年): 〇, its look-alike ○, and 零.
CN_YEAR_DIGITS = "〇○零一二三四五六七八九"
_CN_VALUE = {c: i + 1 for i, c in enumerate(CN_DIGITS)}
_CN_YEAR_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
#: An Arabic number with an optional decimal part (full-width point allowed).
NUMBER = r"\d+(?:[.．]\d+)?"
#: A :data:`NUMBER` that does not go on from a longer one (no digit or point before it):
#: group ``num``. The look back follows the first digit (and looks past it), so that the
#: pattern starts with a digit: the regex engine skips to a pattern's first character or
#: class on its own, while one led by a lookbehind is tried at every position of the line
#: (2-3x slower on Chinese prose, and facts and rules scan most lines with these).
STANDALONE_NUMBER = r"(?P<num>\d(?<![\d.．]\d)\d*(?:[.．]\d+)?)"


def cn_number(text: str) -> int | None:
    """Value of a small Chinese numeral (一 … 九十九) as heading marks and 一是 write it;
    None if it is not one. (Checked against ``cn2an`` in the tests; not delegated to it
    because importing cn2an costs about as much as linting a .txt file.)"""
    if not text or any(c not in _CN_VALUE for c in text):
        return None
    if len(text) == 1:
        return _CN_VALUE[text]
    if len(text) == 2 and text[0] == "十" and text[1] != "十":
        return 10 + _CN_VALUE[text[1]]
    if len(text) == 2 and text[1] == "十":
        return _CN_VALUE[text[0]] * 10 if text[0] != "十" else None
    if len(text) == 3 and text[1] == "十" and text[0] != "十" and text[2] != "十":
        return _CN_VALUE[text[0]] * 10 + _CN_VALUE[text[2]]
    return None


def cn_year(text: str) -> int:
    """The year a Chinese year writes digit by digit (二〇二三 → 2023)."""
    return int("".join(str(_CN_YEAR_VALUE[c]) for c in text))


def number_value(text: str) -> tuple[float, int]:
    """The value of a :data:`NUMBER` and how many decimals it was written with."""
    text = text.replace("．", ".")
    return float(text), len(text.split(".")[1]) if "." in text else 0


# --- places ---------------------------------------------------------------------------

#: The short names of China's provinces, autonomous regions, municipalities and SARs, which
#: name a provincial government on their own ("2021年，广东坚持……") (regex fragment).
PROVINCE = ("(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东"
            "|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门)")


# --- years and dates -------------------------------------------------------------------

#: The centuries a year is written in; what every YEAR holds: a line without them holds no
#: year (see rules/textscan.holding)
YEAR_NEEDLES = ("19", "20")
_CENTURY = "(?:" + "|".join(YEAR_NEEDLES) + ")"
#: A four-digit year of this or the last century (regex fragment, no group).
YEAR = _CENTURY + r"\d{2}"
#: A year followed by 年 or 年度 ("2024年", "2024 年度"): group 1 is the year.
YEAR_WORD = lazy(rf"({YEAR}){SP}年度?")
#: A year or a year range in running text (2024年, 2024年度, 2021—2025年), not part of a
#: longer number: groups ``y``, ``end`` (range) and ``du`` (年度). The look back for a digit or
#: point before the year follows its first two digits (and looks past them), so that the
#: pattern starts with them and the regex engine skips to them on its own (see
#: :data:`STANDALONE_NUMBER`).
YEAR_IN_TEXT = lazy(
    rf"(?P<y>{_CENTURY}(?<![\d.．\-]\d\d)\d{{2}}){SP}(?:[—–\-－~～至到一]{SP}(?P<end>{YEAR}){SP})?年(?P<du>度)?")
#: Where a range of years ends: before 年, 期间, or the bracket closing a plan's name
#: ("纲要(2021-2025)"), so that a year-month-day date (2025-03-01) is never taken for one.
_RANGE_END = r"(?=\s*(?:年|期间)|\s*[)）》])"
#: Dashes written between the two years of a range ("2021-2025年", "纲要(2021-2025)"), not a
#: standard's number and year ("DB43/T 2021-2023"): groups 1–3.
#: The dashes a range may be written with (GB/T 15834 wants "—" for years, "～" for values).
RANGE_DASHES = "-－~～–"
YEAR_RANGE_DASHED = lazy(rf"(?<![\d\-/.A-Za-z])(?<!/T )({YEAR})(\s*[{RANGE_DASHES}]\s*)({YEAR}){_RANGE_END}")
#: Two years of a range with no dash between them: run together ("20212025年") or with the
#: numeral 一 standing for the dash ("2021一2025年"): groups ``start``, ``sep``, ``end``.
YEAR_RANGE_UNDASHED = lazy(rf"(?<![\d\-/.．])(?P<start>{YEAR})(?P<sep>一?)(?P<end>{YEAR}){_RANGE_END}")
#: What every match of YEAR_RANGE_UNDASHED holds: a year right after four digits, or after four
#: digits and 一, looked for from its century (the engine skips to 1 and 2); the range itself
#: is tried at every 1 and 2 and looks behind each, and most lines with a year hold no range.
YEAR_RANGE_UNDASHED_END = lazy(rf"{_CENTURY}(?:(?<=\d{{6}})|(?<=\d{{4}}一\d\d))\d\d")
YEAR_RANGE_UNDASHED_GATED = Gated(YEAR_RANGE_UNDASHED_END, YEAR_RANGE_UNDASHED)
#: A two-digit year (23年底, 24年3月; 22年，… at the start of a sentence; 于22年, 自22年): group
#: ``yy``. Only where it can be nothing but a year: before words that make it a date, at the
#: start of a sentence before a comma, or after a preposition of time not followed by 来/间/内…
#: — never a duration (历时22年, 连续22年, 近10年, 22年来, 在22年的工作中).
_SHORT_YEAR_DIGITS = r"(?<![\d.．%％〇○零一二三四五六七八九十百千万近满约超逾达共计第每])(?P<yy>\d{2})"
SHORT_YEAR = lazy(
    rf"{_SHORT_YEAR_DIGITS}年"
    rf"(?:(?=度|初|底|末|上半年|下半年|\d{{1,2}}月|[{CN_DIGITS}]{{1,2}}月)"
    r"|(?:(?<=^\d\d年)|(?<=[。；;！？!?：:\s]\d\d年))(?=[，,])"
    r"|(?<=[于自从至止]\d\d年)(?![来间内里多余中之的以]))")
#: What every match of SHORT_YEAR holds: 年 after two digits that may be a short year, looked
#: for from 年 (the engine skips to a literal). SHORT_YEAR is tried at every digit of a line,
#: and most lines with 年 hold only full years (2024年): a line without this is not scanned.
SHORT_YEAR_END = lazy(rf"年(?<={_SHORT_YEAR_DIGITS}年)")
SHORT_YEAR_GATED = Gated(SHORT_YEAR_END, SHORT_YEAR)

#: A month written right after a year ("2024年3月", "2024年三月"): group ``m``. It starts at 年
#: (a lookbehind): a search over a long run of blanks would otherwise be quadratic.
MONTH_AFTER_YEAR = lazy(rf"(?<=年){SP}(?P<m>\d{{1,2}}|[{CN_DIGITS}]{{1,2}}){SP}月")
#: Words that put a dated event in the future (a target, a plan, a deadline) rather than
#: report it as done: "计划2025年3月召开", "力争2025年底前完成", "到2025年", "2025年，我局将……".
FUTURE_TENSE = lazy(rf"计划|将|拟|力争|争取|预计|预期|目标|确保|规划|展望|打算|安排|部署|筹备|启动|之前|以前|前|到{YEAR}|至{YEAR}|为{YEAR}")

_ARABIC_DATE = rf"(?P<y>\d{{4}}){SP}年{SP}(?P<m>\d{{1,2}}){SP}月{SP}(?P<d>\d{{1,2}}){SP}[日号]"
_CHINESE_DATE = (rf"(?P<y>[{CN_YEAR_DIGITS}]{{4}}){SP}年{SP}(?P<m>[{CN_DIGITS}]{{1,3}}){SP}月{SP}"
                 rf"(?P<d>[{CN_DIGITS}]{{1,3}}){SP}[日号]")
_DOTTED_DATE = rf"(?P<y>{YEAR})[.．](?P<m>\d{{1,2}})[.．](?P<d>\d{{1,2}})"
_ISO_DATE = rf"(?P<y>{YEAR})[-/](?P<m>\d{{1,2}})[-/](?P<d>\d{{1,2}})"

#: The day after 月 that ends every date of the forms written with 月 (…3月7日, 三月七日), ungrouped.
DAY_AFTER_MONTH = rf"月{SP}(?:\d{{1,2}}|[{CN_DIGITS}]{{1,3}}){SP}[日号]"
#: The forms a date is written in, most explicit first: (form, pattern with groups y, m, d).
DATE_FORMS = (
    ("arabic", lazy(rf"(?<![\d.．\-]){_ARABIC_DATE}")),
    ("chinese", lazy(_CHINESE_DATE)),
    ("dotted", lazy(rf"(?<![\d.．A-Za-z]){_DOTTED_DATE}(?![\d.．%％])")),
    ("iso", lazy(rf"(?<![\d\-A-Za-z]){_ISO_DATE}(?![\d\-/])")),
    ("no-year", lazy(rf"(?<![\d年\-.．])(?P<m>\d{{1,2}}){SP}月{SP}(?P<d>\d{{1,2}}){SP}[日号]")),
)


def _ungrouped(pattern: str) -> str:
    return re.sub(r"\?P<\w+>", "?:", pattern)


#: A line that is nothing but a date (the 成文日期 closing a document), perhaps bracketed.
DATE_LINE = lazy(
    rf"^[（(]?{SP}(?:{_ungrouped(_ARABIC_DATE)}|{_ungrouped(_CHINESE_DATE)}"
    rf"|\d{{4}}{SP}[.\-/／]{SP}\d{{1,2}}{SP}[.\-/／]{SP}\d{{1,2}}){SP}[）)]?$")

# --- heading marks and enumerations ------------------------------------------------------

#: GB/T 9704-2012 heading levels (一、 （一） 1. （1）) and the variants seen in published
#: reports, matched at the start of a heading: (level, pattern with groups num, sep).
HEADING_MARKS = (
    (1, lazy(rf"(?P<num>[{CN_DIGITS}]{{1,3}})\s*(?P<sep>[、.．，,])")),
    (2, lazy(rf"(?P<open>[（(])\s*(?P<num>[{CN_DIGITS}]{{1,3}})\s*(?P<close>[）)])(?P<sep>[、.．，]?)")),
    (3, lazy(r"(?P<num>\d{1,2})\s*(?P<sep>[.．、])(?![\d.．])")),
    (4, lazy(r"(?P<open>[（(])\s*(?P<num>\d{1,2})\s*(?P<close>[）)])(?P<sep>[、.．]?)")),
)
#: A level-1 or level-2 mark as it opens a heading fused into a paragraph ("…。二、存在的不足").
FUSED_MARK = rf"(?:[{CN_DIGITS}]{{1,3}}、|[（(][{CN_DIGITS}]{{1,3}}[）)])"
#: The number inside a heading mark, Chinese or Arabic.
MARK_NUMBER = lazy(rf"[{CN_DIGITS}]+|\d+")


# Words that end in 一 and may stand before 、 in running text (统一、规范): not a heading mark.
_ONE_IN_A_WORD = "统唯之第同万单逐划合专归整"


def first_mark(text: str, level: int) -> bool:
    """Whether ``text`` holds the mark of a first heading of ``level`` (一、 （一） 1. （1））
    anywhere, also run into a sentence; not 一 ending a word (统一、) or 1 ending a number."""
    pattern = HEADING_MARKS[level - 1][1]
    for match in pattern.finditer(text):
        raw, before = match.group("num"), text[match.start() - 1] if match.start() else ""
        if level == 1 and (raw != "一" or before in _ONE_IN_A_WORD):
            continue
        if level == 3 and (raw != "1" or before.isdigit() or before in ".．"):
            continue
        if level in (2, 4) and raw not in ("一", "1"):
            continue
        return True
    return False


def standard_mark(number: str, level: int) -> str:
    """The GB/T 9704 form of a heading mark of ``level`` with ``number`` as written."""
    return {1: f"{number}、", 2: f"（{number}）", 3: f"{number}.", 4: f"（{number}）"}[level]


# What an enumeration item can follow: the start of the text, a blank, a sentence or clause
# mark (a comma too: "五项内容，一是…；二是…"), an opening quote or bracket.
_ENUM_AFTER = r"(?<![^\s。；;：:！？!?，,“”\"*（(])"
#: An inline enumeration item (一是、二是 …) where an item can start; group n.
ENUM_ITEM = lazy(rf"{_ENUM_AFTER}(?P<n>[{CN_DIGITS}]{{1,3}})是")
#: A first item run into the heading above it where a copy lost the line break
#: ("（一）加强政府信息公开一是完善公开制度。"): read in a heading's own text only, where
#: nothing else writes 一是 inside a word.
RUN_ON_FIRST_ITEM = lazy(rf"(?<=[{CJK}])(?P<n>一)是(?=[{CJK}])")
#: A time or linking phrase and its comma that open a sentence of their own ("一年来，我们…",
#: "同时，…"): a paragraph that starts so begins a new sentence, whatever the one before lacks.
SENTENCE_OPENER = lazy(r"^\s*(?:一年来|近年来|多年来|今年以来|去年以来|\d{4}年以来|同时|此外|另外|与此同时|总之|综上)[，,]")
#: The places to split a passage into its enumeration items.
ENUM_SPLIT = lazy(rf"(?={_ENUM_AFTER}[{CN_DIGITS}]{{1,3}}是)")

# --- quantities and rates ---------------------------------------------------------------

#: Units that count things in reports (件, 人次, 元 …); longer units first.
COUNT_UNITS = ("件次", "人次", "件", "人", "个", "项", "次", "起", "场", "期", "家", "名", "条",
               "份", "卷", "本", "册", "批", "户", "块", "幅", "元", "天")
#: A number with a counting unit, perhaps in 万/亿 and approximate (3万余人): groups num,
#: unit. "5个百分点" is a change of a rate, not a count.
COUNT = lazy(rf"{STANDALONE_NUMBER}{SP}(?P<unit>(?:万|亿)?余?(?:{'|'.join(COUNT_UNITS)})|万|亿)"
                   rf"(?!{SP}百分点)")
#: A percentage (group num, sign, q for a qualifier such as 以上).
PERCENT = lazy(rf"{STANDALONE_NUMBER}{SP}(?P<sign>[%％])(?P<q>{SP}(?:以上|以下|左右|以内|之内))?")
#: A change of a rate in percentage points (group num).
POINTS = lazy(rf"{STANDALONE_NUMBER}{SP}个{SP}百分点")
#: Verbs of change (regex alternation, no group).
CHANGE_VERBS = "提高|提升|上升|增加|增长|下降|降低|减少"
#: Verbs of decrease that cannot take a multiple ("减少2倍").
DECREASE_VERBS = "降低|减少|下降|缩小|减小"
#: "由a%提高到b%，提高c%/c个百分点": groups a, b, c, unit.
CHANGE_WITH_ENDPOINTS = lazy(
    rf"由{SP}(?P<a>{NUMBER}){SP}[%％]{SP}(?:{CHANGE_VERBS})(?:到|至){SP}(?P<b>{NUMBER}){SP}[%％][，,、]?{SP}"
    rf"(?:{CHANGE_VERBS})了?{SP}(?P<c>{NUMBER}){SP}(?P<unit>[%％]|个{SP}百分点)")
#: "提高c%": a change given in percent (groups verb, c).
CHANGE_IN_PERCENT = lazy(rf"(?P<verb>{CHANGE_VERBS})了?{SP}(?P<c>{NUMBER}){SP}[%％]")

# --- template placeholders -------------------------------------------------------------

#: XX or xx standing, in a template or a model text, for a name or the digits of a year (XX县, 20xx年).
PLACEHOLDER = lazy(r"[Xx]{2,}")

# --- organisations, posts and what a space may separate ------------------------------------

#: How the name of an organisation ends (局, 办公厅, 人民政府, 街道 …): regex alternation, no group.
ORG_ENDINGS = "局|厅|委|办|院|府|部|会|处|所|室|中心|站|队|司|署|馆|街道|镇|乡|区|县|市|省|组|公司"
#: Posts a byline or an author line names before a person ("党组书记、局长 夏军", "（记者 吕霞）").
POSTS = ("书记|局长|主任|县长|市长|区长|镇长|乡长|厅长|部长|负责人|述职人|报告人|主席|院长|检察长"
         "|记者|特约记者|通讯员|实习生|摄影|撰稿|作者")
_BLANKS = r"[ \t\u3000]+"
_ORG_BEFORE_BLANKS = rf"(?:{ORG_ENDINGS}){_BLANKS}"
#: Two joint issuing bodies (中共中央办公厅 国务院办公厅关于…).
JOINT_ISSUERS = lazy(rf"(?<![{CJK}])[{CJK}]{{2,20}}?{_ORG_BEFORE_BLANKS}[{CJK}]{{1,20}}?(?:{ORG_ENDINGS})"
                     rf"(?=关于|联合|印发|[^{CJK}]|$)")
#: What every match of JOINT_ISSUERS holds: the end of an organisation's name before blanks.
#: JOINT_ISSUERS is tried at up to twenty places of each run of Chinese characters, and most
#: lines with a space hold no such end before it: looked for first, it cuts the instructions
#: of that scan 4.6× and of T006's look for kept spaces 43% (the bench reports).
ORG_BEFORE_BLANKS = lazy(_ORG_BEFORE_BLANKS)
#: Spaces that belong in running text, each pattern with its blanks inside the match, between
#: two Chinese characters: two joint issuing bodies; a document number and its signer
#: (〔2024〕7号 签发人：…); a post and a person's name in a byline (记者 吕霞).
SPACE_KEPT_BETWEEN = (
    Gated(ORG_BEFORE_BLANKS, JOINT_ISSUERS),
    lazy(rf"〔{YEAR}〕\d+号{_BLANKS}签发人"),
    lazy(rf"(?:{POSTS}){_BLANKS}[{CJK}]{{2,4}}(?=[）)]|{_BLANKS}|$)"),
)
#: Spaces that belong after what opens a line, whatever follows them: a news dateline (本报讯
#: 日前, 中新网 3月29日电 据…); an article or chapter number and its title (第二章 总则).
SPACE_KEPT_OPENING = (
    lazy(rf"^(?:本报讯|[{CJK}]{{2,10}}(?:网|社|报|台)讯|[{CJK}]{{2,10}}?(?:网|社|报|台)?{SP}\d{{1,2}}月\d{{1,2}}日电)"
         rf"{_BLANKS}"),
    lazy(rf"^第[{CN_DIGITS}百零〇\d]+[编章节条]{_BLANKS}"),
)
#: A quotation or a document's name: a slogan or title set in phrases keeps the space between
#: them (“以习近平法治思想为指引 坚定不移走…”, 《…肃清流毒影响 加强政治建设…》); one the text
#: cuts off runs to the end of the line.
QUOTED = lazy(r"“[^“”]*(?:”|$)|《[^《》]*(?:》|$)")
#: A space between two phrases of at least four Chinese characters.
PHRASE_GAP = lazy(rf"(?<=[{CJK}]{{4}}){_BLANKS}(?=[{CJK}]{{4}})")

# --- comparing texts --------------------------------------------------------------------

#: What is not content when texts are compared or measured: blanks, punctuation and symbols.
#: (\W holds every blank: a class that names \s as well is the same set, tested 2.5× slower.)
NOT_CONTENT = lazy(r"[\W_]+")
