"""The 政策体检 profile: who the applicant is and what it had and did in one year, grouped by the policy's
chapters. Every field is bounded; a condition is True (said met), False (said not met) or None (not
said: listed as 待确认, never assumed false).

The JSON form (POST /api/match, `python -m assistant match profile.json`) is this model; the 政策体检 tab
builds the same model from its form and shows it, so the three give the same result for the same profile.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.respond.validation import chinese_errors
from calculators.money import ABSURD_YUAN

ApplicantType = Literal["enterprise", "institution", "individual", "school", "agency", "county", "park"]
APPLICANT_TYPES: dict[str, str] = {
    "enterprise": "企业",
    "institution": "事业单位、科研院所或高校",
    "individual": "个人",
    "school": "中小学校",
    "agency": "知识产权服务机构（含专利代理机构）",
    "county": "县（市、区）",
    "park": "园区",
}
# The applicant as the calculators name it (calculators/inputs.py APPLICANTS). A patent agency is a company
# or a partnership, so an enterprise; the others are the calculators' own kinds.
CALCULATOR_APPLICANT: dict[str, str] = {
    "enterprise": "enterprise", "agency": "enterprise", "individual": "individual",
    "institution": "institution", "school": "school", "county": "county", "park": "park",
}  # fmt: skip

MAX_ENTRIES = 50  # contracts, lawsuits, grants … in one profile: more is a typing slip, not a year
Yuan = Annotated[Decimal, Field(ge=0, le=ABSURD_YUAN, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=10_000)]  # of one applicant's year: more is a typing slip
Years = Annotated[Decimal, Field(ge=0, le=200, allow_inf_nan=False)]
Said = bool | None

# Awards obtained by being named or approved, with no figure to give: 称号、认定、批准 and projects.
TITLES = (
    "gi_product_protection", "national_copyright_demo_park", "national_copyright_demo_unit",
    "provincial_copyright_demo_park", "provincial_copyright_demo_unit", "national_ip_demo_enterprise",
    "national_ip_advantage_enterprise", "provincial_ip_demo_enterprise", "city_ip_advantage_enterprise",
    "national_ip_pilot_county", "national_ip_demo_county", "industrial_park_performance",
    "national_school_ip_pilot", "national_school_ip_demo", "provincial_school_ip_pilot", "provincial_school_ip_demo",
)  # fmt: skip
PROJECTS = (
    "high_quality_patent_cultivation", "regional_brand_demo_zone", "patent_implementation_project",
    "patent_navigation_project", "ip_service_agency_award", "public_service_project",
)  # fmt: skip
TitleId = Literal[TITLES]  # type: ignore[valid-type]
ProjectId = Literal[PROJECTS]  # type: ignore[valid-type]


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DomesticPatents(Part):
    patents: Count = Field(0, title="国内发明专利授权件数")
    official_fees_yuan: Yuan | None = Field(None, title="获得授权所缴官方规定费用合计（元）")
    funded_this_year: Count | None = Field(None, title="本年度已获资助的件数")


class ForeignGrant(Part):
    """One invention granted abroad: in how many countries or regions, and the official fees paid."""

    countries: int = Field(..., ge=1, le=250, title="授权国家或地区数")
    official_fees_yuan: Yuan | None = Field(None, title="所缴官方规定费用合计（元）")


class Marks(Part):
    gi_or_collective: Count = Field(0, title="地理标志证明商标或集体商标（个）")
    certification: Count = Field(0, title="证明商标（非地理标志，个）")
    collective: Count = Field(0, title="集体商标（非地理标志，个）")
    madrid_countries: list[Annotated[int, Field(ge=1, le=250)]] = Field(
        default_factory=list, max_length=MAX_ENTRIES, title="马德里商标各件指定的国家或地区数")


class Copyright(Part):
    registrations: Count = Field(0, title="作品著作权登记证书（个）")
    funded_this_year: Count | None = Field(None, title="本年度已获资助的作品数")
    most_valuable_works: Count = Field(0, title="广东省最具价值版权作品（个）")


class Contract(Part):
    """A patent transfer or licence (clause 7): the amount and what is known of the other side."""

    amount_yuan: Annotated[Decimal, Field(gt=0, le=ABSURD_YUAN, allow_inf_nan=False)] = Field(..., title="合同金额（元）")
    counterparty_local: Said = Field(None, title="对方为本市主体")
    counterparty_unrelated: Said = Field(None, title="对方与本企业无关联")
    recorded: Said = Field(None, title="已在国家知识产权局登记备案")
    we_receive: Said = Field(None, title="本企业为受让方或被许可方")


class Finance(Part):
    pledge_interest_yuan: Yuan | None = Field(None, title="质押融资实缴利息（元）")
    risk_listed: Said = Field(None, title="已列入风险补偿扶持")
    repaid_on_time: Said = Field(None, title="已按期还款付息")
    insurance_premium_yuan: Yuan | None = Field(None, title="专利保险实际保费（元）")


class Standard(Part):
    level: Literal["international", "national", "industry"] = Field(..., title="标准级别")
    led: Said = Field(None, title="本企业牵头")
    published: Said = Field(None, title="已发布实施")
    own_patent: Said = Field(None, title="由本企业自主发明专利转化")


class Management(Part):
    """贯标 (clause 11): passed for the first time, and/or completed the first certification cycle."""

    first_pass: Said = Field(None, title="首次通过知识产权管理规范")  # None or False: not claimed
    cycle_completed: Said = Field(None, title="完成首个认证周期")
    valid_invention_patents: Count | None = Field(None, title="有效发明专利件数")


class Lawsuit(Part):
    instance: Literal["first", "second", "overseas"] = Field(..., title="胜诉审级")
    patent_or_trademark: Said = Field(None, title="专利或商标侵权案件")


class Title(Part):
    award: TitleId = Field(..., title="称号或认定")
    newly: Said = Field(None, title="本年新认定")


class Project(Part):
    award: ProjectId = Field(..., title="项目")
    count: int = Field(1, ge=1, le=MAX_ENTRIES, title="项目数")
    approved: Said = Field(None, title="已获批准立项")


class Agency(Part):
    kind: Literal["new_agency", "new_branch"] = Field(..., title="新设立的机构类型")
    years_operating: Years | None = Field(None, title="开展代理业务年限（年）")


class Agent(Part):
    exam_fee_yuan: Yuan | None = Field(None, title="专利代理资格考试报名费（元）")
    exam_passed: Said = Field(None, title="已通过专利代理资格考试")
    resident_or_working_here: Said = Field(None, title="本地户籍或在本市就业、创业、求学")
    certified_years_served: Years | None = Field(None, title="持证在本市服务年限（年）")
    serves_here: Said = Field(None, title="在本市专利代理机构或企事业单位服务")


class Profile(Part):
    applicant: ApplicantType = Field(..., title="申请人类型")
    name: str = Field("", max_length=60, title="名称")
    local: Said = Field(None, title="本市（清远）申请人")
    year: int | None = Field(None, ge=2000, le=2100, strict=True, title="年度")
    domestic_patents: DomesticPatents | None = Field(None, title="国内发明专利")
    foreign_patents: list[ForeignGrant] = Field(default_factory=list, max_length=MAX_ENTRIES, title="国外发明专利")
    marks: Marks | None = Field(None, title="商标与地理标志")
    copyright: Copyright | None = Field(None, title="版权")
    contracts: list[Contract] = Field(default_factory=list, max_length=MAX_ENTRIES, title="专利交易运用合同")
    finance: Finance | None = Field(None, title="知识产权金融")
    standards: list[Standard] = Field(default_factory=list, max_length=20, title="技术标准")
    management: Management | None = Field(None, title="知识产权管理规范（贯标）")
    lawsuits: list[Lawsuit] = Field(default_factory=list, max_length=MAX_ENTRIES, title="维权胜诉")
    titles: list[Title] = Field(default_factory=list, max_length=len(TITLES), title="称号与认定")
    projects: list[Project] = Field(default_factory=list, max_length=len(PROJECTS), title="项目")
    agency: Agency | None = Field(None, title="新设立专利代理机构")
    agent: Agent | None = Field(None, title="专利代理师")

    @model_validator(mode="after")
    def _each_title_once(self) -> Profile:
        for listed, what in ((self.titles, "称号或认定"), (self.projects, "项目")):
            awards = [entry.award for entry in listed]
            if len(awards) != len(set(awards)):
                raise ValueError(f"同一{what}只能填写一次")
        return self

    @property
    def calculator_applicant(self) -> str:
        return CALCULATOR_APPLICANT[self.applicant]


# The codes a profile uses, in Chinese, for error messages.
GLOSSARY = {**APPLICANT_TYPES, "international": "国际标准", "national": "国家标准", "industry": "行业标准",
            "first": "一审", "second": "二审", "overseas": "境外", "new_agency": "新设立专利代理机构", "new_branch": "新设立专利代理分支机构"}


class ProfileError(ValueError):
    """A profile that cannot be read, with a Chinese message for whoever sent it."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


def read_profile(data: object) -> Profile:
    """A Profile from parsed JSON (or a Profile); ProfileError with a Chinese message otherwise."""
    if isinstance(data, Profile):
        return data
    if not isinstance(data, dict):
        raise ProfileError("体检信息应为一个 JSON 对象，例如 {\"applicant\": \"enterprise\", \"contracts\": [...]}。")
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(chinese_errors(exc.errors(), Profile, lead="体检信息有误", glossary=GLOSSARY)) from None


def parse_profile(text: str) -> Profile:
    """A Profile from JSON text (the CLI's file, the tab's JSON box); ProfileError in Chinese otherwise."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(f"体检信息不是合法的 JSON（第{exc.lineno}行第{exc.colno}列）。") from None
    except RecursionError:
        raise ProfileError("体检信息嵌套过深，不是一份体检信息。") from None
    return read_profile(data)


def _json_numbers(value: Any) -> Any:
    """Decimals as JSON numbers (pydantic's JSON mode writes them as strings)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _json_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_numbers(v) for v in value]
    return value


def profile_json(profile: Profile) -> dict[str, Any]:
    """The profile as plain JSON, only what was filled in (so it reads like what the user said)."""
    return _json_numbers(profile.model_dump(exclude_defaults=True))  # type: ignore[no-any-return]
