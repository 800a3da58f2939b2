"""Properties the policy implies for every input, not just the table rows (hypothesis).

（七）: the tiers (1% below 100万 ≤ 1万 < 2万 < 5万) make the subsidy non-decreasing in the contract
amount, the jump at 100万 included (9,999.99 → 20,000); never above 5万 a year, never negative.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import PolicyError, calculate, combine, input_specs, load_parameters

FEW = settings(max_examples=150, deadline=None)
CJK = re.compile(r"[\u4e00-\u9fff]")
WAN = 10_000

BOUNDARY_YUAN = st.sampled_from([Decimal(v) for v in ("0", "0.01", "999999.99", "1000000", "4999999.99", "5000000")])
CONTRACTS = st.one_of(BOUNDARY_YUAN, st.decimals(min_value=0, max_value=10**10, places=2))
GRANTED = st.one_of(st.sampled_from([Decimal(v) for v in (0, 40_000, 45_000, 50_000, 60_000)]),
                    st.decimals(min_value=0, max_value=200_000, places=2))


def fen(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def clause_7(contract: Decimal, granted: Decimal = Decimal(0)) -> Decimal:
    facts = {"contract_yuan": contract, "granted_this_year_yuan": granted}
    return calculate("patent_transfer_contract", facts).amount_yuan


@FEW
@given(contract=CONTRACTS, granted=GRANTED)
def test_clause_7_never_negative_never_above_the_yearly_room(contract, granted):
    amount = clause_7(contract, granted)
    assert 0 <= amount <= 5 * WAN
    assert amount <= max(5 * WAN - granted, 0)  # 单个企业年度获补助金额不超过5万元 (含已获)


@FEW
@given(contract=CONTRACTS)
def test_clause_7_tiers_are_inclusive_at_their_lower_bound(contract):
    amount = clause_7(contract)
    if contract >= 500 * WAN:  # 500万元以上 含本数
        assert amount == 5 * WAN
    elif contract >= 100 * WAN:  # 100-500万元 (100万 read into this tier; see the boundary note)
        assert amount == 2 * WAN
    else:  # 100万元以下 按1%
        assert amount == fen(contract / 100) <= 1 * WAN


@FEW
@given(a=CONTRACTS, b=CONTRACTS, granted=GRANTED)
def test_clause_7_more_contract_never_means_less_subsidy(a, b, granted):
    low, high = sorted((a, b))
    assert clause_7(low, granted) <= clause_7(high, granted)


@FEW
@given(contract=CONTRACTS, less=GRANTED, more=GRANTED)
def test_clause_7_more_granted_already_never_means_more_now(contract, less, more):
    less, more = sorted((less, more))
    assert clause_7(contract, more) <= clause_7(contract, less)


@FEW
@given(contracts=st.lists(CONTRACTS, min_size=1, max_size=4))
def test_clause_7_several_contracts_in_a_year_total_at_most_5wan(contracts):
    combined = combine([calculate("patent_transfer_contract", {"contract_yuan": c}) for c in contracts])
    alone = sum(clause_7(c) for c in contracts)
    assert combined.total_yuan == min(alone, 5 * WAN)


@FEW
@given(
    item_id=st.sampled_from(["pledge_loan_interest", "patent_insurance_premium"]),
    paid=st.decimals(min_value=0, max_value=10**9, places=2),
    granted=GRANTED,
)
def test_clause_8_half_of_what_was_paid_within_10wan_a_year(item_id, paid, granted):
    base = "interest_yuan" if item_id == "pledge_loan_interest" else "premium_yuan"
    amount = calculate(item_id, {base: paid, "granted_this_year_yuan": granted}).amount_yuan
    assert amount == min(fen(paid / 2), max(10 * WAN - granted, 0))  # 50%，年度不超过10万 含已获


@FEW
@given(
    fees=st.decimals(min_value=0, max_value=10**8, places=2),
    patents=st.integers(1, 50),
    applicant=st.sampled_from(["enterprise", "unit", "individual"]),
    funded=st.integers(0, 10),
)
def test_clause_1_half_the_fees_and_at_most_5_patents_a_year_for_individuals(fees, patents, applicant, funded):
    facts = {"official_fees_yuan": fees, "patents": patents, "applicant": applicant, "funded_this_year": funded}
    amount = calculate("domestic_invention_patent", facts).amount_yuan
    if applicant != "individual":  # 个人 only is limited to 5件
        assert amount == fen(fees / 2)
    else:  # equal fees per patent assumed: at most (5 - funded) of `patents` are paid for
        funded_now = min(patents, max(5 - funded, 0))
        assert abs(amount - fees * funded_now / patents / 2) <= Decimal("0.005")
    assert 0 <= amount <= fen(fees / 2)


@FEW
@given(works=st.integers(1, 500), applicant=st.sampled_from(["unit", "individual"]), funded=st.integers(0, 150))
def test_clause_5_200_yuan_a_work_within_the_yearly_count(works, applicant, funded):
    facts = {"works": works, "applicant": applicant, "funded_this_year": funded}
    limit = 50 if applicant == "individual" else 100  # 同一个人50件、同一单位100件 (含本数)
    amount = calculate("copyright_registration", facts).amount_yuan
    assert amount == 200 * min(works, max(limit - funded, 0))


@FEW
@given(countries=st.integers(1, 250), marks=st.integers(1, 20))
def test_clause_4_madrid_2000_a_country_at_most_20_a_mark(countries, marks):
    amount = calculate("madrid_trademark", {"countries": countries, "marks": marks}).amount_yuan
    assert amount == 2_000 * min(countries, 20) * marks


@FEW
@given(first=st.integers(0, 8), second=st.integers(0, 8), overseas=st.integers(0, 5))
def test_clause_13_wins_in_a_year_total_at_most_10wan(first, second, overseas):
    counts = {"rights_first_instance_win": first, "rights_second_instance_win": second, "rights_overseas_win": overseas}
    calcs = [calculate(i, {"cases": n}) for i, n in counts.items() if n]
    if not calcs:
        return
    total = combine(calcs).total_yuan
    assert total == min(2 * WAN * (first + second) + 5 * WAN * overseas, 10 * WAN)  # 同一申请人年度不超过10万元


IN_FORCE = st.dates(dt.date(2021, 2, 10), dt.date(2023, 12, 31))
ANY_DAY = st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31))


@FEW
@given(day=ANY_DAY)
def test_clause_7_applies_exactly_within_the_validity_period(day):
    facts = {"contract_yuan": 2_000_000, "event_date": day}
    try:
        amount = calculate("patent_transfer_contract", facts).amount_yuan
    except PolicyError as err:
        assert not dt.date(2021, 2, 10) <= day <= dt.date(2023, 12, 31)
        assert CJK.search(err.user_message)
    else:
        assert dt.date(2021, 2, 10) <= day <= dt.date(2023, 12, 31) and amount == 2 * WAN


@FEW
@given(day=ANY_DAY)
def test_clause_1_also_covers_grants_back_to_2020_01_18(day):
    facts = {"official_fees_yuan": 10_000, "event_date": day}
    covered = dt.date(2020, 1, 18) <= day <= dt.date(2023, 12, 31)
    try:
        result = calculate("domestic_invention_patent", facts)
    except PolicyError:
        assert not covered
    else:
        assert covered and result.amount_yuan == 5_000
        assert ("就高不重复" in "".join(result.notes)) == (day < dt.date(2021, 2, 10))


ITEMS = sorted(load_parameters().items)
GARBAGE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=True),
    st.text(max_size=6),
    st.sampled_from(["enterprise", "unit", "individual", "2022-06-01", "2024-01-01", "1e3", "-0", "１２"]),
    IN_FORCE,
)


@settings(max_examples=300, deadline=None)
@given(item_id=st.sampled_from(ITEMS), data=st.data())
def test_any_facts_give_a_calculation_or_a_chinese_policy_error(item_id, data):
    """Bad input gets a clear Chinese message, never a traceback; a result is never negative."""
    specs = input_specs(load_parameters().item(item_id))
    facts = {s.name: data.draw(GARBAGE, label=s.name) for s in specs if data.draw(st.booleans())}
    try:
        result = calculate(item_id, facts)
    except PolicyError as err:
        assert CJK.search(err.user_message)
    else:
        assert result.amount_yuan >= 0 and result.steps
        item = load_parameters().item(item_id)
        if item.shape in ("ceiling", "floor"):
            assert result.amount_yuan == item.amount
