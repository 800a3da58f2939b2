"""Normalise what people type: full-width forms, Chinese numerals, thousands separators, 万/亿 units."""

from __future__ import annotations

import re
import unicodedata
import warnings
from decimal import Decimal, InvalidOperation

import cn2an
import zhconv

MAX_QUESTION_CHARS = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")


def strip_thousands(text: str) -> str:
    """1,200,000 -> 1200000, so that a comma inside a number never splits a sentence."""
    return _THOUSANDS.sub("", text)
_SPELLED_SMALL = {"半": "0.5"}


_LIST_MARKS = re.compile(r"[\u2460-\u2473\u2776-\u277f\u2780-\u2793\u3251-\u325f]")  # ①..⑳, ❶.., ➀..


# Minus-like dashes NFKC keeps (U+2212 minus, U+2010..2013 hyphens and en dash, heavy minus, small hyphen):
# all read as "-", so 合同–100万 is caught as negative. The em dash (——) is Chinese punctuation and stays.
_MINUS_SIGNS = str.maketrans({c: "-" for c in "\u2212\u2010\u2011\u2012\u2013\u2796\ufe63"})


# Characters common in traditional but not simplified text; their presence is worth a conversion.
_TRADITIONAL_HINT = re.compile(r"[發專權費補領獎標準證書國際審訴勝頒產業機構區縣學圓條幾麼這與請問對於應從經]")


def clean(text: str) -> str:
    """NFKC (full-width digits and letters to half-width), control characters out, spaces squeezed.
    List marks (①②) go first: NFKC would turn them into digits that read as counts."""
    text = unicodedata.normalize("NFKC", _LIST_MARKS.sub(" ", text))
    if _TRADITIONAL_HINT.search(text):  # 發明專利 -> 发明专利: visitors from 港澳台 type traditional characters
        text = zhconv.convert(text, "zh-hans")
    return re.sub(r"\s+", " ", _CONTROL.sub("", text.translate(_MINUS_SIGNS))).strip()


_CN_RUN = re.compile(r"[零一二两三四五六七八九十百千万亿]+(?:点[零一二三四五六七八九]+)?")
_SINGLE_DIGITS = "一二两三四五六七八九"
# A lone numeral counts only before a measure word or unit: 一件、三年 yes; 一审、一共、二审、一站式 no.
_MEASURES = "件个项次年起家份张宗万千百十元块位所条名期笔月天"


def _numeral(text: str, m: re.Match[str]) -> str:
    run = m.group(0)
    following = text[m.end() : m.end() + 1]
    if len(run) == 1 and (run in "万亿千百零" or (run in _SINGLE_DIGITS + "十" and following not in _MEASURES)):
        return run
    unit = ""
    if len(run) > 1 and run[-1] in "万亿":  # keep the unit so 一百二十万 reads as money: 120万
        run, unit = run[:-1], run[-1]
    try:
        value = cn2an.cn2an(run.replace("两", "二"), "smart")
    except (ValueError, KeyError, IndexError):
        return m.group(0)
    return f"{value:g}{unit}" if isinstance(value, float) else f"{value}{unit}"


# 大写 numerals on contracts and invoices (壹佰贰拾万元整) read as the everyday ones.
_FINANCIAL = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟萬億〇", "一二三四五六七八九十百千万亿零")


def arabic(text: str) -> str:
    """Chinese numerals to digits for slot extraction: 一百二十万 -> 120万, 两件 -> 2件, 1,200 -> 1200.

    Used only for reading numbers: item matching keeps the original words (一审 stays 一审 anyway).
    """
    text = _THOUSANDS.sub("", text.translate(_FINANCIAL))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _CN_RUN.sub(lambda m: _numeral(text, m), text)


def to_decimal(number: str) -> Decimal | None:
    try:
        value = Decimal(number)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


UNIT_YUAN = {
    "亿": Decimal(100_000_000), "万": Decimal(10_000), "千": Decimal(1_000), "百": Decimal(100),
    "w": Decimal(10_000), "k": Decimal(1_000),
}


def scale(number: Decimal, unit: str) -> Decimal:
    """120, '万' -> 1200000; units may stack (1.2万亿 is not a contract anyone has, but parses)."""
    for ch in unit.lower():
        number *= UNIT_YUAN.get(ch, Decimal(1))
    return number
