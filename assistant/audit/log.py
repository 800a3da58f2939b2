"""Audit log: one row per answer, so every amount we told someone can be traced later (README, 审计日志).

Writing the log must never break answering: a failed write is logged, kept in a bounded in-memory
queue and retried after the next successful write. Each record is committed in its own short
transaction before `record()` returns, so a crash (even SIGKILL) loses nothing already returned.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Connection,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    inspect,
    select,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.pool import StaticPool

logger = logging.getLogger(__name__)

RETRY_QUEUE_LIMIT = 1_000  # records kept in memory while the database is unreachable
SQLITE_BUSY_TIMEOUT_S = 5.0  # how long a writer waits for another writer's lock
# After a failed write, later answers skip the database for this long instead of each waiting
# out a timeout; their records queue up and go in with the first write after the pause.
RETRY_BACKOFF_S = 10.0
CONNECT_TIMEOUT_S = 5  # PostgreSQL: an unreachable server must not stall an answer for long

metadata = MetaData()
answers = Table(
    "answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("audit_id", Text, nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),  # UTC ISO 8601: sorts as text
    Column("question", Text, nullable=False),  # "sha256:<hex>" when redacted
    Column("status", Text, nullable=False),
    Column("clauses", JSON, nullable=False),  # ["7", "closing"]
    Column("amounts", JSON, nullable=False),  # [{"item", "amount_yuan", "kind"}]
    Column("total_yuan", BigInteger, nullable=True),
    Column("parameters_version", Text, nullable=False),
    Column("elapsed_ms", Float, nullable=False),
    Column("answer", Text, nullable=False),
)


class AuditUnavailable(RuntimeError):
    """Reading the log failed; `user_message` says so in plain Chinese."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.user_message = f"无法读取审计日志（{detail}），请检查 ASSISTANT_AUDIT_URL 设置和数据库状态。"


def redact_question(question: str) -> str:
    """What a redacted log keeps instead of the question: its SHA-256, so repeats can still be counted."""
    return "sha256:" + hashlib.sha256(question.encode("utf-8")).hexdigest()


def _number(value: Any) -> int | float | None:
    """Amounts arrive as int or Decimal; JSON columns need plain numbers."""
    if value is None or isinstance(value, bool):
        return None
    try:
        as_float = float(value)
    except (TypeError, ValueError):
        return None
    return int(as_float) if as_float.is_integer() else as_float


def audit_row(
    question: str, answer: dict[str, Any], parameters_version: str, *, redact: bool
) -> dict[str, Any]:
    """One `answers` row from an Answer JSON dict (INTERFACES.md); tolerant of missing fields."""
    calculations = answer.get("calculations") or []
    total = _number(answer.get("total_yuan"))
    return {
        "audit_id": str(answer.get("audit_id") or uuid.uuid4().hex),
        "created_at": datetime.now(UTC).isoformat(timespec="microseconds"),
        "question": redact_question(str(question)) if redact else str(question),
        "status": str(answer.get("status") or ""),
        "clauses": [str(c.get("clause")) for c in answer.get("citations") or [] if c.get("clause")],
        "amounts": [
            {"item": str(c.get("item")), "amount_yuan": _number(c.get("amount_yuan")), "kind": c.get("kind")}
            for c in calculations
        ],
        "total_yuan": None if total is None else int(total),
        "parameters_version": str(parameters_version),
        "elapsed_ms": float(_number(answer.get("elapsed_ms")) or 0.0),
        "answer": str(answer.get("answer") or ""),
    }


def _safe_url(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (the CLI) run beside the app; FULL syncs each commit to disk.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    kwargs: dict[str, Any] = {}
    if database in ("", ":memory:"):
        kwargs["poolclass"] = StaticPool  # one shared in-memory database, not one per connection
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    connect_args = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S}
    engine = create_engine(url, connect_args=connect_args, json_serializer=_dumps, **kwargs)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def make_engine(url_text: str) -> Engine:
    """One engine (with its connection pool) per log; raises on a URL SQLAlchemy cannot use."""
    url = make_url(url_text)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    connect_args = {"connect_timeout": CONNECT_TIMEOUT_S} if url.get_backend_name() == "postgresql" else {}
    # pre_ping replaces connections a restarted server has dropped, so retries can succeed.
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, json_serializer=_dumps)


class AuditLog:
    """The `answers` table at `url`; `record()` never raises, `last()`/`count()` raise AuditUnavailable."""

    def __init__(self, url: str, redact: bool = False) -> None:
        self.redact = redact
        self._pending: deque[dict[str, Any]] = deque()
        self._lock = threading.Lock()  # guards the pending queue and schema creation
        self._schema_ready = False
        self._retry_after = 0.0  # time.monotonic() before which writes are not attempted
        self._engine: Engine | None = None
        try:
            self._engine = make_engine(url)
            self._label = _safe_url(self._engine.url)
        except (SQLAlchemyError, ValueError, OSError) as exc:
            self._label = "(invalid URL)"
            logger.warning("审计日志地址不可用，回答照常进行，记录暂存内存：%s", type(exc).__name__)
            return
        self._try_schema()

    @property
    def pending(self) -> int:
        """Records waiting in memory for the database to come back."""
        return len(self._pending)

    def record(self, question: str, answer: dict[str, Any], parameters_version: str) -> str:
        """Store one answer; returns its audit_id. Never raises: answering matters more than logging."""
        try:
            row = audit_row(question, answer, parameters_version, redact=self.redact)
        except Exception:  # a malformed answer dict must not break the reply
            logger.warning("审计记录无法生成，已跳过", exc_info=True)
            return uuid.uuid4().hex
        if self._insert_or_queue(row):
            self._flush_pending()
        return row["audit_id"]

    def last(self, n: int) -> list[dict[str, Any]]:
        """The `n` newest records, newest first."""
        query = select(answers).order_by(answers.c.created_at.desc(), answers.c.id.desc()).limit(max(n, 0))
        with self._reading() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def count(self) -> int:
        with self._reading() as conn:
            return int(conn.execute(select(func.count()).select_from(answers)).scalar_one())

    def close(self) -> None:
        """Try once more to write what is queued, then release the pool."""
        self._flush_pending()
        if self._pending:
            logger.warning("审计日志关闭时仍有 %d 条记录未写入", len(self._pending))
        if self._engine is not None:
            self._engine.dispose()

    def _try_schema(self) -> bool:
        if self._schema_ready or self._engine is None:
            return self._schema_ready
        with self._lock:
            try:
                metadata.create_all(self._engine)
            except SQLAlchemyError as exc:
                # Two app instances may create the table at once; the loser sees it already there.
                if not self._table_exists():
                    logger.warning("审计日志 %s 暂不可用：%s", self._label, type(exc).__name__)
                    return False
            self._schema_ready = True
        return True

    def _table_exists(self) -> bool:
        try:
            return inspect(self._engine).has_table(answers.name)
        except SQLAlchemyError:
            return False

    def _insert(self, row: dict[str, Any]) -> None:
        if self._engine is None:
            raise _Unavailable("地址无效")
        if not self._try_schema():
            raise _Unavailable("无法连接或建表")
        with self._engine.begin() as conn:  # one short transaction per record
            conn.execute(answers.insert(), row)

    def _attempt(self, row: dict[str, Any]) -> Exception | None:
        """Write `row`; returns the error when it is worth retrying later, else None."""
        try:
            self._insert(row)
        except IntegrityError:
            # Same audit_id stored already (e.g. a commit whose reply was lost): nothing to retry.
            logger.warning("审计记录 %s 已存在，未重复写入", row["audit_id"])
        except (OperationalError, InterfaceError, PoolTimeout, _Unavailable) as exc:
            self._retry_after = time.monotonic() + RETRY_BACKOFF_S
            return exc
        except SQLAlchemyError as exc:
            # A row the database rejects for what it is would block the queue forever if kept.
            logger.error("审计记录 %s 无法写入（%s），已丢弃", row["audit_id"], type(exc).__name__)
        return None

    def _insert_or_queue(self, row: dict[str, Any]) -> bool:
        """True when `row` is dealt with; otherwise it waits in the queue."""
        if time.monotonic() < self._retry_after:
            error: Exception | None = _Unavailable("上次写入失败，稍后重试")
        else:
            error = self._attempt(row)
        if error is not None:
            self._queue(row, error)
        return error is None

    def _queue(self, row: dict[str, Any], exc: BaseException) -> None:
        with self._lock:
            if len(self._pending) >= RETRY_QUEUE_LIMIT:
                dropped = self._pending.popleft()
                logger.warning("审计重试队列已满，丢弃最早的记录 %s", dropped["audit_id"])
            self._pending.append(row)
            waiting = len(self._pending)
        reason = str(exc) if isinstance(exc, _Unavailable) else type(exc).__name__
        logger.warning("审计日志写入失败（%s），%d 条记录暂存内存待重试", reason, waiting)

    def _flush_pending(self) -> None:
        """Write queued rows oldest first; stop at the first failure and keep the rest."""
        while self._pending:
            with self._lock:
                if not self._pending:
                    return
                row = self._pending.popleft()
            if self._attempt(row) is not None:
                with self._lock:
                    self._pending.appendleft(row)
                return

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        if self._engine is None:
            raise AuditUnavailable("数据库地址无效")
        try:
            with self._engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise AuditUnavailable(f"读取失败：{type(exc).__name__}") from exc


class _Unavailable(Exception):
    """The engine or schema is not there yet; the row waits in the queue."""
