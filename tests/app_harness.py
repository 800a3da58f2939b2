"""Serve app.py once per test session on a free loopback port, as `make run` does (uvicorn serving the
FastAPI app with the Gradio UI mounted; shared by test_app_api, test_app_rest and test_app_browser;
pytest puts tests/ on sys.path). The audit log goes to a temporary folder."""

from __future__ import annotations

import importlib.util
import socket
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
_running: dict[str, Any] = {}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load_app_module() -> ModuleType:
    """app.py as a module (it is a script, not a package): builds `demo` without launching it."""
    spec = importlib.util.spec_from_file_location("qy_app", ROOT / "app.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def launch_once(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The app's URL; the first call launches it with the same theme and CSS `make run` uses."""
    if "url" not in _running:
        import threading
        import time

        import uvicorn

        env = pytest.MonkeyPatch()
        env.setenv("ASSISTANT_DATA_DIR", str(tmp_path_factory.mktemp("app_data")))
        module = load_app_module()
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(module.app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, name="app-under-test", daemon=True)
        thread.start()
        deadline = time.monotonic() + 60
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started, "the app did not start within 60 s"
        _running.update(url=f"http://127.0.0.1:{port}/", demo=module.demo, env=env, server=server, thread=thread)
    return str(_running["url"])


def running_demo() -> Any:
    """The launched gr.Blocks (after `launch_once`)."""
    return _running["demo"]


def close() -> None:
    """Stop the server and restore the environment; safe to call from each file's fixture."""
    if "server" in _running:
        _running["server"].should_exit = True
        _running["thread"].join(timeout=10)
        _running["env"].undo()
        _running.clear()
