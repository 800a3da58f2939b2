"""Retrieval at scale: this policy among thousands of look-alike clauses from synthetic policies.

    python -m evals.scale [--clauses 10000] [--no-dense] [--json]

The synthetic policies reuse the real policy's vocabulary (专利、商标、资助、万元…) with other cities and
amounts, so BM25 statistics and nearest neighbours are crowded by near-duplicates. The check: with the
policy_id filter, this policy's questions (evals/data/retrieval_dev.jsonl) still find the right clause.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from corpus import POLICY_ID, Clause, load_policy
from evals.retrieval_ablation import DATA, Item, load_items

QUESTIONS = DATA / "retrieval_dev.jsonl"
CLAUSES_PER_POLICY = 24  # like the real policy
CITIES = "广州 深圳 珠海 汕头 佛山 韶关 河源 梅州 惠州 汕尾 东莞 中山 江门 阳江 湛江 茂名 肇庆 潮州 揭阳 云浮".split()
TOPICS = (
    ("发明专利授权", "按所缴官方规定费用的{pct}%给予资助", "个人年度获资助专利数量不超过{n}件"),
    ("实用新型专利", "每件资助{small}元", "同一单位年度资助总额不超过{amt}万元"),
    ("商标注册", "对成功注册集体商标的奖励{amt}万元/个", "地理标志产品一次性奖励{amt2}万元"),
    ("作品著作权登记", "给予资助{small}元/个", "同一单位每年受资助的作品数量最高为{n}件"),
    ("专利权质押融资", "按实缴利息的{pct}%给予贴息补助", "每家企业年度贴息补助不超过{amt}万元"),
    ("专利保险", "按实际保费支出的{pct}%予以补助", "每个单位年度补助金额不超过{amt}万元"),
    ("知识产权示范企业", "给予一次性资助{amt}万元", "优势企业一次性资助{amt2}万元"),
    ("专利侵权诉讼", "一审胜诉的给予一次性资助{amt}万元", "同一申请人年度资助不超过{amt2}万元"),
    ("专利代理机构", "新设立的给予一次性资助{amt}万元", "分支机构资助{amt2}万元"),
    ("知识产权培训基地", "给予适当补助", "培训期间的场地租赁、教材编印给予补助{amt}万元"),
    ("专利导航项目", "择优给予单项最高{amt}万元扶持", "发布一批重点产业专利分析报告"),
    ("技术标准", "转化为国家标准的奖励{amt}万元", "行业标准奖励{amt2}万元"),
)


def synthetic_clauses(n_clauses: int, seed: int = 0) -> list[Clause]:
    """`n_clauses` clauses in policies of 24, each policy with its own policy_id; same seed, same corpus."""
    rng = random.Random(seed)
    clauses = []
    for n in range(n_clauses):
        policy = n // CLAUSES_PER_POLICY
        city = CITIES[policy % len(CITIES)]
        topic, rule, cap = TOPICS[rng.randrange(len(TOPICS))]
        slots = {
            "pct": rng.choice((20, 30, 40, 50, 60)),
            "n": rng.randint(3, 100),
            "small": rng.choice((200, 500, 1000, 2000)),
            "amt": rng.randint(1, 50),
            "amt2": rng.randint(1, 30),
        }
        label = f"第{n % CLAUSES_PER_POLICY + 1}条"
        title = f"支持{city}{topic}"
        text = f"{label}{title}。对{city}市企业{topic}的，{rule.format(**slots)}；{cap.format(**slots)}。"
        clauses.append(
            Clause(str(n % CLAUSES_PER_POLICY + 1), label, title, "", text, f"synthetic_{policy:04d}")
        )
    return clauses


def scale_benchmark(
    n_clauses: int = 10_000,
    *,
    dense: bool = True,
    data_dir: Path | None = None,
    embedding_model: str | None = None,
    seed: int = 0,
) -> dict[str, float | int | bool]:
    """Index build time, query p50/p95 (ms) and hit@1 of this policy's questions, with the policy filter.

    `n_clauses` synthetic clauses are added to the real policy's 24. A temporary data dir is used (and
    removed) unless `data_dir` is given; the model is the default unless `embedding_model` names one.
    """
    if data_dir is None:
        with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
            return scale_benchmark(
                n_clauses, dense=dense, data_dir=Path(tmp), embedding_model=embedding_model, seed=seed
            )
    from assistant.retrieval.retrieve import Retriever
    from assistant.settings import DEFAULT_EMBEDDING_MODEL, Settings

    corpus = [*load_policy().clauses, *synthetic_clauses(n_clauses, seed)]
    model = embedding_model or DEFAULT_EMBEDDING_MODEL
    started = time.perf_counter()
    retriever = Retriever(
        Settings(data_dir=data_dir, dense_enabled=dense, embedding_model=model), corpus
    ).warm()
    build_s = time.perf_counter() - started
    try:
        return {"n_policies": len(retriever.policy_ids), **_measure(retriever, build_s)}
    finally:
        retriever.close()


def _measure(retriever, build_s: float) -> dict[str, float | int | bool]:
    items = load_items(QUESTIONS)
    latencies, hits, leaks = _run_questions(retriever, items)
    return {
        "n_clauses": len(retriever.clauses),
        "n_chunks": len(retriever.chunks),
        "dense": retriever.dense is not None,
        "index_build_s": round(build_s, 2),
        "dense_build_s": round(retriever.dense.build_seconds, 2) if retriever.dense else 0.0,
        "query_p50_ms": round(statistics.median(latencies), 2),
        "query_p95_ms": round(_p95(latencies), 2),
        "questions": len(items),
        "hit1": round(hits / len(items), 4),
        "other_policy_hits": leaks,  # hits from another policy despite the filter: must be 0
    }


def _run_questions(retriever, items: Sequence[Item]) -> tuple[list[float], int, int]:
    latencies, hits, leaks = [], 0, 0
    for item in items:
        started = time.perf_counter()
        found = retriever.search(item.question, k=3, policy_id=POLICY_ID)
        latencies.append((time.perf_counter() - started) * 1000)
        hits += bool(found) and found[0].clause_id in item.expected
        leaks += sum(h.policy_id != POLICY_ID for h in found)
    return latencies, hits, leaks


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.scale", description="检索规模测试")
    parser.add_argument("--clauses", type=int, default=10_000, help="合成条款数（默认 10000）")
    parser.add_argument("--no-dense", action="store_true", help="只测关键词检索（不加载模型）")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not 0 <= args.clauses <= 200_000:
        print("条款数应在 0 到 200000 之间", file=sys.stderr)
        return 2
    result = scale_benchmark(args.clauses, dense=not args.no_dense)
    print(
        json.dumps(result, ensure_ascii=False)
        if args.json
        else "\n".join(f"{k}: {v}" for k, v in result.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
