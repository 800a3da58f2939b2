"""Evaluation metrics and the gold data: pure, table-driven, fast."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from corpus import CLAUSE_IDS, load_policy
from evals.amounts import amounts_in_text, chinese_to_int, mentions, money_phrase_value
from evals.dataset import (
    AWARD_ITEMS,
    CATEGORIES,
    DIALOGUES,
    GOLD,
    dataset_problems,
    expand,
    load_dataset,
)
from evals.metrics import aggregate, clause_ranks, gate_failures, score_all, score_row

# ---------------------------------------------------------------- amounts written in text

AMOUNTS_IN_TEXT = [
    pytest.param("一次性补助5万元", [50_000], id="wan yuan"),
    pytest.param("补助50,000元", [50_000], id="thousands separator"),
    pytest.param("合计50000元", [50_000], id="plain yuan"),
    pytest.param("即5.0万元", [50_000], id="decimal wan"),
    pytest.param("约2.5万", [25_000], id="wan without yuan"),
    pytest.param("每国0.2万元", [2_000], id="fraction of a wan"),
    pytest.param("奖励两万元", [20_000], id="chinese liang wan"),
    pytest.param("一百二十万元的合同", [1_200_000], id="chinese 120 wan"),
    pytest.param("报名费一千八块", [1_800], id="colloquial yi qian ba"),
    pytest.param("奖励３０００元", [3_000], id="full-width digits"),
    pytest.param("￥1,250", [1_250], id="yen sign"),
    pytest.param("合同金额100-500万元以下", [5_000_000], id="range keeps only the unit-bearing end"),
    pytest.param("1,200,000元即120万元", [1_200_000, 1_200_000], id="two spellings"),
    pytest.param("剩余额度0元", [0], id="zero"),
    pytest.param("有效期至2023年12月31日，按1%、50%计", [], id="dates and rates are not money"),
    pytest.param("官费一千八", [], id="no unit no amount"),
]


@pytest.mark.parametrize(("text", "expected"), AMOUNTS_IN_TEXT)
def test_amounts_in_text_reads_every_spelling(text, expected):
    assert amounts_in_text(text) == tuple(Decimal(v) for v in expected)


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十二", 12),
        ("二十", 20),
        ("两", 2),
        ("一百二十", 120),
        ("一千八", 1800),
        ("一千零八", 1008),
        ("三千", 3000),
    ],
)
def test_chinese_numerals(numeral, value):
    assert chinese_to_int(numeral) == value


MENTIONS = [
    pytest.param("奖励100,000元", "10万元", True, id="amount by value"),
    pytest.param("奖励110万元", "10万元", False, id="110wan is not 10wan"),
    pytest.param("不超过10万", "10万元", True, id="wan without yuan"),
    pytest.param("按“就高不重复”原则参照执行", "就高不重复", True, id="literal phrase"),
    pytest.param("按50％资助", "50%", True, id="full-width percent"),
    pytest.param("按1%补助", "5%", False, id="literal absent"),
]


@pytest.mark.parametrize(("text", "phrase", "expected"), MENTIONS)
def test_mentions_matches_amounts_by_value_and_words_verbatim(text, phrase, expected):
    assert mentions(text, phrase) is expected


@pytest.mark.parametrize(("phrase", "value"), [("10万元", 100_000), ("3,000元", 3_000), ("五万元", 50_000),
                                               ("最高10万元", None), ("万元", None), ("2023年12月31日", None)])  # fmt: skip
def test_money_phrase_value_only_for_bare_amounts(phrase, value):
    assert money_phrase_value(phrase) == (None if value is None else Decimal(value))


# ---------------------------------------------------------------- scoring one row


def gold(**overrides):
    row = {"id": "t-001", "category": "amount", "question": "问", "expected_clauses": ["7"],
           "expected_status": "answered", "expected_amount_yuan": None, "expected_max_yuan": None,
           "must_mention": [], "must_not": [], "note": ""}  # fmt: skip
    return {**row, **overrides}


def answer(status="answered", clauses=("7",), calcs=(), total=None, text="", notices=()):
    return {"status": status, "answer": text, "citations": [{"clause": c} for c in clauses],
            "calculations": [{"amount_yuan": a, "kind": k} for a, k in calcs], "total_yuan": total,
            "follow_up": None, "notices": list(notices)}  # fmt: skip


@pytest.mark.parametrize(
    ("expected", "cited", "ranks"),
    [
        pytest.param(["7"], ["7", "8"], (True, True, 1.0), id="first"),
        pytest.param(["7"], ["8", "7"], (False, True, 0.5), id="second"),
        pytest.param(["7", "8"], ["8"], (True, True, 1.0), id="any expected clause counts at 1"),
        pytest.param(["7"], ["1", "2", "3"], (False, False, 0.0), id="missing"),
        pytest.param(["7"], [], (False, False, 0.0), id="nothing cited"),
    ],
)
def test_clause_ranks(expected, cited, ranks):
    assert clause_ranks(expected, cited) == ranks


AMOUNT_ROWS = [
    pytest.param(answer(calcs=[(20_000, "exact")]), True, id="exact calculation"),
    pytest.param(answer(total=20_000), True, id="total"),
    pytest.param(answer(text="一次性补助2万元。"), True, id="written as wan"),
    pytest.param(answer(text="补助20,000元"), True, id="written with separator"),
    pytest.param(answer(calcs=[(20_000, "max")]), False, id="a ceiling is not the amount"),
    pytest.param(answer(calcs=[(10_000, "exact")], text="补助1万元"), False, id="wrong amount"),
]


@pytest.mark.parametrize(("result", "ok"), AMOUNT_ROWS)
def test_amount_accuracy(result, ok):
    assert score_row(gold(expected_amount_yuan=20_000), result).amount_ok is ok


CONFIDENT_ERRORS = [  # gold overrides, answer, (wrong amount, wrong denial, wrong refusal)
    pytest.param({"expected_amount_yuan": 20_000}, answer(calcs=[(30_000, "exact")], total=30_000),
                 (True, False, False), id="a different amount stated"),
    pytest.param({"expected_amount_yuan": 20_000}, answer(text="不符合“已备案”这一条件"), (False, True, False),
                 id="denied although due"),
    pytest.param({"expected_amount_yuan": 20_000}, answer(status="refused"), (False, True, True),
                 id="refused although ordinary"),
    pytest.param({"expected_amount_yuan": 20_000}, answer(status="needs_info", text="请问合同金额是多少？"),
                 (False, False, False), id="asking is a miss, not a confident error"),
    pytest.param({"expect_no_amount": True}, answer(calcs=[(20_000, "exact")], total=20_000),
                 (True, False, False), id="an amount where none is due"),
    pytest.param({"expect_no_amount": True}, answer(calcs=[(100_000, "max")]), (False, False, False),
                 id="a ceiling stated as the rule is no wrong amount"),
    pytest.param({"expected_status": "refused", "expected_amount_yuan": None}, answer(status="refused"),
                 (False, False, False), id="refusing a manipulation is right"),
]


@pytest.mark.parametrize(("row", "result", "errors"), CONFIDENT_ERRORS)
def test_confident_errors_are_counted(row, result, errors):
    score = score_row(gold(**row), result)
    assert (score.wrong_amount, score.wrong_denial, score.wrong_refusal) == errors


@pytest.mark.parametrize(
    ("result", "ok"),
    [
        pytest.param(answer(status="needs_info", calcs=[(50_000, "max")]), True, id="max calculation"),
        pytest.param(answer(status="needs_info", text="年度不超过5万元"), True, id="ceiling in text"),
        pytest.param(answer(status="needs_info", text="请提供合同金额"), False, id="ceiling missing"),
    ],
)
def test_ceiling_accuracy(result, ok):
    assert score_row(gold(expected_status="needs_info", expected_max_yuan=50_000), result).max_ok is ok


def test_refusal_by_design_is_not_a_clause_miss():
    row = gold(category="adversarial", expected_status=["refused", "answered"], expected_clauses=["1"])
    score = score_row(row, answer(status="refused", clauses=()))
    assert (score.hit_at_1, score.refusal_ok, score.status_ok) == (None, None, True)


@pytest.mark.parametrize(
    ("status", "total", "refusal_ok", "no_amount_ok"),
    [
        ("out_of_scope", None, True, True),
        ("answered", None, False, True),
        ("out_of_scope", 20_000, True, False),
    ],
)
def test_out_of_scope_rows_refuse_without_amounts(status, total, refusal_ok, no_amount_ok):
    row = gold(category="out_of_scope", expected_clauses=[], expected_status="out_of_scope")
    score = score_row(row, answer(status=status, clauses=(), total=total))
    assert (score.refusal_ok, score.no_amount_ok, score.hit_at_1) == (refusal_ok, no_amount_ok, None)


def test_must_mention_and_must_not_read_answer_follow_up_and_notices():
    row = gold(must_mention=["2023年12月31日", "1万元"], must_not=["10万元", "5%"])
    result = answer(
        text="按2万元档；另一读法为10,000元。也有人说是100,000元", notices=["有效期至2023年12月31日"]
    )
    score = score_row(row, result)
    assert (score.missing_mentions, score.forbidden_found) == ((), ("10万元",))


def test_aggregate_counts_per_category_and_overall():
    rows = [gold(id="a", expected_amount_yuan=1), gold(id="b", expected_amount_yuan=2),
            gold(id="c", category="out_of_scope", expected_clauses=[], expected_status="out_of_scope")]  # fmt: skip
    results = {"a": answer(total=1), "b": answer(total=3), "c": answer(status="out_of_scope", clauses=())}
    metrics = aggregate(score_all(rows, results))
    assert metrics["by_category"]["amount"]["amount"].value == 0.5
    assert (metrics["overall"]["n"], metrics["overall"]["refusal"].value) == (3, 1.0)
    assert list(metrics["by_category"]) == ["amount", "out_of_scope"]


def test_missing_result_scores_as_error():
    (score,) = score_all([gold(expected_amount_yuan=5)], {})
    assert (score.status, score.amount_ok, score.status_ok) == ("error", False, False)


def test_gate_names_the_failing_items():
    rows = [gold(id=f"r{n}", expected_amount_yuan=100) for n in range(20)]
    results = {f"r{n}": answer(total=100) for n in range(20)}
    assert gate_failures(score_all(rows, results)) == []
    results["r3"] = answer(total=99, clauses=("8",))
    failures = gate_failures(score_all(rows, results))
    assert any(f.startswith("r3 金额") for f in failures)
    assert not any(f.startswith("条款 hit@1") for f in failures)  # 19/20 = 95% still meets the clause gate
    results["r4"] = answer(total=100, clauses=("8",))
    assert any("hit@1 = 90.0%" in f for f in gate_failures(score_all(rows, results)))


# ---------------------------------------------------------------- the gold data


@pytest.fixture(scope="module")
def single():
    return load_dataset(GOLD)


@pytest.fixture(scope="module")
def dialogues():
    return load_dataset(DIALOGUES)


@pytest.fixture(scope="module")
def all_rows(single, dialogues):
    return expand(single) + expand(dialogues)


def test_dataset_sizes(single, dialogues):
    assert len(single) >= 160
    assert len(dialogues) >= 20
    assert all(len(d["turns"]) >= 2 for d in dialogues)


def test_every_numbered_clause_leads_at_least_two_single_turn_items(single):
    leading = Counter(item["expected_clauses"][0] for item in single if item["expected_clauses"])
    assert {str(n): leading[str(n)] for n in range(1, 22) if leading[str(n)] < 2} == {}


@pytest.mark.parametrize("category", ["out_of_scope", "adversarial"])
def test_enough_out_of_scope_and_adversarial_items(single, category):
    assert sum(item["category"] == category for item in single) >= 16


def test_every_category_is_used(single):
    # "other" is what an outside dataset's row without a category gets; the gold set names one each.
    assert set(CATEGORIES) - {"other"} <= {item["category"] for item in single}


def test_every_award_item_is_exercised(all_rows):
    covered = {award for row in all_rows for award in row.get("awards", [])}
    assert len(AWARD_ITEMS) == 45
    assert set(AWARD_ITEMS) - covered == set()


def test_ids_are_unique_across_both_files(all_rows):
    ids = [row["id"] for row in all_rows]
    assert len(ids) == len(set(ids))


def test_amounts_are_whole_yuan(all_rows):
    for row in all_rows:
        for field in ("expected_amount_yuan", "expected_max_yuan"):
            value = row[field]
            assert value is None or (type(value) is int and value >= 0), (row["id"], field, value)


def test_clause_ids_match_the_corpus(all_rows):
    assert {c for row in all_rows for c in row["expected_clauses"]} <= set(CLAUSE_IDS)


def test_out_of_scope_items_say_so_and_state_no_amount(single):
    for item in (i for i in single if i["category"] == "out_of_scope"):
        assert "本办法未规定" in item["must_mention"], item["id"]
        assert item["expected_amount_yuan"] is None and item["expected_max_yuan"] is None, item["id"]


# Words the answer must say come from the cited clauses, the question or the expiry notice (which quotes the
# closing); the one exception is the other reading of a 100万 contract under clause 7 (1万元), which the
# project decided answers must name.
NOT_FROM_CLAUSE_TEXT = {"1万元"}


def test_must_mention_words_are_in_the_expected_clauses(all_rows):
    policy = load_policy()
    for row in (r for r in all_rows if r["expected_clauses"]):
        clauses = [*row["expected_clauses"], "closing"]
        source = row["question"] + "".join(policy.get(c).text for c in clauses)
        missing = [
            p for p in row["must_mention"] if p not in NOT_FROM_CLAUSE_TEXT and not mentions(source, p)
        ]
        assert missing == [], row["id"]


def test_forbidden_amounts_never_appear_in_the_clause_an_answer_quotes(all_rows):
    policy = load_policy()
    for row in (r for r in all_rows if r["expected_clauses"]):
        text = "".join(policy.get(c).text for c in row["expected_clauses"])
        quoted = [p for p in row["must_not"] if money_phrase_value(p) is not None and mentions(text, p)]
        assert quoted == [], row["id"]


BAD_ROWS = [
    pytest.param({"expected_amount_yuan": 2.555}, "expected_amount_yuan", id="finer than a fen"),
    pytest.param({"expected_amount_yuan": True}, "expected_amount_yuan", id="bool amount"),
    pytest.param({"expected_status": "ok"}, "expected_status", id="unknown status"),
    pytest.param({"expected_clauses": ["22"]}, "expected_clauses", id="clause 22"),
    pytest.param({"category": "misc"}, "category", id="unknown category"),
    pytest.param({"as_of": "2022/06/01"}, "as_of", id="bad date"),
    pytest.param({"must_not": "10万元"}, "must_not", id="string instead of list"),
    pytest.param({"awards": ["c99_unknown"]}, "awards", id="unknown award"),
]


@pytest.mark.parametrize(("change", "field"), BAD_ROWS)
def test_dataset_problems_name_the_bad_field(change, field):
    problems = dataset_problems([{**gold(), **change}])
    assert len(problems) == 1 and field in problems[0] and problems[0].startswith("t-001")


def test_an_outside_dataset_needs_only_id_and_question(tmp_path):
    """INTERFACES.md: the gold fields are scored where present; expected_status is derived from the
    category (out_of_scope) or left unscored."""
    path = tmp_path / "outside.jsonl"
    path.write_text('{"id": "o1", "question": "专利转让合同120万补多少"}\n'
                    '{"id": "o2", "question": "个体户营业执照在哪办", "category": "out_of_scope"}\n'
                    '{"id": "o3", "question": "受让专利120万", "expected_amount_yuan": 20000}\n', encoding="utf-8")
    items = load_dataset(path)
    assert [i["expected_status"] for i in items] == [None, "out_of_scope", None]
    scores = score_all(items, {"o1": answer(total=20_000), "o2": answer(status="out_of_scope", clauses=()),
                               "o3": answer(total=20_000)})  # fmt: skip
    assert [s.status_ok for s in scores] == [None, True, None]
    assert [s.amount_ok for s in scores] == [None, None, True] and not any(s.problems() for s in scores)


def test_duplicate_ids_are_reported():
    assert dataset_problems([gold(), gold()]) == ["t-001: id 重复"]
