"""The checks every generated reply passes before anyone sees it.

A reply is screened one sentence at a time, in order, the same way whether it is streamed
or finished (`ReplyScreen` is the one implementation; `screen_generated` runs it over a
whole text). Sentences that pass are kept. At the first sentence that diagnoses, advises
on medication or claims to be human, the rest of the reply is dropped and a templated,
reflective reply for that reason takes its place. A reply longer than `max_chars` ends at
the last sentence that fits, and one that starts repeating itself (small models at low
temperature loop) ends before the repeat. A templated replacement is always delivered
whole, even where that passes `max_chars`: a safety message cut in half is worse.

The crisis classifier is not run here: the pipeline runs it on the text this produces.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.freetext.detectors import Reason, find_reasons
from bot.freetext.sentences import split_sentences

REPLACEMENTS: dict[Reason, str] = {
    Reason.MEDICATION: (
        "I'm not able to advise on medication or doses, and I don't want to guess about "
        "something that important. Your doctor or pharmacist is the right person to ask. "
        "What's been on your mind about it?"
    ),
    Reason.DIAGNOSIS: (
        "I can't tell what might be behind what you're going through; I'm an automated "
        "assistant, not a clinician. What you're feeling matters, and a GP or therapist can "
        "help you make sense of it. What has been hardest lately?"
    ),
    Reason.HUMAN_CLAIM: (
        "I should be clear that I'm Haven's automated assistant, not a person or a "
        "therapist. I'm still here to listen. What would help most to talk through right now?"
    ),
}
"""The reply that replaces a flagged sentence and everything after it."""

_REPLACING = frozenset({*REPLACEMENTS, Reason.EMPTY})
DEFAULT_MAX_CHARS = 600
_ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class GuardrailResult:
    text: str
    """What may be shown to the person."""
    reasons: tuple[Reason, ...]
    """Why the text differs from what the model wrote; empty when it passed unchanged."""

    @property
    def ok(self) -> bool:
        """True when the model's text passed unchanged."""
        return not self.reasons

    @property
    def replaced(self) -> bool:
        """True when part of the reply was swapped for a templated one."""
        return any(reason in _REPLACING for reason in self.reasons)


class ReplyScreen:
    """Screens a reply sentence by sentence, as it is generated.

    `push` returns the text to deliver for each sentence; once `finished` is true, later
    sentences are ignored and generation can stop.
    """

    def __init__(self, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self._max_chars = max_chars
        self._delivered: list[str] = []
        self._length = 0
        self._reasons: list[Reason] = []
        self._seen: set[str] = set()
        self.finished = False

    def push(self, sentence: str) -> str:
        """Screen the next sentence; return what to deliver for it (possibly nothing)."""
        if self.finished:
            return ""
        if not self._delivered:
            sentence = sentence.lstrip()
        if not sentence.strip():
            return ""
        reasons = find_reasons(sentence)
        if reasons:
            self._reasons.extend(reasons)
            self.finished = True
            separator = " " if self._delivered else ""
            return self._deliver(separator + REPLACEMENTS[reasons[0]])
        said = " ".join(sentence.lower().split())
        if said in self._seen:
            return self._stop(Reason.REPEATED)
        self._seen.add(said)
        if self._length + len(sentence.rstrip()) <= self._max_chars:
            return self._deliver(sentence)
        self._stop(Reason.TOO_LONG)
        return "" if self._delivered else self._deliver(_cut_at_word(sentence, self._max_chars))

    def substitute(self, text: str) -> str:
        """Deliver a templated reply in place of an empty one, and finish."""
        self._stop(Reason.EMPTY)
        return self._deliver(text)

    def result(self) -> GuardrailResult:
        return GuardrailResult(text="".join(self._delivered).rstrip(), reasons=tuple(self._reasons))

    @property
    def delivered_anything(self) -> bool:
        return bool(self._delivered)

    def _stop(self, reason: Reason) -> str:
        self._reasons.append(reason)
        self.finished = True
        return ""

    def _deliver(self, text: str) -> str:
        self._delivered.append(text)
        self._length += len(text)
        return text


def screen_generated(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> GuardrailResult:
    """Screen a finished model reply: keep what is safe, replace what is not, cap the length."""
    screen = ReplyScreen(max_chars)
    for sentence in split_sentences(text):
        screen.push(sentence)
        if screen.finished:
            break
    return screen.result()


def _cut_at_word(sentence: str, max_chars: int) -> str:
    """A sentence too long to show whole, cut at the last word that fits, with an ellipsis."""
    head = sentence[: max_chars - len(_ELLIPSIS)]
    if " " in head.strip():
        head = head.rstrip()[: head.rstrip().rfind(" ")]
    return head.rstrip(" ,;:-") + _ELLIPSIS
