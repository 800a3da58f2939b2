"""The policy text parsed into clauses: every clause present, verbatim, with its label, title and chapter.

Expected values are read off /work/shared/policy/qingyuan_ip_measures_2021.txt (the same file as
corpus/qingyuan_ip_measures_2021.txt), not produced by running the parser.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import CLAUSE_IDS, Clause, clause, load_policy, parse_policy
from corpus.clauses import chinese_numeral

RAW = (Path(__file__).parent.parent / "corpus" / "qingyuan_ip_measures_2021.txt").read_text(encoding="utf-8")
# The raw file with each paragraph stripped and blank lines dropped: clause texts join paragraphs with "\n".
PARAGRAPHS = [line.strip() for line in RAW.splitlines() if line.strip()]
JOINED = "\n".join(PARAGRAPHS)

# id, label, title (the clause's first sentence), chapter — copied from the policy text.
CH1 = "一、鼓励高质量发明创造"
CH2 = "二、促进知识产权高效益运用"
CH3 = "三、实施最严格的知识产权保护"
CH4 = "四、发展高水平知识产权服务"
CH5 = "五、强化知识产权区域协调发展"
CH6 = "六、加强知识产权人才队伍培养"
CH7 = "七、强化知识产权事业发展保障"
NUMBERED = [
    pytest.param("1", "（一）", "鼓励企业开展自主核心技术攻关", CH1, id="1"),
    pytest.param("2", "（二）", "支持加强知识产权海外布局", CH1, id="2"),
    pytest.param("3", "（三）", "加强高质量专利培育", CH1, id="3"),
    pytest.param("4", "（四）", "加快培育区域品牌", CH1, id="4"),
    pytest.param("5", "（五）", "加快推进版权产业发展", CH1, id="5"),
    pytest.param("6", "（六）", "促进专利技术产业化", CH2, id="6"),
    pytest.param("7", "（七）", "鼓励知识产权交易运用", CH2, id="7"),
    pytest.param("8", "（八）", "支持知识产权金融发展", CH2, id="8"),
    pytest.param("9", "（九）", "推动知识产权转化技术标准", CH2, id="9"),
    pytest.param("10", "（十）", "加强产业知识产权信息运用", CH2, id="10"),
    pytest.param("11", "（十一）", "强化企事业单位知识产权管理运用能力", CH2, id="11"),
    pytest.param("12", "（十二）", "严厉打击侵犯知识产权行为", CH3, id="12"),
    pytest.param("13", "（十三）", "完善知识产权维权援助保护体系建设", CH3, id="13"),
    pytest.param("14", "（十四）", "积极引进和培育高水平服务机构", CH4, id="14"),
    pytest.param("15", "（十五）", "加强知识产权公共服务", CH4, id="15"),
    pytest.param("16", "（十六）", "提升县域知识产权工作能力", CH5, id="16"),
    pytest.param("17", "（十七）", "完善重点产业园区知识产权工作体系", CH5, id="17"),
    pytest.param("18", "（十八）", "加快高端知识产权人才储备", CH6, id="18"),
    pytest.param("19", "（十九）", "完善人才培养体系", CH6, id="19"),
    pytest.param("20", "（二十）", "加强组织保障", CH7, id="20"),
    pytest.param("21", "（二十一）", "完善政策资金保障", CH7, id="21"),
]


def test_the_policy_has_notice_preamble_21_clauses_and_closing_in_order():
    ids = tuple(c.id for c in load_policy().clauses)
    assert ids == ("notice", "preamble", *(str(n) for n in range(1, 22)), "closing")
    assert ids == CLAUSE_IDS
    assert len(load_policy().numbered) == 21


def test_the_policy_names_its_issuer_and_date():
    policy = load_policy()
    # notice: “清远市人民政府办公室” signs it on “2021年2月10日”
    assert (policy.id, policy.title) == ("qingyuan_ip_measures_2021", "清远市推进知识产权工作实施办法")
    assert (policy.issuer, policy.issued) == ("清远市人民政府办公室", "2021年2月10日")


@pytest.mark.parametrize(("clause_id", "label", "title", "chapter"), NUMBERED)
def test_numbered_clause_has_its_label_title_and_chapter(clause_id, label, title, chapter):
    c = clause(clause_id)
    assert (c.id, c.label, c.title, c.chapter) == (clause_id, label, title, chapter)
    assert c.text.startswith(f"{label}{title}。")  # （七）鼓励知识产权交易运用。……
    assert c.policy_id == "qingyuan_ip_measures_2021"


@pytest.mark.parametrize("clause_id", CLAUSE_IDS)
def test_clause_text_is_verbatim_from_the_policy_file(clause_id):
    text = clause(clause_id).text
    assert text
    assert text in JOINED  # verbatim, paragraphs joined by "\n"
    assert all(paragraph in PARAGRAPHS for paragraph in text.split("\n"))


def test_every_line_of_the_policy_body_lands_in_exactly_one_clause_or_is_a_chapter_head():
    body = PARAGRAPHS[PARAGRAPHS.index("清远市推进知识产权工作实施办法") + 1 : PARAGRAPHS.index("公开方式：主动公开")]
    chapters = {CH1, CH2, CH3, CH4, CH5, CH6, CH7}
    owners = {p: [c.id for c in load_policy().clauses if p in c.text.split("\n")] for p in body}
    assert {p for p in body if p not in chapters and len(owners[p]) != 1} == set()
    assert all(owners[ch] == [] for ch in chapters)  # chapter heads live in Clause.chapter, not in a text


def test_clause_16_keeps_its_second_paragraph():
    # （十六）…配套建立专项工作资金。 + 传统知识产权保护试点示范县扶持参照上述标准执行。
    text = clause("16").text
    assert text.endswith("应按不低于1:1配套建立专项工作资金。\n传统知识产权保护试点示范县扶持参照上述标准执行。")
    assert "传统知识产权保护" not in clause("17").text


@pytest.mark.parametrize(
    "phrase",
    [
        pytest.param("本办法实施细则由市知识产权局会市财政局、市版权局制定，并负责解释。", id="interpretation"),
        pytest.param("本办法所称以上、最高、不低于、不超过等均包含本数。", id="inclusive"),
        pytest.param("有效期至2023年12月31日", id="valid until"),
        pytest.param("2020年1月18日起至本办法施行之日期间的国内专利授权资助按“就高不重复”原则参照执行", id="retroactive"),
        pytest.param("清府办〔2018〕27号", id="repeal"),
    ],
)
def test_closing_holds_the_policy_wide_rules(phrase):
    assert phrase in clause("closing").text


def test_closing_is_three_paragraphs_all_starting_with_ben_banfa():
    paragraphs = clause("closing").text.split("\n")
    assert len(paragraphs) == 3
    assert all(p.startswith("本办法") for p in paragraphs)


@pytest.mark.parametrize("trailer", ["公开方式", "主动公开", "抄送", "清远军分区"])
def test_publication_trailer_is_in_no_clause(trailer):
    assert [c.id for c in load_policy().clauses if trailer in c.text] == []


def test_notice_and_preamble():
    notice, preamble = clause("notice"), clause("preamble")
    assert "请径向市市场监管局（市知识产权局）反映" in notice.text
    assert notice.text.endswith("2021年2月10日")
    assert preamble.text.startswith("为深入实施知识产权战略")
    assert preamble.text.endswith("制定本实施办法。")
    assert "\n" not in preamble.text  # one paragraph
    assert (notice.chapter, preamble.chapter, clause("closing").chapter) == ("", "", "")


@pytest.mark.parametrize(
    ("clause_id", "citation"),
    [
        pytest.param("7", "第（七）条“鼓励知识产权交易运用”", id="7"),
        pytest.param("21", "第（二十一）条“完善政策资金保障”", id="21"),
        pytest.param("closing", "附则（解释、包含本数、有效期、废止）", id="closing"),
    ],
)
def test_citation_names_the_clause(clause_id, citation):
    assert clause(clause_id).citation == citation


def test_sentences_split_after_full_stop_and_semicolon():
    # （七）: title 。 / 对本市企业…5万； / 合同金额100-500万元以下…2万元； / 合同金额100万元以下…5万元。
    sentences = clause("7").sentences()
    assert sentences[0] == "（七）鼓励知识产权交易运用。"
    assert sentences[2] == "合同金额100-500万元以下的一次性补助2万元；"
    assert sentences[-1] == "合同金额100万元以下的按1%予以补助，单个企业年度获补助金额不超过5万元。"
    assert len(sentences) == 4
    assert "".join(sentences) == clause("7").text


def test_clause_16_sentences_drop_the_paragraph_break():
    assert clause("16").sentences()[-1] == "传统知识产权保护试点示范县扶持参照上述标准执行。"


def test_unknown_clause_id_raises_key_error():
    with pytest.raises(KeyError):
        clause("22")


@pytest.mark.parametrize(
    ("numeral", "number"),
    [
        pytest.param("一", 1, id="1"),
        pytest.param("九", 9, id="9"),
        pytest.param("十", 10, id="10"),
        pytest.param("十一", 11, id="11"),
        pytest.param("十九", 19, id="19"),
        pytest.param("二十", 20, id="20"),
        pytest.param("二十一", 21, id="21"),
        pytest.param("九十九", 99, id="99"),
    ],
)
def test_chinese_numeral(numeral, number):
    assert chinese_numeral(numeral) == number


# A second, tiny policy in the same layout: 通知, 标题, 序言, 一、章, （一）条, 结尾, 公开方式/抄送.
DEMO = """ 某某市人民政府办公室关于印发某某市

示例办法的通知

各县（市、区）人民政府：

《某某市示例办法》已经审议通过，现印发给你们，请认真贯彻执行。
 某某市人民政府办公室

2022年3月1日
某某市示例办法

为示范解析，制定本办法。

一、总则

（一）第一条标题。对获授权的按官费的50%给予资助。
（二）第二条标题。给予一次性奖励2万元。

第二条的第二段。

二、附加

（十）第十条标题。不低于10万元。

本办法由某局负责解释。

本办法自发布之日起施行，有效期至2025年12月31日。

公开方式：主动公开

\t抄送：某某单位。
"""


@pytest.fixture(scope="module")
def demo():
    return parse_policy(DEMO, policy_id="demo_policy", title="某某市示例办法")


def test_second_policy_parses_with_the_same_code(demo):
    assert [c.id for c in demo.clauses] == ["notice", "preamble", "1", "2", "10", "closing"]
    assert (demo.id, demo.issuer, demo.issued) == ("demo_policy", "某某市人民政府办公室", "2022年3月1日")
    assert all(c.policy_id == "demo_policy" for c in demo.clauses)


@pytest.mark.parametrize(
    ("clause_id", "expected"),
    [
        pytest.param("1", Clause("1", "（一）", "第一条标题", "一、总则", "（一）第一条标题。对获授权的按官费的50%给予资助。", "demo_policy"), id="1"),
        pytest.param("2", Clause("2", "（二）", "第二条标题", "一、总则", "（二）第二条标题。给予一次性奖励2万元。\n第二条的第二段。", "demo_policy"), id="2 two paragraphs"),
        pytest.param("10", Clause("10", "（十）", "第十条标题", "二、附加", "（十）第十条标题。不低于10万元。", "demo_policy"), id="10 next chapter"),
    ],
)
def test_second_policy_clauses(demo, clause_id, expected):
    assert demo.get(clause_id) == expected


def test_second_policy_preamble_closing_and_trailer(demo):
    assert demo.get("preamble").text == "为示范解析，制定本办法。"
    assert demo.get("closing").text == "本办法由某局负责解释。\n本办法自发布之日起施行，有效期至2025年12月31日。"
    assert not any("抄送" in c.text or "公开方式" in c.text for c in demo.clauses)
    assert demo.get("notice").text.startswith("某某市人民政府办公室关于印发某某市")


def test_a_text_without_the_title_line_is_refused():
    with pytest.raises(ValueError, match="title"):
        parse_policy(DEMO, title="另一个办法")
