"""A read-only view of the tracker Rasa sends with each action call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Tracker:
    sender_id: str
    slots: Mapping[str, Any] = field(default_factory=dict)
    latest_message: Mapping[str, Any] = field(default_factory=dict)
    events: tuple[Mapping[str, Any], ...] = ()
    active_loop: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_rasa(cls, sender_id: str, state: Mapping[str, Any]) -> Tracker:
        return cls(
            sender_id=sender_id,
            slots=dict(state.get("slots") or {}),
            latest_message=dict(state.get("latest_message") or {}),
            events=tuple(state.get("events") or ()),
            active_loop=dict(state.get("active_loop") or {}),
        )

    def get_slot(self, name: str) -> Any:
        return self.slots.get(name)

    @property
    def latest_intent(self) -> str | None:
        intent = self.latest_message.get("intent") or {}
        name = intent.get("name")
        return str(name) if name else None

    @property
    def latest_text(self) -> str:
        return str(self.latest_message.get("text") or "")


def slot_set(name: str, value: Any) -> dict[str, Any]:
    """A `slot` event in Rasa's wire format."""
    return {"event": "slot", "name": name, "value": value}
