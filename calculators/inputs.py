"""What each calculator needs from the user, derived from its parameters, and how to check it.

One spec list per item drives validation here, the LangChain tool schemas, the Gradio calculator
form and the assistant's follow-up questions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from calculators.errors import InvalidInput, MissingFacts
from calculators.money import ABSURD_YUAN, as_decimal
from calculators.params import Item

InputType = Literal["yuan", "yuan_list", "count", "years", "applicant", "date"]
APPLICANTS = {"enterprise": "企业", "unit": "单位", "individual": "个人", "institution": "事业单位",
              "school": "中小学校", "county": "县（市、区）", "park": "园区"}  # fmt: skip
# The kinds of 单位 that are not enterprises: 事业单位 (高校、科研院所、医院), and those some clauses name
# (第（十六）条 县（市、区）、园区; 第（十七）条 园区; 第（十九）条 中小学校).
UNIT_KINDS = ("institution", "school", "county", "park")


def applicant_covered(applicant: str, allowed: tuple[str, ...]) -> bool:
    """Whether who the clause names (`allowed`, empty: anyone) covers `applicant`. 企业 and each kind of
    单位 are 单位 where a clause speaks of 单位. A 单位 of unsaid kind (我们单位) may be an enterprise or any
    kind a clause names: it is not refused, and the clause's words are stated as a condition."""
    if not allowed or applicant in allowed:
        return True
    if "unit" in allowed and (applicant == "enterprise" or applicant in UNIT_KINDS):
        return True
    return applicant == "unit" and any(kind == "enterprise" or kind in UNIT_KINDS for kind in allowed)


@dataclass(frozen=True)
class InputSpec:
    name: str
    label: str  # 中文, as a form or a follow-up question names it
    type: InputType
    required: bool = False
    default: object = None
    ceiling: int = 0  # above this the value is absurd (0: use the type's)


# Every calculator input name, once. parameters.toml names each item's inputs with these; the reader
# (assistant/understand) fills them by these constants, so renaming one cannot break routing silently.
CONTRACT_YUAN = "contract_yuan"
OFFICIAL_FEES_YUAN = "official_fees_yuan"
INTEREST_YUAN = "interest_yuan"
PREMIUM_YUAN = "premium_yuan"
EXAM_FEE_YUAN = "exam_fee_yuan"
GRANTED_THIS_YEAR_YUAN = "granted_this_year_yuan"
FEES_BY_COUNTRY_YUAN = "fees_by_country_yuan"
PATENTS = "patents"
COUNTRIES = "countries"
MARKS = "marks"
WORKS = "works"
CASES = "cases"
FUNDED_THIS_YEAR = "funded_this_year"
VALID_INVENTION_PATENTS = "valid_invention_patents"
YEARS_OPERATING = "years_operating"
YEARS_SERVED = "years_served"
APPLICANT = "applicant"
EVENT_DATE = "event_date"

# Labels and plausibility ceilings by input name.
_LABELS: dict[str, tuple[str, InputType, int]] = {
    CONTRACT_YUAN: ("交易运用合同金额（元）", "yuan", 0),
    OFFICIAL_FEES_YUAN: ("获得授权所缴官方规定费用（元）", "yuan", 0),
    INTEREST_YUAN: ("实缴利息（元）", "yuan", 0),
    PREMIUM_YUAN: ("实际保费支出（元）", "yuan", 0),
    EXAM_FEE_YUAN: ("专利代理资格考试报名费（元）", "yuan", 0),
    GRANTED_THIS_YEAR_YUAN: ("本年度已获本项补助（元）", "yuan", 0),
    FEES_BY_COUNTRY_YUAN: ("各国家或地区的授权官费（元）", "yuan_list", 0),
    PATENTS: ("发明专利件数", "count", 100_000),
    COUNTRIES: ("国家或地区数", "count", 250),  # there are fewer than 250 countries and regions
    MARKS: ("商标件数", "count", 100_000),
    WORKS: ("作品件数", "count", 1_000_000),
    CASES: ("胜诉案件数", "count", 10_000),
    FUNDED_THIS_YEAR: ("本年度已获资助的件数", "count", 1_000_000),
    VALID_INVENTION_PATENTS: ("有效发明专利件数", "count", 1_000_000),
    YEARS_OPERATING: ("开展代理业务年限（年）", "years", 200),
    YEARS_SERVED: ("在我市服务年限（年）", "years", 80),
    APPLICANT: ("申请人类型（企业/单位/个人）", "applicant", 0),
    EVENT_DATE: ("授权、签订或获批日期", "date", 0),
}
INPUT_NAMES = frozenset(_LABELS)


# Counts that name what is being funded: zero of them is no case, not a 0元 answer.
_AT_LEAST_ONE = {PATENTS, COUNTRIES, MARKS, WORKS, CASES}


def input_label(name: str) -> str:
    """The Chinese label of a calculator input, as a form or a follow-up question names it."""
    return _LABELS[name][0]


def _spec(name: str, *, required: bool = False, default: object = None) -> InputSpec:
    label, kind, ceiling = _LABELS[name]
    return InputSpec(name, label, kind, required, default, ceiling)


def input_specs(item: Item, capped_by_group: bool = False) -> tuple[InputSpec, ...]:
    """The facts `item`'s calculator reads, required ones first. `capped_by_group`: the item shares
    a yearly cap with others (clause 13), so what was granted this year matters."""
    specs: list[InputSpec] = []
    if item.base_input:
        specs.append(_spec(item.base_input, required=True))
    if item.unit_input:
        specs.append(_spec(item.unit_input, required=True))
    if item.count_input:
        specs.append(_spec(item.count_input, default=1))
    if "any" in item.count_limits:  # per-country fees: the limit funds the highest ones (clause 2)
        specs.append(_spec(FEES_BY_COUNTRY_YUAN))
    if "individual" in item.count_limits or item.yearly_limits:
        # funded_this_year / granted_this_year_yuan stay unset when not given: the calculator then
        # says it assumes none this year (a stated assumption, not a fact the user gave).
        specs += [_spec(APPLICANT, default="enterprise"), _spec(FUNDED_THIS_YEAR)]
    elif item.applicants:
        specs.append(_spec(APPLICANT))  # checked against who the clause names (本市企业, 个人)
    if item.annual_cap is not None or capped_by_group:
        specs.append(_spec(GRANTED_THIS_YEAR_YUAN))
    if item.requires:
        specs.append(_spec(item.requires.input))
    specs.append(_spec(EVENT_DATE))
    return tuple(specs)


def _check(spec: InputSpec, value: object) -> object:
    """One value, checked and converted; raises InvalidInput with a Chinese message."""
    if spec.type == "applicant":
        if not isinstance(value, str) or value not in APPLICANTS:
            raise InvalidInput(f"{spec.label}只能是{'、'.join(APPLICANTS.values())}。")
        return value
    if spec.type == "yuan_list":
        if not isinstance(value, (list, tuple)) or not value:
            raise InvalidInput(f"{spec.label}应为一组金额。")
        return tuple(_check(InputSpec(spec.name, spec.label, "yuan"), v) for v in value)
    if spec.type == "date":
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError as exc:
            raise InvalidInput(f"{spec.label}应为日期，例如2022-06-01。") from exc
    try:
        number = as_decimal(value)
    except ValueError as exc:
        raise InvalidInput(f"{spec.label}应为数字，请重新输入。") from exc
    if number < 0:
        raise InvalidInput(f"{spec.label}不能为负数，请核对后重新输入。")
    ceiling = Decimal(spec.ceiling) if spec.ceiling else ABSURD_YUAN
    if number > ceiling:
        raise InvalidInput(f"{spec.label}数值过大（超过{ceiling:,}），请核对后重新输入。")
    if spec.type == "count":
        if number != number.to_integral_value():
            raise InvalidInput(f"{spec.label}应为整数。")
        if number == 0 and spec.name in _AT_LEAST_ONE:
            raise InvalidInput(f"{spec.label}至少为1，请核对后重新输入。")
        return int(number)
    return number


def validate(
    item: Item, facts: Mapping[str, object], capped_by_group: bool = False, *, partial: bool = False
) -> dict[str, object]:
    """Checked facts for `item`, defaults filled. Optional facts are checked before required ones
    are asked for, so a date outside the policy is explained before we ask for a contract amount.
    `partial`: check only the facts given (no defaults, nothing missing)."""
    known = {s.name: s for s in input_specs(item, capped_by_group)}
    unknown = sorted(set(facts) - set(known))
    if unknown:
        labels = "、".join(_LABELS[n][0] if n in _LABELS else "未知信息" for n in unknown)
        raise InvalidInput(f"“{item.name}”不需要这些信息：{labels}。")
    checked: dict[str, object] = {}
    for spec in sorted(known.values(), key=lambda s: s.required):
        value = facts.get(spec.name)
        if value is None or value == "":
            if partial:
                continue
            if spec.required:
                raise MissingFacts(
                    f"计算“{item.name}”需要{spec.label}。",
                    item=item.id,
                    missing=spec.name,
                    follow_up=f"请问{spec.label.split('（')[0]}是多少？",
                )
            if spec.default is not None:
                checked[spec.name] = spec.default
            continue
        checked[spec.name] = _check(spec, value)
    return checked
