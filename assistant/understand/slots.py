"""Read the facts a calculator needs out of a question: 合同金额、官费、件数、国家数、年限、日期、申请人.

Rules are local patterns around each number (what word follows or precedes it), applied to the
numeral-normalised text. What a slot means for a given award is decided in route.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.understand.normalize import arabic, scale, to_decimal

NUM = r"(\d+(?:\.\d+)?|\d*\.\d+)"
# Money: a number with a money unit (120万, 2.5万元, 3000元, 3千块, 1.2亿, 50w). Negative signs are kept
# so that 合同-100万 is caught as invalid rather than read as 100万.
_MONEY = re.compile(
    rf"(?:(?<![\d.万千亿元块wWkK])(-|负)\s*)?([¥￥]\s*)?(?<![\d.]){NUM}\s*((?:[万千亿百]|w|W|k|K)*)\s*(元|块|人民币|rmb|RMB)?"
    rf"(?![\d.个件项次年月日国家号%％])"
)
# A figure the user says the award IS (听说每件奖10万): a claim to check, never an input.
_CLAIMED_BEFORE = re.compile(r"(奖|补|资助|给|发|奖励|补贴|补助|扶持|能拿|可拿)[^，。,；;\d]{0,3}$|(?<!合)按\s*$")  # 按50万给我算: the figure they want
_CLAIMED_AFTER = re.compile(r"\s*(元)?(的)?(补助|补贴|奖励|资助|奖金)")  # 那就是20万元补助吧
_GRANTED_BEFORE = re.compile(r"(已经?|已获|拿了|领了|补了|获得了|得了|给了|批了|到账)[^，。,；;]{0,8}$")
_COUNT = re.compile(rf"{NUM}\s*(件|个|项|次|起|家|份|张|宗|部|篇|首|幅|本|国(?![际内外家]))")
_YEARS = re.compile(rf"{NUM}\s*(年半|年|个月)(?!\d|[0-9]*月|底|初)")
_DATE = re.compile(r"(\d{4})\s*[年\-./]\s*(?:(\d{1,2})\s*[月\-./]\s*(?:(\d{1,2})\s*[日号]?)?)?")
_RELATIVE_YEAR = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}
# A relative year dates the event only when an event verb follows it (今年授权的); 今年已经拿了4万 does not.
_EVENT_VERB = r"[^，。,；;]{0,8}(授权|签|获批|认定|胜诉|赢|通过|注册|登记|取得|拿到|获得|评上|批下|受让|买|许可|核准)"
# Dates that are about the applicant, not the event: 2009年成立, 1985年出生.
_NOT_EVENT = re.compile(r"\s*(成立|创办|创立|建厂|开业|出生|注册成立|建校|开办)")
_NO_INVENTION = re.compile(
    r"(没有|无|没)[^，。,]{0,4}(有效)?发明专利|发明专利[^，。,]{0,4}(都没有|没有|也没有|都没)|(?<!\d)0件(有效)?发明"
)
_PLACES = re.compile(
    r"美国|日本|欧洲|欧盟|韩国|德国|英国|法国|意大利|加拿大|澳大利亚|俄罗斯|印度|新加坡|巴西|墨西哥|越南|泰国|"
    r"马来西亚|印尼|印度尼西亚|以色列|瑞士|瑞典|荷兰|西班牙|南非|沙特|阿联酋|新西兰|菲律宾"
)
# Bare figures in a 、-separated list (30000、18000、15000): fees when the sentence is about 官费.
_LISTED = re.compile(r"(?<![\d.\-])(\d{3,6})(?![\d.\-年月日号人户件个名%])(?=\s*[、，,—\-]|\s*$)")
_HAS_INVENTION = re.compile(r"(?<![没无])(有|拥有)(有效的?|的)?发明专利")
_SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")
# Money-like words before a bare number (合同1200000): the number is yuan.
_MONEY_WORDS = re.compile(
    r"(合同|金额|官费|费用|利息|保费|报名费|花了|交了|付了|缴了|签了|价格|成交|贷款|标的|每件|每个|也是|都是)[^，。,；;\d]{0,4}$"
)

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
    text: str = ""  # the numeral-normalised text the slots were read from
    money: list[Decimal] = field(default_factory=list)  # amounts the applicant paid or signed
    per_unit_money: bool = False  # 每件官费4000: the amount is per unit, not the total
    granted_yuan: Decimal | None = None  # 本年已获 (已经拿了4万)
    negative_money: bool = False  # any negative figure (合同-100万, -3个国家)
    counts: dict[str, int] = field(default_factory=dict)  # the first count of each kind
    count_lists: dict[str, list[int]] = field(default_factory=dict)  # every count of each kind, in order
    funded_this_year: int | None = None
    bare_count: int | None = None  # a count whose noun is unclear: 3件
    years: Decimal | None = None
    event_date: dt.date | None = None
    applicant: str | None = None
    bare_number: Decimal | None = None  # "那600万呢" -> money; "那25个呢" -> count
    places: list[str] = field(default_factory=list)  # foreign countries/regions named: 美国和日本
    listed_amounts: list[Decimal] = field(default_factory=list)  # 30000、18000、15000——…官费: bare figures listed
    claimed: list[Decimal] = field(default_factory=list)  # 听说奖10万: the figure claimed
    exact_day: bool = False  # the date names a day (2021年2月10日), not just a month or year
    absurd: bool = False  # 1e308元: scientific notation is no amount a person has

    def empty(self) -> bool:
        return not (self.money or self.counts or self.bare_count or self.years is not None
                    or self.event_date or self.applicant or self.granted_yuan is not None)


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _absolute_date(m: re.Match[str]) -> dt.date | None:
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else 12
    if not (1980 <= year <= 2100 and 1 <= month <= 12):
        return None
    if m.group(3):
        try:
            return dt.date(year, month, int(m.group(3)))
        except ValueError:
            return None
    return _month_end(year, month)


def read_event_date(text: str, as_of: dt.date) -> dt.date | None:
    """The event's date. Month or year alone reads as its last day (2020年3月 -> 2020-03-31). Of several
    dates, the one an event verb follows (2024年授权的) beats one quoted from elsewhere (有效期到2025年…)."""
    dated = [
        (d, bool(re.match(_EVENT_VERB, text[m.end() :])))
        for m in _DATE.finditer(text)
        if (d := _absolute_date(m)) and not _NOT_EVENT.match(text[m.end() :])
    ]
    if dated:
        return next((d for d, is_event in dated if is_event), dated[0][0])
    for word, offset in _RELATIVE_YEAR.items():
        if re.search(word + _EVENT_VERB, text) or re.search(rf"{word}\s*\d{{1,2}}\s*月", text):
            year = as_of.year + offset
            month = re.search(rf"{word}\s*(\d{{1,2}})\s*月", text)
            if month and 1 <= int(month.group(1)) <= 12:
                return _month_end(year, int(month.group(1)))
            return as_of if offset == 0 else dt.date(year, 12, 31)
    return None


_APPLICANT_WORDS = (
    (r"个人|我自己|本人|自然人|以个人|学生|研究生|户籍|户口|发明人", "individual"),
    (r"公司|企业|厂|集团", "enterprise"),
    (r"学校|高校|大学(?!生)|医院|研究所|研究院|事业单位|单位|机构|协会", "unit"),
)


def read_applicant(text: str) -> str | None:
    """Who applies: the first of 个人 / 企业 / 单位 the question mentions (公司…个人5件的限制 -> 企业)."""
    found = [
        (m.start(), who)
        for pattern, who in _APPLICANT_WORDS
        for m in re.finditer(pattern, text)
        if "在" not in text[max(0, m.start() - 10) : m.start()]  # 在本市企业上班: a workplace, not the applicant
    ]
    return min(found)[1] if found else None


def _strip_dates(text: str) -> str:
    return _DATE.sub(lambda m: " " * len(m.group(0)) if len(m.group(1)) == 4 else m.group(0), text)


def _read_money(text: str, slots: Slots) -> None:
    for m in _MONEY.finditer(text):
        sign, number, unit = m.group(1), m.group(3), m.group(4) or ""
        currency = m.group(5) or m.group(2)  # 元/块 after, or ¥ before
        bare = not unit and not currency
        if bare and (len(number.split(".")[0]) < 3 or not _MONEY_WORDS.search(text[: m.start()])):
            continue  # a bare number is money only after 合同/官费… and with 3+ digits (not 官费1共)
        value = to_decimal(number)
        if value is None:
            continue
        value = scale(value, unit)
        if re.match(r"\s*(元)?(以下|以上|以内|之间|左右的?合同都)", text[m.end():]):
            continue  # a threshold someone quotes (100万以下按5%), not an amount of theirs
        if sign:
            slots.negative_money = True
            continue
        if re.search(r"(每(件|个|项|一件|个国家)[^，。,；;\d]{0,16}|各(自|为|是)?)$", text[: m.start()]):
            slots.per_unit_money = True
        if _GRANTED_BEFORE.search(text[: m.start()]):  # 已获补助4万: granted before, not a claim
            slots.granted_yuan = value
        elif _CLAIMED_BEFORE.search(text[: m.start()]) or (
            _CLAIMED_AFTER.match(text[m.end() :]) and re.search(r"(是|就是|有|拿|能拿|给|共)\s*$", text[: m.start()])
        ):
            slots.claimed.append(value)
        else:
            slots.money.append(value)


def _read_counts(text: str, slots: Slots) -> None:
    for m in _COUNT.finditer(text):
        if re.search(r"(?<![\d万千亿元块])(-|负)\s*$", text[: m.start()]):
            slots.negative_money = True  # -3个国家: a negative figure of any kind is invalid, not 3
            continue
        value = to_decimal(m.group(1))
        if value is None or value != value.to_integral_value():
            continue
        if re.search(r"(最多|只能|不超过|上限|限报|最高|顶多)[^，。,；;\d]{0,4}$", text[: m.start()]):
            continue  # 听说一年最多只能报5件: a rule someone quotes, not a count of theirs
        after = text[m.end() : m.end() + 8]
        if m.group(2) in ("个", "项") and re.match(r"\s*(加起来|一共|合计|总共|加在一起|一起)", after):
            continue  # 两个加起来多少 / 两项一共: the awards being added, not a count of cases
        before = text[max(0, m.start() - 8) : m.start()]
        if re.search(r"(已|已经|已获|资助过|补过|拿过)", before) and re.search(r"资助|补", after + before):
            slots.funded_this_year = int(value)
            continue
        if m.group(2) == "国":  # 8国 / 5国、12国: the measure word is the noun
            slots.counts.setdefault("countries", int(value))
            slots.count_lists.setdefault("countries", []).append(int(value))
            continue
        name = _noun_after(after) or next(
            (n for p, n in COUNT_NOUNS if re.search(rf"{p}(有|共|是|数量?|一共|总共)?$", before)), None
        )
        if name:
            slots.counts.setdefault(name, int(value))
            slots.count_lists.setdefault(name, []).append(int(value))
        else:
            slots.bare_count = int(value)  # the last one: 两件事一起问：…注册成功1个


def _noun_after(after: str) -> str | None:
    """The counted thing is the head noun, the last one before the next punctuation (两个商标侵权案子 ->
    cases), unless the first noun is a modifier marked by 的 (21个国家的马德里商标 -> countries)."""
    # The noun phrase ends at punctuation, a digit or a verb/preposition: 1个发明在美国 -> 发明.
    window = re.split(r"[，。,；;\d在于都已被了向给把是和及也还]", after, maxsplit=1)[0]
    best: tuple[int, str] | None = None
    for pattern, name in COUNT_NOUNS:
        if re.match(rf"{pattern}的", window):
            return name  # 21个国家的马德里商标: the count modifies the noun before 的
        for m in re.finditer(pattern, window):
            if best is None or m.end() > best[0]:
                best = (m.end(), name)
    return best[1] if best else None


_LIST_RUN = re.compile(rf"(?:{NUM}\s*(?:万|元)?\s*、\s*)+{NUM}\s*(万元|万|元)")


def _inherit_list_unit(text: str) -> str:
    """1.2万、2万、8000、6000元: a bare figure in a 、-list of amounts takes the list's last unit."""

    def fill(run: re.Match[str]) -> str:
        unit = run.group(run.lastindex or 0) if run.lastindex else ""
        parts = re.split(r"(、)", run.group(0))
        return "".join(p if p == "、" or re.search(r"[万元]\s*$", p) else f"{p.strip()}{unit}" for p in parts)

    return _LIST_RUN.sub(fill, text)


# 22年5月 / 22年授权: a two-digit year of this century, when a month or an event follows.
_SHORT_YEAR = re.compile(
    r"(?<![\d.])([12]\d)(?=年\s*(\d{1,2}\s*月|[^，。,；;]{0,8}(授权|签|获批|认定|胜诉|通过|注册|登记|取得|拿到|获得|受让|核准)))"
)


def read_slots(question: str, as_of: dt.date) -> Slots:
    """All the facts the question states, in yuan, counts, years and dates."""
    text = _SHORT_YEAR.sub(r"20\1", _inherit_list_unit(arabic(question)))
    slots = Slots(text=text, event_date=read_event_date(text, as_of), applicant=read_applicant(question))
    slots.absurd = bool(_SCIENTIFIC.search(text))
    slots.places = list(dict.fromkeys(_PLACES.findall(text)))
    if not slots.money and re.search(r"官费|费用", text):
        slots.listed_amounts = [Decimal(n) for n in _LISTED.findall(text)]
    slots.exact_day = bool(re.search(r"\d{4}\s*[年\-./]\s*\d{1,2}\s*[月\-./]\s*\d{1,2}", text))
    body = _strip_dates(text)
    _read_money(body, slots)
    _read_counts(body, slots)
    if m := _YEARS.search(body):
        value = to_decimal(m.group(1))
        if value is not None:
            slots.years = value + Decimal("0.5") if m.group(2) == "年半" else value / (12 if m.group(2) == "个月" else 1)
    elif "半年" in body:
        slots.years = Decimal("0.5")
    if _NO_INVENTION.search(text):
        slots.counts["valid_invention_patents"] = 0  # 一件发明专利都没有
    elif "valid_invention_patents" not in slots.counts and _HAS_INVENTION.search(text):
        slots.counts["valid_invention_patents"] = 1  # 有发明专利的那家: at least one
    if not slots.money and not slots.counts and slots.bare_count is None and slots.years is None:
        bare = re.fullmatch(rf"\D*{NUM}\D*", body)
        if bare and not re.search(r"\d\s*(个|项)\s*(加起来|一共|合计|总共)", body):  # 这两项合计: no figure
            slots.bare_number = to_decimal(bare.group(1))
    return slots
