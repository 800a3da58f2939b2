"""The value of one run of numerals, in any mix of forms people write: 1200000, 1,200,000, 120w, 3k,
1百20万, 三十七万五千, 一万二, 壹佰贰拾万, 一点五万, 二〇二二. numbers.py finds the runs and types them."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# 大写 numerals on contracts and invoices (壹佰贰拾万元整) read as the everyday ones.
FINANCIAL = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟萬億〇两", "一二三四五六七八九十百千万亿零二")
DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}
_LETTER_UNITS = {"w": 10_000, "k": 1_000}
ARABIC = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _pieces(run: str) -> list[Decimal | str]:
    """A numeral run as numbers and unit characters: 1百20万 -> [1, 百, 20, 万]; 一点五万 -> [1.5, 万]."""
    run = run.translate(FINANCIAL)
    out: list[Decimal | str] = []
    for m in re.finditer(rf"{ARABIC}|[零一二三四五六七八九]*点[零一二三四五六七八九]+|.", run):
        part = m.group(0)
        if "点" in part:  # 一点五 -> 1.5; after a unit (一千二百点五) the fraction joins what came before
            whole, frac = part.split("点")
            out.append(Decimal(f"{concat_digits(whole)}.{''.join(str(DIGITS[c]) for c in frac)}"))
        elif part[0].isdigit() or part[0] == ".":
            value = _decimal(part)
            if value is None:
                return []
            out.append(value)
        elif part in DIGITS:
            out.append(part)  # a Chinese digit: kept as a character so 二〇二二 can be read digit by digit
        elif part in _SMALL_UNITS or part in _LARGE_UNITS or part.lower() in _LETTER_UNITS:
            out.append(part.lower())
        else:
            return []
    return out


def concat_digits(digits: str) -> int:
    return int("".join(str(DIGITS[c]) for c in digits)) if digits else 0


def parse_numeral(run: str) -> Decimal | None:
    """The value of one numeral run in any mix of forms; None when it is not a number.

    Sections are read the usual way (三十七万五千 = 37×10000 + 5×1000); a lone digit after a unit is a
    tenth of it, as people say (二十万五 = 205000, 一万二 = 12000, 两千三 = 2300), except after 零."""
    pieces = _pieces(run)
    if not pieces:
        return None
    total = section = Decimal(0)
    number: Decimal | None = None
    last_unit: int | None = None
    after_zero = digit_run = False
    for piece in pieces:
        if isinstance(piece, Decimal) or piece in DIGITS:
            value = piece if isinstance(piece, Decimal) else Decimal(DIGITS[piece])
            if isinstance(piece, Decimal) and number is None and section and piece < 1:
                number = piece  # 一千二百点五: .5 after the sections
            elif digit_run and number is not None and not isinstance(piece, Decimal):
                number = number * 10 + value  # 二〇二二: digits read in a row
            else:
                number = value
            after_zero = after_zero or piece == "零"
            digit_run = not isinstance(piece, Decimal)
            continue
        digit_run = False
        unit = _SMALL_UNITS.get(piece) or _LARGE_UNITS.get(piece) or _LETTER_UNITS[piece]
        if piece in _SMALL_UNITS:
            section += (number if number is not None else Decimal(1)) * unit
        else:  # 万, 亿, w, k multiply everything before them in their section
            total = (total + section + (number or 0)) * unit if unit > 10_000 else total + (section + (number or 0)) * unit
            section = Decimal(0)
        number, last_unit, after_zero = None, unit, False
    if number is not None:
        lone = number == number.to_integral_value() and 0 < number < 10
        if last_unit and last_unit >= 100 and lone and not after_zero and isinstance(pieces[-1], str):
            number = number * last_unit / 10  # 二十万五: 五 is 5千
        total += number
    return total + section
