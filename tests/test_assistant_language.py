"""Questions about the whole policy, in traditional characters, or in another language."""

import datetime as dt

import pytest

from assistant import Assistant, Settings
from calculators import load_parameters

AS_OF = dt.date(2022, 6, 1)


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return Assistant(Settings(data_dir=tmp_path_factory.mktemp("language"), dense_enabled=False))


@pytest.mark.parametrize("question", ["都有哪些补贴？", "我想了解一下知识产权方面有啥扶持政策", "能申请什么资助"])
def test_a_question_about_the_whole_policy_lists_every_award(bot, question):
    answer = bot.ask(question, as_of=AS_OF)
    assert answer.status == "answered" and answer.calculations == ()
    names = [item.name for item in load_parameters().items.values()]
    assert all(name in answer.answer for name in names)
    assert "最高50万元" in answer.answer and "10万元/个" in answer.answer  # clause 3 ceiling, clause 4 GI mark


def test_traditional_characters_are_read_as_simplified(bot):
    answer = bot.ask("發明專利授權官費3000元能補多少？", as_of=AS_OF)
    assert (answer.status, answer.citations[0].clause, answer.total_yuan) == ("answered", "1", 1500)  # 3000×50%


def test_a_question_in_another_language_is_asked_again_in_chinese(bot):
    answer = bot.ask("What subsidy do I get for a US patent?", as_of=AS_OF)
    assert answer.status == "needs_info" and "中文" in answer.answer and answer.calculations == ()


def test_english_domain_words_in_a_chinese_question_are_read_and_said(bot):
    answer = bot.ask("我们company的invention patent授权了，official fee 2,600 RMB，补多少", as_of=AS_OF)
    assert answer.total_yuan == 1_300  # （一）2600 × 50%
    assert "用词：“official fee”理解为“官费”" in answer.to_dict()["understood"]
