"""Dates as people write them in a question: 2021年2月10日, 2021-2-10, 2021.2.9, 2021年3月, 22年5月, 二〇二二年.

A date is read only where it looks like one: a year of 19xx/20xx written with 年, or year, month and day
joined by -, / or . (two separators). A two-digit year is read only where it cannot be a length of time
(开业12年 is twelve years). A figure with one decimal point is a number: 2345.50 is never the year 2345.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from assistant.understand.numerals import DIGITS, FINANCIAL, parse_numeral

_YEAR = r"(?<![\d.])((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})"
_CN_SMALL = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_DATE_PATTERNS = (
    re.compile(rf"{_YEAR}\s*年\s*({_CN_SMALL})\s*月\s*({_CN_SMALL})\s*[日号]?"),
    re.compile(r"(?<![\d.])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.])"),
    re.compile(rf"{_YEAR}\s*年\s*({_CN_SMALL})\s*月"),
    re.compile(r"(?<![\d.])((?:19|20)\d{2})[-/](\d{1,2})(?![\d/\-.])"),
    re.compile(rf"{_YEAR}\s*年(?!\s*\d*\s*[个多半])"),
)
# 22年5月 / 22年授权 / 22年新设立: a two-digit year of this century, unless it reads as a length of time
# (开业12年, 服务15年了, 做了12年): after a verb of doing something for a time, or before 了/多/半/以上.
_SHORT_YEAR = re.compile(r"(?<![\d.])([12]\d)\s*年(?!\s*(了|多|半|以上|以来|左右|的|间|内|底|初|零|又))")
_DURATION_BEFORE = re.compile(r"(满|已经?|做了?|干了?|服务|执业|开业|营业|经营|工作|业务|运营|从业|待了?|共|一共|有|近|快|超过|至少|长达)\s*$")
_YEAR_AFTER = re.compile(r"\s*(\d{1,2}\s*月|[^，。,；;]{0,8}(授权|签|获批|认定|胜诉|通过|注册|登记|取得|拿到|获得|受让|核准|批准|立项|发布|考))")


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    year: int
    date: dt.date  # a month or a year alone: its last day
    precision: Literal["day", "month", "year"]


def _small(text: str) -> int:
    return int(text) if text.isdigit() else int(parse_numeral(text) or 0)


def _year(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str(DIGITS[c]) for c in text.translate(FINANCIAL)))


def month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _make_date(year: int, month: int | None, day: int | None
               ) -> tuple[dt.date, Literal["day", "month", "year"]] | None:
    if not (1980 <= year <= 2100) or (month is not None and not 1 <= month <= 12):
        return None
    if month is None:
        return dt.date(year, 12, 31), "year"
    if day is None:
        return month_end(year, month), "month"
    try:
        return dt.date(year, month, day), "day"
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """Every date written in `text`, in order; spans never overlap (the fullest form wins)."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            groups = [g for g in m.groups() if g not in ("-", "/", ".")]
            parts = [_year(groups[0]), *(_small(g) for g in groups[1:])]
            made = _make_date(parts[0], *(parts[1:] + [None, None])[:2])
            if made:
                found.append(FoundDate(m.start(), m.end(), parts[0], *made))
                taken.append((m.start(), m.end()))
    for m in _SHORT_YEAR.finditer(text):
        if any(m.start() < b and a < m.end() for a, b in taken):
            continue
        if _DURATION_BEFORE.search(text[: m.start()]) and not _YEAR_AFTER.match(text[m.end() :]):
            continue
        month = re.match(r"\s*(\d{1,2})\s*月", text[m.end() :])
        end = m.end() + (month.end() if month else 0)
        made = _make_date(2000 + int(m.group(1)), int(month.group(1)) if month else None, None)
        if made:
            found.append(FoundDate(m.start(), end, 2000 + int(m.group(1)), *made))
            taken.append((m.start(), end))
    return sorted(found, key=lambda t: t.start)
