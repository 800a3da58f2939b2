"""Launch app.py once per test session on a free loopback port (shared by test_app_api and
test_app_browser; pytest puts tests/ on sys.path). The audit log goes to a temporary folder."""

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
        env = pytest.MonkeyPatch()
        env.setenv("ASSISTANT_DATA_DIR", str(tmp_path_factory.mktemp("app_data")))
        module = load_app_module()
        options = {**module.launch_options(), "server_name": "127.0.0.1", "server_port": free_port()}
        module.demo.launch(**options, prevent_thread_lock=True, quiet=True)
        _running.update(url=f"http://127.0.0.1:{options['server_port']}/", demo=module.demo, env=env)
    return str(_running["url"])


def running_demo() -> Any:
    """The launched gr.Blocks (after `launch_once`)."""
    return _running["demo"]


def close() -> None:
    """Stop the server and restore the environment; safe to call from each file's fixture."""
    if "demo" in _running:
        _running.pop("demo").close()
        _running.pop("env").undo()
        _running.clear()
