"""Conversations for REST callers, by id: follow-ups ("那600万呢？") need the earlier turns, but a server
must not keep every caller's dialogue forever. Each expires after an idle time; the oldest go first when
there are too many."""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable

from assistant.conversation import Conversation

IDLE_SECONDS = 30 * 60  # a visitor at a counter rarely pauses longer between two questions
MAX_CONVERSATIONS = 10_000


class ConversationStore:
    def __init__(self, idle_seconds: float = IDLE_SECONDS, max_conversations: int = MAX_CONVERSATIONS,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.idle_seconds = idle_seconds
        self.max_conversations = max_conversations
        self._clock = clock
        self._items: OrderedDict[str, tuple[Conversation, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, conversation_id: str | None) -> tuple[str, Conversation]:
        """The conversation with this id, or a new one (with a new id) when it is unknown or expired."""
        now = self._clock()
        with self._lock:
            self._expire(now)
            if conversation_id and conversation_id in self._items:
                conversation, _ = self._items.pop(conversation_id)
            else:
                conversation_id, conversation = uuid.uuid4().hex, Conversation()
            self._items[conversation_id] = (conversation, now)  # most recently used last
            while len(self._items) > self.max_conversations:
                self._items.popitem(last=False)
            return conversation_id, conversation

    def __len__(self) -> int:
        with self._lock:
            self._expire(self._clock())
            return len(self._items)

    def _expire(self, now: float) -> None:
        while self._items:
            oldest_id, (_, used) = next(iter(self._items.items()))
            if now - used <= self.idle_seconds:
                return
            del self._items[oldest_id]
