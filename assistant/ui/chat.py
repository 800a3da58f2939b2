"""咨询 (chat): Chinese questions in, the amount and steps out, the cited clause text beside them.

Each browser session keeps its own `ChatSession` in a gr.State created on its first question, so two
visitors never share a `Conversation` (follow-ups like “那600万呢？” stay with whoever asked them).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.ui import backend
from assistant.ui.render import answer_markdown, side_panel_html

if TYPE_CHECKING:
    from assistant.conversation import Conversation

log = logging.getLogger(__name__)

EXAMPLES = [
    "我们公司受让了一件专利，合同金额120万元，能补助多少？",
    "那600万呢？",
    "国内发明专利授权缴了官费3000元，能资助多少？",
    "通过马德里体系注册国际商标，指定了25个国家，奖励多少？",
    "首次通过贯标能拿多少资助？",
    "这个办法现在还有效吗？",
]
WORKING = "正在查阅政策原文…"
def apology() -> str:
    from assistant.respond.compose import contact

    return f"抱歉，系统暂时无法回答这个问题，请稍后再试，或向{contact()}咨询。"
EMPTY = "请输入您的问题，例如：专利转让合同金额120万元能补助多少？"


@dataclass
class ChatSession:
    """One visitor's conversation: the assistant's memory, what the chat shows, the last answer."""

    conversation: Conversation | None = None
    messages: list[dict[str, str]] = field(default_factory=list)
    last_question: str = ""
    last_answer: dict[str, Any] | None = None


def start_session() -> ChatSession:
    return ChatSession(conversation=backend.new_conversation())


def answer_for(session: ChatSession, question: str) -> dict[str, Any] | None:
    """The Answer JSON for this session's next question; None (logged) when the assistant failed."""
    try:
        return backend.ask(question, session.conversation)
    except Exception:  # any failure is the system's, not the visitor's: apologise, never show a traceback
        log.exception("ask failed")
        return None


def respond(question: str, session: ChatSession | None) -> Iterator[tuple[Any, ...]]:
    """The 发送 button: show the question at once, then the answer and its clause panel."""
    question = (question or "").strip()
    if session is None:
        try:
            session = start_session()
        except Exception:
            log.exception("cannot start a conversation")
            session = ChatSession()
    if not question:
        yield session.messages, side_panel_html(session.last_answer), session, EMPTY
        return
    shown = [*session.messages, {"role": "user", "content": question}]
    yield [*shown, {"role": "assistant", "content": WORKING}], side_panel_html(None), session, ""
    answer = answer_for(session, question)
    reply = answer_markdown(answer) if answer else apology()
    session.messages = [*shown, {"role": "assistant", "content": reply}]
    if answer:
        session.last_question, session.last_answer = question, answer
    yield session.messages, side_panel_html(answer), session, ""


def reset() -> tuple[Any, ...]:
    """新的咨询: forget this session's conversation (others are untouched)."""
    return [], side_panel_html(None), None, ""


def build_chat_tab() -> tuple[Any, Any]:
    """Inside a gr.Tab: chat on the left, amount/steps/clause on the right. Returns the session State
    and the 在计算器中核对 button (wired in build_demo, where the calculator exists)."""
    import gradio as gr

    session = gr.State(None)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(
                label="咨询记录", height=520, elem_id="chat-log", buttons=["copy"], feedback_options=None
            )
            with gr.Row():
                box = gr.Textbox(
                    placeholder="请输入问题，回车发送",
                    show_label=False,
                    scale=5,
                    elem_id="chat-input",
                    autofocus=True,
                )
                send = gr.Button("发送", variant="primary", scale=1, min_width=80, elem_id="chat-send")
                fresh = gr.Button("新的咨询", scale=1, min_width=80, elem_id="chat-new")
                check = gr.Button("在计算器中核对", scale=1, min_width=80, elem_id="chat-to-calculator")
            gr.Examples(EXAMPLES, inputs=box, label="示例问题（点击填入）")
        with gr.Column(scale=2):
            panel = gr.HTML(side_panel_html(None), elem_id="chat-panel")
    outputs = [chatbot, panel, session, box]
    send.click(respond, [box, session], outputs, api_visibility="private")
    box.submit(respond, [box, session], outputs, api_visibility="private")
    fresh.click(reset, None, outputs, api_visibility="private")
    return session, check
