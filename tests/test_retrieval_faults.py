"""A damaged, missing or unwritable index, or a Chroma server that is down, degrades with a warning.

These use a tiny random model (tests/retrieval_support.py) so each rebuild takes a fraction of a second;
BM25 decides the first clause either way, so every case still answers the question correctly.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest
import retrieval_support as support

from assistant.retrieval.retrieve import Retriever
from assistant.settings import Settings
from corpus import POLICY_ID, load_policy
from evals.scale import synthetic_clauses

QUESTION, CLAUSE = "专利转让合同120万能补多少", "7"
HANG_GUARD_S = 60  # far above the 2 s heartbeat timeout: reaching it means something waited forever


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> str:
    return str(support.tiny_model(tmp_path_factory.getbasetemp() / "models"))


def settings(data_dir: Path, model: str, **overrides) -> Settings:
    return Settings(data_dir=data_dir, embedding_model=model, **overrides)


def built(data_dir: Path, model: str) -> Retriever:
    """Build an index at data_dir, then close it as a finished process would."""
    retriever = Retriever(settings(data_dir, model)).warm()
    retriever.close()
    return retriever


def warnings_in(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)


def test_missing_directory_is_built_with_a_warning(tmp_path, tiny, caplog):
    retriever = Retriever(settings(tmp_path / "not" / "yet", tiny)).warm()
    assert retriever.dense.built and retriever.dense.where.startswith("disk")
    assert "重建" in warnings_in(caplog)
    assert retriever.search(QUESTION)[0].clause_id == CLAUSE


def test_unchanged_corpus_and_model_reuse_the_index(tmp_path, tiny, caplog):
    first = built(tmp_path, tiny)
    caplog.clear()
    again = Retriever(settings(tmp_path, tiny)).warm()
    assert (again.dense.built, again.fingerprint) == (False, first.fingerprint)
    assert warnings_in(caplog) == ""


def test_changed_clause_text_rebuilds_the_index(tmp_path, tiny):
    first = built(tmp_path, tiny)
    clauses = [
        dataclasses.replace(c, text=c.text + "（修订）") if c.id == "7" else c for c in load_policy().clauses
    ]
    changed = Retriever(settings(tmp_path, tiny), clauses).warm()
    assert changed.dense.built and changed.fingerprint != first.fingerprint
    assert changed.dense.collection_info()["metadata"]["content_hash"] == changed.fingerprint


def test_emptied_directory_is_rebuilt(tmp_path, tiny, caplog):
    built(tmp_path, tiny)
    shutil.rmtree(tmp_path / "chroma")
    (tmp_path / "chroma").mkdir()
    retriever = Retriever(settings(tmp_path, tiny)).warm()
    assert retriever.dense.built and "重建" in warnings_in(caplog)
    assert retriever.search(QUESTION)[0].clause_id == CLAUSE


CORRUPTIONS = [
    pytest.param(lambda db: db.write_bytes(b"not a database " * 500), id="garbage"),
    pytest.param(lambda db: db.write_bytes(db.read_bytes()[: len(db.read_bytes()) // 3]), id="truncated"),
    pytest.param(lambda db: db.write_bytes(b""), id="zero bytes"),
]


@pytest.mark.parametrize("corrupt", CORRUPTIONS)
def test_corrupted_store_is_rebuilt_with_a_warning(tmp_path, tiny, caplog, corrupt):
    built(tmp_path, tiny)
    corrupt(tmp_path / "chroma" / "chroma.sqlite3")
    retriever = Retriever(settings(tmp_path, tiny)).warm()
    assert retriever.dense.built and retriever.dense.where.startswith("disk")
    assert warnings_in(caplog)
    assert retriever.search(QUESTION)[0].clause_id == CLAUSE
    retriever.close()
    assert not Retriever(settings(tmp_path, tiny)).warm().dense.built  # the rebuilt store is sound


def test_corrupted_vector_segment_is_rebuilt(tmp_path, tiny, caplog):
    corpus = [*load_policy().clauses, *synthetic_clauses(300)]  # > 1,000 chunks: Chroma writes HNSW files
    Retriever(settings(tmp_path, tiny), corpus).warm().close()
    segment_files = list((tmp_path / "chroma").glob("*/*.bin"))
    for f in segment_files:
        f.write_bytes(b"junk")
    retriever = Retriever(settings(tmp_path, tiny), corpus).warm()
    assert segment_files and retriever.dense.built
    assert "无法读取" in warnings_in(caplog)
    assert retriever.search(QUESTION, policy_id=POLICY_ID)[0].clause_id == CLAUSE


def test_unwritable_data_dir_uses_memory(tmp_path, tiny, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("the data dir cannot be created under a file, not even by root")
    retriever = Retriever(settings(blocker / "data", tiny)).warm()
    assert retriever.dense.where == "memory"
    assert "不可写" in warnings_in(caplog)
    assert retriever.search(QUESTION)[0].clause_id == CLAUSE


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_read_only_data_dir_uses_memory(tmp_path, tiny, caplog):
    tmp_path.chmod(0o555)
    try:
        retriever = Retriever(settings(tmp_path, tiny)).warm()
    finally:
        tmp_path.chmod(0o755)
    assert retriever.dense.where == "memory"


def warm_within_guard(retriever: Retriever) -> None:
    """warm() in a thread; a hang fails the test instead of the whole run."""
    worker = threading.Thread(target=retriever.warm, daemon=True)
    worker.start()
    worker.join(HANG_GUARD_S)
    assert not worker.is_alive(), "warm() hung on an unreachable Chroma server"


def test_server_down_falls_back_to_the_embedded_index(tmp_path, tiny, caplog):
    port = support.free_port()  # nothing listens here
    retriever = Retriever(settings(tmp_path, tiny, chroma_host="127.0.0.1", chroma_port=port))
    warm_within_guard(retriever)
    assert retriever.dense.where.startswith("disk")
    assert f"127.0.0.1:{port}" in warnings_in(caplog) and "不可用" in warnings_in(caplog)
    assert retriever.search(QUESTION)[0].clause_id == CLAUSE


def test_server_that_never_answers_times_out(tmp_path, tiny, caplog):
    with socket.socket() as silent:  # accepts connections (kernel backlog) but never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        retriever = Retriever(settings(tmp_path, tiny, chroma_host="127.0.0.1", chroma_port=port))
        warm_within_guard(retriever)
    assert retriever.dense.where.startswith("disk")
    assert "不可用" in warnings_in(caplog)


def test_dense_failure_mid_session_answers_from_bm25(tmp_path, tiny, caplog, monkeypatch):
    retriever = Retriever(settings(tmp_path, tiny)).warm()

    def broken(*args, **kwargs):
        raise RuntimeError("index went away")

    monkeypatch.setattr(retriever.dense, "ranking", broken)
    monkeypatch.setitem(retriever.weights, "dense", 0.5)  # a weight at which the dense query runs
    hits = retriever.search(QUESTION)
    assert hits[0].clause_id == CLAUSE and all("dense" not in h.channel_ranks for h in hits)
    assert "仅用关键词检索" in warnings_in(caplog)


def test_a_model_that_cannot_load_leaves_bm25_answering(tmp_path, caplog):
    retriever = Retriever(settings(tmp_path, str(tmp_path / "no-such-model"))).warm()
    assert retriever.weights["dense"] == 0.0
    assert "仅用关键词检索" in warnings_in(caplog)
    assert retriever.search(QUESTION)[0].clause_id == CLAUSE
