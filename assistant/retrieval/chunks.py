"""Cut clauses into the units both retrieval channels index: the whole clause and each of its sentences.

A question about one award ("马德里商标每个国家奖多少") matches one sentence of a long clause (（四）) better
than the clause as a whole, so each sentence split on 。； is indexed too; both channels score chunks and
a clause keeps its best chunk's score.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from corpus import Clause

# Bump when the chunking below changes, so every stored index is rebuilt.
CHUNKING_VERSION = "2"

ChunkKind = Literal["clause", "sentence"]


@dataclass(frozen=True)
class Chunk:
    id: str  # "qingyuan_ip_measures_2021:7:s2"
    clause_id: str
    policy_id: str
    kind: ChunkKind
    text: str

    @property
    def metadata(self) -> dict[str, str]:
        """What Chroma stores beside the vector; policy_id is the filter for multi-policy corpora."""
        return {"clause_id": self.clause_id, "policy_id": self.policy_id, "kind": self.kind}


def clause_chunks(clause: Clause) -> list[Chunk]:
    """One chunk for the clause, one per sentence of a clause with more than one sentence."""
    base = f"{clause.policy_id}:{clause.id}"
    chunks = [Chunk(f"{base}:c", clause.id, clause.policy_id, "clause", clause.text.replace("\n", ""))]
    sentences = clause.sentences()
    if len(sentences) > 1:  # a one-sentence clause would index the same text twice
        chunks += [
            Chunk(f"{base}:s{n}", clause.id, clause.policy_id, "sentence", sentence)
            for n, sentence in enumerate(sentences)
        ]
    return chunks


def chunk_corpus(clauses: Iterable[Clause]) -> list[Chunk]:
    return [chunk for clause in clauses for chunk in clause_chunks(clause)]


def corpus_fingerprint(chunks: Sequence[Chunk], model_name: str) -> str:
    """Hash of chunking version, model and every chunk: a stored index is reused only when this matches."""
    digest = hashlib.sha256(f"{CHUNKING_VERSION}\x00{model_name}".encode())
    for chunk in chunks:
        digest.update(f"\x00{chunk.id}\x01{chunk.kind}\x01{chunk.text}".encode())
    return digest.hexdigest()[:32]
