"""The award items in words: grouped by chapter and clause, each with its standard and limits. Used by
the staff calculator, the clause browser and the chat's overview (有哪些补贴).

Every figure comes from calculators/parameters.toml; nothing here restates a number of the policy.
"""

from __future__ import annotations

from decimal import Decimal

from calculators import Item, load_parameters, yuan
from calculators.money import plain
from calculators.params import Tier
from corpus import Clause, load_policy

APPLICANT_WORDS = {"enterprise": "企业", "unit": "单位", "individual": "个人"}
# count_limits: "any" is per invention (（二）同一项发明创造最多3个); "individual" is per year (（一）个人年度…)
COUNT_LIMIT_WORDS = {"any": "同一项发明创造最多", "individual": "个人年度最多"}


def clause_heading(clause: Clause) -> str:
    """（七）鼓励知识产权交易运用"""
    return f"{clause.label}{clause.title}"


def clauses_with_items() -> list[Clause]:
    """Numbered clauses that set at least one computable award, in policy order."""
    params = load_policy()
    ids = {item.clause for item in load_parameters().items.values()}
    return [c for c in params.clauses if c.id in ids]


def clause_choices() -> list[tuple[str, str]]:
    """Dropdown entries (label, clause id), the chapter named before the clause."""
    return [(f"{c.chapter} › {clause_heading(c)}", c.id) for c in clauses_with_items()]


def item_choices(clause_id: str) -> list[tuple[str, str]]:
    """Dropdown entries (label, item id) for one clause."""
    return [(i.name, i.id) for i in load_parameters().items_of_clause(clause_id)]


def _percent(rate: Decimal | None) -> str:
    return f"{plain((rate or Decimal(0)) * 100)}%"


def standard_text(item: Item) -> str:
    """The item's amount rule in a few words: 10万元/个, 官费的50%, 最高50万元…"""
    per = f"/{item.per}" if item.per else ""
    if item.shape == "fixed":
        return f"{yuan(item.amount or 0)}{per}"
    if item.shape == "ceiling":
        return f"最高{yuan(item.amount or 0)}{per}"
    if item.shape == "floor":
        return f"不低于{yuan(item.amount or 0)}"
    if item.shape == "per_unit":
        return f"{yuan(item.amount or 0)}/{item.unit_word}（{item.unit_label}）"
    if item.shape == "share":
        word = "不超过" if item.kind == "max" else ""
        return f"{word}{item.base_label}的{_percent(item.rate)}"
    if item.shape == "tiered":
        return "；".join(_tier_text(t) for t in item.tiers)
    if item.shape == "reimburse":
        return f"{item.base_label}全额"
    return ""


def _tier_text(tier: Tier) -> str:
    how = f"{yuan(tier.fixed)}" if tier.fixed else f"按{_percent(tier.rate)}"
    return f"{tier.label}{how}"


def limits_text(item: Item) -> str:
    """Caps and count limits: 年度不超过5万元, 个人每年不超过5件…"""
    parts = []
    if item.annual_cap is not None:
        parts.append(f"年度不超过{yuan(item.annual_cap)}")
    for who, n in item.count_limits.items():
        parts.append(f"{COUNT_LIMIT_WORDS.get(who, who)}{n}{item.count_unit or '件'}")
    for who, n in item.yearly_limits.items():
        parts.append(f"同一{APPLICANT_WORDS.get(who, who)}每年最多{n}件")
    if item.per_item_limit is not None:
        parts.append(f"每件最多{item.per_item_limit}{item.unit_word}{item.unit_label}")
    if item.requires is not None:
        r = item.requires
        parts.append(f"须{r.label}{r.at_least}{r.unit}以上")
    for cap in load_parameters().caps:
        if item.id in cap.items:
            parts.append(f"{cap.label}不超过{yuan(cap.cap)}")
    return "；".join(parts)


KIND_WORDS = {"exact": "确定金额", "max": "上限（评审确定）", "min": "下限"}
OVERVIEW_HEADERS = ["条款", "补助项目", "标准", "限额与条件", "金额性质"]


def overview_rows() -> list[list[str]]:
    """One row per award item, in clause order: the overview table of all award amounts."""
    policy = load_policy()
    rows = []
    for item in load_parameters().items.values():
        label = policy.get(item.clause).label
        rows.append([label, item.name, standard_text(item), limits_text(item), KIND_WORDS[item.kind]])
    return rows
