"""The lexical channel: jieba-segmented BM25 over the chunks, with users' words mapped to the policy's.

Visitors say 卖专利、贯标、打官司; the policy says 受让、管理规范、胜诉. corpus/synonyms.toml maps one to the
other (data, not code) and corpus/userdict.txt keeps policy terms such as 地理标志证明商标 whole.
"""

from __future__ import annotations

import logging
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba
import numpy as np
from rank_bm25 import BM25Okapi

import corpus
from assistant.retrieval.chunks import Chunk

CORPUS_DIR = Path(corpus.__file__).resolve().parent  # the data files live beside the policy text
USER_DICT = CORPUS_DIR / "userdict.txt"
SYNONYMS = CORPUS_DIR / "synonyms.toml"

# jieba logs "Building prefix dict…" at DEBUG through its own handler; keep the console quiet.
jieba.setLogLevel(logging.WARNING)


@dataclass(frozen=True)
class Expansion:
    when: tuple[str, ...]  # any of these substrings in the question (users' words)…
    add: tuple[str, ...]  # …adds these policy words to the query…
    unless: tuple[str, ...] = ()  # …unless one of these is in it too

    def applies(self, question: str) -> bool:
        return any(w in question for w in self.when) and not any(w in question for w in self.unless)


@dataclass(frozen=True)
class QueryVocabulary:
    expansions: tuple[Expansion, ...]
    stop_words: frozenset[str]

    def expand(self, question: str) -> str:
        """The question followed by the policy words its phrases map to."""
        added = [word for e in self.expansions if e.applies(question) for word in e.add]
        return " ".join([question, *added])


def load_vocabulary(path: Path = SYNONYMS) -> QueryVocabulary:
    with path.open("rb") as f:
        data = tomllib.load(f)
    expansions = tuple(
        Expansion(_phrases(e["when"]), tuple(e["add"]), _phrases(e.get("unless", []))) for e in data["expand"]
    )
    return QueryVocabulary(expansions, frozenset(data["stop_words"]))


def _phrases(words: list[str]) -> tuple[str, ...]:
    return tuple(normalize(w) for w in words)  # questions are normalised before matching


def normalize(text: str) -> str:
    """Full-width letters and digits to half-width, lower case: ＰＣＴ and pct match."""
    return unicodedata.normalize("NFKC", text).lower()


class Segmenter:
    """A private jieba tokenizer (the global one belongs to everyone) with the policy's user dictionary."""

    def __init__(self, user_dict: Path = USER_DICT, stop_words: frozenset[str] = frozenset()) -> None:
        self._jieba = jieba.Tokenizer()
        self._jieba.load_userdict(str(user_dict))  # forces the dictionary to load now, not on first query
        self._stop_words = stop_words

    def tokens(self, text: str) -> list[str]:
        """Words of `text`, each followed by the dictionary words inside it (地理标志证明商标 → 地理标志, 商标…)."""
        out: list[str] = []
        for word in self._jieba.cut(normalize(text), HMM=False):
            if not _is_content(word) or word in self._stop_words:
                continue
            out.append(word)
            out.extend(self._inner_words(word))
        return out

    def _inner_words(self, word: str) -> list[str]:
        """Dictionary words strictly inside `word`; jieba's search mode stops at 3 characters."""
        freq = self._jieba.FREQ
        return [
            word[i : i + n]
            for n in range(2, len(word))
            for i in range(len(word) - n + 1)
            if freq.get(word[i : i + n])
        ]


def _is_content(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


class LexicalIndex:
    """BM25 (Okapi, rank_bm25's statistics) precomputed into per-term postings: a query touches only its
    terms' postings, so a few thousand chunks score in microseconds."""

    def __init__(self, tokenized: Sequence[Sequence[str]]) -> None:
        self.size = len(tokenized)
        self._postings = _postings(BM25Okapi(tokenized))

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk for the query terms (repeated terms count again, as in rank_bm25)."""
        scores = np.zeros(self.size, dtype=np.float32)
        for term, count in Counter(terms).items():
            if posting := self._postings.get(term):
                docs, weights = posting
                scores[docs] += count * weights  # docs are unique within a posting, so += is safe
        return scores


class LexicalChannel:
    """One BM25 index per policy: each policy keeps its own term statistics, so adding other policies
    (evals/scale.py adds 400) never changes how a policy's clauses rank against each other."""

    def __init__(self, chunks: Sequence[Chunk], segmenter: Segmenter) -> None:
        tokens = [segmenter.tokens(c.text) for c in chunks]
        members: dict[str, list[int]] = {}
        for n, chunk in enumerate(chunks):
            members.setdefault(chunk.policy_id, []).append(n)
        self.size = len(chunks)
        self._parts = {
            policy: (np.asarray(idx), LexicalIndex([tokens[i] for i in idx]))
            for policy, idx in members.items()
        }

    def scores(self, terms: Sequence[str], policy_id: str | None = None) -> np.ndarray:
        """Every chunk's BM25 score within its own policy; chunks outside `policy_id` (when given) score 0."""
        scores = np.zeros(self.size, dtype=np.float32)
        parts = (
            self._parts.values()
            if policy_id is None
            else [self._parts[policy_id]]
            if policy_id in self._parts
            else []
        )
        for members, index in parts:
            scores[members] = index.scores(terms)
        return scores


def _postings(bm25: BM25Okapi) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    lengths = np.asarray(bm25.doc_len, dtype=np.float32)
    norm = bm25.k1 * (1 - bm25.b + bm25.b * lengths / bm25.avgdl)
    docs_of: dict[str, list[int]] = {}
    tfs_of: dict[str, list[int]] = {}
    for doc, freqs in enumerate(bm25.doc_freqs):
        for term, tf in freqs.items():
            docs_of.setdefault(term, []).append(doc)
            tfs_of.setdefault(term, []).append(tf)
    postings = {}
    for term, docs in docs_of.items():
        idx = np.asarray(docs, dtype=np.int64)
        tf = np.asarray(tfs_of[term], dtype=np.float32)
        postings[term] = (idx, bm25.idf[term] * tf * (bm25.k1 + 1) / (tf + norm[idx]))
    return postings


@cache
def default_segmenter() -> Segmenter:
    """Loading jieba's dictionary takes ~0.5 s; every retriever in the process shares one segmenter."""
    return Segmenter(USER_DICT, default_vocabulary().stop_words)


@cache
def default_vocabulary() -> QueryVocabulary:
    return load_vocabulary(SYNONYMS)


def query_terms(question: str, segmenter: Segmenter, vocabulary: QueryVocabulary) -> list[str]:
    """Tokens of the question plus its synonym expansions, stop words removed."""
    return segmenter.tokens(vocabulary.expand(normalize(question)))
