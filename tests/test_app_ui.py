"""The app's pure parts (assistant/ui): amounts in words, the highlighted clause sentence, the
calculator form, the overview, the clause-7 chart, the answer slip and the chat's per-session state.
No server here; test_app_api and test_app_browser drive the launched app."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from assistant.respond import catalogue
from assistant.ui import calculator, charts, chat, clauses, launch_options, render, slip
from calculators import input_specs, load_parameters
from corpus import load_policy

# The Answer JSON of INTERFACES.md for 合同金额120万元 (clause 7).
CLAUSE_7_ANSWER: dict[str, Any] = {
    "status": "answered",
    "answer": "按本办法第（七）条，专利交易运用补助：2万元。\n【计算步骤】\n1. 合同金额120万元\n【条款原文】\n- 第（七）条原文……\n【提示】\n- 本办法有效期至2023年12月31日。",
    "citations": [{"clause": "7", "label": "（七）", "title": "鼓励知识产权交易运用", "quote": "交易运用合同金额500万元以上的一次性补助5万；合同金额100-500万元以下的一次性补助2万元；合同金额100万元以下的按1%予以补助，单个企业年度获补助金额不超过5万元。"}],
    "calculations": [{"item": "patent_transfer_contract", "clause": "7", "name": "专利交易运用补助", "amount_yuan": 20000, "kind": "exact",
                      "steps": ["交易运用合同金额120万元，属“100-500万元”档，一次性补助2万元"], "inputs": {"contract_yuan": 1200000},
                      "conditions": ["依法经国家知识产权局登记备案"]}],
    "total_yuan": 20000,
    "follow_up": None,
    "notices": ["本办法有效期至2023年12月31日，现已届满。"],
    "elapsed_ms": 1.0,
    "audit_id": "a1",
}  # fmt: skip

AMOUNTS = [  # amount_yuan, kind, words (最高、不低于 include the number: closing paragraph)
    pytest.param(20_000, "exact", "2万元", id="exact"),
    pytest.param(500_000, "max", "最高50万元", id="ceiling"),
    pytest.param(100_000, "min", "不低于10万元", id="floor"),
    pytest.param(1_500, "exact", "1500元", id="under 1wan in yuan"),
    pytest.param(9_999.5, "exact", "9999.5元", id="fen kept"),
    pytest.param(None, "exact", "未计算", id="nothing computed"),
]


@pytest.mark.parametrize(("amount", "kind", "words"), AMOUNTS)
def test_amount_text(amount: float | None, kind: str, words: str) -> None:
    assert render.amount_text(amount, kind) == words


HIGHLIGHT = [  # step's tier label -> the one sentence of clause 7 to highlight
    pytest.param("“100-500万元”", "合同金额100-500万元以下的一次性补助2万元；", id="120wan: 2wan sentence"),
    pytest.param("“500万元以上”", "交易运用合同金额500万元以上的一次性补助5万；", id="600wan: 5wan sentence"),
    pytest.param("“100万元以下”", "合同金额100万元以下的按1%予以补助", id="80wan: 1% sentence"),
]


@pytest.mark.parametrize(("tier", "sentence"), HIGHLIGHT)
def test_the_tier_used_is_the_highlighted_sentence(tier: str, sentence: str) -> None:
    answer = {
        **CLAUSE_7_ANSWER,
        "calculations": [{**CLAUSE_7_ANSWER["calculations"][0], "steps": [f"属{tier}档"]}],
    }
    marked = re.findall(r"<mark>(.*?)</mark>", render.citations_html(answer))
    assert len(marked) == 1 and sentence in marked[0]


def test_without_a_calculation_every_quoted_sentence_is_highlighted() -> None:
    marked = re.findall(r"<mark>(.*?)</mark>", render.citations_html({**CLAUSE_7_ANSWER, "calculations": []}))
    assert len(marked) == 3  # the quote covers three of clause 7's four sentences; the title is not quoted


def test_chat_bubble_leads_with_the_amount_and_leaves_the_clause_to_the_panel() -> None:
    bubble = render.answer_markdown(CLAUSE_7_ANSWER)
    assert bubble.startswith("**补助金额：2万元（专利交易运用补助）**")
    assert "【计算步骤】" in bubble and "【条款原文】" not in bubble and "【提示】" not in bubble
    panel = render.side_panel_html(CLAUSE_7_ANSWER)
    assert "第（七）条“鼓励知识产权交易运用”" in panel and "现已届满" in panel


def test_what_was_read_follows_the_conclusion_in_the_bubble() -> None:
    answer = {**CLAUSE_7_ANSWER, "understood": ["申请人：企业", "交易运用合同金额：120万元"]}
    bubble = render.answer_markdown(answer)
    read = bubble.index("【我理解的情况】")
    assert bubble.index("交易运用合同金额：120万元") > read and read < bubble.index("【计算步骤】")
    assert "【我理解的情况】" not in render.answer_markdown({**CLAUSE_7_ANSWER, "understood": []})


def test_the_calculator_opens_with_the_facts_the_chat_read() -> None:
    answer = {"facts": [{"item": "patent_transfer_contract", "inputs": {"contract_yuan": 800000}}]}
    filled = calculator.prefill(answer)
    assert filled is not None
    clause_id, item_id, values, result = filled
    fields = [f.name for f in calculator.form_fields()]
    assert (clause_id, item_id) == ("7", "patent_transfer_contract")
    assert values[fields.index("contract_yuan")] == 800000 and "8000元" in result  # （七）80万 × 1%
    assert calculator.prefill({"facts": []}) is None and calculator.prefill(None) is None


def test_several_calculations_headline_the_capped_total() -> None:
    calcs = [{"item": "a", "name": "一审", "clause": "13", "amount_yuan": 60_000, "kind": "exact"},
             {"item": "b", "name": "境外", "clause": "13", "amount_yuan": 40_000, "kind": "exact"}]  # fmt: skip
    headline = render.amount_headline({"calculations": calcs, "total_yuan": 100_000})
    assert headline == "补助金额合计：10万元（一审6万元、境外4万元）"


@pytest.mark.parametrize("item_id", list(load_parameters().items))
def test_calculator_form_shows_exactly_the_items_inputs(item_id: str) -> None:
    wanted = {s.name for s in input_specs(load_parameters().item(item_id))}
    shown = {
        f.name
        for f, s in zip(calculator.form_fields(), calculator.field_state(item_id), strict=True)
        if s["visible"]
    }
    assert shown == wanted


def _form(**values: object) -> list[object]:
    return [values.get(f.name) for f in calculator.form_fields()]


def test_form_values_become_facts_blanks_dropped_floats_whole() -> None:
    facts = calculator.facts_from_form("madrid_trademark", _form(countries=25.0, marks=None, event_date="  "))
    assert facts == {"countries": 25}


CALCULATOR_MESSAGES = [  # item, form values, words shown (Chinese, never a traceback)
    pytest.param(
        "patent_transfer_contract",
        {"contract_yuan": 1_200_000.0},
        "专利交易运用补助：2万元",
        id="clause 7 amount",
    ),
    pytest.param("patent_transfer_contract", {"contract_yuan": -5.0}, "不能为负数", id="negative"),
    pytest.param("patent_transfer_contract", {}, "需要交易运用合同金额", id="missing"),
    pytest.param(
        "patent_transfer_contract",
        {"contract_yuan": 1e6, "event_date": "2019-05-01"},
        "早于本办法施行之日",
        id="before the policy",
    ),
    pytest.param(None, {}, "请先选择补助项目", id="no item chosen"),
]


@pytest.mark.parametrize(("item_id", "values", "words"), CALCULATOR_MESSAGES)
def test_calculate_button_answers_in_chinese(item_id: str | None, values: dict, words: str) -> None:
    html = calculator.calculate_one(item_id, _form(**values))
    assert words in html and "Traceback" not in html


def test_basket_total_applies_the_clause_13_cap() -> None:
    """（十三）同一申请人年度资助不超过10万元: 6万 + 5万 -> 10万, the last item trimmed to 4万."""
    entries = [
        {"item": "rights_first_instance_win", "facts": {"cases": 3}},
        {"item": "rights_overseas_win", "facts": {"cases": 1}},
    ]
    rows, total = calculator.basket_view(entries)
    assert [r[2] for r in rows] == ["6万元", "4万元"]
    assert "合计（已按上限扣减）：10万元" in total


def test_overview_has_one_row_per_award_item_with_a_standard() -> None:
    rows = catalogue.overview_rows()
    assert [r[1] for r in rows] == [i.name for i in load_parameters().items.values()]
    assert all(r[2] for r in rows)
    clause_7 = next(r for r in rows if r[0] == "（七）")
    assert clause_7[2:4] == ["500万元以上5万元；100-500万元2万元；100万元以下按1%", "年度不超过5万元"]


def test_clause_catalogue_lists_every_clause_under_its_chapter() -> None:
    html = clauses.catalogue_html()
    assert html.count("<details") == len(load_policy().clauses)
    assert html.index("一、鼓励高质量发明创造") < html.index("（一）鼓励企业开展自主核心技术攻关")


def test_clause_search_falls_back_to_a_plain_match_when_retrieval_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken() -> object:
        raise RuntimeError("index unavailable")

    monkeypatch.setattr("assistant.ui.backend.retriever", broken)
    html = clauses.search_clauses("马德里")
    assert "检索服务暂不可用" in html and "data-clause='4'" in html and "data-clause='7'" not in html


CURVE = [  # 合同金额 (万元) -> 补助 (万元), read off the chart's data (clause 7, 含本数)
    pytest.param(99.99, 0.9999, id="99.99wan: 1%"),
    pytest.param(100.0, 2.0, id="100wan: 2wan"),
    pytest.param(500.0, 5.0, id="500wan: 5wan"),
    pytest.param(800.0, 5.0, id="800wan: 5wan"),
]


@pytest.mark.parametrize(("contract_wan", "subsidy_wan"), CURVE)
def test_clause_7_chart_follows_the_calculator(contract_wan: float, subsidy_wan: float) -> None:
    xs, ys = charts.clause_7_curve()
    assert ys[xs.index(contract_wan)] == pytest.approx(subsidy_wan)


def test_chart_labels_draw_chinese_not_boxes() -> None:
    """The font comes with the project (mplfonts, by path): no system font, no stale font cache. Every
    label's text must have a glyph in the font the label is drawn with, and saving warns of none missing."""
    import io
    import warnings

    from matplotlib.font_manager import findfont
    from matplotlib.text import Text

    from assistant.ui.fonts import cjk_font_path, has_glyphs

    fig = charts.clause_7_figure()
    texts = [t for t in fig.findobj(Text) if re.search(r"[\u4e00-\u9fff]", t.get_text())]
    assert texts, "the chart has Chinese labels"
    for text in texts:
        drawn_with = findfont(text.get_fontproperties(), fallback_to_default=False)
        assert drawn_with == str(cjk_font_path()) and has_glyphs(text.get_text()), text.get_text()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    assert not [w for w in caught if "missing from font" in str(w.message)]


def test_slip_has_date_question_amount_clause_and_disclaimer(tmp_path: Any) -> None:
    html = slip.slip_body_html("合同120万元补助多少？", CLAUSE_7_ANSWER, dt.date(2026, 11, 28))
    for words in (
        "2026年11月28日",
        "合同120万元补助多少？",
        "专利交易运用补助：2万元",
        "<mark>",
        "以主管部门审核为准",
    ):
        assert words in html
    html_path, pdf_path = slip.write_slip_files(
        "合同120万元补助多少？", CLAUSE_7_ANSWER, dt.date(2026, 11, 28)
    )
    assert open(pdf_path, "rb").read(5) == b"%PDF-"
    assert "以主管部门审核为准" in open(html_path, encoding="utf-8").read()


def test_each_chat_session_keeps_its_own_conversation(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []

    def fake_ask(question: str, conversation: object = None) -> dict[str, Any]:
        seen.append(conversation)
        return CLAUSE_7_ANSWER

    monkeypatch.setattr("assistant.ui.backend.ask", fake_ask)
    monkeypatch.setattr("assistant.ui.backend.new_conversation", object)
    first = list(chat.respond("120万呢", None))[-1][2]
    second = list(chat.respond("120万呢", None))[-1][2]
    list(chat.respond("600万呢", first))
    assert seen == [first.conversation, second.conversation, first.conversation]
    assert first.conversation is not second.conversation and len(first.messages) == 4


def test_chat_apologises_instead_of_showing_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_ask(question: str, conversation: object = None) -> dict[str, Any]:
        raise RuntimeError("boom")

    monkeypatch.setattr("assistant.ui.backend.ask", failing_ask)
    monkeypatch.setattr("assistant.ui.backend.new_conversation", object)
    messages = list(chat.respond("合同120万元补助多少？", None))[-1][0]
    assert messages[-1]["content"] == chat.apology() and "市知识产权局" in chat.apology()


LAUNCH = [  # environment, (server_name, server_port)
    pytest.param({}, ("127.0.0.1", 7860), id="loopback by default"),
    pytest.param(
        {"GRADIO_SERVER_NAME": "0.0.0.0", "GRADIO_SERVER_PORT": "9000"}, ("0.0.0.0", 9000), id="env respected"
    ),
]


@pytest.mark.parametrize(("env", "expected"), LAUNCH)
def test_launch_options(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: tuple[str, int]
) -> None:
    monkeypatch.delenv("GRADIO_SERVER_NAME", raising=False)
    monkeypatch.delenv("GRADIO_SERVER_PORT", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    options = launch_options()
    assert (options["server_name"], options["server_port"], options["share"]) == (*expected, False)


def test_a_bad_port_is_explained_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_SERVER_PORT", "七八六零")
    with pytest.raises(SystemExit, match="GRADIO_SERVER_PORT 应为"):
        launch_options()
