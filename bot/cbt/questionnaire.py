"""PHQ-2 → PHQ-9 and GAD-2 → GAD-7 as Rasa forms (domain: bot/flows/questionnaires.yml).

The short screen is asked first; a total of 3 or more (or asking for "PHQ-9" by name) goes
on to the remaining items, reusing the first two answers. PHQ-9 item 9 answered above 0
goes to the crisis path in the same turn, whatever the total, and ends the questionnaire.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bot.actionserver import ActionContext, ActionRegistry, Dispatcher, Tracker, slot_set
from bot.actionserver.forms import FormValidation
from bot.cbt.answers import choice_text, parse_option
from bot.cbt.common import blocking, cbt_stores, choice_button
from bot.cbt.exercises import finished
from bot.cbt.instruments import GAD7, OPTIONS, PHQ9, SELF_HARM_ITEM, Instrument
from bot.cbt.scoring import needs_full_form, score

logger = logging.getLogger(__name__)

STOPPED_SLOT = "questionnaire_stopped"
CRISIS_FALLBACK = (
    "Thank you for telling me. Thoughts of being better off dead or of hurting yourself "
    "matter, and you deserve support right now. Please call or text 988 (Suicide & Crisis "
    "Lifeline) to talk with someone now, or call 911 if you are in immediate danger."
)
HIGH_BANDS = frozenset({"moderate", "moderately severe", "severe"})


def answers_from(instrument: Instrument, slots: Mapping[str, Any]) -> dict[int, int]:
    """The items answered so far, by item number."""
    return {
        n: int(slots[instrument.slot(n)])
        for n in range(1, len(instrument.items) + 1)
        if slots.get(instrument.slot(n)) is not None
    }


def _full_requested(instrument: Instrument, slots: Mapping[str, Any]) -> bool:
    return bool(slots.get(f"{instrument.code}_full"))


def questions_asked(instrument: Instrument, slots: Mapping[str, Any]) -> int:
    """How many items this run asks: the short screen, or the full form."""
    answers = answers_from(instrument, slots)
    short = range(1, instrument.short_items + 1)
    if _full_requested(instrument, slots) or (
        all(n in answers for n in short) and needs_full_form(instrument, answers)
    ):
        return len(instrument.items)
    return instrument.short_items


class ValidateQuestionnaire(FormValidation):
    def __init__(self, instrument: Instrument) -> None:
        self.instrument = instrument
        self.form_name = f"{instrument.code}_form"
        self.domain_slots = instrument.slots

    def required_slots(self, slots: Mapping[str, Any]) -> Sequence[str]:
        return self.instrument.slots[: questions_asked(self.instrument, slots)]

    def validator(self, slot: str) -> Callable[..., Any] | None:
        if slot not in self.instrument.slots:
            return None
        item = self.instrument.slots.index(slot) + 1

        async def validate(
            value: Any, tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
        ) -> dict[str, Any]:
            return await self._validate_item(item, value, tracker, dispatcher, context)

        return validate

    async def _validate_item(
        self,
        item: int,
        value: Any,
        tracker: Tracker,
        dispatcher: Dispatcher,
        context: ActionContext,
    ) -> dict[str, Any]:
        slot = self.instrument.slot(item)
        answer = parse_option(choice_text(value, tracker.latest_message))
        if answer is None:
            dispatcher.utter(response="utter_questionnaire_invalid")
            return {slot: None}
        slots = {**tracker.slots, slot: answer}
        if self.instrument is PHQ9 and item == SELF_HARM_ITEM and answer > 0:
            await self._crisis(answer, slots, tracker, dispatcher, context)
            return {slot: answer, STOPPED_SLOT: True, "requested_slot": None}
        if (
            item == self.instrument.short_items
            and not _full_requested(self.instrument, slots)
            and questions_asked(self.instrument, slots) > self.instrument.short_items
        ):
            dispatcher.utter(
                response="utter_questionnaire_step_up",
                short_name=self.instrument.short_name,
                name=self.instrument.name,
                more=str(len(self.instrument.items) - self.instrument.short_items),
            )
        return {slot: answer}

    async def _crisis(
        self,
        answer: int,
        slots: Mapping[str, Any],
        tracker: Tracker,
        dispatcher: Dispatcher,
        context: ActionContext,
    ) -> None:
        """PHQ-9 item 9 above 0: the crisis path now; the answers are kept for review."""
        evidence = (f"phq9_item9={answer}",)
        if context.crisis is not None:
            messages = await context.crisis.escalate(
                tracker.sender_id, label="ideation", tier="urgent", evidence=evidence
            )
        else:
            logger.warning("PHQ-9 item 9 above 0 and no crisis gate configured: 988 fallback")
            messages = [CRISIS_FALLBACK]
        for message in messages or [CRISIS_FALLBACK]:
            dispatcher.utter(text=message)
        answers = answers_from(self.instrument, slots)
        result = score(self.instrument, answers)
        await blocking(
            cbt_stores(context).questionnaires.save,
            tracker.sender_id,
            self.instrument,
            result.form,
            answers,
            result.total,
            result.band,
            "crisis",
        )


def ask_action(instrument: Instrument, item: int) -> Callable[..., Any]:
    """`action_ask_<code>_<n>`: the item in its published wording, with the four options."""

    async def ask(
        tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
    ) -> list[dict[str, Any]]:
        count = questions_asked(instrument, tracker.slots)
        name = instrument.name if count == len(instrument.items) else instrument.short_name
        stem = f"{instrument.stem}\n" if item in (1, instrument.short_items + 1) else ""
        dispatcher.utter(
            text=f"{name}, question {item} of {count}. {stem}{instrument.items[item - 1]}",
            buttons=[choice_button(f"{o.value} {o.label}", str(o.value)) for o in OPTIONS],
        )
        return []

    return ask


def submit_action(instrument: Instrument) -> Callable[..., Any]:
    """Score, store per item with the instrument's version, and explain in plain words."""

    async def submit(
        tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
    ) -> list[dict[str, Any]]:
        done = [*finished(f"{instrument.code}_form", tracker), slot_set(STOPPED_SLOT, None)]
        if tracker.get_slot(STOPPED_SLOT):
            return done  # the crisis path has already answered
        answers = answers_from(instrument, tracker.slots)
        result = score(instrument, answers)
        await blocking(
            cbt_stores(context).questionnaires.save,
            tracker.sender_id,
            instrument,
            result.form,
            answers,
            result.total,
            result.band,
        )
        if result.band is None:
            dispatcher.utter(
                response="utter_questionnaire_short_score",
                form=result.form,
                total=str(result.total),
                maximum=str(result.maximum),
                topic=instrument.topic,
            )
        else:
            dispatcher.utter(
                response="utter_questionnaire_score",
                form=result.form,
                total=str(result.total),
                maximum=str(result.maximum),
                band=result.band,
            )
        dispatcher.utter(response="utter_questionnaire_screening_note")
        if result.band in HIGH_BANDS:
            dispatcher.utter(response="utter_questionnaire_next_professional")
        else:
            dispatcher.utter(response="utter_questionnaire_next_self_care")
        return done

    return submit


def register(registry: ActionRegistry) -> None:
    for instrument in (PHQ9, GAD7):
        registry.add(f"validate_{instrument.code}_form", ValidateQuestionnaire(instrument))
        registry.add(f"action_questionnaire_submit_{instrument.code}", submit_action(instrument))
        for item in range(1, len(instrument.items) + 1):
            registry.add(f"action_ask_{instrument.slot(item)}", ask_action(instrument, item))
