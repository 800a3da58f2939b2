"""What the user said, mapped onto each award's calculator inputs: per-award pieces of the question,
counts bound to what they count, fees added up or given per country, several contracts as several cases.
Input names are the calculators' constants (calculators/inputs.py), never typed here."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.understand import roles
from assistant.understand.intents import ItemMatch, pieces
from assistant.understand.roles import read_applicant
from assistant.understand.slots import COUNT_VERBS, Slots, read_slots
from calculators import Item, inputs_of, load_parameters
from calculators.inputs import (
    APPLICANT,
    CONTRACT_YUAN,
    COUNTRIES,
    EVENT_DATE,
    EXAM_FEE_YUAN,
    FEES_BY_COUNTRY_YUAN,
    FUNDED_THIS_YEAR,
    GRANTED_THIS_YEAR_YUAN,
    INTEREST_YUAN,
    OFFICIAL_FEES_YUAN,
    PATENTS,
    PREMIUM_YUAN,
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


_MORE = re.compile(r"又|还有|另外|加上")  # not 再: 年底前预计还会再授权2件 has not happened


def _count(item: Item, name: str, own: Slots, whole: Slots) -> int | None:
    """A count for `name`: said in the award's own words, else a bare count (胜诉了两起 / 那30个呢) for
    what the award mainly counts, else one said elsewhere in the question when it names one award.
    More of it in the same year (授权了3件，又授权了4件) is counted together, so a yearly limit sees all."""
    more = own.count_lists.get(name, [])
    if len(more) > 1 and _MORE.search(whole.text) and _by_year(item, own) is None and limited_by_year(item):
        return sum(more)
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
    for name, said in ((APPLICANT, _claimant(item, whole)), (FUNDED_THIS_YEAR, whole.funded_this_year),
                       (GRANTED_THIS_YEAR_YUAN, whole.granted_yuan), (EVENT_DATE, whole.event_date)):  # fmt: skip
        if said is not None and name in specs:
            facts[name] = said
    return facts


_IN_ITS_NAME = re.compile(r"以(公司|企业|单位|机构|所里|学校)(的)?名义|由(公司|企业|单位|机构)(来|去)?(申请|领)")


def _claimant(item: Item, whole: Slots) -> str | None:
    """Who claims. Where the clause names only persons (第（十八）条: 通过考试的人, 持证代理师), an organisation in
    the question is where they work or who asks for them (公司有个代理师…他能拿多少), not the claimant, unless
    the question says it applies in its own name."""
    if item.applicants == ("individual",) and whole.applicant not in (None, "individual"):
        return whole.applicant if _IN_ITS_NAME.search(whole.text) else None
    return whole.applicant


# The nouns that name each base amount: a figure named by another award's noun (贴息…保费6万) is not this one's.
BASE_NOUNS = {CONTRACT_YUAN: ("合同", "许可费", "转让费"), INTEREST_YUAN: ("利息",), PREMIUM_YUAN: ("保费",),
              OFFICIAL_FEES_YUAN: ("官费",), EXAM_FEE_YUAN: ("报名费",)}  # 金额, 费用: any award's  # fmt: skip


def own_money(item: Item, slots: Slots) -> list[Decimal]:
    """The amounts in `slots` that may be this award's: unnamed, or named by its own noun."""
    mine = BASE_NOUNS.get(item.base_input or "", ())
    others = {noun for nouns in BASE_NOUNS.values() for noun in nouns} - set(mine)
    return [m for n, m in enumerate(slots.money) if slots.money_nouns.get(n) not in others]


def _base(item: Item, own: Slots, whole: Slots, facts: Facts) -> None:
    """The amount the award is computed from: a contract, the fees, interest, a premium."""
    money = own_money(item, own) or own_money(item, whole) or (
        whole.listed_amounts if item.base_input == OFFICIAL_FEES_YUAN else [])
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


def _primary_values(item: Item, own: Slots, whole: Slots) -> Sequence[object]:
    """Several values of an award's main input in one piece are several cases: 合同分别是80万和300万;
    4件…合同各600万元 is four contracts of 600万."""
    if item.base_input and item.base_input != OFFICIAL_FEES_YUAN:
        times = own.counts.get(PATENTS) or own.bare_count
        money = own_money(item, own)
        if own.per_unit_money and len(money) == 1 and times and not item.count_input:
            return money * min(times, 100)
        return money
    if item.unit_input:
        values = list(own.count_lists.get(item.unit_input, []))
        if len(values) > 1 and _MORE.search(whole.text) and _by_year(item, own) is None and limited_by_year(item):
            return [sum(values)]  # 登记了60件，又登记了55件 in one year: the year's limit over the total
        return values
    return []


def limited_by_year(item: Item) -> bool:
    """The clause limits how many a year are funded (个人5件, 单位100件): counts of one year go together."""
    limited = bool(item.yearly_limits or item.count_limits.get("individual"))
    return limited and (item.count_input or item.unit_input) is not None


def _by_year(item: Item, own: Slots) -> list[tuple[int, int]] | None:
    """2022年登记了80件，2023年又登记了40件: several counts, each in its own year, are cases of their own
    (each year has its own limit); None when the counts do not each name a different year."""
    name = item.unit_input or item.count_input
    values, years = own.count_lists.get(name or "", []), own.count_years.get(name or "", [])
    if len(values) < 2 or len(years) != len(values) or None in years or len(set(years)) != len(years):
        return None
    return [(value, year) for value, year in zip(values, years, strict=True) if year is not None]


def _yearly_cases(item: Item, own: Slots, facts: Facts) -> list[Facts]:
    """One case per year said (see _by_year), with the year's count and, for fees, the per-unit fee times it."""
    split = _by_year(item, own)
    name = item.unit_input or item.count_input
    if split is None or name is None or EVENT_DATE not in {s.name for s in inputs_of(item.id)}:
        return []
    if item.count_input and item.base_input and PER_UNIT not in facts:
        return []  # the fees are not said per unit: they cannot be shared between the years
    cases = []
    for value, year in split:
        case = {**facts, name: value, EVENT_DATE: dt.date(year, 12, 31)}
        if item.count_input and item.base_input:
            case[item.base_input] = Decimal(str(facts[PER_UNIT])) * value
        cases.append(case)
    return cases


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


_AGAIN = re.compile(r"也|还|同样|又")
_A_COUNT = re.compile(r"[\d一二三四五六七八九十两几]+\s*(件|个|项)")


def _owners(question: str, matches: list[ItemMatch], item_id: str) -> list[str] | None:
    """我爸个人名下授权了8件…；他公司名下同年也授权了8件: one award named for two different applicants is a
    case for each, read from its own words (None when the pieces do not name two kinds of applicant)."""
    parts, said = pieces(question), {m.piece for m in matches if m.item == item_id}
    counted = {load_parameters().item(item_id).count_input, load_parameters().item(item_id).unit_input} - {None}
    again = {n for n, part in enumerate(parts) if _AGAIN.search(part) and _A_COUNT.search(part)  # 他公司名下同年
             and any(name in counted and re.search(verb, part) for verb, name in COUNT_VERBS)}  # 也授权了8件
    named = sorted(said | (again if said else set()))
    ends = [*named[1:], len(parts)]
    who = [read_applicant(parts[start]) for start in named]
    if len(named) < 2 or None in who or len(set(who)) < 2:
        return None
    return ["，".join(parts[start:end]) for start, end in zip(named, ends, strict=True)]


def cases_for(matches: list[ItemMatch], question: str, whole: Slots, as_of: dt.date) -> Cases:
    """One calculation per case of each award named: its facts, from its own words when several."""
    params = load_parameters()
    own = piece_slots(question, matches, as_of)
    items: list[str] = []
    facts_list: list[Facts] = []
    texts: dict[str, str] = {}
    for item_id in dict.fromkeys(m.item for m in matches):
        item = params.item(item_id)
        owners = _owners(question, matches, item_id)
        if owners:
            cases = [read_slots(text, as_of) for text in owners]
            items += [item_id] * len(cases)
            facts_list += [facts_for(item, case, case) for case in cases]
            continue
        slots = own.get(item_id, whole)
        if len(own) > 1:
            texts[item_id] = slots.text
        facts = facts_for(item, slots if len(own) > 1 else whole, whole)
        _applicant_is_the_receiver(facts, question)
        values = _primary_values(item, slots, whole)
        name = item.base_input if item.base_input and item.base_input != OFFICIAL_FEES_YUAN else item.unit_input
        yearly = _yearly_cases(item, slots, facts)
        if yearly:
            items += [item_id] * len(yearly)
            facts_list += yearly
        elif len(values) == 1 and name and item.unit_input == name and values[0] != facts.get(name):
            items.append(item_id)
            facts_list.append({**facts, name: values[0]})  # the year's counts added up (see _primary_values)
        elif len(values) > 1 and name:
            for value in values:  # one calculation per contract / per mark; the caps join them in combine()
                items.append(item_id)
                facts_list.append({**{k: v for k, v in facts.items() if k != item.count_input}, name: value})
        else:
            items.append(item_id)
            facts_list.append(facts)
    return Cases(tuple(items), tuple(facts_list), texts)
