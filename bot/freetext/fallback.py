"""The templated reply sent when the model cannot answer in time (busy, slow or failed).

It must still read as listening, so it reflects the feeling the person named, if any, and
offers one of Haven's exercises that fits. It never quotes the person's words back: their
text may hold details that should not be repeated, and a template cannot judge that.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class _Feeling(NamedTuple):
    pattern: re.Pattern[str]
    reflection: str
    exercise: str


def _feeling(words: str, reflection: str, exercise: str) -> _Feeling:
    return _Feeling(re.compile(rf"\b(?:{words})\b", re.IGNORECASE), reflection, exercise)


# Checked in order; the first feeling named (and not negated) is reflected.
_FEELINGS = (
    _feeling(
        r"useless|worthless|stupid|a failure|hate myself|not good enough|my fault|pathetic",
        "being really hard on yourself",
        "a thought record, to look at that thought from another angle",
    ),
    _feeling(
        r"anxious|anxiety|worried|worrying|worry|nervous|panic\w*|on edge|uneasy|scared"
        r"|afraid|frightened|terrified",
        "anxious or on edge",
        "a minute of box breathing",
    ),
    _feeling(
        r"overwhelmed|stressed|too much|swamped|under pressure|burn(?:ed|t) out",
        "overwhelmed",
        "the 5-4-3-2-1 grounding exercise",
    ),
    _feeling(
        r"lonely|alone|isolated|left out|no one cares|nobody cares",
        "lonely",
        "planning one small, doable thing for this week, which is called behavioural activation",
    ),
    _feeling(
        r"sad|down|low|depressed|miserable|empty|numb|unhappy|crying|cried|tearful|hopeless",
        "low",
        "a quick mood check-in",
    ),
    _feeling(
        r"tired|exhausted|drained|worn out|no energy|can'?t sleep|cannot sleep",
        "worn out",
        "a quick mood check-in",
    ),
    _feeling(
        r"angry|furious|annoyed|irritated|frustrated|fed up|pissed off|rage",
        "frustrated",
        "a thought record, to untangle what's behind it",
    ),
)
_NEGATION = re.compile(r"\b(?:not|never|no longer|isn't|wasn't|don't|didn't|am not)\s+(?:\w+\s+)?$")
_NEGATION_WINDOW = 20

_GENERAL = (
    "Thank you for telling me; I'm listening. I'm Haven's automated assistant, and I'd like "
    "to understand a bit better. What's been on your mind most today?"
)
_REFLECTIVE = (
    "It sounds like you're {reflection} right now, and that makes sense to take seriously. "
    "Thank you for telling me. Would you like to say more about what's been going on, "
    "or try {exercise} together?"
)


def fallback_reply(user_text: str) -> str:
    """A warm, reflective templated reply to `user_text`, for when the model cannot answer."""
    feeling = _named_feeling(user_text.replace("\u2019", "'"))
    if feeling is None:
        return _GENERAL
    return _REFLECTIVE.format(reflection=feeling.reflection, exercise=feeling.exercise)


def _named_feeling(text: str) -> _Feeling | None:
    for feeling in _FEELINGS:
        for match in feeling.pattern.finditer(text):
            before = text[max(0, match.start() - _NEGATION_WINDOW) : match.start()]
            if not _NEGATION.search(before.lower()):
                return feeling
    return None
