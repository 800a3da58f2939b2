"""Each calculator as a LangChain structured tool whose argument schema is exactly its inputs.

The default router calls `calculate()` directly; an optional LLM (assistant/llm/layer.py) may call these
same tools. Either way the amount comes from the calculator, never from the model.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

from langchain_core.tools import StructuredTool
from pydantic import BaseModel, Field, create_model

from calculators import PolicyError, calculate, inputs_of, load_parameters
from calculators.inputs import InputSpec

_PYTHON_TYPES: dict[str, Any] = {
    "yuan": float,
    "yuan_list": list[float],
    "count": int,
    "years": float,
    "applicant": str,
    "date": dt.date,
}


def _field(spec: InputSpec) -> tuple[Any, Any]:
    kind = _PYTHON_TYPES[spec.type]
    description = spec.label + ("；可选值 enterprise/unit/individual" if spec.type == "applicant" else "")
    if spec.required:
        return kind, Field(..., description=description)
    return kind | None, Field(None, description=description)


def args_schema(item_id: str) -> type[BaseModel]:
    """A pydantic model with exactly the calculator's inputs (required ones required)."""
    fields = {spec.name: _field(spec) for spec in inputs_of(item_id)}
    return create_model(f"{item_id}_args", **fields)  # type: ignore[call-overload, no-any-return]


def run_tool(item_id: str, **kwargs: Any) -> dict[str, Any]:
    """Call the calculator; a PolicyError comes back as data the model can read, not an exception."""
    facts = {k: (Decimal(str(v)) if isinstance(v, float) else v) for k, v in kwargs.items() if v is not None}
    try:
        return calculate(item_id, facts).to_dict()
    except PolicyError as exc:
        return {"error": exc.user_message, "item": item_id}


@cache
def calculator_tools() -> tuple[StructuredTool, ...]:
    """One tool per award item, named by its item id; the description names the clause and the rule."""
    tools = []
    for item in load_parameters().items.values():
        tools.append(
            StructuredTool.from_function(
                func=lambda _item=item.id, **kw: run_tool(_item, **kw),
                name=item.id,
                description=f"第（{item.clause}）条 {item.name}：{item.quote}",
                args_schema=args_schema(item.id),
            )
        )
    return tuple(tools)


def tool_by_name(name: str) -> StructuredTool | None:
    return next((t for t in calculator_tools() if t.name == name), None)
