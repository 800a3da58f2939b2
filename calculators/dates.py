"""The policy's dates: in force 2021-02-10..2023-12-31, domestic patent grants back to 2020-01-18."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from calculators.params import Parameters

Period = Literal["in_force", "retroactive", "before", "after"]


def period_of(item_id: str, event: dt.date, params: Parameters) -> Period:
    """Where an event (grant, contract, award) falls; both ends inclusive (closing: 有效期至…)."""
    p = params.policy
    if event > p.effective_until:
        return "after"
    if event >= p.effective_from:
        return "in_force"
    if item_id in p.retroactive_items and event >= p.retroactive_from:
        return "retroactive"
    return "before"


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def validity_span(params: Parameters) -> str:
    """自2021年2月10日起施行，有效期至2023年12月31日: the period said in words, from the parameters."""
    p = params.policy
    return f"{_cn(p.effective_from)}起施行，有效期至{_cn(p.effective_until)}"


def period_message(item_name: str, event: dt.date, period: Period, params: Parameters) -> str:
    """The explanation an answer gives for an event date, in Chinese."""
    p = params.policy
    if period == "after":
        return (
            f"您所说的时间（按{_cn(event)}计）晚于本办法有效期（{_cn(p.effective_from)}至{_cn(p.effective_until)}），"
            f"“{item_name}”不能按本办法计算。现行政策请向{p.contact}咨询。"
        )
    if period == "before":
        retro = ""
        if p.retroactive_items:
            retro = f"（仅{_cn(p.retroactive_from)}起的国内专利授权资助可追溯参照执行）"
        return (
            f"您所说的时间（按{_cn(event)}计）早于本办法施行之日{_cn(p.effective_from)}{retro}，"
            f"“{item_name}”不能按本办法计算。当时适用的政策请向{p.contact}咨询。"
        )
    if period == "retroactive":
        return (
            f"{_cn(event)}的国内专利授权在{_cn(p.retroactive_from)}至本办法施行之日期间，"
            "按“就高不重复”原则参照本办法执行：已按其他政策获得资助的，取较高者，不重复资助。"
        )
    return f"{_cn(event)}在本办法有效期内。"


def validity_notices(as_of: dt.date, params: Parameters) -> tuple[str, ...]:
    """What every answer says about the policy's dates, as of the day it is asked."""
    p = params.policy
    if as_of > p.effective_until:
        return (
            f"本办法有效期至{_cn(p.effective_until)}，现已届满（今天是{_cn(as_of)}）。"
            f"以下内容仅适用于有效期内（{_cn(p.effective_from)}至{_cn(p.effective_until)}）发生的事项；"
            f"现行政策请向{p.contact}咨询。",
        )
    if as_of < p.effective_from:
        return (f"本办法自{_cn(p.effective_from)}起施行，尚未生效。",)
    return (f"本办法有效期至{_cn(p.effective_until)}。",)
