"""Reading answers people type or press: ratings, questionnaire options, thinking traps.

Every parser returns None for anything it cannot read with certainty ("eleven", "-1", "idk",
an emoji, "6.5"), so a form re-asks rather than storing a wrong value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.cbt.instruments import OPTIONS

NUMBER_WORDS = {
    "zero": 0, "nil": 0, "nothing": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip

SKIP_WORDS = frozenset({"skip", "no", "nope", "none", "nothing", "pass", "n/a", "na", "-"})

_NUMBER = re.compile(r"(?<![\w.])([+-]?\d+(?:[.,]\d+)?)(?![\w.])")
_OUT_OF = re.compile(r"\s*(?:/|out of|of)\s*(10|100)\b")
_PAYLOAD = re.compile(r"^/[a-z_]+(\{.*\})$", re.DOTALL)


def choice_text(value: Any, latest_message: Mapping[str, Any]) -> str:
    """What the person chose: a button's `choice` entity if pressed, else what they typed."""
    for entity in latest_message.get("entities") or ():
        if isinstance(entity, Mapping) and entity.get("entity") == "choice":
            return str(entity.get("value", "")).strip()
    text = str(value or "").strip()
    match = _PAYLOAD.match(text)
    if match:
        try:
            data = json.loads(match.group(1))
        except ValueError:
            return ""
        if isinstance(data, dict) and "choice" in data:
            return str(data["choice"]).strip()
        return ""
    return text


def _normalise(text: str) -> str:
    text = text.strip().lower().replace("\u2019", "'")
    return re.sub(r"[!?.]+$", "", text).strip()


def parse_scale(text: str, low: int, high: int) -> int | None:
    """One whole number in [low, high]: "7", "7/10", "seven", "i'd say 6", "80%"."""
    cleaned = _OUT_OF.sub("", _normalise(text)).replace("%", " ")
    numbers = _NUMBER.findall(cleaned)
    words = [NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", cleaned) if w in NUMBER_WORDS]
    if len(numbers) + len(words) != 1:
        return None
    if numbers:
        raw = numbers[0].replace(",", ".")
        if raw.startswith(("-", "+")) or "." in raw:
            return None
        value = int(raw)
    else:
        value = words[0]
    return value if low <= value <= high else None


_OPTION_PHRASES: tuple[tuple[int, tuple[str, ...]], ...] = (
    (0, ("not at all", "never", "not really", "no days", "none of the days")),
    (1, ("several days", "some days", "a few days", "sometimes", "few days")),
    (2, ("more than half the days", "more than half", "most days", "over half the days")),
    (3, ("nearly every day", "almost every day", "every day", "everyday", "all the time")),
)


def parse_option(text: str) -> int | None:
    """A questionnaire answer 0-3, by number or by the option's words."""
    cleaned = _normalise(text)
    if not cleaned:
        return None
    for value, phrases in _OPTION_PHRASES:
        if cleaned in phrases:
            return value
    matched = {
        value
        for value, phrases in _OPTION_PHRASES
        for phrase in phrases
        if re.search(rf"\b{re.escape(phrase)}\b", cleaned)
    }
    # "more than half the days" contains no other option's phrase; "every day" is inside
    # "nearly every day", both 3. Anything matching two different values is ambiguous.
    if len(matched) == 1:
        return matched.pop()
    if matched:
        return None
    return parse_scale(cleaned, OPTIONS[0].value, OPTIONS[-1].value)


def is_skip(text: str) -> bool:
    return _normalise(text) in SKIP_WORDS


def parse_indices(text: str, count: int) -> list[int] | None:
    """Numbers 1..count in a list ("2, 5 and 7"); None if any is out of range."""
    numbers = re.findall(r"-?\d+", text)
    if not numbers:
        return None
    values = [int(n) for n in numbers]
    if any(not 1 <= v <= count for v in values):
        return None
    return sorted(set(values))


def parse_words(text: str, vocabulary: Sequence[str]) -> list[str]:
    """Which of `vocabulary` appear in `text` (case-insensitive, whole words)."""
    cleaned = _normalise(text)
    return [w for w in vocabulary if re.search(rf"\b{re.escape(w.lower())}\b", cleaned)]
