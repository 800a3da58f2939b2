"""POST /api/ask, /api/calculate, /api/match; GET /api/clauses, /api/clauses/{id}, /api/health; the Gradio
UI mounted at / with its /ask endpoint unchanged (INTERFACES.md)."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.respond.validation import chinese_errors
from assistant.rest.conversations import ConversationStore
from calculators import PolicyError, calculate, load_parameters
from corpus import Clause, load_policy

if TYPE_CHECKING:
    import gradio as gr

    from assistant.respond.answer import Answer

MAX_BODY_BYTES = 16 * 1024
ANSWER_THREADS = int(os.environ.get("ASSISTANT_ANSWER_THREADS") or 1)
MAX_QUESTION_CHARS = 2_000


class AskRequest(BaseModel):
    question: str = Field(..., description="中文问题，例如“专利转让合同120万元能补多少？”", max_length=MAX_QUESTION_CHARS)
    as_of: dt.date | None = Field(None, description="按哪一天作答（YYYY-MM-DD），默认今天")
    conversation_id: str | None = Field(None, description="上一轮返回的 conversation_id，用于追问", max_length=64)


class CalculateRequest(BaseModel):
    item: str = Field(..., description="补助项目 id，例如 patent_transfer_contract", max_length=64)
    facts: dict[str, Any] = Field(default_factory=dict, description="计算所需信息，例如 {\"contract_yuan\": 1200000}")


def create_app(ask: Callable[..., Answer] | None = None, demo: gr.Blocks | None = None,
               store: ConversationStore | None = None) -> FastAPI:  # fmt: skip
    """The FastAPI app. `ask` defaults to assistant.ask (tests pass their own Assistant's); `demo`, when
    given, is the Gradio UI mounted at /."""
    if ask is None:
        from assistant import ask as default_ask

        ask = default_ask
    conversations = store or ConversationStore()
    # Answering is CPU-bound Python: one thread, first come first served, beats many threads fighting for
    # the GIL (16 callers at once on 2 cores: p95 93 ms, against 119 ms with two threads and 222 ms with
    # FastAPI's 40-thread pool; README, bench). Several processes behind a balancer scale further.
    answering = ThreadPoolExecutor(max_workers=ANSWER_THREADS, thread_name_prefix="answer")
    app = FastAPI(title="清远知识产权政策助手 API", version="1.0",
                  description="依据《清远市推进知识产权工作实施办法》答复资助问题；金额由计算器按条款计算，以主管部门审核为准。")  # fmt: skip

    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        chinese = {400: "请求格式有误：不是合法的 JSON。", 404: "没有这个接口。", 405: "该接口不支持这种请求方法。"}
        detail = exc.detail if isinstance(exc.detail, str) and _has_chinese(exc.detail) else None
        return JSONResponse({"detail": detail or chinese.get(exc.status_code, "请求无法处理。")},
                            status_code=422 if exc.status_code == 400 else exc.status_code)  # fmt: skip

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": chinese_errors(list(exc.errors()))}, status_code=422)

    @app.post("/api/ask", summary="提问：返回答复 JSON（INTERFACES.md）及 conversation_id")
    async def api_ask(body: AskRequest) -> JSONResponse:
        conversation_id, conversation = conversations.get(body.conversation_id)

        def answer() -> dict[str, Any]:
            return ask(body.question, as_of=body.as_of, conversation=conversation).to_dict()

        # The answer is plain JSON already (to_dict): sent as is, without FastAPI's slower re-encoding.
        result = await asyncio.get_running_loop().run_in_executor(answering, answer)
        return JSONResponse({**result, "conversation_id": conversation_id})

    @app.post("/api/calculate", summary="按补助项目和信息计算一项补助")
    def api_calculate(body: CalculateRequest) -> JSONResponse:
        if body.item not in load_parameters().items:
            return JSONResponse({"detail": f"没有名为“{body.item}”的补助项目。"}, status_code=422)
        try:
            return JSONResponse(calculate(body.item, body.facts).to_dict())
        except PolicyError as exc:
            return JSONResponse({"detail": exc.user_message}, status_code=422)

    @app.post("/api/match", summary="政策体检：按申请人一年的情况列出可申请的全部补助及上限后的合计")
    def api_match(body: dict[str, Any], as_of: dt.date | None = None) -> JSONResponse:
        from assistant.match import ProfileError, match_profile, read_profile, text_table

        try:
            result = match_profile(read_profile(body), as_of)
        except ProfileError as exc:
            return JSONResponse({"detail": exc.user_message}, status_code=422)
        return JSONResponse({**result.to_dict(), "text": text_table(result)})

    @app.get("/api/clauses", summary="全部条款")
    def api_clauses() -> list[dict[str, str]]:
        return [_clause_json(c) for c in load_policy().clauses]

    @app.get("/api/clauses/{clause_id}", summary="一条条款")
    def api_clause(clause_id: str) -> JSONResponse:
        policy = load_policy()
        try:
            return JSONResponse(_clause_json(policy.get(clause_id)))
        except KeyError:
            return JSONResponse({"detail": f"没有编号为“{clause_id}”的条款（可用 1-21、notice、preamble、closing）。"},
                                status_code=404)  # fmt: skip

    @app.get("/api/health", summary="服务状态：检索索引与审计日志")
    def api_health() -> JSONResponse:
        from assistant import get_assistant

        checks = get_assistant().health()
        ok = all(checks.values())
        return JSONResponse({"status": "ok" if ok else "degraded", **checks}, status_code=200 if ok else 503)

    if demo is not None:
        import gradio as gr

        from assistant.ui import launch_options

        options = launch_options()
        app = gr.mount_gradio_app(app, demo, path="/", theme=options["theme"], css=options["css"],
                                  show_error=options["show_error"])  # fmt: skip
    return app


class BodyLimit:
    """Refuse a POST body over `limit` bytes with 413 and a Chinese message, before the app reads it. A
    plain ASGI middleware: the decorator form (BaseHTTPMiddleware) costs every request a task hop."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"")
        chunks: list[bytes] = []
        size = int(declared) if declared.isdigit() else 0
        more = size <= self.limit
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            size = sum(map(len, chunks))
            more = message.get("more_body", False) and size <= self.limit
        if size > self.limit:
            response = JSONResponse({"detail": f"请求内容过大（超过{self.limit // 1024}KB），请精简后重试。"}, status_code=413)
            await response(scope, receive, send)
            return
        body = b"".join(chunks)

        async def replay() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _clause_json(clause: Clause) -> dict[str, str]:
    return {"clause": clause.id, "label": clause.label, "title": clause.title, "chapter": clause.chapter,
            "citation": clause.citation, "text": clause.text}  # fmt: skip
