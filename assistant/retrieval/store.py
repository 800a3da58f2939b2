"""The Chroma store behind the dense channel: chunks in a Chroma collection (LangChain `Chroma` + sentence-transformers).

Where the index lives: a Chroma server when CHROMA_HOST is set, else `data_dir/chroma` on disk, else (data
dir not writable) memory. The collection's metadata holds a hash of chunks + chunking version + model; on
open a stale, partial or unreadable collection is rebuilt, never served. Every fault degrades (logged
warning) to the next place rather than failing the question.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import chromadb
import httpx
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings

from assistant.retrieval.chunks import CHUNKING_VERSION, Chunk
from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_chroma import Chroma

log = logging.getLogger(__name__)

COLLECTION = "qingyuan-policy-chunks"
HEARTBEAT_TIMEOUT_S = 2.0  # a server that is down must not hold up start-up
HTTP_TIMEOUT = httpx.Timeout(30.0, connect=2.0)  # chromadb's own client waits forever (timeout=None)
BUILD_BATCH = 2000  # below Chroma's max batch size; one embedding call per batch


def chroma_settings() -> ChromaSettings:
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


@dataclass(frozen=True)
class Opened:
    client: ClientAPI
    where: str  # "server http://127.0.0.1:8000", "disk data/chroma", "memory"
    collection_suffix: str = ""

    @property
    def kind(self) -> str:
        return self.where.split(" ", 1)[0]


def open_client(settings: Settings, fingerprint: str) -> Opened:
    """The configured Chroma server if it answers, else the embedded store (see module docstring)."""
    if settings.chroma_host:
        try:
            return Opened(
                http_client(settings.chroma_host, settings.chroma_port), f"server {_server_url(settings)}"
            )
        except Exception as exc:  # any failure to reach the server means: use the embedded store
            log.warning("Chroma 服务器 %s 不可用（%s），改用本地嵌入式索引", _server_url(settings), exc)
    return embedded_client(settings.data_dir / "chroma", fingerprint)


def _server_url(settings: Settings) -> str:
    return f"http://{settings.chroma_host}:{settings.chroma_port}"


def http_client(host: str, port: int) -> ClientAPI:
    """HttpClient after a short heartbeat, so a dead or unroutable host fails in seconds, not never."""
    url = f"http://{host}:{port}/api/v2/heartbeat"
    httpx.get(url, timeout=HEARTBEAT_TIMEOUT_S).raise_for_status()
    client = chromadb.HttpClient(host=host, port=port, settings=chroma_settings())
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):  # chromadb hard-codes timeout=None on its httpx session
        session.timeout = HTTP_TIMEOUT
    return client


def embedded_client(path: Path, fingerprint: str) -> Opened:
    """A persistent store at `path`; a corrupted one is wiped once; an unwritable one becomes memory."""
    if not _writable_dir(path):
        log.warning("索引目录 %s 不可写，改用内存索引（每次启动重建）", path)
        return memory_client(fingerprint)
    try:
        return Opened(chromadb.PersistentClient(path=str(path), settings=chroma_settings()), f"disk {path}")
    except Exception as exc:  # e.g. "file is not a database"
        log.warning("索引目录 %s 已损坏（%s），删除后重建", path, exc)
    forget_store(path)
    wipe(path)
    try:
        return Opened(chromadb.PersistentClient(path=str(path), settings=chroma_settings()), f"disk {path}")
    except Exception as exc:
        log.warning("索引目录 %s 仍无法打开（%s），改用内存索引", path, exc)
        return memory_client(fingerprint)


def recover(opened: Opened, settings: Settings, fingerprint: str, error: Exception) -> Opened:
    """The next place to build the index after building at `opened` failed: server → disk → memory."""
    close(opened.client)
    if opened.kind == "memory":
        raise error
    log.warning(
        "无法在 %s 建立索引（%s），改用%s",
        opened.where,
        error,
        "本地索引" if opened.kind == "server" else "新目录",
    )
    path = settings.data_dir / "chroma"
    if opened.kind == "disk":
        wipe(path)
    return embedded_client(path, fingerprint)


def close(client: ClientAPI) -> None:
    """Release the client's store (Chroma keeps one per path per process until its last client closes)."""
    closer = getattr(client, "close", None)  # not on ClientAPI's declared interface
    try:
        if closer is not None:
            closer()
    except Exception:  # a dead server cannot be closed
        pass


def memory_client(fingerprint: str) -> Opened:
    # All EphemeralClients in a process share one store, so the collection name carries the fingerprint
    # to keep two retrievers with different models from rebuilding each other's collection.
    return Opened(chromadb.EphemeralClient(settings=chroma_settings()), "memory", f"-{fingerprint[:12]}")


def _writable_dir(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-probe"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def forget_store(path: Path) -> None:
    """Drop chromadb's per-path cached System after a failed open.

    chromadb caches one System per persist directory before starting it; when starting fails (corrupt
    sqlite) the half-built System stays cached and every later client for that path fails with
    "'RustBindingsAPI' object has no attribute 'bindings'". There is no public call for one path.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient._identifier_to_system.pop(str(path), None)


def wipe(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True, exist_ok=True)


def stored_fingerprint(client: ClientAPI, name: str, expected_count: int) -> str | None:
    """The fingerprint of a complete, queryable collection `name`, or None (missing, partial, unreadable)."""
    try:
        collection = client.get_collection(name)
    except Exception:  # NotFoundError, or a store too damaged to list collections
        return None
    try:
        if collection.count() != expected_count:
            return None
        probe = collection.get(limit=1, include=["embeddings"])
        collection.query(query_embeddings=probe["embeddings"], n_results=1)  # reads the vector segment
    except Exception as exc:
        log.warning("索引集合 %s 无法读取（%s），将重建", name, exc)
        return None
    return (collection.metadata or {}).get("content_hash")


def collection_metadata(fingerprint: str, model_name: str) -> dict[str, str]:
    return {"content_hash": fingerprint, "model": model_name, "chunking": CHUNKING_VERSION}


def add_chunks(store: Chroma, chunks: Sequence[Chunk]) -> float:
    """Embed and store the chunks in batches; returns seconds taken."""
    started = time.perf_counter()
    for start in range(0, len(chunks), BUILD_BATCH):
        batch = chunks[start : start + BUILD_BATCH]
        store.add_texts(
            [c.text for c in batch], metadatas=[c.metadata for c in batch], ids=[c.id for c in batch]
        )
    return time.perf_counter() - started
