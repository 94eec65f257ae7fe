"""Wire shapes of the sessions API."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

import msgspec

from haven.pipeline import TurnResult
from haven.storage import StoredMessage


class SessionCreated(msgspec.Struct):
    session_id: str


class MessageIn(msgspec.Struct, forbid_unknown_fields=True):
    text: str
    """What the person wrote (1 to HAVEN_MAX_MESSAGE_CHARS characters, default 2000)."""
    payload: str | None = None
    """The payload of a pressed button (e.g. `/ask_capabilities`); `text` is its title."""


class ButtonOut(msgspec.Struct):
    title: str
    payload: str


class MessageOut(msgspec.Struct):
    text: str
    buttons: list[ButtonOut]


class TurnOut(msgspec.Struct):
    messages: list[MessageOut]
    crisis: dict[str, Any] | None


class HistoryItem(msgspec.Struct):
    id: str
    direction: Literal["in", "out"]
    created_at: datetime
    text: str
    buttons: list[ButtonOut]


class HistoryOut(msgspec.Struct):
    session_id: str
    messages: list[HistoryItem]


def _utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def message_out(stored: StoredMessage) -> MessageOut:
    buttons = [ButtonOut(b.title, b.payload) for b in stored.message.buttons]
    return MessageOut(stored.message.text, buttons)


def turn_out(result: TurnResult) -> TurnOut:
    return TurnOut([message_out(m) for m in result.replies], result.crisis)


def history_out(session_id: str, items: list[StoredMessage]) -> HistoryOut:
    return HistoryOut(
        session_id,
        [
            HistoryItem(
                m.id,
                m.direction,
                _utc(m.created_at),
                m.message.text,
                [ButtonOut(b.title, b.payload) for b in m.message.buttons],
            )
            for m in items
        ],
    )
