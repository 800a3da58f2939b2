"""Code-health checks on calculators/parameters.toml: every number sits beside a verbatim quote of its clause."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from calculators import load_parameters
from calculators.shapes import SHAPES
from corpus import clause

PARAMS = load_parameters()
ITEMS = list(PARAMS.items.values())
ITEM_IDS = [pytest.param(i, id=i.id) for i in ITEMS]


def items_with(field: str) -> list[object]:
    """The items that set `field` (amount, rate, annual_cap …), one test case each."""
    return [pytest.param(i, id=i.id) for i in ITEMS if getattr(i, field) is not None]
CALCULATOR_TESTS = (Path(__file__).parent / "test_calculators.py").read_text(encoding="utf-8")
CN_DIGITS = "一二三四五六七八九十"


def flat(clause_id: str) -> str:
    """A clause's text as one line: quotes may run across its paragraph break."""
    return clause(clause_id).text.replace("\n", "")


def written(amount: Decimal) -> list[str]:
    """How the policy writes an amount of yuan: 0.5万元 → 0.5万, 3000元, 200元 (regexes)."""
    wan = format((amount / 10_000).normalize(), "f")
    return [rf"(?<![\d.]){re.escape(wan)}万", rf"(?<![\d.]){int(amount)}元"]


def appears(amount: Decimal, text: str) -> bool:
    return any(re.search(pattern, text) for pattern in written(amount))


def test_there_are_45_award_items():
    # 1+1+1+6+6 (clauses 1-5) + 1+1+2+3+1+6 (6-11) + 3 (13) + 3+1 (14-15) + 2+1 (16-17) + 2+4 (18-19) = 45
    assert len(ITEMS) == 45


@pytest.mark.parametrize("item", ITEM_IDS)
def test_item_cites_a_real_award_clause(item):
    assert item.clause in {str(n) for n in range(1, 20)}  # awards sit in （一）..（十九）
    assert item.name and item.quote


@pytest.mark.parametrize("item", ITEM_IDS)
def test_item_quote_is_verbatim_in_its_clause(item):
    assert item.quote in flat(item.clause)


@pytest.mark.parametrize("item", ITEM_IDS)
def test_item_shape_has_a_calculator_and_its_kind_matches_the_wording(item):
    assert item.shape in SHAPES
    if item.shape == "ceiling":  # 最高 X: a ceiling
        assert (item.kind, "最高" in item.quote) == ("max", True)
    elif item.shape == "floor":  # 不低于 X: a floor
        assert (item.kind, "不低于" in item.quote) == ("min", True)
    elif item.kind == "max":  # 原则上…不超过50%
        assert "不超过" in item.quote
    else:
        assert item.kind == "exact"


@pytest.mark.parametrize("item", items_with("amount"))
def test_item_amount_is_written_in_its_quote(item):
    # e.g. 10万元/个 → 100000; 0.5万元/个 → 5000; 3000元 → 3000; 200元/个 → 200
    assert item.amount == item.amount.to_integral_value() and item.amount > 0  # whole yuan
    assert appears(item.amount, item.quote), (item.id, item.amount)


@pytest.mark.parametrize("item", items_with("rate"))
def test_item_rate_is_written_in_its_quote(item):
    assert f"{item.rate * 100:f}".rstrip("0").rstrip(".") + "%" in item.quote  # 0.5 → 50%


@pytest.mark.parametrize("item", items_with("annual_cap"))
def test_item_annual_cap_is_written_in_its_quote(item):
    # （七）不超过5万元 → 50000; （八）不超过10万 → 100000
    assert re.search(r"不超过", item.quote)
    assert appears(item.annual_cap, item.quote.split("不超过")[-1])


def test_clause_7_tiers_match_the_text():
    item = PARAMS.item("patent_transfer_contract")
    # 500万元以上 → 一次性5万; 100-500万元 → 一次性2万元; 100万元以下 → 1%
    assert [(t.at_least, t.fixed, t.rate) for t in item.tiers] == [
        (5_000_000, 50_000, 0),
        (1_000_000, 20_000, 0),
        (0, 0, Decimal("0.01")),
    ]
    assert {b.at for b in item.boundaries} == {1_000_000, 5_000_000}
    for phrase in ("500万元以上的一次性补助5万", "100-500万元以下的一次性补助2万元", "100万元以下的按1%"):
        assert phrase in item.quote


@pytest.mark.parametrize(
    ("item_id", "field", "value", "phrase"),
    [
        pytest.param("domestic_invention_patent", "count_limits", {"individual": 5}, "个人年度获资助专利数量不超过5件", id="1 individual 5"),
        pytest.param("foreign_invention_patent", "count_limits", {"any": 3}, "最多资助3个外国国家或地区", id="2 three countries"),
        pytest.param("copyright_registration", "yearly_limits", {"unit": 100, "individual": 50}, "单位每年受资助的作品数量最高为100件", id="5 unit 100"),
        pytest.param("copyright_registration", "yearly_limits", {"unit": 100, "individual": 50}, "个人每年受资助的作品数量最高为50件", id="5 individual 50"),
    ],
)
def test_count_limits_match_the_text(item_id, field, value, phrase):
    item = PARAMS.item(item_id)
    assert dict(getattr(item, field)) == value
    assert phrase in item.quote


def test_madrid_per_mark_limit_is_20_countries():
    item = PARAMS.item("madrid_trademark")
    assert (item.amount, item.per_item_limit) == (2_000, 20)  # 每指定1个国家或地区 0.2万元；每件最多不超过20个
    assert "每件最多不超过20个国家或地区" in item.quote


@pytest.mark.parametrize("item", items_with("requires"))
def test_requirement_threshold_is_written_in_the_clause(item):
    # 拥有1件以上有效发明专利；开展代理业务一年以上；服务2年以上 — written with digits or 一..十
    req = item.requires
    numbers = (str(req.at_least), CN_DIGITS[req.at_least - 1])
    assert any(f"{n}{req.unit}以上" in flat(item.clause) for n in numbers), item.id


@pytest.mark.parametrize("item", items_with("matching_ratio"))
def test_matching_ratio_is_written_in_clause_16(item):
    assert (item.clause, item.matching_ratio) == ("16", 1)
    assert "不低于1:1配套" in flat("16")


@pytest.mark.parametrize("clause_id", [str(n) for n in range(1, 20)])
def test_every_amount_in_an_award_clause_is_in_the_parameters(clause_id):
    """No figure of （一）..（十九） is left out of parameters.toml (unquantified items have none)."""
    text = flat(clause_id)
    in_text = {Decimal(m) * 10_000 for m in re.findall(r"(\d+(?:\.\d+)?)万", text)}
    in_text |= {Decimal(m) for m in re.findall(r"(?<![\d.])(\d+)元", text)}
    items = PARAMS.items_of_clause(clause_id)
    known = {i.amount for i in items} | {i.annual_cap for i in items}
    known |= {v for i in items for t in i.tiers for v in (t.at_least, t.fixed)}
    known |= {g.cap for g in PARAMS.caps if g.clause == clause_id}
    assert in_text - known == set()


def test_cap_groups_name_existing_items_and_quote_their_clause():
    for group in PARAMS.caps:
        assert set(group.items) <= set(PARAMS.items), group.id
        assert all(PARAMS.item(i).clause == group.clause for i in group.items)
        assert group.quote in flat(group.clause)
        assert appears(group.cap, group.quote)


def test_clause_13_shares_one_10wan_cap_across_its_three_items():
    # 同一申请人年度资助不超过10万元 covers 一审、二审 and 境外 wins
    (group,) = [g for g in PARAMS.caps if g.clause == "13"]
    assert group.cap == 100_000
    assert set(group.items) == {"rights_first_instance_win", "rights_second_instance_win", "rights_overseas_win"}


def test_unquantified_support_quotes_its_clause_and_has_no_amount():
    assert {u.clause for u in PARAMS.unquantified} == {"8", "12", "18", "19"}
    for u in PARAMS.unquantified:
        assert u.quote in flat(u.clause), u.id
        assert not re.search(r"\d+(\.\d+)?万|\d+元", u.quote)


def test_item_ids_are_distinct_from_unquantified_ids():
    assert not set(PARAMS.items) & {u.id for u in PARAMS.unquantified}


@pytest.mark.parametrize("item", ITEM_IDS)
def test_every_item_has_a_table_in_test_calculators(item):
    assert f'"{item.id}"' in CALCULATOR_TESTS


def test_policy_dates():
    p = PARAMS.policy
    # closing: 自发布之日起施行 (notice: 2021年2月10日)，有效期至2023年12月31日；2020年1月18日起…国内专利授权资助
    assert (p.effective_from, p.effective_until) == (dt.date(2021, 2, 10), dt.date(2023, 12, 31))
    assert p.retroactive_from == dt.date(2020, 1, 18)
    assert p.retroactive_items == ("domestic_invention_patent",)  # 国内专利授权 only
    assert clause("notice").text.endswith("2021年2月10日")


def test_policy_quotes_are_verbatim_from_the_closing():
    p = PARAMS.policy
    assert p.quote_validity in clause("closing").text
    assert p.quote_inclusive in clause("closing").text
    assert p.quote_interpretation in clause("closing").text
    assert p.contact in clause("notice").text
    assert p.title == "清远市推进知识产权工作实施办法"


def test_every_input_an_item_reads_is_one_named_constant():
    """The reader fills inputs by the constants in calculators/inputs.py: a name in parameters.toml
    that is not one of them would be silently never filled."""
    from calculators import inputs_of, load_parameters
    from calculators.inputs import INPUT_NAMES

    used = {s.name for item_id in load_parameters().items for s in inputs_of(item_id)}
    assert used <= INPUT_NAMES


@pytest.mark.parametrize("item", ITEM_IDS)
def test_who_may_apply_uses_the_calculators_kinds_and_a_threshold_names_its_condition(item):
    from calculators.inputs import APPLICANTS

    assert set(item.applicants) <= set(APPLICANTS)
    if item.requires is not None:
        assert item.requires.condition in item.conditions  # settled once its figure is given and met
    assert not set(item.terms) & set(item.conditions)  # a term of the amount is never asked as a condition


# The applicant's kind against who the clause names: 企业 and the kinds of 单位 are 单位; a 单位 of unsaid
# kind (我们单位) is not refused where a clause names one kind (the kind is then a condition to meet).
COVERED = [
    ("enterprise", ("unit",), True), ("school", ("unit",), True), ("park", ("unit",), True),
    ("unit", ("enterprise",), True), ("institution", ("enterprise",), False), ("institution", ("unit",), True),
    ("individual", ("unit",), False), ("unit", ("school",), True), ("individual", ("enterprise",), False),
    ("enterprise", ("school",), False), ("county", ("county", "park"), True), ("park", ("county", "park"), True),
    ("enterprise", (), True), ("individual", ("individual",), True), ("school", ("enterprise",), False),
]  # fmt: skip


@pytest.mark.parametrize(("applicant", "allowed", "covered"), COVERED)
def test_applicant_kinds(applicant, allowed, covered):
    from calculators.inputs import applicant_covered

    assert applicant_covered(applicant, allowed) is covered
