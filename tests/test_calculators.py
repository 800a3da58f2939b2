"""Award calculators, one table per award item, rows just below, at and above every threshold.

Every expected amount is worked out by hand from the policy text; the arithmetic is in the row's comment.
Thresholds are inclusive (closing: 本办法所称以上、最高、不低于、不超过等均包含本数). Amounts are yuan.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from calculators import (
    InvalidInput,
    MissingFacts,
    OutsidePolicy,
    PolicyError,
    calculate,
    combine,
    load_parameters,
    period_of,
    validity_notices,
    yuan,
)

CJK = re.compile(r"[\u4e00-\u9fff]")


def check(item_id: str, facts: dict, expected, clause_id: str, kind: str = "exact"):
    """Calculate and assert amount, kind, clause and that the steps explain it."""
    result = calculate(item_id, facts)
    assert (result.amount_yuan, result.kind, result.clause) == (Decimal(expected), kind, clause_id)
    assert result.item == item_id
    assert result.steps and all(result.steps)
    return result


def said(result) -> str:
    return "".join(result.steps)


# ------------------------------------------------------------------ （一）国内发明专利授权：官费的50%，个人年度≤5件
CLAUSE_1 = [  # 官方规定费用, 件数, 申请人, 本年已获资助件数 → 资助
    pytest.param(10_000, 1, "enterprise", 0, 5_000, id="50% of fees"),  # 10000×50%
    pytest.param("8765.43", 1, "enterprise", 0, "4382.72", id="fen rounding half up"),  # 4382.715 → 4382.72 (README)
    pytest.param(1_000_000, 100, "enterprise", 0, 500_000, id="enterprise: no count limit"),  # 1000000×50%
    pytest.param(60_000, 6, "enterprise", 10, 30_000, id="enterprise: earlier patents do not count"),  # 60000×50%
    pytest.param(60_000, 6, "unit", 0, 30_000, id="unit: no count limit"),  # 个人 only is limited
    pytest.param(40_000, 4, "individual", 0, 20_000, id="individual 4 patents"),  # 40000×50%
    pytest.param(50_000, 5, "individual", 0, 25_000, id="individual exactly 5 patents"),  # 不超过5件 含本数
    pytest.param(60_000, 6, "individual", 0, 25_000, id="individual 6 patents: 5 funded"),  # 60000×5/6=50000, ×50%
    pytest.param(10_000, 1, "individual", 4, 5_000, id="individual 5th patent this year"),  # 4+1=5 ≤ 5
    pytest.param(10_000, 1, "individual", 5, 0, id="individual already funded 5 this year"),  # 5+1 > 5: 0 room
    pytest.param(30_000, 3, "individual", 3, 10_000, id="individual 3 funded, 3 more: 2 funded"),  # 30000×2/3=20000, ×50%
]


@pytest.mark.parametrize(("fees", "patents", "applicant", "funded", "expected"), CLAUSE_1)
def test_clause_1_domestic_invention_patent(fees, patents, applicant, funded, expected):
    facts = {"official_fees_yuan": fees, "patents": patents, "applicant": applicant, "funded_this_year": funded}
    check("domestic_invention_patent", facts, expected, "1")


def test_clause_1_says_why_a_sixth_patent_is_not_funded():
    facts = {"official_fees_yuan": 60_000, "patents": 6, "applicant": "individual"}
    assert "5件" in said(calculate("domestic_invention_patent", facts))


# ------------------------------------------------------------------ （二）国外发明专利：不超过官费的50%，最多3个国家或地区
CLAUSE_2 = [  # 官方规定费用, 国家或地区数 → 资助上限 (kind max: 具体金额由市知识产权局另行发布)
    pytest.param(30_000, 1, 15_000, id="1 country"),  # 30000×50%
    pytest.param(60_000, 2, 30_000, id="2 countries"),  # 60000×50%
    pytest.param(90_000, 3, 45_000, id="exactly 3 countries"),  # 最多3个 含本数
    pytest.param(120_000, 4, 45_000, id="4 countries: 3 funded"),  # equal fees assumed: 120000×3/4=90000, ×50%
]


@pytest.mark.parametrize(("fees", "countries", "expected"), CLAUSE_2)
def test_clause_2_foreign_invention_patent(fees, countries, expected):
    facts = {"official_fees_yuan": fees, "countries": countries}
    check("foreign_invention_patent", facts, expected, "2", kind="max")


# ------------------------------------------------------------------ （四）商标、地理标志、马德里、区域品牌
CLAUSE_4 = [  # 项目, 事实, 奖励, kind
    pytest.param("gi_certification_or_collective_mark", {"marks": 1}, 100_000, "exact", id="GI mark 10wan each"),
    pytest.param("gi_certification_or_collective_mark", {"marks": 3}, 300_000, "exact", id="3 GI marks"),  # 3×10万
    pytest.param("certification_mark", {"marks": 1}, 10_000, "exact", id="certification mark 1wan"),
    pytest.param("certification_mark", {"marks": 2}, 20_000, "exact", id="2 certification marks"),  # 2×1万
    pytest.param("collective_mark", {"marks": 1}, 5_000, "exact", id="collective mark 0.5wan"),
    pytest.param("collective_mark", {"marks": 4}, 20_000, "exact", id="4 collective marks"),  # 4×0.5万
    pytest.param("gi_product_protection", {}, 200_000, "exact", id="GI product 20wan once"),
    pytest.param("madrid_trademark", {"countries": 1}, 2_000, "exact", id="Madrid 1 country"),  # 1×0.2万
    pytest.param("madrid_trademark", {"countries": 19}, 38_000, "exact", id="Madrid 19 countries"),  # 19×2000
    pytest.param("madrid_trademark", {"countries": 20}, 40_000, "exact", id="Madrid exactly 20"),  # 20×2000 含本数
    pytest.param("madrid_trademark", {"countries": 21}, 40_000, "exact", id="Madrid 21: 20 counted"),  # 最多20个
    pytest.param("madrid_trademark", {"countries": 20, "marks": 2}, 80_000, "exact", id="Madrid 2 marks x 20"),  # 每件20
    pytest.param("madrid_trademark", {"countries": 25, "marks": 3}, 120_000, "exact", id="Madrid 3 marks x 25"),  # 3×20×2000
    pytest.param("regional_brand_demo_zone", {}, 500_000, "max", id="regional brand up to 50wan"),  # 最高50万元
]


@pytest.mark.parametrize(("item_id", "facts", "expected", "kind"), CLAUSE_4)
def test_clause_4_trademarks_and_regional_brands(item_id, facts, expected, kind):
    check(item_id, facts, expected, "4", kind)


def test_clause_4_madrid_says_20_countries_per_mark():
    assert "20" in said(calculate("madrid_trademark", {"countries": 21}))


# ------------------------------------------------------------------ （五）著作权登记200元/个（单位≤100件、个人≤50件/年）及版权奖励
CLAUSE_5_REGISTRATION = [  # 作品数, 申请人, 本年已获资助件数 → 资助
    pytest.param(1, "unit", 0, 200, id="unit 1 work"),  # 1×200
    pytest.param(99, "unit", 0, 19_800, id="unit 99 works"),  # 99×200
    pytest.param(100, "unit", 0, 20_000, id="unit exactly 100"),  # 最高为100件 含本数
    pytest.param(101, "unit", 0, 20_000, id="unit 101: 100 funded"),  # 100×200
    pytest.param(101, "enterprise", 0, 20_000, id="enterprise is a unit: 100 funded"),  # 企业 = 单位
    pytest.param(20, "unit", 90, 2_000, id="unit 90 funded already, 20 more"),  # 100-90=10, 10×200
    pytest.param(5, "unit", 100, 0, id="unit already at 100"),  # 0 room
    pytest.param(49, "individual", 0, 9_800, id="individual 49"),  # 49×200
    pytest.param(50, "individual", 0, 10_000, id="individual exactly 50"),  # 最高为50件 含本数
    pytest.param(51, "individual", 0, 10_000, id="individual 51: 50 funded"),  # 50×200
    pytest.param(10, "individual", 45, 1_000, id="individual 45 funded, 10 more"),  # 50-45=5, 5×200
]


@pytest.mark.parametrize(("works", "applicant", "funded", "expected"), CLAUSE_5_REGISTRATION)
def test_clause_5_copyright_registration(works, applicant, funded, expected):
    facts = {"works": works, "applicant": applicant, "funded_this_year": funded}
    check("copyright_registration", facts, expected, "5")


def test_clause_5_says_the_yearly_limit():
    assert "100件" in said(calculate("copyright_registration", {"works": 101}))


CLAUSE_5_AWARDS = [  # 项目, 事实 → 奖励
    pytest.param("most_valuable_copyright_work", {"works": 1}, 20_000, id="most valuable work 2wan"),
    pytest.param("most_valuable_copyright_work", {"works": 2}, 40_000, id="2 most valuable works"),  # 2×2万
    pytest.param("national_copyright_demo_park", {}, 100_000, id="national demo park 10wan"),
    pytest.param("national_copyright_demo_unit", {}, 50_000, id="national demo unit 5wan"),
    pytest.param("provincial_copyright_demo_park", {}, 50_000, id="provincial demo park 5wan"),
    pytest.param("provincial_copyright_demo_unit", {}, 20_000, id="provincial demo unit 2wan"),
]


@pytest.mark.parametrize(("item_id", "facts", "expected"), CLAUSE_5_AWARDS)
def test_clause_5_copyright_awards(item_id, facts, expected):
    check(item_id, facts, expected, "5")


# ------------------------------------------------------------------ （七）专利交易运用：500万以上5万；100-500万2万；100万以下1%；年度≤5万
CLAUSE_7 = [  # 合同金额, 本年已获, 补助
    pytest.param(0, 0, 0, id="0: 1% of nothing"),
    pytest.param("123456.78", 0, "1234.57", id="1% rounded to the fen"),  # 1234.5678 → 1234.57
    pytest.param(500_000, 0, 5_000, id="50wan: 1%"),  # 500000×1%
    pytest.param(999_900, 0, 9_999, id="99.99wan: 1%"),  # 999900×1%
    pytest.param(1_000_000, 0, 20_000, id="exactly 100wan: 2wan, flagged"),  # 100-500万元 档 (note names 1万)
    pytest.param(1_000_001, 0, 20_000, id="just above 100wan: 2wan"),
    pytest.param(4_999_900, 0, 20_000, id="499.99wan: 2wan"),
    pytest.param(5_000_000, 0, 50_000, id="exactly 500wan: 5wan"),  # 500万元以上 含本数
    pytest.param(5_010_000, 0, 50_000, id="501wan: 5wan"),
    pytest.param(8_000_000, 40_000, 10_000, id="cap: 4wan granted already"),  # 5万-4万
    pytest.param(8_000_000, 50_000, 0, id="cap reached"),  # 5万-5万
    pytest.param(8_000_000, 60_000, 0, id="granted above cap"),  # never negative
    pytest.param(999_900, 45_000, 5_000, id="1% tier, capped"),  # 9999 > 5万-4.5万=5000
    pytest.param(999_900, 40_001, 9_999, id="1% tier, exactly at cap"),  # 40001+9999=5万 不超过 含本数
    pytest.param(2_000_000, 30_000, 20_000, id="2wan tier, exactly at cap"),  # 3万+2万=5万
    pytest.param(2_000_000, 30_001, 19_999, id="2wan tier, 1 yuan over cap"),  # 5万-30001
]


@pytest.mark.parametrize(("contract", "granted", "expected"), CLAUSE_7)
def test_clause_7_patent_transfer_contract(contract, granted, expected):
    facts = {"contract_yuan": contract, "granted_this_year_yuan": granted}
    check("patent_transfer_contract", facts, expected, "7")


def test_clause_7_names_the_other_reading_at_100wan():
    result = calculate("patent_transfer_contract", {"contract_yuan": 1_000_000})
    assert "1万元" in "".join(result.notes)  # 100万元以下 按1% = 1万元


def test_clause_7_500wan_note_says_inclusive():
    assert "包含本数" in "".join(calculate("patent_transfer_contract", {"contract_yuan": 5_000_000}).notes)


def test_clause_7_no_note_away_from_the_boundaries():
    assert calculate("patent_transfer_contract", {"contract_yuan": 2_000_000}).notes == ()


def test_clause_7_cap_step_names_the_5wan_cap():
    facts = {"contract_yuan": 8_000_000, "granted_this_year_yuan": 40_000}
    assert "5万元" in said(calculate("patent_transfer_contract", facts))


def test_clause_7_to_dict_matches_the_interface():
    result = calculate("patent_transfer_contract", {"contract_yuan": 1_200_000}).to_dict()
    # 120万 in 100-500万元 → 2万元 (INTERFACES.md example)
    assert (result["item"], result["clause"], result["amount_yuan"], result["kind"]) == (
        "patent_transfer_contract",
        "7",
        20_000,
        "exact",
    )
    assert result["inputs"] == {"contract_yuan": 1_200_000}
    assert result["steps"]


def test_clause_7_is_for_enterprises_only():
    with pytest.raises(OutsidePolicy):
        calculate("patent_transfer_contract", {"contract_yuan": 2_000_000, "applicant": "individual"})


# ------------------------------------------------------------------ （八）质押融资贴息、专利保险：50%，年度≤10万
CLAUSE_8 = [  # 项目, 实缴利息或保费, 本年已获 → 补助
    pytest.param("pledge_loan_interest", 100_000, 0, 50_000, id="interest 50%"),  # 100000×50%
    pytest.param("pledge_loan_interest", 199_998, 0, 99_999, id="interest just below cap"),  # 199998×50%
    pytest.param("pledge_loan_interest", 200_000, 0, 100_000, id="interest exactly at cap"),  # 不超过10万 含本数
    pytest.param("pledge_loan_interest", 200_002, 0, 100_000, id="interest above cap"),  # 100001 → 10万
    pytest.param("pledge_loan_interest", 1_000_000, 0, 100_000, id="interest far above cap"),
    pytest.param("pledge_loan_interest", 100_000, 50_000, 50_000, id="interest earlier grant, fits"),  # 5万+5万=10万
    pytest.param("pledge_loan_interest", 100_000, 60_000, 40_000, id="interest earlier grant, capped"),  # 10万-6万
    pytest.param("pledge_loan_interest", 20_000, 100_000, 0, id="interest cap reached"),
    pytest.param("patent_insurance_premium", 10_000, 0, 5_000, id="premium 50%"),  # 10000×50%
    pytest.param("patent_insurance_premium", 199_998, 0, 99_999, id="premium just below cap"),
    pytest.param("patent_insurance_premium", 200_000, 0, 100_000, id="premium exactly at cap"),
    pytest.param("patent_insurance_premium", 300_000, 0, 100_000, id="premium above cap"),  # 150000 → 10万
    pytest.param("patent_insurance_premium", 100_000, 70_000, 30_000, id="premium earlier grant, capped"),  # 10万-7万
    pytest.param("patent_insurance_premium", 100_000, 100_000, 0, id="premium cap reached"),
]


@pytest.mark.parametrize(("item_id", "paid", "granted", "expected"), CLAUSE_8)
def test_clause_8_interest_and_insurance(item_id, paid, granted, expected):
    base = "interest_yuan" if item_id == "pledge_loan_interest" else "premium_yuan"
    check(item_id, {base: paid, "granted_this_year_yuan": granted}, expected, "8")


def test_clause_8_cap_step_names_the_10wan_cap():
    assert "10万元" in said(calculate("pledge_loan_interest", {"interest_yuan": 300_000}))


# ------------------------------------------------------------------ （九）标准：国际20万、国家15万、行业10万
CLAUSE_9 = [
    pytest.param("standard_international", 200_000, id="international 20wan"),
    pytest.param("standard_national", 150_000, id="national 15wan"),
    pytest.param("standard_industry", 100_000, id="industry 10wan"),
]


@pytest.mark.parametrize(("item_id", "expected"), CLAUSE_9)
def test_clause_9_standards(item_id, expected):
    check(item_id, {}, expected, "9")


# ------------------------------------------------------------------ （十一）示范/优势企业、贯标
CLAUSE_11 = [  # 项目, 事实 → 资助
    pytest.param("national_ip_demo_enterprise", {}, 200_000, id="national demo enterprise 20wan"),
    pytest.param("national_ip_advantage_enterprise", {}, 100_000, id="national advantage enterprise 10wan"),
    pytest.param("provincial_ip_demo_enterprise", {}, 80_000, id="provincial demo enterprise 8wan"),
    pytest.param("city_ip_advantage_enterprise", {}, 80_000, id="city advantage enterprise 8wan"),
    pytest.param("ip_management_standard_first", {"valid_invention_patents": 0}, 0, id="standard: 0 patents -> 0"),
    pytest.param("ip_management_standard_first", {"valid_invention_patents": 1}, 20_000, id="standard: exactly 1 patent"),
    pytest.param("ip_management_standard_first", {"valid_invention_patents": 7}, 20_000, id="standard: 7 patents"),
    pytest.param("ip_management_standard_first", {}, 20_000, id="standard: count unknown, assumed met"),
    pytest.param("ip_management_standard_cycle", {"valid_invention_patents": 1}, 30_000, id="cycle: 3wan more"),
    # Lead's reading: 再给予 builds on the first award, so its 1件以上 condition applies too.
    pytest.param("ip_management_standard_cycle", {"valid_invention_patents": 0}, 0, id="cycle: 0 patents -> 0"),
]


@pytest.mark.parametrize(("item_id", "facts", "expected"), CLAUSE_11)
def test_clause_11_enterprises_and_management_standards(item_id, facts, expected):
    check(item_id, facts, expected, "11")


def test_clause_11_says_the_1_patent_condition():
    zero = said(calculate("ip_management_standard_first", {"valid_invention_patents": 0}))
    assume = said(calculate("ip_management_standard_first", {}))
    assert "1件以上" in zero and "假设" in assume


def test_clause_11_first_award_plus_cycle_is_5wan():
    both = combine([calculate("ip_management_standard_first"), calculate("ip_management_standard_cycle")])
    assert both.total_yuan == 50_000  # 2万 + 再给予3万


# ------------------------------------------------------------------ （十三）维权：一审、二审胜诉各2万；境外胜诉5万；同一申请人年度≤10万
CLAUSE_13 = [  # 项目, 胜诉案件数 → 资助 (one item alone, under the shared cap)
    pytest.param("rights_first_instance_win", 1, 20_000, id="first instance 2wan"),
    pytest.param("rights_first_instance_win", 2, 40_000, id="2 first-instance wins"),  # 2×2万
    pytest.param("rights_first_instance_win", 5, 100_000, id="5 first-instance wins: exactly 10wan"),  # 5×2万
    pytest.param("rights_second_instance_win", 1, 20_000, id="second instance 2wan"),
    pytest.param("rights_second_instance_win", 3, 60_000, id="3 second-instance wins"),  # 3×2万
    pytest.param("rights_overseas_win", 1, 50_000, id="overseas 5wan"),
    pytest.param("rights_overseas_win", 2, 100_000, id="2 overseas wins: exactly 10wan"),  # 2×5万
]


@pytest.mark.parametrize(("item_id", "cases", "expected"), CLAUSE_13)
def test_clause_13_rights_protection_wins(item_id, cases, expected):
    check(item_id, {"cases": cases}, expected, "13")


def test_clause_13_one_item_alone_stays_under_the_10wan_cap():
    assert calculate("rights_overseas_win", {"cases": 3}).amount_yuan == 100_000  # min(3×5万, 10万)


def test_clause_13_counts_what_was_granted_earlier_this_year():
    facts = {"cases": 1, "granted_this_year_yuan": 90_000}
    assert calculate("rights_first_instance_win", facts).amount_yuan == 10_000  # min(2万, 10万-9万)


# ------------------------------------------------------------------ （十四）代理机构：一年以上 10万/2万；中介服务机构最高30万
CLAUSE_14 = [  # 项目, 事实 → 资助, kind
    pytest.param("new_patent_agency", {"years_operating": "0.5"}, 0, "exact", id="agency half a year -> 0"),
    pytest.param("new_patent_agency", {"years_operating": "0.99"}, 0, "exact", id="agency 0.99 years -> 0"),
    pytest.param("new_patent_agency", {"years_operating": 1}, 100_000, "exact", id="agency exactly 1 year"),  # 一年以上 含本数
    pytest.param("new_patent_agency", {"years_operating": 3}, 100_000, "exact", id="agency 3 years"),
    pytest.param("new_patent_agency_branch", {"years_operating": "0.5"}, 0, "exact", id="branch half a year -> 0"),
    pytest.param("new_patent_agency_branch", {"years_operating": 1}, 20_000, "exact", id="branch exactly 1 year"),
    pytest.param("ip_service_agency_award", {}, 300_000, "max", id="service agency up to 30wan"),  # 最高30万元
]


@pytest.mark.parametrize(("item_id", "facts", "expected", "kind"), CLAUSE_14)
def test_clause_14_service_agencies(item_id, facts, expected, kind):
    check(item_id, facts, expected, "14", kind)


# ------------------------------------------------------------------ （十六）试点县20万、示范县30万，县按不低于1:1配套
CLAUSE_16 = [  # 项目 → 扶持, 配套下限
    pytest.param("national_ip_pilot_county", 200_000, "不低于20万元", id="pilot county 20wan, match >= 20wan"),
    pytest.param("national_ip_demo_county", 300_000, "不低于30万元", id="demo county 30wan, match >= 30wan"),
]


@pytest.mark.parametrize(("item_id", "expected", "matching"), CLAUSE_16)
def test_clause_16_counties_and_their_matching_funds(item_id, expected, matching):
    result = check(item_id, {}, expected, "16")
    assert "1:1" in said(result) and matching in said(result)  # 1:1 → county funds ≥ the city's amount


def test_clause_16_traditional_knowledge_counties_follow_the_same_standard():
    assert "传统知识产权保护试点示范县扶持参照上述标准执行" in calculate("national_ip_pilot_county").conditions


# ------------------------------------------------------------------ （十七）园区绩效：不低于10万
def test_clause_17_industrial_park_at_least_10wan():
    check("industrial_park_performance", {}, 100_000, "17", kind="min")


# ------------------------------------------------------------------ （十八）代理资格考试报名费全额；代理师服务2年以上3000元
CLAUSE_18 = [  # 项目, 事实 → 资助
    pytest.param("patent_agent_exam_fee", {"exam_fee_yuan": 550}, 550, id="exam fee in full"),  # 全额资助
    pytest.param("patent_agent_exam_fee", {"exam_fee_yuan": "1234.5"}, "1234.5", id="exam fee with jiao"),
    pytest.param("patent_agent_service_award", {"years_served": "1.9"}, 0, id="agent 1.9 years -> 0"),
    pytest.param("patent_agent_service_award", {"years_served": 2}, 3_000, id="agent exactly 2 years"),  # 2年以上 含本数
    pytest.param("patent_agent_service_award", {"years_served": 10}, 3_000, id="agent 10 years: once"),  # 一次性
]


@pytest.mark.parametrize(("item_id", "facts", "expected"), CLAUSE_18)
def test_clause_18_patent_agents(item_id, facts, expected):
    check(item_id, facts, expected, "18")


# ------------------------------------------------------------------ （十九）中小学：国家级试点10万、示范20万；省级试点5万、示范10万
CLAUSE_19 = [
    pytest.param("national_school_ip_pilot", 100_000, id="national pilot school 10wan"),
    pytest.param("national_school_ip_demo", 200_000, id="national demo school 20wan"),
    pytest.param("provincial_school_ip_pilot", 50_000, id="provincial pilot school 5wan"),
    pytest.param("provincial_school_ip_demo", 100_000, id="provincial demo school 10wan"),
]


@pytest.mark.parametrize(("item_id", "expected"), CLAUSE_19)
def test_clause_19_schools(item_id, expected):
    check(item_id, {}, expected, "19")


# ------------------------------------------------------------------ 最高 X: ceilings, decided by review
CEILINGS = [  # 项目, 条款 → 最高
    pytest.param("high_quality_patent_cultivation", "3", 500_000, id="3 cultivation up to 50wan"),
    pytest.param("regional_brand_demo_zone", "4", 500_000, id="4 regional brand up to 50wan"),
    pytest.param("patent_implementation_project", "6", 500_000, id="6 implementation up to 50wan"),
    pytest.param("patent_navigation_project", "10", 200_000, id="10 navigation up to 20wan"),
    pytest.param("ip_service_agency_award", "14", 300_000, id="14 service agency up to 30wan"),
    pytest.param("public_service_project", "15", 500_000, id="15 public service up to 50wan"),
]


@pytest.mark.parametrize(("item_id", "clause_id", "expected"), CEILINGS)
def test_ceilings_are_maxima(item_id, clause_id, expected):
    result = check(item_id, {}, expected, clause_id, kind="max")
    assert "最高" in said(result)


# ------------------------------------------------------------------ dates: 2021-02-10..2023-12-31; 国内专利授权 back to 2020-01-18
OUT = OutsidePolicy
DATES = [  # 项目, 事件日期 → 金额 or OutsidePolicy; note expected
    pytest.param("domestic_invention_patent", "2020-01-17", OUT, None, id="1: day before retroactive start"),
    pytest.param("domestic_invention_patent", "2020-01-18", 5_000, "就高不重复", id="1: first retroactive day"),
    pytest.param("domestic_invention_patent", "2021-02-09", 5_000, "就高不重复", id="1: last retroactive day"),
    pytest.param("domestic_invention_patent", "2021-02-10", 5_000, None, id="1: first day in force"),
    pytest.param("domestic_invention_patent", "2023-12-31", 5_000, None, id="1: last day in force"),
    pytest.param("domestic_invention_patent", "2024-01-01", OUT, None, id="1: day after expiry"),
    pytest.param("patent_transfer_contract", "2020-01-17", OUT, None, id="7: 2020-01-17"),
    pytest.param("patent_transfer_contract", "2020-01-18", OUT, None, id="7: not retroactive"),
    pytest.param("patent_transfer_contract", "2021-02-09", OUT, None, id="7: day before in force"),
    pytest.param("patent_transfer_contract", "2021-02-10", 20_000, None, id="7: first day in force"),
    pytest.param("patent_transfer_contract", "2023-12-31", 20_000, None, id="7: last day in force"),
    pytest.param("patent_transfer_contract", "2024-01-01", OUT, None, id="7: day after expiry"),
    pytest.param("foreign_invention_patent", "2020-06-01", OUT, None, id="2: foreign grants not retroactive"),
    pytest.param("madrid_trademark", "2020-06-01", OUT, None, id="4: trademarks not retroactive"),
]
BASE_FACTS = {
    "domestic_invention_patent": {"official_fees_yuan": 10_000},  # 10000×50% = 5000
    "patent_transfer_contract": {"contract_yuan": 2_000_000},  # 100-500万元 → 2万元
    "foreign_invention_patent": {"official_fees_yuan": 10_000},
    "madrid_trademark": {"countries": 1},
}


@pytest.mark.parametrize(("item_id", "day", "expected", "note"), DATES)
def test_event_dates(item_id, day, expected, note):
    facts = {**BASE_FACTS[item_id], "event_date": day}
    if expected is OUT:
        with pytest.raises(OutsidePolicy) as caught:
            calculate(item_id, facts)
        assert CJK.search(caught.value.user_message)
        assert "市市场监管局（市知识产权局）" in caught.value.user_message
        return
    result = calculate(item_id, facts)
    assert result.amount_yuan == expected
    notes = "".join(result.notes)
    assert (note in notes) if note else ("就高不重复" not in notes)


def test_event_date_may_be_a_date_object():
    facts = {"contract_yuan": 2_000_000, "event_date": dt.date(2023, 12, 31)}
    assert calculate("patent_transfer_contract", facts).amount_yuan == 20_000


PERIODS = [  # 项目, 日期 → 期间
    pytest.param("domestic_invention_patent", dt.date(2020, 1, 17), "before", id="1 2020-01-17"),
    pytest.param("domestic_invention_patent", dt.date(2020, 1, 18), "retroactive", id="1 2020-01-18"),
    pytest.param("domestic_invention_patent", dt.date(2021, 2, 10), "in_force", id="1 2021-02-10"),
    pytest.param("patent_transfer_contract", dt.date(2020, 1, 18), "before", id="7 2020-01-18"),
    pytest.param("patent_transfer_contract", dt.date(2023, 12, 31), "in_force", id="7 2023-12-31"),
    pytest.param("patent_transfer_contract", dt.date(2024, 1, 1), "after", id="7 2024-01-01"),
]


@pytest.mark.parametrize(("item_id", "day", "period"), PERIODS)
def test_period_of(item_id, day, period):
    assert period_of(item_id, day, load_parameters()) == period


NOTICES = [  # 提问日期 → 提示中的关键词
    pytest.param(dt.date(2021, 2, 9), "尚未生效", id="before in force"),
    pytest.param(dt.date(2022, 6, 1), "有效期至2023年12月31日", id="in force"),
    pytest.param(dt.date(2023, 12, 31), "有效期至2023年12月31日。", id="last day: not expired"),
    pytest.param(dt.date(2024, 1, 1), "已届满", id="day after: expired"),
    pytest.param(dt.date(2026, 11, 28), "已届满", id="today 2026-11-28: expired"),
]


@pytest.mark.parametrize(("as_of", "phrase"), NOTICES)
def test_validity_notices(as_of, phrase):
    notices = "".join(validity_notices(as_of, load_parameters()))
    assert phrase in notices
    assert ("已届满" in notices) == (as_of > dt.date(2023, 12, 31))


# ------------------------------------------------------------------ combine(): several awards, shared caps
C = calculate
COMBINE = [  # calculations → total after caps, phrase the cap step names (None: no cap bites)
    pytest.param(
        lambda: [C("rights_overseas_win", {"cases": 1}), C("rights_first_instance_win", {"cases": 2}),
                 C("rights_second_instance_win", {"cases": 1})],
        100_000, "10万元", id="13: 5+4+2=11wan -> 10wan"),
    # A single item over the shared cap is capped by calculate() itself (its own steps), so combine has nothing to cut.
    pytest.param(lambda: [C("rights_overseas_win", {"cases": 3})], 100_000, None, id="13: 3 overseas 15wan -> 10wan"),
    pytest.param(lambda: [C("rights_first_instance_win", {"cases": 5})], 100_000, None, id="13: exactly 10wan, no cut"),
    pytest.param(
        lambda: [C("rights_first_instance_win", {"cases": 1}), C("rights_second_instance_win", {"cases": 1}),
                 C("rights_overseas_win", {"cases": 1})],
        90_000, None, id="13: 2+2+5=9wan under cap"),
    pytest.param(
        lambda: [C("rights_overseas_win", {"cases": 2}), C("rights_first_instance_win", {"cases": 1})],
        100_000, "10万元", id="13: 10+2=12wan -> 10wan"),
    pytest.param(
        lambda: [C("rights_overseas_win", {"cases": 1}), C("standard_industry")],
        150_000, None, id="13 cap does not touch clause 9"),  # 5万 + 10万
    pytest.param(
        lambda: [C("gi_certification_or_collective_mark", {"marks": 1}), C("standard_national"),
                 C("patent_transfer_contract", {"contract_yuan": 2_000_000})],
        270_000, None, id="different items add up"),  # 10万 + 15万 + 2万
    pytest.param(
        lambda: [C("patent_transfer_contract", {"contract_yuan": 3_000_000}),
                 C("patent_transfer_contract", {"contract_yuan": 6_000_000})],
        50_000, "5万元", id="7: two contracts 2+5 -> 5wan"),
    pytest.param(
        lambda: [C("patent_transfer_contract", {"contract_yuan": 3_000_000, "granted_this_year_yuan": 40_000}),
                 C("patent_transfer_contract", {"contract_yuan": 6_000_000, "granted_this_year_yuan": 40_000})],
        10_000, "5万元", id="7: two contracts after 4wan granted -> 1wan"),  # 5万-4万
    pytest.param(
        lambda: [C("patent_navigation_project"), C("gi_product_protection")],
        200_000, None, id="a ceiling stays out of the total"),  # 最高20万 is not an amount due; 20万 is
]


@pytest.mark.parametrize(("calcs", "total", "cap_phrase"), COMBINE)
def test_combine(calcs, total, cap_phrase):
    combined = combine(calcs())
    assert combined.total_yuan == total
    exact = [c.amount_yuan for c in combined.calculations if c.kind == "exact"]
    assert sum(exact) == total and all(a >= 0 for a in exact)
    steps = "".join(combined.steps)
    if cap_phrase:
        assert "不超过" + cap_phrase in steps
    else:
        assert "不超过" not in steps
    if len(combined.calculations) > 1:
        assert "合计" in steps


def test_combine_of_ceilings_only_has_no_total():
    assert combine([C("patent_navigation_project"), C("public_service_project")]).total_yuan is None


# ------------------------------------------------------------------ bad input → a PolicyError with a Chinese message
BAD = [  # 项目, 事实 → 错误类型
    pytest.param("patent_transfer_contract", {"contract_yuan": -1}, InvalidInput, id="negative contract"),
    pytest.param("patent_transfer_contract", {"contract_yuan": "abc"}, InvalidInput, id="text contract"),
    pytest.param("patent_transfer_contract", {"contract_yuan": True}, InvalidInput, id="bool contract"),
    pytest.param("patent_transfer_contract", {"contract_yuan": 1e308}, InvalidInput, id="1e308 contract"),
    pytest.param("patent_transfer_contract", {"contract_yuan": float("inf")}, InvalidInput, id="inf contract"),
    pytest.param("patent_transfer_contract", {"contract_yuan": float("nan")}, InvalidInput, id="nan contract"),
    pytest.param("patent_transfer_contract", {"contract_yuan": 2_000_000, "granted_this_year_yuan": -5},
                 InvalidInput, id="negative granted"),
    pytest.param("pledge_loan_interest", {"interest_yuan": -100}, InvalidInput, id="negative interest"),
    pytest.param("madrid_trademark", {"countries": 1_000_000_000}, InvalidInput, id="10yi countries"),
    pytest.param("madrid_trademark", {"countries": "2.5"}, InvalidInput, id="half a country"),
    pytest.param("madrid_trademark", {"countries": True}, InvalidInput, id="bool countries"),
    pytest.param("gi_certification_or_collective_mark", {"marks": -1}, InvalidInput, id="negative marks"),
    pytest.param("copyright_registration", {"works": 10, "applicant": "alien"}, InvalidInput, id="unknown applicant"),
    pytest.param("copyright_registration", {"works": 10, "funded_this_year": -1}, InvalidInput, id="negative funded"),
    pytest.param("patent_transfer_contract", {"contract_yuan": 1, "event_date": "2022-13-45"}, InvalidInput,
                 id="impossible date"),
    pytest.param("patent_transfer_contract", {"contract_yuan": 1, "event_date": "yesterday"}, InvalidInput,
                 id="date as words"),
    pytest.param("no_such_item", {}, InvalidInput, id="unknown item id"),
    pytest.param("patent_transfer_contract", {"contract_yuan": 1, "patents": 1}, InvalidInput, id="unknown fact"),
    pytest.param("patent_transfer_contract", {}, MissingFacts, id="missing contract"),
    pytest.param("patent_transfer_contract", {"contract_yuan": ""}, MissingFacts, id="empty contract"),
    pytest.param("new_patent_agency", {"years_operating": -1}, InvalidInput, id="negative years"),
    pytest.param("patent_agent_service_award", {"years_served": 1000}, InvalidInput, id="1000 years served"),
]


@pytest.mark.parametrize(("item_id", "facts", "error"), BAD)
def test_bad_input_raises_a_policy_error_in_chinese(item_id, facts, error):
    with pytest.raises(error) as caught:
        calculate(item_id, facts)
    assert isinstance(caught.value, PolicyError)
    assert CJK.search(caught.value.user_message)


UNHASHABLE = [  # facts arrive as JSON-ish values; a list or a signalling NaN must not crash `value in APPLICANTS`
    pytest.param({"works": 1, "applicant": ["individual"]}, id="applicant as a list"),
    pytest.param({"works": 1, "applicant": Decimal("sNaN")}, id="applicant as sNaN"),
]


@pytest.mark.parametrize("facts", UNHASHABLE)
def test_unhashable_applicant_is_invalid_input(facts):
    with pytest.raises(InvalidInput) as caught:
        calculate("copyright_registration", facts)
    assert CJK.search(caught.value.user_message)


ZERO_COUNTS = [  # a count of 0 where the calculator needs at least one unit
    pytest.param("madrid_trademark", {"countries": 0}, id="Madrid 0 countries"),
    pytest.param("madrid_trademark", {"countries": 5, "marks": 0}, id="Madrid 0 marks"),
    pytest.param("gi_certification_or_collective_mark", {"marks": 0}, id="0 GI marks"),
    pytest.param("rights_overseas_win", {"cases": 0}, id="0 overseas wins"),
    pytest.param("copyright_registration", {"works": 0}, id="0 works"),
    pytest.param("domestic_invention_patent", {"official_fees_yuan": 10_000, "patents": 0}, id="fees for 0 patents"),
]


@pytest.mark.parametrize(("item_id", "facts"), ZERO_COUNTS)
def test_zero_where_a_count_is_needed_is_invalid(item_id, facts):
    with pytest.raises(InvalidInput) as caught:
        calculate(item_id, facts)
    assert CJK.search(caught.value.user_message)


MISSING = [  # 项目 → 缺少的事实, 追问里的关键词
    pytest.param("patent_transfer_contract", "contract_yuan", "合同金额", id="7 contract"),
    pytest.param("domestic_invention_patent", "official_fees_yuan", "官方规定费用", id="1 fees"),
    pytest.param("foreign_invention_patent", "official_fees_yuan", "官方规定费用", id="2 fees"),
    pytest.param("madrid_trademark", "countries", "国家或地区", id="4 countries"),
    pytest.param("copyright_registration", "works", "作品", id="5 works"),
    pytest.param("pledge_loan_interest", "interest_yuan", "利息", id="8 interest"),
    pytest.param("patent_insurance_premium", "premium_yuan", "保费", id="8 premium"),
    pytest.param("patent_agent_exam_fee", "exam_fee_yuan", "报名费", id="18 exam fee"),
]


@pytest.mark.parametrize(("item_id", "missing", "phrase"), MISSING)
def test_missing_fact_asks_a_chinese_follow_up(item_id, missing, phrase):
    with pytest.raises(MissingFacts) as caught:
        calculate(item_id, {})
    err = caught.value
    assert (err.item, err.missing) == (item_id, missing)
    assert phrase in err.follow_up and err.follow_up.endswith("？")
    assert CJK.search(err.user_message)


# ------------------------------------------------------------------ how answers write money
YUAN = [
    pytest.param(20_000, "2万元", id="2wan"),
    pytest.param(5_000, "5000元", id="0.5wan as 5000"),
    pytest.param(125_000, "12.5万元", id="12.5wan"),
    pytest.param(Decimal("1234.56"), "1234.56元", id="fen"),
    pytest.param(9_999, "9999元", id="below 1wan"),
    pytest.param(10_000, "1万元", id="exactly 1wan"),
]


@pytest.mark.parametrize(("amount", "text"), YUAN)
def test_yuan(amount, text):
    assert yuan(amount) == text


# ------------------------------------------------------------------ yearly ceilings (最多能补多少 before the facts)
YEARLY_CEILINGS = [  # 项目 → 年度最高 (元) or None when the policy sets no yearly cap
    pytest.param("patent_transfer_contract", 50_000, id="7: 5wan per enterprise per year"),
    pytest.param("pledge_loan_interest", 100_000, id="8: interest 10wan per year"),
    pytest.param("patent_insurance_premium", 100_000, id="8: premium 10wan per year"),
    pytest.param("rights_overseas_win", 100_000, id="13: shared 10wan per applicant per year"),
    pytest.param("domestic_invention_patent", None, id="1: no yearly amount cap"),
    # （四）每指定1个国家0.2万元，每件最多20个：20 × 2000 = 40000 per mark
    pytest.param("madrid_trademark", 40_000, id="4: Madrid 0.2wan x 20 per mark"),
    # （五）200元/个，同一单位每年最高100件：100 × 200 = 20000
    pytest.param("copyright_registration", 20_000, id="5: 200 x 100 a year for a unit"),
]


def test_an_individuals_copyright_ceiling_counts_50_works():
    from calculators import yearly_ceiling

    result = yearly_ceiling("copyright_registration", applicant="individual")  # 同一个人每年最高50件：50 × 200
    assert result is not None and result.amount_yuan == 10_000


@pytest.mark.parametrize(("item_id", "ceiling"), YEARLY_CEILINGS)
def test_yearly_ceiling_is_the_cap_the_clause_sets(item_id, ceiling):
    from calculators import yearly_ceiling

    result = yearly_ceiling(item_id)
    if ceiling is None:
        assert result is None
    else:
        assert result is not None and (result.amount_yuan, result.kind) == (ceiling, "max") and result.steps
