"""The evaluation runner and `python -m evals run`, driven by fake ask functions (no assistant needed)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from evals.__main__ import main
from evals.cli import run_command
from evals.dataset import DIALOGUES, GOLD, expand, load_dataset
from evals.metrics import aggregate, gate_failures, score_all
from evals.report import console_table, summary_line
from evals.runner import results_by_id, run_dataset


class FakeAnswer:
    def __init__(self, payload):
        self.payload = payload

    def to_dict(self):
        return self.payload


class RecordingAsk:
    """Answers every question with a fixed payload and records how it was called."""

    def __init__(self):
        self.calls = []

    def __call__(self, question, *, as_of=None, conversation=None):
        self.calls.append((question, as_of, conversation))
        return FakeAnswer({"status": "answered", "answer": "", "citations": [], "calculations": [],
                           "total_yuan": None, "follow_up": None, "notices": []})  # fmt: skip


def oracle_for(rows):
    """An ask function that gives exactly the gold answer: status, clauses, amounts, required words."""
    by_question = {row["question"]: row for row in rows}

    def ask(question, *, as_of=None, conversation=None):
        row = by_question[question]
        status = (
            row["expected_status"] if isinstance(row["expected_status"], str) else row["expected_status"][0]
        )
        calcs = [{"amount_yuan": row[f], "kind": k}
                 for f, k in (("expected_amount_yuan", "exact"), ("expected_max_yuan", "max")) if row[f] is not None]  # fmt: skip
        return {"status": status, "answer": "；".join(row["must_mention"]), "calculations": calcs,
                "citations": [{"clause": c} for c in row["expected_clauses"]],
                "total_yuan": row["expected_amount_yuan"], "follow_up": None, "notices": []}  # fmt: skip

    return ask


SINGLE = [{"id": "s1", "category": "amount", "question": "问一", "expected_clauses": ["7"],
           "expected_status": "answered", "expected_amount_yuan": 20000, "expected_max_yuan": None,
           "must_mention": [], "must_not": [], "note": "", "as_of": "2022-06-01"}]  # fmt: skip
DIALOGUE = [{"id": f"d{n}", "category": "amount", "turns": [
    {**{k: v for k, v in SINGLE[0].items() if k not in ("id", "category", "as_of")}, "question": f"d{n}问{t}"}
    for t in (1, 2)]} for n in (1, 2)]  # fmt: skip


def test_single_turn_lines_carry_id_question_and_result():
    ask = RecordingAsk()
    lines = run_dataset(SINGLE, ask)
    assert [(line["id"], line["question"], line["result"]["status"]) for line in lines] == [
        ("s1", "问一", "answered")
    ]
    assert ask.calls == [("问一", dt.date(2022, 6, 1), None)]


def test_dialogue_turns_share_one_conversation_each():
    ask = RecordingAsk()
    lines = run_dataset(DIALOGUE, ask, new_conversation=object)
    assert [line["id"] for line in lines] == ["d1#1", "d1#2", "d2#1", "d2#2"]
    conversations = [call[2] for call in ask.calls]
    assert conversations[0] is conversations[1] and conversations[2] is conversations[3]
    assert conversations[0] is not conversations[2]


def test_dialogues_need_a_conversation_factory():
    with pytest.raises(ValueError, match="Conversation"):
        run_dataset(DIALOGUE, RecordingAsk())


def test_an_exception_becomes_an_error_row_and_the_run_goes_on():
    def broken(question, *, as_of=None, conversation=None):
        raise RuntimeError("索引未建立")

    (line,) = run_dataset(SINGLE, broken)
    assert line["result"]["status"] == "error" and "索引未建立" in line["result"]["answer"]


def test_the_gold_set_is_consistent_with_the_metrics():
    """An assistant answering exactly as the gold data says passes every metric and the gate."""
    items = load_dataset(GOLD) + load_dataset(DIALOGUES)
    rows = expand(items)
    lines = run_dataset(items, oracle_for(rows), new_conversation=object)
    scores = score_all(rows, results_by_id(lines))
    metrics = aggregate(scores)
    assert [s.id for s in scores if s.problems()] == []
    assert gate_failures(scores) == []
    assert summary_line(metrics, []).endswith("must_not=0 wrong_amount=0 wrong_denial=0 wrong_refusal=0 gate=PASS")
    assert "合计" in console_table(metrics)


def write_dataset(path, items):
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", encoding="utf-8")
    return str(path)


def test_run_command_writes_results_and_report(tmp_path, capsys):
    single = write_dataset(tmp_path / "s.jsonl", SINGLE)
    dialogue = write_dataset(tmp_path / "d.jsonl", DIALOGUE)
    out, report = tmp_path / "out" / "r.jsonl", tmp_path / "report"
    rc = run_command([single, dialogue], str(out), report_dir=str(report), ask_fn=oracle_for(expand(SINGLE + DIALOGUE)),
                     new_conversation=object)  # fmt: skip
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rc == 0 and [line["id"] for line in lines] == ["s1", "d1#1", "d1#2", "d2#1", "d2#2"]
    assert {p.name for p in report.iterdir()} == {"report.md", "by_category.png", "overall.png"}
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("EVAL n=5 hit@1=100.0% amount=100.0%")


def test_gate_flag_fails_with_the_item_named(tmp_path, capsys):
    single = write_dataset(tmp_path / "s.jsonl", SINGLE)
    rc = run_command([single], str(tmp_path / "r.jsonl"), gate=True, ask_fn=RecordingAsk())
    printed = capsys.readouterr().out
    assert rc == 1 and "GATE FAIL s1 金额" in printed and "gate=FAIL" in printed


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "找不到数据文件"), ("{not json", "不是合法的 JSON"), ('{"id": "x"}', "格式问题")],
)
def test_unusable_datasets_get_a_chinese_message(tmp_path, capsys, content, message):
    path = tmp_path / "bad.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    rc = main(["run", "--dataset", str(path), "--out", str(tmp_path / "r.jsonl")])
    assert rc == 2 and message in capsys.readouterr().err


def test_charts_draw_chinese_with_the_projects_font(tmp_path):
    import evals.report as report
    from assistant.ui.fonts import cjk_font

    assert report.cjk_font_name() == cjk_font()
    metrics = aggregate(score_all(expand(SINGLE), {"s1": {"status": "answered", "total_yuan": 20000}}))
    charts = report.write_charts(metrics, tmp_path)
    assert [p.name for p in charts] == ["by_category.png", "overall.png"] and all(
        p.stat().st_size > 0 for p in charts
    )
