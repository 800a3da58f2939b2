"""Read the facts a calculator needs out of a question: 合同金额、官费、件数、国家数、年限、日期、申请人.

Every figure comes from the one number reader (numbers.py) as a typed token; the rules here say what a
token means from the words right around it (已获 4万 is granted before, 听说奖10万 a claim, 每件 a
per-unit fee, 100万以下 a quoted threshold). What a slot means for a given award is decided in route.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from assistant.understand.dates import month_end
from assistant.understand.intents import load_intents
from assistant.understand.numbers import Token, read_numbers
from assistant.understand.roles import read_applicant

# A figure the user says the award IS (听说每件奖10万): a claim to check, never an input.
_CLAIMED_BEFORE = re.compile(r"(奖|补|资助|给|发|奖励|补贴|补助|扶持|(?<!加)拿|领|获得|得到)[^，。,；;\d]{0,3}$|(?<!合)按\s*$")  # 按50万给我算: the figure they want
_CLAIMED_AFTER = re.compile(r"\s*(的)?(补助|补贴|奖励|资助|奖金)")  # 那就是20万元补助吧
_GRANTED_BEFORE = re.compile(r"(已经?(获|拿|领|得|补|批|发)|已获|拿了|领了|补了|获得了|得了|(?<![卖转让交租可])给了|批了|到账)[^，。,；;]{0,8}$")
_RELATIVE_YEAR = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}
# A relative year dates the event only when an event verb follows it (今年授权的); 今年已经拿了4万 does not.
_EVENT_VERB = r"[^，。,；;]{0,8}(授权|签|获批|认定|胜诉|赢|通过|注册|登记|取得|拿到|获得|评上|获评|评为|入选|列入|批下|受让|买|许可|核准)"
# Dates that are about the applicant, not the event: 2009年成立, 1985年出生.
_NOT_EVENT = re.compile(r"\s*(成立|创办|创立|建厂|开业|出生|注册成立|建校|开办)")
_NO_INVENTION = re.compile(
    r"(没有|无|没)[^，。,]{0,4}(有效)?发明专利|发明专利[^，。,]{0,4}(都没有|没有|也没有|都没)|(?<![\d.])(0|零)件(有效)?发明"
)
_HAS_INVENTION = re.compile(r"(?<![没无])(有|拥有)(有效的?|的)?发明专利")
_SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")
# Money-like words before a bare number (合同1200000): the number is yuan.
_MONEY_WORDS = re.compile(
    r"(合同|金额|官费|费用|利息|保费|报名费|花了|交了|付了|缴了|签了|价格|成交|贷款|标的|每件|每个|也是|都是)[^，。,；;\d]{0,4}$"
)
# Money the policy does not fund, said beside the case's figures (官费2400元，代理费6000元; 注册资本500万):
# context, not an amount of the case.
_OTHER_MONEY = (r"(代理费用?|服务费|律师费|诉讼费|咨询费|年费|翻译费|检索费|评估费|培训费|注册资本|营收|营业额|销售额|产值|利润|研发投入|"
                r"赔偿|判赔|贷款|借款|授信|保额|保险金额)")
_OTHER_MONEY_BEFORE = re.compile(rf"{_OTHER_MONEY}(每件|每个|每年)?(是|为|约|大概|共|合计|一共|有|达)?\s*$")
_OTHER_MONEY_AFTER = re.compile(rf"\s*(元|块)?的?{_OTHER_MONEY}")
# A threshold someone quotes (100万以下按1%), not an amount of theirs.
_THRESHOLD_AFTER = re.compile(r"\s*(元)?(以下|以上|以内|之间|左右的?合同都)")
_PER_UNIT_BEFORE = re.compile(r"(每(件|个|项|一件|个国家)[^，。,；;\d]{0,16}|各(自|为|是)?|都是|均为|均是)$")
# A clause that tells the assistant what to say or write (你就按每个2万算, 写成500万): its figures are what
# the user wants to hear, never facts of the case.
_DIRECTIVE = re.compile(r"你就|你直接|就说|给我算|给我们算|帮我(写|改|填)|写成|改成|改写成|填成|报成|写进|说成")
# 听说一年最多只能报5件: a rule someone quotes, not a count of theirs.
_QUOTED_LIMIT_BEFORE = re.compile(r"(最多|只能|不超过|上限|限报|最高|顶多)[^，。,；;\d]{0,4}$")

_RATE_UNIT_BEFORE = re.compile(r"(\d|[元万块])\s*$")
_DETERMINER_BEFORE = re.compile(r"(这|那|另|同|哪)\s*$")
# Verbs whose object is what is counted: 马德里商标指定了22个 (the policy's own word: 每指定1个国家或地区),
# 2023年又登记了40件, 2023年授权3件.
COUNT_VERBS: tuple[tuple[str, str], ...] = (("指定|覆盖|进入|布局", "countries"), ("登记", "works"), ("授权", "patents"))


def _year_of_clause(text: str, tokens: tuple[Token, ...], count: Token, as_of: dt.date) -> int | None:
    """The year said before a count in its own clause (2022年80件，2023年又登记了40件 -> 2022, 2023; 去年3件，
    今年又4件 -> as_of's year - 1, as_of's year)."""
    start = max((m.end() for m in re.finditer(r"[，,。；;、]", text[: count.start])), default=0)
    said = [(t.start, t.date.year) for t in tokens if t.kind == "date" and t.date and start <= t.start < count.start]
    said += [(start + m.start(), as_of.year + offset) for word, offset in _RELATIVE_YEAR.items()
             for m in re.finditer(word, text[start : count.start])]  # fmt: skip
    return max(said)[1] if said else None

# What the counted thing is, by the words right after the measure word.
COUNT_NOUNS: tuple[tuple[str, str], ...] = (
    (r"(国家|地区|国(?![际内外])|地方)", "countries"),
    (r"(商标|证明商标|集体商标)", "marks"),
    (r"(作品|证书|著作权|版权|登记)", "works"),
    (r"(案|案件|官司|诉讼|侵权)", "cases"),
    (r"(有效发明专利|有效专利|有效的发明专利)", "valid_invention_patents"),
    (r"(发明|专利)", "patents"),
)


@dataclass
class Slots:
    text: str = ""  # the question the slots were read from
    money: list[Decimal] = field(default_factory=list)  # amounts the applicant paid or signed
    money_nouns: dict[int, str] = field(default_factory=dict)  # index in `money` -> the noun naming it (利息)
    per_unit_money: bool = False  # 每件官费4000: the amount is per unit, not the total
    granted_yuan: Decimal | None = None  # 本年已获 (已经拿了4万)
    negative_money: bool = False  # any negative figure (合同-100万, -3个国家)
    counts: dict[str, int] = field(default_factory=dict)  # the first count of each kind
    count_lists: dict[str, list[int]] = field(default_factory=dict)  # every count of each kind, in order
    count_years: dict[str, list[int | None]] = field(default_factory=dict)  # the year said in each count's clause
    funded_this_year: int | None = None
    bare_count: int | None = None  # a count whose noun is unclear: 3件
    years: Decimal | None = None
    event_date: dt.date | None = None
    applicant: str | None = None
    bare_number: Decimal | None = None  # "那600万呢" -> money; "那25个呢" -> count
    places: list[str] = field(default_factory=list)  # foreign countries/regions named: 美国和日本
    listed_amounts: list[Decimal] = field(default_factory=list)  # 30000、18000、15000——…官费: bare figures listed
    claimed: list[Decimal] = field(default_factory=list)  # 听说奖10万: the figure claimed
    money_range: tuple[Decimal, Decimal] | None = None  # 合同金额在300万到400万之间: the user's own range
    exact_day: bool = False  # the date names a day (2021年2月10日), not just a month or year
    absurd: bool = False  # 1e308元: scientific notation is no amount a person has
    tokens: tuple[Token, ...] = ()  # every figure the number reader found

    def empty(self) -> bool:
        return not (self.money or self.counts or self.bare_count or self.years is not None
                    or self.event_date or self.applicant or self.granted_yuan is not None)


def read_event_date(text: str, as_of: dt.date, tokens: tuple[Token, ...] | None = None) -> dt.date | None:
    """The event's date. Month or year alone reads as its last day (2020年3月 -> 2020-03-31). Of several
    dates, the one an event verb follows (2024年授权的) beats one quoted from elsewhere (有效期到2025年…)."""
    tokens = read_numbers(text) if tokens is None else tokens
    dated = [
        (t.date, bool(re.match(_EVENT_VERB, text[t.end :])))
        for t in tokens
        if t.kind == "date" and t.date and not _NOT_EVENT.match(text[t.end :])
    ]
    if dated:
        return next((d for d, is_event in dated if is_event), dated[0][0])
    for word, offset in _RELATIVE_YEAR.items():
        month = next((t for t in tokens if t.kind == "month" and re.search(rf"{word}\s*$", text[: t.start])), None)
        if re.search(word + _EVENT_VERB, text) or month:
            year = as_of.year + offset
            if month and 1 <= month.value <= 12:
                return month_end(year, int(month.value))
            return as_of if offset == 0 else dt.date(year, 12, 31)
    return None


def _is_users_money(token: Token, text: str) -> bool:
    """A money token, or a bare figure of 3+ digits right after a money word (合同1200000)."""
    if token.kind == "money":
        return True
    return token.kind == "number" and token.value >= 100 and bool(_MONEY_WORDS.search(text[: token.start]))


# 如果合同额翻倍到240万: the figure of the case asked about, replacing the one said before (现在是120万).
_HYPOTHETICAL = re.compile(r"如果|假如|要是|假设|若是|换成|变成|涨到|翻倍|提高到|降到|增加到|减少到")


def _read_money(text: str, tokens: tuple[Token, ...], slots: Slots) -> None:
    hypothetical: list[Decimal] = []
    for token in tokens:
        if not _is_users_money(token, text):
            continue
        before, after = text[: token.start], text[token.end :]
        if _THRESHOLD_AFTER.match(after) or _OTHER_MONEY_BEFORE.search(before) or _OTHER_MONEY_AFTER.match(after):
            continue
        if token.negative:
            slots.negative_money = True
            continue
        if _GRANTED_BEFORE.search(before):  # 已获补助4万: granted before, not a claim
            slots.granted_yuan = token.value
        elif (_CLAIMED_BEFORE.search(before) and not _OWN_NOUN_AFTER.match(after)) or _demanded(text, token) or (
            _CLAIMED_AFTER.match(after) and re.search(r"(是|就是|有|拿|能拿|给|共)\s*$", before)
        ):
            slots.claimed.append(token.value)
        else:
            noun = _OWN_NOUN_AFTER.match(after) or _OWN_NOUN_BEFORE.search(before)
            if noun:
                slots.money_nouns[len(slots.money)] = noun.group("noun")
            slots.money.append(token.value)
            slots.per_unit_money = slots.per_unit_money or bool(_PER_UNIT_BEFORE.search(before))
            if _HYPOTHETICAL.search(_clause_around(text, token)):
                hypothetical.append(token.value)
    if hypothetical and len(hypothetical) < len(slots.money):
        slots.money, slots.money_nouns = hypothetical, {}


_INPUT_NOUN = r"(合同|官费|保费|利息|金额|费用|报名费|许可费|转让费)"
# 按30万利息那种情况: a figure named by the case's own noun is the case's, whatever comes before it.
_OWN_NOUN_AFTER = re.compile(rf"\s*(元|块)?的?(?P<noun>{_INPUT_NOUN[1:-1]})")
_OWN_NOUN_BEFORE = re.compile(rf"(?P<noun>{_INPUT_NOUN[1:-1]})(是|为|约|大概|共|合计|一共|都是)?[^，。,；;\d]{{0,3}}$")


def _demanded(text: str, token: Token) -> bool:
    """A figure in a clause that tells the assistant what to say (你就说…能补5万, 写成600万) is demanded,
    unless it is tied to the case's own noun (你就说我们80万的专利受让合同…; 把实际50万的合同金额…)."""
    if not _DIRECTIVE.search(_clause_around(text, token)):
        return False
    after = re.match(rf"\s*的?[^，。,；;\d]{{0,4}}{_INPUT_NOUN}", text[token.end :])
    before = re.search(rf"{_INPUT_NOUN}([^，。,；;\d]{{0,4}})$", text[: token.start])
    return not (after or (before and not _DIRECTIVE.search(before.group(2))))


def _clause_around(text: str, token: Token) -> str:
    start = max((m.end() for m in re.finditer(r"[，,。；;！!？?]", text[: token.start])), default=0)
    end = re.search(r"[，,。；;！!？?]", text[token.end :])
    return text[start : token.end + (end.start() if end else len(text))]


def _read_counts(text: str, tokens: tuple[Token, ...], slots: Slots, as_of: dt.date) -> None:
    for token in tokens:
        if token.kind != "count":
            continue
        if token.negative:
            slots.negative_money = True  # -3个国家: a negative figure of any kind is invalid, not 3
            continue
        if token.value != token.value.to_integral_value():
            continue
        value = int(token.value)
        before, after = text[max(0, token.start - 8) : token.start], text[token.end : token.end + 8]
        if _QUOTED_LIMIT_BEFORE.search(text[: token.start]):
            continue
        if value == 1 and (_RATE_UNIT_BEFORE.search(before) or _DETERMINER_BEFORE.search(before)):
            continue  # 200元一件 is a rate; 这一件 / 另一件 points at a thing, neither counts it
        if token.unit in ("个", "项", "件") and re.match(r"\s*(加起来|一共|合计|总共|加在一起|一起)", after):
            continue  # 两个加起来多少 / 两项一共: the awards being added, not a count of cases
        if re.search(r"(已|已经|已获|资助过|补过|拿过)", before) and re.search(r"资助|补", after + before):
            slots.funded_this_year = value
            continue
        if token.unit == "国":  # 8国 / 5国、12国: the measure word is the noun
            slots.counts.setdefault("countries", value)
            slots.count_lists.setdefault("countries", []).append(value)
            slots.count_years.setdefault("countries", []).append(_year_of_clause(text, tokens, token, as_of))
            continue
        name = _noun_after(after) or next((n for p, n in COUNT_VERBS if re.search(rf"({p})了?\s*$", before)), None) or next(
            (n for p, n in COUNT_NOUNS if re.search(rf"{p}(有|共|是|数量?|一共|总共)?$", before)), None
        )
        if name:
            slots.counts.setdefault(name, value)
            slots.count_lists.setdefault(name, []).append(value)
            slots.count_years.setdefault(name, []).append(_year_of_clause(text, tokens, token, as_of))
        else:
            slots.bare_count = value  # the last one: 两件事一起问：…注册成功1个


def _noun_after(after: str) -> str | None:
    """The counted thing is the head noun, the last one before the next punctuation (两个商标侵权案子 ->
    cases), unless the first noun is a modifier marked by 的 (21个国家的马德里商标 -> countries)."""
    # The noun phrase ends at punctuation, a digit or a verb/preposition: 1个发明在美国 -> 发明.
    window = re.split(r"[，。,；;\d在于都已被了向给把是和及也还]|获得|取得|拿到|申请|注册", after, maxsplit=1)[0]
    best: tuple[int, str] | None = None
    for pattern, name in COUNT_NOUNS:
        if re.match(rf"{pattern}的", window):
            return name  # 21个国家的马德里商标: the count modifies the noun before 的
        for m in re.finditer(pattern, window):
            if best is None or m.end() > best[0]:
                best = (m.end(), name)
    return best[1] if best else None


@cache
def _abroad() -> re.Pattern[str]:
    """Countries and regions outside China, named: 美国和日本 are two."""
    return re.compile("|".join(sorted(load_intents().places.abroad, key=len, reverse=True)))


def _own_range(text: str, tokens: tuple[Token, ...]) -> tuple[Decimal, Decimal] | None:
    """合同金额在300万到400万之间: a range tied to the case's own figure (not a tier quoted: 100-500万以下)."""
    for t in tokens:
        if t.kind == "range" and t.high is not None and not re.match(r"\s*(元)?(以下|以上)", text[t.end :]) and re.search(
                rf"{_INPUT_NOUN}[^，。,；;\d]{{0,3}}(在|是|约|大概|大约|介于)?\s*$", text[: t.start]):
            return t.value, t.high
    return None


def _listed(text: str, tokens: tuple[Token, ...]) -> list[Decimal]:
    """30000、18000、15000——…官费: bare figures in a list, read as fees when the sentence is about 官费."""
    return [
        t.value for t in tokens
        if t.kind == "number" and 100 <= t.value < 1_000_000 and t.value == t.value.to_integral_value()
        and re.match(r"\s*([、，,—\-]|$)", text[t.end :])
    ]


def read_slots(question: str, as_of: dt.date) -> Slots:
    """All the facts the question states, in yuan, counts, years and dates."""
    text = question
    tokens = read_numbers(text)
    slots = Slots(text=text, event_date=read_event_date(text, as_of, tokens), applicant=read_applicant(question),
                  tokens=tokens)
    slots.absurd = bool(_SCIENTIFIC.search(text))
    slots.places = list(dict.fromkeys(_abroad().findall(text)))
    slots.exact_day = any(t.kind == "date" and t.precision == "day" for t in tokens)
    _read_money(text, tokens, slots)
    slots.money_range = _own_range(text, tokens)
    if not slots.money and re.search(r"官费|费用", text):
        slots.listed_amounts = _listed(text, tokens)
    _read_counts(text, tokens, slots, as_of)
    duration = next((t for t in tokens if t.kind == "duration" and not re.match(r"底|初", text[t.end :])), None)
    if duration is not None:
        slots.years = duration.value
    elif "半年" in text:
        slots.years = Decimal("0.5")
    if _NO_INVENTION.search(text):
        slots.counts["valid_invention_patents"] = 0  # 一件发明专利都没有
    elif "valid_invention_patents" not in slots.counts and _HAS_INVENTION.search(text):
        slots.counts["valid_invention_patents"] = 1  # 有发明专利的那家: at least one
    figures = [t for t in tokens if t.kind not in ("date", "month")]
    said = slots.money or slots.counts or slots.bare_count is not None or slots.years is not None
    if not said and not slots.claimed and slots.granted_yuan is None and len(figures) == 1:
        if not re.search(r"(个|项|件)\s*(加起来|一共|合计|总共)", text):  # 这两项合计: no figure
            slots.bare_number = figures[0].value
    return slots
