"""One visitor's dialogue: what follow-ups ("那600万呢？", "一共多少？") build on."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from assistant.respond.answer import Answer
from assistant.understand.route import Route


@dataclass
class Conversation:
    """One visitor's dialogue: follow-ups ("那600万呢？") edit the last calculation."""

    turns: list[dict[str, Any]] = field(default_factory=list)
    last_calculation: Route | None = None
    calculations: list[Route] = field(default_factory=list)  # every calculation so far, for 一共多少
    pending: str | None = None  # the fact our last follow_up asked for
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def remember(self, question: str, route: Route | None, answer: Answer, pending: str | None) -> None:
        self.turns.append({"question": question, "status": answer.status, "total_yuan": answer.total_yuan})
        if route is not None and route.kind == "calculate":
            self.last_calculation = route
            if not route.hypothetical:  # a what-if answers itself; 一共多少 adds up the case as it is
                self.calculations.append(route)
        self.pending = pending
