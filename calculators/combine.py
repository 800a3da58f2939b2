"""Several awards for one applicant in one year: apply the caps the policy sets across items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from calculators.calculation import Calculation
from calculators.caps import Cap, granted_of
from calculators.money import ZERO, yuan
from calculators.params import Parameters, load_parameters


@dataclass(frozen=True)
class Combined:
    calculations: tuple[Calculation, ...]  # after caps
    total_yuan: Decimal | None  # exact amounts only; None when none is exact
    steps: tuple[str, ...]


def _cap_groups(params: Parameters, calcs: Sequence[Calculation]) -> list[tuple[set[str], Cap]]:
    """(items, cap): the policy's shared caps, plus each item's own annual cap when the same item appears
    more than once (e.g. two clause-7 contracts in one year); what was granted counts once per cap."""
    def granted(items: set[str]) -> Decimal:
        return max((granted_of(c.inputs)[0] for c in calcs if c.item in items), default=ZERO)

    groups = [(set(g.items), Cap(g.label, g.cap, granted(set(g.items)))) for g in params.caps]
    seen = [c.item for c in calcs]
    for item_id in dict.fromkeys(seen):
        item = params.item(item_id)
        if item.annual_cap is not None and seen.count(item_id) > 1:
            groups.append(({item_id}, Cap(f"{item.name}年度上限", item.annual_cap, granted({item_id}))))
    return groups


def combine(calcs: Sequence[Calculation], params: Parameters | None = None) -> Combined:
    """Sum the exact amounts after every cap; the steps say where a cap bit."""
    params = params or load_parameters()
    result = list(calcs)
    steps: list[str] = []
    for items, cap in _cap_groups(params, result):
        members = [i for i, c in enumerate(result) if c.item in items and c.kind == "exact"]
        subtotal = sum((result[i].amount_yuan for i in members), ZERO)
        room, label = cap.room, cap.label
        if len(members) < 1 or subtotal <= room:
            continue
        # The sum before the cap is not written out: it is often the figure a visitor wrongly expects.
        steps.append(f"{label}不超过{yuan(cap.amount)}：各项合计超过上限，按{yuan(room)}计")
        for i in reversed(members):  # trim from the last item so earlier ones read as asked
            excess = subtotal - room
            if excess <= 0:
                break
            cut = min(excess, result[i].amount_yuan)
            result[i] = result[i].capped(result[i].amount_yuan - cut, f"受{label}限制，本项计{yuan(result[i].amount_yuan - cut)}")
            subtotal -= cut
    exact = [c.amount_yuan for c in result if c.kind == "exact"]
    total = sum(exact, ZERO) if exact else None
    if total is not None and len(result) > 1:
        steps.append("合计" + "＋".join(yuan(c.amount_yuan) for c in result if c.kind == "exact") + f"＝{yuan(total)}")
    return Combined(tuple(result), total, tuple(steps))
