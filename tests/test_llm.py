"""The optional LLM routes by tool calling and rephrases; it never supplies a number (issue 5 item 5).

Driven by LangChain's fake chat models, so no server and no network."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant import Assistant, Settings
from assistant.llm.tools import args_schema, calculator_tools, tool_by_name

AS_OF = dt.date(2022, 9, 1)


class FakeToolModel(GenericFakeChatModel):
    """GenericFakeChatModel that accepts bind_tools (the real one raises NotImplementedError)."""

    def bind_tools(self, tools: Any, **kwargs: Any) -> FakeToolModel:  # type: ignore[override]
        return self


def fake(*messages: AIMessage) -> FakeToolModel:
    return FakeToolModel(messages=iter(messages))


def tool_call(name: str, args: dict[str, Any]) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": "call-1"}])


@pytest.fixture()
def make_assistant(tmp_path):
    def build(*messages: AIMessage) -> Assistant:
        from assistant.llm.layer import LLMLayer

        settings = Settings(data_dir=tmp_path, dense_enabled=False)
        return Assistant(settings, llm=LLMLayer(fake(*messages)))

    return build


def test_every_calculator_is_a_tool_whose_schema_is_its_inputs():
    tools = calculator_tools()
    assert len(tools) == 45
    schema = args_schema("patent_transfer_contract").model_json_schema()
    assert schema["required"] == ["contract_yuan"]
    assert set(schema["properties"]) == {"contract_yuan", "applicant", "granted_this_year_yuan", "event_date"}


def test_a_tool_returns_the_calculators_amount_and_errors_as_data():
    tool = tool_by_name("patent_transfer_contract")
    assert tool is not None
    assert tool.invoke({"contract_yuan": 1_200_000})["amount_yuan"] == 20_000
    assert "负数" in tool.invoke({"contract_yuan": -1})["error"]


def test_llm_routes_an_unrecognised_question_to_a_calculator(make_assistant):
    # The deterministic router finds no award in this wording; the model calls clause 9's tool.
    bot = make_assistant(tool_call("standard_national", {}), AIMessage(content="草稿照原样。"))
    answer = bot.ask("我们牵头搞的那个东西成了国字头的规范，发布了，给啥？", as_of=AS_OF)
    assert answer.status == "answered"
    assert [(c.item, int(c.amount_yuan)) for c in answer.calculations] == [("standard_national", 150_000)]


def test_llm_tool_call_with_wrong_arguments_is_ignored(make_assistant):
    bot = make_assistant(tool_call("patent_transfer_contract", {"contract_yuan": "一百万左右吧"}))
    answer = bot.ask("我们牵头搞的那个东西成了国字头的规范，发布了，给啥？", as_of=AS_OF)
    assert answer.calculations == ()  # no amount from a call the schema rejects
    assert answer.status in ("answered", "out_of_scope")


def test_llm_cannot_invent_an_amount_when_rephrasing(make_assistant):
    invented = AIMessage(content="好消息！您可以拿到8万元补助。")
    bot = make_assistant(invented)
    answer = bot.ask("我们受让了本市非关联企业的专利，合同120万，已备案，补多少？", as_of=AS_OF)
    assert "8万元" not in answer.answer
    assert answer.answer.startswith("按本办法第（七）条")  # the composer's wording is kept
    assert answer.total_yuan == 20_000


def test_llm_rephrasing_that_keeps_the_numbers_is_used(make_assistant):
    friendly = AIMessage(content="您这份合同120万元，按第（七）条可一次性补助2万元，2023年12月31日前的事项适用。")
    bot = make_assistant(friendly)
    answer = bot.ask("我们受让了本市非关联企业的专利，合同120万，已备案，补多少？", as_of=AS_OF)
    assert answer.answer == friendly.content
    assert answer.total_yuan == 20_000


def test_default_assistant_has_no_llm(tmp_path):
    assert Assistant(Settings(data_dir=tmp_path, dense_enabled=False)).llm is None


def test_an_llm_cannot_invent_a_figure_the_user_never_said(make_assistant):
    # The model proposes a contract of 300万 for a question that names no amount: the input is dropped,
    # so no calculation (which the guard would trust) is made from it, and the user is asked instead.
    bot = make_assistant(tool_call("patent_transfer_contract", {"contract_yuan": 3_000_000}))
    answer = bot.ask("我们牵头搞的那个东西转给了别人，给啥？", as_of=AS_OF)
    assert all(c.inputs.get("contract_yuan") != 3_000_000 for c in answer.calculations)
    assert answer.total_yuan is None and "300万" not in answer.answer
    assert answer.status == "needs_info" and "合同金额" in (answer.follow_up or "")


def test_an_llm_figure_the_user_did_say_is_kept(make_assistant):
    bot = make_assistant(tool_call("patent_transfer_contract", {"contract_yuan": 3_000_000}))
    answer = bot.ask("那个东西转给了别人，签了叁佰万元，给啥？", as_of=AS_OF)  # 300万, written in 大写
    assert answer.total_yuan == 20_000  # （七）300万 in 100-500万: 2万


def test_held_to_the_reader_checks_each_kind_of_figure():
    from assistant.llm.reader import held_to_the_reader

    calls = [("madrid_trademark", {"countries": 6, "marks": 2}), ("pledge_loan_interest", {"interest_yuan": 80_000})]
    kept, dropped = held_to_the_reader(calls, ["马德里指定了6个国家", "利息8万"])
    assert kept == [("madrid_trademark", {"countries": 6}), ("pledge_loan_interest", {"interest_yuan": 80_000})]
    assert dropped == ["madrid_trademark.marks=2"]
