"""No invented numbers: every number in an answer must come from a calculation, a cited clause,
the notices the system derives from the parameters, or the question itself."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from assistant.understand.numbers import values

_MONEY = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|万|元)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_LIST_NUMBER = re.compile(r"^\s*\d+\.\s", re.MULTILINE)  # "1. " numbering of steps
_SCALE = {"万元": Decimal(10_000), "万": Decimal(10_000), "元": Decimal(1)}


def money_values(text: str) -> set[Decimal]:
    return {Decimal(m.group(1)) * _SCALE[m.group(2)] for m in _MONEY.finditer(text)}


def _plain_numbers(text: str) -> set[Decimal]:
    return {Decimal(n) for n in _NUMBER.findall(text)}


def unsupported_numbers(answer: str, sources: Iterable[str]) -> list[str]:
    """The figures in `answer` that no source supports: money by value (2万元 = 20000元), other
    numbers (dates, counts, percentages) by the number itself."""
    source_text = "\n".join(sources)
    read = values(source_text, ("money", "count", "percent", "duration", "number", "range", "month", "date"))
    plain_ok = _plain_numbers(source_text.replace(",", "")) | read
    money_ok = money_values(source_text.replace(",", "")) | plain_ok
    text = _LIST_NUMBER.sub("", answer.replace(",", ""))
    bad = [m.group(0) for m in _MONEY.finditer(text) if Decimal(m.group(1)) * _SCALE[m.group(2)] not in money_ok]
    rest = _MONEY.sub(" ", text)
    bad += [n for n in _NUMBER.findall(rest) if Decimal(n) not in plain_ok]
    return bad
