"""The metamorphic generator (evals/metamorphic.py): questions whose facts are known by construction,
names × number formats × templates × conditions with negations and roles. A sample of 500 goes through
`Assistant.ask` here; `python -m evals metamorphic` runs all of them (figures in the README)."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from assistant import Assistant, Settings
from calculators import load_parameters
from evals.metamorphic import IN_FORCE, generate, problems, run
from evals.metamorphic_data import ITEMS

SAMPLE = 500


@pytest.fixture(scope="module")
def cases():
    return generate(seed=11)


def test_the_generator_covers_every_award_in_many_ways(cases):
    assert len(cases) >= 5_000
    assert {c.item for c in cases} == set(load_parameters().items)
    assert all(len(spec.names) >= 6 for spec in ITEMS)
    formats = Counter(c.dims["format"] for c in cases)
    assert len([f for f in formats if not f.startswith("template")]) >= 6
    assert any(c.denied for c in cases) and any(not c.denied and c.said for c in cases)
    assert len({c.question for c in cases}) > 0.8 * len(cases)  # varied, not one sentence repeated


def test_problems_names_a_misreading():
    case = next(c for c in generate(seed=11) if c.item == "patent_transfer_contract" and not c.denied)
    misread = {"facts": [{"item": case.item, "inputs": {"contract_yuan": 1}}], "calculations": [],
               "answer": ""}  # fmt: skip
    assert any("contract_yuan read 1" in p for p in problems(case, misread))


def test_a_sample_of_500_is_read_exactly(cases, tmp_path_factory):
    bot = Assistant(Settings(data_dir=tmp_path_factory.mktemp("meta"), dense_enabled=False))
    sample = random.Random(2026).sample(cases, SAMPLE)
    failures = [(c.question, p) for c, p in run(sample, bot.ask) if p]
    assert failures == [], f"{len(failures)} of {SAMPLE} misread, e.g. {failures[:5]}"
    assert IN_FORCE.year == 2022
