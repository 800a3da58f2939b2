"""Pure metrics: one ItemScore per scored row, then rates overall and per category, then the gate.

Definitions (README):
- hit@1: the first cited clause is one of expected_clauses; hit@any: some cited clause is; MRR: 1/rank of
  the first cited clause that is expected. Only rows with expected_clauses count, and not rows where an
  acceptable refusal (out_of_scope/refused) cites nothing by design.
- amount: expected_amount_yuan equals a calculation's amount_yuan (kind exact), or total_yuan, or is
  written in the answer in any form (5万元 = 50,000元). ceiling: the same for expected_max_yuan (kind max).
- refusal: rows whose acceptable statuses are all out_of_scope/refused got one of them.
- no_amount: rows that must not get a computed amount (refusals, expect_no_amount) got none above 0. A
  refused manipulation is exempt: it still states the true rule with its figure (issue 11).
- The confident errors, the worst a visitor can meet (counted, and each must be 0 for the gate):
  wrong amount (a total or single exact amount is given and it is not the expected one, or an amount is
  given where none is due), wrong denial (an amount is due but the answer says the applicant does not
  qualify, or refuses), wrong refusal (an ordinary question refused as manipulation).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from evals.amounts import mentions, states_amount
from evals.dataset import CATEGORIES, REFUSING, acceptable_statuses

HIT_AT_1_GATE = 0.95


@dataclass(frozen=True)
class Rate:
    ok: float  # hits, or the sum of reciprocal ranks for MRR
    of: int

    @property
    def value(self) -> float | None:
        return self.ok / self.of if self.of else None


@dataclass(frozen=True)
class ItemScore:
    id: str
    category: str
    question: str
    status: str
    acceptable: tuple[str, ...]
    expected_amount: int | None
    expected_max: int | None
    reported_amounts: tuple[int, ...]  # calculations' amount_yuan, then total_yuan
    hit_at_1: bool | None  # None: not applicable to this row
    hit_any: bool | None
    reciprocal_rank: float | None
    amount_ok: bool | None
    max_ok: bool | None
    refusal_ok: bool | None
    no_amount_ok: bool | None
    mention_checked: bool
    missing_mentions: tuple[str, ...]
    forbidden_found: tuple[str, ...]
    wrong_amount: bool = False
    wrong_denial: bool = False
    wrong_refusal: bool = False

    @property
    def status_ok(self) -> bool | None:
        """None when the row names no expected status (an outside dataset may leave it out)."""
        return self.status in self.acceptable if self.acceptable else None

    def problems(self) -> list[str]:
        """What went wrong with this row, in words for the failure list."""
        found = f"（计算/合计：{list(self.reported_amounts)}）"
        checks = [
            (self.status_ok is False, f"状态 {self.status}，应为 {'/'.join(self.acceptable)}"),
            (self.hit_at_1 is False, "首条引用条款不对"),
            (self.amount_ok is False, f"金额应为 {self.expected_amount} 元{found}"),
            (self.max_ok is False, f"上限应为 {self.expected_max} 元{found}"),
            (self.no_amount_ok is False, f"不应计算金额{found}"),
            (bool(self.missing_mentions), f"缺少：{'、'.join(self.missing_mentions)}"),
            (bool(self.forbidden_found), f"不应出现：{'、'.join(self.forbidden_found)}"),
            (self.wrong_amount, "给出了错误金额"),
            (self.wrong_denial, "错误地否定了资格"),
            (self.wrong_refusal, "把正常问题当作操纵拒答"),
        ]
        return [text for failed, text in checks if failed]


def visible_text(result: dict[str, Any]) -> str:
    """Everything the user reads: the answer, the follow-up question and the notices."""
    parts = [result.get("answer") or "", result.get("follow_up") or "", *(result.get("notices") or [])]
    return "\n".join(str(p) for p in parts)


def cited_clauses(result: dict[str, Any]) -> list[str]:
    """Cited clause ids in order, without repeats."""
    seen: list[str] = []
    for citation in result.get("citations") or []:
        clause = str(citation.get("clause"))
        if clause not in seen:
            seen.append(clause)
    return seen


def clause_ranks(expected: list[str], cited: list[str]) -> tuple[bool, bool, float]:
    """(hit@1, hit@any, reciprocal rank) of the cited clauses against the expected ones."""
    ranks = [n for n, clause in enumerate(cited, start=1) if clause in expected]
    return bool(cited) and cited[0] in expected, bool(ranks), 1 / ranks[0] if ranks else 0.0


def calculation_amounts(result: dict[str, Any], kinds: Iterable[str]) -> list[int]:
    wanted = set(kinds)
    return [c.get("amount_yuan") for c in result.get("calculations") or [] if c.get("kind") in wanted]


def amount_reported(result: dict[str, Any], yuan: int, kinds: tuple[str, ...], with_total: bool) -> bool:
    """Whether `yuan` is a calculation of one of `kinds`, the total (for amounts), or written in the text."""
    if yuan in calculation_amounts(result, kinds):
        return True
    if with_total and result.get("total_yuan") == yuan:
        return True
    return states_amount(visible_text(result), yuan)


def computed_nothing(result: dict[str, Any]) -> bool:
    """No positive amount or ceiling computed and no positive total."""
    amounts = calculation_amounts(result, ("exact", "max"))
    return not (result.get("total_yuan") or any(a and a > 0 for a in amounts))


# Words with which an answer tells the applicant they do not qualify.
_DENIAL_WORDS = ("不符合", "不能获得", "不在本项范围", "不予")


def _confident_errors(
    row: dict[str, Any], result: dict[str, Any], acceptable: tuple[str, ...], amount_ok: bool | None,
    no_amount_ok: bool | None,
) -> tuple[bool, bool, bool]:
    """(wrong amount, wrong denial, wrong refusal) for one answer; see the module docstring."""
    status = str(result.get("status"))
    single = calculation_amounts(result, ("exact",))
    stated = result.get("total_yuan") is not None or len(single) == 1
    positive_exact = any(a and a > 0 for a in single) or bool(result.get("total_yuan"))
    wrong_amount = (amount_ok is False and stated) or (no_amount_ok is False and positive_exact)
    due = any((row.get(k) or 0) > 0 for k in ("expected_amount_yuan", "expected_max_yuan"))
    denies = status in REFUSING or any(w in str(result.get("answer") or "") for w in _DENIAL_WORDS)
    wrong_denial = due and not set(acceptable) & REFUSING and computed_nothing(result) and denies
    wrong_refusal = status == "refused" and bool(acceptable) and "refused" not in acceptable
    return wrong_amount, wrong_denial, wrong_refusal


def _clause_scores(row: dict[str, Any], result: dict[str, Any], acceptable: tuple[str, ...]) -> tuple:
    status = result.get("status")
    refused_by_design = status in REFUSING and status in acceptable
    if not row["expected_clauses"] or refused_by_design:
        return None, None, None
    return clause_ranks(row["expected_clauses"], cited_clauses(result))


def score_row(row: dict[str, Any], result: dict[str, Any]) -> ItemScore:
    """Score one answer (Answer.to_dict()) against one gold row."""
    acceptable = acceptable_statuses(row["expected_status"])
    status = str(result.get("status"))
    text = visible_text(result)
    amount, ceiling = row.get("expected_amount_yuan"), row.get("expected_max_yuan")
    refusing_row = bool(acceptable) and set(acceptable) <= REFUSING
    reported = [*calculation_amounts(result, ("exact", "max", "min")), result.get("total_yuan")]
    hit1, hit_any, rr = _clause_scores(row, result, acceptable)
    amount_ok = None if amount is None else amount_reported(result, amount, ("exact",), True)
    # A refusal of a manipulation states the true rule, figure included: that figure is no amount "given".
    true_rule = status == "refused" and "refused" in acceptable
    no_amount_ok = computed_nothing(result) if (refusing_row or row.get("expect_no_amount")) and not true_rule else None
    wrong = _confident_errors(row, result, acceptable, amount_ok, no_amount_ok)
    return ItemScore(
        id=row["id"], category=row["category"], question=row["question"], status=status,
        acceptable=acceptable, expected_amount=amount, expected_max=ceiling,
        reported_amounts=tuple(a for a in reported if a is not None),
        hit_at_1=hit1, hit_any=hit_any, reciprocal_rank=rr,
        amount_ok=amount_ok,
        max_ok=None if ceiling is None else amount_reported(result, ceiling, ("max",), False),
        refusal_ok=status in acceptable if refusing_row else None,
        no_amount_ok=no_amount_ok,
        mention_checked=bool(row["must_mention"]),
        missing_mentions=tuple(p for p in row["must_mention"] if not mentions(text, p)),
        forbidden_found=tuple(p for p in row["must_not"] if mentions(text, p)),
        wrong_amount=wrong[0], wrong_denial=wrong[1], wrong_refusal=wrong[2],
    )  # fmt: skip


def error_result(message: str) -> dict[str, Any]:
    """Stands in for an answer that could not be produced, so the row scores as failed."""
    return {"status": "error", "answer": message, "citations": [], "calculations": [], "total_yuan": None,
            "follow_up": None, "notices": []}  # fmt: skip


def score_all(rows: list[dict[str, Any]], results: dict[str, dict[str, Any]]) -> list[ItemScore]:
    """Score every gold row against the result with the same id (a missing result scores as an error)."""
    return [score_row(row, results.get(row["id"]) or error_result("没有结果")) for row in rows]


def _rate(flags: Iterable[bool | None]) -> Rate:
    known = [f for f in flags if f is not None]
    return Rate(sum(known), len(known))


def summarize(scores: list[ItemScore]) -> dict[str, Any]:
    """The metric table row for a group of scores."""
    ranks = [s.reciprocal_rank for s in scores if s.reciprocal_rank is not None]
    return {
        "n": len(scores),
        "hit@1": _rate(s.hit_at_1 for s in scores),
        "hit@any": _rate(s.hit_any for s in scores),
        "mrr": Rate(sum(ranks), len(ranks)),
        "amount": _rate(s.amount_ok for s in scores),
        "ceiling": _rate(s.max_ok for s in scores),
        "refusal": _rate(s.refusal_ok for s in scores),
        "status": _rate(s.status_ok for s in scores),
        "must_mention": _rate(not s.missing_mentions if s.mention_checked else None for s in scores),
        "no_amount": _rate(s.no_amount_ok for s in scores),
        "must_not_violations": sum(bool(s.forbidden_found) for s in scores),
        "wrong_amount": sum(s.wrong_amount for s in scores),
        "wrong_denial": sum(s.wrong_denial for s in scores),
        "wrong_refusal": sum(s.wrong_refusal for s in scores),
    }


def aggregate(scores: list[ItemScore]) -> dict[str, Any]:
    """{"overall": summary, "by_category": {category: summary}} in the dataset's category order."""
    by_category = {c: summarize([s for s in scores if s.category == c]) for c in CATEGORIES}
    return {"overall": summarize(scores), "by_category": {c: m for c, m in by_category.items() if m["n"]}}


def gate_failures(scores: list[ItemScore]) -> list[str]:
    """Why the release gate fails (empty when it passes): amounts, ceilings and refusals all right,
    no forbidden text, clause hit@1 at least 95%."""
    failures = [f"{s.id} 金额：{s.problems()}  问：{s.question}" for s in scores if s.amount_ok is False]
    failures += [f"{s.id} 上限：{s.problems()}  问：{s.question}" for s in scores if s.max_ok is False]
    failures += [f"{s.id} 拒答：{s.problems()}  问：{s.question}" for s in scores if s.refusal_ok is False]
    failures += [
        f"{s.id} 违禁内容：{list(s.forbidden_found)}  问：{s.question}" for s in scores if s.forbidden_found
    ]
    failures += [f"{s.id} 确信错误：{s.problems()}  问：{s.question}" for s in scores
                 if (s.wrong_amount or s.wrong_denial or s.wrong_refusal) and s.amount_ok is not False
                 and s.refusal_ok is not False]
    hit1 = _rate(s.hit_at_1 for s in scores)
    if hit1.value is not None and hit1.value < HIT_AT_1_GATE:
        failures.append(
            f"条款 hit@1 = {hit1.value:.1%}（{int(hit1.ok)}/{hit1.of}），低于 {HIT_AT_1_GATE:.0%}"
        )
        failures += [f"{s.id} 条款未命中：{s.question}" for s in scores if s.hit_at_1 is False]
    return failures
