"""SIGKILL during writes: every audit_id that record() returned is in the database afterwards."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from assistant.audit.log import AuditLog

ROOT = Path(__file__).resolve().parents[1]
MIN_IDS = 200

# The child prints an id only after record() returned it: printed means committed.
WRITER = """
import sys
from assistant.audit.log import AuditLog
log = AuditLog(sys.argv[1])
answer = {"status": "answered", "answer": "可获一次性补助2万元。", "citations": [{"clause": "7"}],
          "calculations": [{"item": "patent_transfer_contract", "amount_yuan": 20000, "kind": "exact"}],
          "total_yuan": 20000, "elapsed_ms": 1.0}
i = 0
while True:
    i += 1
    print(log.record(f"转让专利合同{i}万元，补多少？", answer, "v"), flush=True)
"""


def start_writer(url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env
    )


def read_ids_then_kill(child: subprocess.Popen[str], at_least: int) -> list[str]:
    assert child.stdout is not None
    ids = []
    for line in child.stdout:
        ids.append(line.strip())
        if len(ids) >= at_least:
            break
    os.kill(child.pid, signal.SIGKILL)  # while it is still writing
    child.wait(timeout=10)
    ids.extend(line.strip() for line in child.stdout)  # printed before the kill landed
    return [i for i in ids if i]


def test_sigkill_loses_no_returned_record(tmp_path):
    path = tmp_path / "audit.sqlite3"
    child = start_writer(f"sqlite:///{path}")
    printed = read_ids_then_kill(child, MIN_IDS)
    assert child.returncode == -signal.SIGKILL
    with sqlite3.connect(path) as conn:  # a reader opening after the crash recovers from the WAL
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reopened = AuditLog(f"sqlite:///{path}")
    found = {row["audit_id"] for row in reopened.last(reopened.count())}
    print(f"sigkill: written (printed) {len(printed)}, rows found {len(found)}")
    assert len(printed) >= MIN_IDS
    assert set(printed) <= found
    assert len(found) - len(printed) <= 1  # at most the one committed but not yet printed
    reopened.close()
