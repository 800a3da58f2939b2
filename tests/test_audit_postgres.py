"""Two app instances logging to one PostgreSQL server on loopback (a real server, started here)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from components import missing

from assistant.audit.log import AuditLog

ROOT = Path(__file__).resolve().parents[1]
PER_INSTANCE = 50

pytestmark = pytest.mark.postgres


def postgres_bin_dir() -> Path | None:
    """Debian keeps the server binaries out of PATH, one directory per major version."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    initdb = found[-1] if found else shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def server_user() -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        return None


SERVER_USER = server_user()


def as_server_user(argv: list[str]) -> list[str]:
    # postgres refuses to run as root; the Debian package provides the `postgres` user.
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_checked(argv: list[str]) -> None:
    result = subprocess.run(as_server_user(argv), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{argv[0]} failed: {result.stderr[-2000:]}"


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        missing("PostgreSQL's server binaries (initdb)", ".ci/run installs Debian's postgresql")
    assert os.geteuid() != 0 or SERVER_USER is not None, "running as root needs the 'postgres' user"
    # Not tmp_path: pytest's base dir is private to root, and the server user must reach the socket dir.
    base = Path(tempfile.mkdtemp(prefix="audit-pg-", dir="/tmp" if os.geteuid() == 0 else None))
    if os.geteuid() == 0:
        os.chown(base, SERVER_USER.pw_uid, SERVER_USER.pw_gid)
    data, port = base / "data", free_port()
    run_checked([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                 "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"])  # fmt: skip
    # -w waits until the server accepts connections; fsync off: this test is about concurrency.
    options = f"-k {base} -p {port} -h 127.0.0.1 -c fsync=off"
    run_checked([str(bin_dir / "pg_ctl"), "start", "-w", "-t", "30", "-D", str(data),
                 "-l", str(base / "server.log"), "-o", options])  # fmt: skip
    try:
        run_checked([str(bin_dir / "createdb"), "-h", str(base), "-p", str(port), "-U", "postgres", "audit"])
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/audit"
    finally:
        subprocess.run(as_server_user([str(bin_dir / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(data)]),
                       capture_output=True, timeout=60)  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)


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
