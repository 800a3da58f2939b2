"""The general rules that read a question, each tested apart on varied cases: negation scope, conditions
said met or failed, roles in a transaction, places, and lawsuit outcomes per instance. None of these rows
is a sentence some router pattern was written for; each is a way of saying the thing."""

from __future__ import annotations

import pytest

from assistant.understand.conditions import read_conditions
from assistant.understand.intents import scope_of
from assistant.understand.normalize import clean
from assistant.understand.outcomes import read_outcomes
from assistant.understand.roles import (
    applicant_locality,
    household_locality,
    read_applicant,
    transaction,
    workplace_locality,
)

NEGATION = [  # text, the phrase (its first occurrence, or "phrase@n" for the n-th), polarity
    pytest.param("已备案", "备案", "asserted", id="plain"),
    pytest.param("没有备案", "备案", "negated", id="mei you"),
    pytest.param("合同还没有到国家知识产权局办理登记备案", "登记备案", "negated", id="long distance in the clause"),
    pytest.param("不是没有备案", "备案", "asserted", id="double negation"),
    pytest.param("有没有备案我不清楚", "备案", "open", id="a question decides nothing"),
    pytest.param("备案还没办", "备案", "negated", id="negated after the phrase"),
    pytest.param("备案了吗", "备案", "open", id="asked after the phrase"),
    pytest.param("本市非关联企业", "关联", "negated", id="fei"),
    pytest.param("一家无关联企业", "关联", "negated", id="wu"),
    pytest.param("对方跟我们没关联", "关联", "negated", id="gen ... mei"),
    pytest.param("对方也不是关联企业", "关联", "negated", id="bu shi"),
    pytest.param("并非没有关联", "关联", "asserted", id="bing fei mei you"),
    pytest.param("与我公司不存在关联关系", "关联", "negated", id="bu cun zai"),
    pytest.param("合同不超过5万的关联交易", "关联", "asserted", id="a comparison is no negation"),
    pytest.param("无锡的关联公司", "关联", "asserted", id="a place name is no negation"),
    pytest.param("不知道是不是关联企业", "关联", "open", id="doubt"),
    pytest.param("非地理标志的证明商标", "地理标志", "negated", id="scope: the nearest phrase"),
    pytest.param("非地理标志的证明商标", "证明商标", "asserted", id="scope ends at the first phrase"),
    pytest.param("既不是证明商标也不是集体商标", "证明商标", "negated", id="first of two negated"),
    pytest.param("既不是证明商标也不是集体商标", "集体商标", "negated", id="second of two negated"),
    pytest.param("证明商标不属于地理标志商标", "地理标志", "negated", id="bu shu yu"),
    pytest.param("证明商标并非地理标志商标", "地理标志", "negated", id="bing fei"),
    pytest.param("没有备案，但对方是关联企业", "关联", "asserted", id="a clause boundary stops the cue"),
    pytest.param("没备案的专利转让", "转让", "asserted", id="the cue stops at the first phrase"),
    pytest.param("分别转化为一项国际标准", "标准", "asserted", id="fen bie is no bie"),
    pytest.param("没有备案 关联企业", "关联", "asserted", id="a space between words is a clause boundary"),
]


@pytest.mark.parametrize(("text", "phrase", "expected"), NEGATION)
def test_negation_reaches_the_nearest_phrase(text, phrase, expected):
    text = clean(text)
    start = text.index(phrase)
    assert scope_of(text).polarity(start, start + len(phrase)) == expected


CONDITIONS = [  # award, question, condition, state
    pytest.param("patent_transfer_contract", "合同120万，已备案", "recorded", "met", id="recorded"),
    pytest.param("patent_transfer_contract", "合同120万，还没去备案", "recorded", "failed", id="not recorded"),
    pytest.param("patent_transfer_contract", "合同120万", "recorded", "unsaid", id="unsaid is not failed"),
    pytest.param("patent_transfer_contract", "是不是要先备案？", "recorded", "open", id="asked"),
    pytest.param("patent_transfer_contract", "已经备案了，哦不对，还没备案", "recorded", "conflict", id="both said"),
    pytest.param("patent_transfer_contract", "从我们的子公司受让的", "unrelated", "failed", id="subsidiary"),
    pytest.param("patent_transfer_contract", "对方和我们没有任何关系", "unrelated", "met", id="no relation at all"),
    pytest.param("patent_transfer_contract", "卖方与我们无关", "unrelated", "met", id="wu guan"),
    pytest.param("pledge_loan_interest", "贷款逾期了两个月", "repaid_on_time", "failed", id="overdue"),
    pytest.param("pledge_loan_interest", "一直按期还款付息", "repaid_on_time", "met", id="on time"),
    pytest.param("pledge_loan_interest", "没有列入风险补偿", "risk_listed", "failed", id="not listed"),
    pytest.param("standard_national", "我们只是参编单位", "standard_lead", "failed", id="co-drafter"),
    pytest.param("standard_national", "我们不是牵头单位", "standard_lead", "failed", id="not the lead"),
    pytest.param("standard_national", "国标还在征求意见", "standard_published", "failed", id="draft"),
    pytest.param("ip_management_standard_first", "这是第二次通过贯标", "first_pass", "failed", id="second pass"),
    pytest.param("national_ip_demo_enterprise", "复核通过了（不是新认定）", "newly_recognised", "failed", id="review"),
    pytest.param("rights_first_instance_win", "著作权侵权案一审胜诉", "case_object", "failed", id="copyright case"),
    pytest.param("rights_first_instance_win", "专利侵权一审输了", "won", "failed", id="lost"),
    pytest.param("rights_second_instance_win", "一审输了二审赢了", "won", "met", id="won on appeal"),
    pytest.param("rights_first_instance_win", "专利侵权案和解了", "won", "failed", id="settled"),
    pytest.param("patent_agent_exam_fee", "考了没考过", "exam_passed", "failed", id="not passed"),
    pytest.param("national_school_ip_pilot", "我们是高职院校", "primary_school", "failed", id="vocational college"),
    pytest.param("patent_transfer_contract", "我们把专利卖给了一家本市企业", "receiving_side", "failed", id="seller"),
    pytest.param("patent_transfer_contract", "本市一家公司把专利许可给我们", "receiving_side", "met", id="licensee"),
    pytest.param("patent_transfer_contract", "从深圳一家公司受让专利", "local_counterparty", "failed", id="from shenzhen"),
    pytest.param("patent_transfer_contract", "从清城区一家企业受让", "local_counterparty", "met", id="district is local"),
    pytest.param("patent_transfer_contract", "对方不是本市的企业", "local_counterparty", "failed", id="not local"),
    pytest.param("copyright_registration", "我们是注册在广州的公司", "local_applicant", "failed", id="applicant elsewhere"),
    pytest.param("patent_agent_service_award", "在广州的代理机构上班三年", "local_service", "failed", id="works elsewhere"),
    pytest.param("patent_agent_exam_fee", "我在广州工作，户口也不在清远", "residency", "failed", id="neither home nor work"),
    pytest.param("patent_agent_exam_fee", "户口不在清远，但在清远上班", "residency", "met", id="works here"),
    pytest.param("patent_agent_exam_fee", "户口不在清远", "residency", "unsaid", id="work not said"),
    pytest.param("standard_industry", "用的是我们的实用新型专利，不是发明专利", "own_patent", "failed", id="utility model"),
    pytest.param("standard_national", "用我们自己的发明专利牵头制定", "own_patent", "met", id="own invention"),
    pytest.param("standard_national", "国家标准发布了", "own_patent", "unsaid", id="patent not said"),
    pytest.param("copyright_registration", "证书是中国版权保护中心发的", "guangdong_registry", "failed", id="national centre"),
    pytest.param("copyright_registration", "不是广东省版权局发的", "guangdong_registry", "failed", id="not guangdong"),
    pytest.param("copyright_registration", "广东省版权局登记的证书", "guangdong_registry", "met", id="guangdong"),
]


@pytest.mark.parametrize(("item", "question", "condition", "state"), CONDITIONS)
def test_conditions_are_read_with_their_polarity(item, question, condition, state):
    states = {s.id: s.state for s in read_conditions(item, clean(question))}
    assert states[condition] == state


ROLES = [  # question, the asker's side
    pytest.param("我们从本市一家公司受让了专利", "receiver", id="cong X shou rang"),
    pytest.param("清新区一家公司把专利许可给我们用", "receiver", id="X xu ke gei wo men"),
    pytest.param("我们把专利卖给了佛冈一家企业", "giver", id="wo men ba ... mai gei X"),
    pytest.param("我们许可给佛冈一家企业使用", "giver", id="wo men xu ke gei X"),
    pytest.param("我们是转让方", "giver", id="role noun"),
    pytest.param("我们不是转让方，是受让方", "receiver", id="negated role noun"),
    pytest.param("清远企业被许可实施广州一家公司的专利", "receiver", id="bei xu ke"),
    pytest.param("我们转让了一件专利", None, id="bare zhuan rang says no direction"),
]


@pytest.mark.parametrize(("question", "role"), ROLES)
def test_roles_come_from_the_verb_frame(question, role):
    assert transaction(clean(question)).role == role


APPLICANTS = [  # question, who applies (None: not said)
    pytest.param("我们是清远市XX小学，学生1500人，被认定为示范学校", "school", id="names itself; a head count is not the asker"),
    pytest.param("我司受让了一件专利", "enterprise", id="wo si"),
    pytest.param("本人考过了专利代理师", "individual", id="ben ren"),
    pytest.param("我们单位的作品登记证书有20件", "unit", id="wo men dan wei"),
    pytest.param("许可方是一所跟我们没有关联的大学，我们公司是被许可方", "enterprise", id="we as an object are not the asker"),
    pytest.param("我们从清远一家公司受让了专利", None, id="the seller is not the asker"),
    pytest.param("合同3k从一个个人手里买了专利，我们公司已备案", "enterprise", id="the individual sold it"),
    pytest.param("打算请机构给我们做专利预警分析", None, id="a provider is not the asker"),
    pytest.param("我在本市企业上班，考了代理师", "individual", id="a workplace is not the asker"),
    pytest.param("公司的发明专利授权了，个人5件的限制管不管我们", "enterprise", id="first kind named"),
    pytest.param("个人申请的发明专利", "individual", id="ge ren"),
    pytest.param("企业自有发明专利变成了国际标准，我们是牵头单位", "enterprise", id="a role noun says no kind"),
    pytest.param("我们单位获评示范企业", "unit", id="dan wei says no kind"),
    pytest.param("我们大学受让了专利", "unit", id="a university says no kind: never refused for it"),
    pytest.param("我们是事业单位", "institution", id="shi ye dan wei says it is no enterprise"),
    pytest.param("我们是清远大学科技园有限公司，被新认定", "enterprise", id="the head of the noun phrase"),
    pytest.param("我们是民营医院（有限责任公司）", "enterprise", id="the head inside brackets"),
    pytest.param("我们是研究所下属的企业", "enterprise", id="xia shu de qi ye"),
    pytest.param("我们公司去年清城区一家事业单位把专利许可给我们", "enterprise", id="another phrase is not the head"),
    pytest.param("我们产业园区年度工作绩效突出，园区内企业很多", "park", id="a park names itself"),
    pytest.param("产业园区一家企业受让了专利", "enterprise", id="a firm in a park"),
    pytest.param("我是大学老师，个人名下授权了6件发明专利", "individual", id="ming xia says whose"),
    pytest.param("我是清远一家企业的员工，个人申请的6件", "individual", id="an employee asks for himself"),
    pytest.param("如果被许可的是个人，不是企业呢？许可方还是清远的非关联企业", "individual",
                 id="the licensor's kind is not the asker's"),
]


@pytest.mark.parametrize(("question", "who"), APPLICANTS)
def test_the_applicant_is_who_the_asker_is_not_another_party(question, who):
    assert read_applicant(clean(question)) == who


def test_a_seller_asking_for_its_buyer_is_not_denied():
    deal = transaction(clean("我们学校把专利转让给清远一家企业，企业那边能拿多少？"))
    assert deal.role == "giver" and deal.for_receiver


PLACES = [  # reader, question, (local?, words)
    pytest.param(applicant_locality, "我们是注册在广州的公司", (False, "广州"), id="applicant in guangzhou"),
    pytest.param(applicant_locality, "我公司（清远企业）", (True, "清远"), id="applicant in qingyuan"),
    pytest.param(workplace_locality, "喺清远一间代理机构做咗两年半", (True, "清远"), id="cantonese hai"),
    pytest.param(household_locality, "外地户口", (False, "外地"), id="household elsewhere"),
    pytest.param(household_locality, "户口不在清远", (False, "清远"), id="household negated"),
]


@pytest.mark.parametrize(("reader", "question", "expected"), PLACES)
def test_places_attach_to_the_party_they_describe(reader, question, expected):
    assert reader(clean(question)) == expected


OUTCOMES = [  # question, (first, second, overall, settled)
    pytest.param("一审输了二审赢了", (False, True, None, False), id="lost then won"),
    pytest.param("一审胜诉，对方上诉后二审改判我们败诉", (True, False, None, False), id="won then reversed"),
    pytest.param("一审我们赢了，对方上诉被驳回维持原判", (True, True, None, False), id="won then upheld"),
    pytest.param("二审改判我们胜诉", (None, True, None, False), id="reversed for us"),
    pytest.param("打赢了一场专利侵权官司", (None, None, True, False), id="no instance said"),
    pytest.param("一审没赢", (False, None, None, False), id="negated win is a loss"),
    pytest.param("案子最后和解了", (None, None, None, True), id="settled"),
    pytest.param("我们的起诉被驳回了", (False, None, None, False), id="our claim dismissed"),
]


@pytest.mark.parametrize(("question", "expected"), OUTCOMES)
def test_outcomes_per_instance(question, expected):
    text = clean(question)
    o = read_outcomes(text, scope_of(text))
    assert (o.first, o.second, o.overall, o.settled) == expected


TYPOS = [  # as typed, as read, the corrections reported
    pytest.param("发明专力授权了", "发明专利授权了", [("发明专力", "发明专利")], id="zhuan li"),
    pytest.param("国家知识产权忧势企业", "国家知识产权优势企业", [("忧势企业", "优势企业")], id="you shi"),
    pytest.param("在省版权局等级了130个作品", "在省版权局登记了130个作品", [("等级", "登记")],
                 id="a word itself, beside a domain term"),
    pytest.param("马德理商标", "马德里商标", [("马德理", "马德里")], id="ma de li"),
    pytest.param("贯表通过了", "贯标通过了", [("贯表", "贯标")], id="guan biao"),
    pytest.param("买了专利保线", "买了专利保险", [("保线", "保险")], id="bao xian"),
    pytest.param("质压融资的风险补尝", "质押融资的风险补偿", [("质压", "质押"), ("风险补尝", "风险补偿")], id="two"),
    pytest.param("有时候我们也受让专利", "有时候我们也受让专利", [], id="a common word stays"),
    pytest.param("自主研发的发明专利", "自主研发的发明专利", [], id="zi zhu is not zi zhu"),
    pytest.param("以个人名义申请的", "以个人名义申请的", [], id="no slip across two words (yi shen)"),
    pytest.param("会议审议通过", "会议审议通过", [], id="no slip across two words (yi shen again)"),
]


ENGLISH = [  # as typed, as read
    pytest.param("我们company got 一件 invention patent", "我们公司 got 一件 发明专利", id="mixed in"),
    pytest.param("GI证明商标 1个", "地理标志证明商标 1个", id="an abbreviation"),
    pytest.param("official fee 2,600 RMB", "官费 2,600 元", id="a fee and its currency"),
    pytest.param("Patent License contract", "专利 许可 合同", id="any case"),
    pytest.param("120w的合同，3k的官费", "120w的合同，3k的官费", id="figures are the number reader's"),
    pytest.param("patented", "patented", id="whole words only"),
]


@pytest.mark.parametrize(("typed", "read"), ENGLISH)
def test_english_domain_words_are_read_as_the_policys_words(typed, read):
    from assistant.understand.typos import read_english

    text, fixes = read_english(typed)
    assert text == read
    assert all(written.lower() in typed.lower() for written, _ in fixes)


@pytest.mark.parametrize(("question", "item"), [
    ("在台湾获得发明专利授权（是台湾的专利，不是国外的），官费6000元", "domestic_invention_patent"),
    ("在美国获得发明专利授权，官费6000元", "foreign_invention_patent"),
    ("国内和美国都授权了，美国那件官费6000元", "foreign_invention_patent"),
])  # fmt: skip
def test_a_negated_mention_does_not_veto(question, item):
    from assistant.understand.intents import match_items

    assert item in {m.item for m in match_items(clean(question))}


@pytest.mark.parametrize(("typed", "read", "fixes"), TYPOS)
def test_typos_of_domain_words_are_read_by_sound(typed, read, fixes):
    from assistant.understand.typos import correct

    assert correct(typed) == (read, tuple(fixes))


# An agency's own award (第（十四）条) against an agency named as who filed or asks for a client; 持证服务满N年
# names the agent's award; 翻译 is a service the policy does not fund. Each row a different way of saying it.
AGENCY_OR_CLIENT = [
    pytest.param("新设立的专利代理机构开展业务满一年，能拿多少", "new_patent_agency", id="the agency's own"),
    pytest.param("我们新成立的代理所客户很多，开展业务一年了，能拿多少", "new_patent_agency", id="clients said in passing"),
    pytest.param("新设分所开展业务满一年了，客户多，能补多少", "new_patent_agency_branch", id="a branch with clients"),
    pytest.param("客户委托我们代理的专利授权了，官费3000元", "domestic_invention_patent", id="filed for a client"),
    pytest.param("我们代理所给清远一家企业代理的发明专利授权了，官费1450元", "domestic_invention_patent", id="gei qi ye dai li"),
    pytest.param("我们代理机构帮客户问：受让专利合同120万补多少", "patent_transfer_contract", id="asks for a client"),
    pytest.param("她持证服务满两年了", "patent_agent_service_award", id="chi zheng fu wu man"),
    pytest.param("持证执业已满3年", "patent_agent_service_award", id="chi zheng zhi ye"),
    pytest.param("我持证在清远工作了2年", "patent_agent_service_award", id="chi zheng gong zuo"),
]  # fmt: skip


@pytest.mark.parametrize(("question", "item"), AGENCY_OR_CLIENT)
def test_an_agency_named_for_a_client_is_no_question_about_its_own_award(question, item):
    from assistant.understand.intents import match_items

    assert [m.item for m in match_items(clean(question))] == [item]


@pytest.mark.parametrize("question", ["帮我把专利文件翻译成英文多少钱", "专利说明书翻译能补贴吗", "商标翻译费能报吗"])
def test_translation_is_a_service_the_policy_does_not_fund(question):
    from assistant.understand.intents import out_of_scope_topic

    assert out_of_scope_topic(clean(question)) is not None
