"""The Gradio app (issue 6): tabs 咨询, 计算器, 政策体检, 条款, 打印, 图表 and the `/ask` API endpoint.

`app.py` only calls `build_demo()` and launches it with `launch_options()`; Gradio 6 takes theme and
CSS at launch, so tests launch with the same options.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

from assistant.ui import backend
from assistant.ui.styles import APP_CSS, PRINT_BUTTON_JS, app_theme

if TYPE_CHECKING:  # gradio loads when the app is built, so the CLI and REST stay light
    import gradio as gr

    from assistant.ui.chat import ChatSession

TITLE = "清远知识产权政策助手"
def intro() -> str:
    """The page's opening line; the dates come from parameters.toml, never typed here."""
    from calculators import load_parameters
    from calculators.dates import validity_span

    params = load_parameters()
    return (f"依据《{params.policy.title}》（{validity_span(params)}）答复补助问题；"
            "金额由计算器按条款原文计算，具体以主管部门审核为准。")


def ask_endpoint(question: str) -> dict[str, Any]:
    """API /ask: one stand-alone question; returns Answer.to_dict() (INTERFACES.md)."""
    return backend.ask(question)


def calculate_endpoint(item_id: str, facts: dict[str, Any]) -> dict[str, Any]:
    """API /calculate: one award item, e.g. ("patent_transfer_contract", {"contract_yuan": 1200000})."""
    from assistant.ui.calculator import calculate_api

    return calculate_api(item_id, facts)


def combine_endpoint(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """API /combine: [{"item": …, "facts": {…}}, …] for one applicant; the total after every cap."""
    from assistant.ui.calculator import combine_entries

    return combine_entries(entries)


def _slip_outputs(session: ChatSession | None) -> tuple[Any, ...]:
    """打印 tab opened: preview of this session's last answer, and its HTML and PDF files."""
    from assistant.ui.slip import slip_body_html, write_slip_files

    today = dt.date.today()
    answer = getattr(session, "last_answer", None)
    question = getattr(session, "last_question", "")
    if not answer:
        return slip_body_html("", None, today), None, None
    html_path, pdf_path = write_slip_files(question, answer, today)
    return slip_body_html(question, answer, today), html_path, pdf_path


def _build_slip_tab(session: gr.State, tab: gr.Tab) -> None:
    import gradio as gr

    preview = gr.HTML(_slip_outputs(None)[0], elem_id="qy-slip")
    with gr.Row():
        gr.Button("打印答复单", variant="primary").click(None, js=PRINT_BUTTON_JS)
        html_file = gr.File(label="下载答复单（HTML）", interactive=False)
        pdf_file = gr.File(label="下载答复单（PDF）", interactive=False)
    tab.select(_slip_outputs, session, [preview, html_file, pdf_file], api_visibility="private")


def _build_chart_tab() -> None:
    import gradio as gr

    from assistant.respond.catalogue import OVERVIEW_HEADERS, overview_rows
    from assistant.ui.charts import clause_7_figure

    gr.Markdown(
        "### 第（七）条：补助随合同金额的变化\n红线为可获补助；虚线为按比例补助的延长线；点线为单个企业年度上限。"
    )
    gr.Plot(clause_7_figure(), show_label=False, elem_id="chart-clause7")
    gr.Markdown("### 全部补助项目一览")
    gr.Dataframe(overview_rows(), headers=OVERVIEW_HEADERS, interactive=False, wrap=True, elem_id="overview")


def build_demo() -> gr.Blocks:
    """The whole app as a gr.Blocks; nothing heavy is loaded until the first question or search."""
    import gradio as gr

    from assistant.ui.calculator_tab import build_calculator_tab
    from assistant.ui.chat import build_chat_tab
    from assistant.ui.clauses import build_clauses_tab
    from assistant.ui.match_tab import build_match_tab

    # delete_cache: every hour, drop served slip files older than a day from Gradio's cache.
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        gr.Markdown(f"## {TITLE}\n{intro()}")
        with gr.Tabs() as tabs:
            with gr.Tab("咨询", id="chat"):
                session, check = build_chat_tab()
            with gr.Tab("计算器", id="calculator"):
                form = build_calculator_tab()
            with gr.Tab("政策体检", id="match"):
                build_match_tab()
            with gr.Tab("条款", id="clauses"):
                build_clauses_tab()
            with gr.Tab("打印", id="slip") as slip_tab:
                _build_slip_tab(session, slip_tab)
            with gr.Tab("图表", id="charts"):
                _build_chart_tab()
        # 在计算器中核对: the facts the chat read, in the calculator, for staff to correct and recompute.
        check.click(lambda s: [gr.Tabs(selected="calculator"), *form.updates(getattr(s, "last_answer", None))],
                    session, [tabs, *form.outputs], api_visibility="private")
        gr.api(ask_endpoint, api_name="ask")
        gr.api(calculate_endpoint, api_name="calculate")
        gr.api(combine_endpoint, api_name="combine")
    # Several counters ask at once; answers are milliseconds once the index is loaded.
    demo.queue(default_concurrency_limit=8)
    return demo


def _server_port() -> int:
    port = (os.environ.get("GRADIO_SERVER_PORT") or "7860").strip()
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise SystemExit(f"GRADIO_SERVER_PORT 应为 1-65535 之间的端口号，现为 {port!r}。")
    return int(port)


def launch_options() -> dict[str, Any]:
    """Loopback by default (GRADIO_SERVER_NAME/PORT respected), our theme and CSS, no share link."""
    return {
        "server_name": os.environ.get("GRADIO_SERVER_NAME") or "127.0.0.1",
        "server_port": _server_port(),
        "theme": app_theme(),
        "css": APP_CSS,
        "share": False,
        "show_error": False,
    }


__all__ = ["backend", "build_demo", "launch_options", "ask_endpoint"]
