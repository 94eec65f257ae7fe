"""Messages Haven starts itself (a reminder, a follow-up, a clinician's note): stored in the
session's history like any reply, then pushed to every live connection of that session.

A person who is not connected sees them in the history next time; the SMS channel (a later
issue) registers itself as a live connection for text-message sessions.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence

import anyio

from haven.storage import ChatMessage, MessageStore, StoredMessage

logger = logging.getLogger(__name__)

Listener = Callable[[list[StoredMessage]], Awaitable[None]]


class DeliveryHub:
    def __init__(self, store: MessageStore) -> None:
        self._store = store
        self._listeners: dict[str, list[Listener]] = defaultdict(list)

    def subscribe(self, session_id: str, listener: Listener) -> Callable[[], None]:
        """Register a live connection; returns the function that unregisters it."""
        self._listeners[session_id].append(listener)

        def unsubscribe() -> None:
            listeners = self._listeners.get(session_id, [])
            if listener in listeners:
                listeners.remove(listener)
            if not listeners:
                self._listeners.pop(session_id, None)

        return unsubscribe

    async def deliver(
        self, session_id: str, messages: Sequence[ChatMessage]
    ) -> list[StoredMessage]:
        """Store the messages as outbound, then push them to live connections."""
        stored = await anyio.to_thread.run_sync(
            self._store.append, session_id, "out", list(messages)
        )
        for listener in list(self._listeners.get(session_id, [])):
            try:
                await listener(stored)
            except (OSError, RuntimeError, asyncio.CancelledError):
                logger.info("a live connection went away during delivery")
        return stored
