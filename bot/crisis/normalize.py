"""Text normalisation shared by the rule layer and the model (and by training).

Chat text arrives with capitals, curly quotes, accents, leetspeak ("su1cide"), elongation
("diiie"), contractions ("dont", "im") and crisis slang ("kms", "unalive", "sewerslide").
Both layers read one canonical form, so a pattern or a training example written once in
plain English covers the variants. The tables are in :mod:`bot.crisis.slang`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.crisis.slang import CONTRACTIONS, SLANG

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": " - ",
        "\u00bf": " ",
        "\u00a1": " ",
    }
)

_LEET = {"1": "i", "!": "i", "|": "i", "3": "e", "0": "o", "4": "a", "@": "a", "$": "s", "5": "s"}
_LEET_INSIDE = re.compile(r"(?<=[a-z])[1!|3045@$]+(?=[a-z])")
_ELONGATION = re.compile(r"([a-z])\1{2,}")
_SPACES = re.compile(r"\s+")
_LINE_BREAKS = re.compile(r"([.!?]?)[ \t]*[\r\n]+\s*")
_SYMBOLS = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")
_SLANG = [(re.compile(pattern), replacement, name) for pattern, replacement, name in SLANG]
_CONTRACTIONS = [
    (re.compile(rf"\b{pattern}\b"), replacement) for pattern, replacement in CONTRACTIONS
]


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    """Lower-case, accent-free, slang and contractions expanded."""
    slang: tuple[str, ...]
    """Names of the slang forms that were rewritten (evidence)."""


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if unicodedata.category(char) != "Mn")


def _unleet(match: re.Match[str]) -> str:
    return "".join(_LEET.get(char, char) for char in match.group(0))


def normalize(text: str) -> Normalized:
    """The canonical form both layers read."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    text = _LINE_BREAKS.sub(lambda m: (m.group(1) or ".") + " ", text)
    text = _SYMBOLS.sub(r" \g<0> ", text)
    text = _strip_accents(text)
    found: list[str] = []
    unleeted = _LEET_INSIDE.sub(_unleet, text)
    if unleeted != text:
        found.append("leetspeak")
        text = unleeted
    text = _ELONGATION.sub(r"\1", text)
    for pattern, replacement, name in _SLANG:
        rewritten = pattern.sub(replacement, text)
        if rewritten != text:
            found.append(name)
            text = rewritten
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return Normalized(text=_SPACES.sub(" ", text).strip(), slang=tuple(found))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
CHUNK_WORDS = 60
"""A text longer than this is read by the model in pieces of about this many words."""


def model_chunks(text: str, size: int = CHUNK_WORDS) -> list[str]:
    """Sentence-aligned pieces of a long text; a short text is one piece.

    Mean-pooled embeddings of a long post dilute one alarming sentence among many ordinary
    ones; the classifier scores each piece and keeps the riskiest.
    """
    words = text.split()
    if len(words) <= size + size // 3:
        return [text]
    chunks: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        sentence_words = sentence.split()
        while len(sentence_words) > size:
            if current:
                chunks.append(" ".join(current))
                current = []
            chunks.append(" ".join(sentence_words[:size]))
            sentence_words = sentence_words[size:]
        if current and len(current) + len(sentence_words) > size:
            chunks.append(" ".join(current))
            current = []
        current.extend(sentence_words)
    if current:
        chunks.append(" ".join(current))
    return chunks
