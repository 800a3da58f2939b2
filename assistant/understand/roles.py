"""Who is who in a question: which side of a transaction the asker is on, and where each party is.

Roles come from the verb frame, not from sentences: 从X受让 / X把专利卖给我们 / X许可给我们 make the asker
the buyer or licensee (the side clause 7 funds); 我们把专利卖给X / 我们许可给X / 我们是转让方 make the asker
the seller or licensor. A bare 我们转让了一件专利 names no direction, so nothing is decided on it.

Places attach to the party they describe: 我们是广州的公司 (the asker), 从深圳一家公司受让 (the counterparty),
在广州的代理机构上班 (the workplace), 户口不在清远 (the household registration), each with its polarity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from assistant.understand.intents import Places, load_intents, scope_of
from assistant.understand.negation import Polarity

Role = Literal["receiver", "giver"]
Locality = Literal["local", "elsewhere"]

_FIRST_PERSON = r"(我们|我司|我公司|本公司|我单位|本单位|我厂|我方|咱们|我校|本人|我)"
_CLAUSE = re.compile(r"[，,。；;！!？?\n]")
# X把专利卖给我们 / 我们许可给X: a verb of giving with its recipient after 给.
_GIVE_TO = re.compile(r"(卖给|转让给|许可给|授权给|出让给|转给|租给|交给)")
_GIVE = re.compile(r"(?<!受)(?<!被)(卖了|卖出|转让出去|出让|许可他|许可对方)")
_RECEIVE = re.compile(r"(受让|购买|购入|买了|买入|买下|引进|被许可|获得[^，。,；;！!？?]{0,6}许可|获[^，。,；;！!？?]{0,4}许可|收购|买)")
_ROLE_NOUN = re.compile(r"(受让方|被许可方|买方|买家|受让人|被许可人|转让方|许可方|卖方|卖家|出让方|转让人|许可人)")
_RECEIVER_NOUNS = {"受让方", "被许可方", "买方", "买家", "受让人", "被许可人"}
# 企业那边能拿多少: a third party (a university selling) asking about the buyer's award.
_ASKS_FOR_RECEIVER = re.compile(r"(对方|那边|那家|他们|受让方|买方|被许可方|受让企业|买家|受让的企业)[^，。,；;！!？?]{0,6}(能|可以|可)?(拿|补|获得|申请|领|得到)")


@cache
def places() -> Places:
    return load_intents().places


@dataclass(frozen=True)
class PlaceMention:
    word: str
    start: int
    end: int
    locality: Locality
    polarity: Polarity


def place_mentions(text: str) -> list[PlaceMention]:
    """Every place named, local (清远, 本市, 英德 …) or elsewhere (广州, 外地 …), with its polarity."""
    known = places()
    pattern = re.compile("|".join(sorted(map(re.escape, known.local + known.elsewhere), key=len, reverse=True)))
    scope = scope_of(text)
    return [
        PlaceMention(m.group(0), m.start(), m.end(), "local" if m.group(0) in known.local else "elsewhere",
                     scope.polarity(m.start(), m.end()))
        for m in pattern.finditer(text)
    ]


def is_local(mention: PlaceMention) -> bool | None:
    """Whether the party described is local: 不在清远 is elsewhere, 不是外地的 local; open: unknown."""
    if mention.polarity == "open":
        return None
    return (mention.locality == "local") == (mention.polarity == "asserted")


def _clause_of(text: str, index: int) -> tuple[int, int]:
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, index)), default=0)
    end = _CLAUSE.search(text, index)
    return start, end.start() if end else len(text)


def _first_person_before(text: str, index: int) -> bool:
    start, _ = _clause_of(text, index)
    before = text[start:index]
    return bool(re.search(_FIRST_PERSON, before)) and not re.search(r"(从|向|跟|与|和)[^我]*$", before)


@dataclass(frozen=True)
class Transaction:
    role: Role | None  # the asker's side; None when the question does not say
    counterparty: str  # the words that describe the other party ("" when none)
    for_receiver: bool  # the asker asks about the buyer's award (a seller asking for its buyer)
    words: str = ""  # the words that decided the side: 从…受让, 卖给…, 我们是受让方


_NOT_A_PATENT = re.compile(r"商标|著作权|版权|软件|商业秘密|技术秘密|品牌|域名")
_DEAL_VERB = re.compile(r"受让|转让|许可|买|卖|购买|引进|收购|交易")


def traded_object(text: str) -> tuple[bool | None, str]:
    """Whether what changed hands is a patent (clause 7 funds patent deals): 受让了一件商标 is not."""
    for m in _DEAL_VERB.finditer(text):
        start, end = _clause_of(text, m.start())
        clause = text[start:end]
        if "专利" in clause:
            return True, "专利"
        other = _NOT_A_PATENT.search(clause)
        if other:
            return False, other.group(0)
    return None, ""


def transaction(text: str) -> Transaction:
    """The asker's side of a patent transfer or licence, and the words describing the other party."""
    for_receiver = bool(_ASKS_FOR_RECEIVER.search(text))
    for m in _ROLE_NOUN.finditer(text):  # 我们是受让方 / 我们不是卖方
        if _first_person_before(text, m.start()):
            pol = scope_of(text).polarity(m.start(), m.end())
            receiver = (m.group(0) in _RECEIVER_NOUNS) == (pol == "asserted")
            if pol != "open":
                return Transaction("receiver" if receiver else "giver", "", for_receiver, m.group(0))
    for m in _GIVE_TO.finditer(text):
        start, end = _clause_of(text, m.start())
        recipient = text[m.end() : end]
        if re.match(_FIRST_PERSON, recipient):
            return Transaction("receiver", text[start : m.start()], for_receiver, text[start:end])
        if _first_person_before(text, m.start()):
            return Transaction("giver", recipient, for_receiver, text[start:end])
    for m in _GIVE.finditer(text):
        if _first_person_before(text, m.start()):
            start, end = _clause_of(text, m.start())
            return Transaction("giver", text[m.end() : end], for_receiver, text[start:end])
    for m in _RECEIVE.finditer(text):
        start, end = _clause_of(text, m.start())
        buyer = text[start : m.start()]
        if re.match(rf"[^，。,；;]{{0,4}}{_FIRST_PERSON}", text[m.end() : end]) and buyer.strip() \
                and not re.search(_FIRST_PERSON, buyer):  # 韶关一家企业买了我们的专利: they bought, we sold
            return Transaction("giver", buyer, for_receiver, text[start:end])
        source = re.search(r"(从|向)(.*)$", text[start : m.start()])
        owner = re.match(r"(实施)?(.{1,16}?)的(专利|技术|发明)", text[m.end() : end])  # 被许可实施广州一家公司的专利
        counterparty = source.group(2) if source else owner.group(2) if owner else ""
        return Transaction("receiver", counterparty, for_receiver, text[start:end])
    return Transaction(None, "", for_receiver)


def counterparty_locality(text: str, deal: Transaction) -> tuple[bool | None, str]:
    """Whether the other party is local (本市), and the place words that say so. The counterparty's own
    words decide first; otherwise a place said of 对方/卖方, or of a company in a sentence about the deal
    that is not the asker's."""
    mentions = place_mentions(text)
    if deal.counterparty:
        inside = [p for p in place_mentions(deal.counterparty)]
        said = [(is_local(p), p.word) for p in inside if is_local(p) is not None]
        if said:
            return said[-1]
    for p in mentions:  # 对方是深圳的公司 / 卖方在广州
        start, _ = _clause_of(text, p.start)
        if is_local(p) is not None and re.search(rf"{_OTHER_PARTY}[^，。,；;！!？?]{{0,8}}$", text[start : p.start]):
            return is_local(p), p.word
    return None, ""


_OTHER_PARTY = r"(对方|卖方|卖家|许可方|转让方|出让方|专利权人|合作方)"


_APPLICANT_PLACE = re.compile(rf"{_FIRST_PERSON}[^，。从向跟与和把给]{{0,10}}$")


def applicant_locality(text: str) -> tuple[bool | None, str]:
    """Whether the asker is a local (本市) applicant, when the question says: 我们是注册在广州的公司."""
    for p in place_mentions(text):
        start, _ = _clause_of(text, p.start)
        if _APPLICANT_PLACE.search(text[start : p.start]) and is_local(p) is not None:
            after = text[p.end : p.end + 8]
            if re.match(r"[^，。,；;！!？?]{0,4}(公司|企业|单位|的|注册|户口|户籍|人)", after) or re.search(r"(是|在|注册在|位于)\s*$", text[start : p.start]):
                if not re.match(r"[^，。,；;！!？?]{0,6}(工作|上班|就业|创业|读书|求学|上学|服务|执业)", after):
                    return is_local(p), p.word
    return _subject_locality(text)


def _subject_locality(text: str) -> tuple[bool | None, str]:
    """广州一家公司在广东省版权局登记了50件作品，能拿吗: with no first person, the party the question opens
    with is the one asking about its award."""
    if re.search(_FIRST_PERSON, text):
        return None, ""
    first = next((p for p in place_mentions(text) if p.start <= 6), None)
    if first is None or is_local(first) is None:
        return None, ""
    if _KIND_WORD.match(text[first.end : first.end + 6].lstrip("的一家个所位")) or re.match(
            r"[^，。,；;！!？?]{0,4}(公司|企业|单位|学校|机构|个人)", text[first.end :]):
        return is_local(first), first.word
    return None, ""


_WORK = r"(工作|上班|就业|创业|读书|求学|上学|服务|执业|做|干|任职)"


def workplace_locality(text: str) -> tuple[bool | None, str]:
    """Where the asker works or studies: 在广州的代理机构上班 / 喺清远一间代理机构做 / 不在清远读书."""
    found: list[tuple[bool, str]] = []
    for p in place_mentions(text):
        local = is_local(p)
        if local is None:
            continue
        before, after = text[max(0, p.start - 4) : p.start], text[p.end : p.end + 14]
        where = re.search(r"(在|于|喺|到)\s*$", before)
        if where and re.match(rf"[^，。,；;！!？?]{{0,12}}{_WORK}", after):
            found.append((local, p.word))
    if not found:
        return None, ""
    return (any(local for local, _ in found), found[0][1])


def household_locality(text: str) -> tuple[bool | None, str]:
    """户口在清远 / 外地户口 / 户籍不在本市: the household registration, when said."""
    for p in place_mentions(text):
        local = is_local(p)
        if local is None:
            continue
        near = text[max(0, p.start - 8) : p.end + 4]
        if re.search(r"户口|户籍", near):
            return local, p.word
    return None, ""


# Who applies, by the words that name a kind of applicant. 中小学 is the kind clause 19 names, 园区 clause 17's;
# 事业单位 says it is no enterprise. 单位, 机构, 学校, 大学, 医院 and 研究所 alone say no kind (我们单位 may be a
# company, 研究所 a 有限公司): never refused for it, the clause's words are stated as a condition. A role such
# as 牵头单位 says no kind either.
_APPLICANT_WORDS = (
    (r"个人|我自己|本人|自然人|以个人|学生|研究生|户籍|户口|发明人|代理师|员工|职工|老师|教师|医生|工程师", "individual"),
    (r"公司|企业|厂|集团", "enterprise"),
    (r"中小学|小学|中学|初中|高中", "school"),
    (r"事业单位|科研院所", "institution"),
    (r"园区|产业园|工业园", "park"),
    (r"(?<!牵头)(?<!参编)(?<!参与)(?<!起草)(?<!承担)(?<!申报)(?<!依托)(?<!主办)(?<!协办)(?<!事业)(单位|机构|协会)|学校|高校|"
     r"大学(?!生)|医院|研究所|研究院", "unit"),
)
_KIND_WORD = re.compile("|".join(f"(?P<{who}{n}>{words})" for n, (words, who) in enumerate(_APPLICANT_WORDS)))
# 我们是清远市XX小学 / 我们这家公司: the asker names itself. Not as an object (跟我们没有关联的大学), and the
# gap may not hold a verb that brings in another party (我们从一家公司受让 names the seller, not us).
_SELF = re.compile(r"(?<![跟与和给向从对为帮替])(?:我们|咱们|我)(?:是|这边|这里|这家|这个|作为|属于)?[^，。,；;！!？?从向跟与和给把请找委托在]{0,12}?"
                   rf"(?:{_KIND_WORD.pattern})")  # fmt: skip
_SELF_WORDS = {"我司": "enterprise", "我公司": "enterprise", "本公司": "enterprise", "我厂": "enterprise",
               "我单位": "unit", "本单位": "unit", "我校": "unit", "本人": "individual", "我个人": "individual"}  # fmt: skip
# A kind word that names someone else: a workplace (在本市企业上班), a provider (请机构给我们做), a head count
# (学生1500人).
_WORKPLACE = re.compile(r"(?<![现正存实])[在喺于][^，。,；;！!？?]{0,10}$")
_PROVIDER = re.compile(r"(请|找|委托|聘请|聘|通过)[^，。,；;！!？?]{0,8}$")
_HEAD_COUNT = re.compile(r"\s*[\d一二三四五六七八九十百千万两几多]+\s*(人|名|位)")


# Where a noun phrase ends: 清远大学科技园有限公司，被认定… / 研究所下属的企业将…
_PHRASE_END = re.compile(r"[，,。；;！!？?]|被|获|将|开展|受让|转让|许可|申请|授权|登记|注册|买|卖|从|向|把|给|和|与|跟|已|有(?!限)|是")
# 个人名下 / 公司名下: whose the thing is, whoever asks (我是大学老师，个人名下授权了6件).
_OWNER = re.compile(r"(个人|公司|企业|单位)名下")


def _kind(m: re.Match[str]) -> str:
    """The kind a noun phrase names: its head, the last kind word before the phrase ends (清远大学科技园
    有限公司 is a company, 园区内企业 an enterprise)."""
    end = _PHRASE_END.search(m.string, m.end())
    last = m
    for head in _KIND_WORD.finditer(m.string, m.end(), end.start() if end else len(m.string)):
        between = m.string[last.end() : head.start()]
        if len(between) > 6 or re.search(r"[年月日\d]", between):  # 我们公司去年清城区一家事业单位: another phrase
            break
        last = head
    return next(name.rstrip("0123456789") for name, value in last.groupdict().items() if value)


def _names_another(text: str, m: re.Match[str], other: tuple[int, int] | None) -> bool:
    before = text[max(0, m.start() - 10) : m.start()]
    inside_other = other is not None and other[0] <= m.start() < other[1]
    workplace = _WORKPLACE.search(before) and not text.startswith("名下", m.end())  # 在他公司名下: whose, not where
    described = re.search(rf"{_OTHER_PARTY}(还是|是|为)?[^，。,；;！!？?]{{0,8}}$", text[max(0, m.start() - 16) : m.start()])  # 许可方是清远某大学
    return inside_other or bool(workplace or described or _PROVIDER.search(before) or _HEAD_COUNT.match(text, m.end()))


def _leads_its_clause(text: str, at: int) -> bool:
    """我校获得… names the asker; 本市某企业经我校许可 / 在我校服务 / 实施我校的专利 name us as the other
    party, a workplace or an owner: another party or a verb comes first in the clause."""
    before = text[_clause_of(text, at)[0] : at]
    return not (_KIND_WORD.search(before) or re.search(r"(经|由|向|从|给|与|跟|和|对|为|替|帮|被|在|于|实施|许可|使用)\s*$", before))


def read_applicant(text: str) -> str | None:
    """Who applies: the kind the asker names itself by (我们是…小学, 我司, 本人); else the first kind the
    question mentions that does not describe another party (the counterparty of a deal, a workplace,
    a provider, a head count)."""
    owner = _OWNER.search(text)
    if owner:
        return "individual" if owner.group(1) == "个人" else "enterprise" if owner.group(1) in ("公司", "企业") else "unit"
    own = [(m.start(), who) for word, who in _SELF_WORDS.items() for m in re.finditer(word, text)]
    own += [(m.start(), _kind(m)) for m in _SELF.finditer(text)]
    own = [(at, who) for at, who in own if _leads_its_clause(text, at)]
    if own:
        return min(own)[1]
    party = transaction(text).counterparty
    at = text.find(party) if party else -1
    other = (at, at + len(party)) if at >= 0 else None
    found = [(m.start(), _kind(m)) for m in _KIND_WORD.finditer(text) if not _names_another(text, m, other)]
    return min(found)[1] if found else None
