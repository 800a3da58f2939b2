"""A real PostgreSQL server on loopback for the tests that share one audit log (started per module)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from components import missing


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
    if os.geteuid() == 0 and SERVER_USER is not None:
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
