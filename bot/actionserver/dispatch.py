"""Registering actions and running one for Rasa."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, timedelta, tzinfo
from typing import Any, Protocol

from bot.actionserver.tracker import Tracker
from bot.cbt.stores import CbtStores
from haven.storage import MessageStore


class ActionError(Exception):
    """Base class of action-server errors."""


class UnknownAction(ActionError):
    """Rasa asked for an action that is not registered."""


class ActionRejected(ActionError):
    """The action declines to run; Rasa will predict another."""


@dataclass(frozen=True, slots=True)
class ActionContext:
    """What actions may use: Haven's own stores, created at start-up."""

    messages: MessageStore
    cbt: CbtStores | None = None
    crisis: CrisisEscalation | None = None
    zone: tzinfo = UTC
    """The time zone people's times ("at 6pm", "today") are read in."""
    follow_up_after: timedelta = timedelta(hours=1)
    """How long after a planned activity Haven asks whether it happened."""


class CrisisEscalation(Protocol):
    """Haven's crisis gate, entered from inside a flow (PHQ-9 item 9 above 0)."""

    async def escalate(
        self, session_id: str, label: str, tier: str, evidence: tuple[str, ...]
    ) -> list[str]: ...


@dataclass(slots=True)
class Dispatcher:
    """Collects what the action wants to say, in Rasa's response format."""

    responses: list[dict[str, Any]] = field(default_factory=list)

    def utter(
        self,
        response: str | None = None,
        text: str | None = None,
        buttons: list[dict[str, str]] | None = None,
        **variables: Any,
    ) -> None:
        """Say a domain response by name (with template variables) or a literal text."""
        if response is None and text is None:
            raise ValueError("utter needs a response name or a text")
        message: dict[str, Any] = {**variables}
        if response is not None:
            message["response"] = response
        if text is not None:
            message["text"] = text
        if buttons:
            message["buttons"] = buttons
        self.responses.append(message)


Action = Callable[[Tracker, Dispatcher, ActionContext], Awaitable[list[dict[str, Any]]]]


class ActionRegistry:
    """Named actions; `run` answers one call of Rasa's action-server protocol."""

    def __init__(self) -> None:
        self._actions: dict[str, Action] = {}

    def add(self, name: str, action: Action) -> None:
        if name in self._actions:
            raise ValueError(f"action {name} is registered twice")
        self._actions[name] = action

    def names(self) -> list[str]:
        return sorted(self._actions)

    async def run(self, call: Mapping[str, Any], context: ActionContext) -> dict[str, Any]:
        name = str(call.get("next_action") or "")
        action = self._actions.get(name)
        if action is None:
            raise UnknownAction(name)
        sender_id = str(call.get("sender_id") or "")
        tracker = Tracker.from_rasa(sender_id, call.get("tracker") or {})
        dispatcher = Dispatcher()
        events = await action(tracker, dispatcher, context)
        return {"events": events, "responses": dispatcher.responses}
