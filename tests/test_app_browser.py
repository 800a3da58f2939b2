"""The app in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright's Python
package. Types a question, reads the amount and the highlighted clause, saves a screenshot, and shows
that two browser contexts (two visitors) never share a conversation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import app_harness
import pytest
from components import missing

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = app_harness.ROOT / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
QUESTION = "我们公司受让了一件专利，合同金额120万元，能补助多少？"
FOLLOW_UP = "那600万呢？"
WORKING = "正在查阅政策原文"
# Generous: the first clause lookup in a fresh data folder builds the vector index (~10 s on 2 cores).
TIMEOUT_MS = 45_000

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield app_harness.launch_once(tmp_path_factory)
    app_harness.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import expect, sync_playwright

    if not CHROMIUM.exists():
        missing("Debian's chromium at /usr/bin/chromium", ".ci/run installs it")
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: object, app_url: str) -> Iterator[object]:
    """A function opening the app in a fresh browser context (its own cookies: a new visitor)."""
    contexts = []

    def opened() -> object:
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")  # type: ignore[attr-defined]
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(app_url)
        page.locator("#chat-input textarea").wait_for()
        return page

    yield opened
    for context in contexts:
        context.close()


def ask(page: object, question: str) -> None:
    """Type a question, press Enter, wait until its answer (not the 正在查阅 placeholder) is shown."""
    from playwright.sync_api import expect

    replies = page.locator("#chat-log [data-testid='bot']")  # type: ignore[attr-defined]
    before = replies.count()
    box = page.locator("#chat-input textarea")  # type: ignore[attr-defined]
    box.fill(question)
    box.press("Enter")
    expect(replies).to_have_count(before + 1)
    expect(replies.last).not_to_contain_text(WORKING)
    expect(page.locator("#chat-panel .qy-status")).to_have_count(1)  # type: ignore[attr-defined]


def test_chat_shows_amount_and_highlighted_clause_then_prints_a_slip(open_page: object) -> None:
    from playwright.sync_api import expect

    page = open_page()  # type: ignore[operator]
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    ask(page, QUESTION)
    expect(page.locator("#chat-log")).to_contain_text("补助金额：2万元（专利交易运用补助）")
    expect(page.locator("#chat-panel .qy-amount")).to_contain_text("2万元")
    expect(page.locator("#chat-panel .qy-cite")).to_contain_text("第（七）条“鼓励知识产权交易运用”")
    expect(page.locator("#chat-panel mark")).to_have_text("合同金额100-500万元以下的一次性补助2万元；")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat_answer.png"))
    assert [url for url in requests if not url.startswith(("http://127.0.0.1", "data:", "blob:"))] == []
    page.get_by_role("tab", name="打印").click()  # type: ignore[attr-defined]
    slip = page.locator("#qy-slip")  # type: ignore[attr-defined]
    for words in (QUESTION, "专利交易运用补助：2万元", "第（七）条", "以主管部门审核为准"):
        expect(slip).to_contain_text(words)
    expect(page.locator("a[href$='.pdf']")).to_have_count(1)  # type: ignore[attr-defined]


def test_two_visitors_do_not_share_a_conversation(open_page: object) -> None:
    from playwright.sync_api import expect

    first, second = open_page(), open_page()  # type: ignore[operator]
    ask(first, QUESTION)
    ask(first, FOLLOW_UP)  # the first visitor's follow-up uses their 120万 question: 600万 -> 5万元
    expect(first.locator("#chat-panel .qy-amount")).to_contain_text("5万元")  # type: ignore[attr-defined]
    ask(second, FOLLOW_UP)  # the same words from a new visitor have no contract to refer to
    expect(second.locator("#chat-log")).not_to_contain_text(QUESTION)  # type: ignore[attr-defined]
    expect(second.locator("#chat-panel .qy-amount")).to_have_count(0)  # type: ignore[attr-defined]


def test_new_conversation_forgets_the_earlier_question(open_page: object) -> None:
    from playwright.sync_api import expect

    page = open_page()  # type: ignore[operator]
    ask(page, QUESTION)
    page.locator("#chat-new").click()  # type: ignore[attr-defined]
    expect(page.locator("#chat-log")).not_to_contain_text(QUESTION)  # type: ignore[attr-defined]
    ask(page, FOLLOW_UP)
    expect(page.locator("#chat-panel .qy-amount")).to_have_count(0)  # type: ignore[attr-defined]


def test_calculator_form_shows_only_the_items_inputs(open_page: object) -> None:
    from playwright.sync_api import expect

    page = open_page()  # type: ignore[operator]
    page.get_by_role("tab", name="计算器").click()  # type: ignore[attr-defined]
    page.get_by_label("章节与条款").click()  # type: ignore[attr-defined]
    page.get_by_role("option", name="（七）鼓励知识产权交易运用", exact=False).click()  # type: ignore[attr-defined]
    expect(page.locator("#calc-contract_yuan")).to_be_visible()  # type: ignore[attr-defined]
    expect(page.locator("#calc-official_fees_yuan")).to_be_hidden()  # type: ignore[attr-defined]
    page.locator("#calc-contract_yuan input").fill("1200000")  # type: ignore[attr-defined]
    page.locator("#calc-run").click()  # type: ignore[attr-defined]
    expect(page.locator("#calc-result .qy-amount")).to_have_text("专利交易运用补助：2万元")  # type: ignore[attr-defined]
    page.locator("#calc-add").click()  # type: ignore[attr-defined]
    expect(page.get_by_text("合计（已按上限扣减）：2万元")).to_be_visible()  # type: ignore[attr-defined]


def test_what_was_read_is_shown_and_opens_in_the_calculator(open_page: object) -> None:
    """【我理解的情况】 follows the conclusion; 在计算器中核对 fills the calculator with those facts."""
    from playwright.sync_api import expect

    page = open_page()  # type: ignore[operator]
    ask(page, "我们从本市一家无关联企业受让了专利，合同80万，已备案，补多少？")
    reply = page.locator("#chat-log [data-testid='bot']").last  # type: ignore[attr-defined]
    expect(reply).to_contain_text("我理解的情况")
    expect(reply).to_contain_text("对方与本企业无关联关系：是")
    page.locator("#chat-to-calculator").click()  # type: ignore[attr-defined]
    expect(page.locator("#calc-contract_yuan input")).to_have_value("800000")  # type: ignore[attr-defined]
    expect(page.locator("#calc-result .qy-amount")).to_have_text("专利交易运用补助：8000元")  # type: ignore[attr-defined]
    page.locator("#calc-contract_yuan input").fill("1200000")  # type: ignore[attr-defined]  # staff correct it
    page.locator("#calc-run").click()  # type: ignore[attr-defined]
    expect(page.locator("#calc-result .qy-amount")).to_have_text("专利交易运用补助：2万元")  # type: ignore[attr-defined]


def test_chart_tab_draws_the_chart_with_chinese_labels(open_page: object) -> None:
    """The 图表 tab's figure (a PNG drawn by matplotlib with the project's CJK font): present, and a
    screenshot kept for a person to look at (artifacts/chart_tab.png)."""
    from playwright.sync_api import expect

    page = open_page()  # type: ignore[operator]
    page.get_by_role("tab", name="图表").click()  # type: ignore[attr-defined]
    chart = page.locator("#chart-clause7 img")  # type: ignore[attr-defined]
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.naturalWidth") > 300
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#chart-clause7").screenshot(path=str(ARTIFACTS / "chart_tab.png"))  # type: ignore[attr-defined]


# One enterprise's 2022 as a visitor fills the 政策体检 form, and the profile JSON the form stands for.
MATCH_FORM = {"domestic_patents": "2", "domestic_fees_yuan": "6000", "contract1_yuan": "1200000",
              "contract2_yuan": "800000", "madrid_countries": "6", "wins_second": "1", "year": "2022"}
MATCH_PROFILE = {
    "applicant": "enterprise", "local": True, "year": 2022,
    "domestic_patents": {"patents": 2, "official_fees_yuan": 6000}, "marks": {"madrid_countries": [6]},
    "contracts": [{"amount_yuan": 1200000, "counterparty_local": True, "counterparty_unrelated": True,
                   "recorded": True, "we_receive": True}, {"amount_yuan": 800000}],
    "lawsuits": [{"instance": "second", "patent_or_trademark": True}],
    "titles": [{"award": "national_ip_demo_enterprise", "newly": True}],
}  # fmt: skip
# By hand: （一）6000×50% = 3000；（四）6国×2000 = 12000；（七）120万 → 2万，80万×1% = 8000（合计2.8万 < 5万上限）；
# （十一）国家知识产权示范企业 20万；（十三）二审胜诉 2万。合计 263000元 = 26.3万元.
MATCH_TOTAL = "26.3万元"


def test_match_tab_shows_only_the_applicants_sections_and_totals_the_year(open_page: object, app_url: str) -> None:
    """政策体检: the form shows only what the applicant type can claim; filled for one enterprise's year it
    totals every award under the caps, as POST /api/match and the CLI do for the profile it shows."""
    import json
    import subprocess
    import sys
    import urllib.request

    from playwright.sync_api import expect

    from assistant.ui.match_form import SECTIONS

    page = open_page()  # type: ignore[operator]
    page.get_by_role("tab", name="政策体检").click()  # type: ignore[attr-defined]
    applicant = page.locator("#match-applicant")  # type: ignore[attr-defined]

    def section(name: str) -> Any:  # Gradio 6 gives a section's id to its outer and inner box
        return page.locator(f"#match-section-{name}").first  # type: ignore[attr-defined]

    applicant.get_by_label("个人", exact=True).check()
    expect(section("agent")).to_be_visible()
    expect(section("contracts")).to_be_hidden()
    applicant.get_by_label("企业", exact=True).check()
    expect(section("contracts")).to_be_visible()
    expect(section("agent")).to_be_hidden()
    for part in SECTIONS:  # each part of the form opens with one click on its title
        if "enterprise" in part.shown_to:
            page.get_by_role("button", name=part.title).click()  # type: ignore[attr-defined]
    for name, value in MATCH_FORM.items():
        page.locator(f"#match-{name}").locator("input, textarea").first.fill(value)  # type: ignore[attr-defined]
    page.locator("#match-local input").check()  # type: ignore[attr-defined]
    for fact in ("对方为本市主体", "对方与本企业无关联", "已在国家知识产权局登记备案", "本企业为受让方或被许可方"):
        page.locator("#match-contract1_facts").get_by_label(fact).check()  # type: ignore[attr-defined]
    page.get_by_label("以上均为专利或商标侵权案件").check()  # type: ignore[attr-defined]
    page.locator("#match-titles").get_by_label("国家知识产权示范企业资助").check()  # type: ignore[attr-defined]
    page.get_by_label("以上均为本年新认定、新获批").check()  # type: ignore[attr-defined]
    page.locator("#match-run").click()  # type: ignore[attr-defined]
    total = page.locator("#qy-match-slip [data-total]")  # type: ignore[attr-defined]
    expect(total).to_have_text(MATCH_TOTAL)
    slip = page.locator("#qy-match-slip")  # type: ignore[attr-defined]
    for words in ("清远市知识产权政策体检单", "日期：", "国家知识产权示范企业资助", "以主管部门审核为准"):
        expect(slip).to_contain_text(words)
    expect(page.locator("a[href$='体检单.pdf'], a[href$='%E4%BD%93%E6%A3%80%E5%8D%95.pdf']")).to_have_count(1)  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "match_tab.png"), full_page=True)  # type: ignore[attr-defined]
    # The profile the tab shows is the one the API and the CLI are given; both return the same result.
    page.get_by_text("体检信息（JSON").click()  # type: ignore[attr-defined]
    shown = json.loads(page.locator("#match-json textarea").input_value())  # type: ignore[attr-defined]
    assert shown == MATCH_PROFILE
    request = urllib.request.Request(f"{app_url.rstrip('/')}/api/match", json.dumps(shown).encode(),
                                     {"Content-Type": "application/json"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=30) as response:
        via_api = json.load(response)
    via_cli = json.loads(subprocess.run([sys.executable, "-m", "assistant", "match", "-", "--json"], input=json.dumps(shown),
                                        capture_output=True, text=True, check=True, cwd=app_harness.ROOT).stdout)  # fmt: skip
    assert via_api["total_yuan"] == via_cli["total_yuan"] == 263000
    assert [a["item"] for a in via_api["awards"]] == [a["item"] for a in via_cli["awards"]]
    assert len(via_api["awards"]) == page.locator("#qy-match-slip tbody tr").count()  # type: ignore[attr-defined]
