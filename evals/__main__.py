"""python -m evals run --dataset FILE.jsonl --out RESULTS.jsonl [--report DIR] [--gate]
python -m evals bench [--json] [--quick] [--only PART]
python -m evals metamorphic [--n N] [--seed S] [--show K]"""

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
    add_bench_parser(commands)
    meta = commands.add_parser("metamorphic", help="生成已知事实的问题，检查读到的事实与金额")
    meta.add_argument("--n", type=int, help="随机抽取的问题数（默认全部）")
    meta.add_argument("--seed", type=int, default=11, help="随机种子（同一种子生成同一批问题）")
    meta.add_argument("--show", type=int, default=20, help="列出的失败条数")
    return root


def add_bench_parser(commands: argparse._SubParsersAction) -> None:
    from evals.bench import PARTS  # light: the heavy imports happen inside the parts

    bench = commands.add_parser("bench", help="性能基准：延迟、冷启动、索引构建、并发、规模、检索消融")
    bench.add_argument("--json", action="store_true", help="最后一行输出一个 JSON 对象")
    bench.add_argument("--quick", action="store_true", help="减少迭代次数（测试用）")
    bench.add_argument("--only", action="append", choices=PARTS, help="只运行这些部分；可重复给出")
    bench.add_argument("--data-dir", help="索引与审计日志目录（默认临时目录，用后删除）")


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "bench":
        from evals.bench import bench_command

        return bench_command(quick=args.quick, as_json=args.json, only=args.only, data_dir=args.data_dir)
    if args.command == "metamorphic":
        from evals.metamorphic import main as metamorphic

        return metamorphic(n=args.n, seed=args.seed, show=args.show)
    return run_command(args.dataset, args.out, report_dir=args.report, gate=args.gate)


if __name__ == "__main__":
    sys.exit(main())
