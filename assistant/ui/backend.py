"""The app's one doorway into the assistant: imported lazily, so the first page is served before any
model, index or database is touched (issue 6: first page within 10 s of `make run`)."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.conversation import Conversation
    from assistant.retrieval.retrieve import Retriever

log = logging.getLogger(__name__)
_lock = threading.Lock()
_retriever: Retriever | None = None


def ask(question: str, conversation: Conversation | None = None) -> dict[str, Any]:
    """`assistant.ask(...).to_dict()` (INTERFACES.md, Answer JSON)."""
    import assistant  # heavy: retrieval, calculators, audit log

    return assistant.ask(question, conversation=conversation).to_dict()


def new_conversation() -> Conversation:
    """A fresh `assistant.Conversation`: one per browser session."""
    import assistant

    return assistant.Conversation()


def retriever() -> Retriever:
    """The assistant's shared retriever when it exposes one, else our own, built once on first search."""
    global _retriever
    with _lock:
        if _retriever is None:
            _retriever = _shared_retriever() or _own_retriever()
        return _retriever


def _shared_retriever() -> Retriever | None:
    try:
        import assistant

        return assistant.get_assistant().retriever
    except (ImportError, AttributeError):
        return None


def _own_retriever() -> Retriever:
    from assistant.retrieval.retrieve import Retriever

    return Retriever(Settings.from_env())


def warm_up() -> None:
    """Load the model and index in the background so the first question is answered quickly."""
    try:
        retriever().warm()
    except Exception:  # a failed warm-up only costs the first user a wait; their question reports it
        log.exception("warm-up failed")
