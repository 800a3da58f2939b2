"""计算器 (staff): pick an award item, fill exactly its inputs, see amount, steps and conditions; add
several items for one applicant and see the total after the policy's caps.

The form is every input any item can need, built once from `input_specs`; choosing an item shows only
its own fields. The pure functions here also back the `/calculate` and `/combine` API endpoints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
    states = []
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


@dataclass(frozen=True)
class CalculatorForm:
    """The calculator's components, for the chat's 在计算器中核对 to fill in."""

    clause_box: Any
    item_box: Any
    intro: Any
    fields: list[Any]
    result: Any

    @property
    def outputs(self) -> list[Any]:
        return [self.clause_box, self.item_box, self.intro, *self.fields, self.result]

    def updates(self, answer: Mapping[str, Any] | None) -> list[Any]:
        """Gradio updates that show the answer's first award, its facts filled in and computed."""
        import gradio as gr

        from assistant.respond.catalogue import item_choices

        filled = prefill(answer)
        if filled is None:
            return [gr.update()] * (len(self.outputs) - 1) + [error_html("这次答复没有读到可计算的补助项目。")]
        clause_id, item_id, values, result = filled
        fields = [gr.update(**{**s, "value": v if s["visible"] else None})
                  for s, v in zip(field_state(item_id), values, strict=True)]
        return [gr.update(value=clause_id), gr.update(choices=item_choices(clause_id), value=item_id),
                item_intro_html(item_id), *fields, result]


# ---------------------------------------------------------------- the tab


def _field_component(spec: InputSpec, state: dict[str, Any]) -> Any:
    """A form field for `spec`, shown as `state` (from `field_state`) says for the first item."""
    import gradio as gr

    from calculators.inputs import APPLICANTS

    common = {
        "label": state.get("label", spec.label),
        "visible": state["visible"],
        "elem_id": f"calc-{spec.name}",
    }
    if spec.type == "applicant":
        choices = [(word, key) for key, word in APPLICANTS.items()]
        return gr.Radio(choices, value=state["value"], **common)
    if spec.type == "date":
        return gr.Textbox(placeholder="例如 2022-06-01，可不填", value=state["value"], **common)
    return gr.Number(precision=0 if spec.type in ("count", "years") else 2, value=state["value"], **common)


def pick_clause(clause_id: str) -> Any:
    """Clause chosen: offer its items, the first one selected."""
    import gradio as gr

    from assistant.respond.catalogue import item_choices

    choices = item_choices(clause_id)
    return gr.update(choices=choices, value=choices[0][1] if choices else None)


def pick_item(item_id: str | None) -> list[Any]:
    """Item chosen: its introduction, then each form field shown or hidden with its default."""
    import gradio as gr

    if not item_id:
        return [""] + [gr.update(visible=False) for _ in form_fields()]
    return [item_intro_html(item_id)] + [gr.update(**s) for s in field_state(item_id)]


def add_item(item_id: str | None, entries: list[dict[str, Any]], *values: object) -> tuple[Any, ...]:
    """加入本申请人合计: keep the item only when it calculates; returns basket, table, total, result."""
    if not item_id:
        return entries, *basket_view(entries), error_html("请先选择补助项目。")
    facts = facts_from_form(item_id, values)
    single = calculate_api(item_id, facts)
    if not single["ok"]:
        return entries, *basket_view(entries), error_html(single["error"])
    entries = [*entries, {"item": item_id, "facts": facts}]
    return entries, *basket_view(entries), calculate_one(item_id, values)


def build_calculator_tab() -> CalculatorForm:
    """Inside a gr.Tab: clause → item → its form → result; and the applicant's basket with the total."""
    import gradio as gr

    from assistant.respond.catalogue import clause_choices, item_choices

    first_clause = clause_choices()[0][1]
    first_item = item_choices(first_clause)[0][1]
    with gr.Row():
        clause_box = gr.Dropdown(clause_choices(), value=first_clause, label="章节与条款", scale=2)
        item_box = gr.Dropdown(item_choices(first_clause), value=first_item, label="补助项目", scale=2)
    intro = gr.HTML(item_intro_html(first_item))
    fields = [_field_component(f, s) for f, s in zip(form_fields(), field_state(first_item), strict=True)]
    with gr.Row():
        run = gr.Button("计算", variant="primary", elem_id="calc-run")
        add = gr.Button("加入本申请人合计", elem_id="calc-add")
        clear = gr.Button("清空合计")
    result = gr.HTML(elem_id="calc-result")
    basket = gr.State([])
    table = gr.Dataframe(headers=BASKET_HEADERS, label="本申请人的项目", interactive=False, wrap=True)
    total = gr.HTML()
    private = {"api_visibility": "private"}
    # .input, not .change: filling the form from a chat answer must not reset it to the clause's first item.
    clause_box.input(pick_clause, clause_box, item_box, **private).then(pick_item, item_box, [intro, *fields],
                                                                         **private)
    item_box.input(pick_item, item_box, [intro, *fields], **private)
    run.click(lambda item_id, *values: calculate_one(item_id, values), [item_box, *fields], result, **private)
    add.click(add_item, [item_box, basket, *fields], [basket, table, total, result], **private)
    clear.click(lambda: ([], *basket_view([])), None, [basket, table, total], **private)
    return CalculatorForm(clause_box, item_box, intro, fields, result)
