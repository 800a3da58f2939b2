"""From a decided route to a draft answer: the calculations and the Chinese text for each kind of
question (an amount, a refusal that still states the rule, a clause quoted, 本办法未规定 …). The pipeline
then guards its figures, times it and audits it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from assistant.match.matching import award_of
from assistant.match.table import markdown_rows
from assistant.respond import compose
from assistant.respond.answer import Citation
from assistant.respond.catalogue import limits_text
from assistant.understand.conditions import said_of
from assistant.understand.facts import RANGE_HIGH
from assistant.understand.route import UNRECOGNISED, Route
from calculators import (
    Calculation,
    Combined,
    InvalidInput,
    MissingFacts,
    OutsidePolicy,
    Parameters,
    PolicyError,
    calculate,
    combine,
    period_of,
    validity_notices,
    yearly_ceiling,
    yuan,
)
from calculators.dates import period_message
from corpus import clause


@dataclass(frozen=True, kw_only=True)
class Draft:
    """What a handler produces before timing, guarding and auditing."""

    status: str
    text: str
    citations: tuple[Citation, ...] = ()
    calculations: tuple[Calculation, ...] = ()
    total: Decimal | None = None
    follow_up: str | None = None
    notices: tuple[str, ...] = ()
    pending: str | None = None
    derived: tuple[str, ...] = ()  # texts the system computed (combined steps): sources for the guard
    understood: tuple[str, ...] = ()  # the question frame's facts, one line each
    facts: tuple[dict[str, Any], ...] = ()  # the frame's events as calculator inputs


class Drafter:
    """Builds the Draft for a Route. `top_clauses(question, k)` ranks clauses for questions that name no
    award (retrieval, owned by the pipeline)."""

    def __init__(self, params: Parameters, top_clauses: Callable[[str, int], list[str]]) -> None:
        self.params = params
        self.top_clauses = top_clauses

    def draft(self, route: Route, question: str, as_of: dt.date) -> Draft:
        notices = (*validity_notices(as_of, self.params), *compose.corrections_notice(route.corrections))
        if route.manipulation:
            return self._refusal(route, question, as_of, notices)
        return self._draft_for(route, question, as_of, notices)

    def _draft_for(self, route: Route, question: str, as_of: dt.date, notices: tuple[str, ...]) -> Draft:
        if route.kind == "out_of_scope":
            cites: tuple[Citation, ...] = (compose.cite_clause(route.related_clause),) if route.related_clause else ()
            text = compose.out_of_scope_answer(route.topic or UNRECOGNISED, notices, cites)
            return Draft(status="out_of_scope", text=text, citations=cites, notices=notices)
        if route.kind == "calculate":
            return self._calculate(route, as_of, notices)
        if route.kind == "greeting":  # the example question's figures are ours, not a claim: sources too
            text = compose.greeting_answer(notices)
            return Draft(status="answered", text=text, notices=notices, derived=(text,))
        if route.kind == "vague":
            text = compose.vague_answer()
            return Draft(status="needs_info", text=text, follow_up=compose.VAGUE_FOLLOW_UP, notices=notices,
                         derived=(text,))
        if route.kind == "overview":
            all_cites = tuple(compose.cite_items(list(self.params.items.values())))
            derived = (f"{len(self.params.items)}项",)  # the count of awards, from the parameters
            return Draft(status="answered", text=compose.overview_answer(notices), citations=all_cites,
                         notices=notices, derived=derived)
        return self._lookup(route, question, notices)

    def _refusal(self, route: Route, question: str, as_of: dt.date, notices: tuple[str, ...]) -> Draft:
        """Refuse the manipulation; where the question names an award, still state its true rule and,
        from the facts given, the true amount (a visitor under pressure needs the rule most)."""
        if not route.items:
            return Draft(status="refused", text=compose.refusal_answer(), notices=notices)
        rule = self._draft_for(route, question, as_of, notices)
        text = compose.join(compose.REFUSAL_LEAD, "按本办法的规定，实际情况如下：", rule.text)
        return replace(rule, status="refused", text=text, derived=(*rule.derived, compose.REFUSAL_LEAD))

    def _lookup(self, route: Route, question: str, notices: tuple[str, ...]) -> Draft:
        """Answers quoted from the policy: validity, procedure, interpretation, unquantified, clause."""
        p = self.params.policy
        if route.kind == "unquantified":
            entry = next(u for u in self.params.unquantified if u.id == route.topic)
            cites: tuple[Citation, ...] = (compose.cite_clause(entry.clause, entry.quote),)
            lead = f"本办法对“{entry.name}”未规定具体金额，原文为：{entry.quote}。{compose.where_to_ask()}"
        elif route.kind == "validity":
            cites = (compose.cite_validity(), compose.cite_clause("notice"))
            lead = p.quote_validity
        elif route.kind == "interpretation":
            cites = (compose.cite_clause("closing"),)
            lead = "本办法附则规定如下。"
        elif route.kind == "procedure":
            ids = list(dict.fromkeys(self.params.item(i).clause for i in route.items)) or self.top_clauses(question, 1)
            cites = tuple(compose.cite_clause(c) for c in ids) + (compose.cite_clause("closing"),)
            # 问谁？ names no clause: who to ask is the answer, not the nearest clause.
            applying = not ids or bool(route.items) or bool(re.search(r"申请|申报|办理|材料|流程|手续", question))
            lead = (f"{compose.PROCEDURE}{compose.where_to_ask()}" if applying
                    else f"与您的问题最相关的是本办法{clause(ids[0]).citation}。")
        else:
            ids = list(dict.fromkeys(self.params.item(i).clause for i in route.items)) or self.top_clauses(question, 2)
            if not ids:
                return Draft(status="out_of_scope", text=compose.out_of_scope_answer(UNRECOGNISED, notices),
                             notices=notices)
            cites = tuple(compose.cite_clause(c) for c in ids)
            lead = f"与您的问题最相关的是本办法{clause(ids[0]).citation}。"
        return Draft(status="answered", text=compose.quoted_answer(lead, cites, notices), citations=cites,
                     notices=notices)

    def _calculate(self, route: Route, as_of: dt.date, notices: tuple[str, ...]) -> Draft:
        calcs: list[Calculation] = []
        missing: list[MissingFacts] = []
        outside: list[tuple[str, OutsidePolicy]] = []
        slots = route.slots
        if route.clarify:
            return Draft(status="needs_info", text=route.clarify, follow_up=route.clarify, notices=notices,
                         derived=(route.clarify,))
        if slots.negative_money or slots.absurd:
            return Draft(status="needs_info", text="金额不能为负数或科学计数法等不合理数值，请核对后重新输入。",
                         follow_up="请问实际金额是多少（元或万元）？", notices=notices)
        for item_id, facts in zip(route.items, route.facts, strict=True):
            if item_id in route.unmet:
                name = self.params.item(item_id).name
                message = f"按您所说的情况，不符合“{route.unmet[item_id]}”这一条件，不能获得“{name}”。"
                outside.append((item_id, OutsidePolicy(message)))
                continue
            high = facts.get(RANGE_HIGH)
            facts = {k: v for k, v in facts.items() if not k.startswith("_")}  # route-only notes (per-unit fee)
            try:
                calc = calculate(item_id, facts, self.params)
                if high is not None:
                    calc = self._over_range(calc, facts, high)
                calcs.append(calc)
            except MissingFacts as exc:
                missing.append(exc)
            except OutsidePolicy as exc:
                outside.append((item_id, exc))
            except InvalidInput as exc:
                return Draft(status="needs_info", text=exc.user_message, follow_up="请核对后重新输入。", notices=notices,
                             derived=(exc.user_message,))
        cites = self._citations(route)
        if not calcs:
            return self._no_calculation(route, missing, outside, cites, notices)
        combined = combine(calcs, self.params)
        # A figure the user claims (听说补2万) is confirmed or corrected, never repeated when wrong.
        amounts = {k.amount_yuan for k in combined.calculations}
        premise_ok = all(c in amounts for c in slots.claimed) if slots.claimed else None
        notes = tuple(n for c in combined.calculations for n in c.notes)
        comparison = self._comparison(route, combined)
        if comparison:  # 差多少: the two amounts and their difference; a sum would answer another question
            combined = replace(combined, total_yuan=None)
        procedure = (compose.PROCEDURE + compose.where_to_ask(),) if route.procedure_too else ()
        all_notices = (*notices, *notes, *(m.user_message + m.follow_up for m in missing),
                       *(o.user_message for _, o in outside), *procedure, compose.AUTHORITY)
        avoid = (*slots.claimed, *self._demanded(route, combined.calculations)) if premise_ok is False else ()
        # Under pressure the true amount and steps are given; the clause is cited, its tiers not reprinted
        # (a tier the demanded figure falls in would read as agreement).
        text = compose.calculation_answer(combined, premise_ok, all_notices, comparison, avoid,
                                          quote=not route.manipulation, table=self._year_table(route, combined))
        follow_up = missing[0].follow_up if missing else None
        return Draft(status="answered", text=text, citations=cites, calculations=combined.calculations,
                     total=combined.total_yuan, follow_up=follow_up, notices=all_notices,
                     pending=missing[0].missing if missing else None, derived=(*combined.steps, comparison))

    def _over_range(self, low: Calculation, facts: dict[str, object], high: object) -> Calculation:
        """An amount given as a range: when both ends give the same award, that is the answer; otherwise the
        exact figure is needed (MissingFacts names both results, so the visitor sees what is at stake)."""
        item = self.params.item(low.item)
        top = calculate(item.id, {**facts, item.base_input or "": high}, self.params)
        span = f"{yuan(Decimal(str(facts[item.base_input or '']))) }至{yuan(Decimal(str(high)))}"
        if top.amount_yuan == low.amount_yuan:
            return replace(low, steps=(f"{item.base_label or '金额'}在{span}之间，两端补助相同", *low.steps))
        raise MissingFacts(
            f"{item.base_label or '金额'}在{span}之间时，补助在{yuan(low.amount_yuan)}至{yuan(top.amount_yuan)}之间。",
            item=item.id, missing=item.base_input or "", follow_up="请问确切的金额是多少？")

    def _demanded(self, route: Route, calcs: tuple[Calculation, ...]) -> tuple[Decimal, ...]:
        """Under pressure, what the figures the user wants written in (写成600万) would bring: never
        printed, not even inside a quote, so the answer cannot read as agreement."""
        if not route.manipulation:
            return ()
        out: list[Decimal] = []
        for calc in calcs:
            base = self.params.item(calc.item).base_input
            if base is None:
                continue
            for claimed in route.slots.claimed:
                try:
                    out.append(calculate(calc.item, {**calc.inputs, base: claimed}, self.params).amount_yuan)
                except PolicyError:
                    continue
        return tuple(out)

    def _year_table(self, route: Route, combined: Combined) -> list[str]:
        """Several awards in one question (a year's patents, contracts, lawsuits…): the 政策体检 table, so
        the chat and the 体检 tab show the same rows. Not for a comparison, nor under pressure."""
        if len({c.item for c in combined.calculations}) < 2 or route.compare or route.manipulation:
            return []
        return markdown_rows([award_of(c, said=said_of(route.conditions.get(c.item, ())), params=self.params)
                              for c in combined.calculations])  # fmt: skip

    @staticmethod
    def _comparison(route: Route, combined: Combined) -> str:
        exact = [c for c in combined.calculations if c.kind == "exact"]
        if not route.compare or len(exact) != 2:
            return ""
        (a, b) = exact
        high, low = (a, b) if a.amount_yuan >= b.amount_yuan else (b, a)
        return f"两项相差{yuan(high.amount_yuan - low.amount_yuan)}（{high.name}较多）。"

    def _no_calculation(self, route: Route, missing: list[MissingFacts], outside: list[tuple[str, OutsidePolicy]],
                        cites: tuple[Citation, ...], notices: tuple[str, ...]) -> Draft:
        if outside:
            item_id, outside_exc = outside[0]
            text = compose.outside_answer(self.params.item(item_id), outside_exc.user_message, notices)
            return Draft(status="answered", text=text, citations=cites, notices=notices,
                         derived=(outside_exc.user_message,))
        exc = missing[0]
        item = self.params.item(exc.item)
        ceiling = yearly_ceiling(item.id, self.params, route.slots.applicant) if route.ceiling else None
        if ceiling is not None:  # 最多能补多少: the yearly ceiling answers it; the exact figure needs the fact
            combined = combine([ceiling], self.params)
            all_notices = (*notices, exc.user_message + exc.follow_up, compose.AUTHORITY)
            text = compose.calculation_answer(combined, None, all_notices)
            return Draft(status="answered", text=text, citations=cites, calculations=combined.calculations,
                         follow_up=exc.follow_up, notices=all_notices, pending=exc.missing,
                         derived=(exc.user_message,))
        lead = exc.user_message
        if route.premise:
            lead = f"这个说法不准确：本项并非固定金额，而是按条款规定计算。{lead}"
        event = route.slots.event_date
        if event is not None and period_of(item.id, event, self.params) == "retroactive":
            notices = (*notices, period_message(item.name, event, "retroactive", self.params))
        text = compose.needs_info_answer(item, lead, exc.follow_up, notices)
        derived = tuple(m.user_message for m in missing)
        # A corrected claim, or a yes/no question about a condition (a date, 还是…), is answered by the
        # rule itself; a bare 能补多少 / 能补吗 needs the missing fact.
        slots = route.slots
        about_condition = (slots.event_date is not None or slots.applicant is not None
                           or slots.funded_this_year is not None or "还是" in slots.text)
        # 个人一年最多资助几件: the limit the clause sets answers a ceiling question on a count.
        counted_limit = route.ceiling and bool(limits_text(item))
        status = "answered" if route.premise or (route.yes_no and about_condition) or counted_limit else "needs_info"
        return Draft(status=status, text=text, citations=cites, follow_up=exc.follow_up, notices=notices,
                     pending=exc.missing, derived=derived)

    def _citations(self, route: Route) -> tuple[Citation, ...]:
        """The items' clauses, most relevant first; when the question dates its event, the closing
        paragraph (the period of validity) follows them."""
        cites = compose.cite_items([self.params.item(i) for i in dict.fromkeys(route.items)])
        if route.slots.event_date is not None:
            cites.append(compose.cite_validity())
        return tuple(cites)

