"""Hybrid clause retrieval: jieba BM25 (assistant/retrieval/lexical.py) fused with Chroma dense search (assistant/retrieval/dense.py).

retriever = Retriever(Settings.from_env())
retriever.search("买专利合同120万能补多少", k=3)[0].clause_id  # "7"
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.retrieval.chunks import chunk_corpus, corpus_fingerprint
from assistant.retrieval.dense import ClauseKey, DenseIndex
from assistant.retrieval.fusion import Fused, fuse, order_is_settled
from assistant.retrieval.lexical import LexicalChannel, default_segmenter, default_vocabulary, query_terms
from assistant.settings import Settings
from corpus import Clause, load_policy

log = logging.getLogger(__name__)

# Channel weights for reciprocal rank fusion, chosen by `python -m evals.retrieval_ablation` with the
# default all-MiniLM-L6-v2. hit@1 / hit@3 / MRR over the questions that name a clause: gold = 178 of
# evals/data/gold.jsonl (BM25 hit@1 was 96.4% before synonyms.toml took in its 6 misses), holdout = 131 of
# evals/holdout/holdout.jsonl (never used for tuning), dev = 72 of evals/data/retrieval_dev.jsonl:
#
#   mix               gold                  holdout               dev
#   bm25 only         100.0/100.0/1.000     99.2/100.0/0.996      100.0/100.0/1.000
#   dense only         37.6/ 59.0/0.523     33.6/ 55.0/0.480       37.5/ 59.7/0.501
#   rrf dense=0.01    100.0/100.0/1.000     99.2/100.0/0.996      100.0/100.0/1.000
#   rrf dense=0.02     99.4/100.0/0.997     98.5/100.0/0.992       97.2/100.0/0.986
#   rrf dense=0.05     97.2/ 99.4/0.982     96.9/100.0/0.981       95.8/100.0/0.972
#   rrf dense=0.1      96.6/ 97.2/0.974     95.4/ 97.7/0.969       88.9/ 95.8/0.931
#   rrf dense=0.2      89.3/ 97.2/0.935     88.5/ 97.7/0.929       83.3/ 95.8/0.897
#   rrf dense=0.3      82.6/ 96.6/0.895     83.2/ 96.9/0.898       77.8/ 95.8/0.864
#   rrf dense=0.5      77.5/ 91.6/0.853     73.3/ 92.4/0.830       68.1/ 90.3/0.788
#   rrf dense=1        65.7/ 84.3/0.769     64.1/ 80.9/0.749       62.5/ 75.0/0.712
#
# The English model reads many Chinese characters as [UNK], so every weight that lets it move the first
# clause costs accuracy. 0.01 is the largest weight tried that costs none: 0.01/61 is less than the gap between
# BM25's first and second place (1/61 - 1/62), so dense similarity only orders the clauses BM25 ranks
# near-equal far down the list and appends the ones BM25 missed. A Chinese-capable model
# (ASSISTANT_EMBEDDING_MODEL) deserves a new ablation and a larger weight.
LEXICAL_WEIGHT = 1.0
DENSE_WEIGHT = 0.01
MAX_QUESTION_CHARS = 500  # longer input is not a question; the CLI and ask() refuse it


@dataclass(frozen=True)
class Hit:
    clause_id: str
    title: str
    score: float  # fused RRF score: comparable within one search, not across searches
    text: str
    channel_ranks: dict[str, int] = field(default_factory=dict)  # {"bm25": 1, "dense": 4}
    policy_id: str = ""
    bm25_score: float = 0.0  # the clause's best chunk's BM25 score (0: no query word in the clause)
    label: str = ""  # （七）, or 通知 / 序言 / 附则


def fuse_rankings(
    rankings: dict[str, list[tuple[ClauseKey, float]]], weights: dict[str, float]
) -> list[Fused[ClauseKey]]:
    """Weighted RRF of the channels' clause rankings; a clause no weighted channel found is dropped."""
    fused = fuse({channel: [key for key, _ in ranking] for channel, ranking in rankings.items()}, weights)
    return [f for f in fused if f.score > 0]


class Retriever:
    """Built from settings and a corpus (default: the one policy); `warm()` builds both indexes up front."""

    def __init__(
        self,
        settings: Settings,
        clauses: Sequence[Clause] | None = None,
        *,
        dense_weight: float = DENSE_WEIGHT,
        lexical_weight: float = LEXICAL_WEIGHT,
    ) -> None:
        self.settings = settings
        self.clauses: dict[ClauseKey, Clause] = {
            (c.policy_id, c.id): c for c in (clauses if clauses is not None else load_policy().clauses)
        }
        self.chunks = chunk_corpus(self.clauses.values())
        self.policy_ids = frozenset(policy for policy, _ in self.clauses)
        if settings.dense_weight is not None:
            dense_weight = settings.dense_weight
        self.weights = {"bm25": lexical_weight, "dense": dense_weight if settings.dense_enabled else 0.0}
        self.fingerprint = corpus_fingerprint(self.chunks, settings.embedding_model)
        self._keys = list(self.clauses)
        key_index = {key: n for n, key in enumerate(self._keys)}
        self._chunk_clause = np.array([key_index[(c.policy_id, c.clause_id)] for c in self.chunks])
        self._lexical: LexicalChannel | None = None
        self._lock = threading.Lock()  # concurrent first questions build the BM25 index once
        self.dense: DenseIndex | None = None
        if settings.dense_enabled:
            self.dense = DenseIndex(settings, self.chunks, self.fingerprint)

    @property
    def lexical(self) -> LexicalChannel:
        if self._lexical is None:
            with self._lock:
                if self._lexical is None:
                    self._lexical = LexicalChannel(self.chunks, default_segmenter())
        return self._lexical

    @property
    def ready(self) -> bool:
        """The lexical index is built, and the dense channel is open or switched off (health checks)."""
        dense_ok = self.dense is None or self.weights["dense"] <= 0 or bool(getattr(self.dense, "where", ""))
        return self._lexical is not None and dense_ok

    def warm(self) -> Retriever:
        """Build the BM25 index, load the model and open (or build) the Chroma collection now."""
        self.lexical.scores(["知识产权"])
        if self._dense_ready():
            self.dense_ranking("知识产权")  # the first query pays torch's one-off set-up
        return self

    def _dense_ready(self) -> bool:
        """Open the dense channel; if the model or every store fails to open, go on with BM25 alone."""
        if self.dense is None or self.weights["dense"] <= 0:
            return False
        try:
            self.dense.open()
            return True
        except Exception as exc:  # e.g. ASSISTANT_EMBEDDING_MODEL names no model
            log.error("向量模型或索引无法打开（%s），本进程仅用关键词检索", exc)
            self.weights["dense"] = 0.0  # once: not a model load attempt per question
            return False

    def close(self) -> None:
        """Release the Chroma client (its store stays on disk); a later search reopens it."""
        if self.dense is not None:
            self.dense.close()

    def search(self, query: str, k: int = 5, policy_id: str | None = None) -> list[Hit]:
        """The k clauses most relevant to `query`, best first (within `policy_id` when given). The dense
        query is skipped when its weight cannot change the lexical top k (fusion.order_is_settled): at the
        measured default weight it never can, and it costs the most CPU of a lookup."""
        lexical = self.lexical_ranking(query, policy_id) if policy_id in (None, *self.policy_ids) else []
        if len(lexical) >= k and order_is_settled(self.weights, "bm25", k):
            rankings = {"bm25": lexical, "dense": []}
        else:
            rankings = self.rankings(query, policy_id)
        bm25 = dict(rankings["bm25"])
        return [
            self._hit(f.key, f.score, f.ranks, bm25.get(f.key, 0.0))
            for f in fuse_rankings(rankings, self.weights)
        ][:k]

    def rankings(self, query: str, policy_id: str | None = None) -> dict[str, list[tuple[ClauseKey, float]]]:
        """Each channel's clause ranking with its own scores (the evaluation fuses these at many weights)."""
        if policy_id is not None and policy_id not in self.policy_ids:
            return {"bm25": [], "dense": []}
        rankings = {"bm25": self.lexical_ranking(query, policy_id), "dense": []}
        if self._dense_ready():
            # Chroma's metadata filter costs ~30 ms at 40,000 chunks; with one policy it filters nothing.
            only = policy_id if len(self.policy_ids) > 1 else None
            rankings["dense"] = self.dense_ranking(query, only)
        return rankings

    def lexical_ranking(self, query: str, policy_id: str | None = None) -> list[tuple[ClauseKey, float]]:
        terms = query_terms(query, default_segmenter(), default_vocabulary())
        chunk_scores = self.lexical.scores(terms, policy_id)
        clause_scores = np.zeros(len(self._keys), dtype=np.float32)
        np.maximum.at(clause_scores, self._chunk_clause, chunk_scores)  # a clause scores as its best chunk
        found = np.flatnonzero(clause_scores > 0)
        best = found[np.argsort(-clause_scores[found], kind="stable")]
        return [(self._keys[i], float(clause_scores[i])) for i in best]

    def dense_ranking(self, query: str, policy_id: str | None = None) -> list[tuple[ClauseKey, float]]:
        """The dense channel, or nothing (logged) when the model or index fails mid-session."""
        assert self.dense is not None
        try:
            return self.dense.ranking(query, policy_id)
        except Exception as exc:  # a dead server or damaged index must not fail the question
            log.warning("向量检索失败（%s），本次仅用关键词检索", exc)
            return []

    def _hit(self, key: ClauseKey, score: float, ranks: dict[str, int], bm25_score: float) -> Hit:
        clause = self.clauses[key]
        return Hit(
            clause.id,
            clause.title,
            score,
            clause.text,
            dict(ranks),
            clause.policy_id,
            bm25_score,
            clause.label,
        )
