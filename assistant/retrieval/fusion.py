"""Weighted reciprocal rank fusion of the lexical and dense clause rankings (pure functions)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)  # what is ranked: a clause key (policy_id, clause_id) in the retriever
RRF_K = 60  # the usual constant of Cormack et al. (2009); it flattens the tail of each ranking


@dataclass(frozen=True)
class Fused(Generic[K]):
    key: K
    score: float
    ranks: dict[str, int]  # channel -> 1-based rank in that channel


def fuse(
    rankings: Mapping[str, Sequence[K]], weights: Mapping[str, float], rrf_k: int = RRF_K
) -> list[Fused[K]]:
    """Sum of weight / (rrf_k + rank) over the channels that ranked each key, best first.

    Ties keep the order of the first channel listed (the lexical one), so weight 0 reproduces it exactly.
    """
    scores: dict[K, float] = {}
    ranks: dict[K, dict[str, int]] = {}
    for channel, ranking in rankings.items():
        weight = weights.get(channel, 0.0)
        for rank, key in enumerate(ranking, start=1):
            scores[key] = scores.get(key, 0.0) + weight / (rrf_k + rank)
            ranks.setdefault(key, {})[channel] = rank
    order = {key: n for n, key in enumerate(scores)}  # first-seen order breaks ties
    best = sorted(scores, key=lambda key: (-scores[key], order[key]))
    return [Fused(key, scores[key], ranks[key]) for key in best]


def order_is_settled(weights: Mapping[str, float], first: str, k: int, rrf_k: int = RRF_K) -> bool:
    """Whether the other channels together cannot change the first channel's order of its top k: the most
    they can add to one key, sum(weight) / (rrf_k + 1), is less than the first channel's smallest gap
    between two neighbours there, weight / ((rrf_k + k) * (rrf_k + k + 1)). With the default weights
    (lexical 1, dense 0.01) this holds up to k = 17, so the dense query can be skipped for k ≤ 17."""
    others = sum(w for channel, w in weights.items() if channel != first)
    return others / (rrf_k + 1) < weights.get(first, 0.0) / ((rrf_k + k) * (rrf_k + k + 1))
