"""Performance figures (issue 7 item 4). Figures only, no assertions (STYLE: no timing asserts).

    python -m evals bench [--json] [--quick] [--only ask --only cold ...]

Parts, in the order they run: `index` (a fresh Chroma index in a temporary data dir), `ask` (in-process
`ask` p50/p95 over gold questions after warm-up), `cold` (a new Python process to its first answer),
`http` (16 gradio_client threads against app.py on a free loopback port), `rest` (16 plain HTTP callers,
at least 1,000 requests, at /api/ask of the same app), `scale` (query p95 among 10,000
synthetic clauses, evals/scale.py) and `ablation` (BM25 / dense / fused hit@1, evals/retrieval_ablation.py).
Everything runs in one temporary ASSISTANT_DATA_DIR, so the index and audit log in ./data stay untouched.
With `--json` the last line is one JSON object; a skipped or unavailable figure is null ("n/a" in the table).
"""

from __future__ import annotations

import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from evals.dataset import GOLD, load_jsonl

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("index", "ask", "cold", "http", "rest", "scale", "ablation")
REQUIRED_KEYS = ("ask_p50_ms", "ask_p95_ms", "cold_start_s", "index_build_s", "concurrent16_p95_ms",
                 "scale10k_p95_ms")  # fmt: skip
# A clause lookup (no award item named), so the first answer pays for jieba, the model and the index.
COLD_QUESTION = "知识产权人才培养有什么政策？"


@dataclass(frozen=True)
class Plan:
    """How many of everything: FULL for the figures we report, QUICK for tests and smoke runs."""

    ask_n: int
    warmup: int
    cold_runs: int
    http_threads: int
    http_requests: int  # per thread
    rest_requests: int  # per thread of the REST part (16 × 63 = 1,008 in the full plan)
    scale_clauses: int
    scale_dense: bool  # embedding 40,000 chunks takes minutes on 2 cores: the quick plan skips it


FULL = Plan(ask_n=500, warmup=50, cold_runs=3, http_threads=16, http_requests=10, rest_requests=63,
            scale_clauses=10_000, scale_dense=True)  # fmt: skip
QUICK = Plan(ask_n=60, warmup=5, cold_runs=1, http_threads=16, http_requests=2, rest_requests=3,
             scale_clauses=1_000, scale_dense=False)  # fmt: skip


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sample."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def gold_questions(path: Path = GOLD) -> list[str]:
    return [row["question"] for row in load_jsonl(path) if row.get("question")]


def cycled(questions: Sequence[str], n: int, start: int = 0) -> list[str]:
    """`n` questions taken round-robin from `questions`, beginning at `start`."""
    return [questions[(start + i) % len(questions)] for i in range(n)]


def timed_ms(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


# -- the parts ----------------------------------------------------------------------------------------
def bench_index(settings: Any) -> dict[str, Any]:
    """A fresh index: BM25, model load and Chroma collection built in an empty data dir."""
    from assistant.retrieval.retrieve import Retriever

    started = time.perf_counter()
    retriever = Retriever(settings).warm()
    built = time.perf_counter() - started
    dense = retriever.dense.build_seconds if retriever.dense is not None else 0.0
    return {"index_build_s": round(built, 2), "dense_build_s": round(dense, 2)}


def bench_ask(plan: Plan, settings: Any, questions: Sequence[str]) -> dict[str, Any]:
    """Our own Assistant (not the process-wide one), warmed, then `ask_n` gold questions in turn."""
    from assistant import Assistant

    assistant = Assistant(settings)
    assistant.retriever.warm()
    for question in cycled(questions, plan.warmup):
        assistant.ask(question)
    latencies = [timed_ms(partial(assistant.ask, q)) for q in cycled(questions, plan.ask_n, plan.warmup)]
    return {"ask_p50_ms": round(statistics.median(latencies), 2), "ask_p95_ms": round(percentile(latencies, 95), 2),
            "ask_n": len(latencies)}  # fmt: skip


def bench_cold_start(plan: Plan, env: dict[str, str]) -> dict[str, Any]:
    """New interpreter to first answer (the index is already on disk): median of `cold_runs`."""
    code = f"from assistant import ask; ask({COLD_QUESTION!r})"
    runs = []
    for _ in range(plan.cold_runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True)
        runs.append(time.perf_counter() - started)
    return {"cold_start_s": round(statistics.median(runs), 2), "cold_start_runs": [round(r, 2) for r in runs]}


def bench_scale(plan: Plan) -> dict[str, Any]:
    """evals/scale.py when it exists (another engineer's module): p95 among `scale_clauses` clauses."""
    try:
        from evals.scale import scale_benchmark
    except ImportError:
        return {"scale10k_p95_ms": None, "scale_note": "n/a: evals.scale.scale_benchmark missing"}
    result = scale_benchmark(plan.scale_clauses, dense=plan.scale_dense)
    return {"scale10k_p95_ms": result["query_p95_ms"], "scale10k_p50_ms": result["query_p50_ms"],
            "scale_clauses": result["n_clauses"], "scale_dense": plan.scale_dense, "scale_hit1": result["hit1"],
            "scale_index_build_s": result["index_build_s"]}  # fmt: skip


def bench_ablation(settings: Any) -> dict[str, Any]:
    """hit@1 per dataset for BM25 alone, dense alone and the fused mix the assistant uses."""
    from assistant.retrieval.retrieve import DENSE_WEIGHT, Retriever
    from evals.retrieval_ablation import ablation

    fused = f"rrf dense={DENSE_WEIGHT:g}"
    names = {"bm25 only": "bm25", "dense only": "dense", fused: "fused"}
    rows = ablation(dense_weights=(DENSE_WEIGHT,), retriever=Retriever(settings).warm())
    table: dict[str, dict[str, float]] = {}
    for row in rows:
        table.setdefault(row.dataset, {})[names[row.mix]] = round(row.hit1, 4)
    return {"ablation_hit1": table}


def bench_http(plan: Plan, env: dict[str, str], questions: Sequence[str]) -> dict[str, Any]:
    """`http_threads` gradio_client clients at once, each asking `http_requests` questions at /ask."""
    from evals.bench_http import concurrent_clients, running_app, sequential_ms

    with running_app(env) as url:
        alone = sequential_ms(url, questions[: plan.http_requests])
        latencies, errors = concurrent_clients(url, plan.http_threads, plan.http_requests, questions)
    done = len(latencies)
    return {
        "http_single_p50_ms": round(statistics.median(alone), 1),  # one client: the floor under queueing
        "concurrent16_p95_ms": round(percentile(latencies, 95), 1) if done else None,
        "concurrent16_p50_ms": round(statistics.median(latencies), 1) if done else None,
        "concurrent16_requests": done + errors,
        "concurrent16_errors": errors,
        "concurrent16_threads": plan.http_threads,
    }


def bench_rest(plan: Plan, env: dict[str, str], questions: Sequence[str]) -> dict[str, Any]:
    """`http_threads` plain HTTP callers at once at POST /api/ask, `rest_requests` each."""
    from evals.bench_http import rest_clients, running_app

    with running_app(env) as url:
        alone, _ = rest_clients(url, 1, plan.rest_requests, questions)
        latencies, errors = rest_clients(url, plan.http_threads, plan.rest_requests, questions)
    done = len(latencies)
    return {
        "rest_single_p50_ms": round(statistics.median(alone), 1) if alone else None,
        "rest16_p50_ms": round(statistics.median(latencies), 1) if done else None,
        "rest16_p95_ms": round(percentile(latencies, 95), 1) if done else None,
        "rest16_requests": done + errors,
        "rest16_errors": errors,
    }


# -- the whole bench ----------------------------------------------------------------------------------
def run_parts(plan: Plan, parts: Sequence[str], data_dir: Path) -> dict[str, Any]:
    """Each part in PARTS order; one that fails leaves its figures null and its error under "errors"."""
    from assistant.settings import Settings

    settings = replace(Settings.from_env(), data_dir=data_dir)
    env = {**_base_env(), "ASSISTANT_DATA_DIR": str(data_dir)}
    questions = gold_questions()
    steps: dict[str, Callable[[], dict[str, Any]]] = {
        "index": lambda: bench_index(settings),
        "ask": lambda: bench_ask(plan, settings, questions),
        "cold": lambda: bench_cold_start(plan, env),
        "http": lambda: bench_http(plan, env, questions),
        "rest": lambda: bench_rest(plan, env, questions),
        "scale": lambda: bench_scale(plan),
        "ablation": lambda: bench_ablation(settings),
    }
    figures: dict[str, Any] = dict.fromkeys(REQUIRED_KEYS)
    errors: dict[str, str] = {}
    for part in (p for p in PARTS if p in parts):
        try:
            figures.update(steps[part]())
        except Exception as exc:  # a broken part must not hide the others' figures
            errors[part] = f"{type(exc).__name__}: {exc}"[:300]
    return {**figures, "quick": plan is QUICK, "errors": errors}


def _base_env() -> dict[str, str]:
    import os

    from assistant.offline import enforce_offline_env

    env = dict(os.environ)
    enforce_offline_env(env)
    return env


TABLE = (  # key, unit, label (last: CJK characters are double width and would break the columns)
    ("index_build_s", "s", "索引构建：新数据目录，含模型加载"),
    ("ask_p50_ms", "ms", "进程内 ask 中位数"),
    ("ask_p95_ms", "ms", "进程内 ask p95"),
    ("cold_start_s", "s", "冷启动：新进程到首个答复"),
    ("http_single_p50_ms", "ms", "单个 HTTP 客户端 中位数"),
    ("concurrent16_p50_ms", "ms", "16 个 HTTP 客户端并发 中位数"),
    ("concurrent16_p95_ms", "ms", "16 个 HTTP 客户端并发 p95"),
    ("concurrent16_errors", "", "16 个 HTTP 客户端并发 错误数"),
    ("rest_single_p50_ms", "ms", "REST 单个调用方 中位数"),
    ("rest16_p50_ms", "ms", "REST 16 个调用方并发 中位数"),
    ("rest16_p95_ms", "ms", "REST 16 个调用方并发 p95"),
    ("rest16_errors", "", "REST 16 个调用方并发 错误数"),
    ("scale10k_p50_ms", "ms", "合成条款库检索 中位数"),
    ("scale10k_p95_ms", "ms", "合成条款库检索 p95"),
    ("scale_hit1", "", "合成条款库中本办法问题 hit@1"),
)
SAMPLES = ("ask_n", "cold_start_runs", "concurrent16_requests", "rest16_requests", "scale_clauses", "scale_dense")


def format_table(figures: dict[str, Any]) -> str:
    """One line per figure ("n/a" when skipped), the sample sizes, the ablation, then any errors."""
    lines = [f"{'key':<22}{'value':>14}  指标"]
    for key, unit, label in TABLE:
        value = figures.get(key)
        shown = "n/a" if value is None else f"{value}{unit and ' ' + unit}"
        lines.append(f"{key:<22}{shown:>14}  {label}")
    samples = {k: figures[k] for k in SAMPLES if figures.get(k) is not None}
    if samples:
        lines.append("样本：" + "，".join(f"{k}={v}" for k, v in samples.items()))
    for dataset, hits in (figures.get("ablation_hit1") or {}).items():
        lines.append(f"检索消融 hit@1 {dataset}: " + "  ".join(f"{m}={h:.1%}" for m, h in hits.items()))
    for part, error in figures.get("errors", {}).items():
        lines.append(f"未完成 {part}: {error}")
    return "\n".join(lines)


def bench_command(*, quick: bool = False, as_json: bool = False, only: Sequence[str] | None = None,
                  data_dir: str | None = None) -> int:  # fmt: skip
    """Exit status 0 when every requested part ran, 1 when one failed (its figures are null)."""
    plan = QUICK if quick else FULL
    parts = list(only) if only else list(PARTS)
    print(
        f"性能基准（{'快速' if quick else '完整'}）：{', '.join(p for p in PARTS if p in parts)}", flush=True
    )
    if data_dir:
        figures = run_parts(plan, parts, Path(data_dir))
    else:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            figures = run_parts(plan, parts, Path(tmp))
    print(format_table(figures))
    if as_json:
        print(json.dumps(figures, ensure_ascii=False))
    return 1 if figures["errors"] else 0


__all__ = ["FULL", "PARTS", "QUICK", "REQUIRED_KEYS", "bench_command", "run_parts"]
