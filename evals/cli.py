"""The `run` command: load, ask, write results, print the metrics, optionally report and gate."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from evals.dataset import DatasetError, expand, load_dataset
from evals.metrics import aggregate, gate_failures, score_all
from evals.report import console_table, summary_line, write_report
from evals.runner import AskFn, ConversationFactory, results_by_id, run_dataset, write_jsonl


def real_assistant() -> tuple[AskFn, ConversationFactory]:
    """`assistant.ask` and `assistant.Conversation`, imported only when a run needs them."""
    from assistant import Conversation, ask

    return ask, Conversation


def run_command(
    datasets: Sequence[str],
    out: str,
    *,
    report_dir: str | None = None,
    gate: bool = False,
    ask_fn: AskFn | None = None,
    new_conversation: ConversationFactory | None = None,
) -> int:
    """Exit status: 0 done, 1 gate failed, 2 unusable input or no assistant."""
    try:
        items = [item for path in datasets for item in load_dataset(path)]
    except DatasetError as exc:
        print(f"数据有误：{exc}", file=sys.stderr)
        return 2
    if ask_fn is None:
        try:
            ask_fn, new_conversation = real_assistant()
        except ImportError as exc:
            print(f"无法导入 assistant.ask / Conversation：{exc}", file=sys.stderr)
            return 2
    lines = run_dataset(items, ask_fn, new_conversation)
    write_jsonl(out, lines)
    return _score_and_print(items, lines, report_dir, gate)


def _score_and_print(items: list[dict[str, Any]], lines: list[dict[str, Any]], report_dir: str | None,
                     gate: bool) -> int:  # fmt: skip
    scores = score_all(expand(items), results_by_id(lines))
    metrics = aggregate(scores)
    failures = gate_failures(scores) if gate else None
    print(console_table(metrics))
    if report_dir:
        print(f"报告：{write_report(scores, metrics, report_dir, failures)}")
    for failure in failures or []:
        print(f"GATE FAIL {failure}")
    print(summary_line(metrics, failures))
    return 1 if failures else 0
