"""The release gate over the whole gold set through the real `assistant.ask`.

Skipped only while `assistant.ask` / `assistant.Conversation` do not exist yet; it turns on by itself
once they do. Gate: amount and ceiling accuracy 100%, refusal accuracy 100%, no must_not text, no
confident error (wrong amount, wrong denial, wrong refusal), clause hit@1 at least 95%.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.dataset import DIALOGUES, GOLD, expand, load_dataset
from evals.metrics import aggregate, gate_failures, score_all
from evals.report import console_table, summary_line
from evals.runner import results_by_id, run_dataset

assistant = pytest.importorskip("assistant")
if not (hasattr(assistant, "ask") and hasattr(assistant, "Conversation")):
    pytest.skip("assistant.ask / assistant.Conversation not written yet", allow_module_level=True)


HOLDOUTS = Path(__file__).resolve().parent.parent / "evals"


@pytest.mark.parametrize(
    "files",
    [
        pytest.param((GOLD, DIALOGUES), id="gold"),
        # Written later, by evaluators who never saw the router; kept as regression sets once the
        # failures they found (first runs: README) were fixed.
        pytest.param((HOLDOUTS / "holdout/holdout.jsonl", HOLDOUTS / "holdout/holdout_dialogues.jsonl"), id="holdout"),
        pytest.param((HOLDOUTS / "holdout2/holdout2.jsonl", HOLDOUTS / "holdout2/holdout2_dialogues.jsonl"),
                     id="holdout2"),
        pytest.param((HOLDOUTS / "holdout3/holdout3.jsonl", HOLDOUTS / "holdout3/holdout3_dialogues.jsonl"),
                     id="holdout3"),
        pytest.param((HOLDOUTS / "holdout4/holdout4.jsonl", HOLDOUTS / "holdout4/holdout4_dialogues.jsonl"),
                     id="holdout4"),
        pytest.param((HOLDOUTS / "holdout5/holdout5.jsonl", HOLDOUTS / "holdout5/holdout5_dialogues.jsonl"),
                     id="holdout5"),
        # Issue 11's fresh set on numbers, negation, roles, several awards, ceilings, scope, pressure and
        # typos. Tuned on after its first run (README: first-contact figures): a regression set now.
        pytest.param((HOLDOUTS / "holdout6/holdout6.jsonl", HOLDOUTS / "holdout6/holdout6_dialogues.jsonl"),
                     id="holdout6-tuned-on"),
        # Written beside set 6 and kept unseen until issue 11's mechanisms were done: its first run is the
        # honest generalisation figure (README); tuned on afterwards.
        pytest.param((HOLDOUTS / "holdout7/holdout7.jsonl", HOLDOUTS / "holdout7/holdout7_dialogues.jsonl"),
                     id="holdout7-tuned-on"),
        # Written after issue 11 and 14 landed, by an evaluator who read only the policy and the readings;
        # its first run is in its README. Tuned on afterwards: a regression set now.
        pytest.param((HOLDOUTS / "holdout8/holdout8.jsonl",), id="holdout8-tuned-on"),
        # A third evaluator's set: the asker is often not the applicant. First run in its README; tuned on.
        pytest.param((HOLDOUTS / "holdout9/holdout9.jsonl",), id="holdout9-tuned-on"),
    ],
)
def test_evaluation_set_passes_the_release_gate(files):
    items = [item for path in files for item in load_dataset(path)]
    lines = run_dataset(items, assistant.ask, assistant.Conversation)
    scores = score_all(expand(items), results_by_id(lines))
    failures = gate_failures(scores)
    print(console_table(aggregate(scores)))
    print("\n".join(failures))
    print(summary_line(aggregate(scores), failures))
    assert failures == [], f"{len(failures)} gate failures:\n" + "\n".join(failures[:40])
