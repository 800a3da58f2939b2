"""The record every calculator returns, and `calculate()`, the one entry point."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from calculators.caps import Cap, granted_of
from calculators.dates import period_message, period_of
from calculators.errors import InvalidInput, OutsidePolicy
from calculators.inputs import APPLICANTS, InputSpec, applicant_covered, input_specs, validate
from calculators.money import yuan, yuan_int
from calculators.params import CapGroup, Item, Kind, Parameters, load_parameters
from calculators.shapes import SHAPES


@dataclass(frozen=True)
class Calculation:
    item: str
    clause: str
    name: str
    amount_yuan: Decimal
    kind: Kind
    steps: tuple[str, ...]
    inputs: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    conditions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # boundary readings, retroactivity, assumptions worth a notice

    def to_dict(self) -> dict[str, Any]:
        """The `calculations[]` entry of the answer JSON (INTERFACES.md)."""
        return {
            "item": self.item,
            "clause": self.clause,
            "name": self.name,
            "amount_yuan": yuan_int(self.amount_yuan),
            "kind": self.kind,
            "steps": list(self.steps),
            "inputs": {k: _jsonable(v) for k, v in self.inputs.items()},
            "conditions": list(self.conditions),
            "notes": list(self.notes),
        }

    def capped(self, amount: Decimal, step: str) -> Calculation:
        return replace(self, amount_yuan=amount, steps=(*self.steps, step))


def _jsonable(value: object) -> object:
    """Only plain JSON types leave a Calculation: Decimals (also inside lists of fees) and dates converted."""
    if isinstance(value, Decimal):
        return yuan_int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def inputs_of(item_id: str, params: Parameters | None = None) -> tuple[InputSpec, ...]:
    """The facts an item's calculator reads, including those its shared caps need (clause 13)."""
    params = params or load_parameters()
    return input_specs(params.item(item_id), any(item_id in g.items for g in params.caps))


def calculate(item_id: str, facts: Mapping[str, object] | None = None, params: Parameters | None = None) -> Calculation:
    """Compute one award item from the user's facts; raises PolicyError subclasses with Chinese messages.

    Order matters for the user: who may apply and when come before which figure is missing.
    """
    params = params or load_parameters()
    try:
        item = params.item(item_id)
    except KeyError:
        raise InvalidInput(f"没有名为“{item_id}”的补助项目。") from None
    facts = dict(facts or {})
    groups = [g for g in params.caps if item.id in g.items]
    optional = {k: v for k, v in facts.items() if k in ("applicant", "event_date")}
    _check_who_and_when(item, validate(item, optional, bool(groups), partial=True), params)
    checked = validate(item, facts, bool(groups))
    notes: list[str] = []
    event = checked.get("event_date")
    if isinstance(event, dt.date) and period_of(item.id, event, params) == "retroactive":
        notes.append(period_message(item.name, event, "retroactive", params))
    amount, steps, shape_notes = SHAPES[item.shape](item, checked)
    for group in groups:  # a cap shared with other items binds a single item too (clause 13: 10万/年)
        amount = _cap_group(group, amount, checked, steps)
    return Calculation(
        item=item.id,
        clause=item.clause,
        name=item.name,
        amount_yuan=amount,
        kind=item.kind,
        steps=tuple(steps),
        inputs=MappingProxyType({k: v for k, v in checked.items() if k in facts}),
        conditions=item.conditions_and_terms,
        notes=(*shape_notes, *notes),
    )


def yearly_ceiling(item_id: str, params: Parameters | None = None, applicant: str | None = None) -> Calculation | None:
    """The most an applicant can get from an item (kind max) before the facts for an exact figure are
    known: answers 最多能补多少. A yearly cap (clause 7: 5万), a shared cap (clause 13: 10万), or a per-unit
    amount times the most units counted (clause 4 Madrid: 0.2万 × 20 per mark; clause 5: 200元 × 100 a
    year for a unit, × 50 for an individual)."""
    params = params or load_parameters()
    item = params.item(item_id)
    caps = [(item.annual_cap, f"{item.name}：单个申请人年度最高{yuan(item.annual_cap)}，具体金额按条款计算")] \
        if item.annual_cap is not None else []
    caps += [(g.cap, f"{item.name}：{g.label}最高{yuan(g.cap)}，具体金额按条款计算") for g in params.caps if item_id in g.items]
    caps += _unit_ceilings(item, applicant)
    if not caps:
        return None
    cap, step = min(caps, key=lambda c: c[0])
    return Calculation(item.id, item.clause, item.name, cap, "max", (step,), conditions=item.conditions_and_terms)


def _unit_ceilings(item: Item, applicant: str | None) -> list[tuple[Decimal, str]]:
    if item.amount is None or item.shape != "per_unit":
        return []
    each = f"每{item.unit_word}{yuan(item.amount)}"
    if item.per_item_limit is not None:  # 每件最多20个国家: a ceiling per mark
        cap = item.amount * item.per_item_limit
        return [(cap, f"{item.unit_label}{each}，每件最多计{item.per_item_limit}{item.unit_word}，每件最高{yuan(cap)}")]
    if item.yearly_limits:
        who = "individual" if applicant == "individual" else "unit"
        limit = item.yearly_limits.get(who)
        if limit is None:
            return []
        cap = item.amount * limit
        named = "同一个人" if who == "individual" else "同一单位"
        other = "" if applicant else "；个人每年最多" + f"{item.yearly_limits.get('individual')}件" \
            if "individual" in item.yearly_limits else ""
        return [(cap, f"{each}，{named}每年最多{limit}件，年度最高{yuan(cap)}{other}")]
    return []


def _check_who_and_when(item: Item, checked: Mapping[str, object], params: Parameters) -> None:
    """OutsidePolicy when the applicant type or the event date is outside what the clause covers."""
    applicant = checked.get("applicant")
    if applicant and not applicant_covered(str(applicant), item.applicants):
        who = "、".join(APPLICANTS[a] for a in item.applicants)
        raise OutsidePolicy(f"“{item.name}”的对象是{who}，{APPLICANTS[str(applicant)]}不在本项范围内。")
    event = checked.get("event_date")
    if isinstance(event, dt.date):
        period = period_of(item.id, event, params)
        if period in ("before", "after"):
            raise OutsidePolicy(period_message(item.name, event, period, params))


def _cap_group(group: CapGroup, amount: Decimal, facts: Mapping[str, object], steps: list[str]) -> Decimal:
    """A cap shared with other items binds one item too (clause 13: 10万 a year), by the one cap rule."""
    granted, said = granted_of(facts)
    return Cap(f"{group.label}不超过", group.cap, granted, said).apply(amount, steps, "假设本年尚未获得此类资助")

