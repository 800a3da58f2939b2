"""Write the Chinese answer: conclusion and amount first, then steps, conditions, the clause, notices.

Every number written here comes from a Calculation, a cited clause's text or the question
(guard.py checks). Sections are plain text so the answer prints as it reads.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal

from assistant.respond.answer import Citation
from assistant.respond.catalogue import limits_text, standard_text
from assistant.respond.guard import money_values
from calculators import Calculation, Combined, Item, load_parameters, yuan
from corpus import clause

AUTHORITY = "具体金额和资格以主管部门审核为准。"
# 去哪申请/要什么材料: the policy sets no procedure; who writes the implementing rules is quoted from it.
PROCEDURE = "本办法未规定具体的申报材料、流程和时间。" + load_parameters().policy.quote_interpretation


def contact() -> str:
    return load_parameters().policy.contact


def corrections_notice(corrections: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """The words read by sound (typos.py), said to the user so a misreading can be caught."""
    if not corrections:
        return ()
    read = "，".join(f"“{written}”理解为“{term}”" for written, term in corrections)
    return (f"已将{read}（按读音纠正的用词，如有误请指出）。",)


def cite_clause(clause_id: str, quote: str | None = None) -> Citation:
    c = clause(clause_id)
    return Citation(c.id, c.label, c.title, quote if quote is not None else c.text)


def cite_items(items: Sequence[Item]) -> list[Citation]:
    """One citation per clause, quoting the sentences of the items asked about, in order."""
    quotes: dict[str, list[str]] = {}
    for item in items:
        quotes.setdefault(item.clause, [])
        if item.quote not in quotes[item.clause]:
            quotes[item.clause].append(item.quote)
    return [cite_clause(cid, "……".join(q)) for cid, q in quotes.items()]


def cite_validity() -> Citation:
    return cite_clause("closing", load_parameters().policy.quote_validity)


def where_to_ask() -> str:
    return f"如需进一步了解，请向{contact()}咨询。"


def _section(title: str, lines: Iterable[str], numbered: bool = False) -> str:
    rows = [f"{n}. {line}" if numbered else f"- {line}" for n, line in enumerate(lines, 1)]
    return f"【{title}】\n" + "\n".join(rows) if rows else ""


def join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _amount_phrase(calc: Calculation) -> str:
    if calc.kind == "max":
        return f"最高{yuan(calc.amount_yuan)}（上限，具体金额由主管部门评审确定）"
    if calc.kind == "min":
        return f"不低于{yuan(calc.amount_yuan)}（下限，具体金额由主管部门确定）"
    if calc.amount_yuan == 0:
        return "0元（不符合条件或已达上限，见计算步骤）"
    return yuan(calc.amount_yuan)


def conclusion(calcs: Sequence[Calculation], total: Decimal | None, premise_ok: bool | None) -> str:
    """The first line: what the applicant gets, and from which clause."""
    lead = {True: "是的。", False: "这个说法不准确。", None: ""}[premise_ok]
    if len(calcs) == 1:
        c = calcs[0]
        return f"{lead}按本办法{clause(c.clause).citation}，{c.name}：{_amount_phrase(c)}。"
    lines = [f"{lead}按本办法，您所问的各项分别为："]
    lines += [f"- {c.name}（{clause(c.clause).citation}）：{_amount_phrase(c)}" for c in calcs]
    if total is not None:
        lines.append(f"合计：{yuan(total)}")
    return "\n".join(lines)


def applied_quote(calc: Calculation) -> str:
    """The clause's words for the calculation: for a tiered award (clause 7), the tier applied and the cap,
    not the other tiers' amounts (a visitor reading 2万元 beside an 8000元 answer would be misled)."""
    item = load_parameters().item(calc.item)
    used = [t.label for t in item.tiers if any(f"“{t.label}”" in s for s in calc.steps)]
    if not used:
        return item.quote
    parts = [p for p in re.split(r"[；，]", item.quote) if any(label in p for label in used) or "不超过" in p]
    return "……".join(dict.fromkeys(parts)) or item.quote


def calculation_answer(
    combined: Combined,
    premise_ok: bool | None,
    notices: Sequence[str],
    comparison: str = "",
    avoid: Collection[Decimal] = (),
    quote: bool = True,
    table: Sequence[str] = (),
) -> str:
    """`comparison` (两项相差…) follows the conclusion and replaces the sum; `table` (several awards in one
    year: the 政策体检 rows) follows it. A quote that contains a
    figure in `avoid` (a false figure the user claimed, e.g. 20万 for another award of the same
    sentence) stays in the citations but is not printed: the answer never repeats a false figure."""
    calcs = combined.calculations
    steps = [s for c in calcs for s in c.steps] + [s for s in combined.steps if not (comparison and s.startswith("合计"))]
    conditions = [c for c in dict.fromkeys(cond for c in calcs for cond in c.conditions)
                  if not money_values(c) & set(avoid)]
    quotes = [
        f"{clause(c.clause).citation}：{text}"
        for c in calcs
        if not (money_values(text := applied_quote(c)) & set(avoid))
    ] if quote else [f"{clause(c.clause).citation}（原文见引用条款）" for c in calcs]
    return join(
        conclusion(calcs, combined.total_yuan, premise_ok),
        comparison,
        "【一览表】\n" + "\n".join(table) if table else "",
        _section("计算步骤", steps, numbered=True),
        _section("需满足的条件", conditions),
        _section("条款原文", dict.fromkeys(quotes)),
        _section("提示", notices),
    )


def needs_info_answer(item: Item, message: str, follow_up: str, notices: Sequence[str]) -> str:
    """Ask for the missing fact, and meanwhile give the rule from the clause."""
    cap = f"本项{item.name}的年度上限为{yuan(item.annual_cap)}。" if item.annual_cap is not None else ""
    return join(
        f"{message}{follow_up}",
        f"按本办法{clause(item.clause).citation}的规定：{item.quote}{cap}",
        _section("需满足的条件", item.conditions_and_terms),
        _section("提示", notices),
    )


def outside_answer(item: Item, message: str, notices: Sequence[str]) -> str:
    return join(
        message,
        f"本办法{clause(item.clause).citation}原文：{item.quote}",
        _section("需满足的条件", item.conditions_and_terms),
        _section("提示", notices),
    )


REFUSAL_LEAD = ("抱歉，这个要求我不能照做。我只依据《清远市推进知识产权工作实施办法》原文和内置计算器回答，"
                "不会忽略规则、编造或更改金额，也不透露内部设置。")


EXAMPLE_QUESTION = "我们受让了一件专利，合同金额120万元，能补多少？"
VAGUE_FOLLOW_UP = "请问您想了解哪一项资助，或者您的具体情况是怎样的？"


def greeting_answer(notices: Sequence[str]) -> str:
    """你好 / 谢谢: who we are and what to ask, not 本办法未规定."""
    return join(
        "您好！我是清远知识产权政策助手，依据《清远市推进知识产权工作实施办法》解答资助、奖励的条件和金额。",
        f"您可以直接描述情况，例如“{EXAMPLE_QUESTION}”，或问“有哪些补贴？”。",
        _section("提示", notices),
    )


def vague_answer() -> str:
    """多少 / 补 / 申请: too little to go on; ask, with examples, rather than guess."""
    return join(
        f"您的问题太简短，我还不能判断您想了解哪一项。{VAGUE_FOLLOW_UP}",
        f"例如：“{EXAMPLE_QUESTION}”“发明专利授权官费3000元，能资助多少？”“有哪些补贴？”",
    )


def refusal_answer() -> str:
    return join(
        REFUSAL_LEAD,
        "如果您想了解某项资助，请直接描述您的情况，例如“我们受让了一件专利，合同金额是多少，能补多少？”。",
        where_to_ask(),
    )


def out_of_scope_answer(topic: str, notices: Sequence[str], related: Sequence[Citation] = ()) -> str:
    """本办法未规定…, where to ask, and the clause that says what is covered (its title, no figures)."""
    see = "".join(f"本办法相关规定见{clause(c.clause).citation}。" for c in related)
    return join(
        f"本办法未规定{topic}。{see}",
        f"本系统只解答《清远市推进知识产权工作实施办法》规定的事项，不对本办法以外的政策作推测。{where_to_ask()}",
        _section("提示", notices),
    )


def quoted_answer(lead: str, citations: Sequence[Citation], notices: Sequence[str]) -> str:
    body = [f"{clause(c.clause).citation}原文：{c.quote}" for c in citations]
    return join(lead, _section("条款原文", body), _section("提示", notices))


def overview_answer(notices: Sequence[str]) -> str:
    """Every award of the policy with its amount rule and limits, chapter by chapter (the same words as the
    staff calculator's catalogue)."""
    params = load_parameters()
    lines: list[str] = []
    chapter = ""
    for item in params.items.values():
        c = clause(item.clause)
        if c.chapter != chapter:
            chapter = c.chapter
            lines.append(f"【{chapter}】")
        limits = limits_text(item)
        lines.append(f"- {c.label}{item.name}：{standard_text(item)}" + (f"（{limits}）" if limits else ""))
    return join(
        f"本办法规定的资助、奖励共{len(params.items)}项，金额如下（具体以条款原文和主管部门审核为准）：",
        "\n".join(lines),
        "如需计算具体金额，请告诉我您的情况，例如受让专利的合同金额、缴纳的官费、胜诉案件数等。",
        _section("提示", notices),
    )
