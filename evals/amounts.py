"""Find money amounts in answer text, however they are written: 5万元 = 50,000元 = 50000元 = 5.0万元 = 五万元.

The gold data states every amount in whole yuan; answers write amounts the way the policy does (万元) or
in yuan with separators. Matching by value, not by spelling, keeps the metrics fair to both.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

_UNIT_YUAN = {"万元": 10_000, "万": 10_000, "千元": 1_000, "元": 1, "块": 1}
_UNIT = "(万元|万|千元|元|块)"
# (?<![\d.,]) keeps "10万元" from also matching as "0万元"; thousands separators must be well formed.
_ARABIC = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*" + _UNIT)
_YEN = re.compile(r"¥\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
_CHINESE = re.compile(r"([零〇一二两三四五六七八九十百千]+)\s*" + _UNIT)

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def normalize(text: str) -> str:
    """NFKC folds full-width digits, ％ and ￥ into their ASCII forms (１２０万 -> 120万)."""
    return unicodedata.normalize("NFKC", text)


def chinese_to_int(numeral: str) -> int:
    """一百二十 -> 120, 两 -> 2, 十二 -> 12; colloquial 一千八 -> 1800 (a trailing digit takes the next unit down)."""
    total, digit, last_unit, after_zero = 0, None, 1, False
    for ch in numeral:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
            after_zero = after_zero or digit == 0
            continue
        unit = _CN_UNITS[ch]
        total += (digit if digit else 1) * unit
        digit, last_unit, after_zero = None, unit, False
    if digit:
        total += digit * (last_unit // 10 if last_unit >= 100 and not after_zero else 1)
    return total


def _arabic_value(integer: str, fraction: str | None, unit: str) -> Decimal:
    return Decimal(integer.replace(",", "") + (fraction or "")) * _UNIT_YUAN[unit]


def amounts_in_text(text: str) -> tuple[Decimal, ...]:
    """Every money amount written in `text`, in yuan, in order of appearance."""
    text = normalize(text)
    found: list[tuple[int, Decimal]] = []
    for m in _ARABIC.finditer(text):
        found.append((m.start(), _arabic_value(m.group(1), m.group(2), m.group(3))))
    for m in _YEN.finditer(text):
        found.append((m.start(), _arabic_value(m.group(1), m.group(2), "元")))
    for m in _CHINESE.finditer(text):
        found.append((m.start(), Decimal(chinese_to_int(m.group(1)) * _UNIT_YUAN[m.group(2)])))
    return tuple(value for _, value in sorted(found, key=lambda pair: pair[0]))


def money_phrase_value(phrase: str) -> Decimal | None:
    """The amount when `phrase` is nothing but an amount ("10万元", "3,000元"), else None."""
    text = normalize(phrase).strip()
    for pattern in (_ARABIC, _YEN, _CHINESE):
        if pattern.fullmatch(text):
            values = amounts_in_text(text)
            return values[0] if values else None
    return None


def mentions(text: str, phrase: str) -> bool:
    """Whether `text` says `phrase`: by value for amounts ("10万元" matches "100,000元"), else verbatim."""
    value = money_phrase_value(phrase)
    if value is not None:
        return value in amounts_in_text(text)
    return normalize(phrase) in normalize(text)


def states_amount(text: str, yuan: int) -> bool:
    """Whether `text` writes the amount `yuan` in any form."""
    return Decimal(yuan) in amounts_in_text(text)
