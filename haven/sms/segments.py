"""Splitting outbound text into SMS segments, on word boundaries.

A text made only of GSM-7 characters (GSM 03.38's basic set, and its extension set whose
characters take two septets) fits 160 units in one SMS, or 153 per part once it needs more;
any other character makes the whole text UCS-2: 70 units in one SMS, 67 per part, counted in
UTF-16 code units (an emoji outside the Basic Multilingual Plane counts 2).

Haven sends each part as its own message, cut between words, instead of letting the network
cut one long message in the middle of a word. Typographic punctuation that phones show the
same either way (curly quotes, dashes, ellipsis, no-break space) is replaced by its GSM-7 twin
first: one curly apostrophe would otherwise turn a message to UCS-2 and nearly triple its parts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Encoding = Literal["gsm7", "ucs2"]

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")
"""Sent as an escape and the character: each counts 2."""


@dataclass(frozen=True, slots=True)
class Limits:
    single: int
    """Units in a message that is sent as one SMS."""
    part: int
    """Units in each part of a message that needs more than one (the rest is the header)."""


LIMITS: dict[Encoding, Limits] = {"gsm7": Limits(160, 153), "ucs2": Limits(70, 67)}

_LOOKALIKES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2192": "->",
        "\u2022": "-",
    }
)
_WORDS = re.compile(r"\S+|\s+")


def plain_punctuation(text: str) -> str:
    """The text with typographic punctuation replaced by its GSM-7 twin."""
    return text.translate(_LOOKALIKES)


def encoding(text: str) -> Encoding:
    """GSM-7 if every character is in GSM 03.38's basic or extension set, else UCS-2."""
    allowed = GSM7_BASIC | GSM7_EXTENSION
    return "gsm7" if all(ch in allowed for ch in text) else "ucs2"


def units(text: str, enc: Encoding | None = None) -> int:
    """How much of a segment `text` uses: septets for GSM-7, UTF-16 code units for UCS-2."""
    enc = enc or encoding(text)
    return sum(_cost(ch, enc) for ch in text)


def split(text: str) -> list[str]:
    """The text as SMS segments: one if it fits a single SMS, else parts cut between words.

    Whitespace inside a part is kept (line breaks read as written); whitespace at a cut is
    dropped. A word longer than a whole part is cut between characters.
    """
    text = plain_punctuation(text).strip()
    if not text:
        return []
    enc = encoding(text)
    limits = LIMITS[enc]
    if units(text, enc) <= limits.single:
        return [text]
    parts: list[str] = []
    current, used = "", 0
    for token in _WORDS.findall(text):
        cost = units(token, enc)
        if token.isspace():
            if current:
                current, used = current + token, used + cost
            continue
        if used + cost <= limits.part:
            current, used = current + token, used + cost
            continue
        if current.strip():
            parts.append(current.rstrip())
        current, used = "", 0
        for piece in _cut_word(token, enc, limits.part):
            if used + units(piece, enc) > limits.part:
                parts.append(current)
                current, used = "", 0
            current, used = current + piece, used + units(piece, enc)
    if current.strip():
        parts.append(current.rstrip())
    return parts


def pack(texts: Sequence[str]) -> list[str]:
    """Segments for several messages in order: short neighbours share one SMS (a blank line
    between them) when together they still fit a single SMS; longer ones are split alone."""
    segments: list[str] = []
    pending = ""
    for text in (plain_punctuation(t).strip() for t in texts):
        if not text:
            continue
        joined = f"{pending}\n\n{text}" if pending else text
        if len(split(joined)) == 1:
            pending = joined
            continue
        if pending:
            segments.extend(split(pending))
        pending = text
        if len(split(text)) > 1:
            segments.extend(split(text))
            pending = ""
    if pending:
        segments.extend(split(pending))
    return segments


def _cost(ch: str, enc: Encoding) -> int:
    if enc == "gsm7":
        return 2 if ch in GSM7_EXTENSION else 1
    return 2 if ord(ch) > 0xFFFF else 1


def _cut_word(word: str, enc: Encoding, limit: int) -> list[str]:
    """A word that does not fit one part, in pieces that each do."""
    pieces: list[str] = []
    current, used = "", 0
    for ch in word:
        cost = _cost(ch, enc)
        if used + cost > limit:
            pieces.append(current)
            current, used = "", 0
        current, used = current + ch, used + cost
    if current:
        pieces.append(current)
    return pieces
