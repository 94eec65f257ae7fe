"""Behavioural activation (domain: bot/flows/activation.yml): choose a valued activity and a
time; Haven reminds the person then, and later asks whether it happened and how their mood
changed. The reminders are rows in the database, sent by `bot.cbt.scheduler`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.actionserver import ActionContext, ActionRegistry, Dispatcher, Tracker
from bot.actionserver.forms import FormValidation
from bot.cbt.answers import choice_text
from bot.cbt.common import blocking, cbt_stores
from bot.cbt.exercises import ACTIVATION_SLOTS, finished
from bot.cbt.when import parse_when

MAX_ACTIVITY_CHARS = 200
MOOD_CHANGES = {
    "better": ("better", "good", "great", "improved", "up", "happier", "a bit better"),
    "same": ("same", "about the same", "no change", "unchanged", "neutral", "meh", "ok"),
    "worse": ("worse", "bad", "down", "lower", "a bit worse", "sadder"),
}


def describe_when(moment: datetime, now: datetime, context: ActionContext) -> str:
    """ "today at 18:00", "tomorrow at 09:00" or "on Mon 23 Nov at 10:00", in local time."""
    local, today = moment.astimezone(context.zone), now.astimezone(context.zone).date()
    days = (local.date() - today).days
    day = {0: "today", 1: "tomorrow"}.get(days, local.strftime("on %a %d %b"))
    return f"{day} at {local:%H:%M}"


class ValidateActivationForm(FormValidation):
    form_name = "activation_form"
    domain_slots = ACTIVATION_SLOTS

    def validate_activation_activity(
        self, value: Any, tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
    ) -> dict[str, Any]:
        text = choice_text(value, tracker.latest_message)
        if not any(ch.isalpha() for ch in text) or len(text) > MAX_ACTIVITY_CHARS:
            dispatcher.utter(response="utter_activation_activity_invalid")
            return {"activation_activity": None}
        return {"activation_activity": text}

    def validate_activation_time(
        self, value: Any, tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
    ) -> dict[str, Any]:
        text = choice_text(value, tracker.latest_message)
        moment = parse_when(text, datetime.now(UTC), context.zone)
        if moment is None:
            dispatcher.utter(response="utter_activation_time_invalid")
            return {"activation_time": None}
        return {"activation_time": moment.astimezone(UTC).isoformat()}


def parse_mood_change(text: str) -> str | None:
    cleaned = text.strip().lower().strip(".!")
    for change, words in MOOD_CHANGES.items():
        if cleaned in words:
            return change
    found = {c for c, words in MOOD_CHANGES.items() if any(w in cleaned.split() for w in words)}
    return found.pop() if len(found) == 1 else None


class ValidateActivationFollowupForm(FormValidation):
    form_name = "activation_followup_form"
    domain_slots = ("activation_mood_change",)

    def validate_activation_mood_change(
        self, value: Any, tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
    ) -> dict[str, Any]:
        change = parse_mood_change(choice_text(value, tracker.latest_message))
        if change is None:
            dispatcher.utter(response="utter_activation_mood_change_invalid")
        return {"activation_mood_change": change}


async def action_activation_schedule(
    tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
) -> list[dict[str, Any]]:
    activity = str(tracker.get_slot("activation_activity"))
    due = datetime.fromisoformat(str(tracker.get_slot("activation_time")))
    await blocking(
        cbt_stores(context).activities.plan,
        tracker.sender_id,
        activity,
        due,
        due + context.follow_up_after,
    )
    dispatcher.utter(
        response="utter_activation_scheduled",
        activity=activity,
        when=describe_when(due, datetime.now(UTC), context),
    )
    return finished("activation_form", tracker)


async def action_activation_record(
    tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
) -> list[dict[str, Any]]:
    """Record whether the planned activity happened and how the person's mood changed."""
    activities = cbt_stores(context).activities
    planned = await blocking(activities.awaiting_outcome, tracker.sender_id, datetime.now(UTC))
    if planned is None:
        dispatcher.utter(response="utter_activation_nothing_pending")
        return finished("activation_followup_form", tracker)
    happened = bool(tracker.get_slot("activation_happened"))
    change = str(tracker.get_slot("activation_mood_change"))
    await blocking(activities.record_outcome, planned.id, happened, change)
    response = "utter_activation_recorded_done" if happened else "utter_activation_recorded_missed"
    dispatcher.utter(response=response, activity=planned.activity)
    if happened and change == "better":
        dispatcher.utter(response="utter_activation_better")
    return finished("activation_followup_form", tracker)


def register(registry: ActionRegistry) -> None:
    registry.add("validate_activation_form", ValidateActivationForm())
    registry.add("validate_activation_followup_form", ValidateActivationFollowupForm())
    registry.add("action_activation_schedule", action_activation_schedule)
    registry.add("action_activation_record", action_activation_record)
