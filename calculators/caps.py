"""The one cap rule (年度…不超过, 同一申请人年度资助不超过 — inclusive, closing paragraph): an award never
exceeds what is left under its cap this year, net of what was granted already. Used for an item's own
yearly cap (clause 7, 8), a cap shared by several items (clause 13) and several calculations of one item
in a year (two clause 7 contracts)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calculators.money import ZERO, yuan


@dataclass(frozen=True)
class Cap:
    label: str  # how the step names it: 年度上限, 同一申请人年度资助
    amount: Decimal
    granted: Decimal = ZERO  # already granted this year under this cap
    granted_said: bool = False  # the user said what was granted (else it is assumed none)

    @property
    def room(self) -> Decimal:
        return max(self.amount - self.granted, ZERO)

    def already(self, assumed: str) -> str:
        return f"本年已获{yuan(self.granted)}" if self.granted_said else assumed

    def apply(self, due: Decimal, steps: list[str], assumed: str) -> Decimal:
        """`due`, cut to the room left; the step says where the cap bit and what was assumed."""
        if due > self.room:
            steps.append(f"{self.label}{yuan(self.amount)}，{self.already(assumed)}，本次最多{yuan(self.room)}")
            return self.room
        return due


def granted_of(facts: object) -> tuple[Decimal, bool]:
    """(what was granted this year, whether the user said it) from a calculator's facts."""
    given = facts.get("granted_this_year_yuan") if hasattr(facts, "get") else None
    return (Decimal(str(given)), True) if given is not None else (ZERO, False)
