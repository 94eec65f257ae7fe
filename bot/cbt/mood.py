"""Mood check-in: a rating 0-10, optional emotion words and note, and a reply that reflects
this week's average against last week's (domain: bot/flows/mood.yml)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from typing import Any

from bot.actionserver import ActionContext, ActionRegistry, Dispatcher, Tracker
from bot.actionserver.forms import FormValidation
from bot.cbt.answers import choice_text, is_skip, parse_scale
from bot.cbt.common import blocking, cbt_stores
from bot.cbt.exercises import MOOD_SLOTS, finished
from bot.cbt.trend import weekly_trend

MAX_NOTE_CHARS = 1000
MAX_EMOTION_WORDS = 8


class ValidateMoodForm(FormValidation):
    form_name = "mood_form"
    domain_slots = MOOD_SLOTS

    def validate_mood_rating(
        self, value: Any, tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
    ) -> dict[str, Any]:
        rating = parse_scale(choice_text(value, tracker.latest_message), 0, 10)
        if rating is None:
            dispatcher.utter(response="utter_mood_rating_invalid")
        return {"mood_rating": rating}

    def validate_mood_emotions(
        self, value: Any, tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
    ) -> dict[str, Any]:
        text = choice_text(value, tracker.latest_message)
        if is_skip(text):
            return {"mood_emotions": []}
        words = [w.strip() for w in re.split(r",|;|/|\band\b|\n", text) if w.strip()]
        if not words or len(words) > MAX_EMOTION_WORDS or any(len(w) > 40 for w in words):
            dispatcher.utter(response="utter_mood_emotions_invalid")
            return {"mood_emotions": None}
        return {"mood_emotions": [w.lower() for w in words]}

    def validate_mood_note(
        self, value: Any, tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
    ) -> dict[str, Any]:
        text = choice_text(value, tracker.latest_message)
        if is_skip(text):
            return {"mood_note": ""}
        return {"mood_note": text[:MAX_NOTE_CHARS]}


def start_of_day(now: datetime, context: ActionContext) -> datetime:
    """Midnight today in the person's time zone, in UTC."""
    local = now.astimezone(context.zone)
    return datetime.combine(local.date(), time(0), tzinfo=context.zone).astimezone(UTC)


async def action_mood_save(
    tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
) -> list[dict[str, Any]]:
    """Store the check-in and reflect the trend from what is stored."""
    stores = cbt_stores(context)
    rating = int(tracker.get_slot("mood_rating"))
    emotions = list(tracker.get_slot("mood_emotions") or [])
    note = str(tracker.get_slot("mood_note") or "")
    entry = await blocking(stores.mood.add, tracker.sender_id, rating, emotions, note)
    now = entry.created_at
    week = timedelta(days=7)
    this_week = await blocking(
        stores.mood.ratings_between, tracker.sender_id, now - week, now + timedelta(seconds=1)
    )
    last_week = await blocking(
        stores.mood.ratings_between, tracker.sender_id, now - 2 * week, now - week
    )
    trend = weekly_trend(this_week or [rating], last_week)
    dispatcher.utter(response="utter_mood_saved", rating=str(rating))
    dispatcher.utter(
        response=f"utter_mood_trend_{trend.direction}",
        this_week=f"{trend.this_week:.1f}",
        last_week=f"{trend.last_week:.1f}" if trend.last_week is not None else "",
        count=str(trend.count),
    )
    if rating <= 3:
        dispatcher.utter(response="utter_mood_low_support")
    return finished("mood_form", tracker)


async def offer_daily_checkin(
    tracker: Tracker, dispatcher: Dispatcher, context: ActionContext
) -> None:
    """Offer a check-in when the person has not made one today (used by the greeting)."""
    if context.cbt is None:
        return
    since = start_of_day(datetime.now(UTC), context)
    if await blocking(context.cbt.mood.count_since, tracker.sender_id, since) == 0:
        dispatcher.utter(response="utter_mood_offer")


def register(registry: ActionRegistry) -> None:
    registry.add("validate_mood_form", ValidateMoodForm())
    registry.add("action_mood_save", action_mood_save)
