"""Which of an award's conditions the question says are met, failed, or leaves open.

Each condition (intents.toml [conditions]) is read one of two ways: from phrases with their polarity
(备案 asserted: met; 没有备案: failed; 不是没有备案: met; 有没有备案: open), or by a reader in roles.py
(who is the buyer, where the other party is). Deny only on what the user said: a condition nobody
mentioned stays "unsaid" and is stated as a condition in the answer. When the user says both (备案了…没备案)
it is a "conflict": we ask rather than decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from assistant.understand import roles
from assistant.understand.intents import ConditionSpec, load_intents, scope_of
from assistant.understand.outcomes import read_outcomes

State = Literal["met", "failed", "open", "conflict", "unsaid"]


@dataclass(frozen=True)
class ConditionState:
    id: str
    condition: str  # the clause's words
    said: str  # the fact in words
    state: State
    words: str  # what the user wrote that decided it ("" when unsaid)


@cache
def _phrase_pattern() -> re.Pattern[str]:
    words = {w for c in load_intents().conditions for w in (*c.met, *c.failed)}
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def _phrases_in(text: str) -> list[re.Match[str]]:
    """Every condition phrase, overlaps resolved toward the one that ends later: 无关联 is 无 + 关联 (a
    negated relation), not 无关 + 联; 登记备案 is one phrase, not 登记 and 备案."""
    pattern = _phrase_pattern()
    candidates = [m for i in range(len(text)) if (m := pattern.match(text, i))]
    chosen: list[re.Match[str]] = []
    for m in sorted(candidates, key=lambda m: (-m.end(), m.start())):
        if all(m.end() <= c.start() or m.start() >= c.end() for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start())


def specs_for(item_id: str) -> tuple[ConditionSpec, ...]:
    return tuple(c for c in load_intents().conditions if item_id in c.items)


def _from_phrases(spec: ConditionSpec, text: str) -> tuple[State, str]:
    """met / failed from the phrases of `spec` in `text`, each with its polarity (a cue applies only to
    the phrase nearest after it, whichever phrase of the vocabulary that is)."""
    found = [m for m in _phrases_in(text) if m.group(0) in spec.met or m.group(0) in spec.failed]
    if not found:
        return "unsaid", ""
    scope = scope_of(text)
    verdicts: list[tuple[State, str]] = []
    for m in found:
        if _said_of_another(text, m.start()):
            continue  # 国家标准是另一家企业牵头制定的: another party's role, not the asker's
        pol = scope.polarity(m.start(), m.end())
        if pol == "open":
            verdicts.append(("open", m.group(0)))
            continue
        says_met = (m.group(0) in spec.met) == (pol == "asserted")
        verdicts.append(("met" if says_met else "failed", _words(text, m)))
    if not verdicts:
        return "unsaid", ""
    states = {v for v, _ in verdicts if v != "open"}
    if not states:
        return "open", verdicts[0][1]
    if len(states) > 1:
        return "conflict", "；".join(w for _, w in verdicts)
    state = states.pop()
    return state, next(w for v, w in verdicts if v == state)


_ANOTHER_PARTY = re.compile(r"(另一家|另外一家|别的|其他|对方|他们|别人|人家)[^，,。；;我]{0,8}$")


def _said_of_another(text: str, index: int) -> bool:
    clause_start = max((b.end() for b in re.finditer(r"[，,。；;！!？?]", text[:index])), default=0)
    return bool(_ANOTHER_PARTY.search(text[clause_start:index]))


_CUE_START = re.compile(r"(并非|不是|不属于|没有|还没|尚未|没|无|非|未|不|已经|已)")


def _words(text: str, m: re.Match[str]) -> str:
    """The phrase and the cue in front of it that decided it: 无关联, 不是没有备案, 已备案."""
    clause_start = max((b.end() for b in re.finditer(r"[，,。；;！!？?]", text[: m.start()])), default=0)
    window = text[max(m.start() - 6, clause_start) : m.start()]
    cue = _CUE_START.search(window)
    return (window[cue.start() :] if cue else "") + m.group(0)


def _located(found: tuple[bool | None, str]) -> tuple[State, str]:
    local, words = found
    if local is None:
        return "unsaid", ""
    return ("met" if local else "failed"), words


def _receiver(text: str) -> tuple[State, str]:
    deal = roles.transaction(text)
    if deal.role == "giver" and not deal.for_receiver:
        return "failed", deal.words
    return ("met", deal.words) if deal.role == "receiver" else ("unsaid", "")


def _for_the_buyer(text: str) -> roles.Transaction | None:
    """The asker sold or licensed and asks about the buyer's award: the buyer is then the applicant and
    the asker its counterparty (韶关一家企业买了我们清远公司的专利…那家能拿吗)."""
    deal = roles.transaction(text)
    return deal if deal.role == "giver" and deal.for_receiver else None


def _counterparty(text: str) -> tuple[State, str]:
    if _for_the_buyer(text):
        return _located(roles.applicant_locality(text))
    return _located(roles.counterparty_locality(text, roles.transaction(text)))


def _applicant(text: str) -> tuple[State, str]:
    """本市的申请人: said of the asker (我们是广州的公司), or a person whose home and work are both elsewhere;
    when the asker asks for its buyer, said of the buyer."""
    deal = _for_the_buyer(text)
    if deal is not None:
        places = [(roles.is_local(p), p.word) for p in roles.place_mentions(deal.counterparty)]
        return _located(next(((local, word) for local, word in places if local is not None), (None, "")))
    said = _located(roles.applicant_locality(text))
    if said[0] != "unsaid":
        return said
    home, home_words = roles.household_locality(text)
    work, work_words = roles.workplace_locality(text)
    if home is False and work is False:
        return "failed", f"{home_words}户籍、在{work_words}工作"
    return "unsaid", ""


def _residency(text: str) -> tuple[State, str]:
    """本地户籍, or 在我市就业、创业及求学: failed only when the household is elsewhere and every place of
    work or study said is elsewhere too."""
    home, home_words = roles.household_locality(text)
    work, work_words = roles.workplace_locality(text)
    if home is True or work is True:
        return "met", home_words if home else work_words
    if home is False and work is False:
        return "failed", f"户籍：{home_words}以外；工作或学习：{work_words}"
    return "unsaid", ""


_INSTANCE = {"rights_first_instance_win": "first", "rights_second_instance_win": "second"}


def _won(text: str, item_id: str) -> tuple[State, str]:
    """胜诉: at the instance the award is for (一审输了 fails the first-instance award), or at all."""
    outcome = read_outcomes(text, scope_of(text))
    words = outcome.summary()
    instance = getattr(outcome, _INSTANCE[item_id]) if item_id in _INSTANCE else None
    if instance is not None:
        return ("met" if instance else "failed"), words
    if outcome.won_any:
        return "met", words
    if outcome.said:
        return "failed", words or ("和解" if outcome.settled else "尚未判决")
    return "unsaid", ""


_READERS: dict[str, Callable[[str, str], tuple[State, str]]] = {
    "counterparty": lambda text, _: _counterparty(text),
    "receiver": lambda text, _: _receiver(text),
    "applicant": lambda text, _: _applicant(text),
    "residency": lambda text, _: _residency(text),
    "workplace": lambda text, _: _located(roles.workplace_locality(text)),
    "won": _won,
    "patent": lambda text, _: _located(roles.traded_object(text)),
}


def read_conditions(item_id: str, text: str) -> tuple[ConditionState, ...]:
    """Every condition of `item_id` with what the question says of it."""
    states = []
    for spec in specs_for(item_id):
        state, words = _READERS[spec.reader](text, item_id) if spec.reader in _READERS else _from_phrases(spec, text)
        states.append(ConditionState(spec.id, spec.condition, spec.said, state, words))
    return tuple(states)


def said_of(states: Sequence[ConditionState]) -> dict[str, bool | None]:
    """Each condition as the 政策体检 records it: met True, failed False, open or unsaid None."""
    return {s.id: {"met": True, "failed": False}.get(s.state) for s in states}
