"""The app in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright's Python
package. Types a question, reads the amount and the highlighted clause, saves a screenshot, and shows
that two browser contexts (two visitors) never share a conversation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
