"""Matching: every claim of a profile through its calculator, sorted into awards (with the conditions still
to confirm) and near misses (with what is missing), then one total after the yearly and shared caps.

Every amount comes from calculators/ (calculate, combine); this module only sorts and explains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assistant.match.claims import Claim, claims_of, event_day
from assistant.match.profile import APPLICANT_TYPES, Profile, profile_json
from assistant.understand.intents import ConditionSpec, load_intents
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
    yuan,
)
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
            "ceiling_yuan": yuan_int(self.by_kind("max")),  # 最高…: decided on review, not summed in total
            "floor_yuan": yuan_int(self.by_kind("min")),  # 不低于…
            "steps": list(self.steps),
            "notices": list(self.notices),
            "profile": profile_json(self.profile),
        }


def _conditions_of(item_id: str) -> list[ConditionSpec]:
    return [spec for spec in load_intents().conditions if item_id in spec.items]


def _cap_statement(text: str, item: Item, params: Parameters) -> bool:
    """单个企业年度获补助金额不超过5万元 is a cap (applied in the steps), not a condition to confirm."""
    caps = [item.annual_cap, *(g.cap for g in params.caps if item.id in g.items)]
    return any(cap is not None and yuan(cap) in text for cap in caps)


def _to_confirm(item: Item, said: dict[str, bool | None], specs: Sequence[ConditionSpec],
                params: Parameters) -> tuple[str, ...]:  # fmt: skip
    """The conditions not said to be met: the specs left open, then the clause's other conditions."""
    # One clause condition may be several facts (本市 and 非关联): once one is confirmed, name the other.
    partly_met = {s.condition for s in specs if said.get(s.id) is True}
    open_specs = [s.said if s.condition in partly_met else s.condition for s in specs if said.get(s.id) is not True]
    others = [c for c in item.conditions
              if not any(s.condition in c or c in s.condition for s in specs) and not _cap_statement(c, item, params)]
    return tuple(dict.fromkeys([*open_specs, *others]))


def _unmet_requirement(item: Item, facts: dict[str, object]) -> str | None:
    req = item.requires
    have = facts.get(req.input) if req else None
    if req is None or have is None or Decimal(str(have)) >= req.at_least:
        return None
    return f"需{req.label}{req.at_least}{req.unit}以上（填写的是{plain(Decimal(str(have)))}{req.unit}）"


def _judge(claim: Claim, params: Parameters) -> Award | NearMiss:
    item = params.item(claim.item)
    specs = _conditions_of(item.id)
    try:
        calc = calculate(item.id, claim.facts, params)
    except MissingFacts as exc:
        return NearMiss(item, claim.label, f"需补充：{exc.user_message.split('需要')[-1].rstrip('。')}")
    except (OutsidePolicy, InvalidInput) as exc:
        return NearMiss(item, claim.label, exc.user_message)
    failed = [s.condition for s in specs if claim.said.get(s.id) is False]
    if failed:
        return NearMiss(item, claim.label, "未满足：" + "；".join(dict.fromkeys(failed)), calc)
    unmet = _unmet_requirement(item, claim.facts)
    if unmet:
        met = calculate(item.id, {**claim.facts, item.requires.input: item.requires.at_least}, params)  # type: ignore[union-attr]
        return NearMiss(item, claim.label, unmet, met)
    return award_of(calc, claim.label, claim.said, params)


def award_of(calc: Calculation, label: str = "", said: dict[str, bool | None] | None = None,
             params: Parameters | None = None) -> Award:  # fmt: skip
    """The table row for a calculation: the chat's several awards in one year read as the 体检 does."""
    params = params or load_parameters()
    item, said = params.item(calc.item), said or {}
    specs = _conditions_of(item.id)
    confirmed = tuple(dict.fromkeys(s.said for s in specs if said.get(s.id) is True))
    return Award(calc, label, item.quote, confirmed, _to_confirm(item, said, specs, params))


def _notices(profile: Profile, as_of: dt.date, params: Parameters) -> tuple[str, ...]:
    p = params.policy
    day = event_day(profile.year)
    lines = list(validity_notices(as_of, params))
    if day is None:
        lines.append(f"未填写年度：按有效期内发生的事项测算。{p.quote_validity}")
    elif day.year == p.effective_from.year:
        lines.append(f"{day.year}年：本办法施行之日前发生的事项不适用（国内发明专利授权另按追溯规定）。{p.quote_validity}")
    return (*lines, AUTHORITY)


def _clause_order(clause_id: str) -> int:
    return int(clause_id) if clause_id.isdigit() else 0


def match_profile(profile: Profile, as_of: dt.date | None = None, params: Parameters | None = None) -> MatchResult:
    """Every award the profile qualifies for, the near misses, and the total after the caps."""
    params = params or load_parameters()
    as_of = as_of or dt.date.today()
    in_order = sorted(claims_of(profile), key=lambda c: _clause_order(params.item(c.item).clause))
    judged = [_judge(claim, params) for claim in in_order]
    awards = [j for j in judged if isinstance(j, Award)]
    combined = combine([a.calculation for a in awards], params)
    capped = tuple(Award(c, a.label, a.quote, a.confirmed, a.to_confirm)
                   for a, c in zip(awards, combined.calculations, strict=True))  # fmt: skip
    near = tuple(j for j in judged if isinstance(j, NearMiss))
    return MatchResult(profile, capped, near, combined.total_yuan, combined.steps, _notices(profile, as_of, params),
                       as_of)  # fmt: skip
