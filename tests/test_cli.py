"""`python -m assistant ask|search|chat` driven as a user would, in a real subprocess (INTERFACES.md,
命令行). Offline, lexical retrieval only, a fresh data dir."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STATUSES = {"answered", "needs_info", "out_of_scope", "refused"}
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data_dir = tmp_path_factory.mktemp("cli")
    return {**os.environ, "HF_HUB_OFFLINE": "1", "ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_DENSE": "0"}


def run_cli(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_ask_json_answers_clause_7_at_120wan(env: dict[str, str]) -> None:
    # （七）合同金额100-500万元：一次性补助2万元
    done = run_cli(env, "ask", "我们公司受让了一件专利，合同金额120万元，能补多少？", "--json", "--as-of", "2022-06-01")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["status"], result["total_yuan"]) == ("answered", 20_000)
    assert result["citations"][0]["clause"] == "7"


def test_ask_empty_question_gets_a_chinese_request_for_a_question(env: dict[str, str]) -> None:
    done = run_cli(env, "ask", "", "--json")
    assert "Traceback" not in done.stderr
    result = json.loads(done.stdout)
    assert result["status"] in STATUSES
    assert "请输入" in result["answer"]  # it asks for a question, rather than an unrelated apology
    assert result["calculations"] == []


def test_ask_with_an_impossible_date_exits_2_in_chinese(env: dict[str, str]) -> None:
    done = run_cli(env, "ask", "专利转让合同120万能补多少", "--as-of", "2022-13-01")
    assert done.returncode == 2
    assert CHINESE.search(done.stderr) and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_search_json_ranks_clause_7_first_for_selling_a_patent(env: dict[str, str]) -> None:
    done = run_cli(env, "search", "卖专利补贴", "--json", "-k", "3")
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)
    assert 1 <= len(hits) <= 3
    assert all({"clause", "title", "score", "text"} <= set(h) for h in hits)
    assert hits[0]["clause"] == "7" and "合同金额" in hits[0]["text"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_chat_follow_up_edits_the_contract_amount(env: dict[str, str]) -> None:
    done = run_cli(env, "chat", "--as-of", "2022-06-01", stdin="合同120万的专利转让补多少\n那600万呢？\n退出\n")
    assert done.returncode == 0, done.stderr
    assert "2万元" in done.stdout and "5万元" in done.stdout
    # The conclusion (first line of each reply) carries the amount: 120万 → 2万元, 600万 → 5万元.
    replies = [part.strip().splitlines()[0] for part in done.stdout.split("助手：")[1:]]
    assert len(replies) == 2
    assert "2万元" in replies[0] and "5万元" in replies[1]


@pytest.mark.parametrize(("content", "words"), [
    (None, "找不到体检信息文件"),
    (b'{"applicant": ', "不是合法的 JSON"),
    ("{}".encode("gbk") + "企业".encode("gbk"), "不是 UTF-8"),
    (b" " * (300 * 1024), "体检信息文件过大"),
    (b'{"applicant": "enterprise", "domestic_patents": {"patents": -1}}', "不能为负数"),
])  # fmt: skip
def test_match_with_a_bad_profile_exits_2_in_chinese(env: dict[str, str], tmp_path: Path, content: bytes | None,
                                                     words: str) -> None:  # fmt: skip
    path = tmp_path / "profile.json"
    if content is not None:
        path.write_bytes(content)
    done = run_cli(env, "match", str(path))
    assert done.returncode == 2 and words in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_match_reads_stdin_and_prints_the_table(env: dict[str, str]) -> None:
    profile = {"applicant": "enterprise", "year": 2022, "contracts": [{"amount_yuan": 1_200_000}]}
    done = run_cli(env, "match", "-", stdin=json.dumps(profile))
    assert done.returncode == 0, done.stderr
    assert "【政策体检】" in done.stdout and "2万元" in done.stdout and "须核实" in done.stdout
