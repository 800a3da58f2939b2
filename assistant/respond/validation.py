"""Pydantic's validation errors said in Chinese, naming each field by its Chinese title where the model
gives one (合同[2].合同金额（元）：不能为负数), for the REST API and the 政策体检 profile alike."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

REASONS = {
    "missing": "缺少该字段",
    "string_type": "应为字符串",
    "string_too_long": "内容过长",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "bool_type": "应为 true/false",
    "bool_parsing": "应为 true/false（是/否）",
    "greater_than_equal": "不能小于{ge}",
    "greater_than": "应大于{gt}",
    "less_than_equal": "数值过大（不能超过{le}）",
    "less_than": "应小于{lt}",
    "too_long": "条目过多（最多{max_length}条）",
    "list_type": "应为列表",
    "literal_error": "只能是：{expected}",
    "enum": "只能是：{expected}",
    "extra_forbidden": "不是可识别的字段",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "dict_type": "应为对象",
    "json_invalid": "不是合法的 JSON",
    "model_attributes_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
    "value_error": "{message}",
}


def _reason(error: Mapping[str, Any], glossary: Mapping[str, str]) -> str:
    kind = str(error.get("type", ""))
    context = dict(error.get("ctx") or {})
    if kind == "greater_than_equal" and str(context.get("ge")) == "0":
        return "不能为负数"
    if kind == "greater_than" and str(context.get("gt")) == "0":
        return "应大于0（不能为负数或0）"
    if kind in ("literal_error", "enum") and glossary:  # 'enterprise' or 'park' -> enterprise（企业）、park（园区）
        words = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        context["expected"] = "、".join(f"{w}（{glossary[w]}）" if w in glossary else w for w in words)
    template = REASONS.get(kind, "格式不正确")
    if "error" in context:  # a ValueError raised by a validator: its message is already Chinese
        context["message"] = str(context["error"])
    context.setdefault("message", "格式不正确")
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return "格式不正确"


def _where(loc: Sequence[Any], model: type[BaseModel] | None) -> str:
    """("contracts", 1, "amount_yuan") -> 合同[2].合同金额（元）, by each field's title."""
    parts: list[str] = []
    current = model
    for step in loc:
        if step == "body":
            continue
        if isinstance(step, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{step + 1}]"]
            continue
        field = current.model_fields.get(str(step)) if current is not None else None
        parts.append(field.title if field is not None and field.title else str(step))
        current = _model_of(field.annotation) if field is not None else None
    return ".".join(parts)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model inside Foo, list[Foo] or Foo | None, to name nested fields."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def chinese_errors(errors: Sequence[Mapping[str, Any]], model: type[BaseModel] | None = None,
                   lead: str = "请求格式有误", glossary: Mapping[str, str] | None = None) -> str:  # fmt: skip
    """One Chinese sentence listing what is wrong, field by field; `glossary` says allowed codes in Chinese."""
    # A JSON syntax error's place is a character offset, not a field: say it of the whole body.
    parts = [f"{(_where(e.get('loc', ()), model) if e.get('type') != 'json_invalid' else '') or '内容'}："
             f"{_reason(e, glossary or {})}" for e in errors[:8]]  # fmt: skip
    more = f"等{len(errors)}处" if len(errors) > 8 else ""
    return f"{lead}：" + "；".join(parts) + f"{more}。"
