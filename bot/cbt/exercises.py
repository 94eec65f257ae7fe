"""Starting, pausing and resuming exercises (Rasa forms), whichever feature they belong to.

Any exercise can be left at any point ("stop", "menu", another exercise); its answers stay
in its slots, and "resume" (or "continue my thought record") picks it up at the next
unanswered question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.actionserver import ActionContext, ActionRegistry, Dispatcher, Tracker, slot_set
from bot.cbt.common import active_loop, cleared
from bot.cbt.instruments import GAD7, PHQ9


@dataclass(frozen=True, slots=True)
class Exercise:
    form: str
    title: str
    slots: tuple[str, ...]
    intro: str | None
    keywords: tuple[str, ...]
    """Words that name it in "continue my thought record"."""


MOOD_SLOTS = ("mood_rating", "mood_emotions", "mood_note")
THOUGHT_SLOTS = (
    "thought_situation",
    "thought_automatic",
    "thought_emotion",
    "thought_intensity",
    "thought_traps",
    "thought_evidence_for",
    "thought_evidence_against",
    "thought_balanced",
    "thought_rerate",
)
ACTIVATION_SLOTS = ("activation_activity", "activation_time")
FOLLOWUP_SLOTS = ("activation_happened", "activation_mood_change")
BREATHING_SLOTS = ("breathing_round_1", "breathing_round_2", "breathing_round_3")
GROUNDING_SLOTS = (
    "grounding_see",
    "grounding_touch",
    "grounding_hear",
    "grounding_smell",
    "grounding_taste",
)

EXERCISES: dict[str, Exercise] = {
    e.form: e
    for e in (
        Exercise("mood_form", "mood check-in", MOOD_SLOTS, "utter_mood_intro", ("mood",)),
        Exercise(
            "phq_form",
            "mood questionnaire",
            PHQ9.slots,
            "utter_questionnaire_phq_intro",
            ("phq", "depression", "questionnaire"),
        ),
        Exercise(
            "gad_form",
            "anxiety questionnaire",
            GAD7.slots,
            "utter_questionnaire_gad_intro",
            ("gad", "anxiety"),
        ),
        Exercise(
            "thought_record_form",
            "thought record",
            THOUGHT_SLOTS,
            "utter_thought_record_intro",
            ("thought",),
        ),
        Exercise(
            "activation_form",
            "activity plan",
            ACTIVATION_SLOTS,
            "utter_activation_intro",
            ("activity", "plan"),
        ),
        Exercise("activation_followup_form", "activity check-back", FOLLOWUP_SLOTS, None, ()),
        Exercise(
            "breathing_form",
            "box breathing",
            BREATHING_SLOTS,
            "utter_relaxation_breathing_intro",
            ("breath",),
        ),
        Exercise(
            "grounding_form",
            "grounding exercise",
            GROUNDING_SLOTS,
            "utter_relaxation_grounding_intro",
            ("ground", "5 4 3 2 1", "54321"),
        ),
    )
}

START_INTENTS = {
    "start_mood": "mood_form",
    "start_phq": "phq_form",
    "start_gad": "gad_form",
    "start_thought_record": "thought_record_form",
    "start_activation": "activation_form",
    "start_breathing": "breathing_form",
    "start_grounding": "grounding_form",
    "activation_done": "activation_followup_form",
    "activation_missed": "activation_followup_form",
}

PAUSED_SLOT = "exercise_paused"


def _paused(tracker: Tracker) -> list[str]:
    return [f for f in (tracker.get_slot(PAUSED_SLOT) or []) if f in EXERCISES]


def _leave_active(
    tracker: Tracker, dispatcher: Dispatcher, starting: str | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """Leave the active exercise (if any, and not the one starting), remembering it for
    "resume". Returns the events and the paused exercises, most recent last."""
    paused = _paused(tracker)
    form = tracker.active_loop.get("name")
    if form not in EXERCISES:
        return [], paused
    paused = [f for f in paused if f != form]
    if form != starting and form != "activation_followup_form":
        paused.append(form)
        dispatcher.utter(response="utter_exercise_paused", exercise=EXERCISES[form].title)
    return [active_loop(None), slot_set("requested_slot", None)], paused


def _start_slots(form: str, tracker: Tracker) -> list[dict[str, Any]]:
    text = tracker.latest_text.lower()
    events = cleared(EXERCISES[form].slots)
    if form == "phq_form":
        events.append(slot_set("phq_full", bool(re.search(r"phq\s*-?\s*9|\b9\b|nine", text))))
    elif form == "gad_form":
        events.append(slot_set("gad_full", bool(re.search(r"gad\s*-?\s*7|\b7\b|seven", text))))
    elif form == "activation_followup_form":
        events.append(slot_set("activation_happened", tracker.latest_intent == "activation_done"))
    return [*events, slot_set("questionnaire_stopped", None)]


async def action_exercise_start(
    tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
) -> list[dict[str, Any]]:
    """Start the exercise the person asked for, fresh; pause whatever else was running."""
    form = START_INTENTS.get(tracker.latest_intent or "")
    if form is None:
        dispatcher.utter(response="utter_default")
        return []
    events, paused = _leave_active(tracker, dispatcher, starting=form)
    intro = EXERCISES[form].intro
    if intro:
        dispatcher.utter(response=intro)
    return [
        *events,
        *_start_slots(form, tracker),
        slot_set(PAUSED_SLOT, [f for f in paused if f != form]),
        slot_set("requested_slot", None),
        active_loop(form),
    ]


async def action_exercise_pause(
    tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
) -> list[dict[str, Any]]:
    """ "stop", "menu" or "bye" in the middle of an exercise: leave it, resumable."""
    events, paused = _leave_active(tracker, dispatcher)
    if events:
        return [*events, slot_set(PAUSED_SLOT, paused)]
    if tracker.latest_intent == "stop":
        dispatcher.utter(response="utter_exercise_nothing_to_stop")
    return []


def _pick(tracker: Tracker, paused: list[str]) -> str | None:
    text = tracker.latest_text.lower()
    named = [
        form
        for form, exercise in EXERCISES.items()
        if any(k in text for k in exercise.keywords)
        and any(tracker.get_slot(s) is not None for s in exercise.slots)
    ]
    for form in reversed(paused):
        if not named or form in named:
            return form
    return named[0] if named else None


async def action_exercise_resume(
    tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
) -> list[dict[str, Any]]:
    """Go back to a paused exercise at its next unanswered question."""
    paused = _paused(tracker)
    form = _pick(tracker, paused)
    if form is None:
        dispatcher.utter(response="utter_exercise_nothing_to_resume")
        return []
    dispatcher.utter(response="utter_exercise_resuming", exercise=EXERCISES[form].title)
    return [
        slot_set(PAUSED_SLOT, [f for f in paused if f != form]),
        slot_set("requested_slot", None),
        active_loop(form),
    ]


def finished(form: str, tracker: Tracker) -> list[dict[str, Any]]:
    """The events that close a completed exercise: its slots cleared, no longer paused."""
    return [
        *cleared(EXERCISES[form].slots),
        slot_set(PAUSED_SLOT, [f for f in _paused(tracker) if f != form]),
    ]


def register(registry: ActionRegistry) -> None:
    registry.add("action_exercise_start", action_exercise_start)
    registry.add("action_exercise_pause", action_exercise_pause)
    registry.add("action_exercise_resume", action_exercise_resume)
