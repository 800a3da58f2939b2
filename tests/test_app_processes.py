"""Several app processes behind a balancer (README): two `app.py` on loopback sharing one Chroma server
and one PostgreSQL audit log, each answering over REST; every answer lands in the one log."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
import retrieval_support as support
from app_harness import free_port

from assistant.audit.log import AuditLog

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ["受让本市非关联企业专利，合同120万，已备案，补多少？", "发明专利授权官费3000元，资助多少？",
             "知识产权人才培养有什么政策？"]  # fmt: skip
pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def start_app(port: int, data_dir: Path, chroma_port: int, audit_url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(port),
           "ASSISTANT_DATA_DIR": str(data_dir), "CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(chroma_port),
           "ASSISTANT_AUDIT_URL": audit_url, "HF_HUB_OFFLINE": "1"}  # fmt: skip
    log = (data_dir / "app.log").open("wb")
    return subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)  # fmt: skip


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 240) -> None:
    """Up and warm: /api/health is 200 once the index (on the shared Chroma server) is ready."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert proc.poll() is None, "an app process exited early"
        try:
            if httpx.get(url + "api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} not healthy within {timeout_s:.0f} s")


@pytest.fixture
def two_apps(tmp_path: Path, postgres_url: str) -> Iterator[list[str]]:
    with ExitStack() as stack:
        chroma_port = stack.enter_context(support.chroma_server(tmp_path))
        procs, urls = [], []
        for name in ("a", "b"):
            port, data = free_port(), tmp_path / name
            data.mkdir()
            procs.append(start_app(port, data, chroma_port, postgres_url))
            urls.append(f"http://127.0.0.1:{port}/")
        try:
            for url, proc in zip(urls, procs, strict=True):
                wait_healthy(url, proc)
            yield urls
        finally:
            for proc in procs:
                proc.terminate()
                proc.wait(timeout=30)


def test_two_processes_share_the_index_and_the_audit_log(two_apps: list[str], postgres_url: str) -> None:
    totals = {}
    for url in two_apps:
        with httpx.Client(base_url=url, timeout=60) as client:
            answers = [client.post("/api/ask", json={"question": q, "as_of": "2022-06-01"}).json() for q in QUESTIONS]
        totals[url] = [(a["status"], a["total_yuan"], a["citations"][0]["clause"]) for a in answers]
    first, second = totals.values()
    assert first == second == [("answered", 20_000, "7"), ("answered", 1_500, "1"), ("answered", None, "18")]
    log = AuditLog(postgres_url)
    try:
        assert log.count() == 2 * len(QUESTIONS)  # both processes wrote to the one log
    finally:
        log.close()
