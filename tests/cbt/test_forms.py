"""FormValidation: rasa-sdk's FormValidationAction semantics on Haven's action server."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.actionserver import ActionContext, Dispatcher, Tracker
from bot.actionserver.forms import FormValidation, slots_to_validate
from tests.cbt.conftest import tracker


class ValidateDemoForm(FormValidation):
    form_name = "demo_form"
    domain_slots = ("colour", "size", "extra")

    def validate_colour(
        self, value: Any, tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
    ) -> dict[str, Any]:
        if value not in ("red", "blue"):
            dispatcher.utter(text="red or blue?")
            return {"colour": None}
        return {"colour": value.upper()}

    async def validate_size(
        self, value: Any, tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
    ) -> dict[str, Any]:
        return {"size": int(value), "colour_seen": tracker.get_slot("colour")}


class ValidateShortForm(ValidateDemoForm):
    def required_slots(self, slots: Mapping[str, Any]) -> Sequence[str]:
        return ("colour", "size", "extra") if slots.get("size") == 3 else ("colour", "size")


async def run(action: FormValidation, t: Tracker) -> tuple[list[Any], list[Any]]:
    dispatcher = Dispatcher()
    events = await action(t, dispatcher, None)  # type: ignore[arg-type]
    return events, dispatcher.responses


def test_only_the_trailing_slot_events_are_candidates() -> None:
    t = tracker("s", candidates={"colour": "red", "size": "2"})
    assert slots_to_validate(t) == {"colour": "red", "size": "2"}
    assert slots_to_validate(tracker("s")) == {}


async def test_valid_values_are_normalised_in_order_and_seen_by_later_validators() -> None:
    events, responses = await run(
        ValidateDemoForm(), tracker("s", candidates={"colour": "red", "size": "2"})
    )
    assert events == [
        {"event": "slot", "name": "colour", "value": "RED"},
        {"event": "slot", "name": "size", "value": 2},
        {"event": "slot", "name": "colour_seen", "value": "RED"},
    ]
    assert responses == []


async def test_none_rejects_and_a_slot_without_a_validator_is_kept() -> None:
    events, responses = await run(
        ValidateDemoForm(), tracker("s", candidates={"colour": "green", "extra": "x"})
    )
    assert events == [
        {"event": "slot", "name": "colour", "value": None},
        {"event": "slot", "name": "extra", "value": "x"},
    ]
    assert responses == [{"text": "red or blue?"}]


async def test_nothing_to_validate_returns_nothing_for_a_static_form() -> None:
    assert await run(ValidateDemoForm(), tracker("s")) == ([], [])


async def test_dynamic_required_slots_set_the_next_requested_slot() -> None:
    short = ValidateShortForm()
    events, _ = await run(short, tracker("s", candidates={"colour": "red"}))
    assert events[-1] == {"event": "slot", "name": "requested_slot", "value": "size"}
    events, _ = await run(short, tracker("s", {"colour": "RED"}, candidates={"size": "2"}))
    assert events[-1] == {"event": "slot", "name": "requested_slot", "value": None}
    # Asking for every domain slot again: as in rasa-sdk, Rasa's form picks the next one.
    events, _ = await run(short, tracker("s", {"colour": "RED"}, candidates={"size": "3"}))
    assert all(e["name"] != "requested_slot" for e in events)
