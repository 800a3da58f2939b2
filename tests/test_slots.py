"""How figures in a question are read (assistant/understand/slots.py), one row per way people write them."""

import datetime as dt
from decimal import Decimal

import pytest

from assistant.understand.normalize import clean
from assistant.understand.slots import read_slots

AS_OF = dt.date(2022, 9, 1)

MONEY = [  # question, amounts read in yuan
    pytest.param("合同一百二十万", [1_200_000], id="chinese numerals with wan"),
    pytest.param("合同1,200,000元", [1_200_000], id="thousands separators"),
    pytest.param("合同120w", [1_200_000], id="w for wan"),
    pytest.param("合同1.2百万", [1_200_000], id="bai wan"),
    pytest.param("合同肆拾伍万元整", [450_000], id="financial numerals"),
    pytest.param("官费分别¥16,000、¥9,000", [16_000, 9_000], id="yen sign before"),
    pytest.param("官费分别是1.2万、2万、8000、6000元", [12_000, 20_000, 8_000, 6_000], id="list takes its unit"),
    pytest.param("合同1200000，补多少", [1_200_000], id="bare figure after 合同"),
    pytest.param("官费1共3000块", [3_000], id="a lone digit is not money"),
    pytest.param("听说100万以下按5%", [], id="a quoted threshold is not an amount"),
    pytest.param("官费2,400元，代理费6,000元", [2_400], id="an agency fee beside the fee is not funded money"),
    pytest.param("注册资本500万，受让专利合同120万", [1_200_000], id="registered capital is context"),
    pytest.param("付了6000元的服务费，官费3000", [3_000], id="the kind named after the figure"),
    pytest.param("营收两千万的公司，合同80万", [800_000], id="turnover is context"),
]


@pytest.mark.parametrize(("question", "amounts"), MONEY)
def test_money_is_read_in_yuan(question, amounts):
    assert read_slots(question, AS_OF).money == [Decimal(a) for a in amounts]


DATES = [  # question, the event date read (month or year alone: its last day)
    pytest.param("2020年3月授权的", dt.date(2020, 3, 31), id="year and month"),
    pytest.param("2021年2月10日当天授权", dt.date(2021, 2, 10), id="exact day"),
    pytest.param("22年5月签的合同", dt.date(2022, 5, 31), id="two-digit year"),
    pytest.param("公司2009年成立，2022年8月获得授权", dt.date(2022, 8, 31), id="founding year skipped"),
    pytest.param("去年授权的", dt.date(2021, 12, 31), id="relative year with event verb"),
    pytest.param("今年已经拿了4万", None, id="relative year without event is no date"),
    pytest.param("有效期不是到2025年12月31日吗？我们2024年授权的", dt.date(2024, 12, 31), id="event date beats quoted"),
]


@pytest.mark.parametrize(("question", "date"), DATES)
def test_the_event_date_is_the_one_an_event_follows(question, date):
    assert read_slots(question, AS_OF).event_date == date


COUNTS = [  # question, what is counted, how many
    pytest.param("两件发明专利", "patents", 2, id="liang jian"),
    pytest.param("马德里 8国 1件", "countries", 8, id="8 guo"),
    pytest.param("两个商标侵权案子", "cases", 2, id="head noun wins"),
    pytest.param("指定21个国家的马德里商标", "countries", 21, id="de marks the counted noun"),
    pytest.param("一百二十张广东省的作品登记证书", "works", 120, id="works via de-phrase"),
    pytest.param("有3件有效发明专利", "valid_invention_patents", 3, id="valid inventions"),
    pytest.param("一件发明专利都没有", "valid_invention_patents", 0, id="negated"),
    pytest.param("另一件商标指定了22个", "countries", 22, id="zhi ding counts countries"),
    pytest.param("同一发明在5个国家获得发明专利授权", "countries", 5, id="the noun phrase ends at a verb"),
    pytest.param("作品登记证书20件，能按200元一件资助吗", "works", 20, id="200元一件 is a rate, not a second count"),
]


@pytest.mark.parametrize("question", ["这一件能拿多少", "另一个呢", "200元一件", "两件加起来呢"])
def test_a_determiner_a_rate_or_a_sum_is_no_count(question):
    slots = read_slots(question, AS_OF)
    assert slots.counts == {} and slots.bare_count is None


@pytest.mark.parametrize(("question", "noun", "count"), COUNTS)
def test_counts_bind_to_what_they_count(question, noun, count):
    assert read_slots(question, AS_OF).counts.get(noun) == count


def test_a_granted_amount_is_not_a_claim_and_a_claim_is_not_an_input():
    slots = read_slots("今年已获补助4万，听说还能补10万元补助吧", AS_OF)
    assert slots.granted_yuan == Decimal(40_000) and slots.money == []
    assert read_slots("那就是20万元补助吧", AS_OF).claimed == [Decimal(200_000)]


@pytest.mark.parametrize("question", ["合同-100万", "合同\u2013100万", "合同 - 100万", "指定了-3个国家"])
def test_any_minus_sign_marks_the_figure_negative(question):
    assert read_slots(clean(question), AS_OF).negative_money  # ask() cleans first: dashes become "-"
