"""The 体检 result in words: one table of awards (条款, 项目, 金额, 待确认), the total after caps, the near
misses and the notices. The same rows serve the CLI and the chat (text) and the app and the slip (HTML)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from assistant.match.matching import Award, MatchResult, NearMiss
from assistant.match.profile import APPLICANT_TYPES
from calculators import yuan
from corpus import clause

HEADERS = ("条款", "补助项目", "金额", "须核实的条件")
KIND_WORD = {"max": "最高", "min": "不低于", "exact": ""}


def amount_text(award: Award) -> str:
    calc = award.calculation
    return KIND_WORD.get(calc.kind, "") + yuan(calc.amount_yuan)


def award_row(award: Award) -> tuple[str, str, str, str]:
    calc = award.calculation
    name = calc.name + (f" {award.label}" if award.label else "")
    return clause(calc.clause).label, name, amount_text(award), "；".join(award.to_confirm) or "无"


def near_miss_line(near: NearMiss) -> str:
    name = near.item.name + (f" {near.label}" if near.label else "")
    met = near.amount_if_met
    then = f"（满足后可获{KIND_WORD.get(met.kind, '')}{yuan(met.amount_yuan)}）" if met is not None else ""
    return f"{clause(near.item.clause).label}{name}：{near.missing}{then}"


def headline(result: MatchResult) -> str:
    """合计 first, then what is decided on review (最高 / 不低于), in one sentence."""
    parts = []
    if result.total_yuan is not None:
        parts.append(f"确定金额合计{yuan(result.total_yuan)}" + ("（已按年度上限核减）" if result.cap_bit else ""))
    if result.by_kind("max"):
        parts.append(f"另有择优或按规定确定的项目，最高合计{yuan(result.by_kind('max'))}")
    if result.by_kind("min"):
        parts.append(f"不低于{yuan(result.by_kind('min'))}的项目奖励")
    if not parts:
        return "按填写的情况，暂未匹配到可直接申请的补助。"
    return f"按填写的情况，可申请{len(result.awards)}项补助：" + "；".join(parts) + "。"


def _who(result: MatchResult) -> str:
    p = result.profile
    year = f"{p.year}年度" if p.year else "未填写年度"
    return "，".join(x for x in (p.name, APPLICANT_TYPES[p.applicant], year) if x)


def markdown_rows(awards: Sequence[Award]) -> list[str]:
    """The award table in Markdown: plain enough for a terminal, a table in the chat."""
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    return lines + ["| " + " | ".join(cell.replace("|", "／") for cell in award_row(a)) + " |" for a in awards]


def text_table(result: MatchResult) -> str:
    lines = [f"【政策体检】{_who(result)}", headline(result)]
    if result.awards:
        lines += ["", *markdown_rows(result.awards)]
    if result.steps:
        lines += ["", "【合计与上限】", *(f"- {s}" for s in result.steps)]
    if result.near_misses:
        lines += ["", "【接近但尚未满足】", *(f"- {near_miss_line(n)}" for n in result.near_misses)]
    lines += ["", "【提示】", *(f"- {n}" for n in result.notices)]
    return "\n".join(lines)


def slip_sections(result: MatchResult) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) for the printable 体检单 (HTML and PDF), the same content as the table."""
    rows = [f"{cite} {name}：{amount}" + ("" if check == "无" else f"（须核实：{check}）")
            for cite, name, amount, check in map(award_row, result.awards)]  # fmt: skip
    sections = [("申请人", [_who(result)]), ("结论", [headline(result)]), ("可申请的补助", rows),
                ("合计与上限", list(result.steps)),
                ("接近但尚未满足", [near_miss_line(n) for n in result.near_misses]), ("提示", list(result.notices))]
    return [(head, paras) for head, paras in sections if paras]


def html_table(result: MatchResult) -> str:
    """The same content as text_table, as HTML for the 政策体检 tab and the printable slip."""
    rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in award_row(a)) + "</tr>" for a in result.awards)
    head = "".join(f"<th>{h}</th>" for h in HEADERS)
    table = f"<table class='qy-match'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>" if rows else ""
    steps = "".join(f"<li>{escape(s)}</li>" for s in result.steps)
    near = "".join(f"<li>{escape(near_miss_line(n))}</li>" for n in result.near_misses)
    notices = "".join(f"<p class='qy-note'>{escape(n)}</p>" for n in result.notices)
    total = yuan(result.total_yuan) if result.total_yuan is not None else "无"
    return (f"<h4>{escape(_who(result))}</h4><div class='qy-amount' id='match-total'>{escape(headline(result))}</div>"
            f"<p>确定金额合计：<b data-total='{escape(total)}'>{escape(total)}</b></p>{table}"
            + (f"<b>合计与上限</b><ul>{steps}</ul>" if steps else "")
            + (f"<b>接近但尚未满足</b><ul>{near}</ul>" if near else "") + notices)  # fmt: skip
