"""The Gradio app's HTTP API (INTERFACES.md: `/ask` returns Answer.to_dict()), called through
gradio_client against app.py launched on a free loopback port."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator

import app_harness
import pytest
from gradio_client import Client

pytestmark = pytest.mark.slow
ANSWER_KEYS = {
    "status",
    "answer",
    "citations",
    "calculations",
    "total_yuan",
    "follow_up",
    "notices",
    "elapsed_ms",
    "audit_id",
}


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield app_harness.launch_once(tmp_path_factory)
    app_harness.close()


@pytest.fixture(scope="module")
def client(app_url: str) -> Client:
    return Client(app_url, verbose=False)


def test_first_page_is_served_with_analytics_off(app_url: str) -> None:
    with urllib.request.urlopen(app_url, timeout=10) as response:
        page = response.read().decode("utf-8")
    assert response.status == 200 and "清远知识产权政策助手" in page
    assert app_harness.running_demo().analytics_enabled is False


def test_only_the_documented_endpoints_are_public(client: Client) -> None:
    """UI events (chat, calculator form, tabs) stay private; /ask, /calculate, /combine are the API."""
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert set(endpoints) == {"/ask", "/calculate", "/combine"}


ASK = [  # question, first cited clause, amount (元)
    pytest.param(
        "我们公司受让了一件专利，合同金额120万元，能补助多少？", "7", 20_000, id="clause 7: 120wan -> 2wan"
    ),
    pytest.param(
        "通过马德里体系注册国际商标，指定了25个国家，奖励多少？",
        "4",
        40_000,
        id="madrid: 25 countries count as 20",
    ),
]


@pytest.mark.parametrize(("question", "clause", "amount"), ASK)
def test_ask_returns_the_answer_json(client: Client, question: str, clause: str, amount: int) -> None:
    result = client.predict(question, api_name="/ask")
    assert ANSWER_KEYS <= set(result)
    assert (result["status"], result["citations"][0]["clause"]) == ("answered", clause)
    assert (result["calculations"][0]["amount_yuan"], result["total_yuan"]) == (amount, amount)


def test_ask_out_of_scope_says_where_to_ask(client: Client) -> None:
    result = client.predict("怎么申请高新技术企业认定？", api_name="/ask")
    assert result["status"] == "out_of_scope"
    assert "市市场监管局" in result["answer"]


def test_ask_is_stateless_between_calls(client: Client) -> None:
    """A follow-up through /ask has no earlier question to lean on: no clause-7 amount is computed."""
    client.predict("我们公司受让了一件专利，合同金额120万元，能补助多少？", api_name="/ask")
    follow_up = client.predict("那600万呢？", api_name="/ask")
    assert follow_up["calculations"] == []


CALCULATE = [  # item, facts, amount (元); 不超过/以上 include the number (closing paragraph)
    pytest.param("patent_transfer_contract", {"contract_yuan": 1_200_000}, 20_000, id="clause 7: 120wan"),
    pytest.param("patent_transfer_contract", {"contract_yuan": 999_900}, 9_999, id="clause 7: 1% tier"),
    pytest.param(
        "patent_transfer_contract",
        {"contract_yuan": 8_000_000, "granted_this_year_yuan": 40_000},
        10_000,
        id="clause 7: annual cap",
    ),
    pytest.param(
        "pledge_loan_interest", {"interest_yuan": 300_000}, 100_000, id="clause 8: 50% capped at 10wan"
    ),
    pytest.param("madrid_trademark", {"countries": 25}, 40_000, id="clause 4: at most 20 countries"),
]


@pytest.mark.parametrize(("item", "facts", "amount"), CALCULATE)
def test_calculate_endpoint(client: Client, item: str, facts: dict, amount: int) -> None:
    result = client.predict(item, facts, api_name="/calculate")
    assert (result["ok"], result["item"], result["amount_yuan"]) == (True, item, amount)
    assert result["steps"]


BAD_INPUT = [  # item, facts, words the Chinese message must contain
    pytest.param("patent_transfer_contract", {"contract_yuan": -1}, "不能为负数", id="negative amount"),
    pytest.param("patent_transfer_contract", {}, "交易运用合同金额", id="missing amount"),
    pytest.param("no_such_item", {}, "没有名为", id="unknown item"),
]


@pytest.mark.parametrize(("item", "facts", "words"), BAD_INPUT)
def test_calculate_endpoint_explains_bad_input_in_chinese(
    client: Client, item: str, facts: dict, words: str
) -> None:
    result = client.predict(item, facts, api_name="/calculate")
    assert result["ok"] is False
    assert words in result["error"] and "Traceback" not in result["error"]


def test_combine_applies_the_clause_13_cap(client: Client) -> None:
    """（十三）同一申请人年度资助不超过10万元: 3 wins at 2万 + 1 overseas win at 5万 = 11万 -> 10万."""
    entries = [
        {"item": "rights_first_instance_win", "facts": {"cases": 3}},
        {"item": "rights_overseas_win", "facts": {"cases": 1}},
    ]
    result = client.predict(entries, api_name="/combine")
    assert result["total_yuan"] == 100_000
    assert [c["amount_yuan"] for c in result["calculations"]] == [60_000, 40_000]
