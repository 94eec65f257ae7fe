"""The pipeline's free-text stage: the local model's reply to a turn Rasa handed over.

Drafts (sentence-sized, guardrail-screened chunks) can be streamed to a live connection;
each draft is also checked by the crisis classifier before it is shown, and the final text
is screened again by the pipeline's outbound stage before it is stored and delivered.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import anyio

from bot.freetext.engine import FreeTextEngine
from bot.freetext.errors import LLMBusy
from haven.storage import ChatMessage, MessageStore, StorageUnavailable

logger = logging.getLogger(__name__)

BUSY_REPLY = (
    "A lot of people are talking with me right now, so I can't give you a thoughtful reply "
    'this moment. Please try again in a minute, or type "menu" for an exercise. If you are '
    "in crisis, call or text 988."
)

Draft = Callable[[str], Awaitable[None]]
SafeToShow = Callable[[str], Awaitable[bool]]


class FreeTextStage:
    def __init__(
        self,
        engine: FreeTextEngine,
        store: MessageStore,
        history_turns: int,
        safe_to_show: SafeToShow,
    ) -> None:
        self._engine = engine
        self._store = store
        self._history_turns = history_turns
        self._safe_to_show = safe_to_show

    async def reply(self, session_id: str, text: str, on_draft: Draft | None = None) -> ChatMessage:
        """The model's reply (generated), or a templated one when it is busy or fails."""
        history = await self._history(session_id)
        if on_draft is None:
            answer = await self._engine.reply_or_fallback(history, text)
            if isinstance(answer.failure, LLMBusy):
                return ChatMessage(BUSY_REPLY)
            return ChatMessage(answer.text, generated=answer.failure is None)
        return await self._streamed(history, text, on_draft)

    async def _streamed(
        self, history: list[tuple[str, str]], text: str, on_draft: Draft
    ) -> ChatMessage:
        from bot.freetext import LLMError, fallback_reply

        showing = True
        try:
            async with self._engine.stream(history, text) as stream:
                async for chunk in stream:
                    if showing and await self._safe_to_show(chunk):
                        await on_draft(chunk)
                    else:
                        showing = False  # the rest waits for the outbound screen
            return ChatMessage(stream.result.text, generated=True)
        except LLMBusy:
            return ChatMessage(BUSY_REPLY)
        except LLMError as exc:
            logger.warning("free-text reply fell back to a template: %s", type(exc).__name__)
            return ChatMessage(fallback_reply(text))

    async def _history(self, session_id: str) -> list[tuple[str, str]]:
        """The last few turns, oldest first, without the message being answered."""
        if self._history_turns == 0:
            return []
        try:
            stored = await anyio.to_thread.run_sync(
                self._store.history, session_id, 2 * self._history_turns + 1
            )
        except StorageUnavailable:
            return []
        turns = [("user" if m.direction == "in" else "assistant", m.message.text) for m in stored]
        return turns[:-1] if turns and turns[-1][0] == "user" else turns
