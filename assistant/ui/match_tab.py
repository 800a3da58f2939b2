"""The 政策体检 tab: a short form (only the parts the applicant type can use) → the profile → every award
it can claim, as one table with the total after the caps, and a printable 体检单 (HTML and PDF).

The form builds the same profile JSON that POST /api/match and `python -m assistant match` take, and shows
it, so staff can correct it as JSON and run it again; the three give one result for one profile.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from assistant.match import MatchResult, ProfileError, match_profile, parse_profile, read_profile
from assistant.match.profile import APPLICANT_TYPES, profile_json
from assistant.ui.calculator import error_html
from assistant.ui.match_form import (
    AGENCY_KINDS,
    AGENT_FACTS,
    CONTRACT_FACTS,
    CONTRACT_SLOTS,
    FINANCE_FACTS,
    FOREIGN_SLOTS,
    LAWSUIT_COUNTS,
    MANAGEMENT_FACTS,
    PROJECT_CHOICES,
    SECTIONS,
    STANDARD_LEVELS,
    TITLE_CHOICES,
    profile_from_form,
    sections_for,
)

if TYPE_CHECKING:
    import gradio as gr

FIRST_APPLICANT = "enterprise"
EMPTY_RESULT = "<div class='qy-empty'>填写本年度的情况后点“开始体检”，这里列出可申请的全部补助和上限后的合计。</div>"


def item_names(ids: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, id) choices for titles and projects, named as parameters.toml names the award."""
    from calculators import load_parameters

    items = load_parameters().items
    return [(items[i].name, i) for i in ids]


def shown(result: MatchResult, day: dt.date) -> tuple[str, str, str | None, str | None]:
    """The result as the tab shows it: the slip (printable), the profile JSON, and the slip's files."""
    from assistant.ui.slip import match_slip_html, write_match_slip_files

    html_path, pdf_path = write_match_slip_files(result, day)
    text = json.dumps(profile_json(result.profile), ensure_ascii=False, indent=2)
    return match_slip_html(result, day), text, html_path, pdf_path


def check_form(names: list[str], *values: object) -> tuple[Any, ...]:
    """开始体检: the form's values → profile → result; a profile the model refuses gets its Chinese
    message and the rest of the tab keeps what it showed."""
    import gradio as gr

    try:
        profile = read_profile(profile_from_form(dict(zip(names, values, strict=True))))
    except ProfileError as exc:
        return error_html(exc.user_message), gr.update(), None, None
    return shown(match_profile(profile), dt.date.today())


def check_json(text: str | None) -> tuple[Any, ...]:
    """按 JSON 重新体检: the profile as staff corrected it."""
    import gradio as gr

    if not (text or "").strip():
        return error_html("请先填写体检信息（JSON）。"), gr.update(), None, None
    try:
        profile = parse_profile(text or "")
    except ProfileError as exc:
        return error_html(exc.user_message), gr.update(), None, None
    return shown(match_profile(profile), dt.date.today())


def show_sections(applicant: str | None) -> list[Any]:
    """Applicant type chosen: its sections shown, the others hidden, its titles and projects offered."""
    import gradio as gr

    visible = {s.id for s in sections_for(applicant or FIRST_APPLICANT)}
    titles = item_names(TITLE_CHOICES.get(applicant or "", ()))
    projects = item_names(PROJECT_CHOICES.get(applicant or "", ()))
    return [*(gr.update(visible=s.id in visible) for s in SECTIONS),
            gr.update(choices=titles, value=[]), gr.update(choices=projects, value=[])]  # fmt: skip


class Form:
    """The tab's input components by field name (the names profile_from_form reads)."""

    def __init__(self) -> None:
        self.fields: dict[str, gr.components.Component] = {}

    def add(self, name: str, component: gr.components.Component) -> None:
        self.fields[name] = component

    def number(self, name: str, label: str, *, money: bool = False) -> None:
        import gradio as gr

        self.add(name, gr.Number(label=label, precision=2 if money else 0, minimum=0, elem_id=f"match-{name}"))

    def optional(self, name: str, label: str) -> None:
        """A figure where 0 is a fact and empty is not said: a text box (a number box shows 0 when empty)."""
        import gradio as gr

        self.add(name, gr.Textbox(label=label, placeholder="可不填；不填则列为须核实", elem_id=f"match-{name}"))

    def ticks(self, name: str, label: str, meaning: dict[str, str]) -> None:
        import gradio as gr

        self.add(name, gr.CheckboxGroup(list(meaning), label=label, elem_id=f"match-{name}"))


SECTION_BUILDERS: dict[str, Callable[[Form], None]] = {}


def _section(section_id: str) -> Callable[[Callable[[Form], None]], Callable[[Form], None]]:
    def register(build: Callable[[Form], None]) -> Callable[[Form], None]:
        SECTION_BUILDERS[section_id] = build
        return build

    return register


@_section("domestic")
def _domestic(form: Form) -> None:
    form.number("domestic_patents", "本年授权件数")
    form.number("domestic_fees_yuan", "获得授权所缴官方规定费用合计（元）", money=True)


@_section("foreign")
def _foreign(form: Form) -> None:
    import gradio as gr

    for n in range(1, FOREIGN_SLOTS + 1):
        with gr.Row():
            form.number(f"foreign{n}_countries", f"第{n}项发明：授权国家或地区数")
            form.number(f"foreign{n}_fees_yuan", f"第{n}项发明：所缴官费合计（元）", money=True)


@_section("marks")
def _marks(form: Form) -> None:
    import gradio as gr

    with gr.Row():
        form.number("gi_or_collective", "地理标志证明商标或集体商标（个）")
        form.number("certification", "证明商标，非地理标志（个）")
        form.number("collective", "集体商标，非地理标志（个）")
    form.add("madrid_countries", gr.Textbox(label="马德里商标：每件指定的国家或地区数（用逗号分隔，如 6, 12）",
                                            elem_id="match-madrid_countries"))  # fmt: skip


@_section("copyright")
def _copyright(form: Form) -> None:
    form.number("registrations", "作品著作权登记证书（个）")
    form.number("most_valuable_works", "广东省最具价值版权作品（个）")


@_section("contracts")
def _contracts(form: Form) -> None:
    import gradio as gr

    for n in range(1, CONTRACT_SLOTS + 1):
        with gr.Row():
            form.number(f"contract{n}_yuan", f"合同{n}：金额（元）", money=True)
            form.ticks(f"contract{n}_facts", f"合同{n}：已确认的情况（未勾选的列为须核实）", CONTRACT_FACTS)


@_section("finance")
def _finance(form: Form) -> None:
    form.number("pledge_interest_yuan", "质押融资实缴利息（元）", money=True)
    form.ticks("finance_facts", "质押融资：已确认的情况", FINANCE_FACTS)
    form.number("insurance_premium_yuan", "专利保险实际保费（元）", money=True)


@_section("standards")
def _standards(form: Form) -> None:
    form.ticks("standards", "本企业牵头、以自主发明专利制定并已发布实施的标准", STANDARD_LEVELS)


@_section("management")
def _management(form: Form) -> None:
    form.ticks("management_facts", "贯标情况", MANAGEMENT_FACTS)
    form.optional("valid_invention_patents", "有效发明专利件数")


@_section("lawsuits")
def _lawsuits(form: Form) -> None:
    import gradio as gr

    with gr.Row():
        for level, label in LAWSUIT_COUNTS.items():
            form.number(f"wins_{level}", label)
    form.add("lawsuits_patent_or_trademark", gr.Checkbox(label="以上均为专利或商标侵权案件"))


@_section("titles")
def _titles(form: Form) -> None:
    import gradio as gr

    form.add("titles", gr.CheckboxGroup(item_names(TITLE_CHOICES[FIRST_APPLICANT]), label="本年获得的称号或认定",
                                        elem_id="match-titles"))  # fmt: skip
    form.add("titles_newly", gr.Checkbox(label="以上均为本年新认定、新获批"))


@_section("projects")
def _projects(form: Form) -> None:
    import gradio as gr

    form.add("projects", gr.CheckboxGroup(item_names(PROJECT_CHOICES[FIRST_APPLICANT]), label="本年获批的项目",
                                          elem_id="match-projects"))  # fmt: skip
    form.add("projects_approved", gr.Checkbox(label="以上均已获批准立项"))


@_section("agency")
def _agency(form: Form) -> None:
    import gradio as gr

    form.add("agency_kind", gr.Radio(list(AGENCY_KINDS), label="新设立的是"))
    form.optional("agency_years", "开展代理业务年限（年）")


@_section("agent")
def _agent(form: Form) -> None:
    form.number("exam_fee_yuan", "专利代理资格考试报名费（元）", money=True)
    form.ticks("agent_facts", "已确认的情况", AGENT_FACTS)
    form.optional("agent_years", "持证在本市服务年限（年）")


def build_match_tab() -> None:
    """Inside a gr.Tab: who and which year, the sections for that applicant, then the table and the slip."""
    import gradio as gr

    from assistant.ui.styles import PRINT_BUTTON_JS

    form = Form()
    gr.Markdown("填写申请人一年内获得的授权、登记、合同、胜诉和称号，列出可申请的全部补助及上限后的合计。"
                "勾选表示已确认；未勾选的条件列为“须核实”，不当作不满足。")  # fmt: skip
    with gr.Row():
        applicant = gr.Radio([(word, key) for key, word in APPLICANT_TYPES.items()], value=FIRST_APPLICANT,
                             label="申请人类型", elem_id="match-applicant", scale=3)  # fmt: skip
        form.add("applicant", applicant)
        form.add("name", gr.Textbox(label="名称（可不填）", elem_id="match-name", scale=1))
        form.add("year", gr.Number(label="年度（可不填）", precision=0, elem_id="match-year", scale=1))
        form.add("local", gr.Checkbox(label="本市（清远）申请人", elem_id="match-local", scale=1))
    groups = []
    for section in SECTIONS:
        # Closed until opened: the form stays one screen long, each part one click away.
        with gr.Accordion(section.title, open=False, visible=FIRST_APPLICANT in section.shown_to,
                          elem_id=f"match-section-{section.id}") as group:  # fmt: skip
            SECTION_BUILDERS[section.id](form)
        groups.append(group)
    run = gr.Button("开始体检", variant="primary", elem_id="match-run")
    result = gr.HTML(EMPTY_RESULT, elem_id="qy-match-slip")
    with gr.Row():
        gr.Button("打印体检单").click(None, js=PRINT_BUTTON_JS)
        html_file = gr.File(label="下载体检单（HTML）", interactive=False)
        pdf_file = gr.File(label="下载体检单（PDF）", interactive=False)
    with gr.Accordion("体检信息（JSON，与 /api/match 和 python -m assistant match 相同）", open=False):
        profile_box = gr.Textbox(lines=10, max_lines=40, show_label=False, elem_id="match-json")
        rerun = gr.Button("按 JSON 重新体检")
    names = list(form.fields)
    outputs = [result, profile_box, html_file, pdf_file]
    hidden = "private"  # the form's own events; the API is POST /api/match
    applicant.input(show_sections, applicant, [*groups, form.fields["titles"], form.fields["projects"]],
                    api_visibility=hidden)
    run.click(lambda *values: check_form(names, *values), list(form.fields.values()), outputs, api_visibility=hidden)
    rerun.click(check_json, profile_box, outputs, api_visibility=hidden)
