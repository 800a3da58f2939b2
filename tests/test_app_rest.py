"""The REST API beside the UI (issue 12): the app `make run` serves, called over HTTP on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import app_harness
import httpx
import pytest

from assistant.rest.conversations import ConversationStore

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    url = app_harness.launch_once(tmp_path_factory)
    with httpx.Client(base_url=url, timeout=60) as client:
        yield client


def test_ask_returns_the_answer_json_and_a_conversation_for_follow_ups(api: httpx.Client) -> None:
    first = api.post("/api/ask", json={"question": "受让本市非关联企业专利，合同120万，已备案，补多少？",
                                       "as_of": "2022-06-01"})  # fmt: skip
    body = first.json()
    assert first.status_code == 200 and body["total_yuan"] == 20_000 and body["as_of"] == "2022-06-01"
    assert {"status", "answer", "citations", "calculations", "understood", "conversation_id"} <= set(body)
    follow = api.post("/api/ask", json={"question": "那600万呢？", "as_of": "2022-06-01",
                                        "conversation_id": body["conversation_id"]})  # fmt: skip
    assert follow.json()["total_yuan"] == 50_000  # （七）600万 ≥ 500万: 5万
    alone = api.post("/api/ask", json={"question": "那600万呢？", "as_of": "2022-06-01"})
    assert alone.json()["total_yuan"] is None and alone.json()["conversation_id"] != body["conversation_id"]


BAD_BODIES = [  # body, words of the Chinese message
    pytest.param({}, "question：缺少该字段", id="no question"),
    pytest.param({"question": 12}, "question：应为字符串", id="a number"),
    pytest.param({"question": "补多少", "as_of": "昨天"}, "as_of：应为日期", id="bad date"),
    pytest.param({"question": "补" * 2_001}, "question：内容过长", id="too long"),
]


@pytest.mark.parametrize(("body", "words"), BAD_BODIES)
def test_a_bad_request_gets_422_in_chinese(api: httpx.Client, body: dict, words: str) -> None:
    response = api.post("/api/ask", json=body)
    assert response.status_code == 422 and words in response.json()["detail"]


def test_a_body_over_16kb_is_refused(api: httpx.Client) -> None:
    response = api.post("/api/ask", content=b'{"question": "' + "补".encode() * 6_000 + b'"}',
                        headers={"content-type": "application/json"})  # fmt: skip
    assert response.status_code == 413 and "16KB" in response.json()["detail"]


def test_not_json_is_422(api: httpx.Client) -> None:
    response = api.post("/api/ask", content=b"\xff\xfe not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and "请求格式有误" in response.json()["detail"]
    assert "[" not in response.json()["detail"]  # a syntax error's place is an offset, not a field


CALCULATIONS = [  # item, facts, status, amount (元) or words of the message
    pytest.param("patent_transfer_contract", {"contract_yuan": 1_200_000}, 200, 20_000, id="clause 7: 2wan"),
    pytest.param("madrid_trademark", {"countries": 25}, 200, 40_000, id="clause 4: 20 countries counted"),
    pytest.param("patent_transfer_contract", {"contract_yuan": -5}, 422, "负数", id="negative"),
    pytest.param("patent_transfer_contract", {}, 422, "合同金额", id="missing amount"),
    pytest.param("no_such_item", {}, 422, "没有名为", id="unknown item"),
]


@pytest.mark.parametrize(("item", "facts", "status", "expected"), CALCULATIONS)
def test_calculate(api: httpx.Client, item: str, facts: dict, status: int, expected: object) -> None:
    response = api.post("/api/calculate", json={"item": item, "facts": facts})
    assert response.status_code == status
    if status == 200:
        assert response.json()["amount_yuan"] == expected
    else:
        assert str(expected) in response.json()["detail"]


def test_clauses(api: httpx.Client) -> None:
    every = api.get("/api/clauses").json()
    assert [c["clause"] for c in every][:3] == ["notice", "preamble", "1"] and len(every) == 24
    seven = api.get("/api/clauses/7").json()
    assert seven["title"] == "鼓励知识产权交易运用" and "500万元以上" in seven["text"]
    missing = api.get("/api/clauses/99")
    assert missing.status_code == 404 and "没有编号" in missing.json()["detail"]


def test_health_reports_index_and_audit(api: httpx.Client) -> None:
    from assistant.ui import backend

    backend.warm_up()  # what app.py starts in the background: model, index, Chroma collection
    body = api.get("/api/health").json()
    assert body == {"status": "ok", "index_ready": True, "audit_writable": True}


def test_openapi_and_the_ui_share_the_port(api: httpx.Client) -> None:
    assert "/api/ask" in api.get("/openapi.json").json()["paths"]
    assert api.get("/docs").status_code == 200 and "清远知识产权政策助手" in api.get("/").text


def test_conversations_expire_when_idle_and_are_bounded() -> None:
    now = [0.0]
    store = ConversationStore(idle_seconds=60, max_conversations=2, clock=lambda: now[0])
    first, conversation = store.get(None)
    assert store.get(first) == (first, conversation)  # the same one while in use
    now[0] = 61
    assert store.get(first)[0] != first  # idle too long: a new one
    store.get(None), store.get(None)
    assert len(store) == 2  # never more than the bound


def test_match_gives_the_cli_result_for_the_same_profile(api: httpx.Client, tmp_path: Path) -> None:
    """POST /api/match and `python -m assistant match` on one profile: the same awards and total."""
    profile = {"applicant": "enterprise", "year": 2022, "domestic_patents": {"patents": 2, "official_fees_yuan": 6000},
               "contracts": [{"amount_yuan": 1_200_000}, {"amount_yuan": 800_000}]}  # fmt: skip
    response = api.post("/api/match", json=profile, params={"as_of": "2022-06-01"})
    assert response.status_code == 200
    via_api = response.json()
    assert via_api["total_yuan"] == 31_000  # （一）3000 +（七）2万 + 80万×1% = 8000
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "assistant", "match", str(path), "--json", "--as-of", "2022-06-01"],
                          capture_output=True, text=True, timeout=60, cwd=app_harness.ROOT)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == via_api


@pytest.mark.parametrize(("body", "words"), [
    ({"applicant": "enterprise", "contracts": [{"amount_yuan": -1}]}, "不能为负数"),
    ({"applicant": "person"}, "申请人类型"),
])  # fmt: skip
def test_a_bad_profile_is_422_in_chinese(api: httpx.Client, body: dict, words: str) -> None:
    response = api.post("/api/match", json=body)
    assert response.status_code == 422 and words in response.json()["detail"]
