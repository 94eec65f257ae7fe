"""The SMS form of a crisis response: the crisis gate's own messages, with "text 988" first.

On a phone the first words of the first message are what shows on the lock screen, and parts
of a long reply can arrive in any order. So where a crisis response tells the person to call
or text 988, that sentence leads its message, and that message leads the reply. An instruction
to call 911 is never put behind it: a sentence or message naming 911 that came first stays
first (a medical emergency is 911 before 988).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_TEXT_988 = re.compile(
    r"\btext\s+988\b|\btexto\s+al\s+988\b|\bescrib\w*\s+al\s+988\b", re.IGNORECASE
)
_911 = re.compile(r"\b911\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z¿¡\"(])")


def text_988_first(texts: Sequence[str]) -> list[str]:
    """The messages with the "text 988" sentence and its message brought to the front."""
    ordered = list(texts)
    for index, text in enumerate(ordered):
        if _TEXT_988.search(text):
            leading = _lead_with_988(text)
            if any(_911.search(earlier) for earlier in ordered[:index]):
                ordered[index] = leading
            else:
                ordered = [leading, *ordered[:index], *ordered[index + 1 :]]
            break
    return ordered


def _lead_with_988(text: str) -> str:
    sentences = _SENTENCE_END.split(text.strip())
    for index, sentence in enumerate(sentences):
        if _TEXT_988.search(sentence):
            if index == 0 or any(_911.search(s) for s in sentences[:index]):
                return text
            return " ".join([sentence, *sentences[:index], *sentences[index + 1 :]])
    return text
