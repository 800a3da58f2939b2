"""Matching: every claim of a profile through its calculator, sorted into awards (with the conditions still
to confirm) and near misses (with what is missing), then one total after the yearly and shared caps.

Every amount comes from calculators/ (calculate, combine); this module only sorts and explains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assistant.match.claims import PROFILE_FACTS, Claim, claims_of, event_day
from assistant.match.profile import APPLICANT_TYPES, Profile, profile_json
from assistant.understand.conditions import specs_for
from assistant.understand.intents import ConditionSpec
from calculators import (
    Calculation,
    InvalidInput,
    Item,
    MissingFacts,
    OutsidePolicy,
    Parameters,
    calculate,
    combine,
    load_parameters,
    validity_notices,
)
from calculators.inputs import input_label
from calculators.money import ZERO, plain, yuan_int
from corpus import clause

AUTHORITY = "以上为按政策原文的测算，具体金额和资格以主管部门审核为准。"


@dataclass(frozen=True)
class Award:
    """One award the profile qualifies for, as far as it says: the amount (exact, 最高 or 不低于)."""

    calculation: Calculation
    label: str
    quote: str
    confirmed: tuple[str, ...]  # conditions the profile says are met
    to_confirm: tuple[str, ...]  # conditions it does not settle: stated, never assumed away

    def to_dict(self) -> dict[str, Any]:
        return {**self.calculation.to_dict(), "label": self.label, "citation": clause(self.calculation.clause).label,
                "quote": self.quote, "confirmed": list(self.confirmed), "to_confirm": list(self.to_confirm)}


@dataclass(frozen=True)
class NearMiss:
    """An award the profile nearly meets, and what is missing (a fact, a threshold, a condition said unmet)."""

    item: Item
    label: str
    missing: str
    amount_if_met: Calculation | None = None  # what the calculator gives once the missing thing is met

    def to_dict(self) -> dict[str, Any]:
        met = self.amount_if_met
        return {"item": self.item.id, "clause": self.item.clause, "citation": clause(self.item.clause).label,
                "name": self.item.name, "label": self.label, "missing": self.missing, "quote": self.item.quote,
                "amount_if_met_yuan": yuan_int(met.amount_yuan) if met else None,
                "kind": met.kind if met else self.item.kind}  # fmt: skip


@dataclass(frozen=True)
class MatchResult:
    profile: Profile
    awards: tuple[Award, ...]  # amounts after the caps
    near_misses: tuple[NearMiss, ...]
    total_yuan: Decimal | None  # the exact amounts, after every cap; None when no award is exact
    steps: tuple[str, ...]  # where a cap bit, and the sum
    notices: tuple[str, ...]
    as_of: dt.date
    cap_bit: bool = False  # a yearly or shared cap lowered some award

    def by_kind(self, kind: str) -> Decimal:
        return sum((a.calculation.amount_yuan for a in self.awards if a.calculation.kind == kind), ZERO)

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicant": APPLICANT_TYPES[self.profile.applicant],
            "year": self.profile.year,
            "as_of": self.as_of.isoformat(),
            "awards": [a.to_dict() for a in self.awards],
            "near_misses": [n.to_dict() for n in self.near_misses],
            "total_yuan": yuan_int(self.total_yuan) if self.total_yuan is not None else None,
            "cap_applied": self.cap_bit,
            "ceiling_yuan": yuan_int(self.by_kind("max")),  # 最高…: decided on review, not summed in total
            "floor_yuan": yuan_int(self.by_kind("min")),  # 不低于…
            "steps": list(self.steps),
            "notices": list(self.notices),
            "profile": profile_json(self.profile),
        }


def _spoken_for(condition: str, specs: Sequence[ConditionSpec]) -> bool:
    """A clause condition one of the item's condition specs speaks for (the one's words within the other's):
    asked once, in the spec's words."""
    return any(s.condition in condition or condition in s.condition for s in specs)


def _requirement_met(item: Item, facts: Mapping[str, object]) -> bool:
    req, have = item.requires, facts.get(item.requires.input) if item.requires else None
    return req is not None and have is not None and Decimal(str(have)) >= req.at_least


def _to_confirm(item: Item, said: Mapping[str, bool | None], specs: Sequence[ConditionSpec],
                facts: Mapping[str, object]) -> tuple[str, ...]:  # fmt: skip
    """The conditions not said to be met: the specs left open, then the clause's other conditions (a
    threshold whose figure was given and met is settled). Terms of the amount are never asked."""
    # One clause condition may be several facts (本市 and 非关联): once one is confirmed, name the other.
    partly_met = {s.condition for s in specs if said.get(s.id) is True}
    open_specs = [s.said if s.condition in partly_met else s.condition for s in specs if said.get(s.id) is not True]
    settled = {item.requires.condition} if item.requires and _requirement_met(item, facts) else set()
    others = [c for c in item.conditions if c not in settled and not _spoken_for(c, specs)]
    return tuple(dict.fromkeys([*open_specs, *others]))


def _unmet_requirement(item: Item, facts: Mapping[str, object]) -> str | None:
    req = item.requires
    if req is None or facts.get(req.input) is None or _requirement_met(item, facts):
        return None
    have = plain(Decimal(str(facts[req.input])))
    return f"需{req.label}{req.at_least}{req.unit}以上（填写的是{have}{req.unit}）"


def _failed(claim: Claim, specs: Sequence[ConditionSpec]) -> list[str]:
    """The conditions the profile says are not met: the clause's, and the profile's own facts (a project
    not approved, a title from another year) for items whose clause names no such condition."""
    by_spec = [s.condition for s in specs if claim.said.get(s.id) is False]
    named = {s.id for s in specs}
    own = [PROFILE_FACTS[k] for k, v in claim.said.items() if v is False and k in PROFILE_FACTS and k not in named]
    return list(dict.fromkeys([*by_spec, *own]))


def _judge(claim: Claim, params: Parameters) -> Award | NearMiss:
    item = params.item(claim.item)
    specs = specs_for(item.id)
    try:
        calc = calculate(item.id, claim.facts, params)
    except MissingFacts as exc:
        return NearMiss(item, claim.label, f"需补充：{input_label(exc.missing)}")
    except (OutsidePolicy, InvalidInput) as exc:
        return NearMiss(item, claim.label, exc.user_message)
    failed = _failed(claim, specs)
    if failed:
        return NearMiss(item, claim.label, "未满足：" + "；".join(dict.fromkeys(failed)), calc)
    unmet = _unmet_requirement(item, claim.facts)
    if unmet:
        met = calculate(item.id, {**claim.facts, item.requires.input: item.requires.at_least}, params)  # type: ignore[union-attr]
        return NearMiss(item, claim.label, unmet, met)
    return award_of(calc, claim.label, claim.said, params)


def award_of(calc: Calculation, label: str = "", said: Mapping[str, bool | None] | None = None,
             params: Parameters | None = None) -> Award:  # fmt: skip
    """The table row for a calculation: the chat's several awards in one year read as the 体检 does."""
    params = params or load_parameters()
    item, said = params.item(calc.item), said or {}
    specs = specs_for(item.id)
    confirmed = tuple(dict.fromkeys(s.said for s in specs if said.get(s.id) is True))
    return Award(calc, label, item.quote, confirmed, _to_confirm(item, said, specs, calc.inputs))


def _notices(profile: Profile, as_of: dt.date, params: Parameters) -> tuple[str, ...]:
    p = params.policy
    day = event_day(profile.year)
    lines = list(validity_notices(as_of, params))
    if day is None:
        lines.append(f"未填写年度：按有效期内发生的事项测算。{p.quote_validity}")
    elif day.year == p.effective_from.year:
        lines.append(f"{day.year}年：本办法施行之日前发生的事项不适用（国内发明专利授权另按追溯规定）。{p.quote_validity}")
    elif day.year == p.retroactive_from.year:
        lines.append(f"{day.year}年：只有{p.retroactive_from.month}月{p.retroactive_from.day}日起的国内发明专利授权可追溯资助，"
                     f"且按“就高不重复”原则执行；其他事项不适用。{p.quote_validity}")  # fmt: skip
    return (*lines, AUTHORITY)


def _clause_order(clause_id: str) -> int:
    return int(clause_id) if clause_id.isdigit() else 0


def _after_caps(awards: Sequence[Award], capped: Sequence[Calculation],
                params: Parameters) -> tuple[list[Award], list[NearMiss]]:  # fmt: skip
    """Each award at its amount after the caps; one a cap has taken to nothing is a near miss (the year's
    cap is reached), with what it would have given."""
    kept, used_up = [], []
    for award, calc in zip(awards, capped, strict=True):
        if calc.amount_yuan == 0 < award.calculation.amount_yuan:
            used_up.append(NearMiss(params.item(calc.item), award.label, "本年度同类资助已达上限，本项不再另计", award.calculation))
        else:
            kept.append(Award(calc, award.label, award.quote, award.confirmed, award.to_confirm))
    return kept, used_up


def match_profile(profile: Profile, as_of: dt.date | None = None, params: Parameters | None = None) -> MatchResult:
    """Every award the profile qualifies for, the near misses, and the total after the caps."""
    params = params or load_parameters()
    as_of = as_of or dt.date.today()
    in_order = sorted(claims_of(profile), key=lambda c: _clause_order(params.item(c.item).clause))
    judged = [_judge(claim, params) for claim in in_order]
    awards = [j for j in judged if isinstance(j, Award)]
    combined = combine([a.calculation for a in awards], params)
    kept, used_up = _after_caps(awards, combined.calculations, params)
    near = sorted([*(j for j in judged if isinstance(j, NearMiss)), *used_up], key=lambda n: _clause_order(n.item.clause))
    cap_bit = any(c.amount_yuan < a.calculation.amount_yuan for a, c in zip(awards, combined.calculations, strict=True))
    return MatchResult(profile, tuple(kept), tuple(near), combined.total_yuan, combined.steps,
                       _notices(profile, as_of, params), as_of, cap_bit)  # fmt: skip
