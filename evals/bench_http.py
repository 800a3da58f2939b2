"""The bench's HTTP parts: app.py in its own process on a free loopback port; many gradio_client clients
at the Gradio /ask endpoint, or many plain HTTP clients at the REST /api/ask.

The server runs in a separate process so that client threads and server threads do not share one GIL:
the figure is what a counter's browser would see, not an artefact of the bench.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from evals.dataset import STATUSES

ROOT = Path(__file__).resolve().parents[1]
STARTUP_TIMEOUT_S = 180  # first page, then the first answer loads the model and opens the index


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def valid_answer(result: object) -> bool:
    """What /ask must return: Answer.to_dict() with one of the four statuses."""
    return (
        isinstance(result, dict)
        and result.get("status") in STATUSES
        and isinstance(result.get("answer"), str)
    )


def wait_for(url: str, alive: Callable[[], bool], timeout_s: float) -> None:
    """Poll `url` until it answers 200 (loopback: proxies bypassed)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError("应用进程提前退出")
        try:
            with opener.open(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{timeout_s:.0f} 秒内 {url} 未就绪")


@contextmanager
def running_app(env: dict[str, str]) -> Iterator[str]:
    """app.py on 127.0.0.1:<free port>, answered once (warm) before the URL is handed out."""
    from gradio_client import Client

    port = free_port()
    app_env = {**env, "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(port)}
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=app_env,
                                  stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_for(url, lambda: server.poll() is None, STARTUP_TIMEOUT_S)
            Client(url, verbose=False).predict("知识产权人才培养有什么政策？", api_name="/ask")
            wait_for(url + "api/health", lambda: server.poll() is None, STARTUP_TIMEOUT_S)  # index built: steady state
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def sequential_ms(url: str, questions: Sequence[str]) -> list[float]:
    """One client alone, one question after another: per-request cost without queueing."""
    from gradio_client import Client

    client = Client(url, verbose=False)
    latencies = []
    for question in questions:
        started = time.perf_counter()
        client.predict(question, api_name="/ask")
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def _one_client(url: str, questions: Sequence[str], start: threading.Barrier) -> tuple[list[float], int]:
    """One visitor: connects, waits for the others, then asks its questions one after another."""
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception:  # could not connect: every request of this visitor failed
        start.abort()
        return [], len(questions)
    try:
        start.wait(timeout=120)
    except threading.BrokenBarrierError:
        pass  # another client could not connect: the rest still ask, just not in step
    latencies, errors = [], 0
    for question in questions:
        started = time.perf_counter()
        try:
            ok = valid_answer(client.predict(question, api_name="/ask"))
        except Exception:  # a failed request is a figure here, not a crash
            ok = False
        if ok:
            latencies.append((time.perf_counter() - started) * 1000)
        else:
            errors += 1
    return latencies, errors


def concurrent_clients(
    url: str, threads: int, requests: int, questions: Sequence[str]
) -> tuple[list[float], int]:
    """Latencies (ms) of the valid answers, and the number of failed or invalid ones."""
    start = threading.Barrier(threads)
    batches = [
        [questions[(t * requests + i) % len(questions)] for i in range(requests)] for t in range(threads)
    ]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(lambda batch: _one_client(url, batch, start), batches))
    return [ms for latencies, _ in results for ms in latencies], sum(errors for _, errors in results)


def _rest_client(url: str, questions: Sequence[str], start_at: float) -> tuple[list[float], int]:
    """One REST caller in its own process (its own GIL, like a counter's own machine), with one keep-alive
    connection, asking its questions one after another from `start_at` on."""
    import httpx

    latencies, errors = [], 0
    with httpx.Client(base_url=url, timeout=30) as client:
        client.get("/api/clauses/7")  # connect before the clock starts
        time.sleep(max(0.0, start_at - time.time()))
        for question in questions:
            started = time.perf_counter()
            try:
                response = client.post("/api/ask", json={"question": question})
                ok = response.status_code == 200 and valid_answer(response.json())
            except Exception:  # a failed request is a figure here, not a crash
                ok = False
            if ok:
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                errors += 1
    return latencies, errors


def rest_clients(url: str, callers: int, requests: int, questions: Sequence[str]) -> tuple[list[float], int]:
    """`callers` REST callers at once, each a process, `requests` each: latencies (ms) of valid answers, and
    failures. Processes, not threads: 16 client threads in one Python share one GIL and would measure
    themselves (p95 245 ms client-side against 76 ms in the server)."""
    from concurrent.futures import ProcessPoolExecutor

    batches = [[questions[(c * requests + i) % len(questions)] for i in range(requests)] for c in range(callers)]
    start_at = time.time() + 2.0
    with ProcessPoolExecutor(max_workers=callers) as pool:
        results = list(pool.map(_rest_client, [url] * callers, batches, [start_at] * callers))
    return [ms for latencies, _ in results for ms in latencies], sum(errors for _, errors in results)
