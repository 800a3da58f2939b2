"""Server mode: the same retrieval against a real `chroma run` on loopback (CHROMA_HOST / CHROMA_PORT)."""

from __future__ import annotations

import logging
import threading

import chromadb
import pytest
import retrieval_support as support
from chromadb.config import Settings as ChromaSettings

from assistant.retrieval.retrieve import Retriever
from assistant.retrieval.store import COLLECTION
from assistant.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server_port(tmp_path_factory):
    with support.chroma_server(tmp_path_factory.mktemp("chroma-server")) as port:
        yield port


@pytest.fixture(scope="module")
def server_retriever(server_port, tmp_path_factory):
    """The default model, its collection built inside the server."""
    data_dir = tmp_path_factory.mktemp("server-data")
    retriever = Retriever(
        Settings(data_dir=data_dir, chroma_host="127.0.0.1", chroma_port=server_port)
    ).warm()
    yield retriever
    retriever.close()


@pytest.mark.parametrize(("question", "expected"), support.FIRST_CLAUSE)
def test_server_index_puts_the_clause_first(server_retriever, question, expected):
    assert server_retriever.search(question, k=3)[0].clause_id == expected


def test_the_collection_lives_in_the_server(server_retriever, server_port):
    assert server_retriever.dense.where == f"server http://127.0.0.1:{server_port}"
    assert not (server_retriever.settings.data_dir / "chroma").exists()  # nothing written locally
    client = chromadb.HttpClient(
        host="127.0.0.1", port=server_port, settings=ChromaSettings(anonymized_telemetry=False)
    )
    collection = client.get_collection(COLLECTION)
    assert collection.count() == len(server_retriever.chunks)
    assert collection.metadata["content_hash"] == server_retriever.fingerprint


def test_a_second_client_reuses_the_server_index(server_retriever):
    again = Retriever(server_retriever.settings).warm()
    assert again.dense.built is False
    assert again.search("考专利代理师报名费能报吗")[0].clause_id == "18"
    again.close()


def test_server_stopping_mid_session_leaves_bm25_answering(tmp_path, caplog):
    tiny = str(support.tiny_model(tmp_path / "models"))
    with support.chroma_server(tmp_path) as port:
        retriever = Retriever(
            Settings(data_dir=tmp_path, embedding_model=tiny, chroma_host="127.0.0.1", chroma_port=port)
        ).warm()
        assert retriever.dense.where.startswith("server")
    found: list = []
    worker = threading.Thread(
        target=lambda: found.extend(retriever.search("银行质押贷款的贴息怎么算")), daemon=True
    )
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "search hung on a stopped Chroma server"
    assert found[0].clause_id == "8" and "dense" not in found[0].channel_ranks
    assert any("仅用关键词检索" in r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
