"""The question frame: one typed record of what was read, so that a person can check it.

Who asks, each event (the award, its inputs, what the user said of each of its conditions, with the
words it came from), what is asked, the figures the user claimed, and the words read by sound. The
chat shows it as 【我理解的情况】 and the answer JSON as `understood`; staff open the calculator with
the same facts filled in to correct a misreading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.understand.conditions import ConditionState
from assistant.understand.facts import PER_UNIT
from assistant.understand.route import Route
from calculators import inputs_of, load_parameters
from calculators.inputs import APPLICANTS
from calculators.money import plain, yuan
from corpus import clause

_SAID = {"met": "是", "failed": "否", "open": "未说明（按条件列出）", "conflict": "前后说法不一（已请您确认）"}
_ASKED = (("manipulation", "要求改变规则或金额（不予采纳）"), ("ceiling", "最多能得多少"), ("compare", "两项相差多少"),
          ("yes_no", "是否符合条件"), ("procedure_too", "金额及申报程序"), ("per_unit", "每件（个）多少"))  # fmt: skip


@dataclass(frozen=True)
class Fact:
    label: str  # 合同金额, 已登记备案, 申请人
    value: str  # 120万元, 是, 企业
    words: str = ""  # what the user wrote, when it is worth showing (无关联, 一审输了)

    def line(self) -> str:
        return f"{self.label}：{self.value}" + (f"（“{self.words}”）" if self.words and self.words != self.value else "")


@dataclass(frozen=True)
class Event:
    item: str
    award: str  # the award's name and clause
    facts: tuple[Fact, ...]
    inputs: Mapping[str, object] = field(default_factory=dict)  # the calculator's inputs as read

    def to_dict(self) -> dict[str, object]:
        """For the answer JSON (`facts`): what the staff calculator opens with."""
        return {"item": self.item, "inputs": {k: _jsonable(v) for k, v in self.inputs.items()}}


@dataclass(frozen=True)
class Frame:
    kind: str  # what the route does: calculate, out_of_scope, validity …
    applicant: Fact | None
    events: tuple[Event, ...]
    asked: tuple[str, ...]
    claimed: tuple[str, ...]  # figures the user said the award is, checked not used
    corrections: tuple[tuple[str, str], ...]

    def facts(self) -> list[dict[str, object]]:
        return [e.to_dict() for e in self.events if e.item]

    def lines(self) -> list[str]:
        """One Chinese line per fact read, in the order a clerk would check them."""
        out = [self.applicant.line()] if self.applicant else []
        several = len(self.events) > 1
        for event in self.events:
            out.append(f"事项：{event.award}")
            out += [("  " if several else "") + f.line() for f in event.facts]
        out += [f"您提到的金额：{c}（作为说法核对，不作为计算依据）" for c in self.claimed]
        out += [f"用词：“{w}”理解为“{t}”" for w, t in self.corrections]
        out += [f"所问：{a}" for a in self.asked]
        return out


def _jsonable(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _value(name: str, value: object) -> str:
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if name == "applicant":
        return APPLICANTS.get(str(value), str(value))
    if isinstance(value, (list, tuple)):
        return "、".join(_value(name, v) for v in value)
    if name.endswith("_yuan"):
        return yuan(Decimal(str(value)))
    if name.startswith("years"):
        return f"{plain(Decimal(str(value)).quantize(Decimal('0.01')))}年"
    return plain(Decimal(str(value))) if isinstance(value, Decimal | int | float) else str(value)


def _input_facts(item_id: str, facts: Mapping[str, object]) -> list[Fact]:
    labels = {s.name: s.label.split("（")[0] for s in inputs_of(item_id)}
    out = [Fact(labels[k], _value(k, v)) for k, v in facts.items() if k in labels and k != "applicant"]
    if PER_UNIT in facts:
        out.append(Fact("每件金额", _value("per_unit_yuan", facts[PER_UNIT])))
    return out


def _condition_facts(states: tuple[ConditionState, ...]) -> list[Fact]:
    return [Fact(s.said, _SAID[s.state], s.words) for s in states if s.state != "unsaid"]


def read_frame(route: Route) -> Frame:
    """The frame of a decided route: everything it read, as facts a person can check."""
    params = load_parameters()
    events: list[Event] = []
    applicant = None
    # A clause or procedure route names awards without facts to compute: pad, do not zip strictly.
    facts_of = [*route.facts, *[{}] * (len(route.items) - len(route.facts))]
    for n, (item_id, facts) in enumerate(zip(route.items, facts_of, strict=True)):
        item = params.item(item_id)
        award = f"{item.name}（{clause(item.clause).citation.split('“')[0]}）"
        conditions = _condition_facts(route.conditions.get(item_id, ())) if item_id not in route.items[:n] else []
        inputs = {k: v for k, v in facts.items() if not k.startswith("_")}
        events.append(Event(item_id, award, (*_input_facts(item_id, facts), *conditions), inputs))
        if "applicant" in facts and applicant is None:
            applicant = Fact("申请人", _value("applicant", facts["applicant"]))
    if applicant is None and route.slots.applicant:
        applicant = Fact("申请人", _value("applicant", route.slots.applicant))
    if not events and route.kind == "out_of_scope" and route.topic:
        events.append(Event("", f"{route.topic}（本办法未规定）", ()))
    elif not events and route.slots.event_date is not None:
        events.append(Event("", "日期", (Fact("日期", _value("event_date", route.slots.event_date)),)))
    asked = tuple(label for flag, label in _ASKED if getattr(route, flag))
    claimed = tuple(yuan(c) for c in dict.fromkeys(route.slots.claimed))
    return Frame(route.kind, applicant, tuple(events), asked, claimed, route.corrections)
