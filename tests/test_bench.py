"""`python -m evals bench` (issue 7 item 4): the cheap parts only. The full bench (model, app, 10,000
clauses) is run by hand; here: the JSON contract of the last line, the in-process ask figures, and that a
missing or failing part is reported, never raised. No timing asserts (STYLE)."""

from __future__ import annotations

import json
import sys

import pytest

from evals import bench
from evals.__main__ import main, parser

INTERFACE_KEYS = {"ask_p50_ms", "ask_p95_ms", "cold_start_s", "index_build_s", "concurrent16_p95_ms",
                  "scale10k_p95_ms"}  # fmt: skip


@pytest.fixture
def lexical_only(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """No model load: the bench builds its Assistant from the environment."""
    monkeypatch.setenv("ASSISTANT_DENSE", "0")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "not_used"))


def test_quick_ask_part_prints_the_interface_json_last(lexical_only, capsys) -> None:
    status = main(["bench", "--quick", "--json", "--only", "ask"])
    lines = capsys.readouterr().out.strip().splitlines()
    figures = json.loads(lines[-1])
    assert status == 0 and figures["errors"] == {}
    assert INTERFACE_KEYS <= set(figures) and set(bench.REQUIRED_KEYS) == INTERFACE_KEYS
    assert 0 < figures["ask_p50_ms"] <= figures["ask_p95_ms"]
    assert figures["ask_n"] == bench.QUICK.ask_n
    assert [
        figures[k] for k in ("cold_start_s", "index_build_s", "concurrent16_p95_ms", "scale10k_p95_ms")
    ] == [None] * 4


def test_skipped_figures_read_n_a_in_the_table(lexical_only, capsys) -> None:
    main(["bench", "--quick", "--only", "ask"])
    out = capsys.readouterr().out
    assert [line.split()[1] for line in out.splitlines() if line.startswith("cold_start_s")] == ["n/a"]
    assert not out.strip().splitlines()[-1].startswith("{")  # no --json: no JSON line


def test_a_missing_scale_module_reads_n_a(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "evals.scale", None)  # import now raises ImportError
    figures = bench.bench_scale(bench.QUICK)
    assert figures["scale10k_p95_ms"] is None and figures["scale_note"].startswith("n/a")


def test_a_failing_part_is_reported_and_the_others_still_run(monkeypatch, tmp_path, lexical_only) -> None:
    def broken(plan: bench.Plan) -> dict:
        raise RuntimeError("chroma gone")

    monkeypatch.setattr(bench, "bench_scale", broken)
    figures = bench.run_parts(bench.QUICK, ["ask", "scale"], tmp_path)
    assert figures["errors"] == {"scale": "RuntimeError: chroma gone"}
    assert figures["scale10k_p95_ms"] is None and figures["ask_p95_ms"] > 0
    assert "未完成 scale: RuntimeError: chroma gone" in bench.format_table(figures)


PERCENTILES = [  # sample, q, nearest-rank value
    pytest.param(list(range(1, 101)), 95, 95, id="1..100 p95"),
    pytest.param(list(range(1, 101)), 50, 50, id="1..100 p50"),
    pytest.param([7.0], 95, 7.0, id="one value"),
    pytest.param([3, 1, 2], 100, 3, id="p100 is the max"),
    pytest.param([5, 1, 9, 3], 0, 1, id="p0 is the min"),
]


@pytest.mark.parametrize(("sample", "q", "expected"), PERCENTILES)
def test_percentile_is_nearest_rank(sample: list[float], q: float, expected: float) -> None:
    assert bench.percentile(sample, q) == expected


def test_questions_cycle_through_the_gold_set() -> None:
    questions = bench.gold_questions()
    assert len(questions) >= 200
    assert bench.cycled(questions, 500, 10)[len(questions)] == questions[10]


def test_run_subcommand_still_parses() -> None:
    args = parser().parse_args(["run", "--dataset", "a.jsonl", "--out", "b.jsonl"])
    assert (args.command, args.dataset, args.out) == ("run", ["a.jsonl"], "b.jsonl")
