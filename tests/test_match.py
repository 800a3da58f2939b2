"""政策体检 (issue 14): an applicant's year → every award it can claim, the near misses, the total after
the caps. The expected figures are the hand-worked ones in match_profiles_table.py (worked out from the
policy text, not by running the calculators); the rest checks what the profile says and does not say,
bad profiles, the form, the slip, and the chat's table for several awards in one year."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from match_profiles_table import PROFILES, HandWorked

from assistant.match import ProfileError, match_profile, parse_profile, read_profile, text_table
from assistant.match.profile import PROJECTS, TITLES, profile_json
from assistant.match.table import headline
from assistant.ui.match_form import PROJECT_CHOICES, TITLE_CHOICES, profile_from_form, sections_for

AS_OF = dt.date(2026, 12, 3)


def clauses(entries: list[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted((e["clause"] for e in entries), key=int))


@pytest.mark.parametrize("case", PROFILES, ids=[p.name for p in PROFILES])
def test_hand_worked_profiles(case: HandWorked) -> None:
    result = match_profile(read_profile(case.profile), AS_OF).to_dict()
    assert result["total_yuan"] == case.total_yuan, case.working
    assert (result["ceiling_yuan"], result["floor_yuan"]) == (case.ceiling_yuan, case.floor_yuan), case.working
    assert clauses(result["awards"]) == case.awarded_clauses, case.working
    assert clauses(result["near_misses"]) == case.near_miss_clauses, case.working


def test_the_table_covers_every_applicant_type_and_at_least_twenty_profiles() -> None:
    assert len(PROFILES) >= 20
    assert {p.profile["applicant"] for p in PROFILES} == {"enterprise", "institution", "individual", "school",
                                                          "agency", "county", "park"}  # fmt: skip


CONTRACT = {"applicant": "enterprise", "year": 2022, "contracts": [{"amount_yuan": 1_200_000}]}


def test_a_condition_not_said_is_listed_to_confirm_never_denied() -> None:
    result = match_profile(read_profile(CONTRACT), AS_OF)
    (award,) = result.awards
    assert award.calculation.amount_yuan == 20_000  # （七）100-500万：2万
    assert any("登记备案" in c for c in award.to_confirm) and any("非关联" in c for c in award.to_confirm)
    assert result.near_misses == ()


def test_a_condition_said_unmet_is_a_near_miss_with_what_it_would_give() -> None:
    said_no = {**CONTRACT, "contracts": [{"amount_yuan": 1_200_000, "recorded": False}]}
    result = match_profile(read_profile(said_no), AS_OF).to_dict()
    assert result["awards"] == [] and result["total_yuan"] is None
    (near,) = result["near_misses"]
    assert "登记备案" in near["missing"] and near["amount_if_met_yuan"] == 20_000


def test_a_threshold_unmet_names_the_threshold_and_the_figure_given() -> None:
    management = {"applicant": "enterprise", "year": 2022,
                  "management": {"first_pass": True, "valid_invention_patents": 0}}  # fmt: skip
    (near,) = match_profile(read_profile(management), AS_OF).near_misses
    assert near.item.clause == "11" and near.missing == "需有效发明专利1件以上（填写的是0件）"
    assert near.amount_if_met is not None and near.amount_if_met.amount_yuan == 20_000


def test_a_threshold_met_is_not_asked_again() -> None:
    management = {"applicant": "enterprise", "year": 2022,
                  "management": {"first_pass": True, "valid_invention_patents": 2}}  # fmt: skip
    (award,) = match_profile(read_profile(management), AS_OF).awards
    assert not any("有效发明专利" in c for c in award.to_confirm)


# Who the clause names, against the applicant type the profile states: a near miss, never an award.
WRONG_APPLICANT = [
    pytest.param("individual", {"standards": [{"level": "international", "led": True, "published": True}]}, "9",
                 id="a standard is led by an enterprise"),
    pytest.param("school", {"titles": [{"award": "national_ip_demo_enterprise", "newly": True}]}, "11",
                 id="a school is no demonstration enterprise"),
    pytest.param("park", {"titles": [{"award": "national_school_ip_demo"}]}, "19", id="a park is no school"),
    pytest.param("individual", {"titles": [{"award": "national_ip_pilot_county"}]}, "16", id="a person is no county"),
    pytest.param("enterprise", {"titles": [{"award": "industrial_park_performance"}]}, "17", id="a firm is no park"),
    pytest.param("individual", {"management": {"first_pass": True, "valid_invention_patents": 1}}, "11",
                 id="贯标 is for 企事业单位"),
    pytest.param("individual", {"contracts": [{"amount_yuan": 800_000}]}, "7", id="clause 7 funds enterprises"),
]  # fmt: skip


@pytest.mark.parametrize(("applicant", "facts", "clause"), WRONG_APPLICANT)
def test_an_applicant_the_clause_does_not_name_gets_a_near_miss(applicant: str, facts: dict, clause: str) -> None:
    result = match_profile(read_profile({"applicant": applicant, "year": 2022, **facts}), AS_OF)
    assert result.awards == () and result.total_yuan is None
    (near,) = result.near_misses
    assert near.item.clause == clause and "不在本项范围内" in near.missing


@pytest.mark.parametrize("title", TITLES)
def test_a_title_said_not_new_this_year_is_a_near_miss(title: str) -> None:
    applicant = next(kind for kind, offered in TITLE_CHOICES.items() if title in offered)
    result = match_profile(read_profile({"applicant": applicant, "year": 2022,
                                         "titles": [{"award": title, "newly": False}]}), AS_OF)  # fmt: skip
    assert result.awards == () and len(result.near_misses) == 1 and "未满足" in result.near_misses[0].missing


@pytest.mark.parametrize("project", PROJECTS)
def test_a_project_said_not_approved_is_a_near_miss(project: str) -> None:
    applicant = next(kind for kind, offered in PROJECT_CHOICES.items() if project in offered)
    result = match_profile(read_profile({"applicant": applicant, "year": 2022,
                                         "projects": [{"award": project, "approved": False}]}), AS_OF)  # fmt: skip
    assert result.awards == () and len(result.near_misses) == 1 and "未满足" in result.near_misses[0].missing


def test_an_award_a_cap_takes_to_nothing_is_a_near_miss_and_the_headline_says_a_cap_bit() -> None:
    wins = {"applicant": "enterprise", "year": 2022, "lawsuits": [{"instance": "overseas"}] * 2 + [{"instance": "first"}]}
    result = match_profile(read_profile(wins), AS_OF)
    assert result.total_yuan == 100_000  # （十三）5万 + 5万 = 10万，the 2万 first-instance win is over the cap
    assert [n.item.id for n in result.near_misses] == ["rights_first_instance_win"]
    assert "已达上限" in result.near_misses[0].missing and "已按年度上限核减" in headline(result)
    single = match_profile(read_profile(CONTRACT), AS_OF)
    assert not single.cap_bit and "核减" not in headline(single)


def test_caps_are_applied_and_said_in_the_steps() -> None:
    three = {"applicant": "enterprise", "year": 2022, "contracts": [{"amount_yuan": 2_000_000}] * 3}
    result = match_profile(read_profile(three), AS_OF)
    assert result.total_yuan == 50_000  # （七）3 × 2万 = 6万 > 单个企业年度5万
    assert any("5万元" in step for step in result.steps)


def test_a_year_after_the_policy_gets_nothing_and_says_why() -> None:
    late = {**CONTRACT, "year": 2024}
    result = match_profile(read_profile(late), AS_OF)
    assert result.awards == () and len(result.near_misses) == 1
    assert "2023年12月31日" in result.near_misses[0].missing


def test_the_result_is_plain_json_and_names_the_profile_it_read() -> None:
    result = match_profile(read_profile(PROFILES[-1].profile), AS_OF).to_dict()
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result
    assert result["profile"] == profile_json(read_profile(PROFILES[-1].profile))
    assert "以主管部门审核为准" in result["notices"][-1]


def test_the_text_table_has_the_headline_rows_and_notices() -> None:
    text = text_table(match_profile(read_profile(CONTRACT), AS_OF))
    assert "【政策体检】" in text and "| 条款 | 补助项目 | 金额 | 须核实的条件 |" in text and "2万元" in text
    assert "以主管部门审核为准" in text


BAD_PROFILES = [  # profile, words of the Chinese message
    pytest.param([1, 2], "应为一个 JSON 对象", id="not an object"),
    pytest.param({}, "申请人类型：缺少该字段", id="no applicant"),
    pytest.param({"applicant": "company"}, "申请人类型：只能是", id="unknown applicant"),
    pytest.param({"applicant": "enterprise", "domestic_patents": {"patents": -2}}, "不能为负数", id="negative count"),
    pytest.param({"applicant": "enterprise", "contracts": [{"amount_yuan": 1e15}]}, "合同金额", id="absurd amount"),
    pytest.param({"applicant": "enterprise", "domestic_patents": {"patents": "两件"}}, "国内发明专利授权件数",
                 id="words for a count"),
    pytest.param({"applicant": "enterprise", "year": 1999}, "年度", id="year out of range"),
    pytest.param({"applicant": "enterprise", "colour": "red"}, "colour", id="unknown field"),
    pytest.param({"applicant": "enterprise", "titles": [{"award": "national_ip_demo_enterprise"}] * 2},
                 "同一称号或认定只能填写一次", id="a title twice"),
    pytest.param({"applicant": "enterprise", "contracts": [{"amount_yuan": 1}] * 51}, "专利交易运用合同",
                 id="too many contracts"),
    pytest.param({"applicant": "enterprise", "lawsuits": [{"instance": "third"}]}, "胜诉审级", id="no third instance"),
]


@pytest.mark.parametrize(("data", "words"), BAD_PROFILES)
def test_a_bad_profile_gets_a_chinese_message(data: object, words: str) -> None:
    with pytest.raises(ProfileError) as caught:
        read_profile(data)
    message = caught.value.user_message
    assert words in message
    assert "Input should" not in message and "validation error" not in message


@pytest.mark.parametrize(("text", "words"), [
    ('{"applicant": "enterprise",', "不是合法的 JSON"),
    ("[" * 100_000, "不是"),  # nested past the parser's depth: still a message, not a crash
])  # fmt: skip
def test_json_text_that_is_not_a_profile(text: str, words: str) -> None:
    with pytest.raises(ProfileError, match=words):
        parse_profile(text)


# The 政策体检 form: values by field name → the same profile JSON the API takes.
FORM_CASES = [
    pytest.param({"applicant": "enterprise", "contract1_yuan": 1_200_000, "contract1_facts": ["已在国家知识产权局登记备案"]},
                 {"applicant": "enterprise", "contracts": [{"amount_yuan": 1_200_000, "recorded": True}]},
                 id="a ticked box is confirmed, the others are not said"),
    pytest.param({"applicant": "enterprise", "contract1_yuan": 0, "domestic_patents": 0, "year": 0},
                 {"applicant": "enterprise"}, id="number boxes left at 0 are not filled in"),
    pytest.param({"applicant": "enterprise", "management_facts": ["首次通过知识产权管理规范"], "valid_invention_patents": "0"},
                 {"applicant": "enterprise", "management": {"first_pass": True, "valid_invention_patents": 0}},
                 id="a typed 0 is a fact"),
    pytest.param({"applicant": "enterprise", "management_facts": ["首次通过知识产权管理规范"], "valid_invention_patents": ""},
                 {"applicant": "enterprise", "management": {"first_pass": True}}, id="an empty text box is not said"),
    pytest.param({"applicant": "individual", "contract1_yuan": 800_000, "agent_years": "2"},
                 {"applicant": "individual", "agent": {"certified_years_served": 2}},
                 id="a section the applicant does not see is ignored"),
    pytest.param({"applicant": "enterprise", "madrid_countries": "6，12、3", "wins_second": 2},
                 {"applicant": "enterprise", "marks": {"madrid_countries": [6, 12, 3]},
                  "lawsuits": [{"instance": "second"}, {"instance": "second"}]}, id="lists from one box each"),
]  # fmt: skip


@pytest.mark.parametrize(("values", "profile"), FORM_CASES)
def test_the_form_builds_the_profile(values: dict[str, Any], profile: dict[str, Any]) -> None:
    assert profile_from_form(values) == profile


@pytest.mark.parametrize(("values", "words"), [
    ({"applicant": "enterprise", "wins_first": -1}, "不小于0"),
    ({"applicant": "enterprise", "madrid_countries": "6, 很多"}, "马德里"),
    ({"applicant": "enterprise", "madrid_countries": "6, ²"}, "马德里"),  # a digit int() cannot read
    ({"applicant": "enterprise", "name": 5, "year": True}, "年度"),
    ({"applicant": "agency", "agency_kind": "新设立专利代理机构", "agency_years": "一年"}, "开展代理业务年限"),
])  # fmt: skip
def test_a_bad_form_value_gets_a_chinese_message(values: dict[str, Any], words: str) -> None:
    with pytest.raises(ProfileError, match=words):
        read_profile(profile_from_form(values))


def test_each_applicant_type_sees_only_its_parts_of_the_form() -> None:
    seen = {kind: {s.id for s in sections_for(kind)} for kind in ("enterprise", "individual", "county", "school")}
    assert "contracts" in seen["enterprise"] and "agent" not in seen["enterprise"]
    assert "agent" in seen["individual"] and "contracts" not in seen["individual"]
    assert seen["county"] >= {"titles", "projects"} and "domestic" not in seen["county"]
    assert "titles" in seen["school"] and "lawsuits" not in seen["school"]


def test_the_printable_slip_has_the_date_the_table_and_the_authority_line() -> None:
    from assistant.ui.slip import write_match_slip_files

    result = match_profile(read_profile(CONTRACT), AS_OF)
    html_path, pdf_path = write_match_slip_files(result, AS_OF)
    html = Path(html_path).read_text(encoding="utf-8")
    for words in ("清远市知识产权政策体检单", "2026年12月3日", "2万元", "以主管部门审核为准"):
        assert words in html
    assert Path(pdf_path).read_bytes().startswith(b"%PDF") and Path(pdf_path).stat().st_size > 5_000


def test_a_question_about_several_things_in_one_year_is_answered_with_the_table() -> None:
    from assistant import ask

    answer = ask("我们公司今年有2件发明专利授权，官费共6000元，还受让了一件专利，合同120万，一共能拿多少？",
                 as_of=dt.date(2022, 6, 1))  # fmt: skip
    assert "【一览表】" in answer.answer and "| 条款 | 补助项目 | 金额 | 须核实的条件 |" in answer.answer
    assert answer.to_dict()["total_yuan"] == 23_000  # （一）6000×50% = 3000；（七）120万 → 2万


def test_the_chats_table_does_not_ask_again_what_the_question_said() -> None:
    from assistant import ask

    answer = ask("我们公司今年发明专利授权官费6000元；还从本市一家无关联企业受让了专利，合同120万，已备案，一共能拿多少？",
                 as_of=dt.date(2022, 6, 1))  # fmt: skip
    table = answer.answer.split("【一览表】")[1].split("\n\n")[0]
    row = next(line for line in table.splitlines() if "专利交易运用补助" in line)
    assert "登记备案" not in row and "非关联" not in row
    assert any("已登记备案：是" in line for line in answer.to_dict()["understood"])


@pytest.mark.parametrize("applicant", sorted(TITLE_CHOICES.keys() | PROJECT_CHOICES.keys()))
def test_the_form_offers_each_applicant_only_what_its_clause_names(applicant: str) -> None:
    """A title or project the form offers is one the calculators let this applicant type claim."""
    offered = [{"award": t, "newly": True} for t in TITLE_CHOICES.get(applicant, ())]
    projects = [{"award": p, "approved": True} for p in PROJECT_CHOICES.get(applicant, ())]
    result = match_profile(read_profile({"applicant": applicant, "year": 2022, "titles": offered,
                                         "projects": projects}), AS_OF)  # fmt: skip
    assert result.near_misses == ()
