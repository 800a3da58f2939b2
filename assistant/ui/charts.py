"""Clause 7's subsidy against contract amount, drawn from the calculator itself (so the picture cannot
disagree with the numbers), with Chinese labels in a CJK font. The tiers, the rate and the yearly cap
are read from calculators/parameters.toml, so the picture follows the data.
"""

from __future__ import annotations

from decimal import Decimal

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from assistant.ui.fonts import cjk_font
from calculators import calculate, load_parameters
from calculators.params import Tier

CLAUSE_7_ITEM = "patent_transfer_contract"
WAN = 10_000
def clause_7_curve(top_wan: int = 800, step_wan: int = 5) -> tuple[list[float], list[float]]:
    """(合同金额 万元, 补助 万元) sampled through the calculator, with the tier edges sampled on both sides."""
    edges = [float(t.at_least) / WAN for t in load_parameters().item(CLAUSE_7_ITEM).tiers if t.at_least]
    xs = sorted({*range(0, top_wan + 1, step_wan), *edges, *(e - 0.01 for e in edges)})
    ys = []
    for x in xs:
        calc = calculate(CLAUSE_7_ITEM, {"contract_yuan": Decimal(str(x)) * WAN})
        ys.append(float(calc.amount_yuan) / WAN)
    return [float(x) for x in xs], ys


def _mark_tier_edges(ax: Axes, tiers: tuple[Tier, ...], cap: float, font: str) -> None:
    """A thin vertical line at each tier's lower edge (100万元, 500万元), named above the cap line."""
    for tier in tiers:
        if tier.at_least:
            edge = float(tier.at_least) / WAN
            ax.axvline(edge, color="#bdc3c7", linewidth=1)
            ax.annotate(f"{edge:g}万元", (edge, cap * 1.08), ha="center", fontfamily=font)


def _label_tiers(ax: Axes, tiers: tuple[Tier, ...], top_wan: int, font: str) -> None:
    """Write each tier's rule over the middle of its stretch: 按1% / 一次性2万元 / 一次性5万元."""
    uppers = [top_wan, *(float(t.at_least) / WAN for t in tiers[:-1])]
    for tier, upper in zip(tiers, uppers, strict=True):
        lower = float(tier.at_least) / WAN
        middle = (lower + upper) / 2
        if tier.rate:
            text, height = f"按{float(tier.rate) * 100:g}%", middle * float(tier.rate)
        else:
            text, height = f"一次性{float(tier.fixed) / WAN:g}万元", float(tier.fixed) / WAN
        ax.annotate(text, (middle, height), xytext=(0, 6), textcoords="offset points", ha="center",
                    fontfamily=font)


def clause_7_figure(top_wan: int = 800) -> Figure:
    """Subsidy steps, the rate line and the annual cap, labelled in Chinese."""
    item = load_parameters().item(CLAUSE_7_ITEM)
    font = cjk_font()
    fig = Figure(figsize=(8, 4.2), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    xs, ys = clause_7_curve(top_wan)
    rate = next(t.rate for t in item.tiers if t.rate)
    cap = float(item.annual_cap or 0) / WAN
    ax.plot(xs, ys, color="#c0392b", linewidth=2.2, label="可获补助（按第（七）条计算）")
    ax.plot(
        [0, top_wan],
        [0, top_wan * float(rate)],
        "--",
        color="#7f8c8d",
        label=f"合同金额的{float(rate) * 100:g}%",
    )
    ax.axhline(cap, color="#2c3e50", linestyle=":", label=f"单个企业年度上限{cap:g}万元")
    _mark_tier_edges(ax, item.tiers, cap, font)
    _label_tiers(ax, item.tiers, top_wan, font)
    ax.set_xlim(0, top_wan)
    ax.set_ylim(0, cap * 1.25)
    ax.set_xlabel("交易运用合同金额（万元）", fontfamily=font)
    ax.set_ylabel("一次性补助（万元）", fontfamily=font)
    ax.set_title("第（七）条 专利交易运用补助与合同金额", fontfamily=font)
    ax.legend(loc="lower right", prop={"family": font})
    ax.grid(alpha=0.3)
    return fig
