"""Reading when a person wants to do something: "at 6pm", "in 2 hours", "tomorrow 9am".

`parse_when` returns an aware datetime in the future (within two weeks) or None, so an
unreadable or past time is re-asked instead of guessed.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta, tzinfo

from bot.cbt.answers import NUMBER_WORDS

HORIZON = timedelta(days=14)

_UNITS = {
    "min": 1, "mins": 1, "minute": 1, "minutes": 1, "m": 1,
    "hr": 60, "hrs": 60, "hour": 60, "hours": 60, "h": 60,
    "day": 1440, "days": 1440,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PARTS_OF_DAY = {
    "morning": time(9),
    "noon": time(12),
    "midday": time(12),
    "lunchtime": time(12, 30),
    "afternoon": time(15),
    "evening": time(19),
    "tonight": time(20),
    "night": time(20),
}
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")


def parse_when(text: str, now: datetime, zone: tzinfo) -> datetime | None:
    """A future moment within two weeks, read in the person's time zone; None if unsure."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    local_now = now.astimezone(zone)
    cleaned = re.sub(r"\s+", " ", text.strip().lower().replace("\u2019", "'")).strip(" .!?")
    cleaned = re.sub(r"^(?:remind me |let's say |lets say |say |maybe |how about )", "", cleaned)
    if not cleaned:
        return None
    moment = _relative(cleaned, local_now)
    if moment is None:
        moment = _absolute(cleaned, local_now, zone)
    if moment is None or moment <= now or moment - now > HORIZON:
        return None
    return moment


def _relative(text: str, now: datetime) -> datetime | None:
    text = text.replace("half an hour", "30 minutes").replace("half a hour", "30 minutes")
    match = re.fullmatch(r"in (an?|\d+|[a-z]+)? ?([a-z]+)( and a half)?", text) or re.fullmatch(
        r"(an?|\d+) ?([a-z]+)( and a half)?(?: from now)?", text
    )
    if not match:
        return None
    amount_word, unit, half = match.groups()
    if unit not in _UNITS:
        return None
    if amount_word in (None, "a", "an"):
        amount = 1
    elif amount_word.isdigit():
        amount = int(amount_word)
    elif amount_word in NUMBER_WORDS:
        amount = NUMBER_WORDS[amount_word]
    elif amount_word == "few":
        amount = 3
    else:
        return None
    minutes = amount * _UNITS[unit] + (_UNITS[unit] // 2 if half else 0)
    if minutes <= 0:
        return None
    return now + timedelta(minutes=minutes)


def _absolute(text: str, now: datetime, zone: tzinfo) -> datetime | None:
    day_offset: int | None = None
    words = text.replace(" at ", " ").removeprefix("at ").split(" ")
    rest: list[str] = []
    for word in words:
        if word in ("today", "tonight") and day_offset is None:
            day_offset = 0
            if word == "tonight":
                rest.append("tonight")
        elif word in ("tomorrow", "tmrw", "tmr", "tomorow", "tommorow"):
            day_offset = 1
        elif word.removeprefix("on ") in _WEEKDAYS:
            target = _WEEKDAYS.index(word)
            day_offset = (target - now.weekday()) % 7 or 7
        elif word in ("on", "this", "in", "the", "at", "around", "about", "by"):
            continue
        elif word:
            rest.append(word)
    if rest:
        clock = _clock(" ".join(rest))
    else:
        clock = (time(9), False) if day_offset else None
    if clock is None:
        return None
    moment_time, ambiguous = clock
    base = now.date() + timedelta(days=day_offset or 0)
    candidates = [datetime.combine(base, moment_time, tzinfo=zone)]
    if ambiguous:
        candidates.append(candidates[0] + timedelta(hours=12))
    if day_offset is None:
        candidates += [c + timedelta(days=1) for c in candidates]
    future = sorted(c for c in candidates if c > now)
    return future[0] if future else None


def _clock(text: str) -> tuple[time, bool] | None:
    """A time of day, and whether it could be either morning or evening ("at 6")."""
    text = text.strip()
    if text in _PARTS_OF_DAY:
        return _PARTS_OF_DAY[text], False
    if text == "midnight":
        return time(0), False
    text = re.sub(r"\s*o'?clock$", "", text)
    match = _CLOCK.fullmatch(text)
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = (match.group(3) or "").replace(".", "")
    if minute > 59:
        return None
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
        return time(hour, minute), False
    if hour > 23:
        return None
    return time(hour, minute), 1 <= hour <= 11 and match.group(2) is None
