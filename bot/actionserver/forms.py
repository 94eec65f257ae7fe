"""Validating a form's slots: rasa-sdk's `FormValidationAction` semantics for Haven.

Rasa calls `validate_<form>` after each user turn while the form is active, with the slot
values it extracted appended to the tracker as the trailing `slot` events. For each of them
a `validate_<slot>(value, tracker, dispatcher, context)` method returns the slots to set
(`None` rejects the value, so the form asks again); slots without a method are kept as
extracted. A form whose `required_slots` differ from the domain's (a PHQ-2 that becomes a
PHQ-9) also sets `requested_slot` to the next missing one, or None when it is complete.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from bot.actionserver.dispatch import ActionContext, Dispatcher
from bot.actionserver.tracker import Tracker, slot_set

REQUESTED_SLOT = "requested_slot"


def slots_to_validate(tracker: Tracker) -> dict[str, Any]:
    """The slot candidates of this turn: the `slot` events at the end of the tracker."""
    candidates: dict[str, Any] = {}
    for event in reversed(tracker.events):
        if event.get("event") != "slot":
            break
        name = str(event.get("name"))
        if name != REQUESTED_SLOT and name not in candidates:
            candidates[name] = event.get("value")
    return dict(reversed(list(candidates.items())))


class FormValidation:
    """Base class of `validate_<form>` actions; register an instance as the action."""

    form_name: str
    domain_slots: tuple[str, ...]
    """The form's `required_slots` in the domain, in order."""

    def required_slots(self, slots: Mapping[str, Any]) -> Sequence[str]:
        """Override to ask for a different set of slots depending on the answers so far."""
        return self.domain_slots

    def validator(self, slot: str) -> Any:
        """The method validating `slot`: `validate_<slot>` unless overridden."""
        return getattr(self, f"validate_{slot}", None)

    async def __call__(
        self, tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
    ) -> list[dict[str, Any]]:
        values = dict(tracker.slots)
        events: list[dict[str, Any]] = []
        for name, value in slots_to_validate(tracker).items():
            values[name] = value
            validate = self.validator(name)
            if validate is None:
                events.append(slot_set(name, value))
                continue
            current = replace(tracker, slots=dict(values))
            result = validate(value, current, dispatcher, context)
            if inspect.isawaitable(result):
                result = await result
            for slot, new_value in dict(result).items():
                values[slot] = new_value
                events.append(slot_set(slot, new_value))
        if any(e["name"] == REQUESTED_SLOT for e in events):
            return events
        required = list(self.required_slots(values))
        if required != list(self.domain_slots):
            missing = next((s for s in required if values.get(s) is None), None)
            events.append(slot_set(REQUESTED_SLOT, missing))
        return events
