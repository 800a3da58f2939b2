"""The 计算器 tab's Gradio components and events; what they show comes from calculator.py's pure functions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.ui.calculator import (
    BASKET_HEADERS,
    basket_view,
    calculate_api,
    calculate_one,
    error_html,
    facts_from_form,
    field_state,
    form_fields,
    item_intro_html,
    prefill,
)
from calculators import InputSpec

if TYPE_CHECKING:  # gradio is imported when the tab is built, not when the calculator is used
    import gradio as gr


@dataclass(frozen=True)
class CalculatorForm:
    """The calculator's components, for the chat's 在计算器中核对 to fill in."""

    clause_box: gr.Dropdown
    item_box: gr.Dropdown
    intro: gr.HTML
    fields: list[gr.components.Component]
    result: gr.HTML

    @property
    def outputs(self) -> list[gr.components.Component]:
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


def _field_component(spec: InputSpec, state: dict[str, Any]) -> gr.components.Component:
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


def pick_clause(clause_id: str) -> dict[str, Any]:
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
    # .input, not .change: filling the form from a chat answer must not reset it to the clause's first item.
    hidden = "private"  # these events are the form's own, not part of the app's API
    clause_box.input(pick_clause, clause_box, item_box, api_visibility=hidden).then(
        pick_item, item_box, [intro, *fields], api_visibility=hidden)
    item_box.input(pick_item, item_box, [intro, *fields], api_visibility=hidden)
    run.click(lambda item_id, *values: calculate_one(item_id, values), [item_box, *fields], result,
              api_visibility=hidden)
    add.click(add_item, [item_box, basket, *fields], [basket, table, total, result], api_visibility=hidden)
    clear.click(lambda: ([], *basket_view([])), None, [basket, table, total], api_visibility=hidden)
    return CalculatorForm(clause_box, item_box, intro, fields, result)
