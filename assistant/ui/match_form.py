"""The 政策体检 form as data and pure functions: which parts of the form each applicant type sees, and
the form's values → the profile JSON that POST /api/match and `python -m assistant match` take, so the
three give one result for one profile.

The form only narrows what is shown; it decides nothing. A box ticked is a fact confirmed; a box left
empty is a fact not said (None), which the result lists as 须核实 — never a denial.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.match.profile import APPLICANT_TYPES, MAX_ENTRIES, PROJECTS, TITLES, ProfileError

EVERYONE = tuple(APPLICANT_TYPES)
FIRMS = ("enterprise", "agency")  # an agency is a company or a partnership: an enterprise to the policy
FOREIGN_SLOTS = CONTRACT_SLOTS = 3  # a short form; a longer year goes in as JSON


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    shown_to: tuple[str, ...]  # applicant types that can claim anything in it


# In the policy's order. Who sees what follows the clause's words: 企业 (二 七 八 九 十一 十三),
# 单位或个人 (一 四 五), 县（市、区）、园区 (十六 十七), 中小学校 (十九), 专利代理机构 (十四), 个人 (十八).
SECTIONS = (
    Section("domestic", "国内发明专利（第（一）条）", ("enterprise", "institution", "individual", "agency", "school")),
    Section("foreign", "国外发明专利（第（二）条）", FIRMS),
    Section("marks", "商标与地理标志（第（四）条）", ("enterprise", "institution", "individual", "agency", "county")),
    Section("copyright", "作品著作权（第（五）条）", ("enterprise", "institution", "individual", "agency", "school")),
    Section("contracts", "专利转让、许可合同（第（七）条）", FIRMS),
    Section("finance", "质押融资与专利保险（第（八）条）", ("enterprise", "institution", "agency")),
    Section("standards", "技术标准（第（九）条）", FIRMS),
    Section("management", "知识产权管理规范（贯标，第（十一）条）", ("enterprise", "institution", "agency")),
    Section("lawsuits", "维权胜诉（第（十三）条）", FIRMS),
    Section("titles", "称号与认定", ("enterprise", "institution", "agency", "school", "county", "park")),
    Section("projects", "获批项目（单项最高）", ("enterprise", "institution", "agency", "county", "park")),
    Section("agency", "新设立专利代理机构（第（十四）条）", ("agency",)),
    Section("agent", "专利代理师（第（十八）条）", ("individual",)),
)

# Which titles and projects each applicant type is offered, by who the clause names.
TITLE_CHOICES: dict[str, tuple[str, ...]] = {
    "enterprise": ("national_ip_demo_enterprise", "national_ip_advantage_enterprise", "provincial_ip_demo_enterprise",
                   "city_ip_advantage_enterprise", "national_copyright_demo_unit", "provincial_copyright_demo_unit",
                   "gi_product_protection"),
    "institution": ("national_copyright_demo_unit", "provincial_copyright_demo_unit", "gi_product_protection"),
    "school": ("national_school_ip_pilot", "national_school_ip_demo", "provincial_school_ip_pilot",
               "provincial_school_ip_demo", "national_copyright_demo_unit", "provincial_copyright_demo_unit"),
    "county": ("national_ip_pilot_county", "national_ip_demo_county", "gi_product_protection"),
    "park": ("national_ip_pilot_county", "national_ip_demo_county", "industrial_park_performance",
             "national_copyright_demo_park", "provincial_copyright_demo_park"),
}  # fmt: skip
TITLE_CHOICES["agency"] = TITLE_CHOICES["enterprise"]
PROJECT_CHOICES: dict[str, tuple[str, ...]] = {
    "enterprise": ("high_quality_patent_cultivation", "patent_implementation_project", "patent_navigation_project"),
    "institution": ("high_quality_patent_cultivation", "patent_implementation_project", "public_service_project"),
    "agency": ("high_quality_patent_cultivation", "patent_navigation_project", "ip_service_agency_award",
               "public_service_project"),
    "county": ("regional_brand_demo_zone",),
    "park": ("regional_brand_demo_zone",),
}  # fmt: skip

# Tick boxes: the label a visitor reads → the profile field it confirms.
CONTRACT_FACTS = {"对方为本市主体": "counterparty_local", "对方与本企业无关联": "counterparty_unrelated",
                  "已在国家知识产权局登记备案": "recorded", "本企业为受让方或被许可方": "we_receive"}  # fmt: skip
FINANCE_FACTS = {"已列入风险补偿扶持": "risk_listed", "已按期还款付息": "repaid_on_time"}
STANDARD_LEVELS = {"国际标准": "international", "国家标准": "national", "行业标准": "industry"}
MANAGEMENT_FACTS = {"首次通过知识产权管理规范": "first_pass", "完成首个认证周期": "cycle_completed"}
AGENT_FACTS = {"已通过专利代理资格考试": "exam_passed", "本地户籍或在本市就业、创业、求学": "resident_or_working_here",
               "在本市专利代理机构或企事业单位服务": "serves_here"}  # fmt: skip
AGENCY_KINDS = {"新设立专利代理机构": "new_agency", "新设立专利代理分支机构": "new_branch"}
LAWSUIT_COUNTS = {"first": "国内一审胜诉（件）", "second": "国内二审胜诉（件）", "overseas": "境外胜诉（件）"}


def sections_for(applicant: str) -> list[Section]:
    return [s for s in SECTIONS if applicant in s.shown_to]


def _number(value: object) -> Any:
    """A figure where 0 is a fact (有效发明专利0件, 服务1年): empty stays None (not said); typed text is read
    as a number; anything else goes to the profile as typed, so its bounds give the message."""
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace("，", "")
        try:
            return None if not value else int(value) if value.isdecimal() else float(value)
        except ValueError:
            return value
    return value


def _filled(value: object) -> Any:
    """A figure from a number box, which shows 0 when left empty: 0 is not filled in (no contract of 0元,
    no 0 patents to fund)."""
    n = _number(value)
    return None if n == 0 else n


def _count(value: object) -> Any:
    """A form count: 3.0 → 3; empty → 0; anything else as typed, for the profile to judge."""
    n = _filled(value)
    if n is None:
        return 0
    return int(n) if isinstance(n, float) and n.is_integer() else n


def _wins(value: object, level: str) -> int:
    """How many won cases of one instance: each becomes one entry of the profile's list."""
    n = _count(value)
    if not isinstance(n, int) or n < 0:
        raise ProfileError(f"体检信息有误：{LAWSUIT_COUNTS[level]}应为不小于0的整数。")
    return min(n, MAX_ENTRIES + 1)  # one over the limit, so the profile says how many it takes


def _ticked(labels: Sequence[str] | None, meaning: Mapping[str, str]) -> dict[str, bool]:
    """Ticked boxes as confirmed facts; the unticked are left out (not said), never set to False."""
    return {meaning[label]: True for label in labels or () if label in meaning}


def madrid_countries(text: str | None) -> list[int | str]:
    """'6, 12；3' → [6, 12, 3]: one figure per mark. A word that is not a figure is passed on as it is,
    so the profile says what is wrong with it."""
    # isdecimal, not isdigit: ² and ① are digits int() cannot read
    return [int(x) if x.isdecimal() else x for x in re.split(r"[,，;；、\s]+", str(text or "").strip()) if x]


def _drop_empty(profile: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in profile.items() if v not in (None, [], {}, "")}


def profile_from_form(values: Mapping[str, Any]) -> dict[str, Any]:
    """The form's values (by field name, see FIELDS in match_tab) → a profile dict; hidden sections are
    ignored, so switching applicant type never carries a fact into a section it does not see."""
    applicant = values.get("applicant") or "enterprise"
    profile: dict[str, Any] = {"applicant": applicant, "name": str(values.get("name") or "").strip(),
                               "local": True if values.get("local") else None, "year": _filled(values.get("year"))}
    builders = {"domestic": _domestic, "foreign": _foreign, "marks": _marks, "copyright": _copyright,
                "contracts": _contracts, "finance": _finance, "standards": _standards, "management": _management,
                "lawsuits": _lawsuits, "titles": _titles, "projects": _projects, "agency": _agency, "agent": _agent}
    for section in sections_for(applicant):  # in the policy's order, as the profile lists them
        profile.update(builders[section.id](values))
    return _drop_empty(profile)


def _domestic(v: Mapping[str, Any]) -> dict[str, Any]:
    part = _drop_empty({"patents": _count(v.get("domestic_patents")) or None,
                        "official_fees_yuan": _filled(v.get("domestic_fees_yuan"))})
    return {"domestic_patents": part}


def _foreign(v: Mapping[str, Any]) -> dict[str, Any]:
    grants = [{"countries": _count(v.get(f"foreign{n}_countries")), "official_fees_yuan": _filled(v.get(f"foreign{n}_fees_yuan"))}
              for n in range(1, FOREIGN_SLOTS + 1) if _filled(v.get(f"foreign{n}_countries")) is not None]  # fmt: skip
    return {"foreign_patents": grants}


def _marks(v: Mapping[str, Any]) -> dict[str, Any]:
    return {"marks": _drop_empty({"gi_or_collective": _count(v.get("gi_or_collective")) or None,
                                  "certification": _count(v.get("certification")) or None,
                                  "collective": _count(v.get("collective")) or None,
                                  "madrid_countries": madrid_countries(v.get("madrid_countries"))})}  # fmt: skip


def _copyright(v: Mapping[str, Any]) -> dict[str, Any]:
    return {"copyright": _drop_empty({"registrations": _count(v.get("registrations")) or None,
                                      "most_valuable_works": _count(v.get("most_valuable_works")) or None})}


def _contracts(v: Mapping[str, Any]) -> dict[str, Any]:
    deals = [{"amount_yuan": _filled(v.get(f"contract{n}_yuan")), **_ticked(v.get(f"contract{n}_facts"), CONTRACT_FACTS)}
             for n in range(1, CONTRACT_SLOTS + 1) if _filled(v.get(f"contract{n}_yuan")) is not None]  # fmt: skip
    return {"contracts": deals}


def _finance(v: Mapping[str, Any]) -> dict[str, Any]:
    money = _drop_empty({"pledge_interest_yuan": _filled(v.get("pledge_interest_yuan")),
                         "insurance_premium_yuan": _filled(v.get("insurance_premium_yuan"))})
    return {"finance": {**money, **_ticked(v.get("finance_facts"), FINANCE_FACTS)} if money else {}}


def _standards(v: Mapping[str, Any]) -> dict[str, Any]:
    levels = _ticked(v.get("standards"), STANDARD_LEVELS)  # ticked = 牵头、以自主发明专利制定并已发布实施
    return {"standards": [{"level": level, "led": True, "published": True, "own_patent": True} for level in levels]}


def _management(v: Mapping[str, Any]) -> dict[str, Any]:
    facts = _ticked(v.get("management_facts"), MANAGEMENT_FACTS)
    valid = _number(v.get("valid_invention_patents"))
    return {"management": {**facts, **({"valid_invention_patents": _count(valid)} if valid is not None else {})}
            if facts else {}}


def _lawsuits(v: Mapping[str, Any]) -> dict[str, Any]:
    object_said = True if v.get("lawsuits_patent_or_trademark") else None
    wins = [{"instance": level, **({"patent_or_trademark": True} if object_said else {})}
            for level in LAWSUIT_COUNTS for _ in range(_wins(v.get(f"wins_{level}"), level))]  # fmt: skip
    return {"lawsuits": wins}


def _titles(v: Mapping[str, Any]) -> dict[str, Any]:
    newly = {"newly": True} if v.get("titles_newly") else {}
    return {"titles": [{"award": t, **newly} for t in v.get("titles") or () if t in TITLES]}


def _projects(v: Mapping[str, Any]) -> dict[str, Any]:
    approved = {"approved": True} if v.get("projects_approved") else {}
    return {"projects": [{"award": p, **approved} for p in v.get("projects") or () if p in PROJECTS]}


def _agency(v: Mapping[str, Any]) -> dict[str, Any]:
    kind = AGENCY_KINDS.get(v.get("agency_kind") or "")
    years = _number(v.get("agency_years"))
    return {"agency": {"kind": kind, **({"years_operating": years} if years is not None else {})} if kind else {}}


def _agent(v: Mapping[str, Any]) -> dict[str, Any]:
    part = _drop_empty({"exam_fee_yuan": _filled(v.get("exam_fee_yuan")),
                        "certified_years_served": _number(v.get("agent_years"))})
    facts = _ticked(v.get("agent_facts"), AGENT_FACTS)
    return {"agent": {**part, **facts} if part or facts else {}}
