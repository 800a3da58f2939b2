"""最多能补多少 with the facts for an exact figure missing: the yearly ceiling answers, and we still
ask for the fact (clause 7: 单个企业年度获补助金额不超过5万元)."""

import datetime as dt

import pytest

from assistant import Assistant, Settings

AS_OF = dt.date(2022, 6, 1)


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return Assistant(Settings(data_dir=tmp_path_factory.mktemp("ceilings"), dense_enabled=False))


@pytest.mark.parametrize(
    ("question", "clause", "ceiling"),
    [
        pytest.param("专利转让最多能补多少", "7", 50_000, id="7: 5wan"),
        pytest.param("买专利保险一年最多能补贴多少钱", "8", 100_000, id="8: premium 10wan"),
    ],
)
def test_most_one_can_get_is_answered_with_the_yearly_ceiling(bot, question, clause, ceiling):
    answer = bot.ask(question, as_of=AS_OF)
    assert answer.status == "answered"
    assert answer.citations[0].clause == clause
    assert [(c.kind, int(c.amount_yuan)) for c in answer.calculations] == [("max", ceiling)]
    assert answer.total_yuan is None and answer.follow_up  # the exact figure still needs the fact


def test_without_a_ceiling_word_the_missing_fact_is_asked_for(bot):
    answer = bot.ask("专利转让能补多少", as_of=AS_OF)
    assert answer.status == "needs_info" and "合同金额" in (answer.follow_up or "")
