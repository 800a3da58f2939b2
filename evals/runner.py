"""Run gold questions through an ask function; dialogues share one conversation per dialogue.

`ask_fn` has the signature of `assistant.ask(question, *, as_of=None, conversation=None)` and returns an
Answer (anything with `to_dict()`) or the dict itself, so tests can inject a fake.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from evals.dataset import is_dialogue, parse_as_of
from evals.metrics import error_result

log = logging.getLogger(__name__)

AskFn = Callable[..., Any]
ConversationFactory = Callable[[], Any]


def answer_dict(answer: Any) -> dict[str, Any]:
    return answer.to_dict() if hasattr(answer, "to_dict") else dict(answer)


def ask_one(ask_fn: AskFn, question: str, as_of: str | None, conversation: Any) -> dict[str, Any]:
    """One answer as a dict; an exception becomes an error result so one bad row does not stop the run."""
    try:
        return answer_dict(ask_fn(question, as_of=parse_as_of(as_of), conversation=conversation))
    except Exception as exc:  # the run must go on; the row scores as failed and the log keeps the cause
        log.exception("ask failed for %r", question)
        return error_result(f"出错：{type(exc).__name__}: {exc}")


def output_line(row_id: str, question: str, result: dict[str, Any]) -> dict[str, Any]:
    return {"id": row_id, "question": question, "result": result}


def run_dialogue(item: dict[str, Any], ask_fn: AskFn, new_conversation: ConversationFactory) -> list[dict]:
    """Every turn through one conversation; turn n of dialogue d01 is reported as "d01#n"."""
    conversation = new_conversation()
    lines = []
    for n, turn in enumerate(item["turns"], start=1):
        result = ask_one(ask_fn, turn["question"], item.get("as_of"), conversation)
        lines.append(output_line(f"{item['id']}#{n}", turn["question"], result))
    return lines


def run_dataset(
    items: list[dict[str, Any]], ask_fn: AskFn, new_conversation: ConversationFactory | None = None
) -> list[dict[str, Any]]:
    """Answer every item; returns the output lines {"id", "question", "result"} in dataset order."""
    lines: list[dict[str, Any]] = []
    for item in items:
        if not is_dialogue(item):
            result = ask_one(ask_fn, item["question"], item.get("as_of"), None)
            lines.append(output_line(item["id"], item["question"], result))
        elif new_conversation is None:
            raise ValueError("多轮对话数据需要提供 Conversation 工厂（new_conversation）")
        else:
            lines.extend(run_dialogue(item, ask_fn, new_conversation))
    return lines


def write_jsonl(path: str | Path, lines: list[dict[str, Any]]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
    return path


def results_by_id(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {line["id"]: line["result"] for line in lines}
