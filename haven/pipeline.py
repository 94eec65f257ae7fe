"""The turn pipeline: the one place that decides the order a chat message goes through.

    channel adapter (web, WebSocket, SMS)
      → persist the inbound message (before anything else: nothing is lost; when the
        database is away, the sealed local spool holds it until it returns)
      → inbound gate (the crisis classifier; it may preempt the dialogue)
      → dialogue (Rasa; its custom actions run in Haven through the action endpoint)
      → free text (the local language model) when Rasa hands the turn over
      → outbound screen (every text the bot is about to send)
      → persist the outbound messages
      → back to the channel adapter, which delivers

Channels only adapt formats; they call `TurnPipeline.handle` and nothing else.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

import anyio

from haven.dialogue import DialogueReply, DialogueUnavailable
from haven.spool import Spool
from haven.storage import ChatMessage, MessageStore, StorageUnavailable, StoredMessage
from haven.storage.messages import Direction
from haven.turns import Inbound, Verdict

logger = logging.getLogger(__name__)

_PAYLOAD = re.compile(r"^/[a-z][a-z0-9_]{0,63}(\{[^\n]{0,500}\})?$")

FREETEXT_OFF_REPLY = ChatMessage(
    'I\'m not sure I followed. Type "menu" to see what I can do. If you are in crisis, '
    "call or text 988."
)

DIALOGUE_DOWN_REPLY = ChatMessage(
    "I'm having trouble answering right now. Please try again in a moment. "
    "If you are in crisis, call or text 988 (Suicide & Crisis Lifeline) now."
)


class TurnError(Exception):
    """A message that cannot be accepted; `code` names the problem for the API."""

    code = "invalid_message"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class EmptyMessage(TurnError):
    code = "empty_text"


class MessageTooLong(TurnError):
    code = "text_too_long"


class InvalidPayload(TurnError):
    code = "invalid_payload"


class InboundGate(Protocol):
    async def check(self, inbound: Inbound) -> Verdict: ...


class OutboundScreen(Protocol):
    async def screen(self, session_id: str, messages: Sequence[ChatMessage]) -> Verdict: ...


class Dialogue(Protocol):
    async def respond(self, sender_id: str, text: str) -> DialogueReply: ...


Draft = Callable[[str], Awaitable[None]]


class FreeText(Protocol):
    async def reply(
        self, session_id: str, text: str, on_draft: Draft | None = None
    ) -> ChatMessage: ...


@dataclass(frozen=True, slots=True)
class TurnResult:
    session_id: str
    inbound: StoredMessage
    replies: list[StoredMessage] = field(default_factory=list)
    crisis: dict[str, Any] | None = None


class TurnPipeline:
    def __init__(
        self,
        store: MessageStore,
        spool: Spool,
        dialogue: Dialogue,
        gate: InboundGate,
        screen: OutboundScreen,
        max_chars: int,
        freetext: FreeText | None = None,
    ) -> None:
        self._store = store
        self._spool = spool
        self._dialogue = dialogue
        self._gate = gate
        self._screen = screen
        self._max_chars = max_chars
        self._freetext = freetext

    def validate(self, inbound: Inbound) -> Inbound:
        """Reject what no stage should see; returns the message with surrounding space trimmed."""
        text = inbound.text.strip()
        if not text:
            raise EmptyMessage("text must not be empty")
        if len(text) > self._max_chars:
            raise MessageTooLong(f"text must be at most {self._max_chars} characters")
        if "\x00" in text:
            raise TurnError("text must not contain NUL characters")
        if inbound.payload is not None and not _PAYLOAD.match(inbound.payload):
            raise InvalidPayload("payload must be a button payload such as /greet")
        return Inbound(inbound.session_id, text, inbound.payload, inbound.channel)

    async def handle(self, inbound: Inbound, on_draft: Draft | None = None) -> TurnResult:
        """One turn, in order. `on_draft` receives drafts of a generated reply as they are
        produced (the WebSocket streams them); the stored, delivered text is the screened one."""
        inbound = self.validate(inbound)
        stored_in = await self._persist(inbound.session_id, "in", [ChatMessage(inbound.text)])

        verdict = await self._gate.check(inbound)
        crisis = verdict.crisis
        if verdict.preempt:
            replies = list(verdict.messages)
        else:
            replies = await self._converse(inbound, on_draft)
            screened = await self._screen.screen(inbound.session_id, replies)
            if screened.preempt:
                replies = list(screened.messages)
                crisis = crisis or screened.crisis
            replies = [*verdict.prepend, *replies]

        stored_out = await self._persist(inbound.session_id, "out", replies)
        return TurnResult(inbound.session_id, stored_in[0], stored_out, crisis)

    async def _converse(self, inbound: Inbound, on_draft: Draft | None) -> list[ChatMessage]:
        """Rasa decides; when it hands the turn over, the local model writes the reply."""
        try:
            reply = await self._dialogue.respond(
                inbound.session_id, inbound.payload or inbound.text
            )
        except DialogueUnavailable as exc:
            logger.warning("dialogue unavailable for a turn: %s", exc)
            return [DIALOGUE_DOWN_REPLY]
        if not reply.freetext:
            return reply.messages
        if self._freetext is None:
            return [*reply.messages, FREETEXT_OFF_REPLY]
        generated = await self._freetext.reply(inbound.session_id, inbound.text, on_draft)
        return [*reply.messages, generated]

    async def _persist(
        self, session_id: str, direction: Direction, messages: list[ChatMessage]
    ) -> list[StoredMessage]:
        """Store the messages; if the database is away, spool them (sealed) and go on."""
        ids = [str(uuid.uuid4()) for _ in messages]
        when = datetime.now(UTC)
        try:
            return await anyio.to_thread.run_sync(
                self._store.append, session_id, direction, messages, ids, when
            )
        except StorageUnavailable:
            self._spool.put(
                "messages",
                {
                    "session_id": session_id,
                    "direction": direction,
                    "ids": ids,
                    "created_at": when.isoformat(),
                    "messages": [m.to_payload() for m in messages],
                },
            )
            logger.warning("database unavailable: a turn was spooled")
            return [
                StoredMessage(mid, session_id, direction, when, m)
                for mid, m in zip(ids, messages, strict=True)
            ]


def replay_spooled_messages(store: MessageStore, payload: dict[str, Any]) -> None:
    """The spool handler for `messages` entries (idempotent)."""
    store.append(
        payload["session_id"],
        payload["direction"],
        [ChatMessage.from_payload(m) for m in payload["messages"]],
        payload["ids"],
        datetime.fromisoformat(payload["created_at"]),
        skip_existing=True,
    )
