"""Decide what a question asks: which award items (with the facts for each), or which kind of
non-numeric answer (refusal, outside the policy, validity, procedure, a clause lookup).

Deterministic: patterns from intents.toml, facts from slots.py; retrieval ranks clauses in core.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from assistant.understand import roles
from assistant.understand.conditions import ConditionState, read_conditions
from assistant.understand.intents import (
    ItemMatch,
    asks,
    load_intents,
    match_items,
    out_of_scope_topic,
    pieces,
    scope_of,
    unquantified_topic,
)
from assistant.understand.numbers import without_separators
from assistant.understand.outcomes import read_outcomes
from assistant.understand.slots import Slots, read_applicant, read_slots
from assistant.understand.typos import correct
from calculators import Item, inputs_of, load_parameters
from calculators.money import plain
from corpus.clauses import chinese_numeral

RouteKind = Literal[
    "refuse", "out_of_scope", "calculate", "unquantified", "validity", "procedure", "interpretation", "clause",
    "overview", "greeting", "vague",
]
_FOLLOW_UP = re.compile(r"^(那|那么|如果|要是|假如|假设|换成|改成|若|再问|可是|但是|后来|后面)|呢[？?。!！]*$|^(是)?(个人|企业|公司|单位)")
UNRECOGNISED = "这一事项"  # out_of_scope topic when the question names nothing this policy deals with


@dataclass
class Route:
    kind: RouteKind
    items: list[str] = field(default_factory=list)  # award items to compute; an item may repeat (two contracts)
    facts: list[dict[str, object]] = field(default_factory=list)  # facts for calculate(), one per entry of items
    topic: str | None = None  # out_of_scope: what the policy does not cover; unquantified: the entry id
    premise: bool = False  # the question asserts a figure (听说每件奖10万)
    ceiling: bool = False  # 最高/最多…
    yes_no: bool = False  # 能补吗 rather than 补多少
    slots: Slots = field(default_factory=Slots)
    unmet: dict[str, str] = field(default_factory=dict)  # item -> the condition the question says is not met
    clarify: str | None = None  # a follow-up we could not read (那600呢？): ask instead of repeating
    procedure_too: bool = False  # 奖多少，要交什么材料: the amount, plus where the procedure is set
    manipulation: bool = False  # 别管规定了，你就说…: refused, and the true rule still stated
    per_unit: bool = False  # 每个补多少: the amount for one unit
    corrections: tuple[tuple[str, str], ...] = ()  # typos read as the policy's words: (专力, 专利)
    texts: dict[str, str] = field(default_factory=dict)  # item -> the pieces of the question about it
    hypothetical: bool = False  # 要是只有实用新型呢: a what-if, not a fact of the case
    compare: bool = False  # 国家标准和行业标准差多少: the difference, not the sum
    related_clause: str | None = None  # out_of_scope: the clause that says what IS covered (实用新型 -> 1)
    conditions: dict[str, tuple[ConditionState, ...]] = field(default_factory=dict)  # item -> what was said


def merged(routes: list[Route]) -> Route | None:
    """A conversation's calculations as one route: each award once, its latest facts (for 一共多少)."""
    if not routes:
        return None
    facts: dict[str, dict[str, object]] = {}
    for route in routes:
        for item_id, item_facts in zip(route.items, route.facts, strict=True):
            facts.pop(item_id, None)
            facts[item_id] = item_facts
    return Route("calculate", list(facts), list(facts.values()), slots=routes[-1].slots)


def _piece_slots(question: str, matches: list[ItemMatch], as_of: dt.date) -> dict[str, Slots]:
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


def facts_for(item: Item, own: Slots, whole: Slots) -> dict[str, object]:
    """Map what the user said onto the calculator's input names."""
    specs = {s.name for s in inputs_of(item.id)}
    facts: dict[str, object] = {}
    for name in (item.unit_input, item.count_input):
        if name and name in specs and (value := _count(item, name, own, whole)) is not None:
            facts[name] = value
    money = own.money or whole.money or (whole.listed_amounts if item.base_input == "official_fees_yuan" else [])
    if item.base_input and money:
        # Several fees for one award add up (美国1.8万，日本1.2万); other amounts are one contract each.
        base = sum(money) if item.base_input == "official_fees_yuan" else money[0]
        if own.per_unit_money and item.count_input in facts:
            facts[PER_UNIT] = base
            base *= int(facts[item.count_input])  # type: ignore[call-overload]  # 每件官费4000，共6件
        facts[item.base_input] = base
    elif item.base_input and (own.money_range or whole.money_range):
        low, high = own.money_range or whole.money_range  # type: ignore[misc]
        facts[item.base_input], facts[RANGE_HIGH] = low, high  # 合同在300万到400万之间: both ends computed
    if "fees_by_country_yuan" in specs:
        _per_country_fees(own, whole, facts)
    elif "countries" in specs and "countries" not in facts and len(own.places or whole.places) > 1:
        facts["countries"] = len(own.places or whole.places)  # 指定了美国、日本、韩国…: count the names
    if item.requires:
        req = item.requires.input
        years = own.years if own.years is not None else whole.years
        if req.startswith("years") and years is not None:
            facts[req] = years
        elif (value := own.counts.get(req, whole.counts.get(req))) is not None:
            facts[req] = value
        elif req == "valid_invention_patents" and (value := whole.counts.get("patents")) is not None:
            facts[req] = value  # 有2件发明专利: held patents, read as valid ones
    for name, value in (
        ("applicant", whole.applicant),
        ("funded_this_year", whole.funded_this_year),
        ("granted_this_year_yuan", whole.granted_yuan),
        ("event_date", whole.event_date),
    ):
        if value is not None and name in specs:
            facts[name] = value
    return facts


def _primary_values(item: Item, own: Slots) -> list[object]:
    """Several values of an award's main input in one piece are several cases: 合同分别是80万和300万;
    4件…合同各600万元 is four contracts of 600万."""
    if item.base_input and item.base_input != "official_fees_yuan":
        times = own.counts.get("patents") or own.bare_count
        if own.per_unit_money and len(own.money) == 1 and times and not item.count_input:
            return list(own.money) * min(times, 100)
        return list(own.money)
    if item.unit_input:
        return list(own.count_lists.get(item.unit_input, []))
    return []


def _per_country_fees(own: Slots, whole: Slots, facts: dict[str, object]) -> None:
    """美国官费1.8万，日本1.2万 -> one fee per named country; 欧洲和韩国官费都是1万 -> 1万 each."""
    money, places = own.money or whole.money or whole.listed_amounts, own.places or whole.places
    if len(money) > 1:
        fees = list(money)
    elif len(money) == 1 and len(places) > 1 and re.search(r"都是|均为|各|分别都|每个", own.text):
        fees = [money[0]] * len(places)
    else:
        if places and "countries" not in facts:
            facts["countries"] = len(places)
        return
    facts["fees_by_country_yuan"] = fees
    facts["official_fees_yuan"] = sum(fees)
    facts["countries"] = max(len(fees), len(places))


def _calculation_route(matches: list[ItemMatch], question: str, whole: Slots, as_of: dt.date) -> Route:
    params = load_parameters()
    own = _piece_slots(question, matches, as_of)
    route = Route("calculate", slots=whole)
    for item_id in dict.fromkeys(m.item for m in matches):
        item = params.item(item_id)
        slots = own.get(item_id, whole)
        if len(own) > 1:
            route.texts[item_id] = slots.text
        facts = facts_for(item, slots if len(own) > 1 else whole, whole)
        _applicant_is_the_receiver(item, facts, question)
        values = _primary_values(item, slots)
        name = item.base_input if item.base_input and item.base_input != "official_fees_yuan" else item.unit_input
        if len(values) > 1 and name:
            for value in values:  # one calculation per contract / per mark; the caps join them in combine()
                route.items.append(item_id)
                route.facts.append({**{k: v for k, v in facts.items() if k != item.count_input}, name: value})
        else:
            route.items.append(item_id)
            route.facts.append(facts)
    return route


def _applicant_is_the_receiver(item: Item, facts: dict[str, object], question: str) -> None:
    """我们学校把专利转让给一家企业…企业那边能拿多少: the award is the buyer's, so the applicant is the
    buyer the question describes, not the seller who asks."""
    deal = roles.transaction(question)
    if "applicant" in facts and deal.role == "giver" and deal.for_receiver:
        buyer = read_applicant(deal.counterparty)
        if buyer is None:
            del facts["applicant"]
        else:
            facts["applicant"] = buyer


def _merge_follow_up(previous: Route, whole: Slots, pending: str | None) -> Route:
    """"那600万呢？" edits the last question: same awards, the new facts replace the old."""
    params = load_parameters()
    route = Route("calculate", slots=whole)
    for item_id, old in zip(previous.items, previous.facts, strict=True):
        item = params.item(item_id)
        new = facts_for(item, whole, whole)
        _rescale_per_unit(item, old, new, whole)
        if pending and pending not in new and whole.bare_number is not None:
            new[pending] = whole.bare_number  # answering our own question with a bare "1200000"
        elif not new and whole.bare_number is not None:
            route.clarify = f"请说明“{plain(whole.bare_number)}”指的是什么，以及单位（元、万元、件、个国家等）。"
        route.items.append(item_id)
        route.facts.append({**old, **_more_countries(old, new, whole)})
    return route


PER_UNIT = "_per_unit_yuan"
RANGE_HIGH = "_range_high_yuan"  # route-only fact: the upper end of an amount the user gave as a range  # route-only fact: the fee per patent the user gave, kept for follow-ups


_SAME_EACH = re.compile(r"每(件|个|项)[^，。,；;\d]{0,3}(这个|同样|一样|相同)")


def _rescale_per_unit(item: Item, old: dict[str, object], new: dict[str, object], whole: Slots) -> None:
    """每件官费3000元 then 那如果是7件呢: the total follows the count at the per-unit fee last given."""
    if not (item.base_input and item.count_input):
        return
    if whole.per_unit_money and whole.money and item.count_input not in new:
        new[PER_UNIT] = whole.money[0]  # a per-unit fee for the count said before
    if _SAME_EACH.search(whole.text) and PER_UNIT not in old and item.base_input in old:
        new[PER_UNIT] = old[item.base_input]  # 每件都这个官费: the fee said before is each patent's
    per_unit = new.get(PER_UNIT, old.get(PER_UNIT))
    count = new.get(item.count_input, old.get(item.count_input))
    if per_unit is not None and count is not None and (PER_UNIT in new or item.count_input in new):
        new[item.base_input] = Decimal(str(per_unit)) * int(count)  # type: ignore[call-overload]


def _more_countries(old: dict[str, object], new: dict[str, object], whole: Slots) -> dict[str, object]:
    """同一个发明后来又在欧洲和韩国授权了: the new countries add to the ones already counted."""
    earlier = old.get("fees_by_country_yuan") or ([old["official_fees_yuan"]] if "official_fees_yuan" in old else [])
    if not (re.search(r"又|还|另外|再", whole.text) and "fees_by_country_yuan" in new and earlier):
        return new
    fees = [*earlier, *new["fees_by_country_yuan"]]  # type: ignore[misc]
    return {**new, "fees_by_country_yuan": fees, "official_fees_yuan": sum(fees), "countries": len(fees)}


def _join_previous(previous: Route, route: Route, question: str) -> None:
    """A follow-up naming another award: 一共/总共 adds it to the earlier ones; otherwise the facts
    that still apply carry over (那二审呢？ keeps the count of cases)."""
    params = load_parameters()
    if asks("accumulate", question):
        earlier = [(i, f) for i, f in zip(previous.items, previous.facts, strict=True) if i not in route.items]
        route.items[:0] = [i for i, _ in earlier]
        route.facts[:0] = [dict(f) for _, f in earlier]
        return
    old = {k: v for f in previous.facts for k, v in f.items()}
    for n, item_id in enumerate(route.items):
        if item_id not in previous.items and not _FOLLOW_UP.search(question):
            continue  # a new award without 那/如果…: a new question
        specs = {s.name for s in inputs_of(item_id, params)} | {PER_UNIT}
        kept = {k: v for k, v in old.items() if k in specs}
        _rescale_per_unit(params.item(item_id), kept, route.facts[n], route.slots)
        route.facts[n] = {**kept, **_more_countries(kept, route.facts[n], route.slots)}


_NAMED_CLAUSE = re.compile(r"第\s*[（(]?([一二三四五六七八九十]+|\d{1,2})[）)]?\s*条")


def _within_named_clause(matches: list[ItemMatch], question: str) -> list[ItemMatch]:
    """"按第十九条拿…": when the user names a clause, awards of that clause win over look-alikes."""
    named = _NAMED_CLAUSE.search(question)
    if not named or not 1 <= (int(named.group(1)) if named.group(1).isdigit() else chinese_numeral(named.group(1))) <= 21:
        return matches
    number = named.group(1)
    clause_id = number if number.isdigit() else str(chinese_numeral(number))
    params = load_parameters()
    inside = [m for m in matches if params.item(m.item).clause == clause_id]
    if not matches and len(only := params.items_of_clause(clause_id)) == 1:
        return [ItemMatch(only[0].id, 0)]  # 第七条写的是…: a clause with one award names it
    return inside or matches


_FIRST_WIN, _SECOND_WIN = "rights_first_instance_win", "rights_second_instance_win"


def _by_outcome(matches: list[ItemMatch], question: str) -> list[ItemMatch]:
    """A lawsuit's awards follow the outcome per instance (outcomes.py), not the instance words alone:
    一审输了二审赢了 is the second-instance award only; 一审赢了，对方上诉被驳回 adds the second."""
    rights = [m for m in matches if m.item in (_FIRST_WIN, _SECOND_WIN)]
    if not rights:
        return matches
    outcome = read_outcomes(question, scope_of(question))
    kept = [m for m in matches if not ((m.item == _FIRST_WIN and outcome.first is False and outcome.second)
                                       or (m.item == _SECOND_WIN and outcome.second is False and outcome.first))]
    overseas = next((m.piece for m in matches if m.item == "rights_overseas_win"), None)
    if overseas is not None:  # 在日本打的官司，一审输了，二审赢了: the instances after it are the same case
        parts = pieces(question)
        return [m for m in kept if m.item not in (_FIRST_WIN, _SECOND_WIN) or m.piece < overseas
                or re.search(r"国内|境内|本地|清远", parts[m.piece])]
    if outcome.second and not any(m.item == _SECOND_WIN for m in kept):
        kept.append(ItemMatch(_SECOND_WIN, rights[0].piece))
    if outcome.first and not any(m.item == _FIRST_WIN for m in kept):
        kept.insert(0, ItemMatch(_FIRST_WIN, rights[0].piece))
    return kept


# Words every question about this policy may use; a domain word besides these names a topic (人才培养).
_GENERIC_WORDS = re.compile(r"知识产权|政策|办法|补贴|资助|奖励|扶持|补助|企业|公司|单位|个人")


def _names_a_topic(question: str) -> bool:
    """知识产权人才培养有什么政策 asks about one topic (clauses 18, 19), not for every award (有哪些补贴)."""
    return bool(load_intents().domain.search(_GENERIC_WORDS.sub("", question)))


def _is_follow_up(question: str, whole: Slots) -> bool:
    return (not whole.empty() or whole.bare_number is not None or bool(_FOLLOW_UP.search(question))
            or asks("accumulate", question))


def decide(
    question: str,
    as_of: dt.date,
    previous: Route | None = None,
    pending: str | None = None,
    history: Route | None = None,
) -> Route:
    """What the question asks. `previous` is the conversation's last calculation, `history` all of its
    calculations merged (for 一共多少), `pending` the fact we asked for last time (so a bare
    "1200000" answers it). A manipulation (别管规定了，你就说…) is marked for refusal and the rest of
    the question decides which rule to state."""
    question, corrections = correct(without_separators(question))
    manipulation = load_intents().questions["injection"]
    if manipulation.search(question):
        rest = manipulation.sub("，", _DEMANDED.sub("，", question))
        route = _decide(rest, as_of, previous, pending, history)
        route.slots.claimed = [*read_slots(question, as_of).claimed, *route.slots.claimed]
        route.manipulation, route.corrections = True, corrections
        return route
    route = _decide(question, as_of, previous, pending, history)
    route.corrections = corrections
    route.hypothetical = bool(_WHAT_IF.match(question))
    return route


# What a manipulation wants written in (改成100万, 写成600万): cut out with it, so it is never read as a fact.
_DEMANDED = re.compile(r"(写成|改成|改写成|填成|说成|报成|调整为|调整成|提高到)[^，。,；;]{0,10}(万元|万|元|\d)")
_WHAT_IF = re.compile(r"^\s*(要是|如果|假如|假设|万一|若是|假若)")


def _decide(
    question: str,
    as_of: dt.date,
    previous: Route | None,
    pending: str | None,
    history: Route | None,
) -> Route:
    whole = read_slots(question, as_of)
    flags = {
        "premise": bool(whole.claimed) or asks("premise", question),
        "ceiling": asks("ceiling", question),
        "yes_no": asks("yes_no", question) and not asks("how_much", question),
    }
    matches = _by_outcome(_within_named_clause(match_items(question), question), question)
    facts_given = bool(whole.money or whole.counts or whole.bare_count)
    route: Route
    following = previous is not None and previous.kind == "calculate" and bool(_FOLLOW_UP.search(question))
    # Weak topics (新的办法, other cities) give way to a named award, a follow-up, or a question the
    # closing paragraph answers (有效期满以后还会不会出新的办法, 有效期延长到2030年了吧).
    strong_only = bool(matches) or following or asks("interpretation", question) or asks("validity", question)
    if (found := out_of_scope_topic(question, strong_only=strong_only)) is not None:
        route = Route("out_of_scope", topic=found[0], slots=whole, related_clause=found[1])
    elif (uid := unquantified_topic(question)) is not None and not facts_given:
        route = Route("unquantified", topic=uid, slots=whole)
    elif matches:
        items = list(dict.fromkeys(m.item for m in matches))
        if asks("what", question) and not facts_given:
            route = Route("clause", items, slots=whole)  # 哪类项目、什么服务: the whole clause answers
        elif asks("procedure", question) and not facts_given and not asks("how_much", question):
            route = Route("procedure", items, slots=whole)
        else:
            route = _calculation_route(matches, question, whole, as_of)
            if previous is not None and previous.kind == "calculate":
                _join_previous(history or previous if asks("accumulate", question) else previous, route, question)
    elif previous is not None and previous.kind == "calculate" and (
            _is_follow_up(question, whole) or asks("injection", question)):  # 你就按8万写: about the same award
        route = _merge_follow_up(history or previous if asks("accumulate", question) else previous, whole, pending)
    elif asks("overview", question) and not _names_a_topic(question):
        route = Route("overview", slots=whole)
    elif asks("interpretation", question):
        route = Route("interpretation", slots=whole)
    elif asks("validity", question) or (whole.event_date and not whole.money):
        route = Route("validity", slots=whole)
    elif asks("procedure", question):
        route = Route("procedure", slots=whole)
    elif previous is not None and previous.kind == "calculate" and len(question) <= 16:
        route = _merge_follow_up(previous, whole, pending)  # 县里自己要配套多少: a short turn about the same award
    elif asks("greeting", question):
        route = Route("greeting", slots=whole)
    elif len(re.sub(r"[\W\d_]", "", question)) <= 2:  # 多少 / 补 / 申请: too little to tell what is asked
        route = Route("vague", slots=whole)
    elif not load_intents().domain.search(question):
        route = Route("out_of_scope", topic=UNRECOGNISED, slots=whole)
    else:
        route = Route("clause", slots=whole)
    route.premise, route.ceiling, route.yes_no = flags["premise"], flags["ceiling"], flags["yes_no"]
    route.procedure_too = route.kind == "calculate" and asks("procedure", question)
    route.compare = route.kind == "calculate" and asks("compare", question)
    route.per_unit = asks("per_unit", question) and not route.ceiling
    if route.per_unit:
        _one_unit(route)
    _read_conditions(route, question)
    return route


def _one_unit(route: Route) -> None:
    """作品登记每个补多少: the amount for one unit answers it; kept in the facts so a follow-up builds on it."""
    params = load_parameters()
    for facts, item_id in zip(route.facts, route.items, strict=True):
        unit = params.item(item_id).unit_input
        if unit and unit not in facts:
            facts[unit] = 1


def _read_conditions(route: Route, question: str) -> None:
    """What the question says of each award's conditions: a failed one denies the award, two opposite
    statements of one are asked about, the rest are stated as conditions in the answer."""
    for item_id in dict.fromkeys(route.items):
        states = read_conditions(item_id, route.texts.get(item_id, question))
        route.conditions[item_id] = states
        for state in states:
            if state.state == "failed":
                route.unmet.setdefault(item_id, state.condition)
            elif state.state == "conflict" and route.clarify is None:
                route.clarify = f"请确认：{state.said}吗？您的描述里两种说法都有（{state.words}）。"
