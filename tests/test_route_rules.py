"""The router's precedence: an ordered list of named rules, each deciding one kind of question. One row
per rule: a question it decides, and the kind it gives (earlier rules do not claim it)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from assistant.understand import route as routing
from assistant.understand.normalize import clean

AS_OF = dt.date(2022, 6, 1)

RULE_ROWS = [  # rule, question, kind
    pytest.param(routing.out_of_scope, "实用新型专利授权有资助吗", "out_of_scope", id="out_of_scope"),
    pytest.param(routing.unquantified, "风险补偿怎么补", "unquantified", id="unquantified"),
    pytest.param(routing.named_awards, "受让专利合同120万补多少", "calculate", id="named_awards"),
    pytest.param(routing.overview, "有哪些补贴", "overview", id="overview"),
    pytest.param(routing.interpretation, "这个办法由谁解释", "interpretation", id="interpretation"),
    pytest.param(routing.validity, "这个办法现在还有效吗", "validity", id="validity"),
    pytest.param(routing.procedure, "去哪个部门申请", "procedure", id="procedure"),
    pytest.param(routing.greeting, "你好", "greeting", id="greeting"),
    pytest.param(routing.vague, "多少", "vague", id="vague"),
    pytest.param(routing.not_this_policy, "明天去哪里吃饭比较好", "out_of_scope", id="not_this_policy"),
    pytest.param(routing.clause_lookup, "各县要建立什么样的考核制度", "clause", id="clause_lookup"),
]


@pytest.mark.parametrize(("rule", "question", "kind"), RULE_ROWS)
def test_each_rule_decides_its_kind_of_question(rule, question, kind):
    decided = routing.decide(clean(question), AS_OF)
    assert decided.kind == kind
    earlier = routing.RULES[: routing.RULES.index(rule)]
    reading = routing.Reading(clean(question), AS_OF, decided.slots, [], None, None, None)
    assert all(r(reading) is None for r in earlier if r is not routing.named_awards)


def test_follow_up_rules_need_a_calculation_before():
    first = routing.decide("受让专利合同120万补多少", AS_OF)
    follow = routing.decide("那600万呢？", AS_OF, previous=first)
    short = routing.decide("县里要配套吗", AS_OF, previous=first)
    assert (follow.kind, follow.items, follow.facts[0]["contract_yuan"]) == ("calculate", first.items, 6_000_000)
    assert short.kind == "calculate" and routing.decide("那600万呢？", AS_OF).kind != "calculate"


def test_the_rules_are_in_precedence_order():
    names = [r.__name__ for r in routing.RULES]
    assert names[:3] == ["out_of_scope", "unquantified", "named_awards"] and names[-1] == "clause_lookup"
    assert all(r.__doc__ or r.__name__ in {"procedure", "greeting"} for r in routing.RULES)


def test_a_decided_route_cannot_be_changed():
    decided = routing.decide("受让专利合同120万补多少", AS_OF)
    with pytest.raises(dataclasses.FrozenInstanceError):
        decided.kind = "refuse"  # type: ignore[misc]
