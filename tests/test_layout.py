"""The layout keeps its promises: imports run one way (shells → pipeline → understand / retrieval / respond
→ calculators → corpus), modules stay small, and no policy figure, date or contact is typed in the code —
each lives once in calculators/parameters.toml or the corpus."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from calculators import load_parameters, yuan
from calculators.money import plain

ROOT = Path(__file__).resolve().parents[1]
LIBRARY_ROOTS = ("assistant", "calculators", "corpus")
SHELLS = {"assistant.ui", "assistant.cli", "assistant.rest", "assistant.__main__"}
PIPELINE = {"assistant", "assistant.pipeline", "assistant.drafting", "assistant.conversation"}
BASE = {"assistant.settings", "assistant.offline"}  # configuration: read by every layer
MAX_MODULE_LINES = 300

# What each part of the library may import (besides itself and BASE). Shells may import anything.
ALLOWED: dict[str, set[str]] = {
    "corpus": set(),
    "calculators": {"corpus"},
    "assistant.understand": {"calculators", "corpus"},
    "assistant.retrieval": {"corpus"},
    "assistant.audit": set(),
    "assistant.respond": {"assistant.understand", "calculators", "corpus"},
    "assistant.llm": {"assistant.understand", "assistant.respond", "calculators", "corpus"},
    "assistant.match": {"assistant.understand", "assistant.respond", "calculators", "corpus"},
    **{p: {"assistant.understand", "assistant.retrieval", "assistant.audit", "assistant.respond", "assistant.llm",
           "assistant.match", "calculators", "corpus", *PIPELINE} for p in PIPELINE},
    **{b: set() for b in BASE},
}


def part_of(module: str) -> str:
    """assistant.understand.slots -> assistant.understand; calculators.shapes -> calculators."""
    parts = module.split(".")
    if parts[0] != "assistant":
        return parts[0]
    return "assistant" if len(parts) == 1 else f"assistant.{parts[1]}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str) -> set[str]:
    """Every project module `source` imports, at the top or inside a function (lazy imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)  # `from assistant import ui` imports a shell, not just the package
            found |= {f"{node.module}.{a.name}" for a in node.names if _is_module(f"{node.module}.{a.name}")}
    roots = (*LIBRARY_ROOTS, "evals")
    return {m for m in found if m.split(".")[0] in roots}


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.is_dir() or path.with_suffix(".py").is_file()


def wrong_way(module: str, source: str) -> list[str]:
    """The imports of `module` that run against the layering; empty when all is well."""
    here = part_of(module)
    if here in SHELLS:
        return [m for m in imported(source) if m.split(".")[0] == "evals"]
    allowed = ALLOWED[here] | BASE | {here}
    return [m for m in imported(source) if part_of(m) not in allowed]


def library_modules() -> list[Path]:
    return sorted(p for root in LIBRARY_ROOTS for p in (ROOT / root).rglob("*.py"))


@pytest.mark.parametrize("path", library_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_run_one_way(path: Path) -> None:
    module = module_name(path)
    assert part_of(module) in ALLOWED or part_of(module) in SHELLS, f"{module}: which layer is it in?"
    assert wrong_way(module, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("module", "source"), [
    ("assistant.understand.slots", "from assistant.respond import compose"),  # understand below respond
    ("assistant.respond.compose", "def f():\n    from assistant.ui import render"),  # a lazy shell import
    ("assistant.pipeline", "import assistant.cli.main"),
    ("calculators.shapes", "from assistant.understand.numbers import values"),
    ("corpus.clauses", "from calculators import load_parameters"),
    ("assistant.retrieval.retrieve", "from assistant import ask"),  # the pipeline, from below it
    ("assistant.drafting", "from evals.metrics import score"),
])  # fmt: skip
def test_the_checker_catches_an_import_the_wrong_way(module: str, source: str) -> None:
    assert wrong_way(module, source)


def test_shells_may_use_the_library() -> None:
    assert wrong_way("assistant.ui.chat", "from assistant import ask\nfrom calculators import calculate") == []


@pytest.mark.parametrize("path", [p for p in library_modules() if p.suffix == ".py"],
                         ids=lambda p: str(p.relative_to(ROOT)))  # fmt: skip
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


# ---------------------------------------------------------------- each policy fact once


def policy_figures() -> set[str]:
    """How the policy's amounts, rates, dates and contact would be written if someone typed them in code:
    50万元, 50%, 2023年12月31日, 2023-12-31, 市市场监管局（市知识产权局）."""
    params = load_parameters()
    figures: set[str] = set()
    for item in params.items.values():
        amounts = [item.amount, item.annual_cap, *(t.fixed for t in item.tiers), *(t.at_least for t in item.tiers)]
        figures |= {yuan(a) for a in amounts if a}
        figures |= {f"{plain(r * 100)}%" for r in (item.rate, *(t.rate for t in item.tiers)) if r}
    p = params.policy
    for day in (p.effective_from, p.effective_until, p.retroactive_from):
        figures |= {f"{day.year}年{day.month}月{day.day}日", day.isoformat(), f"{day.year}.{day.month}.{day.day}"}
    return figures | {p.contact, "市知识产权局", "市场监管局"}  # the contact, not 国家知识产权局


def typed_policy_facts(source: str, figures: set[str]) -> list[str]:
    """Policy figures inside string literals (docstrings aside) and dates built from literals in `source`.
    A figure inside a longer number (120万元 holds 20万元) is not one."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)}  # fmt: skip
    pattern = re.compile("|".join(rf"(?<![\d.]){re.escape(f)}" for f in sorted(figures, key=len, reverse=True)))
    params = load_parameters().policy
    years = {d.year for d in (params.effective_from, params.effective_until, params.retroactive_from)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found += [f"line {node.lineno}: {m.group(0)}" for m in pattern.finditer(node.value)]
        if (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "date"
                and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value in years):
            found.append(f"line {node.lineno}: date({node.args[0].value}, …)")
    return found


# Example questions a visitor might type: a figure there is the visitor's, not the policy's.
EXAMPLE_QUESTIONS = {"assistant/ui/chat.py", "assistant/respond/compose.py"}


@pytest.mark.parametrize("path", [p for p in library_modules()], ids=lambda p: str(p.relative_to(ROOT)))
def test_no_policy_fact_is_typed_in_code(path: Path) -> None:
    figures = policy_figures()
    if str(path.relative_to(ROOT)) in EXAMPLE_QUESTIONS:
        figures -= {"3000元"}  # 官费3000元，能资助多少？ is an example question
    assert typed_policy_facts(path.read_text(encoding="utf-8"), figures) == []


@pytest.mark.parametrize("source", [
    'INTRO = "有效期至2023年12月31日"',
    'LABEL = f"合同金额的{x}，最高50万元"',
    'CONTACT = "请咨询市市场监管局（市知识产权局）"',
    "import datetime as dt\nEND = dt.date(2023, 12, 31)",
])  # fmt: skip
def test_the_grep_catches_a_typed_fact(source: str) -> None:
    assert typed_policy_facts(source, policy_figures())


def test_a_visitors_figure_is_not_a_policy_fact() -> None:
    source = 'EXAMPLE = "专利转让合同120万元能补多少？"\n\n\ndef valid():\n    """有效期至2023年12月31日"""\n'
    assert typed_policy_facts(source, policy_figures()) == []
