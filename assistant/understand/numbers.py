"""One number reader: every figure in a question as a typed token (money, count, percent, duration, date,
range or a bare number) with the span it came from. Slots, the guard and the LLM check all read numbers here.

How people write figures, all read here: 2345.50元, 1,200,000 and 1，200，000, ¥3,800,000.00,
壹佰贰拾万元整, 人民币捌拾陆万伍仟元整, 三十七万五千, 一万二, 1百20万, 0.8百万, 120w, 3k, 18.4k,
两年半, 一年零两个月, 18个月, 50%, 百分之五十, 100-500万, 2021.2.9, 2021年2月10日, 22年5月.

Dates are found first (dates.py) and masked, so their digits are never read again as amounts; the value
of each numeral run comes from numerals.py. This module types the runs: money, count, duration …
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from assistant.understand.dates import find_dates
from assistant.understand.numerals import ARABIC, FINANCIAL, parse_numeral

Kind = Literal["money", "count", "percent", "duration", "date", "month", "range", "number"]

_CN = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億"
_RUN = re.compile(rf"(?:{ARABIC}|[{_CN}]|(?<=[{_CN}\d])点(?=[{_CN}\d]))+(?:[wWkK](?![A-Za-z]))?")
# Measure words: a figure before one of these counts something. 次性 (一次性) is an adverb, not a count.
# 个人, 本地, 本市 … are words, not measures: 官费1500 个人 is a fee of 1500 and an individual.
_MEASURE = re.compile(r"\s*(件|个(?!人)|项|次(?!性)|起|家|份|张|宗|部|篇|首|幅|本(?![地市人单公企届年月])|所|位|名|条|笔|期|国(?![际内外家]))")
_DURATION = re.compile(r"\s*(年半|年多|年|个半月|个多月|个月)")
_CURRENCY_AFTER = re.compile(r"\s*(元整|元钱|块钱|元|块|圆|人民币|rmb)", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(¥|\$|人民币|rmb|RMB)\s*$")
_RANGE_JOIN = re.compile(r"\s*(-|~|到|至)\s*$")
_CN_DIGIT = "零一二三四五六七八九壹贰叁肆伍陆柒捌玖"
_JIAO_FEN = re.compile(rf"(?:([{_CN_DIGIT}\d])角)?(?:([{_CN_DIGIT}\d])分)?")
_SINGLE_OK = set("件个项次年起家份张宗万千百十元块位所条名期笔月天国部篇首幅本号日")


@dataclass(frozen=True)
class Token:
    kind: Kind
    value: Decimal  # yuan for money; the number for count, percent, month; years for a duration
    start: int
    end: int
    text: str
    unit: str = ""  # count: the measure word; money: the multiplier written (万, k …) or ""
    explicit: bool = False  # money: a currency or a multiplier was written (not a bare 1200000)
    negative: bool = False  # written with a minus sign or 负
    date: dt.date | None = None  # kind date: the day (a month or year alone: its last day)
    precision: Literal["day", "month", "year", ""] = ""
    high: Decimal | None = None  # kind range: the upper bound (value is the lower)


def _jiao_fen(m: re.Match[str]) -> Decimal:
    jiao, fen = (Decimal(parse_numeral(g) or 0) if g else Decimal(0) for g in m.groups())
    return jiao / 10 + fen / 100


def _is_number_run(text: str, m: re.Match[str]) -> tuple[int, str] | None:
    """(start, run) after trimming what is not a number: leading units (万一, 千万不要), ordinals (第一),
    and a lone Chinese digit not followed by a measure word or unit (一审, 一共, 二审, 一站式)."""
    run, start = m.group(0), m.start()
    while run and run[0] in "百千万亿佰仟萬億点":
        run, start = run[1:], start + 1
    if not run or text[max(0, start - 1) : start] == "第":
        return None
    following = text[start + len(run) : start + len(run) + 1]
    if not re.search(r"\d", run) and len(run) == 1 and text.startswith("次性", start + 1):
        return None  # 一次性: an adverb
    if not re.search(r"\d", run) and len(run) == 1 and following not in _SINGLE_OK:
        return None
    if not re.search(r"\d", run) and re.fullmatch(r"[一二两三四五六七八九]{2}", run) and following in "审级等":
        return None  # 一二审: the instances, not 12
    return start, run


def _scale_unit(run: str) -> str:
    """The multiplier written at the end of a run: 120万 -> 万, 0.8百万 -> 百万, 18.4k -> k."""
    tail = re.search(r"[万亿千百wk]*$", run.translate(FINANCIAL).lower())
    return tail.group(0) if tail else ""


def _classify(text: str, start: int, end: int, run: str, value: Decimal) -> Token:
    before, after = text[:start], text[end:]
    negative = bool(re.search(r"(?<![\d万千亿元块wWkK])(-|负)\s*$", before)) and not re.search(r"\d\s*-\s*$", before)
    if re.match(r"\s*[%％]", after) or before.endswith("百分之"):
        cut = re.match(r"\s*[%％]", after)
        return Token("percent", value, start - (3 if before.endswith("百分之") else 0), end + (cut.end() if cut else 0),
                     run, negative=negative)
    sign = _CURRENCY_BEFORE.search(before)
    if m := _DURATION.match(after):
        word = m.group(1)
        years = value + Decimal("0.5") if word == "年半" else value
        if "月" in word:
            years = (value + (Decimal("0.5") if word == "个半月" else 0)) / 12
        return Token("duration", years, start, end + m.end(), run + m.group(0), unit=word, negative=negative)
    if (m := _MEASURE.match(after)) and not sign:
        return Token("count", value, start, end + m.end(), run + m.group(0), unit=m.group(1), negative=negative)
    if m := re.match(r"\s*月(?!份?\s*[工资])", after):
        return Token("month", value, start, end + m.end(), run + m.group(0), negative=negative)
    currency = _CURRENCY_AFTER.match(after)
    unit = _scale_unit(run)
    multiplied = bool(re.search(r"[万亿千百wWkK萬億仟佰]", run))  # 二十万五, 一万二: a multiplier inside
    if currency or sign or multiplied:
        new_start = sign.start() if sign else start
        new_end = end + (currency.end() if currency else 0)
        if currency and (fen := _JIAO_FEN.match(text[new_end:])):  # 贰仟叁佰肆拾伍元伍角陆分 on an invoice
            value += _jiao_fen(fen)
            new_end += fen.end()
        return Token("money", value, new_start, new_end, text[new_start:new_end], unit=unit, explicit=True,
                     negative=negative)
    return Token("number", value, start, end, run, negative=negative)


def _join_durations(tokens: list[Token], text: str) -> list[Token]:
    """一年零两个月 / 1年2个月: one duration."""
    out: list[Token] = []
    for token in tokens:
        prev = out[-1] if out else None
        if (prev and prev.kind == "duration" and token.kind == "duration" and "年" in prev.unit
                and "月" in token.unit and re.fullmatch(r"\s*(零|又)?\s*", text[prev.end : token.start])):
            out[-1] = Token("duration", prev.value + token.value, prev.start, token.end, text[prev.start : token.end],
                            unit="年")
            continue
        out.append(token)
    return out


def _ranges(tokens: list[Token], text: str) -> list[Token]:
    """100-500万 / 100万到500万: a range (a threshold someone quotes), the first bound taking the
    second's multiplier when it has none."""
    out: list[Token] = []
    for token in tokens:
        prev = out[-1] if out else None
        gap = text[prev.end : token.start] if prev else ""
        if prev and prev.kind in ("number", "money") and token.kind == "money" and gap and _RANGE_JOIN.fullmatch(gap):
            low = prev.value if prev.kind == "money" else prev.value * _multiplier(token.unit)
            out[-1] = Token("range", low, prev.start, token.end, text[prev.start : token.end], unit=token.unit,
                            high=token.value)
            continue
        out.append(token)
    return out


def _multiplier(unit: str) -> Decimal:
    scale = {"万": 10_000, "亿": 100_000_000, "千": 1_000, "百": 100, "w": 10_000, "k": 1_000}
    product = Decimal(1)
    for ch in unit:
        product *= scale.get(ch, 1)
    return product


def _lists(tokens: list[Token], text: str) -> list[Token]:
    """1.2万、2万、8000、6000元: a bare figure in a 、-list of amounts takes the list's last unit."""
    out = list(tokens)
    for i in range(len(out) - 2, -1, -1):
        token, nxt = out[i], out[i + 1]
        if token.kind == "number" and nxt.kind == "money" and re.fullmatch(r"\s*、\s*", text[token.end : nxt.start]):
            value = token.value * _multiplier(nxt.unit)
            out[i] = Token("money", value, token.start, token.end, token.text, unit=nxt.unit, explicit=True,
                           negative=token.negative)
    return out


@lru_cache(maxsize=4096)
def read_numbers(text: str) -> tuple[Token, ...]:
    """Every figure in `text`, in order. `text` should be clean()ed (full-width digits made ASCII).
    Cached: the guard reads the same clause texts for every answer that cites them."""
    dates = [Token("date", Decimal(d.year), d.start, d.end, text[d.start : d.end], date=d.date, precision=d.precision)
             for d in find_dates(text)]
    masked = list(text)
    for d in dates:
        masked[d.start : d.end] = " " * (d.end - d.start)
    work = "".join(masked)
    tokens: list[Token] = list(dates)
    for m in _RUN.finditer(work):
        trimmed = _is_number_run(work, m)
        if trimmed is None:
            continue
        start, run = trimmed
        value = parse_numeral(run)
        if value is None:
            continue
        tokens.append(_classify(work, start, start + len(run), run, value))
    numbers = sorted((t for t in tokens if t.kind != "date"), key=lambda t: t.start)
    numbers = _lists(_ranges(_join_durations(numbers, work), work), work)
    return tuple(sorted([*numbers, *dates], key=lambda t: t.start))


_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")


def without_separators(text: str) -> str:
    """1,200,000 -> 1200000, so that a comma inside a number never splits a sentence into pieces."""
    return _THOUSANDS.sub("", text)


def values(text: str, kinds: tuple[Kind, ...] = ("money", "count", "percent", "duration", "number", "range")) -> set[Decimal]:
    """The values of the figures of the given kinds in `text` (a range gives both bounds)."""
    out: set[Decimal] = set()
    for token in read_numbers(text):
        if token.kind in kinds:
            out.add(token.value)
            if token.high is not None:
                out.add(token.high)
    return out
