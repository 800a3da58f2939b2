"""Pure text and HTML for the app: amounts, steps, clause text with the cited sentence highlighted.

Everything here takes plain data (the Answer JSON of INTERFACES.md, corpus clauses) and returns strings,
so the tabs stay thin and the tests need no server.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape
from typing import Any

from calculators import yuan
from corpus import Clause, load_policy

# kind -> how the figure reads (closing: 最高、不低于 include the number)
KIND_PREFIX = {"exact": "", "max": "最高", "min": "不低于"}
STATUS_LABEL = {
    "answered": "已答复",
    "needs_info": "需要补充信息",
    "out_of_scope": "本办法未规定",
    "refused": "无法回答",
}


def amount_text(amount_yuan: Decimal | float | int | None, kind: str = "exact") -> str:
    """20000, "max" -> 最高2万元; None -> 未计算."""
    if amount_yuan is None:
        return "未计算"
    return KIND_PREFIX.get(kind, "") + yuan(Decimal(str(amount_yuan)))


def amount_lines(answer: Mapping[str, Any]) -> list[str]:
    """One line per calculation, then the capped total when there are several."""
    calcs = answer.get("calculations") or []
    lines = [
        f"{c.get('name') or c['item']}：{amount_text(c['amount_yuan'], c.get('kind', 'exact'))}"
        for c in calcs
    ]
    total = answer.get("total_yuan")
    if total is not None and len(calcs) > 1:
        lines.append(f"合计：{amount_text(total)}")
    return lines


def amount_headline(answer: Mapping[str, Any]) -> str:
    """补助金额：2万元（专利交易运用补助）; with several items, the capped total first."""
    calcs = answer.get("calculations") or []
    each = "、".join(
        f"{c.get('name') or c['item']}{amount_text(c['amount_yuan'], c.get('kind', 'exact'))}" for c in calcs
    )
    if len(calcs) == 1:
        calc = calcs[0]
        return f"补助金额：{amount_text(calc['amount_yuan'], calc.get('kind', 'exact'))}（{calc.get('name') or calc['item']}）"
    if calcs and answer.get("total_yuan") is not None:
        return f"补助金额合计：{amount_text(answer['total_yuan'])}（{each}）"
    return f"补助金额：{each}" if calcs else ""


_SECTION = re.compile(r"【([^】]+)】")
# Shown beside the chat (the clause with its relevant sentence highlighted, the validity notices),
# so the bubble leaves them out and stays short enough to read without scrolling.
PANEL_SECTIONS = {"条款原文", "提示"}


def split_answer(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The answer's opening sentence(s) and its 【标题】 sections, in order."""
    parts = _SECTION.split(text)
    return parts[0].strip(), [(h, body.strip()) for h, body in zip(parts[1::2], parts[2::2], strict=True)]


def answer_markdown(answer: Mapping[str, Any]) -> str:
    """The chat bubble: the amount first (what the visitor came for), then the answer without the
    clause text, which the panel beside it shows highlighted."""
    lead, sections = split_answer(answer.get("answer") or "")
    head = amount_headline(answer)
    blocks = [f"**{head}**"] if head else []
    blocks.append(lead)
    understood = answer.get("understood") or []
    if understood:  # right after the conclusion, so a misreading is caught before the steps are read
        blocks.append("**【我理解的情况】**\n" + "\n".join(f"- {line}" for line in understood))
    blocks += [f"**【{h}】**\n{body}" for h, body in sections if h not in PANEL_SECTIONS]
    return escape("\n\n".join(b for b in blocks if b), quote=False)


def steps_html(answer: Mapping[str, Any]) -> str:
    """The calculation steps, item by item, as an ordered list."""
    parts = []
    for calc in answer.get("calculations") or []:
        steps = "".join(f"<li>{escape(s)}</li>" for s in calc.get("steps") or [])
        title = escape(f"计算步骤：{calc.get('name') or calc['item']}，第{_label(str(calc['clause']))}条")
        parts.append(f"<div class='qy-calc'><b>{title}</b><ol>{steps}</ol></div>")
    return "".join(parts)


def _label(clause_id: str) -> str:
    """ "7" -> （七）, as the policy numbers its clauses."""
    try:
        return load_policy().get(clause_id).label
    except KeyError:
        return clause_id


_PIECES = re.compile(r"[，。；]")
_QUOTED = re.compile(r"“([^”]+)”")


def _overlaps(sentence: str, quote: str) -> bool:
    """Does the citation quote this sentence, wholly or in part (a clause of six characters or more)?"""
    return any(len(piece) >= 6 and piece in quote for piece in _PIECES.split(sentence))


def relevant_sentences(clause: Clause, quote: str, focus: Sequence[str] = ()) -> set[int]:
    """Indexes of the sentences to highlight: those the quote covers, narrowed to the ones naming a
    focus term (a tier label such as “500万元以上” from the calculation steps) when any does."""
    quoted = {n for n, s in enumerate(clause.sentences()) if quote and _overlaps(s, quote)}
    focused = {n for n in quoted if any(term in clause.sentences()[n] for term in focus)}
    return focused or quoted


def focus_terms(answer: Mapping[str, Any], clause_id: str) -> list[str]:
    """Tier labels the calculation steps quote (“100-500万元”), for the clause they belong to."""
    steps = [
        s
        for c in answer.get("calculations") or []
        if str(c.get("clause")) == clause_id
        for s in c.get("steps") or []
    ]
    return [term for step in steps for term in _QUOTED.findall(step)]


def highlighted_clause_html(clause: Clause, quote: str = "", focus: Sequence[str] = ()) -> str:
    """The clause verbatim, the relevant sentences wrapped in <mark>."""
    marked = relevant_sentences(clause, quote, focus)
    spans = [
        f"<mark>{escape(s)}</mark>" if n in marked else escape(s) for n, s in enumerate(clause.sentences())
    ]
    chapter = f"<div class='qy-chapter'>{escape(clause.chapter)}</div>" if clause.chapter else ""
    return (
        f"<div class='qy-clause'>{chapter}<div class='qy-cite'>{escape(clause.citation)}</div>"
        f"<p>{''.join(spans)}</p></div>"
    )


def cited_clauses(answer: Mapping[str, Any]) -> list[tuple[Clause, Mapping[str, Any]]]:
    """(clause, citation) for each citation of the answer JSON that names a clause of the policy."""
    policy = load_policy()
    found = []
    for cite in answer.get("citations") or []:
        try:
            found.append((policy.get(str(cite["clause"])), cite))
        except KeyError:
            continue
    return found


def citations_html(answer: Mapping[str, Any]) -> str:
    """Every cited clause, most relevant first, with its relevant sentences highlighted."""
    return "".join(
        highlighted_clause_html(clause, str(cite.get("quote") or ""), focus_terms(answer, clause.id))
        for clause, cite in cited_clauses(answer)
    )


def side_panel_html(answer: Mapping[str, Any] | None) -> str:
    """What sits beside the chat: status, amount, steps, then the cited clause text."""
    if not answer:
        return "<div class='qy-empty'>提问后，这里显示计算步骤和所引条款原文（相关句子高亮）。</div>"
    status = escape(STATUS_LABEL.get(str(answer.get("status")), str(answer.get("status"))))
    amounts = "".join(f"<div class='qy-amount'>{escape(line)}</div>" for line in amount_lines(answer))
    clauses = citations_html(answer)
    notices = "".join(f"<li>{escape(n)}</li>" for n in answer.get("notices") or [])
    return (
        f"<div class='qy-status'>{status}</div>{amounts}{steps_html(answer)}"
        f"<h4>所引条款原文</h4>{clauses or '<p>（无）</p>'}"
        + (f"<h4>提示</h4><ul class='qy-note'>{notices}</ul>" if notices else "")
    )
