"""计算器 (staff): pick an award item, fill exactly its inputs, see amount, steps and conditions; add
several items for one applicant and see the total after the policy's caps.

The form is every input any item can need, built once from `input_specs`; choosing an item shows only
its own fields. The pure functions here also back the `/calculate` and `/combine` API endpoints; the
Gradio components are built in calculator_tab.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from html import escape
from typing import Any

from assistant.respond.catalogue import limits_text, standard_text
from assistant.ui.render import amount_text
from calculators import (
    Calculation,
    InputSpec,
    PolicyError,
    calculate,
    combine,
    input_specs,
    load_parameters,
    yuan,
)
from corpus import load_policy

BASKET_HEADERS = ["条款", "补助项目", "金额", "计算步骤"]


@cache
def form_fields() -> tuple[InputSpec, ...]:
    """One spec per input name: those some item requires first, the optional date last."""
    seen: dict[str, InputSpec] = {}
    required: set[str] = set()
    for item in load_parameters().items.values():
        for spec in input_specs(item):
            seen.setdefault(spec.name, spec)
            required |= {spec.name} if spec.required else set()
    order = sorted(seen, key=lambda name: (seen[name].type == "date", name not in required))
    return tuple(seen[name] for name in order)


def field_state(item_id: str) -> list[dict[str, Any]]:
    """For each form field: shown?, its label (必填 marked) and default, for the chosen item."""
    wanted = {s.name: s for s in input_specs(load_parameters().item(item_id))}
    states: list[dict[str, Any]] = []
    for field in form_fields():
        spec = wanted.get(field.name)
        if spec is None:
            states.append({"visible": False, "value": None})
        else:
            label = spec.label + ("（必填）" if spec.required else "（选填）")
            states.append({"visible": True, "label": label, "value": spec.default})
    return states


def _plain_number(value: object) -> object:
    """Form numbers arrive as floats; 3.0 件 should reach the calculator as 3."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def facts_from_form(item_id: str, values: Sequence[object]) -> dict[str, object]:
    """The chosen item's facts from the form's values (in `form_fields()` order); blanks left out."""
    by_name = dict(zip((f.name for f in form_fields()), values, strict=True))
    facts = {}
    for spec in input_specs(load_parameters().item(item_id)):
        value = by_name.get(spec.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        facts[spec.name] = _plain_number(value.strip() if isinstance(value, str) else value)
    return facts


def item_intro_html(item_id: str) -> str:
    """What the clause says about the item: standard, limits, the verbatim quote."""
    item = load_parameters().item(item_id)
    clause = load_policy().get(item.clause)
    limits = limits_text(item)
    return (
        f"<div class='qy-intro'><b>{escape(item.name)}</b>（{escape(clause.citation)}）<br>"
        f"标准：{escape(standard_text(item))}"
        + (f"；{escape(limits)}" if limits else "")
        + f"<blockquote>{escape(item.quote)}</blockquote></div>"
    )


def calculation_html(calc: Calculation) -> str:
    """Amount, steps, conditions and notes of one calculation."""
    steps = "".join(f"<li>{escape(s)}</li>" for s in calc.steps)
    conditions = "".join(f"<li>{escape(c)}</li>" for c in calc.conditions)
    notes = "".join(f"<p class='qy-note'>{escape(n)}</p>" for n in calc.notes)
    return (
        f"<div class='qy-amount'>{escape(calc.name)}：{escape(amount_text(calc.amount_yuan, calc.kind))}</div>"
        f"<b>计算步骤</b><ol>{steps}</ol><b>须满足的条件</b><ul>{conditions}</ul>{notes}"
        "<p class='qy-note'>以上为按政策原文的测算，以主管部门审核为准。</p>"
    )


def error_html(message: str) -> str:
    return f"<div class='qy-error'>{escape(message)}</div>"


def calculate_one(item_id: str | None, values: Sequence[object]) -> str:
    """The 计算 button: a result or the calculator's Chinese message, never a traceback."""
    if not item_id:
        return error_html("请先选择补助项目。")
    try:
        return calculation_html(calculate(item_id, facts_from_form(item_id, values)))
    except PolicyError as exc:
        return error_html(exc.user_message)


def calculate_api(item_id: str, facts: dict[str, Any]) -> dict[str, Any]:
    """API /calculate: one item from a facts object, e.g. ("patent_transfer_contract", {"contract_yuan": 1200000})."""
    try:
        return {"ok": True, **calculate(item_id, facts or {}).to_dict()}
    except PolicyError as exc:
        return {"ok": False, "error": exc.user_message}


def combine_entries(entries: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """API /combine: several {"item", "facts"} for one applicant; totals after the caps (e.g. （十三）10万元)."""
    try:
        combined = combine([calculate(e["item"], e.get("facts") or {}) for e in entries])
    except PolicyError as exc:
        return {"ok": False, "error": exc.user_message}
    except (KeyError, TypeError):
        return {"ok": False, "error": "每一项须写明补助项目（item）和所填信息（facts）。"}
    total = combined.total_yuan
    return {
        "ok": True,
        "calculations": [c.to_dict() for c in combined.calculations],
        "total_yuan": None
        if total is None
        else int(total)
        if total == total.to_integral_value()
        else float(total),
        "steps": list(combined.steps),
    }


def basket_view(entries: Sequence[Mapping[str, Any]]) -> tuple[list[list[str]], str]:
    """The applicant's items as table rows, and the capped total with the steps where a cap bit."""
    if not entries:
        return [], "<div class='qy-empty'>尚未加入项目。</div>"
    result = combine_entries(entries)
    if not result["ok"]:
        return [], error_html(result["error"])
    policy = load_policy()
    rows = [
        [
            policy.get(c["clause"]).label,
            c["name"],
            amount_text(c["amount_yuan"], c["kind"]),
            "；".join(c["steps"]),
        ]
        for c in result["calculations"]
    ]
    total = result["total_yuan"]
    head = (
        f"合计（已按上限扣减）：{yuan(total)}" if total is not None else "合计：无确定金额（均为上限或下限）"
    )
    steps = "".join(f"<li>{escape(s)}</li>" for s in result["steps"])
    return rows, f"<div class='qy-amount'>{escape(head)}</div><ul>{steps}</ul>"


def _form_value(spec: InputSpec, value: object) -> object:
    """A value read from a question, as the form field shows it (a list of fees is not a form field)."""
    if value is None or isinstance(value, list | tuple | dict):
        return None if spec.type != "applicant" else spec.default
    return value


def prefill(answer: Mapping[str, Any] | None) -> tuple[str, str, list[object], str] | None:
    """在计算器中核对: (clause, item, each form field's value, the result) for the first award the answer
    read, so staff can correct a misread fact and recompute; None when the answer read no award."""
    events = (answer or {}).get("facts") or []
    if not events or events[0].get("item") not in load_parameters().items:
        return None
    item = load_parameters().item(events[0]["item"])
    inputs = events[0].get("inputs") or {}
    wanted = {s.name for s in input_specs(item)}
    values = [_form_value(f, inputs.get(f.name)) if f.name in wanted else None for f in form_fields()]
    return item.clause, item.id, values, calculate_one(item.id, values)
