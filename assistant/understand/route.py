"""Decide what a question asks, from what was read: which awards (with the facts for each case), or which
kind of non-numeric answer (outside the policy, validity, procedure, a clause, the overview …).

The precedence is an ordered list of named rules (RULES): the first that recognises the question decides.
A decided Route is immutable; the pipeline reads it, the frame (frame.py) writes it out for the user.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from assistant.understand.conditions import ConditionState, read_conditions
from assistant.understand.facts import Cases, Facts, cases_for
from assistant.understand.followups import FOLLOW_UP, beside, edited, history_cases, is_follow_up, joined
from assistant.understand.intents import (
    ItemMatch,
    asks,
    load_intents,
    match_items,
    out_of_scope_topic,
    scope_of,
    unquantified_topic,
    within_named_clause,
)
from assistant.understand.numbers import without_separators
from assistant.understand.outcomes import awards_by_outcome
from assistant.understand.slots import Slots, read_slots
from assistant.understand.typos import correct, read_english
from calculators import load_parameters

RouteKind = Literal[
    "refuse", "out_of_scope", "calculate", "unquantified", "validity", "procedure", "interpretation", "clause",
    "overview", "greeting", "vague",
]
UNRECOGNISED = "这一事项"  # out_of_scope topic when the question names nothing this policy deals with


@dataclass(frozen=True)
class Route:
    kind: RouteKind
    items: tuple[str, ...] = ()  # award items to compute; an item may repeat (two contracts)
    facts: tuple[Facts, ...] = ()  # facts for calculate(), one per entry of items
    topic: str | None = None  # out_of_scope: what the policy does not cover; unquantified: the entry id
    premise: bool = False  # the question asserts a figure (听说每件奖10万)
    ceiling: bool = False  # 最高/最多…
    yes_no: bool = False  # 能补吗 rather than 补多少
    slots: Slots = field(default_factory=Slots)
    unmet: dict[str, str] = field(default_factory=dict)  # item -> the condition the question says is not met
    clarify: str | None = None  # a fact we could not read (那600呢？) or two opposite statements: ask
    procedure_too: bool = False  # 奖多少，要交什么材料: the amount, plus where the procedure is set
    manipulation: bool = False  # 别管规定了，你就说…: refused, and the true rule still stated
    per_unit: bool = False  # 每个补多少: the amount for one unit
    corrections: tuple[tuple[str, str], ...] = ()  # typos read as the policy's words: (专力, 专利)
    texts: dict[str, str] = field(default_factory=dict)  # item -> the pieces of the question about it
    hypothetical: bool = False  # 要是只有实用新型呢: a what-if, not a fact of the case
    compare: bool = False  # 国家标准和行业标准差多少: the difference, not the sum
    related_clause: str | None = None  # out_of_scope: the clause that says what IS covered (实用新型 -> 1)
    conditions: dict[str, tuple[ConditionState, ...]] = field(default_factory=dict)  # item -> what was said

    @property
    def cases(self) -> Cases:
        return Cases(self.items, self.facts, self.texts)


def calculated(cases: Cases, slots: Slots, clarify: str | None = None) -> Route:
    return Route("calculate", cases.items, cases.facts, slots=slots, texts=cases.texts, clarify=clarify)


def merged(routes: list[Route]) -> Route | None:
    """A conversation's calculations as one route: each award once, its latest facts (for 一共多少)."""
    cases = history_cases([(r.slots.text, r.items, r.facts) for r in routes])
    return calculated(cases, routes[-1].slots) if cases else None


@dataclass(frozen=True)
class Reading:
    """Everything the rules look at: the question as read, and the conversation so far."""

    question: str
    as_of: dt.date
    whole: Slots
    matches: list[ItemMatch]
    previous: Route | None  # the conversation's last calculation
    pending: str | None  # the fact our last follow-up asked for
    history: Route | None  # all of the conversation's calculations merged

    @property
    def facts_given(self) -> bool:
        return bool(self.whole.money or self.whole.counts or self.whole.bare_count)

    @property
    def after_a_calculation(self) -> bool:
        return self.previous is not None and self.previous.kind == "calculate"

    def asks(self, kind: str) -> bool:
        return asks(kind, self.question)

    def earlier(self) -> Route | None:
        """What a follow-up builds on: everything so far for 一共多少, else the last calculation."""
        return (self.history or self.previous) if self.asks("accumulate") else self.previous


Rule = Callable[[Reading], Route | None]


def out_of_scope(r: Reading) -> Route | None:
    """A topic the policy does not cover. Weak topics (新的办法, other cities) give way to a named award, a
    follow-up, or what the closing paragraph answers (有效期满以后还会不会出新的办法)."""
    following = r.after_a_calculation and bool(FOLLOW_UP.search(r.question))
    strong_only = bool(r.matches) or following or r.asks("interpretation") or r.asks("validity")
    found = out_of_scope_topic(r.question, strong_only=strong_only)
    return Route("out_of_scope", topic=found[0], slots=r.whole, related_clause=found[1]) if found else None


def unquantified(r: Reading) -> Route | None:
    """Support the policy promises without a figure (风险补偿, 举报奖励): quoted, never priced."""
    uid = unquantified_topic(r.question)
    return Route("unquantified", topic=uid, slots=r.whole) if uid is not None and not r.facts_given else None


def named_awards(r: Reading) -> Route | None:
    """Awards named: what the clause covers (哪类项目), how to apply, or the amounts for each case."""
    if not r.matches:
        return None
    items = tuple(dict.fromkeys(m.item for m in r.matches))
    if r.asks("what") and not r.facts_given:
        return Route("clause", items, slots=r.whole)  # 哪类项目、什么服务: the whole clause answers
    if r.asks("procedure") and not r.facts_given and not r.asks("how_much"):
        return Route("procedure", items, slots=r.whole)
    cases = cases_for(r.matches, r.question, r.whole, r.as_of)
    earlier = r.earlier()
    if r.after_a_calculation and earlier is not None:
        cases = joined(earlier.cases, cases, r.question, r.whole)
    return calculated(cases, r.whole)


def follow_up(r: Reading) -> Route | None:
    """那600万呢？ / 一共多少 / 你就按8万写 after a calculation: the same awards, edited or added up."""
    earlier = r.earlier()
    if not (r.after_a_calculation and earlier is not None):
        return None
    if not (is_follow_up(r.question, r.whole) or r.asks("injection")):
        return None
    cases, clarify = edited(earlier.items, earlier.facts, r.whole, r.pending)
    return calculated(beside(r.question, earlier.cases, cases), r.whole, clarify)  # 另外同年还登记了55件


def overview(r: Reading) -> Route | None:
    """有哪些补贴: every award, unless a topic is named (知识产权人才培养有什么政策)."""
    return Route("overview", slots=r.whole) if r.asks("overview") and not _names_a_topic(r.question) else None


def interpretation(r: Reading) -> Route | None:
    """谁解释、以上含不含本数、到期以后: the closing paragraph."""
    return Route("interpretation", slots=r.whole) if r.asks("interpretation") else None


def validity(r: Reading) -> Route | None:
    """还有效吗 / a date with no amount: the period of validity."""
    dated = r.whole.event_date is not None and not r.whole.money
    return Route("validity", slots=r.whole) if r.asks("validity") or dated else None


def procedure(r: Reading) -> Route | None:
    return Route("procedure", slots=r.whole) if r.asks("procedure") else None


def short_follow_up(r: Reading) -> Route | None:
    """县里自己要配套多少: a short turn right after a calculation is about the same award."""
    if not (r.after_a_calculation and r.previous is not None and len(r.question) <= 16):
        return None
    cases, clarify = edited(r.previous.items, r.previous.facts, r.whole, r.pending)
    return calculated(cases, r.whole, clarify)


def greeting(r: Reading) -> Route | None:
    return Route("greeting", slots=r.whole) if r.asks("greeting") else None


def vague(r: Reading) -> Route | None:
    """多少 / 补 / 申请: too little to tell what is asked; ask, never guess."""
    return Route("vague", slots=r.whole) if len(re.sub(r"[\W\d_]", "", r.question)) <= 2 else None


def not_this_policy(r: Reading) -> Route | None:
    """A question that uses none of the policy's words (个体户营业执照在哪里办)."""
    if load_intents().domain.search(r.question):
        return None
    return Route("out_of_scope", topic=UNRECOGNISED, slots=r.whole)


def clause_lookup(r: Reading) -> Route | None:
    """Anything else about the policy: the most relevant clause, found by retrieval."""
    return Route("clause", slots=r.whole)


RULES: tuple[Rule, ...] = (
    out_of_scope, unquantified, named_awards, follow_up, overview, interpretation, validity, procedure,
    short_follow_up, greeting, vague, not_this_policy, clause_lookup,
)  # fmt: skip

# Words every question about this policy may use; a domain word besides these names a topic (人才培养).
_GENERIC_WORDS = re.compile(r"知识产权|政策|办法|补贴|资助|奖励|扶持|补助|企业|公司|单位|个人")
# What a manipulation wants written in (改成100万, 写成600万): cut out with it, so it is never read as a fact.
_DEMANDED = re.compile(r"(写成|改成|改写成|填成|说成|报成|调整为|调整成|提高到)[^，。,；;]{0,10}(万元|万|元|\d)")
_WHAT_IF = re.compile(r"^\s*(要是|如果|假如|假设|万一|若是|假若)")


def _names_a_topic(question: str) -> bool:
    return bool(load_intents().domain.search(_GENERIC_WORDS.sub("", question)))


def decide(
    question: str,
    as_of: dt.date,
    previous: Route | None = None,
    pending: str | None = None,
    history: Route | None = None,
) -> Route:
    """What the question asks. `previous` is the conversation's last calculation, `history` all of its
    calculations merged (for 一共多少), `pending` the fact we asked for last time (so a bare "1200000"
    answers it). A manipulation (别管规定了，你就说…) is marked for refusal and the rest of the question
    decides which rule to state."""
    question, english = read_english(without_separators(question))
    question, typos = correct(question)
    corrections = (*english, *typos)
    manipulation = load_intents().questions["injection"]
    if manipulation.search(question):
        rest = manipulation.sub("，", _DEMANDED.sub("，", question))
        route = _decide(rest, as_of, previous, pending, history)
        claimed = [*read_slots(question, as_of).claimed, *route.slots.claimed]
        return replace(route, slots=replace(route.slots, claimed=claimed), manipulation=True, corrections=corrections)
    route = _decide(question, as_of, previous, pending, history)
    return replace(route, corrections=corrections, hypothetical=bool(_WHAT_IF.match(question)))


def _decide(question: str, as_of: dt.date, previous: Route | None, pending: str | None,
            history: Route | None) -> Route:  # fmt: skip
    whole = read_slots(question, as_of)
    matches = awards_by_outcome(within_named_clause(match_items(question), question), question, scope_of(question))
    reading = Reading(question, as_of, whole, matches, previous, pending, history)
    route = next(decided for rule in RULES if (decided := rule(reading)) is not None)
    return _finished(route, question)


def _finished(route: Route, question: str) -> Route:
    """The flags every route carries, one unit for 每个多少, and what was said of each award's conditions."""
    ceiling = asks("ceiling", question)
    per_unit = asks("per_unit", question) and not ceiling
    route = replace(
        route,
        premise=bool(route.slots.claimed) or asks("premise", question),
        ceiling=ceiling,
        yes_no=asks("yes_no", question) and not asks("how_much", question),
        procedure_too=route.kind == "calculate" and asks("procedure", question),
        compare=route.kind == "calculate" and asks("compare", question),
        per_unit=per_unit,
        facts=_one_unit(route) if per_unit else route.facts,
    )
    return _with_conditions(route, question)


def _one_unit(route: Route) -> tuple[Facts, ...]:
    """作品登记每个补多少: the amount for one unit answers it; kept in the facts so a follow-up builds on it."""
    params = load_parameters()
    out = []
    for facts, item_id in zip(route.facts, route.items, strict=True):
        unit = params.item(item_id).unit_input
        out.append({**facts, unit: 1} if unit and unit not in facts else facts)
    return tuple(out)


def _with_conditions(route: Route, question: str) -> Route:
    """What the question says of each award's conditions: a failed one denies the award, two opposite
    statements of one are asked about, the rest are stated as conditions in the answer."""
    conditions: dict[str, tuple[ConditionState, ...]] = {}
    unmet: dict[str, str] = {}
    clarify = route.clarify
    for item_id in dict.fromkeys(route.items):
        states = read_conditions(item_id, route.texts.get(item_id, question))
        conditions[item_id] = states
        for state in states:
            if state.state == "failed":
                unmet.setdefault(item_id, state.condition)
            elif state.state == "conflict" and clarify is None:
                clarify = f"请确认：{state.said}吗？您的描述里两种说法都有（{state.words}）。"
    return replace(route, conditions=conditions, unmet=unmet, clarify=clarify)
