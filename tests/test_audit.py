"""Audit log: what is stored, redaction, failures that must not break answering, concurrent writers."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from assistant.audit import log as audit
from assistant.audit.log import AuditLog, AuditUnavailable, redact_question

QUESTION = "我们转让了一件专利，合同120万，补多少？"
ANSWER = {  # the Answer JSON of INTERFACES.md, as ask() would return it for QUESTION
    "status": "answered",
    "answer": "可获一次性补助2万元。",
    "citations": [
        {"clause": "7", "label": "（七）", "title": "鼓励知识产权交易运用", "quote": "…"},
        {"clause": "closing", "label": "", "title": "附则", "quote": "…"},
    ],
    "calculations": [
        {
            "item": "patent_transfer_contract",
            "clause": "7",
            "amount_yuan": 20000,
            "kind": "exact",
            "steps": ["合同金额120万元，在100万元至500万元之间"],
            "inputs": {"contract_yuan": 1200000},
        },
    ],
    "total_yuan": 20000,
    "follow_up": None,
    "notices": ["本办法有效期至2023年12月31日，现已届满。"],
    "elapsed_ms": 3.2,
    "audit_id": None,
}


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture
def log(tmp_path):
    audit_log = AuditLog(sqlite_url(tmp_path / "nested" / "audit.sqlite3"))
    yield audit_log
    audit_log.close()


def test_record_stores_what_was_answered(log):
    audit_id = log.record(QUESTION, ANSWER, "params-2021-02-10")
    [row] = log.last(5)
    assert row["audit_id"] == audit_id and len(audit_id) == 32
    assert (row["question"], row["status"], row["answer"]) == (QUESTION, "answered", ANSWER["answer"])
    assert row["clauses"] == ["7", "closing"]
    assert row["amounts"] == [{"item": "patent_transfer_contract", "amount_yuan": 20000, "kind": "exact"}]
    assert (row["total_yuan"], row["parameters_version"], row["elapsed_ms"]) == (
        20000,
        "params-2021-02-10",
        3.2,
    )
    assert row["created_at"].endswith("+00:00")  # UTC
    assert log.count() == 1


def test_record_keeps_the_answers_own_audit_id(log):
    assert log.record(QUESTION, {**ANSWER, "audit_id": "abc123"}, "v") == "abc123"
    assert log.last(1)[0]["audit_id"] == "abc123"


def test_last_is_newest_first_and_capped_at_n(log):
    ids = [log.record(f"问题{i}", ANSWER, "v") for i in range(5)]
    assert [row["audit_id"] for row in log.last(3)] == ids[::-1][:3]
    assert log.count() == 5


def test_nothing_computed_stores_null_total(log):
    log.record("天气怎么样？", {"status": "out_of_scope", "answer": "本办法未规定。"}, "v")
    row = log.last(1)[0]
    assert (row["total_yuan"], row["clauses"], row["amounts"]) == (None, [], [])


def test_data_dir_is_created_and_uses_wal(tmp_path):
    path = tmp_path / "a" / "b" / "audit.sqlite3"
    audit_log = AuditLog(sqlite_url(path))
    audit_log.record(QUESTION, ANSWER, "v")
    audit_log.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_redaction_stores_only_the_hash(tmp_path):
    secret = "深圳某某科技有限公司专利转让合同987654元补多少"
    audit_log = AuditLog(sqlite_url(tmp_path / "audit.sqlite3"), redact=True)
    audit_log.record(secret, ANSWER, "v")
    assert audit_log.last(1)[0]["question"] == redact_question(secret)
    audit_log.close()
    files = list(tmp_path.iterdir())  # the database plus any -wal/-shm left behind
    raw = b"".join(p.read_bytes() for p in files)
    assert redact_question(secret).encode() in raw
    assert secret.encode("utf-8") not in raw and b"987654" not in raw


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def file_in_the_way(tmp_path: Path) -> str:
    (tmp_path / "plain-file").write_text("x")
    return sqlite_url(tmp_path / "plain-file" / "audit.sqlite3")  # parent is a file: mkdir fails


BAD_URLS = [
    pytest.param(lambda tmp: "not a url", id="garbage"),
    pytest.param(lambda tmp: "nosuchdialect://host/db", id="unknown dialect"),
    pytest.param(
        lambda tmp: f"postgresql+psycopg://audit@127.0.0.1:{closed_port()}/audit", id="refused port"
    ),
    pytest.param(file_in_the_way, id="sqlite dir not creatable"),
]


@pytest.mark.parametrize("make_url", BAD_URLS)
def test_bad_url_never_breaks_answering(tmp_path, make_url, caplog):
    audit_log = AuditLog(make_url(tmp_path))
    audit_id = audit_log.record(QUESTION, ANSWER, "v")
    assert len(audit_id) == 32 and audit_log.pending == 1
    assert any(r.levelname == "WARNING" for r in caplog.records)
    with pytest.raises(AuditUnavailable) as err:
        audit_log.last(1)
    assert "审计日志" in err.value.user_message
    audit_log.close()


def test_malformed_answer_never_raises(log):
    assert len(log.record(QUESTION, {"calculations": [None]}, "v")) == 32  # type: ignore[list-item]


@pytest.fixture
def locked_db(tmp_path, monkeypatch):
    """A database whose write lock another process holds; writers give up after 0.1 s."""
    monkeypatch.setattr(audit, "SQLITE_BUSY_TIMEOUT_S", 0.1)
    monkeypatch.setattr(audit, "RETRY_BACKOFF_S", 0.0)  # retry on the very next record
    path = tmp_path / "audit.sqlite3"
    AuditLog(sqlite_url(path)).close()  # create the table first
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield path, holder
    holder.close()


def test_failed_writes_are_retried_after_the_next_success(locked_db):
    path, holder = locked_db
    audit_log = AuditLog(sqlite_url(path))
    queued = [audit_log.record(f"锁住时{i}", ANSWER, "v") for i in range(3)]
    assert audit_log.pending == 3
    holder.execute("ROLLBACK")
    latest = audit_log.record("解锁后", ANSWER, "v")
    assert audit_log.pending == 0
    assert {row["audit_id"] for row in audit_log.last(10)} == {*queued, latest}
    audit_log.close()


def test_retry_queue_is_bounded_and_drops_the_oldest(locked_db, monkeypatch):
    path, holder = locked_db
    monkeypatch.setattr(audit, "RETRY_QUEUE_LIMIT", 2)
    audit_log = AuditLog(sqlite_url(path))
    first, *kept = [audit_log.record(f"锁住时{i}", ANSWER, "v") for i in range(3)]
    assert audit_log.pending == 2
    holder.execute("ROLLBACK")
    latest = audit_log.record("解锁后", ANSWER, "v")
    stored = {row["audit_id"] for row in audit_log.last(10)}
    assert stored == {*kept, latest} and first not in stored
    audit_log.close()


def test_after_a_failure_writes_pause_then_close_flushes(locked_db, monkeypatch):
    path, holder = locked_db
    monkeypatch.setattr(audit, "RETRY_BACKOFF_S", 60.0)
    audit_log = AuditLog(sqlite_url(path))
    audit_log.record("锁住时", ANSWER, "v")  # fails after the 0.1 s busy timeout
    holder.execute("ROLLBACK")
    started = time.monotonic()
    audit_log.record("暂停期间", ANSWER, "v")  # would succeed now, but is not attempted
    assert audit_log.pending == 2 and time.monotonic() - started < 0.05
    audit_log.close()  # one last try, whatever the pause
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 2


def test_concurrent_writers_lose_nothing(log):
    threads_n, per_thread = 16, 20  # 16 × 20 = 320 rows
    ids: list[str] = []
    ids_lock = threading.Lock()
    start = threading.Barrier(threads_n)

    def writer(t: int) -> None:
        start.wait()
        mine = [log.record(f"线程{t}问题{i}", ANSWER, "v") for i in range(per_thread)]
        with ids_lock:
            ids.extend(mine)

    workers = [threading.Thread(target=writer, args=(t,)) for t in range(threads_n)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert log.count() == 320 and log.pending == 0
    assert len(set(ids)) == 320
    assert {row["audit_id"] for row in log.last(400)} == set(ids)
