"""From a profile to claims: one (award item, facts for its calculator, conditions said) per thing the
applicant had or did. No amounts here: the calculators compute every one in matching.py.

The conditions are the ones intents.toml names ([conditions]: recorded, unrelated, standard_lead …), so
the chat and the 体检 speak of a condition in the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from assistant.match.profile import Profile
from calculators import load_parameters
from calculators.inputs import (
    APPLICANT,
    CASES,
    CONTRACT_YUAN,
    COUNTRIES,
    EVENT_DATE,
    EXAM_FEE_YUAN,
    FUNDED_THIS_YEAR,
    INTEREST_YUAN,
    MARKS,
    OFFICIAL_FEES_YUAN,
    PATENTS,
    PREMIUM_YUAN,
    VALID_INVENTION_PATENTS,
    WORKS,
    YEARS_OPERATING,
    YEARS_SERVED,
    input_specs,
)
from calculators.money import yuan

Said = bool | None


# Facts a profile records of every title and project. Where the item's clause names the condition
# (intents.toml: 新认定 for clause 11, 经批准立项 for clauses 6 and 15) the clause's words are used; for
# the others, False is still a "no" the profile said, in these words.
PROFILE_FACTS = {"newly_recognised": "本年新获得（往年已获得的不计入本年）", "approved": "经批准立项或列入"}


@dataclass(frozen=True)
class Claim:
    item: str
    facts: dict[str, object]
    label: str = ""  # which one, when a profile has several: 合同2（120万元）
    said: dict[str, Said] = field(default_factory=dict)  # condition id -> met / not met / not said


def event_day(year: int | None) -> dt.date | None:
    """The year's last day stands for its events: a year outside the policy's dates then says so, and a
    year inside it is within the period (2021: from the day it took effect, said in the notices)."""
    return dt.date(year, 12, 31) if year is not None else None


def _base(profile: Profile) -> dict[str, object]:
    day = event_day(profile.year)
    return {EVENT_DATE: day} if day else {}



def _drop_none(facts: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in facts.items() if v is not None}


def _patents(p: Profile) -> Iterator[Claim]:
    d = p.domestic_patents
    if d is not None and (d.patents or d.official_fees_yuan is not None):
        yield Claim("domestic_invention_patent", _drop_none({
            OFFICIAL_FEES_YUAN: d.official_fees_yuan, PATENTS: d.patents or None,
            FUNDED_THIS_YEAR: d.funded_this_year}))  # fmt: skip
    for n, grant in enumerate(p.foreign_patents, 1):
        yield Claim("foreign_invention_patent", _drop_none({OFFICIAL_FEES_YUAN: grant.official_fees_yuan,
                                                            COUNTRIES: grant.countries}),
                    f"第{n}项（{grant.countries}个国家或地区）")  # fmt: skip


def _marks(p: Profile) -> Iterator[Claim]:
    m = p.marks
    if m is None:
        return
    for item, count in (("gi_certification_or_collective_mark", m.gi_or_collective),
                        ("certification_mark", m.certification), ("collective_mark", m.collective)):
        if count:
            yield Claim(item, {MARKS: count}, f"{count}个")
    for n, countries in enumerate(m.madrid_countries, 1):
        yield Claim("madrid_trademark", {COUNTRIES: countries}, f"第{n}件（{countries}个国家或地区）")


def _copyright(p: Profile) -> Iterator[Claim]:
    c = p.copyright
    if c is None:
        return
    if c.registrations:
        yield Claim("copyright_registration", _drop_none({WORKS: c.registrations, FUNDED_THIS_YEAR: c.funded_this_year}),
                    f"{c.registrations}个")  # fmt: skip
    if c.most_valuable_works:
        yield Claim("most_valuable_copyright_work", {WORKS: c.most_valuable_works}, f"{c.most_valuable_works}个")


def _contracts(p: Profile) -> Iterator[Claim]:
    for n, c in enumerate(p.contracts, 1):
        # An entry under 专利交易运用合同 is a patent deal by where it is written.
        said = {"local_counterparty": c.counterparty_local, "patent_deal": True,
                "unrelated": c.counterparty_unrelated, "recorded": c.recorded, "receiving_side": c.we_receive}
        yield Claim("patent_transfer_contract", {CONTRACT_YUAN: c.amount_yuan},
                    f"合同{n}（{yuan(c.amount_yuan)}）", said)  # fmt: skip


def _finance(p: Profile) -> Iterator[Claim]:
    f = p.finance
    if f is None:
        return
    if f.pledge_interest_yuan is not None:
        yield Claim("pledge_loan_interest", {INTEREST_YUAN: f.pledge_interest_yuan}, "",
                    {"risk_listed": f.risk_listed, "repaid_on_time": f.repaid_on_time})
    if f.insurance_premium_yuan is not None:
        yield Claim("patent_insurance_premium", {PREMIUM_YUAN: f.insurance_premium_yuan})


STANDARD_ITEMS = {"international": "standard_international", "national": "standard_national",
                  "industry": "standard_industry"}  # fmt: skip
LAWSUIT_ITEMS = {"first": "rights_first_instance_win", "second": "rights_second_instance_win",
                 "overseas": "rights_overseas_win"}  # fmt: skip


def _standards_and_management(p: Profile) -> Iterator[Claim]:
    for s in p.standards:
        yield Claim(STANDARD_ITEMS[s.level], {}, "",
                    {"standard_lead": s.led, "standard_published": s.published, "own_patent": s.own_patent})
    m = p.management
    if m is None:
        return
    facts = _drop_none({VALID_INVENTION_PATENTS: m.valid_invention_patents})
    if m.first_pass:
        yield Claim("ip_management_standard_first", facts, "", {"first_pass": True})
    if m.cycle_completed:
        yield Claim("ip_management_standard_cycle", facts)


def _lawsuits(p: Profile) -> Iterator[Claim]:
    for n, case in enumerate(p.lawsuits, 1):
        yield Claim(LAWSUIT_ITEMS[case.instance], {CASES: 1}, f"案件{n}",
                    {"case_object": case.patent_or_trademark, "won": True})  # listed under 胜诉


def _titles_and_projects(p: Profile) -> Iterator[Claim]:
    school = True if p.applicant == "school" else None  # 中小学 is what the applicant type says
    for t in p.titles:
        yield Claim(t.award, {}, "", {"newly_recognised": t.newly, "primary_school": school})
    for project in p.projects:  # 单项最高…: each project is its own ceiling
        for n in range(1, project.count + 1):
            yield Claim(project.award, {}, f"第{n}项" if project.count > 1 else "", {"approved": project.approved})


def _agency_and_agent(p: Profile) -> Iterator[Claim]:
    if p.agency is not None:
        item = "new_patent_agency" if p.agency.kind == "new_agency" else "new_patent_agency_branch"
        yield Claim(item, _drop_none({YEARS_OPERATING: p.agency.years_operating}))
    a = p.agent
    if a is None:
        return
    if a.exam_fee_yuan is not None or a.exam_passed:
        yield Claim("patent_agent_exam_fee", _drop_none({EXAM_FEE_YUAN: a.exam_fee_yuan}), "",
                    {"exam_passed": a.exam_passed, "residency": a.resident_or_working_here})
    if a.certified_years_served is not None:
        yield Claim("patent_agent_service_award", {YEARS_SERVED: a.certified_years_served}, "",
                    {"local_service": a.serves_here})


SECTIONS: tuple[Callable[[Profile], Iterator[Claim]], ...] = (
    _patents, _marks, _copyright, _contracts, _finance, _standards_and_management, _lawsuits,
    _titles_and_projects, _agency_and_agent,
)  # in the policy's order: 创造, 运用, 保护, 服务, 区域, 人才


def _takes_applicant(item_id: str) -> bool:
    return APPLICANT in {spec.name for spec in input_specs(load_parameters().item(item_id))}


def claims_of(profile: Profile) -> list[Claim]:
    """Every claim the profile makes, in the policy's order, each with the year's date when one is given
    and the applicant type wherever the item's clause names who may apply."""
    base = _base(profile)
    who = {APPLICANT: profile.calculator_applicant}
    # 本市 is said once for the applicant; it counts for every item whose conditions name it (intents.toml).
    said = {"local_applicant": profile.local}
    return [Claim(c.item, {**c.facts, **base, **(who if _takes_applicant(c.item) else {})}, c.label, {**said, **c.said})
            for section in SECTIONS for c in section(profile)]  # fmt: skip
