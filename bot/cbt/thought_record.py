"""The CBT thought record (domain: bot/flows/thought_record.yml): situation → automatic
thought → emotion and intensity → thinking traps → evidence for and against → balanced
thought → re-rating. Saved sealed; "show my thought records" lists them."""

from __future__ import annotations

from typing import Any

from bot.actionserver import ActionContext, ActionRegistry, Dispatcher, Tracker
from bot.actionserver.forms import FormValidation
from bot.cbt.answers import choice_text, parse_scale
from bot.cbt.common import blocking, cbt_stores, choice_button
from bot.cbt.exercises import THOUGHT_SLOTS, finished
from bot.cbt.stores import ThoughtRecord
from bot.cbt.thinking_traps import TRAPS, parse_traps, trap_names

MAX_TEXT_CHARS = 1000
LISTED = 5


def _free_text(slot: str) -> Any:
    def validate(
        self: FormValidation,
        value: Any,
        tracker: Tracker,
        dispatcher: Dispatcher,
        context: ActionContext,
    ) -> dict[str, Any]:
        text = choice_text(value, tracker.latest_message)
        if not any(ch.isalnum() for ch in text):
            dispatcher.utter(response="utter_thought_record_text_invalid")
            return {slot: None}
        return {slot: text[:MAX_TEXT_CHARS]}

    return validate


def _intensity(slot: str) -> Any:
    def validate(
        self: FormValidation,
        value: Any,
        tracker: Tracker,
        dispatcher: Dispatcher,
        context: ActionContext,
    ) -> dict[str, Any]:
        rating = parse_scale(choice_text(value, tracker.latest_message), 0, 100)
        if rating is None:
            dispatcher.utter(response="utter_thought_record_intensity_invalid")
        return {slot: rating}

    return validate


class ValidateThoughtRecordForm(FormValidation):
    form_name = "thought_record_form"
    domain_slots = THOUGHT_SLOTS

    validate_thought_situation = _free_text("thought_situation")
    validate_thought_automatic = _free_text("thought_automatic")
    validate_thought_emotion = _free_text("thought_emotion")
    validate_thought_evidence_for = _free_text("thought_evidence_for")
    validate_thought_evidence_against = _free_text("thought_evidence_against")
    validate_thought_balanced = _free_text("thought_balanced")
    validate_thought_intensity = _intensity("thought_intensity")
    validate_thought_rerate = _intensity("thought_rerate")

    def validate_thought_traps(
        self, value: Any, tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
    ) -> dict[str, Any]:
        traps = parse_traps(choice_text(value, tracker.latest_message))
        if traps is None:
            dispatcher.utter(response="utter_thought_record_traps_invalid")
        return {"thought_traps": traps}


async def action_ask_thought_traps(
    tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
) -> list[dict[str, Any]]:
    """The eleven traps, one plain sentence each; a button for each and for "none"."""
    lines = [f"{n}. {trap.name}: {trap.sentence}" for n, trap in enumerate(TRAPS, start=1)]
    dispatcher.utter(
        text="Which thinking traps fit that thought? Type every number that fits "
        "(for example 2, 5) or press one.\n" + "\n".join(lines),
        buttons=[
            *(choice_button(f"{n}. {t.name}", str(n)) for n, t in enumerate(TRAPS, start=1)),
            choice_button("None of these", "none"),
        ],
    )
    return []


async def action_thought_record_save(
    tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
) -> list[dict[str, Any]]:
    slot = tracker.get_slot
    record = ThoughtRecord(
        situation=str(slot("thought_situation")),
        automatic_thought=str(slot("thought_automatic")),
        emotion=str(slot("thought_emotion")),
        intensity_before=int(slot("thought_intensity")),
        traps=tuple(slot("thought_traps") or ()),
        evidence_for=str(slot("thought_evidence_for")),
        evidence_against=str(slot("thought_evidence_against")),
        balanced_thought=str(slot("thought_balanced")),
        intensity_after=int(slot("thought_rerate")),
    )
    await blocking(cbt_stores(context).thought_records.save, tracker.sender_id, record)
    dispatcher.utter(
        response="utter_thought_record_saved",
        emotion=record.emotion,
        before=str(record.intensity_before),
        after=str(record.intensity_after),
    )
    return finished("thought_record_form", tracker)


def describe(record: ThoughtRecord) -> str:
    when = record.created_at.strftime("%d %b %Y") if record.created_at else ""
    traps = ", ".join(trap_names(record.traps)) or "none chosen"
    return (
        f"{when}: {record.situation}\n"
        f"Thought: {record.automatic_thought}\n"
        f"Thinking traps: {traps}\n"
        f"Balanced thought: {record.balanced_thought}\n"
        f"{record.emotion}: {record.intensity_before} → {record.intensity_after}"
    )


async def action_thought_record_list(
    tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
) -> list[dict[str, Any]]:
    records = await blocking(cbt_stores(context).thought_records.list, tracker.sender_id, LISTED)
    if not records:
        dispatcher.utter(response="utter_thought_record_none")
        return []
    dispatcher.utter(response="utter_thought_record_list_header", count=str(len(records)))
    for record in records:
        dispatcher.utter(text=describe(record))
    return []


def register(registry: ActionRegistry) -> None:
    registry.add("validate_thought_record_form", ValidateThoughtRecordForm())
    registry.add("action_ask_thought_traps", action_ask_thought_traps)
    registry.add("action_thought_record_save", action_thought_record_save)
    registry.add("action_thought_record_list", action_thought_record_list)
