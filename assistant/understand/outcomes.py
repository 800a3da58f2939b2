"""Lawsuit outcomes per instance (clause 13 funds each instance won): 一审输了二审赢了 is a win at second
instance and a loss at first; 一审胜诉，对方上诉被驳回 is a win at both; 和解 and 正在上诉 are no win yet.

Each outcome word (胜诉/赢/输/败诉/驳回/维持原判/改判) belongs to the instance named before it in the same
sentence (一审/初审, 二审/终审/上诉); one with no instance named is about the case as a whole. Negation
flips an outcome (没赢 is a loss) through the same scope rule as everywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.understand.intents import ItemMatch, pieces
from assistant.understand.negation import Scope, Span

_FIRST = re.compile(r"一审|初审|第一审|原审|一审判决")
_SECOND = re.compile(r"二审|第二审|终审|上诉|再审")
_WIN = re.compile(r"胜诉|打赢|赢了|判赢|获胜|胜了|(?<!双)赢|胜(?!算|利|任)")
_LOSE = re.compile(r"败诉|打输|输了|判输|败了|(?<![运传])输(?![入出送])")
_UPHELD = re.compile(r"维持原判|维持了?一审|上诉(被|遭)?驳回|驳回(了)?(对方|被告|原告)?的?上诉")
_REVERSED_FOR_US = re.compile(r"改判(我们|我方|我司)?(胜诉|赢)")
_REVERSED_AGAINST = re.compile(r"改判(我们|我方|我司)?(败诉|输)")
_OURS_DISMISSED = re.compile(r"(我们|我方|我司)的?(起诉|诉讼请求|上诉)[^，。,；;！!？?]{0,4}(被)?驳回")
_SETTLED = re.compile(r"和解|调解结案|调解了|撤诉|庭外")
_PENDING = re.compile(r"正在上诉|还在审|审理中|还没判|尚未判决|没判下来|等判决|还没出结果|在上诉")
_SENTENCE = re.compile(r"[。；;！!？?\n]")


@dataclass(frozen=True)
class Outcomes:
    first: bool | None = None  # won at first instance; None: not said
    second: bool | None = None
    overall: bool | None = None  # won, no instance said (打赢了官司)
    settled: bool = False
    pending: bool = False
    words: tuple[str, ...] = field(default_factory=tuple)

    @property
    def said(self) -> bool:
        return any(v is not None for v in (self.first, self.second, self.overall)) or self.settled or self.pending

    def summary(self) -> str:
        """一审败诉、二审胜诉: what was read, per instance."""
        said = [(name, won) for name, won in (("一审", self.first), ("二审", self.second), ("案件", self.overall))
                if won is not None]
        parts = [f"{name}{'胜诉' if won else '败诉'}" for name, won in said]
        parts += ["和解"] * self.settled + ["尚在审理"] * (self.pending and not self.won_any)
        return "、".join(parts)

    @property
    def won_any(self) -> bool:
        return bool(self.first or self.second or self.overall)


def _instance_before(text: str, index: int) -> str | None:
    """The instance named last before `index` in the same sentence: "first", "second" or None."""
    start = max((m.end() for m in _SENTENCE.finditer(text, 0, index)), default=0)
    marks = [(m.start(), "first") for m in _FIRST.finditer(text, start, index)]
    marks += [(m.start(), "second") for m in _SECOND.finditer(text, start, index)]
    return max(marks)[1] if marks else None


def read_outcomes(text: str, scope: Scope | None = None) -> Outcomes:
    """What the question says each instance came to."""
    scope = scope or Scope(text, [])
    result: dict[str, bool | None] = {"first": None, "second": None, "overall": None}
    words: list[str] = []

    def said(instance: str | None, won: bool, word: str) -> None:
        result[instance or "overall"] = won
        words.append(word)

    for m in _OURS_DISMISSED.finditer(text):
        said(_instance_before(text, m.start()) or "first", False, m.group(0))
    taken = [Span(m.start(), m.end()) for m in _OURS_DISMISSED.finditer(text)]
    for pattern, won in ((_WIN, True), (_LOSE, False)):
        for m in pattern.finditer(text):
            if any(s.start <= m.start() < s.end for s in taken) or re.search(r"改判(我们|我方|我司)?$", text[: m.start()]):
                continue
            negated = scope.polarity(m.start(), m.end()) == "negated"
            said(_instance_before(text, m.start()), won != negated, m.group(0))
    for m in _UPHELD.finditer(text):  # the second instance keeps the first's outcome
        first = result["first"] if result["first"] is not None else result["overall"]
        if first is not None:
            said("second", first, m.group(0))
    for pattern, won in ((_REVERSED_FOR_US, True), (_REVERSED_AGAINST, False)):
        for m in pattern.finditer(text):
            said("second", won, m.group(0))
    pending = bool(_PENDING.search(text))
    if pending and result["second"] is None and result["first"] is False:
        words.append(_PENDING.search(text).group(0))  # type: ignore[union-attr]
    return Outcomes(result["first"], result["second"], result["overall"], bool(_SETTLED.search(text)), pending,
                    tuple(words))


_FIRST_WIN, _SECOND_WIN, _OVERSEAS_WIN = "rights_first_instance_win", "rights_second_instance_win", "rights_overseas_win"


def awards_by_outcome(matches: list[ItemMatch], question: str, scope: Scope) -> list[ItemMatch]:
    """A lawsuit's awards follow the outcome per instance, not the instance words alone: 一审输了二审赢了
    is the second-instance award only; 一审赢了，对方上诉被驳回 adds the second; after an overseas case
    (在日本打的官司，一审输了，二审赢了) the instances are that case's, not domestic ones."""
    rights = [m for m in matches if m.item in (_FIRST_WIN, _SECOND_WIN)]
    if not rights:
        return matches
    outcome = read_outcomes(question, scope)
    kept = [m for m in matches if not ((m.item == _FIRST_WIN and outcome.first is False and outcome.second)
                                       or (m.item == _SECOND_WIN and outcome.second is False and outcome.first))]
    overseas = next((m.piece for m in matches if m.item == _OVERSEAS_WIN), None)
    if overseas is not None:
        parts = pieces(question)
        return [m for m in kept if m.item not in (_FIRST_WIN, _SECOND_WIN) or m.piece < overseas
                or re.search(r"国内|境内|本地|清远", parts[m.piece])]
    if outcome.second and not any(m.item == _SECOND_WIN for m in kept):
        kept.append(ItemMatch(_SECOND_WIN, rights[0].piece))
    if outcome.first and not any(m.item == _FIRST_WIN for m in kept):
        kept.insert(0, ItemMatch(_FIRST_WIN, rights[0].piece))
    return kept
