"""ask(): one question in, one Answer out. Deterministic by default: routing (route.py), calculators,
composition (compose.py), the number guard (guard.py), the audit log (audit.py)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.conversation import Conversation
from assistant.drafting import Draft, Drafter
from assistant.llm.reader import held_to_the_reader
from assistant.respond import compose
from assistant.respond.answer import Answer
from assistant.respond.guard import unsupported_numbers
from assistant.settings import Settings
from assistant.understand.frame import read_frame
from assistant.understand.intents import asks
from assistant.understand.normalize import MAX_QUESTION_CHARS, clean
from assistant.understand.route import UNRECOGNISED, Route, decide, merged
from calculators import load_parameters
from corpus import clause

if TYPE_CHECKING:  # built on first use: importing them costs the startup a second
    from assistant.audit.log import AuditLog
    from assistant.llm.layer import LLMLayer
    from assistant.retrieval.retrieve import Retriever

log = logging.getLogger(__name__)
# Every error the safety net in ask() turned into an apology. A visitor never sees a traceback, but a bug
# must not hide there: the tests fail when this grows in a test that did not expect it, and the fuzz
# and the bench report it.
CAUGHT: list[str] = []
RUNNER_UP_SHARE = 0.6  # a second clause is cited when its BM25 score is at least this share of the first


def _check_question(question: object) -> str | None:
    """A Chinese message when the input is not a question we can read, else None."""
    if not isinstance(question, str):
        return "请输入文字形式的问题，例如“专利转让合同120万元能补多少？”。"
    if "\x00" in question or sum(not ch.isprintable() and ch not in "\n\t" for ch in question) > 8:
        return "输入包含无法识别的字符，请用中文文字重新描述您的问题。"
    if not clean(question):
        return "请输入您的问题，例如“专利转让合同120万元能补多少？”。"
    # A question all in English is asked again in Chinese (English words mixed into Chinese are read by
    # typos.read_english); an English injection is refused instead.
    if (not re.search(r"[\u4e00-\u9fff]", question) and re.search(r"[A-Za-z]{3,}", question)
            and not asks("injection", question)):
        return "本助手只支持中文提问，请用中文描述您的问题，例如“专利转让合同120万元能补多少？”。"
    if len(question) > MAX_QUESTION_CHARS:
        return f"问题过长（超过{MAX_QUESTION_CHARS}字），请精简为一两句话后再问。"
    return None


class Assistant:
    """Read-only after construction; safe to share between threads."""

    def __init__(self, settings: Settings | None = None, llm: LLMLayer | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.params = load_parameters()
        self._retriever: Retriever | None = None
        self._audit: AuditLog | None = None
        self._lock = threading.Lock()
        if llm is None:
            from assistant.llm.layer import build_llm

            llm = build_llm(self.settings)
        self.llm = llm  # None by default: the deterministic router and composer answer alone
        self.drafter = Drafter(self.params, self._top_clauses)

    # -- shared resources, built on first use ---------------------------------------------------
    @property
    def retriever(self) -> Retriever:
        if self._retriever is None:
            with self._lock:
                if self._retriever is None:
                    from assistant.retrieval.retrieve import Retriever

                    self._retriever = Retriever(self.settings)
        return self._retriever

    @property
    def audit(self) -> AuditLog:
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
                draft = Draft(status="needs_info", text=problem, follow_up="请重新输入您的问题。", derived=(problem,))
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
            draft = Draft(status="needs_info", text=f"抱歉，系统暂时无法回答这个问题。{compose.where_to_ask()}")
        return self._record(self._finish(draft, text, as_of, route, started))

    def _read_and_drafted(self, route: Route, text: str, as_of: dt.date) -> Draft:
        """The draft for a route, with the frame's lines of what was read (shown as 我理解的情况)."""
        draft = self.drafter.draft(route, route.slots.text or text, as_of)
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
        except Exception:  # a failing model must not fail the question
            log.warning("LLM routing failed; deterministic answer kept", exc_info=True)
            return route
        said = [text, *(turn["question"] for turn in (conversation.turns if conversation else []))]
        calls, dropped = held_to_the_reader(calls, said)
        if dropped:
            log.warning("LLM proposed figures the question does not contain; dropped %s", dropped)
        if calls:
            route = replace(route, kind="calculate", items=tuple(c[0] for c in calls), facts=tuple(c[1] for c in calls))
        return route

    def _top_clauses(self, question: str, k: int) -> list[str]:
        # Some question word must match the clause: a dense neighbour alone is no evidence (English model).
        hits = [h for h in self.retriever.search(question, k=k) if h.bm25_score > 0]
        # A runner-up is cited only when it matches nearly as well; otherwise it is noise to a visitor.
        return [h.clause_id for h in hits if h.bm25_score >= RUNNER_UP_SHARE * hits[0].bm25_score]

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
        except Exception:
            log.warning("LLM rephrasing failed; the composed answer is kept", exc_info=True)
            return draft.text

    def _record(self, answer: Answer) -> Answer:
        log.info("route=%s status=%s clauses=%s total=%s ms=%.1f", answer.route, answer.status,
                 [c.clause for c in answer.citations], answer.total_yuan, answer.elapsed_ms)
        try:
            self.audit.record(answer.question, answer.to_dict(), answer.parameters_version)
        except Exception:  # the audit log must never break answering
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
