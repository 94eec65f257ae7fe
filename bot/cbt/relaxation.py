"""Box breathing (4-4-4-4) and 5-4-3-2-1 grounding, paced one step a message
(domain: bot/flows/relaxation.yml). Any reply ("next", "done", a button, or what the person
noticed) moves on; what they typed is not kept."""

from __future__ import annotations

from typing import Any

from bot.actionserver import ActionContext, ActionRegistry, Dispatcher, Tracker
from bot.actionserver.forms import FormValidation
from bot.cbt.exercises import BREATHING_SLOTS, GROUNDING_SLOTS, finished

DONE = "done"


class _Paced(FormValidation):
    def validator(self, slot: str) -> Any:
        if slot not in self.domain_slots:
            return None

        def step_done(
            value: Any, tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
        ) -> dict[str, Any]:
            return {slot: DONE}

        return step_done


class ValidateBreathingForm(_Paced):
    form_name = "breathing_form"
    domain_slots = BREATHING_SLOTS


class ValidateGroundingForm(_Paced):
    form_name = "grounding_form"
    domain_slots = GROUNDING_SLOTS


async def action_relaxation_finish(
    tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
) -> list[dict[str, Any]]:
    """Close whichever paced exercise just finished."""
    if all(tracker.get_slot(s) for s in GROUNDING_SLOTS):
        dispatcher.utter(response="utter_relaxation_grounding_done")
        return finished("grounding_form", tracker)
    dispatcher.utter(response="utter_relaxation_breathing_done")
    return finished("breathing_form", tracker)


def register(registry: ActionRegistry) -> None:
    registry.add("validate_breathing_form", ValidateBreathingForm())
    registry.add("validate_grounding_form", ValidateGroundingForm())
    registry.add("action_relaxation_finish", action_relaxation_finish)
