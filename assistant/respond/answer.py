"""The answer record and its JSON (../shared/INTERFACES.md: add fields, never rename)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from calculators import Calculation
from calculators.money import yuan_int

Status = Literal["answered", "needs_info", "out_of_scope", "refused"]
STATUSES: tuple[Status, ...] = ("answered", "needs_info", "out_of_scope", "refused")


@dataclass(frozen=True)
class Citation:
    clause: str
    label: str
    title: str
    quote: str

    def to_dict(self) -> dict[str, str]:
        return {"clause": self.clause, "label": self.label, "title": self.title, "quote": self.quote}


@dataclass(frozen=True)
class Answer:
    status: Status
    answer: str
    citations: tuple[Citation, ...] = ()
    calculations: tuple[Calculation, ...] = ()
    total_yuan: Decimal | None = None
    follow_up: str | None = None
    notices: tuple[str, ...] = ()
    elapsed_ms: float = 0.0
    audit_id: str = ""
    question: str = ""
    as_of: dt.date | None = None
    route: str = ""
    parameters_version: str = ""
    understood: tuple[str, ...] = ()  # the facts read, one Chinese line each (INTERFACES.md)
    facts: tuple[dict[str, Any], ...] = ()  # per award read: {"item", "inputs"}, for the staff calculator

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "answer": self.answer,
            "citations": [c.to_dict() for c in self.citations],
            "calculations": [c.to_dict() for c in self.calculations],
            "total_yuan": None if self.total_yuan is None else yuan_int(self.total_yuan),
            "follow_up": self.follow_up,
            "notices": list(self.notices),
            "understood": list(self.understood),
            "facts": [dict(f) for f in self.facts],
            "elapsed_ms": round(self.elapsed_ms, 2),
            "audit_id": self.audit_id,
            # Added fields (INTERFACES.md allows additions):
            "question": self.question,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "route": self.route,
            "parameters_version": self.parameters_version,
        }
