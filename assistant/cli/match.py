"""`python -m assistant match PROFILE.json [--json] [--as-of 2022-06-01]`: 政策体检 in the terminal.

PROFILE.json is the same profile POST /api/match takes (assistant/match/profile.py); `-` reads stdin. The
table is the one the app and the chat show; --json prints the same object as the API.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.cli.main import ChineseArgumentParser

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
MAX_PROFILE_BYTES = 256 * 1024  # a year's profile is a few KB; more is the wrong file


def add_match_parser(subparsers: argparse._SubParsersAction[ChineseArgumentParser]) -> argparse.ArgumentParser:
    from assistant.cli.main import as_of_date

    parser = subparsers.add_parser("match", help="政策体检：按一年的情况列出可申请的全部补助")
    parser.add_argument("profile", help="体检信息 JSON 文件（- 表示从标准输入读取）")
    parser.add_argument("--json", action="store_true", help="输出与 /api/match 相同的 JSON")
    parser.add_argument("--as-of", type=as_of_date, default=None, help="按哪一天作答（YYYY-MM-DD，默认今天）")
    parser.set_defaults(func=run_match)
    return parser


def read_text(source: str) -> str:
    """The profile file's text; ValueError with a Chinese message when it cannot be read."""
    try:
        raw = sys.stdin.buffer.read(MAX_PROFILE_BYTES + 1) if source == "-" else Path(source).read_bytes()
    except FileNotFoundError:
        raise ValueError(f"找不到体检信息文件：{source}") from None
    except OSError as exc:
        raise ValueError(f"无法读取体检信息文件：{source}（{exc.strerror}）") from None
    if len(raw) > MAX_PROFILE_BYTES:
        raise ValueError(f"体检信息文件过大（超过{MAX_PROFILE_BYTES // 1024}KB），请检查是否选错了文件。")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("体检信息文件不是 UTF-8 文本，请另存为 UTF-8 编码的 JSON。") from None


def run_match(args: argparse.Namespace) -> int:
    from assistant.match import ProfileError, match_profile, parse_profile, text_table

    try:
        result = match_profile(parse_profile(read_text(args.profile)), args.as_of)
    except (ValueError, ProfileError) as exc:
        print(getattr(exc, "user_message", str(exc)), file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps({**result.to_dict(), "text": text_table(result)}, ensure_ascii=False, indent=2)
          if args.json else text_table(result))  # fmt: skip
    return EXIT_OK
