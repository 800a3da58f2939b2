"""Many visitors at once (issue 8 item 3): the Assistant is shared read-only, each Conversation is one
visitor's. Sixteen threads get exactly the answers a lone visitor gets, and dialogues never mix."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from assistant import Assistant, Conversation, Settings

ROOT = Path(__file__).resolve().parents[1]
THREADS = 16
AS_OF = dt.date(2026, 11, 28)  # fixed: a run that crosses midnight must not see two "today"s
VOLATILE = ("elapsed_ms", "audit_id")


def gold_mix(n: int = 40) -> list[tuple[str, dt.date]]:
    """Every fifth gold question: amounts, ceilings, dates, lookups, refusals and adversarial ones."""
    rows = [json.loads(line) for line in (ROOT / "evals/data/gold.jsonl").read_text("utf-8").splitlines()]
    picked = rows[::5][:n]
    return [(r["question"], dt.date.fromisoformat(r["as_of"]) if r.get("as_of") else AS_OF) for r in picked]


QUESTIONS = gold_mix()


def stable(answer: Any) -> dict[str, Any]:
    """Answer.to_dict() without the fields that differ on every call."""
    return {k: v for k, v in answer.to_dict().items() if k not in VOLATILE}


def in_step(threads: int, work: Callable[[int, threading.Barrier], Any]) -> list[Any]:
    """Run work(thread_number, barrier) on `threads` threads that start together; results in order."""
    barrier = threading.Barrier(threads)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(lambda n: work(n, barrier), range(threads)))


def fresh_assistant(factory: pytest.TempPathFactory, name: str) -> Assistant:
    return Assistant(Settings(data_dir=factory.mktemp(name), dense_enabled=False))


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, dt.date], dict[str, Any]]:
    """Each question asked once, by itself, on an Assistant of its own."""
    reference = fresh_assistant(tmp_path_factory, "alone")
    return {(q, day): stable(reference.ask(q, as_of=day)) for q, day in QUESTIONS}


def test_16_threads_get_the_answers_a_lone_visitor_gets(tmp_path_factory, alone) -> None:
    """A cold Assistant (index and audit log built on first use) hit by 16 threads, each asking all 40."""
    shared = fresh_assistant(tmp_path_factory, "shared")

    def visitor(n: int, start: threading.Barrier) -> list[tuple[tuple[str, dt.date], dict[str, Any]]]:
        order = QUESTIONS[n * 3 :] + QUESTIONS[: n * 3]  # each thread begins somewhere else
        start.wait()
        return [((q, day), stable(shared.ask(q, as_of=day))) for q, day in order]

    results = [pair for answers in in_step(THREADS, visitor) for pair in answers]
    assert len(results) == THREADS * len(QUESTIONS)
    mismatched = [key[0] for key, got in results if got != alone[key]]
    assert mismatched == []


def dialogue(first_wan: int, second_wan: int) -> list[str]:
    return [
        f"我们受让了本市非关联企业的专利，合同{first_wan}万，已备案，补多少？",
        f"那{second_wan}万呢？",
        "如果是个人呢？",
    ]


# Thread 0 has the amounts; the others stay in the 1% tier, so every thread's totals differ.
AMOUNTS = [(120, 600)] + [(10 + 5 * n, 12 + 5 * n) for n in range(1, THREADS)]


def run_dialogue(
    assistant: Assistant, turns: list[str], step: Callable[[], Any] = lambda: None
) -> list[dict]:
    conversation = Conversation()
    answers = []
    for question in turns:
        step()
        answers.append(stable(assistant.ask(question, as_of=AS_OF, conversation=conversation)))
    assert len(conversation.turns) == len(turns)
    return answers


def test_16_conversations_at_once_never_mix(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Turn by turn in lockstep; each thread's totals are its own dialogue's, asked alone."""
    solo = fresh_assistant(tmp_path_factory, "dialogues_alone")
    expected = [run_dialogue(solo, dialogue(*amounts)) for amounts in AMOUNTS]
    shared = fresh_assistant(tmp_path_factory, "dialogues")
    got = in_step(THREADS, lambda n, start: run_dialogue(shared, dialogue(*AMOUNTS[n]), start.wait))
    assert [[a["total_yuan"] for a in answers] for answers in got] == [
        [a["total_yuan"] for a in answers] for answers in expected
    ]
    assert got == expected


def test_each_dialogue_follows_its_own_amounts(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The follow-up edits this thread's contract: 120万 -> 2万元, 那600万 -> 5万元; 个人 gets nothing."""
    shared = fresh_assistant(tmp_path_factory, "own_amounts")
    got = in_step(THREADS, lambda n, start: run_dialogue(shared, dialogue(*AMOUNTS[n]), start.wait))
    contracts = [
        [c["inputs"].get("contract_yuan") for a in answers[:2] for c in a["calculations"]] for answers in got
    ]
    assert contracts == [[first * 10_000, second * 10_000] for first, second in AMOUNTS]
    # clause 7: 100-500万 -> 2万; 500万以上 -> 5万; 100万以下 -> 1%
    assert [a["total_yuan"] for a in got[0]] == [20_000, 50_000, None]
    follow_ups = [answers[1]["total_yuan"] for answers in got[1:]]
    assert follow_ups == [(12 + 5 * n) * 100 for n in range(1, THREADS)]
    assert all(answers[2]["calculations"] == [] and "个人" in answers[2]["answer"] for answers in got)


# -- HTTP: 16 gradio_client visitors against app.py, reusing the tests' one launched app -------------------
@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import app_harness

    # Shared with test_app_api: launched once per session, closed at its end (close() is idempotent).
    yield app_harness.launch_once(tmp_path_factory)
    app_harness.close()


@pytest.mark.slow
def test_16_http_clients_at_once_each_get_their_own_answer(app_url: str) -> None:
    """Each visitor asks about its own contract (1% tier: (10+5n)万 -> (10+5n)*100元), three times."""
    from gradio_client import Client

    def visitor(n: int, start: threading.Barrier) -> list[Any]:
        client = Client(app_url, verbose=False)
        question = f"我们受让了本市非关联企业的专利，合同{10 + 5 * n}万，已备案，补多少？"
        start.wait()
        return [client.predict(question, api_name="/ask")["total_yuan"] for _ in range(3)]

    assert in_step(THREADS, visitor) == [[(10 + 5 * n) * 100] * 3 for n in range(THREADS)]
