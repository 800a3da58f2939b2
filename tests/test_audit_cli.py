"""`python -m assistant audit --last N [--json]`, driven through its own argparse parser."""

from __future__ import annotations

import json

import pytest

from assistant.audit.log import AuditLog
from assistant.cli.audit import add_audit_parser, format_table, run_audit
from assistant.cli.main import ChineseArgumentParser

ANSWER = {
    "status": "answered",
    "answer": "可获一次性补助2万元。",
    "citations": [{"clause": "7"}, {"clause": "closing"}],
    "calculations": [{"item": "patent_transfer_contract", "amount_yuan": 20000, "kind": "exact"}],
    "total_yuan": 20000,
    "elapsed_ms": 3.2,
}


def run(argv: list[str]) -> int:
    parser = ChineseArgumentParser(prog="python -m assistant")
    add_audit_parser(parser.add_subparsers(dest="command"))
    return run_audit(parser.parse_args(argv))


@pytest.fixture
def recorded(tmp_path, monkeypatch):
    """Three answers in the log that Settings.from_env() points at; their audit_ids, oldest first."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ASSISTANT_AUDIT_URL", raising=False)
    log = AuditLog(f"sqlite:///{tmp_path / 'audit.sqlite3'}")
    ids = [log.record(f"合同{n}万元的专利转让补多少？", ANSWER, "v1") for n in (80, 120, 600)]
    log.close()
    return ids


def test_json_lists_the_newest_first(recorded, capsys):
    assert run(["audit", "--last", "2", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["audit_id"] for row in rows] == recorded[::-1][:2]
    assert rows[0]["question"] == "合同600万元的专利转让补多少？" and rows[0]["total_yuan"] == 20000


def test_table_is_plain_chinese(recorded, capsys):
    assert run(["audit", "--last", "5"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == [
        "时间(UTC)",
        "编号",
        "状态",
        "条款",
        "合计(元)",
        "耗时(ms)",
        "问题",
    ]
    assert all(audit_id in out for audit_id in recorded)
    assert "已回答" in out and "7、closing" in out and "20,000" in out and "共 3 条" in out


def test_empty_log_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ASSISTANT_AUDIT_URL", raising=False)
    assert run(["audit", "--last", "3"]) == 0
    assert capsys.readouterr().out.strip() == "审计日志中还没有记录。"


BAD_COUNTS = [
    pytest.param("abc", "正整数", id="not a number"),
    pytest.param("0", "1 到 10000", id="zero"),
    pytest.param("-3", "正整数", id="negative"),
    pytest.param("2.5", "正整数", id="fraction"),
    pytest.param("10001", "1 到 10000", id="too many"),
    pytest.param("５", "正整数", id="full-width digit"),
]


@pytest.mark.parametrize(("count", "message"), BAD_COUNTS)
def test_bad_count_is_refused_in_chinese(recorded, capsys, count, message):
    assert run(["audit", f"--last={count}"]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err and captured.out == ""


def test_unreadable_log_exits_1_with_chinese_message(monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_AUDIT_URL", "nosuchdialect://host/db")
    assert run(["audit", "--last", "3"]) == 1
    assert "无法读取审计日志" in capsys.readouterr().err


def test_long_questions_are_clipped_to_the_column():
    row = {"created_at": "2026-11-28T01:02:03+00:00", "audit_id": "x", "status": "refused",
           "clauses": [], "total_yuan": None, "elapsed_ms": 1, "question": "很长" * 40}  # fmt: skip
    last_line = format_table([row]).splitlines()[2]
    assert last_line.endswith("…") and "已拒绝" in last_line and last_line.count("很长") < 40
