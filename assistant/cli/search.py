"""`python -m assistant search "问题" [--json] [-k 5]`: the clauses retrieval ranks first, with their text.

JSON: `[{"clause", "title", "score", "text", "label", "channel_ranks"}]`, best first.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from assistant.retrieval.retrieve import MAX_QUESTION_CHARS, Hit

if TYPE_CHECKING:
    from assistant.cli.main import ChineseArgumentParser

MAX_K = 30  # more than every clause of the policy (24)
EXIT_OK, EXIT_USAGE = 0, 2


def _k(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_K:
        raise argparse.ArgumentTypeError(f"-k 应为 1 到 {MAX_K} 之间的整数（收到：{text}）")
    return int(text)


def add_search_parser(subparsers: argparse._SubParsersAction[ChineseArgumentParser]) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("search", help="检索与问题最相关的条款")
    parser.add_argument("question", help="中文问题或关键词，例如“专利转让补助”")
    parser.add_argument("--json", action="store_true", help="输出 JSON 列表")
    parser.add_argument("-k", type=_k, default=5, help=f"返回几条（1-{MAX_K}，默认 5）")
    parser.set_defaults(func=run_search)
    return parser


def question_problem(question: str) -> str | None:
    """Why the input cannot be searched, in Chinese; None when it can."""
    if not question.strip():
        return '请输入要检索的问题，例如：python -m assistant search "专利转让合同能补多少"'
    if len(question) > MAX_QUESTION_CHARS:
        return f"问题过长（{len(question)}字，上限{MAX_QUESTION_CHARS}字），请精简为一两句话后再检索。"
    if "\x00" in question:
        return "输入包含无法识别的字符，请用中文文字重新输入。"
    return None


def run_search(args: argparse.Namespace) -> int:
    if problem := question_problem(args.question):
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    from assistant.retrieval.retrieve import Retriever
    from assistant.settings import Settings

    hits = Retriever(Settings.from_env()).search(args.question.strip(), k=args.k)
    print(
        json.dumps([hit_json(h) for h in hits], ensure_ascii=False, indent=2)
        if args.json
        else format_hits(hits)
    )
    return EXIT_OK


def hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "clause": hit.clause_id,
        "title": hit.title,
        "score": round(hit.score, 6),
        "text": hit.text,
        "label": hit.label,
        "channel_ranks": hit.channel_ranks,
    }


def format_hits(hits: list[Hit]) -> str:
    if not hits:
        from assistant.respond.compose import contact

        return f"没有找到与问题相关的条款。可换个说法，或向{contact()}咨询。"
    lines = []
    for n, hit in enumerate(hits, start=1):
        lines.append(f"{n}. {hit.label}{hit.title}（条款 {hit.clause_id}，得分 {hit.score:.4f}）")
        lines.append(f"   {hit.text.replace(chr(10), ' ')}")
    return "\n".join(lines)
