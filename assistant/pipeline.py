"""ask(): one question in, one Answer out. Deterministic by default: routing (route.py), calculators,
composition (compose.py), the number guard (guard.py), the audit log (audit.py)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
import uuid
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from assistant.conversation import Conversation
from assistant.llm.reader import held_to_the_reader
from assistant.respond import compose
from assistant.respond.answer import Answer, Citation
from assistant.respond.catalogue import limits_text
from assistant.respond.guard import unsupported_numbers
from assistant.settings import Settings
from assistant.understand.facts import RANGE_HIGH
from assistant.understand.frame import read_frame
from assistant.understand.intents import asks
from assistant.understand.normalize import MAX_QUESTION_CHARS, clean
from assistant.understand.route import UNRECOGNISED, Route, decide, merged
from calculators import (
    Calculation,
    InvalidInput,
    MissingFacts,
    OutsidePolicy,
    PolicyError,
    calculate,
    combine,
    load_parameters,
    period_of,
    validity_notices,
    yearly_ceiling,
    yuan,
)
from calculators.dates import period_message
from corpus import clause

log = logging.getLogger(__name__)
# Every error the safety net in ask() turned into an apology. A visitor never sees a traceback, but a bug
# must not hide there: the tests fail when this grows in a test that did not expect it, and the fuzz
# and the bench report it.
CAUGHT: list[str] = []
RUNNER_UP_SHARE = 0.6  # a second clause is cited when its BM25 score is at least this share of the first


@dataclass(frozen=True)
class Draft:
    """What a handler produces before timing, guarding and auditing."""

    status: str
    text: str
    citations: tuple[Citation, ...] = ()
    calculations: tuple[Calculation, ...] = ()
    total: Any = None
    follow_up: str | None = None
    notices: tuple[str, ...] = ()
    pending: str | None = None
    derived: tuple[str, ...] = ()  # texts the system computed (combined steps): sources for the guard
    understood: tuple[str, ...] = ()  # the question frame's facts, one line each
    facts: tuple[dict[str, Any], ...] = ()  # the frame's events as calculator inputs


def _check_question(question: object) -> str | None:
    """A Chinese message when the input is not a question we can read, else None."""
    if not isinstance(question, str):
        return "请输入文字形式的问题，例如“专利转让合同120万元能补多少？”。"
    if "\x00" in question or sum(not ch.isprintable() and ch not in "\n\t" for ch in question) > 8:
        return "输入包含无法识别的字符，请用中文文字重新描述您的问题。"
    if not clean(question):
        return "请输入您的问题，例如“专利转让合同120万元能补多少？”。"
    if (not re.search(r"[\u4e00-\u9fff]", question) and re.search(r"[A-Za-z]{3,}", question)
            and not asks("injection", question)):  # an English injection is refused, not redirected
        return "本助手只支持中文提问，请用中文描述您的问题，例如“专利转让合同120万元能补多少？”。"
    if len(question) > MAX_QUESTION_CHARS:
        return f"问题过长（超过{MAX_QUESTION_CHARS}字），请精简为一两句话后再问。"
    return None


class Assistant:
    """Read-only after construction; safe to share between threads."""

    def __init__(self, settings: Settings | None = None, llm: Any = None) -> None:
        self.settings = settings or Settings.from_env()
        self.params = load_parameters()
        self._retriever: Any = None
        self._audit: Any = None
        self._lock = threading.Lock()
        if llm is None:
            from assistant.llm.layer import build_llm

            llm = build_llm(self.settings)
        self.llm = llm  # None by default: the deterministic router and composer answer alone

    # -- shared resources, built on first use ---------------------------------------------------
    @property
    def retriever(self) -> Any:
        if self._retriever is None:
            with self._lock:
                if self._retriever is None:
                    from assistant.retrieval.retrieve import Retriever

                    self._retriever = Retriever(self.settings)
        return self._retriever

    @property
    def audit(self) -> Any:
        if self._audit is None:
            with self._lock:
                if self._audit is None:
                    from assistant.audit.log import AuditLog

                    self._audit = AuditLog(self.settings.resolved_audit_url, redact=self.settings.audit_redact)
        return self._audit

    def health(self) -> dict[str, bool]:
        """What /api/health reports: the retrieval index is ready (after warm-up) and the audit log
        takes rows (none waiting in memory, and the table answers)."""
        index_ready = self._retriever is not None and bool(self._retriever.ready)
        try:
            self.audit.count()
            audit_writable = self.audit.pending == 0
        except Exception:  # AuditUnavailable, or a database that is away: reported, not raised
            audit_writable = False
        return {"index_ready": index_ready, "audit_writable": audit_writable}

    # -- the one entry point ------------------------------------------------------------------
    def ask(self, question: object, *, as_of: dt.date | None = None, conversation: Conversation | None = None) -> Answer:
        started = time.perf_counter()
        as_of = as_of or dt.date.today()
        route: Route | None = None
        problem = _check_question(question)
        text = clean(question) if isinstance(question, str) and problem is None else ""
        try:
            if problem:
                draft = Draft("needs_info", problem, follow_up="请重新输入您的问题。", derived=(problem,))
            elif conversation is not None:
                with conversation.lock:
                    route = self._route(text, as_of, conversation)
                    draft = self._read_and_drafted(route, text, as_of)
                    answer = self._finish(draft, text, as_of, route, started)
                    conversation.remember(text, route, answer, draft.pending)
                    return self._record(answer)
            else:
                route = self._route(text, as_of, None)
                draft = self._read_and_drafted(route, text, as_of)
        except Exception as exc:  # no traceback reaches a visitor; the log keeps it, and CAUGHT counts it
            log.exception("ask failed for %r", text[:200])
            CAUGHT.append(f"{type(exc).__name__}: {exc} (question {text[:60]!r})")
            draft = Draft("needs_info", f"抱歉，系统暂时无法回答这个问题。{compose.where_to_ask()}")
        return self._record(self._finish(draft, text, as_of, route, started))

    def _read_and_drafted(self, route: Route, text: str, as_of: dt.date) -> Draft:
        """The draft for a route, with the frame's lines of what was read (shown as 我理解的情况)."""
        draft = self._draft(route, route.slots.text or text, as_of)
        frame = read_frame(route)
        return replace(draft, understood=tuple(frame.lines()), facts=tuple(frame.facts()))

    def _route(self, text: str, as_of: dt.date, conversation: Conversation | None) -> Route:
        """The deterministic route; where it finds no award, an optional LLM may propose calculator calls."""
        if conversation is None:
            route = decide(text, as_of)
        else:
            history = merged(conversation.calculations)
            route = decide(text, as_of, conversation.last_calculation, conversation.pending, history)
        unrecognised = route.kind == "clause" or (route.kind == "out_of_scope" and route.topic == UNRECOGNISED)
        if self.llm is None or not unrecognised or route.items:
            return route
        try:
            calls = self.llm.route(text)
        except Exception:  # noqa: BLE001 (a failing model must not fail the question)
            log.warning("LLM routing failed; deterministic answer kept", exc_info=True)
            return route
        said = [text, *(turn["question"] for turn in (conversation.turns if conversation else []))]
        calls, dropped = held_to_the_reader(calls, said)
        if dropped:
            log.warning("LLM proposed figures the question does not contain; dropped %s", dropped)
        if calls:
            route = replace(route, kind="calculate", items=tuple(c[0] for c in calls), facts=tuple(c[1] for c in calls))
        return route

    # -- handlers by route ------------------------------------------------------------------------
    def _draft(self, route: Route, question: str, as_of: dt.date) -> Draft:
        notices = (*validity_notices(as_of, self.params), *compose.corrections_notice(route.corrections))
        if route.manipulation:
            return self._refusal(route, question, as_of, notices)
        return self._draft_for(route, question, as_of, notices)

    def _draft_for(self, route: Route, question: str, as_of: dt.date, notices: tuple[str, ...]) -> Draft:
        if route.kind == "out_of_scope":
            cites = (compose.cite_clause(route.related_clause),) if route.related_clause else ()
            text = compose.out_of_scope_answer(route.topic or UNRECOGNISED, notices, cites)
            return Draft("out_of_scope", text, cites, notices=notices)
        if route.kind == "calculate":
            return self._calculate(route, as_of, notices)
        if route.kind == "greeting":  # the example question's figures are ours, not a claim: sources too
            text = compose.greeting_answer(notices)
            return Draft("answered", text, notices=notices, derived=(text,))
        if route.kind == "vague":
            text = compose.vague_answer()
            return Draft("needs_info", text, follow_up=compose.VAGUE_FOLLOW_UP, notices=notices, derived=(text,))
        if route.kind == "overview":
            cites = tuple(compose.cite_items(list(self.params.items.values())))
            derived = (f"{len(self.params.items)}项",)  # the count of awards, from the parameters
            return Draft("answered", compose.overview_answer(notices), cites, notices=notices, derived=derived)
        return self._lookup(route, question, notices)

    def _refusal(self, route: Route, question: str, as_of: dt.date, notices: tuple[str, ...]) -> Draft:
        """Refuse the manipulation; where the question names an award, still state its true rule and,
        from the facts given, the true amount (a visitor under pressure needs the rule most)."""
        if not route.items:
            return Draft("refused", compose.refusal_answer(), notices=notices)
        rule = self._draft_for(route, question, as_of, notices)
        text = compose.join(compose.REFUSAL_LEAD, "按本办法的规定，实际情况如下：", rule.text)
        return replace(rule, status="refused", text=text, derived=(*rule.derived, compose.REFUSAL_LEAD))

    def _lookup(self, route: Route, question: str, notices: tuple[str, ...]) -> Draft:
        """Answers quoted from the policy: validity, procedure, interpretation, unquantified, clause."""
        p = self.params.policy
        if route.kind == "unquantified":
            entry = next(u for u in self.params.unquantified if u.id == route.topic)
            cites = (compose.cite_clause(entry.clause, entry.quote),)
            lead = f"本办法对“{entry.name}”未规定具体金额，原文为：{entry.quote}。{compose.where_to_ask()}"
        elif route.kind == "validity":
            cites = (compose.cite_validity(), compose.cite_clause("notice"))
            lead = p.quote_validity
        elif route.kind == "interpretation":
            cites = (compose.cite_clause("closing"),)
            lead = "本办法附则规定如下。"
        elif route.kind == "procedure":
            ids = list(dict.fromkeys(self.params.item(i).clause for i in route.items)) or self._top_clauses(question, 1)
            cites = tuple(compose.cite_clause(c) for c in ids) + (compose.cite_clause("closing"),)
            # 问谁？ names no clause: who to ask is the answer, not the nearest clause.
            applying = not ids or bool(route.items) or bool(re.search(r"申请|申报|办理|材料|流程|手续", question))
            lead = (f"{compose.PROCEDURE}{compose.where_to_ask()}" if applying
                    else f"与您的问题最相关的是本办法{clause(ids[0]).citation}。")
        else:
            ids = list(dict.fromkeys(self.params.item(i).clause for i in route.items)) or self._top_clauses(question, 2)
            if not ids:
                return Draft("out_of_scope", compose.out_of_scope_answer(UNRECOGNISED, notices), notices=notices)
            cites = tuple(compose.cite_clause(c) for c in ids)
            lead = f"与您的问题最相关的是本办法{clause(ids[0]).citation}。"
        return Draft("answered", compose.quoted_answer(lead, cites, notices), cites, notices=notices)

    def _top_clauses(self, question: str, k: int) -> list[str]:
        # Some question word must match the clause: a dense neighbour alone is no evidence (English model).
        hits = [h for h in self.retriever.search(question, k=k) if h.bm25_score > 0]
        # A runner-up is cited only when it matches nearly as well; otherwise it is noise to a visitor.
        return [h.clause_id for h in hits if h.bm25_score >= RUNNER_UP_SHARE * hits[0].bm25_score]

    def _calculate(self, route: Route, as_of: dt.date, notices: tuple[str, ...]) -> Draft:
        calcs: list[Calculation] = []
        missing: list[MissingFacts] = []
        outside: list[tuple[str, OutsidePolicy]] = []
        slots = route.slots
        if route.clarify:
            return Draft("needs_info", route.clarify, follow_up=route.clarify, notices=notices, derived=(route.clarify,))
        if slots.negative_money or slots.absurd:
            return Draft("needs_info", "金额不能为负数或科学计数法等不合理数值，请核对后重新输入。",
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
                return Draft("needs_info", exc.user_message, follow_up="请核对后重新输入。", notices=notices,
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
                                          quote=not route.manipulation)
        follow_up = missing[0].follow_up if missing else None
        return Draft("answered", text, cites, combined.calculations, combined.total_yuan, follow_up,
                     all_notices, missing[0].missing if missing else None, (*combined.steps, comparison))

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
            for claimed in route.slots.claimed if base else ():
                try:
                    out.append(calculate(calc.item, {**calc.inputs, base: claimed}, self.params).amount_yuan)
                except PolicyError:
                    continue
        return tuple(out)

    @staticmethod
    def _comparison(route: Route, combined: Any) -> str:
        exact = [c for c in combined.calculations if c.kind == "exact"]
        if not route.compare or len(exact) != 2:
            return ""
        (a, b) = exact
        high, low = (a, b) if a.amount_yuan >= b.amount_yuan else (b, a)
        return f"两项相差{yuan(high.amount_yuan - low.amount_yuan)}（{high.name}较多）。"

    def _no_calculation(self, route: Route, missing: list[MissingFacts], outside: list[tuple[str, OutsidePolicy]],
                        cites: tuple[Citation, ...], notices: tuple[str, ...]) -> Draft:
        if outside:
            item_id, exc = outside[0]
            text = compose.outside_answer(self.params.item(item_id), exc.user_message, notices)
            return Draft("answered", text, cites, notices=notices, derived=(exc.user_message,))
        exc = missing[0]
        item = self.params.item(exc.item)
        ceiling = yearly_ceiling(item.id, self.params, route.slots.applicant) if route.ceiling else None
        if ceiling is not None:  # 最多能补多少: the yearly ceiling answers it; the exact figure needs the fact
            combined = combine([ceiling], self.params)
            all_notices = (*notices, exc.user_message + exc.follow_up, compose.AUTHORITY)
            text = compose.calculation_answer(combined, None, all_notices)
            return Draft("answered", text, cites, combined.calculations, None, exc.follow_up, all_notices,
                         exc.missing, derived=(exc.user_message,))
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
        return Draft(status, text, cites, follow_up=exc.follow_up, notices=notices, pending=exc.missing,
                     derived=derived)

    def _citations(self, route: Route) -> tuple[Citation, ...]:
        """The items' clauses, most relevant first; when the question dates its event, the closing
        paragraph (the period of validity) follows them."""
        cites = compose.cite_items([self.params.item(i) for i in dict.fromkeys(route.items)])
        if route.slots.event_date is not None:
            cites.append(compose.cite_validity())
        return tuple(cites)

    # -- timing, guard, audit -------------------------------------------------------------------
    def _finish(
        self, draft: Draft, question: str, as_of: dt.date, route: Route | None, started: float
    ) -> Answer:
        sources = [
            question,
            *draft.notices,
            *(c.quote for c in draft.citations),
            *(clause(c.clause).text for c in draft.citations),
            *(str(c.to_dict()) for c in draft.calculations),
            *draft.derived,
        ]
        text = self._rephrased(question, draft, sources)
        bad = unsupported_numbers(text, sources)
        if bad:  # never reached by the deterministic composer; a safety net for phrasing changes and LLMs
            log.error("guard stopped unsupported figures %s in answer to %r", bad, question[:200])
            text = f"抱歉，系统未能核实答案中的数字，为避免误导不作回答。{compose.where_to_ask()}"
            draft = replace(draft, status="needs_info", calculations=(), total=None)
        return Answer(
            status=draft.status,  # type: ignore[arg-type]
            answer=text,
            citations=draft.citations,
            calculations=draft.calculations,
            total_yuan=draft.total,
            follow_up=draft.follow_up,
            notices=draft.notices,
            elapsed_ms=(time.perf_counter() - started) * 1000,
            audit_id=uuid.uuid4().hex,
            question=question,
            as_of=as_of,
            route=("refuse" if route.manipulation else route.kind) if route else "input",
            parameters_version=self.params.policy.version,
            understood=draft.understood,
            facts=draft.facts,
        )

    def _rephrased(self, question: str, draft: Draft, sources: list[str]) -> str:
        if self.llm is None or draft.status != "answered":
            return draft.text
        try:
            return self.llm.rephrase(question, draft.text, sources) or draft.text
        except Exception:  # noqa: BLE001
            log.warning("LLM rephrasing failed; the composed answer is kept", exc_info=True)
            return draft.text

    def _record(self, answer: Answer) -> Answer:
        log.info("route=%s status=%s clauses=%s total=%s ms=%.1f", answer.route, answer.status,
                 [c.clause for c in answer.citations], answer.total_yuan, answer.elapsed_ms)
        try:
            self.audit.record(answer.question, answer.to_dict(), answer.parameters_version)
        except Exception:  # noqa: BLE001 (the audit log must never break answering)
            log.exception("audit record failed")
        return answer


_DEFAULT: Assistant | None = None
_DEFAULT_LOCK = threading.Lock()


def get_assistant() -> Assistant:
    """The process-wide Assistant built from the environment on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Assistant(Settings.from_env())
    return _DEFAULT


def ask(question: str, *, as_of: dt.date | None = None, conversation: Conversation | None = None) -> Answer:
    """INTERFACES.md: answer one question; pass the same Conversation for follow-ups."""
    return get_assistant().ask(question, as_of=as_of, conversation=conversation)
