"""`python -m assistant audit --last N [--json]`: the last N answers recorded in the audit log."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

from assistant.audit.log import AuditLog, AuditUnavailable
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.cli.main import ChineseArgumentParser

MAX_LAST = 10_000  # a terminal listing; bigger exports belong to SQL on the database itself
STATUS_NAMES = {
    "answered": "已回答",
    "needs_info": "需补充信息",
    "out_of_scope": "超出范围",
    "refused": "已拒绝",
}
COLUMNS = ("时间(UTC)", "编号", "状态", "条款", "合计(元)", "耗时(ms)", "问题")
QUESTION_WIDTH = 40  # display columns; a Chinese character takes two


class BadCount(ValueError):
    """`--last` is not a whole number in range; the message is for the user."""


def add_audit_parser(subparsers: argparse._SubParsersAction[ChineseArgumentParser]) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("audit", help="查看审计日志中最近记录的回答")
    # Parsed by parse_count, not argparse `type=int`, so a bad value gets a Chinese message.
    parser.add_argument("--last", default="10", metavar="N", help="显示最近 N 条记录（默认 10）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（每条记录一个对象）")
    parser.set_defaults(func=run_audit)
    return parser


def parse_count(text: str) -> int:
    value = str(text).strip()
    if not value.isdigit() or not value.isascii():
        raise BadCount(f"--last 需要一个正整数（1 到 {MAX_LAST}），收到的是“{text}”。")
    count = int(value)
    if not 1 <= count <= MAX_LAST:
        raise BadCount(f"--last 需要在 1 到 {MAX_LAST} 之间，收到的是 {count}。")
    return count


def run_audit(args: argparse.Namespace) -> int:
    """Print the newest records; 2 for a bad N, 1 when the log cannot be read."""
    try:
        count = parse_count(args.last)
    except BadCount as exc:
        print(exc, file=sys.stderr)
        return 2
    settings = Settings.from_env()
    log = AuditLog(settings.resolved_audit_url, redact=settings.audit_redact)
    try:
        rows = log.last(count)
    except AuditUnavailable as exc:
        print(exc.user_message, file=sys.stderr)
        return 1
    finally:
        log.close()
    print(json.dumps(rows, ensure_ascii=False, indent=2) if args.json else format_table(rows))
    return 0


def format_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "审计日志中还没有记录。"
    body = [_cells(row) for row in rows]
    widths = _widths([COLUMNS, *body])
    lines = [_cells_to_line(COLUMNS, widths), "  ".join("-" * w for w in widths)]
    lines.extend(_cells_to_line(cells, widths) for cells in body)
    lines.append(f"共 {len(rows)} 条，最新的在最前。")
    return "\n".join(lines)


def _cells(row: dict[str, Any]) -> tuple[str, ...]:
    total = row.get("total_yuan")
    return (
        str(row.get("created_at", ""))[:19].replace("T", " "),
        str(row.get("audit_id", "")),
        STATUS_NAMES.get(str(row.get("status")), str(row.get("status"))),
        "、".join(row.get("clauses") or []) or "—",
        "—" if total is None else f"{total:,}",
        f"{float(row.get('elapsed_ms') or 0):.1f}",
        _clip(str(row.get("question", "")).replace("\n", " "), QUESTION_WIDTH),
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    while _width(text) > limit - 1:
        text = text[:-1]
    return text + "…"


def _widths(table: list[tuple[str, ...]]) -> list[int]:
    return [max(_width(row[i]) for row in table) for i in range(len(table[0]))]


def _cells_to_line(cells: tuple[str, ...], widths: list[int]) -> str:
    padded = (cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths, strict=True))
    return "  ".join(padded).rstrip()
