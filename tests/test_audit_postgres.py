"""Two app instances logging to one PostgreSQL server on loopback (a real server, started here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.audit.log import AuditLog

ROOT = Path(__file__).resolve().parents[1]
PER_INSTANCE = 50

pytestmark = pytest.mark.postgres


# One app instance: open the log (creating the table if it is first), wait for "go", write, print ids.
INSTANCE = """
import sys
from assistant.audit.log import AuditLog
log = AuditLog(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
answer = {"status": "answered", "answer": "可获一次性补助2万元。", "citations": [{"clause": "7"}],
          "calculations": [{"item": "patent_transfer_contract", "amount_yuan": 20000, "kind": "exact"}],
          "total_yuan": 20000, "elapsed_ms": 1.0}
for i in range(int(sys.argv[2])):
    print(log.record(f"实例{sys.argv[3]}问题{i}", answer, "v"), flush=True)
print("pending", log.pending, flush=True)
log.close()
"""


def start_instance(url: str, name: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-c", INSTANCE, url, str(PER_INSTANCE), name]
    return subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)


def test_two_instances_write_concurrently_to_one_server(postgres_url):
    instances = [start_instance(postgres_url, name) for name in ("A", "B")]
    for proc in instances:  # both have opened the log (and raced to create the table)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in instances:  # release both before waiting on either
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outputs = [proc.communicate(timeout=60)[0].split() for proc in instances]
    assert [proc.returncode for proc in instances] == [0, 0]
    ids = [out[:-2] for out in outputs]
    assert [out[-2:] for out in outputs] == [["pending", "0"]] * 2
    assert [len(set(i)) for i in ids] == [PER_INSTANCE, PER_INSTANCE]
    assert len(set(ids[0]) | set(ids[1])) == 2 * PER_INSTANCE

    reader = AuditLog(postgres_url)
    newest = reader.last(5)
    assert reader.count() == 2 * PER_INSTANCE
    assert len(newest) == 5 and {row["audit_id"] for row in newest} <= set(ids[0]) | set(ids[1])
    assert [row["created_at"] for row in newest] == sorted(
        (row["created_at"] for row in newest), reverse=True
    )
    assert newest[0]["amounts"] == [
        {"item": "patent_transfer_contract", "amount_yuan": 20000, "kind": "exact"}
    ]
    by_id = sorted(reader.last(2 * PER_INSTANCE), key=lambda row: row["id"])
    switches = sum(a["question"][2] != b["question"][2] for a, b in zip(by_id, by_id[1:], strict=False))
    print(f"postgres: rows {reader.count()}, instance switches in commit order {switches}")
    reader.close()
