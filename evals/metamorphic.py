"""Metamorphic questions: names × number formats × templates × conditions (with negations and roles),
whose facts are known by construction. `python -m evals metamorphic [--n N]` asks each through
`assistant.ask` and checks that the frame read exactly the generated facts and that the amount is the
calculator applied to them (or that the award is denied when a condition was said to fail).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import cn2an

from calculators import PolicyError, calculate, load_parameters
from calculators.money import plain
from evals.metamorphic_data import COUNTERPARTIES, GIVE, ITEMS, NEUTRAL_COUNTERPARTY, Figure, ItemSpec, Said

IN_FORCE = dt.date(2022, 6, 1)
PER_NAME = 4  # questions per (item, name, format): varied templates and conditions


def _wan(v: Decimal) -> str:
    return plain(v / 10_000)


# Money in every way people write it; the ones that need a whole number say so.
MONEY_FORMATS: dict[str, tuple[Callable[[Decimal], str], bool]] = {
    "yuan": (lambda v: f"{plain(v)}元", False),
    "separators": (lambda v: f"{v:,}元", False),
    "wan": (lambda v: f"{_wan(v)}万", False),
    "wan yuan": (lambda v: f"{_wan(v)}万元", False),
    "yen": (lambda v: f"¥{v:,.2f}", False),
    "w": (lambda v: f"{_wan(v)}w", False),
    "financial": (lambda v: cn2an.an2cn(int(v), "up") + "元", True),
    "chinese": (lambda v: cn2an.an2cn(int(v), "low") + "元", True),
    "renminbi": (lambda v: "人民币" + cn2an.an2cn(int(v), "rmb"), True),
}
COUNT_FORMATS: dict[str, Callable[[int], str]] = {
    "arabic": str,
    "chinese": lambda n: "两" if n == 2 else cn2an.an2cn(n, "low"),
    "full-width": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
}
YEARS_FORMATS: dict[str, tuple[Callable[[int], str], Callable[[int], Decimal]]] = {
    "years": (lambda n: f"{n}年", Decimal),
    "chinese years": (lambda n: ("两" if n == 2 else cn2an.an2cn(n, "low")) + "年", Decimal),
    "and a half": (lambda n: f"{n}年半", lambda n: Decimal(n) + Decimal("0.5")),
    "months": (lambda n: f"{n * 12}个月", Decimal),
    "chinese and a half": (lambda n: ("两" if n == 2 else cn2an.an2cn(n, "low")) + "年半", lambda n: Decimal(n) + Decimal("0.5")),
    "full-width years": (lambda n: COUNT_FORMATS["full-width"](n) + "年", Decimal),
}
TEMPLATES = (
    "{who}{when}{name}，{figure}，{conds}能补多少？",
    "请问{who}{when}{name}，{figure}，{conds}按办法可以拿多少？",
    "{conds}{who}{when}{name}，{figure}，奖励或资助是多少",
    "{who}{when}{name}（{figure}），{conds}能申请多少钱？",
)
# When it happened, all inside the period of validity for IN_FORCE (2022-06-01): 今年 and 去年 are 2022, 2021.
WHEN = ("", "", "今年", "去年", "2022年", "2021年3月", "22年")


@dataclass(frozen=True)
class Case:
    id: str
    question: str
    item: str
    inputs: dict[str, Any]  # the calculator inputs the question states
    said: tuple[Said, ...]
    dims: dict[str, str] = field(default_factory=dict)  # for the breakdown: format, template, condition …

    @property
    def denied(self) -> bool:
        return any(not s.met for s in self.said)


def _figure_text(fig: Figure, rng: random.Random, fmt: str) -> tuple[str, Decimal]:
    if fig.kind == "yuan":
        render, whole = MONEY_FORMATS[fmt]
        value = Decimal(rng.randint(fig.low, fig.high))
        if not whole and fig.input == "official_fees_yuan" and rng.random() < 0.4:
            value += Decimal("0.5")  # 2345.5元: a decimal fee, never a date
        return f"{rng.choice(fig.nouns)}{render(value)}", value
    if fig.kind == "count":
        n = rng.randint(fig.low, fig.high)
        count = COUNT_FORMATS[fmt](n)
        lead = "指定了" if fig.input == "countries" else "共"
        return f"{lead}{count}{fig.measure}{rng.choice(fig.nouns)}", Decimal(n)
    words, value_of = YEARS_FORMATS[fmt]
    n = rng.randint(fig.low, fig.high)
    return f"{rng.choice(fig.nouns)}{words(n)}", value_of(n)


def _formats(fig: Figure | None) -> list[str]:
    if fig is None:
        return [f"template {n}" for n in range(len(TEMPLATES))] + ["template 0", "template 1"]
    if fig.kind == "yuan":
        return list(MONEY_FORMATS)[:6] if fig.input == "official_fees_yuan" else list(MONEY_FORMATS)
    return list(COUNT_FORMATS) * 2 if fig.kind == "count" else list(YEARS_FORMATS)


def _conditions(spec: ItemSpec, rng: random.Random) -> tuple[Said, ...]:
    by_condition: dict[str, list[Said]] = {}
    for s in spec.conditions:
        by_condition.setdefault(s.condition, []).append(s)
    chosen = rng.sample(sorted(by_condition), k=rng.randint(0, len(by_condition)))
    return tuple(rng.choice(by_condition[c]) for c in chosen)


def _cases_for(spec: ItemSpec, rng: random.Random) -> Iterable[Case]:
    for n, name in enumerate(spec.names):
        for fmt in _formats(spec.figure):
            for rep in range(PER_NAME):
                said = _conditions(spec, rng)
                phrase = name
                if "{cp}" in name:
                    if rng.random() < 0.2:  # the asker sells or licenses out: not the side clause 7 funds
                        phrase = rng.choice(GIVE)
                        said = (*said, Said("receiving_side", phrase, False))
                    located = any(s.condition == "local_counterparty" for s in said)
                    phrase = phrase.replace("{cp}", NEUTRAL_COUNTERPARTY if located else rng.choice(COUNTERPARTIES))
                figure, inputs = "", {}
                if spec.figure is not None:
                    figure, value = _figure_text(spec.figure, rng, fmt)
                    inputs = {spec.figure.input: value}
                template = TEMPLATES[(n + rep) % len(TEMPLATES)]
                conds = "".join(f"{s.words}，" for s in said if s.condition != "receiving_side")
                when = rng.choice(WHEN)
                text = template.format(who=spec.applicant, when=when, name=phrase, figure=figure or "", conds=conds)
                text = text.replace("，，", "，").replace("（）", "")
                dims = {"item": spec.item, "format": fmt, "template": template[:12], "name": str(n), "when": when,
                        "conditions": "+".join(sorted(("" if s.met else "not ") + s.condition for s in said)) or "none"}
                yield Case(f"{spec.item}-{n}-{fmt}-{rep}", text, spec.item, inputs, said, dims)


def generate(seed: int = 11) -> list[Case]:
    """Every generated case, in a fixed order for a seed."""
    rng = random.Random(seed)
    return [case for spec in ITEMS for case in _cases_for(spec, rng)]


def expected_amount(case: Case) -> Decimal | None:
    if case.denied:
        return None
    try:
        return calculate(case.item, case.inputs, load_parameters()).amount_yuan
    except PolicyError:
        return None


def problems(case: Case, answer: dict[str, Any]) -> list[str]:
    """What the answer read or computed differently from what the case states."""
    out: list[str] = []
    items = [f["item"] for f in answer.get("facts") or []]
    if items != [case.item]:
        out.append(f"awards read {items}, said [{case.item}]")
        return out
    read = answer["facts"][0]["inputs"]
    for name, value in case.inputs.items():
        if name not in read or Decimal(str(read[name])) != value:
            out.append(f"{name} read {read.get(name)!r}, said {value}")
    amounts = [Decimal(str(c["amount_yuan"])) for c in answer.get("calculations") or []]
    if case.denied:
        if amounts or "不符合" not in answer.get("answer", ""):
            out.append(f"not denied although {[s.words for s in case.said if not s.met]}")
    else:
        want = expected_amount(case)
        if want is not None and amounts != [want]:
            out.append(f"amount {amounts}, calculator gives {want}")
        if "不符合" in answer.get("answer", ""):
            out.append("denied although every condition said is met")
    return out


def run(cases: list[Case], ask: Callable[..., Any]) -> list[tuple[Case, list[str]]]:
    return [(case, problems(case, ask(case.question, as_of=IN_FORCE).to_dict())) for case in cases]


def report(results: list[tuple[Case, list[str]]], show: int = 20) -> str:
    """The share read right, overall and by each dimension, and the first failures."""
    lines = []
    ok = sum(not p for _, p in results)
    lines.append(f"METAMORPHIC n={len(results)} read_right={ok / len(results):.1%} ({ok}/{len(results)})")
    for dim in ("format", "template", "when", "conditions", "item"):
        totals: Counter[str] = Counter()
        wrong: Counter[str] = Counter()
        for case, found in results:
            totals[case.dims[dim]] += 1
            wrong[case.dims[dim]] += bool(found)
        worst = sorted(totals, key=lambda k: (-wrong[k] / totals[k], k))[:8]
        lines.append(f"  by {dim}: " + "; ".join(f"{k} {1 - wrong[k] / totals[k]:.0%}" for k in worst))
    failures = [(c, p) for c, p in results if p]
    lines += [f"  FAIL {c.id}: {c.question}  → {'; '.join(p)}" for c, p in failures[:show]]
    return "\n".join(lines)


def main(n: int | None = None, seed: int = 11, show: int = 20) -> int:
    from assistant import ask

    cases = generate(seed)
    if n is not None and n < len(cases):
        cases = random.Random(seed).sample(cases, n)
    results = run(cases, ask)
    print(report(results, show))
    return 0
