"""The types a turn is made of, shared by the pipeline and the features it calls
(the crisis gate, the free-text stage), so that features never import the pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from haven.storage import ChatMessage


@dataclass(frozen=True, slots=True)
class Inbound:
    """A message as a channel hands it over: what the person wrote, and what they pressed."""

    session_id: str
    text: str
    payload: str | None = None
    channel: str = "web"


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a gate or screen decided.

    `preempt` replaces the dialogue's messages with `messages`; `prepend` goes before the
    dialogue's messages without stopping it (how the gate fails closed without silencing
    the conversation).
    """

    preempt: bool = False
    messages: tuple[ChatMessage, ...] = ()
    prepend: tuple[ChatMessage, ...] = ()
    crisis: dict[str, Any] | None = None


PASS = Verdict()
