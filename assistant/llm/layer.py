"""Optional LLM (any OpenAI-compatible server through LangChain): it may pick calculators by tool
calling and rephrase an answer. It never supplies a number: amounts come from the calculators, and the
guard rejects a rephrasing with a figure that no source supports. Off unless configured."""

from __future__ import annotations

import logging
import os
from decimal import Decimal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import ValidationError

from assistant.llm.tools import calculator_tools, tool_by_name
from assistant.respond.guard import unsupported_numbers
from assistant.settings import Settings

log = logging.getLogger(__name__)

ROUTER_PROMPT = (
    "你是《清远市推进知识产权工作实施办法》咨询助手的路由器。根据用户问题，调用对应的补助计算工具，"
    "参数只能取自用户原话；不确定就不调用。不要自己计算金额。"
)
PHRASE_PROMPT = (
    "请把下面的答案草稿改写得更口语、更易懂，但必须保留结论、每一个数字和条款引用，不得增加任何新的数字、"
    "金额或条件。只输出改写后的答案。"
)


class LLMLayer:
    def __init__(self, model: BaseChatModel) -> None:
        self.model = model
        self.router = model.bind_tools(list(calculator_tools()))

    def route(self, question: str) -> list[tuple[str, dict[str, object]]]:
        """The calculator calls the model proposes, validated against each tool's schema; bad ones dropped."""
        message = self.router.invoke([SystemMessage(ROUTER_PROMPT), HumanMessage(question)])
        calls: list[tuple[str, dict[str, object]]] = []
        for call in getattr(message, "tool_calls", None) or []:
            tool = tool_by_name(str(call.get("name")))
            if tool is None or tool.args_schema is None:
                log.warning("LLM called an unknown tool %r; ignored", call.get("name"))
                continue
            try:
                args = tool.args_schema.model_validate(call.get("args") or {})  # type: ignore[union-attr]
            except ValidationError as exc:
                log.warning("LLM gave %s wrong arguments (%s); ignored", tool.name, exc.error_count())
                continue
            facts = {k: Decimal(str(v)) if isinstance(v, float) else v for k, v in args.model_dump().items()}
            calls.append((tool.name, {k: v for k, v in facts.items() if v is not None}))
        return calls

    def rephrase(self, question: str, draft: str, sources: list[str]) -> str | None:
        """A friendlier wording of `draft`, or None when the model adds a figure no source supports."""
        message = self.model.invoke(
            [SystemMessage(PHRASE_PROMPT), HumanMessage(f"问题：{question}\n\n答案草稿：\n{draft}")]
        )
        text = message.content if isinstance(message.content, str) else ""
        if not text.strip():
            return None
        bad = unsupported_numbers(text, [draft, *sources])
        if bad:
            log.warning("LLM rephrasing invented %s; the calculator's wording is kept", bad)
            return None
        return text


def build_llm(settings: Settings) -> LLMLayer | None:
    """An LLMLayer for ASSISTANT_LLM_BASE_URL/ASSISTANT_LLM_MODEL, or None (the default: no LLM)."""
    if not (settings.llm_base_url and settings.llm_model):
        return None
    from langchain_openai import ChatOpenAI

    model = ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=os.environ.get("ASSISTANT_LLM_API_KEY", "not-needed"),  # type: ignore[arg-type]
        timeout=20,
        max_retries=1,
        temperature=0,
    )
    return LLMLayer(model)
