"""Every award item, asked the way a visitor would ask it: two colloquial phrasings per item, each with the
facts the clause needs. Expected values are worked out by hand from the clause text (arithmetic in the
comments), never copied from the code. `as_of` is 2022-09-01, so the policy is in force (no expiry notice
is required here).
"""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path

import pytest

from assistant import Assistant, Settings

IN_FORCE = datetime.date(2022, 9, 1)
PARAMETERS = Path(__file__).resolve().parents[1] / "calculators" / "parameters.toml"
LABELS = {  # clause id -> the label the policy prints
    str(n): f"（{w}）"
    for n, w in enumerate(
        "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一".split(), start=1
    )
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return Assistant(Settings(data_dir=tmp_path_factory.mktemp("items"), dense_enabled=False))


# question, first cited clause, status, amount (元) or None, kind; id = "<item_id>-a|b"
ITEMS = [
    # ---- （一）国内发明专利：按授权所缴官方规定费用的50%
    pytest.param("我们公司拿到一件发明专利授权，授权时交的官费是3000元，政府能返多少？",
                 "1", "answered", 1_500, "exact", id="domestic_invention_patent-a"),  # 3000 × 50% = 1500
    pytest.param("我个人有2件发明专利下证了，官方费用一共花了5000块，能资助多少钱",
                 "1", "answered", 2_500, "exact", id="domestic_invention_patent-b"),  # 5000 × 50% = 2500；2件 ≤ 5件
    # ---- （二）国外发明专利：原则上不超过官费的50%（上限），最多3个国家或地区
    pytest.param("公司的发明在美国授权了，美国那边官费交了2万元，市里最多补多少？",
                 "2", "answered", 10_000, "max", id="foreign_invention_patent-a"),  # 20000 × 50% = 10000（上限）
    pytest.param("我们企业一个发明同时在日本和德国拿到专利，两国官费加起来4万，能补多少",
                 "2", "answered", 20_000, "max", id="foreign_invention_patent-b"),  # 40000 × 50% = 20000；2国 ≤ 3
    # ---- （三）高质量专利培育项目：单项最高50万元
    pytest.param("我们跟代理机构一起搞高质量专利培育中心，培育项目最多能拿多少扶持？",
                 "3", "answered", 500_000, "max", id="high_quality_patent_cultivation-a"),
    pytest.param("高质量专利培育的项目市里给多少钱支持",
                 "3", "answered", 500_000, "max", id="high_quality_patent_cultivation-b"),
    # ---- （四）地理标志证明商标或集体商标：10万元/个
    pytest.param("我们合作社注册下来一个地理标志集体商标，奖多少钱？",
                 "4", "answered", 100_000, "exact", id="gi_certification_or_collective_mark-a"),
    pytest.param("协会成功注册了2个地理标志证明商标，一共能拿多少奖励",
                 "4", "answered", 200_000, "exact", id="gi_certification_or_collective_mark-b"),  # 2 × 10万
    # ---- （四）证明商标（非地理标志）：1万元/个
    pytest.param("我们注册了一个证明商标，不是地理标志的那种，能奖多少？",
                 "4", "answered", 10_000, "exact", id="certification_mark-a"),
    pytest.param("3个普通证明商标（非地标）注册下来了，奖励一共多少",
                 "4", "answered", 30_000, "exact", id="certification_mark-b"),  # 3 × 1万
    # ---- （四）集体商标（非地理标志）：0.5万元/个
    pytest.param("行业协会注册了个集体商标，不是地理标志商标，奖励多少？",
                 "4", "answered", 5_000, "exact", id="collective_mark-a"),
    pytest.param("我们注册成功4个普通的集体商标，一共奖多少钱",
                 "4", "answered", 20_000, "exact", id="collective_mark-b"),  # 4 × 0.5万 = 2万
    # ---- （四）国家地理标志保护产品：一次性20万元
    pytest.param("我们单位的砂糖橘获批国家地理标志保护产品了，能拿多少奖励？",
                 "4", "answered", 200_000, "exact", id="gi_product_protection-a"),
    pytest.param("拿到了国家地理标志产品保护的批准，奖多少",
                 "4", "answered", 200_000, "exact", id="gi_product_protection-b"),
    # ---- （四）马德里国际商标：每指定1个国家或地区0.2万元，每件最多20个
    pytest.param("走马德里注册国际商标，指定了5个国家，能奖多少？",
                 "4", "answered", 10_000, "exact", id="madrid_trademark-a"),  # 5 × 2000
    pytest.param("我们一件马德里商标指定了25个国家和地区，能拿多少奖励",
                 "4", "answered", 40_000, "exact", id="madrid_trademark-b"),  # min(25, 20) × 2000 = 40000
    # ---- （四）市级区域品牌示范区建设项目：最高50万元
    pytest.param("我们的项目进了市级区域品牌示范区建设名单，能拿多少扶持？",
                 "4", "answered", 500_000, "max", id="regional_brand_demo_zone-a"),
    pytest.param("区域品牌示范区的建设项目最多补多少钱",
                 "4", "answered", 500_000, "max", id="regional_brand_demo_zone-b"),
    # ---- （五）作品著作权登记：200元/个，单位每年最高100件，个人每年最高50件
    pytest.param("我个人今年登记了10件作品版权，拿到了省里的登记证书，能补多少？",
                 "5", "answered", 2_000, "exact", id="copyright_registration-a"),  # 10 × 200
    pytest.param("公司今年办了120个作品著作权登记证书，资助一共多少？",
                 "5", "answered", 20_000, "exact", id="copyright_registration-b"),  # min(120, 100) × 200
    # ---- （五）广东省最具价值版权作品：2万元/个
    pytest.param("我的作品被评上了广东省最具价值版权作品，奖多少钱？",
                 "5", "answered", 20_000, "exact", id="most_valuable_copyright_work-a"),
    pytest.param("单位有两个作品获评省最具价值版权作品，奖励总共多少",
                 "5", "answered", 40_000, "exact", id="most_valuable_copyright_work-b"),  # 2 × 2万
    # ---- （五）国家版权示范园区（基地）：10万元/个
    pytest.param("我们园区被评为国家版权示范园区，奖励多少？",
                 "5", "answered", 100_000, "exact", id="national_copyright_demo_park-a"),
    pytest.param("拿到国家版权示范基地的称号能给多少钱",
                 "5", "answered", 100_000, "exact", id="national_copyright_demo_park-b"),
    # ---- （五）国家版权示范单位：5万元/个
    pytest.param("公司获评国家版权示范单位，有多少奖金？",
                 "5", "answered", 50_000, "exact", id="national_copyright_demo_unit-a"),
    pytest.param("评上了国家级的版权示范单位奖励多少",
                 "5", "answered", 50_000, "exact", id="national_copyright_demo_unit-b"),
    # ---- （五）广东省版权示范园区（基地）：5万元/个
    pytest.param("园区拿到了广东省版权示范园区称号，奖多少？",
                 "5", "answered", 50_000, "exact", id="provincial_copyright_demo_park-a"),
    pytest.param("评上省级版权示范基地有多少钱奖励",
                 "5", "answered", 50_000, "exact", id="provincial_copyright_demo_park-b"),
    # ---- （五）广东省版权示范单位：2万元/个
    pytest.param("我们单位被评为广东省版权示范单位，能奖多少？",
                 "5", "answered", 20_000, "exact", id="provincial_copyright_demo_unit-a"),
    pytest.param("成了省版权示范单位，奖励是多少钱",
                 "5", "answered", 20_000, "exact", id="provincial_copyright_demo_unit-b"),
    # ---- （六）优秀专利技术实施项目：单项最高50万元
    pytest.param("我们的优秀专利技术实施项目批下来立项了，最多扶持多少？",
                 "6", "answered", 500_000, "max", id="patent_implementation_project-a"),
    pytest.param("专利技术产业化的项目获批立项后能拿多少扶持资金",
                 "6", "answered", 500_000, "max", id="patent_implementation_project-b"),
    # ---- （七）专利交易运用：500万以上5万；100-500万2万；100万以下1%；年度不超过5万
    pytest.param("我们公司从本市一家没关系的企业买了一件专利，合同300万，国知局也备案了，能补多少",
                 "7", "answered", 20_000, "exact", id="patent_transfer_contract-a"),  # 300万在100-500万档：2万
    pytest.param("我们厂被许可使用别人的专利，许可合同50万元，已经备案，补贴多少",
                 "7", "answered", 5_000, "exact", id="patent_transfer_contract-b"),  # 500000 × 1% = 5000
    # ---- （八）质押融资贴息：实缴利息50%，每家企业年度不超过10万
    pytest.param("公司拿专利做质押贷款，列入了风险补偿，按时还本付息，今年实际付了利息8万，贴息多少？",
                 "8", "answered", 40_000, "exact", id="pledge_loan_interest-a"),  # 80000 × 50%
    pytest.param("知识产权质押融资一年交了30万利息，都按期还了，列入了风险补偿，能贴多少",
                 "8", "answered", 100_000, "exact", id="pledge_loan_interest-b"),  # 30万 × 50% = 15万 → 上限10万
    # ---- （八）专利保险：实际保费50%，每个单位年度不超过10万元
    pytest.param("我们公司买了专利保险，保费花了6万元，补贴多少？",
                 "8", "answered", 30_000, "exact", id="patent_insurance_premium-a"),  # 60000 × 50%
    pytest.param("单位今年专利险保费一共付了25万，能报多少",
                 "8", "answered", 100_000, "exact", id="patent_insurance_premium-b"),  # 25万 × 50% = 12.5万 → 10万
    # ---- （九）自主发明专利转化为国际/国家/行业标准的牵头企业：20万/15万/10万
    pytest.param("我们牵头把自己的发明专利写进了国际标准，已经发布实施了，奖多少？",
                 "9", "answered", 200_000, "exact", id="standard_international-a"),
    pytest.param("企业自有发明专利变成了国际标准，我们是牵头单位，有多少奖励",
                 "9", "answered", 200_000, "exact", id="standard_international-b"),
    pytest.param("公司牵头把发明专利转成国家标准并且发布实施了，能拿多少奖励",
                 "9", "answered", 150_000, "exact", id="standard_national-a"),
    pytest.param("我们的发明专利成了国标，是我们牵头搞的，已经发布，奖多少钱",
                 "9", "answered", 150_000, "exact", id="standard_national-b"),
    pytest.param("我们牵头把自主发明专利弄成了行业标准，已经发布实施，奖励多少？",
                 "9", "answered", 100_000, "exact", id="standard_industry-a"),
    pytest.param("企业牵头的行业标准用上了我们自己的发明专利，标准已经发布，奖多少",
                 "9", "answered", 100_000, "exact", id="standard_industry-b"),
    # ---- （十）专利导航、专利预警分析项目：单项最高20万元
    pytest.param("企业做专利导航项目，市里最多能支持多少钱？",
                 "10", "answered", 200_000, "max", id="patent_navigation_project-a"),
    pytest.param("我们公司搞专利预警分析项目，能拿多少扶持",
                 "10", "answered", 200_000, "max", id="patent_navigation_project-b"),
    # ---- （十一）新认定国家示范/国家优势/省示范企业：20万/10万/8万；市优势企业8万
    pytest.param("我们刚被认定为国家知识产权示范企业，能拿多少资助？",
                 "11", "answered", 200_000, "exact", id="national_ip_demo_enterprise-a"),
    pytest.param("新评上国家级知识产权示范企业奖多少钱",
                 "11", "answered", 200_000, "exact", id="national_ip_demo_enterprise-b"),
    pytest.param("公司今年新认定为国家知识产权优势企业，资助多少？",
                 "11", "answered", 100_000, "exact", id="national_ip_advantage_enterprise-a"),
    pytest.param("刚评上国家知识产权优势企业给多少钱",
                 "11", "answered", 100_000, "exact", id="national_ip_advantage_enterprise-b"),
    pytest.param("我们新认定了广东省知识产权示范企业，有多少资助？",
                 "11", "answered", 80_000, "exact", id="provincial_ip_demo_enterprise-a"),
    pytest.param("刚拿到省知识产权示范企业的认定，能拿多少",
                 "11", "answered", 80_000, "exact", id="provincial_ip_demo_enterprise-b"),
    pytest.param("公司刚被认定为清远市知识产权优势企业，资助多少？",
                 "11", "answered", 80_000, "exact", id="city_ip_advantage_enterprise-a"),
    pytest.param("新评上市级知识产权优势企业奖励多少钱",
                 "11", "answered", 80_000, "exact", id="city_ip_advantage_enterprise-b"),
    # ---- （十一）首次通过管理规范（贯标）并有1件以上有效发明专利：2万；首个认证周期再给3万
    pytest.param("公司第一次通过了企业知识产权管理规范认证，手上有3件有效发明专利，能拿多少？",
                 "11", "answered", 20_000, "exact", id="ip_management_standard_first-a"),
    pytest.param("我们学校首次通过高校知识产权管理规范贯标，有效发明专利有10件，资助多少",
                 "11", "answered", 20_000, "exact", id="ip_management_standard_first-b"),
    pytest.param("贯标走完了初次认证、监督审核到再认证的第一个认证周期，我们有2件有效发明专利，还能再拿多少？",
                 "11", "answered", 30_000, "exact", id="ip_management_standard_cycle-a"),  # 3万（需满足首次资助的条件）
    pytest.param("公司首次贯标后第一个认证周期已经完成，再认证也过了，名下有1件有效发明专利，再资助多少",
                 "11", "answered", 30_000, "exact", id="ip_management_standard_cycle-b"),  # 1件 ≥ 1件以上（含本数）
    # ---- （十三）国内一审、二审胜诉各2万元；境外胜诉5万元；同一申请人年度不超过10万元
    pytest.param("我们公司在国内打专利侵权官司，一审赢了，能资助多少？",
                 "13", "answered", 20_000, "exact", id="rights_first_instance_win-a"),
    pytest.param("企业有两件国内商标侵权案一审胜诉，一共资助多少",
                 "13", "answered", 40_000, "exact", id="rights_first_instance_win-b"),  # 2 × 2万 ≤ 10万
    pytest.param("公司国内的专利侵权案二审也胜诉了，二审这个能拿多少？",
                 "13", "answered", 20_000, "exact", id="rights_second_instance_win-a"),
    pytest.param("国内商标侵权官司二审打赢了，企业能补多少钱",
                 "13", "answered", 20_000, "exact", id="rights_second_instance_win-b"),
    pytest.param("我们企业在美国打赢了一场专利侵权官司，资助多少？",
                 "13", "answered", 50_000, "exact", id="rights_overseas_win-a"),
    pytest.param("公司今年在海外赢了2件商标侵权诉讼，一共能拿多少",
                 "13", "answered", 100_000, "exact", id="rights_overseas_win-b"),  # 2 × 5万 = 10万 = 上限（含本数）
    # ---- （十四）新设专利代理机构/分支机构（开展代理业务一年以上）：10万/2万
    pytest.param("我们新成立的专利代理机构，代理业务已经做满2年了，能拿多少资助？",
                 "14", "answered", 100_000, "exact", id="new_patent_agency-a"),
    pytest.param("新开的专利代理公司做代理业务一年半了，一次性给多少钱",
                 "14", "answered", 100_000, "exact", id="new_patent_agency-b"),  # 1.5年 ≥ 1年
    pytest.param("我们在清远新设了一家专利代理分支机构，开展业务满一年了，资助多少？",
                 "14", "answered", 20_000, "exact", id="new_patent_agency_branch-a"),  # 1年以上含本数
    pytest.param("代理所在本市新开的分所已经做了2年代理业务，能拿多少",
                 "14", "answered", 20_000, "exact", id="new_patent_agency_branch-b"),
    # ---- （十四）本市知识产权中介服务机构：最高30万元
    pytest.param("我们是本市的知识产权服务机构，给本地企业做代理和咨询，最多能拿多少奖励？",
                 "14", "answered", 300_000, "max", id="ip_service_agency_award-a"),
    pytest.param("知识产权中介机构营收规模大、对地方贡献也大，奖励最高多少",
                 "14", "answered", 300_000, "max", id="ip_service_agency_award-b"),
    # ---- （十五）知识产权服务机构优质服务项目：单项最高50万元
    pytest.param("我们服务机构给中小微企业做的知识产权优质服务项目批准立项了，能拿多少扶持？",
                 "15", "answered", 500_000, "max", id="public_service_project-a"),
    pytest.param("知识产权服务机构的优质服务项目立项后最多补多少钱",
                 "15", "answered", 500_000, "max", id="public_service_project-b"),
    # ---- （十六）国家知识产权试点县（园区）20万，示范县（园区）30万
    pytest.param("我们县获批创建国家知识产权试点县，市里扶持多少经费？",
                 "16", "answered", 200_000, "exact", id="national_ip_pilot_county-a"),
    pytest.param("园区获批创建国家知识产权试点园区了，能拿多少钱",
                 "16", "answered", 200_000, "exact", id="national_ip_pilot_county-b"),
    pytest.param("获批创建国家知识产权示范县，经费扶持多少？",
                 "16", "answered", 300_000, "exact", id="national_ip_demo_county-a"),
    pytest.param("我们园区被批准创建国家知识产权示范园区，市财政给多少",
                 "16", "answered", 300_000, "exact", id="national_ip_demo_county-b"),
    # ---- （十七）年度工作绩效突出的产业园区：不低于10万元
    pytest.param("我们高新区今年知识产权工作绩效突出，能拿多少工作经费奖励？",
                 "17", "answered", 100_000, "min", id="industrial_park_performance-a"),
    pytest.param("产业园区年度知识产权工作考核成绩突出，奖励多少钱",
                 "17", "answered", 100_000, "min", id="industrial_park_performance-b"),
    # ---- （十八）通过专利代理资格考试：报名费用全额资助；持证代理师服务2年以上：3000元
    pytest.param("我是清远户口，考过了专利代理师资格考试，报名费交了800元，能报销多少？",
                 "18", "answered", 800, "exact", id="patent_agent_exam_fee-a"),  # 全额：800
    pytest.param("外地人在清远上班，专利代理资格考试过了，报名花了1050块，补多少",
                 "18", "answered", 1_050, "exact", id="patent_agent_exam_fee-b"),  # 全额：1050
    pytest.param("我是持证专利代理师，在清远的代理机构干了3年了，有奖励吗，多少钱？",
                 "18", "answered", 3_000, "exact", id="patent_agent_service_award-a"),
    pytest.param("拿到专利代理师证后在本市企业上班满2年，能奖多少",
                 "18", "answered", 3_000, "exact", id="patent_agent_service_award-b"),  # 2年以上含本数
    # ---- （十九）国家级中小学知识产权教育试点/示范10万/20万；省级5万/10万
    pytest.param("我们小学被认定为国家级中小学知识产权教育试点学校，奖多少？",
                 "19", "answered", 100_000, "exact", id="national_school_ip_pilot-a"),
    pytest.param("中学评上国家级知识产权教育试点校了，能拿多少钱",
                 "19", "answered", 100_000, "exact", id="national_school_ip_pilot-b"),
    pytest.param("学校获认定国家级知识产权教育示范学校，奖励多少？",
                 "19", "answered", 200_000, "exact", id="national_school_ip_demo-a"),
    pytest.param("我们初中评上国家级中小学知识产权教育示范校，奖多少",
                 "19", "answered", 200_000, "exact", id="national_school_ip_demo-b"),
    pytest.param("我们学校被认定为省级中小学知识产权教育试点学校，有多少奖励？",
                 "19", "answered", 50_000, "exact", id="provincial_school_ip_pilot-a"),
    pytest.param("小学评上广东省知识产权教育试点学校，奖多少钱",
                 "19", "answered", 50_000, "exact", id="provincial_school_ip_pilot-b"),
    pytest.param("学校获认定省级知识产权教育示范学校，奖励多少？",
                 "19", "answered", 100_000, "exact", id="provincial_school_ip_demo-a"),
    pytest.param("我们中学成了省级中小学知识产权教育示范校，能拿多少",
                 "19", "answered", 100_000, "exact", id="provincial_school_ip_demo-b"),
]


@pytest.fixture
def item_id(request: pytest.FixtureRequest) -> str:
    """The award item a row is about, read from its id ("patent_transfer_contract-a")."""
    return request.node.callspec.id.rsplit("-", 1)[0]


def test_every_award_item_is_asked_two_ways() -> None:
    with PARAMETERS.open("rb") as f:
        items = set(tomllib.load(f)["items"])
    ids = [str(row.id) for row in ITEMS]
    assert len(items) == 45
    assert {i.rsplit("-", 1)[0] for i in ids} == items
    assert {i.rsplit("-", 1)[1] for i in ids} == {"a", "b"}
    assert len(ids) == len(set(ids)) == 90
    assert len({row.values[0] for row in ITEMS}) == 90  # no phrasing is used twice


@pytest.mark.parametrize(("question", "clause", "status", "amount", "kind"), ITEMS)
def test_item_question_is_answered_from_its_clause(
    assistant: Assistant, item_id: str, question: str, clause: str, status: str, amount: int | None, kind: str
) -> None:
    answer = assistant.ask(question, as_of=IN_FORCE)
    assert answer.status == status
    assert answer.citations and answer.citations[0].clause == clause
    assert LABELS[clause] in answer.answer
    if amount is not None:
        found = [(c.item, int(c.amount_yuan), c.kind) for c in answer.calculations]
        assert (item_id, amount, kind) in found
