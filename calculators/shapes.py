"""One small pure function per formula shape. Each returns (amount, steps, notes) in yuan.

Thresholds are inclusive everywhere (closing: 以上、最高、不低于、不超过等均包含本数).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import cast

from calculators.caps import Cap, granted_of
from calculators.inputs import APPLICANTS
from calculators.money import ZERO, plain, to_fen, yuan
from calculators.params import Item

Facts = Mapping[str, object]
Result = tuple[Decimal, list[str], list[str]]


def _cap_year(item: Item, due: Decimal, facts: Facts, steps: list[str]) -> Decimal:
    """Apply the item's annual cap (年度…不超过), net of what was granted this year (caps.py)."""
    if item.annual_cap is None:
        return due
    granted, said = granted_of(facts)
    cap = Cap("年度上限", item.annual_cap, granted, said)
    capped = cap.apply(due, steps, "假设本年尚未获得本项补助")
    if capped == due and granted:
        steps.append(f"本年已获{yuan(granted)}，加上本次未超过年度上限{yuan(item.annual_cap)}")
    return capped


def _unmet(item: Item, facts: Facts, steps: list[str]) -> bool:
    """Check a 以上 requirement (e.g. 1件以上有效发明专利); unknown counts as met, said as an assumption."""
    req = item.requires
    if req is None:
        return False
    have = facts.get(req.input)
    if have is None:
        steps.append(f"假设满足条件：{req.label}{req.at_least}{req.unit}以上")
        return False
    if Decimal(have) < req.at_least:  # type: ignore[arg-type]
        steps.append(f"{req.label}{plain(Decimal(have))}{req.unit}，未达到{req.at_least}{req.unit}以上的条件，不能获得本项")  # type: ignore[arg-type]
        return True
    steps.append(f"{req.label}{plain(round(Decimal(have), 2))}{req.unit}，满足{req.at_least}{req.unit}以上的条件")  # type: ignore[arg-type]
    return False


def _matching(item: Item, amount: Decimal, steps: list[str]) -> None:
    if item.matching_ratio is not None and amount:
        steps.append(
            f"获市财政扶持经费的县（市、区）应按不低于1:{plain(item.matching_ratio)}配套，"
            f"即配套专项工作资金不低于{yuan(amount * item.matching_ratio)}"
        )


def fixed_award(item: Item, facts: Facts) -> Result:
    """A fixed amount, once or per unit (10万元/个, 一次性20万元)."""
    assert item.amount is not None
    steps: list[str] = []
    if _unmet(item, facts, steps):
        return ZERO, steps, []
    count = int(facts.get(item.count_input, 1)) if item.count_input else 1  # type: ignore[call-overload]
    amount = item.amount * count
    if item.per and item.count_input:
        steps.append(f"{count}{item.per}，每{item.per}{yuan(item.amount)}，共{yuan(amount)}")
    else:
        steps.append(f"{item.name}：一次性{yuan(amount)}")
    _matching(item, amount, steps)
    return amount, steps, []


def _yearly_room(item: Item, facts: Facts, limits: Mapping[str, int], steps: list[str]) -> int | None:
    """How many units may still be funded this year for this applicant type; None: no limit."""
    applicant = str(facts.get("applicant", "enterprise"))
    limit = limits.get("individual") if applicant == "individual" else limits.get("unit")
    if limit is None:
        return None
    given = facts.get("funded_this_year")
    funded = int(given) if given is not None else 0  # type: ignore[call-overload]
    room = max(limit - funded, 0)
    who = "同一个人" if applicant == "individual" else f"同一{APPLICANTS.get(applicant, '单位')}"
    already = f"本年已获资助{funded}件" if given is not None else "假设本年尚未获得资助"
    steps.append(f"{who}每年最多{limit}件，{already}，本次最多{room}件")
    return room


def per_unit_award(item: Item, facts: Facts) -> Result:
    """An amount per unit with limits: 200元/个 (≤100件/单位、≤50件/个人 每年); 0.2万元/国家 (每件≤20个)."""
    assert item.amount is not None and item.unit_input
    steps: list[str] = []
    units = int(facts[item.unit_input])  # type: ignore[call-overload]
    counted = units
    if item.per_item_limit is not None and units > item.per_item_limit:
        counted = item.per_item_limit
        steps.append(f"{item.unit_label}{units}{item.unit_word}，每件最多计{item.per_item_limit}{item.unit_word}")
    room = _yearly_room(item, facts, item.yearly_limits, steps)
    if room is not None and counted > room:
        counted = room
    marks = int(facts.get(item.count_input, 1)) if item.count_input else 1  # type: ignore[call-overload]
    amount = item.amount * counted * marks
    each = f"每{item.unit_word}{yuan(item.amount)}"
    times = f"，{marks}件共" if marks > 1 else "，共"
    steps.append(f"计{counted}{item.unit_word}，{each}{times}{yuan(amount)}")
    return amount, steps, []


def share_award(item: Item, facts: Facts) -> Result:
    """A rate of what was paid (50%), with count limits and an annual cap where the clause sets them."""
    assert item.rate is not None and item.base_input
    steps: list[str] = []
    base = Decimal(facts[item.base_input])  # type: ignore[arg-type]
    count = int(facts.get(item.count_input, 1)) if item.count_input else 1  # type: ignore[call-overload]
    limit = item.count_limits.get("any")
    by_unit = cast(tuple[Decimal, ...], facts.get("fees_by_country_yuan") or ())  # validated in inputs.py
    if limit is not None and len(by_unit) > limit:
        # Fees per country known: fund the `limit` highest (the reading most favourable to the applicant).
        top = sorted(by_unit, reverse=True)[:limit]
        steps.append(f"共{len(by_unit)}{item.count_unit}，最多资助{limit}{item.count_unit}，按官费最高的{limit}个计")
        base, count = sum(top, ZERO), limit
    if limit is None and facts.get("applicant") == "individual":
        limit = _yearly_room(item, facts, item.count_limits, steps)
    if limit is not None and count > limit:
        # The clause funds at most `limit` units; fees are pro-rated, assuming equal fees per unit.
        steps.append(f"共{count}{item.count_unit}，最多资助{limit}{item.count_unit}，按各{item.count_unit}费用相同折算")
        base = base * limit / count if count else ZERO
    due = to_fen(base * item.rate)
    word = "不超过" if item.kind == "max" else "按"
    steps.append(f"{item.base_label}{yuan(base)}，{word}{plain(item.rate * 100)}%计{yuan(due)}")
    return _cap_year(item, due, facts, steps), steps, []


def tiered_award(item: Item, facts: Facts) -> Result:
    """Pick the tier for the contract amount, then apply the annual cap (clause 7)."""
    assert item.base_input
    base = Decimal(facts[item.base_input])  # type: ignore[arg-type]
    tier = next(t for t in item.tiers if base >= t.at_least)  # 含本数: >= not >
    due = tier.fixed + to_fen(base * tier.rate)
    how = f"按{plain(tier.rate * 100)}%" if tier.rate else "一次性"
    steps = [f"{item.base_label}{yuan(base)}，属“{tier.label}”档，{how}补助{yuan(due)}"]
    notes = [b.note for b in item.boundaries if b.at == base]
    return _cap_year(item, due, facts, steps), steps, notes


def ceiling_award(item: Item, facts: Facts) -> Result:
    """最高 X: the figure is a ceiling; the amount is set by review (择优/视情况)."""
    assert item.amount is not None
    per = f"单{item.per}" if item.per else ""
    return item.amount, [f"{item.name}：{per}最高{yuan(item.amount)}，具体金额由主管部门评审确定"], []


def floor_award(item: Item, facts: Facts) -> Result:
    """不低于 X: the figure is a floor (clause 17)."""
    assert item.amount is not None
    return item.amount, [f"{item.name}：不低于{yuan(item.amount)}，具体金额由主管部门确定"], []


def reimburse_award(item: Item, facts: Facts) -> Result:
    """全额资助: the fee paid, in full (clause 18)."""
    assert item.base_input
    fee = Decimal(facts[item.base_input])  # type: ignore[arg-type]
    return fee, [f"{item.base_label}{yuan(fee)}，全额资助{yuan(fee)}"], []


SHAPES: dict[str, Callable[[Item, Facts], Result]] = {
    "fixed": fixed_award,
    "per_unit": per_unit_award,
    "share": share_award,
    "tiered": tiered_award,
    "ceiling": ceiling_award,
    "floor": floor_award,
    "reimburse": reimburse_award,
}
