"""The one number reader (assistant/understand/numbers.py): every way people write a figure, as a table,
and properties over generated figures: "合同{x}" reads as exactly x in every format, and no money figure
ever reads as a date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.understand.normalize import clean
from assistant.understand.numbers import parse_numeral, read_numbers, values


def tokens(text: str) -> list[tuple[str, Decimal]]:
    return [(t.kind, t.value) for t in read_numbers(clean(text)) if t.kind != "date"]


MONEY = [  # as typed, yuan read
    pytest.param("官费2345.50元", "2345.50", id="decimal with 4 integer digits is no date"),
    pytest.param("合同金额1200.5万元", "12005000", id="decimal wan"),
    pytest.param("合同1,200,000元", "1200000", id="thousands separators"),
    pytest.param("合同1，200，000元", "1200000", id="full-width separators"),
    pytest.param("合同￥3,800,000.00", "3800000", id="yen sign, separators, fen"),
    pytest.param("合同壹佰贰拾万元", "1200000", id="financial numerals"),
    pytest.param("人民币捌拾陆万伍仟元整", "865000", id="renminbi ... yuan zheng"),
    pytest.param("官费贰仟叁佰肆拾伍元伍角陆分", "2345.56", id="jiao and fen"),
    pytest.param("三十七万五千", "375000", id="chinese sections"),
    pytest.param("合同二十万五", "205000", id="a lone digit after wan is thousands"),
    pytest.param("合同一万零二元", "10002", id="but not after ling"),
    pytest.param("合同1百20万", "1200000", id="mixed arabic and bai"),
    pytest.param("合同0.8百万", "800000", id="bai wan"),
    pytest.param("合同120w", "1200000", id="w"),
    pytest.param("官费3k", "3000", id="k"),
    pytest.param("官费18.4k", "18400", id="decimal k"),
    pytest.param("合同是120万的", "1200000", id="amount after the noun"),
    pytest.param("合同1.2亿", "120000000", id="yi"),
    pytest.param("保费RMB 5,000", "5000", id="RMB before"),
    pytest.param("官费一千二百点五元", "1200.5", id="dian as decimal point"),
]


@pytest.mark.parametrize(("text", "yuan"), MONEY)
def test_money_reads_in_yuan(text, yuan):
    assert tokens(text) == [("money", Decimal(yuan))]


OTHER = [  # as typed, (kind, value) of each figure
    pytest.param("3个国家", [("count", 3)], id="count"),
    pytest.param("两件发明专利", [("count", 2)], id="liang"),
    pytest.param("50%", [("percent", 50)], id="percent sign"),
    pytest.param("百分之五十", [("percent", 50)], id="bai fen zhi"),
    pytest.param("两年半", [("duration", Decimal("2.5"))], id="two and a half years"),
    pytest.param("18个月", [("duration", Decimal("1.5"))], id="months as years"),
    pytest.param("100-500万元以下", [("range", 1_000_000)], id="range takes the unit"),
    pytest.param("官费分别是1.2万、2万、8000、6000元", [("money", 12_000), ("money", 20_000), ("money", 8_000),
                                               ("money", 6_000)], id="list takes its unit"),
    pytest.param("一审输了二审赢了", [], id="instances are no numbers"),
    pytest.param("一次性补助2万", [("money", 20_000)], id="yi ci xing is an adverb"),
    pytest.param("按第七条", [], id="ordinal"),
    pytest.param("千万不要算错", [], id="qian wan as an adverb"),
    pytest.param("十几万", [], id="vague figure is not read"),
    pytest.param("合同1200000", [("number", 1_200_000)], id="bare figure: slots decide"),
    pytest.param("官费1500 个人", [("number", 1_500)], id="ge ren is a word, not a measure"),
    pytest.param("报名费¥450 本地户口", [("money", 450)], id="a currency sign beats a measure"),
]


@pytest.mark.parametrize(("text", "expected"), OTHER)
def test_other_figures(text, expected):
    assert tokens(text) == [(k, Decimal(v)) for k, v in expected]


def test_one_year_and_two_months_is_one_duration():
    (token,) = read_numbers("开展业务一年零两个月")
    assert token.kind == "duration" and abs(token.value - Decimal(14) / 12) < Decimal("1e-9")


DATES = [  # as typed, the date read (a month or year alone: its last day)
    pytest.param("2021年2月10日", dt.date(2021, 2, 10), id="ymd"),
    pytest.param("2021.2.9签的", dt.date(2021, 2, 9), id="dotted with two dots"),
    pytest.param("2022-06-01", dt.date(2022, 6, 1), id="iso"),
    pytest.param("2020年3月", dt.date(2020, 3, 31), id="year and month"),
    pytest.param("22年5月签的", dt.date(2022, 5, 31), id="two-digit year"),
    pytest.param("二〇二二年五月", dt.date(2022, 5, 31), id="chinese digits"),
    pytest.param("2024年授权", dt.date(2024, 12, 31), id="year alone"),
    pytest.param("请问22年新设立的代理机构", dt.date(2022, 12, 31), id="two-digit year before any verb"),
]


@pytest.mark.parametrize("text", ["开业12年", "在本市执业15年", "服务12年了", "做了22年"])
def test_a_two_digit_length_of_time_is_no_year(text):
    assert [t.kind for t in read_numbers(text)] == ["duration"]


@pytest.mark.parametrize(("text", "date"), DATES)
def test_dates_only_where_they_look_like_one(text, date):
    found = [t.date for t in read_numbers(clean(text)) if t.kind == "date"]
    assert found == [date]


def test_minus_sign_marks_the_figure_negative_but_a_range_dash_does_not():
    assert [t.negative for t in read_numbers("合同-100万")] == [True]
    assert [t.kind for t in read_numbers("100-500万")] == ["range"]


def test_values_gives_both_bounds_of_a_range():
    assert {Decimal(1_000_000), Decimal(5_000_000)} <= values("合同金额100-500万元以下")


# -- properties ---------------------------------------------------------------------------------------

AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999.99"), places=2)
WHOLE = st.integers(min_value=1, max_value=99_999_999)


def _plain(x: Decimal) -> str:
    return format(x.normalize(), "f")


MONEY_FORMATS = {
    "yuan": lambda x: f"{_plain(x)}元",
    "separators": lambda x: f"{x:,}元",
    "full-width separators": lambda x: f"{x:,}元".replace(",", "，"),
    "wan": lambda x: f"{_plain(x / 10_000)}万元",
    "w": lambda x: f"{_plain(x / 10_000)}w",
    "k": lambda x: f"{_plain(x / 1_000)}k",
    "yen": lambda x: f"¥{x:,.2f}",
    "renminbi": lambda x: f"人民币{_plain(x)}元",
}


@settings(max_examples=300, deadline=None)
@given(x=AMOUNTS, name=st.sampled_from(sorted(MONEY_FORMATS)))
def test_any_amount_in_any_format_reads_as_itself_and_never_as_a_date(x, name):
    text = clean(f"合同{MONEY_FORMATS[name](x)}，补多少？")
    found = read_numbers(text)
    assert [(t.kind, t.value) for t in found] == [("money", x)], text
    assert not any(t.kind == "date" for t in found)


CHINESE_FORMATS = {
    "lower": lambda n: cn2an.an2cn(n, "low") + "元",
    "financial": lambda n: cn2an.an2cn(n, "up") + "元",
    "rmb": lambda n: "人民币" + cn2an.an2cn(n, "rmb"),
}


@settings(max_examples=200, deadline=None)
@given(n=WHOLE, name=st.sampled_from(sorted(CHINESE_FORMATS)))
def test_chinese_numerals_read_as_their_value(n, name):
    text = f"合同{CHINESE_FORMATS[name](n)}"
    assert [(t.kind, t.value) for t in read_numbers(text)] == [("money", Decimal(n))], text


@settings(max_examples=100, deadline=None)
@given(hundreds=st.integers(1, 9), wan=st.integers(0, 99))
def test_mixed_bai_and_wan(hundreds, wan):
    assert parse_numeral(f"{hundreds}百{wan}万") == hundreds * 1_000_000 + wan * 10_000


@settings(max_examples=100, deadline=None)
@given(year=st.integers(1990, 2099), month=st.integers(1, 12), x=AMOUNTS)
def test_a_date_beside_money_keeps_both(year, month, x):
    text = f"{year}年{month}月签的合同，金额{_plain(x)}元"
    kinds = [(t.kind, t.value if t.kind != "date" else t.date) for t in read_numbers(text)]
    assert kinds[0][0] == "date" and kinds[1] == ("money", x)
