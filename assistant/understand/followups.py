"""Follow-ups in a conversation: "那600万呢？" edits the last question's facts, "一共多少" adds up every award
discussed, "那二审呢？" keeps the facts that still apply, "每件都这个官费" makes an earlier fee per patent."""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.understand.facts import PER_UNIT, Cases, Facts, facts_for, limited_by_year
from assistant.understand.intents import asks
from assistant.understand.slots import Slots
from calculators import Item, inputs_of, load_parameters
from calculators.inputs import COUNTRIES, EVENT_DATE, FEES_BY_COUNTRY_YUAN, OFFICIAL_FEES_YUAN
from calculators.money import plain

FOLLOW_UP = re.compile(r"^(那|那么|如果|要是|假如|假设|换成|改成|若|再问|可是|但是|后来|后面)|呢[？?。!！]*$|^(是)?(个人|企业|公司|单位)")
_SAME_EACH = re.compile(r"每(件|个|项)[^，。,；;\d]{0,3}(这个|同样|一样|相同)")


def is_follow_up(question: str, whole: Slots) -> bool:
    return (not whole.empty() or whole.bare_number is not None or bool(FOLLOW_UP.search(question))
            or asks("accumulate", question))


# 另一件商标指定了22个: a second thing of the same kind, added to the conversation's total, not an edit of
# the first (那600万呢 is an edit).
ANOTHER = re.compile(r"另(一|外一?)(件|个|项|份|笔)|还有(一|1)(件|个|项|份|笔)|第(二|三|四|2|3|4)(件|个|项|份|笔)|又(一|1)(件|个|项|份|笔)"
                     r"|另外[^，。,；;]{0,10}还(有|登记|授权|注册|申请|获|拿|买|签|受让|许可|赢|胜诉)")  # not 另外问下…还是


def merged_cases(history: list[tuple[tuple[str, ...], tuple[Facts, ...], bool]]) -> Cases | None:
    """A conversation's calculations as one set of cases (一共多少): each award once with its latest facts,
    except a question about another one of the same kind (`adds`), which is counted beside it."""
    if not history:
        return None
    params = load_parameters()
    cases: dict[tuple[str, int], Facts] = {}
    for items, facts_list, adds in history:
        for item_id, item_facts in zip(items, facts_list, strict=True):
            same = [key for key in cases if key[0] == item_id]
            if adds and same and _one_yearly_count(params.item(item_id), cases[same[-1]], item_facts):
                cases[same[-1]] = _added(params.item(item_id), cases[same[-1]], item_facts)
                continue
            key = (item_id, len(same)) if adds or not same else same[-1]
            cases.pop(key, None)
            cases[key] = item_facts
    return Cases(tuple(item for item, _ in cases), tuple(cases.values()), {})


def history_cases(routes: list[tuple[str, tuple[str, ...], tuple[Facts, ...]]]) -> Cases | None:
    """A conversation's calculations (question, items, facts) as one set of cases. A question about
    another one that was answered with the earlier ones added in (holds_earlier) already holds them all."""
    if not routes:
        return None
    start = max((n for n, (text, items, _) in enumerate(routes)
                 if holds_earlier(text, items, tuple(i for _, e, _ in routes[:n] for i in e))), default=0)
    return merged_cases([(routes[start][1], routes[start][2], start > 0)]
                        + [(items, facts, bool(ANOTHER.search(text))) for text, items, facts in routes[start + 1 :]])


def beside(question: str, earlier: Cases, cases: Cases) -> Cases:
    """另外还有一件…一共 / 另外同年还登记了55件: the new cases with the earlier ones added in (holds_earlier)."""
    if not holds_earlier(question, cases.items, earlier.items):
        return cases
    return merged_cases([(earlier.items, earlier.facts, False), (cases.items, cases.facts, True)]) or cases


def holds_earlier(question: str, items: tuple[str, ...], earlier: tuple[str, ...]) -> bool:
    """Whether a 另外还有一件… question is answered with the earlier ones added in: it asks for the total
    (一共), or a yearly limit spans both (个人5件, 单位100件 a year). 另一件…这一件能拿多少 asks about this one."""
    if not ANOTHER.search(question):
        return False
    params = load_parameters()
    return asks("accumulate", question) or any(limited_by_year(params.item(i)) for i in items if i in earlier)


def _one_yearly_count(item: Item, old: Facts, new: Facts) -> bool:
    """More of the same kind in the same year, where the clause limits how many a year are funded (个人5件,
    单位100件): one count, so the limit applies to the year's total."""
    same_year = new.get(EVENT_DATE) in (None, old.get(EVENT_DATE))  # 同年 / not said: the year asked about
    return limited_by_year(item) and same_year


def _added(item: Item, old: Facts, new: Facts) -> Facts:
    total = {**old, **new}
    for name in (item.count_input, item.unit_input, item.base_input):
        if name and name in old and name in new:
            total[name] = Decimal(str(old[name])) + Decimal(str(new[name]))
    return total


def edited(items: tuple[str, ...], facts_list: tuple[Facts, ...], whole: Slots,
           pending: str | None) -> tuple[Cases, str | None]:  # fmt: skip
    """"那600万呢？" edits the last question: same awards, the new facts replace the old. Returns the cases
    and, when a bare figure cannot be placed, the question to ask."""
    params = load_parameters()
    clarify = None
    out: list[Facts] = []
    for item_id, old in zip(items, facts_list, strict=True):
        item = params.item(item_id)
        new = facts_for(item, whole, whole)
        rescale_per_unit(item, old, new, whole)
        if pending and pending not in new and whole.bare_number is not None:
            new[pending] = whole.bare_number  # answering our own question with a bare "1200000"
        elif not new and whole.bare_number is not None:
            clarify = f"请说明“{plain(whole.bare_number)}”指的是什么，以及单位（元、万元、件、个国家等）。"
        out.append({**old, **more_countries(old, new, whole)})
    return Cases(items, tuple(out), {}), clarify


def rescale_per_unit(item: Item, old: Facts, new: Facts, whole: Slots) -> None:
    """每件官费3000元 then 那如果是7件呢: the total follows the count at the per-unit fee last given."""
    if not (item.base_input and item.count_input):
        return
    if whole.per_unit_money and whole.money and item.count_input not in new:
        new[PER_UNIT] = whole.money[0]  # a per-unit fee for the count said before
    if _SAME_EACH.search(whole.text) and PER_UNIT not in old and item.base_input in old:
        new[PER_UNIT] = old[item.base_input]  # 每件都这个官费: the fee said before is each patent's
    per_unit = new.get(PER_UNIT, old.get(PER_UNIT))
    count = new.get(item.count_input, old.get(item.count_input))
    if per_unit is not None and count is not None and (PER_UNIT in new or item.count_input in new):
        new[item.base_input] = Decimal(str(per_unit)) * int(count)  # type: ignore[call-overload]


def more_countries(old: Facts, new: Facts, whole: Slots) -> Facts:
    """同一个发明后来又在欧洲和韩国授权了: the new countries add to the ones already counted."""
    earlier = old.get(FEES_BY_COUNTRY_YUAN) or ([old[OFFICIAL_FEES_YUAN]] if OFFICIAL_FEES_YUAN in old else [])
    if not (re.search(r"又|还|另外|再", whole.text) and FEES_BY_COUNTRY_YUAN in new and earlier):
        return new
    fees = [*earlier, *new[FEES_BY_COUNTRY_YUAN]]  # type: ignore[misc]
    return {**new, FEES_BY_COUNTRY_YUAN: fees, OFFICIAL_FEES_YUAN: sum(fees), COUNTRIES: len(fees)}


def joined(previous: Cases, cases: Cases, question: str, whole: Slots) -> Cases:
    """A follow-up naming another award: 一共/总共 adds it to the earlier ones; otherwise the facts
    that still apply carry over (那二审呢？ keeps the count of cases)."""
    params = load_parameters()
    if holds_earlier(question, cases.items, previous.items):  # 另外还有一件…一共: beside the earlier ones
        return beside(question, previous, cases)
    if ANOTHER.search(question):
        return cases  # 另一件…这一件能拿多少: this one alone (一共 later adds it to the others)
    if asks("accumulate", question):
        earlier = [(i, f) for i, f in zip(previous.items, previous.facts, strict=True) if i not in cases.items]
        return Cases((*(i for i, _ in earlier), *cases.items), (*(dict(f) for _, f in earlier), *cases.facts),
                     cases.texts)  # fmt: skip
    old = {k: v for f in previous.facts for k, v in f.items()}
    facts = list(cases.facts)
    for n, item_id in enumerate(cases.items):
        if item_id not in previous.items and not FOLLOW_UP.search(question):
            continue  # a new award without 那/如果…: a new question
        specs = {s.name for s in inputs_of(item_id, params)} | {PER_UNIT}
        kept = {k: v for k, v in old.items() if k in specs}
        rescale_per_unit(params.item(item_id), kept, facts[n], whole)
        facts[n] = {**kept, **more_countries(kept, facts[n], whole)}
    return Cases(cases.items, tuple(facts), cases.texts)
