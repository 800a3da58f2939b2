"""Dense ranking of clauses: embed the question, query the Chroma collection, keep each clause's best chunk."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from assistant.retrieval import store as index
from assistant.retrieval.chunks import Chunk
from assistant.retrieval.embedding import (
    CachedQueryEmbedder,
    build_threads,
    load_embeddings,
    use_query_threads,
)
from assistant.settings import Settings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

ClauseKey = tuple[str, str]  # (policy_id, clause_id)
CHUNK_DEPTH = 60  # chunks fetched per question; several per clause, so ~20 distinct clauses


class DenseIndex:
    """The Chroma collection for `chunks`, opened (and built if stale) by `open()`."""

    def __init__(self, settings: Settings, chunks: Sequence[Chunk], fingerprint: str) -> None:
        self.settings = settings
        self.chunks = chunks
        self.fingerprint = fingerprint
        self.where = ""  # set by open(): where the collection lives
        self.built = False  # True when open() had to (re)build the collection
        self.build_seconds = 0.0
        self._store: Chroma | None = None
        self._client: ClientAPI | None = None
        self._embedder: CachedQueryEmbedder | None = None
        self._lock = threading.Lock()  # two first questions at once must not build twice

    def open(self) -> DenseIndex:
        with self._lock:
            if self._store is None:
                embeddings = load_embeddings(self.settings.embedding_model)
                self._embedder = CachedQueryEmbedder(embeddings)
                self._store = self._open_anywhere(embeddings)
                use_query_threads()
        return self

    def _open_anywhere(self, embeddings: Embeddings) -> Chroma:
        opened = index.open_client(self.settings, self.fingerprint)
        try:
            store = self._open_store(opened, embeddings)
        except Exception as exc:  # a store that breaks while building: try the next place
            opened = index.recover(opened, self.settings, self.fingerprint, exc)
            store = self._open_store(opened, embeddings)
        self.where, self._client = opened.where, opened.client
        return store

    def _opened_store(self) -> Chroma:
        store = self.open()._store
        assert store is not None, "open() sets the store or raises"
        return store

    def collection_info(self) -> dict[str, Any]:
        """What the open collection holds: name, count, metadata (content_hash, model), vector dimension."""
        collection = self._opened_store()._collection  # LangChain's handle on the chromadb collection
        sample = collection.get(limit=1, include=["embeddings"])["embeddings"]
        sample = [] if sample is None else sample
        return {
            "name": collection.name,
            "count": collection.count(),
            "metadata": dict(collection.metadata or {}),
            "dimension": len(sample[0]) if len(sample) else 0,
            "where": self.where,
        }

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                index.close(self._client)
            self._store = self._client = None

    def _open_store(self, opened: index.Opened, embeddings: Embeddings) -> Chroma:
        from langchain_chroma import Chroma

        name = index.COLLECTION + opened.collection_suffix
        current = index.stored_fingerprint(opened.client, name, len(self.chunks)) == self.fingerprint
        if not current:
            log.warning(
                "向量索引缺失或已过期（%s，集合 %s），正在重建 %d 个片段",
                opened.where,
                name,
                len(self.chunks),
            )
            _drop(opened.client, name)
        store = Chroma(
            collection_name=name,
            embedding_function=embeddings,
            client=opened.client,
            collection_metadata=index.collection_metadata(self.fingerprint, self.settings.embedding_model),
            collection_configuration={"hnsw": {"space": "cosine"}},
        )
        if not current:
            with build_threads():
                self.build_seconds = index.add_chunks(store, self.chunks)
            self.built = True
            log.info("向量索引已建成：%d 个片段，%.1f 秒", len(self.chunks), self.build_seconds)
        return store

    def ranking(self, question: str, policy_id: str | None = None) -> list[tuple[ClauseKey, float]]:
        """Clauses by their best chunk's cosine similarity to the question, best first."""
        store = self._opened_store()
        assert self._embedder is not None
        started = time.perf_counter()
        vector = list(self._embedder.embed_query(question))
        found = store.similarity_search_by_vector_with_relevance_scores(
            vector,
            k=min(CHUNK_DEPTH, len(self.chunks)),
            filter={"policy_id": policy_id} if policy_id else None,
        )
        best: dict[ClauseKey, float] = {}
        for doc, similarity in found:  # sorted best first, so the first chunk of a clause is its max
            best.setdefault((doc.metadata["policy_id"], doc.metadata["clause_id"]), float(similarity))
        log.debug("dense %.1f ms", (time.perf_counter() - started) * 1000)
        return list(best.items())


def _drop(client: ClientAPI, name: str) -> None:
    try:
        client.delete_collection(name)
    except Exception:  # absent, or too damaged to delete: creation below reports real faults
        pass
