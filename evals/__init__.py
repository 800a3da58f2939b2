"""Evaluation suite: gold questions and dialogues hand-written from the policy text, a runner over
`assistant.ask`, metrics (clause hit@1, amounts, refusals …), a Markdown/PNG report and the release gate."""

from evals.dataset import expand, load_dataset
from evals.metrics import aggregate, gate_failures, score_all
from evals.runner import run_dataset

__all__ = ["aggregate", "expand", "gate_failures", "load_dataset", "run_dataset", "score_all"]
