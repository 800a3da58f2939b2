"""python -m evals run --dataset FILE.jsonl --out RESULTS.jsonl [--report DIR] [--gate]"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from evals.cli import run_command


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m evals", description="清远知识产权政策助手评测")
    commands = root.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="逐条提问并计算指标")
    run.add_argument("--dataset", action="append", required=True,
                     help="JSONL 数据文件（单轮或多轮对话）；可重复给出")  # fmt: skip
    run.add_argument("--out", required=True, help="结果 JSONL：每行 {id, question, result}")
    run.add_argument("--report", help="写入 report.md 和 PNG 图表的目录")
    run.add_argument("--gate", action="store_true", help="按发布门槛检查，不通过时退出码为 1")
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return run_command(args.dataset, args.out, report_dir=args.report, gate=args.gate)


if __name__ == "__main__":
    sys.exit(main())
