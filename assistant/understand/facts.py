"""What the user said, mapped onto each award's calculator inputs: per-award pieces of the question,
counts bound to what they count, fees added up or given per country, several contracts as several cases.
Input names are the calculators' constants (calculators/inputs.py), never typed here."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.understand import roles
from assistant.understand.intents import ItemMatch, pieces
from assistant.understand.roles import read_applicant
from assistant.understand.slots import Slots, read_slots
from calculators import Item, inputs_of, load_parameters
from calculators.inputs import (
    APPLICANT,
    COUNTRIES,
    EVENT_DATE,
    FEES_BY_COUNTRY_YUAN,
    FUNDED_THIS_YEAR,
    GRANTED_THIS_YEAR_YUAN,
    OFFICIAL_FEES_YUAN,
    PATENTS,
    VALID_INVENTION_PATENTS,
)

Facts = dict[str, object]
PER_UNIT = "_per_unit_yuan"  # route-only fact: the fee per patent the user gave, kept for follow-ups
RANGE_HIGH = "_range_high_yuan"  # route-only fact: the upper end of an amount the user gave as a range


@dataclass(frozen=True)
class Cases:
    """The calculations a question asks for: one entry per case (an award may repeat: two contracts),
    and each award's own words when several awards are named (their conditions are read there)."""

    items: tuple[str, ...]
    facts: tuple[Facts, ...]
    texts: dict[str, str]


def piece_slots(question: str, matches: list[ItemMatch], as_of: dt.date) -> dict[str, Slots]:
    """Slots per item: its own piece, the pieces after it that name no award, and any lead-in."""
    parts = pieces(question)
    owners: dict[int, list[str]] = {}
    for m in matches:
        owners.setdefault(m.piece, []).append(m.item)
    texts: dict[str, list[str]] = {m.item: [] for m in matches}
    current: list[str] = []
    lead_in: list[str] = []
    for index, part in enumerate(parts):
        current = owners.get(index, current)
        for item in current:
            texts[item].append(part)
        if not current:
            lead_in.append(part)  # 合同120万，是转让专利的: the lead-in belongs to the first award
    if lead_in and len(texts) == 1:  # with several awards the lead-in describes them all (注册两件商标：其一…)
        texts[matches[0].item][:0] = lead_in
    return {item: read_slots("，".join(t), as_of) for item, t in texts.items()}


def _count(item: Item, name: str, own: Slots, whole: Slots) -> int | None:
    """A count for `name`: said in the award's own words, else a bare count (胜诉了两起 / 那30个呢) for
    what the award mainly counts, else one said elsewhere in the question when it names one award."""
    value = own.counts.get(name)
    if value is None and name == (item.unit_input or item.count_input):
        value = own.bare_count
    if value is None and own is whole:
        value = whole.counts.get(name)
    return value


def facts_for(item: Item, own: Slots, whole: Slots) -> Facts:
    """Map what the user said onto the calculator's input names."""
    specs = {s.name for s in inputs_of(item.id)}
    facts: Facts = {}
    for name in (item.unit_input, item.count_input):
        if name and name in specs and (value := _count(item, name, own, whole)) is not None:
            facts[name] = value
    _base(item, own, whole, facts)
    if FEES_BY_COUNTRY_YUAN in specs:
        _per_country_fees(own, whole, facts)
    elif COUNTRIES in specs and COUNTRIES not in facts and len(own.places or whole.places) > 1:
        facts[COUNTRIES] = len(own.places or whole.places)  # 指定了美国、日本、韩国…: count the names
    if item.requires:
        _requirement(item.requires.input, own, whole, facts)
    for name, said in ((APPLICANT, whole.applicant), (FUNDED_THIS_YEAR, whole.funded_this_year),
                       (GRANTED_THIS_YEAR_YUAN, whole.granted_yuan), (EVENT_DATE, whole.event_date)):  # fmt: skip
        if said is not None and name in specs:
            facts[name] = said
    return facts


def _base(item: Item, own: Slots, whole: Slots, facts: Facts) -> None:
    """The amount the award is computed from: a contract, the fees, interest, a premium."""
    money = own.money or whole.money or (whole.listed_amounts if item.base_input == OFFICIAL_FEES_YUAN else [])
    if item.base_input and money:
        # Several fees for one award add up (美国1.8万，日本1.2万); other amounts are one contract each.
        base = sum(money) if item.base_input == OFFICIAL_FEES_YUAN else money[0]
        if own.per_unit_money and item.count_input in facts:
            facts[PER_UNIT] = base
            base *= int(facts[item.count_input])  # type: ignore[call-overload]  # 每件官费4000，共6件
        facts[item.base_input] = base
    elif item.base_input and (own.money_range or whole.money_range):
        low, high = own.money_range or whole.money_range  # type: ignore[misc]
        facts[item.base_input], facts[RANGE_HIGH] = low, high  # 合同在300万到400万之间: both ends computed


def _requirement(req: str, own: Slots, whole: Slots, facts: Facts) -> None:
    """A 以上 threshold's input: years for an agency or an agent, valid invention patents for 贯标."""
    years = own.years if own.years is not None else whole.years
    if req.startswith("years") and years is not None:
        facts[req] = years
    elif (value := own.counts.get(req, whole.counts.get(req))) is not None:
        facts[req] = value
    elif req == VALID_INVENTION_PATENTS and (value := whole.counts.get(PATENTS)) is not None:
        facts[req] = value  # 有2件发明专利: held patents, read as valid ones


def _primary_values(item: Item, own: Slots) -> Sequence[object]:
    """Several values of an award's main input in one piece are several cases: 合同分别是80万和300万;
    4件…合同各600万元 is four contracts of 600万."""
    if item.base_input and item.base_input != OFFICIAL_FEES_YUAN:
        times = own.counts.get(PATENTS) or own.bare_count
        if own.per_unit_money and len(own.money) == 1 and times and not item.count_input:
            return list(own.money) * min(times, 100)
        return list(own.money)
    if item.unit_input:
        return list(own.count_lists.get(item.unit_input, []))
    return []


def _per_country_fees(own: Slots, whole: Slots, facts: Facts) -> None:
    """美国官费1.8万，日本1.2万 -> one fee per named country; 欧洲和韩国官费都是1万 -> 1万 each."""
    money, places = own.money or whole.money or whole.listed_amounts, own.places or whole.places
    if len(money) > 1:
        fees = list(money)
    elif len(money) == 1 and len(places) > 1 and re.search(r"都是|均为|各|分别都|每个", own.text):
        fees = [money[0]] * len(places)
    else:
        if places and COUNTRIES not in facts:
            facts[COUNTRIES] = len(places)
        return
    facts[FEES_BY_COUNTRY_YUAN] = fees
    facts[OFFICIAL_FEES_YUAN] = sum(fees)
    facts[COUNTRIES] = max(len(fees), len(places))


def _applicant_is_the_receiver(facts: Facts, question: str) -> None:
    """我们学校把专利转让给一家企业…企业那边能拿多少: the award is the buyer's, so the applicant is the
    buyer the question describes, not the seller who asks."""
    deal = roles.transaction(question)
    if APPLICANT in facts and deal.role == "giver" and deal.for_receiver:
        buyer = read_applicant(deal.counterparty)
        if buyer is None:
            del facts[APPLICANT]
        else:
            facts[APPLICANT] = buyer


def cases_for(matches: list[ItemMatch], question: str, whole: Slots, as_of: dt.date) -> Cases:
    """One calculation per case of each award named: its facts, from its own words when several."""
    params = load_parameters()
    own = piece_slots(question, matches, as_of)
    items: list[str] = []
    facts_list: list[Facts] = []
    texts: dict[str, str] = {}
    for item_id in dict.fromkeys(m.item for m in matches):
        item = params.item(item_id)
        slots = own.get(item_id, whole)
        if len(own) > 1:
            texts[item_id] = slots.text
        facts = facts_for(item, slots if len(own) > 1 else whole, whole)
        _applicant_is_the_receiver(facts, question)
        values = _primary_values(item, slots)
        name = item.base_input if item.base_input and item.base_input != OFFICIAL_FEES_YUAN else item.unit_input
        if len(values) > 1 and name:
            for value in values:  # one calculation per contract / per mark; the caps join them in combine()
                items.append(item_id)
                facts_list.append({**{k: v for k, v in facts.items() if k != item.count_input}, name: value})
        else:
            items.append(item_id)
            facts_list.append(facts)
    return Cases(tuple(items), tuple(facts_list), texts)
