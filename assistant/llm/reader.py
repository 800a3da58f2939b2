"""The optional LLM is held to the one number reader: a figure it proposes as a calculator input counts
only if the user said it. Kept apart from layer.py so the pipeline checks calls without importing
LangChain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from assistant.understand.normalize import clean
from assistant.understand.numbers import read_numbers
from calculators import inputs_of

Call = tuple[str, dict[str, object]]


def held_to_the_reader(calls: list[Call], said: Sequence[str]) -> tuple[list[Call], list[str]]:
    """Keep a figure the model proposes as a calculator input only if the number reader finds that
    figure in what the user said (this question or earlier turns); drop it otherwise, so the calculator
    asks for it. An invented contract amount never becomes a calculation the guard would trust."""
    tokens = [t for text in said for t in read_numbers(clean(text))]
    seen: dict[str, set[object]] = {
        "yuan": {t.value for t in tokens if t.kind in ("money", "number")},
        "count": {t.value for t in tokens if t.kind in ("count", "number")},
        "years": {t.value for t in tokens if t.kind in ("duration", "number")},
        "date": {t.date for t in tokens if t.kind == "date"},
    }
    kept: list[Call] = []
    dropped: list[str] = []
    for item_id, facts in calls:
        types = {s.name: s.type for s in inputs_of(item_id)}
        ok: dict[str, object] = {}
        for name, value in facts.items():
            kind = "yuan" if types.get(name) == "yuan_list" else types.get(name, "")
            if kind not in seen or _found(value, seen[kind]):
                ok[name] = value
            else:
                dropped.append(f"{item_id}.{name}={value!r}")
        kept.append((item_id, ok))
    return kept, dropped


def _found(value: object, seen: set[object]) -> bool:
    if isinstance(value, list | tuple):
        return all(_found(v, seen) for v in value)
    if isinstance(value, dt.date) or value is None:
        return value in seen
    try:
        return Decimal(str(value)) in seen
    except ArithmeticError:
        return False


