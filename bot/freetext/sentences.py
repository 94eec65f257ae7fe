"""Sentence boundaries in model output, found as the text streams in.

Guardrails judge whole sentences, and the stream delivers whole sentences, so both use
this one splitter. Pieces keep their leading whitespace: joining them gives back the text.
"""

from __future__ import annotations

import re

# A sentence ends after terminal punctuation (and any closing quote or bracket) once
# whitespace follows, or just before a line break.
_BOUNDARY = re.compile(r"""[.!?\u2026]+["'\u201d\u2019)\]]*(?=\s)|(?=\n)""")
# "1." or "-" alone is a list marker, not a sentence.
_WORDS = re.compile(r"[^\W\d_]{2,}")


class SentenceBuffer:
    """Collects streamed text and hands back each sentence once it is complete."""

    def __init__(self) -> None:
        self._pending = ""

    def feed(self, text: str) -> list[str]:
        """Add streamed text; return the sentences it completed, in order."""
        self._pending += text
        sentences: list[str] = []
        start = 0
        for match in _BOUNDARY.finditer(self._pending):
            candidate = self._pending[start : match.end()]
            if _WORDS.search(candidate):
                sentences.append(candidate)
                start = match.end()
        self._pending = self._pending[start:]
        return sentences

    def flush(self) -> str:
        """The unfinished last sentence (possibly empty); the buffer is left empty."""
        rest, self._pending = self._pending, ""
        return rest if rest.strip() else ""


def split_sentences(text: str) -> list[str]:
    """Split finished text into sentences, each with its leading whitespace."""
    buffer = SentenceBuffer()
    sentences = buffer.feed(text)
    rest = buffer.flush()
    return [*sentences, rest] if rest else sentences
