"""Offline by default: with every non-loopback connection blocked, nothing we run tries one."""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.audit.log import AuditLog
from assistant.offline import enforce_offline_env
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
VALID_STATUSES = {"answered", "needs_info", "out_of_scope", "refused"}


def is_loopback(host: Any) -> bool:
    if host is None or host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False  # a name other than localhost would need DNS: not loopback


class NetworkGuard:
    """Patches socket so any non-loopback connect or lookup raises and is recorded in `blocked`."""

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.saved: dict[tuple[Any, str], Any] = {}

    def _refuse(self, what: str, host: Any) -> None:
        self.blocked.append(f"{what} {host}")
        raise OSError(f"network blocked by test: {what} {host}")

    def _guard_address(self, what: str, address: Any) -> None:
        if isinstance(address, tuple) and not is_loopback(address[0]):
            self._refuse(what, address[0])  # str or bytes addresses are unix sockets: local

    def install(self) -> NetworkGuard:
        guard = self
        real = {name: getattr(socket.socket, name) for name in ("connect", "connect_ex")}
        real_getaddrinfo, real_create = socket.getaddrinfo, socket.create_connection

        def connect(sock: socket.socket, address: Any) -> Any:
            guard._guard_address("connect", address)
            return real["connect"](sock, address)

        def connect_ex(sock: socket.socket, address: Any) -> Any:
            guard._guard_address("connect_ex", address)
            return real["connect_ex"](sock, address)

        def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
            if not is_loopback(host.decode() if isinstance(host, bytes) else host):
                guard._refuse("getaddrinfo", host)
            return real_getaddrinfo(host, *args, **kwargs)

        def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
            guard._guard_address("create_connection", address)
            return real_create(address, *args, **kwargs)

        self._patch(socket.socket, "connect", connect)
        self._patch(socket.socket, "connect_ex", connect_ex)
        self._patch(socket, "getaddrinfo", getaddrinfo)
        self._patch(socket, "create_connection", create_connection)
        return self

    def _patch(self, owner: Any, name: str, replacement: Any) -> None:
        self.saved[(owner, name)] = getattr(owner, name)
        setattr(owner, name, replacement)

    def uninstall(self) -> None:
        for (owner, name), original in self.saved.items():
            setattr(owner, name, original)
        self.saved.clear()


@pytest.fixture
def guard() -> Any:
    active = NetworkGuard().install()
    yield active
    active.uninstall()


# The guard itself must be able to fail: a test that never sees a blocked attempt proves nothing.
BLOCKED_CALLS = [
    pytest.param(lambda: socket.create_connection(("192.0.2.1", 443), timeout=1), id="create_connection"),
    pytest.param(lambda: socket.getaddrinfo("huggingface.co", 443), id="getaddrinfo"),
    pytest.param(lambda: socket.socket().connect(("198.51.100.7", 80)), id="connect"),
    pytest.param(lambda: socket.socket().connect_ex(("2001:db8::1", 80, 0, 0)), id="connect_ex ipv6"),
]


@pytest.mark.parametrize("call", BLOCKED_CALLS)
def test_guard_blocks_and_records_non_loopback(guard, call):
    with pytest.raises(OSError, match="network blocked"):
        call()
    assert len(guard.blocked) == 1


def test_guard_lets_loopback_through(guard):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(("localhost", server.getsockname()[1]), timeout=2):
            pass
    assert guard.blocked == []


def test_settings_and_sqlite_audit_stay_offline(guard, tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ASSISTANT_AUDIT_URL", raising=False)
    settings = Settings.from_env()
    log = AuditLog(settings.resolved_audit_url)
    audit_id = log.record(
        "我们转让了一件专利，合同120万，补多少？", {"status": "answered", "answer": "…"}, "v"
    )
    assert [row["audit_id"] for row in log.last(1)] == [audit_id]
    log.close()
    assert guard.blocked == []


OFFLINE_ENV = [  # explicit user setting, what enforce_offline_env leaves in effect
    pytest.param({}, {"HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}, id="defaults"),
    pytest.param({"HF_HUB_OFFLINE": "0"}, {"HF_HUB_OFFLINE": "0"}, id="user may allow the hub"),
    pytest.param(
        {"GRADIO_ANALYTICS_ENABLED": "True"}, {"GRADIO_ANALYTICS_ENABLED": "False"}, id="gradio forced"
    ),
    pytest.param({"ANONYMIZED_TELEMETRY": "True"}, {"ANONYMIZED_TELEMETRY": "False"}, id="chroma forced"),
    pytest.param({}, {"TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}, id="transformers datasets"),
]


@pytest.mark.parametrize(("given", "expected"), OFFLINE_ENV)
def test_enforce_offline_env(given, expected):
    env = dict(given)
    in_effect = enforce_offline_env(env)
    assert {name: env[name] for name in expected} == expected
    assert in_effect == env  # it reports exactly what it set or kept


def test_enforce_offline_env_defaults_to_os_environ(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "True")
    enforce_offline_env()
    assert (os.environ["HF_HUB_OFFLINE"], os.environ["GRADIO_ANALYTICS_ENABLED"]) == ("1", "False")


# A fresh interpreter, guarded before anything is imported: a model, index or telemetry client
# loaded earlier in this pytest process would otherwise hide the connection attempts of first use.
ASK_SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[2])
from test_no_network import NetworkGuard
guard = NetworkGuard().install()
from assistant import ask, get_assistant
answers = [ask(question).to_dict() for question in json.loads(sys.argv[1])]
# What app start-up does: load the embedding model and build the Chroma index, whatever the weights.
get_assistant().retriever.warm()
keep = ("status", "total_yuan", "audit_id")
print(json.dumps({"answers": [{k: a[k] for k in keep} for a in answers], "blocked": guard.blocked}))
"""
QUESTIONS = [  # a calculation, then a clause lookup through retrieval
    "我们转让了一件专利，合同120万，补多少？",
    "本办法对商标品牌建设有什么规定？",
]


@pytest.mark.slow  # ~25 s on 2 cores: loads the embedding model and builds the Chroma index cold
def test_ask_makes_no_non_loopback_connection(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if not k.endswith(("_OFFLINE", "TELEMETRY", "ANALYTICS_ENABLED"))
    }
    env |= {"HF_HUB_OFFLINE": "1", "ASSISTANT_DATA_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    for name in ("ASSISTANT_AUDIT_URL", "CHROMA_HOST", "ASSISTANT_DENSE"):  # the default, embedded set-up
        env.pop(name, None)
    argv = [sys.executable, "-c", ASK_SCRIPT, json.dumps(QUESTIONS), str(Path(__file__).parent)]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=env, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["blocked"] == []
    answers = result["answers"]
    assert all(a["status"] in VALID_STATUSES for a in answers), answers
    assert answers[0]["total_yuan"] == 20_000  # clause 7: 100-500万元 tier, 一次性补助2万元
    assert (tmp_path / "chroma").is_dir()  # the index was really built, under the guard
    audit_log = AuditLog(f"sqlite:///{tmp_path / 'audit.sqlite3'}")  # ask() logged both, offline
    assert {row["audit_id"] for row in audit_log.last(5)} == {a["audit_id"] for a in answers}
    audit_log.close()
