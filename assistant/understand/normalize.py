"""Normalise what people type before anything reads it: full-width forms, control characters, list marks,
minus-like dashes, traditional characters. Numbers are read by numbers.py, on the cleaned text."""

from __future__ import annotations

import re
import unicodedata

import zhconv

MAX_QUESTION_CHARS = 2000  # ask() refuses longer input with a Chinese message
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_LIST_MARKS = re.compile(r"[\u2460-\u2473\u2776-\u277f\u2780-\u2793\u3251-\u325f]")  # ①..⑳, ❶.., ➀..

# Minus-like dashes NFKC keeps (U+2212 minus, U+2010..2013 hyphens and en dash, heavy minus, small hyphen):
# all read as "-", so 合同–100万 is caught as negative. The em dash (——) is Chinese punctuation and stays.
_MINUS_SIGNS = str.maketrans({c: "-" for c in "\u2212\u2010\u2011\u2012\u2013\u2796\ufe63"})

# Characters common in traditional but not simplified text; their presence is worth a conversion.
_TRADITIONAL_HINT = re.compile(r"[發專權費補領獎標準證書國際審訴勝頒產業機構區縣學圓條幾麼這與請問對於應從經譲讓]")


def clean(text: str) -> str:
    """NFKC (full-width digits and letters to half-width), control characters out, spaces squeezed.
    List marks (①②) go first: NFKC would turn them into digits that read as counts."""
    text = unicodedata.normalize("NFKC", _LIST_MARKS.sub(" ", text))
    if _TRADITIONAL_HINT.search(text):  # 發明專利 -> 发明专利: visitors from 港澳台 type traditional characters
        text = zhconv.convert(text, "zh-hans")
    return re.sub(r"\s+", " ", _CONTROL.sub("", text.translate(_MINUS_SIGNS))).strip()
