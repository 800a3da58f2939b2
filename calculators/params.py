"""Load parameters.toml into typed, read-only records. No policy number lives in code."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

PARAMETERS_FILE = Path(__file__).with_name("parameters.toml")

Shape = Literal["fixed", "per_unit", "share", "tiered", "ceiling", "floor", "reimburse"]
Kind = Literal["exact", "max", "min"]
_KIND_OF_SHAPE: dict[str, Kind] = {"ceiling": "max", "floor": "min"}


@dataclass(frozen=True)
class Tier:
    at_least: Decimal  # inclusive (closing: 以上…均包含本数)
    label: str
    fixed: Decimal = Decimal(0)
    rate: Decimal = Decimal(0)


@dataclass(frozen=True)
class Boundary:
    at: Decimal
    note: str


@dataclass(frozen=True)
class Requirement:
    """A threshold the applicant must meet, e.g. 拥有1件以上有效发明专利 (inclusive)."""

    input: str
    at_least: int
    label: str
    unit: str
    condition: str = ""  # the clause's words for it, among the item's conditions (met once the figure is given)


@dataclass(frozen=True)
class Item:
    id: str
    clause: str
    name: str
    shape: Shape
    quote: str
    kind: Kind = "exact"
    amount: Decimal | None = None
    per: str | None = None  # 个 / 件 / 项: the amount is per unit
    count_input: str | None = None
    rate: Decimal | None = None
    base_input: str | None = None
    base_label: str = ""
    count_unit: str = ""
    count_limits: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    yearly_limits: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    unit_input: str | None = None
    unit_label: str = ""
    unit_word: str = ""
    per_item_limit: int | None = None
    annual_cap: Decimal | None = None
    tiers: tuple[Tier, ...] = ()
    boundaries: tuple[Boundary, ...] = ()
    requires: Requirement | None = None
    matching_ratio: Decimal | None = None
    applicants: tuple[str, ...] = ()  # empty: anyone the clause names
    conditions: tuple[str, ...] = ()  # what the applicant must meet
    terms: tuple[str, ...] = ()  # how the amount is set or limited: said, never asked

    @property
    def conditions_and_terms(self) -> tuple[str, ...]:
        """What an answer lists under 需满足的条件: the conditions, then the terms of the amount."""
        return (*self.conditions, *self.terms)


@dataclass(frozen=True)
class CapGroup:
    id: str
    clause: str
    items: tuple[str, ...]
    cap: Decimal
    label: str
    quote: str


@dataclass(frozen=True)
class Unquantified:
    id: str
    clause: str
    name: str
    quote: str


@dataclass(frozen=True)
class PolicyDates:
    id: str
    title: str
    issuer: str
    version: str
    effective_from: dt.date
    effective_until: dt.date
    retroactive_from: dt.date
    retroactive_items: tuple[str, ...]
    contact: str
    quote_validity: str
    quote_inclusive: str
    quote_interpretation: str


@dataclass(frozen=True)
class Parameters:
    policy: PolicyDates
    items: Mapping[str, Item]
    caps: tuple[CapGroup, ...]
    unquantified: tuple[Unquantified, ...]

    def item(self, item_id: str) -> Item:
        return self.items[item_id]

    def items_of_clause(self, clause_id: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items.values() if i.clause == clause_id)


def _item(item_id: str, raw: dict) -> Item:
    shape = raw["shape"]
    money = {k: Decimal(raw[k]) for k in ("amount", "annual_cap", "rate", "matching_ratio") if k in raw}
    requires = raw.get("requires")
    return Item(
        id=item_id,
        clause=str(raw["clause"]),
        name=raw["name"],
        shape=shape,
        quote=raw["quote"],
        kind=raw.get("kind", _KIND_OF_SHAPE.get(shape, "exact")),
        per=raw.get("per"),
        count_input=raw.get("count_input"),
        base_input=raw.get("base_input"),
        base_label=raw.get("base_label", ""),
        count_unit=raw.get("count_unit", ""),
        count_limits=MappingProxyType(dict(raw.get("count_limits", {}))),
        yearly_limits=MappingProxyType(dict(raw.get("yearly_limits", {}))),
        unit_input=raw.get("unit_input"),
        unit_label=raw.get("unit_label", ""),
        unit_word=raw.get("unit_word", ""),
        per_item_limit=raw.get("per_item_limit"),
        tiers=tuple(
            Tier(Decimal(t["at_least"]), t["label"], Decimal(t.get("fixed", 0)), Decimal(t.get("rate", 0)))
            for t in raw.get("tiers", ())
        ),
        boundaries=tuple(Boundary(Decimal(b["at"]), b["note"]) for b in raw.get("boundary", ())),
        requires=Requirement(**requires) if requires else None,
        applicants=tuple(raw.get("applicants", ())),
        conditions=tuple(raw.get("conditions", ())),
        terms=tuple(raw.get("terms", ())),
        **money,
    )


def parse_parameters(text: str) -> Parameters:
    raw = tomllib.loads(text, parse_float=Decimal)
    p = raw["policy"]
    policy = PolicyDates(
        id=p["id"],
        title=p["title"],
        issuer=p["issuer"],
        version=p["version"],
        effective_from=p["effective_from"],
        effective_until=p["effective_until"],
        retroactive_from=p["retroactive_from"],
        retroactive_items=tuple(p["retroactive_items"]),
        contact=p["contact"],
        quote_validity=p["quote_validity"],
        quote_inclusive=p["quote_inclusive"],
        quote_interpretation=p["quote_interpretation"],
    )
    items = {item_id: _item(item_id, body) for item_id, body in raw["items"].items()}
    caps = tuple(
        CapGroup(cid, str(c["clause"]), tuple(c["items"]), Decimal(c["cap"]), c["label"], c["quote"])
        for cid, c in raw.get("caps", {}).items()
    )
    unquantified = tuple(
        Unquantified(uid, str(u["clause"]), u["name"], u["quote"]) for uid, u in raw.get("unquantified", {}).items()
    )
    return Parameters(policy, MappingProxyType(items), caps, unquantified)


@cache
def load_parameters() -> Parameters:
    return parse_parameters(PARAMETERS_FILE.read_text(encoding="utf-8"))
