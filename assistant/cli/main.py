"""`python -m assistant ask|chat|search|audit|match`: thin shells over ask(), the retriever, the audit log
and the 政策体检.

Bad input gets a Chinese message and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys

from assistant.respond.answer import Answer

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse, but usage errors are explained in Chinese (exit 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"参数错误：{message}\n用法示例：python -m assistant ask \"专利转让合同120万能补多少？\"\n")


def as_of_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，例如 2022-06-01（收到：{text}）") from None


def format_answer(answer: Answer) -> str:
    """What a terminal user reads: the answer text, then where it comes from."""
    lines = [answer.answer]
    if answer.follow_up:
        lines.append(f"\n请补充：{answer.follow_up}")
    lines.append(f"\n（状态：{answer.status}；条款：{'、'.join(c.label for c in answer.citations) or '无'}；"
                 f"编号：{answer.audit_id[:12]}）")
    return "\n".join(lines)


def run_ask(args: argparse.Namespace) -> int:
    from assistant import ask

    answer = ask(args.question, as_of=args.as_of)
    print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2) if args.json else format_answer(answer))
    return EXIT_OK if answer.status in ("answered", "needs_info", "out_of_scope", "refused") else EXIT_ERROR


def run_chat(args: argparse.Namespace) -> int:
    from assistant import Conversation, ask

    conversation = Conversation()
    print("清远知识产权政策助手（输入“退出”或按 Ctrl-D 结束；“新的咨询”重新开始）")
    while True:
        try:
            question = input("\n您：").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return EXIT_OK
        if question in {"退出", "exit", "quit"}:
            return EXIT_OK
        if question == "新的咨询":
            conversation = Conversation()
            print("已开始新的咨询。")
            continue
        print("\n助手：" + format_answer(ask(question, as_of=args.as_of, conversation=conversation)))


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="python -m assistant", description="清远知识产权政策助手")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=ChineseArgumentParser)
    ask_p = sub.add_parser("ask", help="回答一个问题")
    ask_p.add_argument("question", help="中文问题")
    ask_p.add_argument("--json", action="store_true", help="输出 Answer JSON")
    ask_p.add_argument("--as-of", type=as_of_date, default=None, help="按哪一天回答（YYYY-MM-DD，默认今天）")
    ask_p.set_defaults(func=run_ask)
    chat_p = sub.add_parser("chat", help="在终端中多轮对话")
    chat_p.add_argument("--as-of", type=as_of_date, default=None, help="按哪一天回答（YYYY-MM-DD）")
    chat_p.set_defaults(func=run_chat)
    from assistant.cli.audit import add_audit_parser
    from assistant.cli.match import add_match_parser
    from assistant.cli.search import add_search_parser

    add_search_parser(sub)
    add_audit_parser(sub)
    add_match_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return EXIT_ERROR
    except BrokenPipeError:  # the reader stopped reading (… | head): done, quietly, as Python's docs advise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a shell prints a sentence, not a traceback
        logging.getLogger(__name__).debug("command failed", exc_info=True)
        from assistant.respond.compose import contact

        print(f"出错了：{exc.__class__.__name__}。请稍后再试，或向{contact()}咨询。", file=sys.stderr)
        return EXIT_ERROR
