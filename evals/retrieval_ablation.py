"""Which mix of BM25 and dense retrieval puts the right clause first? hit@1, hit@3 and MRR per mix.

    python -m evals.retrieval_ablation [--dataset FILE.jsonl ...] [--json]

Each item needs `question` and `expected_clauses` (items with none, e.g. out-of-scope questions, are
skipped). A question counts as a hit@k when any expected clause is among the first k; MRR uses the first
expected clause found. Each channel is queried once per question; mixes are fused from those rankings
with the same function `Retriever.search` uses, so the table is what the assistant would do.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
# gold: the eval suite; holdout: never used to tune synonyms.toml; retrieval_dev: what it was tuned on.
DATASETS = (DATA / "gold.jsonl", DATA.parent / "holdout" / "holdout.jsonl", DATA / "retrieval_dev.jsonl")
DENSE_WEIGHTS = (0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)


@dataclass(frozen=True)
class Item:
    question: str
    expected: frozenset[str]


@dataclass(frozen=True)
class Row:
    dataset: str
    mix: str
    n: int
    hit1: float
    hit3: float
    mrr: float


def load_items(path: Path) -> list[Item]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Item(r["question"], frozenset(r["expected_clauses"])) for r in rows if r.get("expected_clauses")]


def score(ranked: Sequence[Sequence[str]], items: Sequence[Item]) -> tuple[float, float, float]:
    """hit@1, hit@3, MRR of ranked clause ids against the items' expected clauses."""
    hit1 = hit3 = rr = 0.0
    for ids, item in zip(ranked, items, strict=True):
        rank = next((n for n, cid in enumerate(ids, start=1) if cid in item.expected), None)
        hit1 += rank == 1
        hit3 += rank is not None and rank <= 3
        rr += 1 / rank if rank else 0.0
    n = len(items) or 1
    return hit1 / n, hit3 / n, rr / n


def mixes(dense_weights: Sequence[float]) -> dict[str, dict[str, float]]:
    table = {"bm25 only": {"bm25": 1.0, "dense": 0.0}, "dense only": {"bm25": 0.0, "dense": 1.0}}
    for w in dense_weights:
        table[f"rrf dense={w:g}"] = {"bm25": 1.0, "dense": w}
    return table


def ablation(
    datasets: Sequence[Path] = DATASETS, dense_weights: Sequence[float] = DENSE_WEIGHTS, retriever=None
) -> list[Row]:
    """One row per (dataset, mix); builds a dense-enabled Retriever from the environment unless given one."""
    from assistant.retrieval.retrieve import Retriever, fuse_rankings
    from assistant.settings import Settings

    present = [p for p in datasets if p.exists()]
    if present and retriever is None:
        retriever = Retriever(Settings.from_env()).warm()
    rows = []
    for path in present:
        items = load_items(path)
        channels = [channel_rankings(retriever, item.question) for item in items]
        for mix, weights in mixes(dense_weights).items():
            ranked = [[key[1] for key in (f.key for f in fuse_rankings(ch, weights))] for ch in channels]
            rows.append(Row(path.name, mix, len(items), *score(ranked, items)))
    return rows


def channel_rankings(retriever, question: str) -> dict[str, list]:
    dense = retriever.dense_ranking(question) if retriever.dense is not None else []
    return {"bm25": retriever.lexical_ranking(question), "dense": dense}


def format_table(rows: Sequence[Row]) -> str:
    lines = [f"{'dataset':<22}{'mix':<18}{'n':>5}{'hit@1':>8}{'hit@3':>8}{'MRR':>8}"]
    for r in rows:
        lines.append(f"{r.dataset:<22}{r.mix:<18}{r.n:>5}{r.hit1:>8.1%}{r.hit3:>8.1%}{r.mrr:>8.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals.retrieval_ablation", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--dataset", type=Path, action="append", help="JSONL with question, expected_clauses")
    parser.add_argument("--json", action="store_true", help="one JSON object per row")
    args = parser.parse_args(argv)
    rows = ablation(args.dataset or DATASETS)
    if not rows:
        print("没有可用的评测集（需要 question 与 expected_clauses 字段）", file=sys.stderr)
        return 1
    print(
        "\n".join(json.dumps(asdict(r), ensure_ascii=False) for r in rows)
        if args.json
        else format_table(rows)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
