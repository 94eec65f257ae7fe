"""The rule layer: spaCy Matcher patterns over normalised text, and what cancels them.

For one message the engine finds risk spans (labelled, with a kind), cue facets (means,
plan, farewell...), idiom spans and frames, then decides which risk spans stand:

* **Span-level readings** cancel any kind: an idiom overlapping the span ("this exam is
  killing me"), a negation scoping it ("I'm not suicidal"), a quotation nobody in the
  conversation said ("'live fast die young' is a dumb motto"), or hyperbole (a trivial
  grievance plus laughter or an `if`, "I'll kill myself if this meeting runs late lol").
  "I mean it" / "not joking" blocks idiom and hyperbole readings.
* **Frames** (study question, film, game, dream, grief, drill...) cancel `indirect`,
  `topic` and `weak` spans as the table :data:`FRAME_CANCELS` says, never `explicit` ones.
* **A crisis now resolved** (resolution words, and nothing saying it is back) cancels all.

Cancelled spans are kept as evidence, and their safe reading is reported, because the
fusion step (:mod:`bot.crisis.fusion`) lets a recognised safe reading quiet a model alarm.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.crisis.grammar import compile_form
from bot.crisis.labels import Label
from bot.crisis.matching import AnchoredMatcher
from bot.crisis.patterns import (
    CLAUSE_BREAKS,
    CRISIS_WORDS,
    CUES,
    FIRST_PERSON,
    FRAMES,
    IDIOMS,
    INTENT_ACTS,
    INTENT_LEADS,
    MACROS,
    NEGATION_TRANSPARENT,
    NEGATORS,
    RELAPSE,
    REPORTING_VERBS,
    RISK,
    SERIOUS,
    THIRD_PERSON,
    Facet,
    Frame,
    FramePattern,
    Kind,
    RiskPattern,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

_NON_EXPLICIT = frozenset((Kind.INDIRECT, Kind.TOPIC, Kind.WEAK))
_TOPICAL = frozenset((Kind.TOPIC, Kind.WEAK))

FRAME_CANCELS: dict[Frame, tuple[frozenset[Kind], frozenset[Label] | None]] = {
    Frame.INFO: (_TOPICAL, None),
    Frame.STUDY: (_TOPICAL, None),
    Frame.MEDIA: (_NON_EXPLICIT, None),
    Frame.GAME: (_NON_EXPLICIT, None),
    Frame.DREAM: (_NON_EXPLICIT, None),
    Frame.PREPAREDNESS: (_NON_EXPLICIT, None),
    Frame.GRIEF: (_TOPICAL, None),
    Frame.ACCIDENT: (_NON_EXPLICIT, frozenset((Label.SELF_HARM,))),
    Frame.MINOR: (_NON_EXPLICIT, frozenset((Label.SELF_HARM, Label.MEDICAL_EMERGENCY))),
    Frame.ROUTINE: (_NON_EXPLICIT, frozenset((Label.IDEATION, Label.IMMINENT))),
}
"""frame -> (kinds it cancels, labels it applies to; None = all labels)."""

_GRIEF_ALSO = frozenset((Label.MEDICAL_EMERGENCY,))
"""Grief also cancels indirect medical mentions ("she died of a heart attack")."""

HYPERBOLE_LABELS = frozenset((Label.IDEATION, Label.HARM_TO_OTHERS, Label.SELF_HARM, Label.ABUSE))
_LAUGH_ONLY = frozenset((Label.ABUSE,))
"""Labels whose hyperbole needs laughter, not only an `if` ("he hits me if I'm late")."""
INGESTION = "imminent.ingestion"


@dataclass(frozen=True, slots=True)
class Signal:
    """A risk span that stands."""

    name: str
    label: Label
    kind: Kind
    start: int
    end: int
    about_other: bool | None

    @property
    def weight(self) -> float:
        return self.kind.weight


@dataclass(frozen=True, slots=True)
class Cue:
    facet: Facet
    start: int
    end: int
    about_other: bool | None


@dataclass(frozen=True, slots=True)
class RuleFindings:
    """What the rule layer found in one message."""

    signals: tuple[Signal, ...] = ()
    cues: tuple[Cue, ...] = ()
    frames: frozenset[Frame] = frozenset()
    cancelled: tuple[str, ...] = ()
    """``name(reason)`` for each risk span a safe reading cancelled."""
    serious: bool = False
    third_party_hint: bool = False
    """The message talks about another person and not about the speaker."""
    slang: tuple[str, ...] = field(default=())
    tokens: tuple[str, ...] = ()
    crisis_vocabulary: bool = False
    """The message uses a crisis word (:data:`patterns.CRISIS_WORDS`) or a cue other than a
    time."""
    residual_vocabulary: bool = False
    """A crisis word outside the explained ranges: "i don't want to kill myself, i just feel
    flat" has none once the negated span is set aside."""
    explained: tuple[tuple[int, int], ...] = ()
    """Token ranges a span-level safe reading explains (idiom, negation, quotation,
    hyperbole): what the model should not be alarmed by."""

    def residual(self) -> str:
        """The message without its explained ranges, for the model to judge again."""
        covered = {i for start, end in self.explained for i in range(start, end)}
        return " ".join(t for i, t in enumerate(self.tokens) if i not in covered)

    @property
    def facets(self) -> frozenset[Facet]:
        return frozenset(cue.facet for cue in self.cues)

    def strong(self) -> tuple[Signal, ...]:
        return tuple(signal for signal in self.signals if signal.kind is not Kind.WEAK)

    def weak(self) -> tuple[Signal, ...]:
        return tuple(signal for signal in self.signals if signal.kind is Kind.WEAK)


@dataclass(frozen=True, slots=True)
class _Match:
    key: str
    start: int
    end: int


class RuleEngine:
    """Compiled patterns bound to one spaCy pipeline. Thread-safe for reading."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self._matcher = AnchoredMatcher(nlp.vocab)
        self._risk = {f"risk:{pattern.name}": pattern for pattern in RISK}
        self._cues = {f"cue:{pattern.name}": pattern for pattern in CUES}
        self._frames = {f"frame:{pattern.name}": pattern for pattern in FRAMES}
        for key, forms in self._all_forms():
            patterns = [p for form in forms for p in compile_form(form, MACROS)]
            self._matcher.add(key, patterns)
        self._matcher.freeze()

    def _all_forms(self) -> Iterable[tuple[str, tuple[str, ...]]]:
        for key, risk in self._risk.items():
            yield key, risk.forms
        for key, cue in self._cues.items():
            yield key, cue.forms
        for key, frame in self._frames.items():
            yield key, frame.forms
        yield "idiom", IDIOMS
        yield "lead", INTENT_LEADS
        yield "act", INTENT_ACTS
        yield "serious", SERIOUS
        yield "relapse", RELAPSE

    def analyse(self, text: str, slang: tuple[str, ...] = ()) -> RuleFindings:
        """Findings for one normalised message (see :func:`bot.crisis.normalize.normalize`)."""
        doc = self._nlp(text)
        matches = [_Match(key, start, end) for key, start, end in self._matcher(doc)]
        return _Analysis(doc, matches, self._risk, self._frames, slang).findings()


class _Analysis:
    """One message's matches, turned into findings. Built and discarded per call."""

    def __init__(
        self,
        doc: Doc,
        matches: list[_Match],
        risk: dict[str, RiskPattern],
        frames: dict[str, FramePattern],
        slang: tuple[str, ...],
    ) -> None:
        self.doc = doc
        self.words = [token.lower_ for token in doc]
        self.slang = slang
        self.idioms = [(m.start, m.end) for m in matches if m.key == "idiom"]
        self.serious = any(m.key == "serious" for m in matches)
        self.relapse = any(m.key == "relapse" for m in matches)
        self.sentence = _sentence_ids(self.words)
        self.quotes = _quote_spans(self.words)
        self.frame_spans: dict[Frame, list[tuple[int, int]]] = {}
        for m in matches:
            if m.key in frames:
                frame = frames[m.key].frame
                self.frame_spans.setdefault(frame, []).append((m.start, m.end))
        self.frames: set[Frame] = set(self.frame_spans)
        self.clause = _clause_ids(self.words)
        if self.idioms and not self.serious:
            self.frames.add(Frame.IDIOM)
        if Frame.RESOLVED in self.frames and not self.relapse:
            self.frames.add(Frame.PAST_RESOLVED)
        self.risk_matches = _longest_per_key([m for m in matches if m.key in risk])
        self.risk_matches += _compose_intent(matches, self.sentence)
        self.cue_matches = _longest_per_key([m for m in matches if m.key.startswith("cue:")])
        self.risk = risk

    def findings(self) -> RuleFindings:
        signals: list[Signal] = []
        cancelled: list[str] = []
        explained: set[tuple[int, int]] = set(self.idioms)
        for quote in self.quotes:
            if quote[1] - quote[0] >= 3 and not self._attributed(quote):
                explained.add(quote)
                self.frames.add(Frame.QUOTE)
        reasons: dict[_Match, str] = {}
        for match in self.risk_matches:
            pattern = self.risk[match.key]
            reasons[match] = self._cancel_reason(match, pattern.label, pattern.kind)
            if reasons[match] in _SPAN_REASONS:
                explained.add(self._explained_range(match, reasons[match]))
        for match in self.risk_matches:
            if not reasons[match] and any(
                start <= match.start and match.end <= end for start, end in explained if end > start
            ):
                reasons[match] = "explained"
        for match in self.risk_matches:
            pattern = self.risk[match.key]
            name, label, kind = pattern.name, pattern.label, pattern.kind
            reason = reasons[match]
            if reason:
                cancelled.append(f"{name}({reason})")
                self.frames.add(_REASON_FRAMES.get(reason, Frame.IDIOM))
                continue
            if name == INGESTION and Frame.ACCIDENT in self.frames:
                label = Label.MEDICAL_EMERGENCY
            signals.append(
                Signal(name, label, kind, match.start, match.end, self._about_other(match, label))
            )
        cues = []
        for m in self.cue_matches:
            reason = self._span_cancel_reason(m)
            if reason:
                explained.add(self._explained_range(m, reason))
            else:
                cues.append(
                    Cue(_CUE_FACETS[m.key], m.start, m.end, self._about_other(m, Label.IMMINENT))
                )
        return RuleFindings(
            signals=tuple(signals),
            cues=tuple(cues),
            frames=frozenset(self.frames),
            cancelled=tuple(sorted(set(cancelled))),
            serious=self.serious,
            third_party_hint=self._third_party_hint(),
            slang=self.slang,
            tokens=tuple(self.words),
            crisis_vocabulary=any(cue.facet not in _BENIGN_ALONE for cue in cues)
            or any(_crisis_word(t) for t in self.doc),
            residual_vocabulary=any(
                _crisis_word(t)
                for t in self.doc
                if not any(start <= t.i < end for start, end in explained)
            ),
            explained=tuple(sorted(span for span in explained if span[1] > span[0])),
        )

    def _explained_range(self, match: _Match, reason: str) -> tuple[int, int]:
        """The tokens a span-level reading accounts for (frames explain no tokens)."""
        if reason == "negation":
            start = match.start
            while (
                start > 0
                and self.words[start - 1] not in CLAUSE_BREAKS
                and (
                    self.words[start - 1] in NEGATION_TRANSPARENT
                    or self.words[start - 1] in NEGATORS
                )
            ):
                start -= 1
            return (start, match.end)
        if reason == "quote":
            quote = self._enclosing_quote(match)
            return quote if quote is not None else (match.start, match.end)
        if reason == "hyperbole":
            sentence = self.sentence[match.start]
            indices = [i for i, s in enumerate(self.sentence) if s == sentence]
            return (indices[0], indices[-1] + 1)
        if reason == "idiom":
            return (match.start, match.end)
        return (match.start, match.start)

    # -- cancellation ---------------------------------------------------------------------

    def _cancel_reason(self, match: _Match, label: Label, kind: Kind) -> str:
        span_reason = self._span_cancel_reason(match)
        if span_reason:
            return span_reason
        if label in HYPERBOLE_LABELS and not self.serious and self._hyperbole(match, label):
            return "hyperbole"
        if Frame.PAST_RESOLVED in self.frames and self._in_past(match):
            return "past_resolved"
        if self._dreamt(match):
            return "frame:dream"
        if self.frames & _GENERIC_FRAMES and self._generic(match):
            return "generic_question"
        for frame in sorted(self.frames):
            rule = FRAME_CANCELS.get(frame)
            if rule is None:
                continue
            kinds, labels = rule
            if frame is Frame.GRIEF and label in _GRIEF_ALSO and kind is Kind.INDIRECT:
                return f"frame:{frame.value}"
            if kind in kinds and (labels is None or label in labels):
                return f"frame:{frame.value}"
        return ""

    def _span_cancel_reason(self, match: _Match) -> str:
        if not self.serious and any(
            start < match.end and match.start < end for start, end in self.idioms
        ):
            return "idiom"
        if self._negated(match.start):
            return "negation"
        quote = self._enclosing_quote(match)
        if quote is not None and (
            Frame.INFO in self.frames or (quote[1] - quote[0] >= 3 and not self._attributed(quote))
        ):
            return "quote"
        return ""

    def _in_past(self, match: _Match) -> bool:
        """The span sits in a clause that a past or resolution marker speaks about, or is
        itself in the past tense, or follows a past-tense verb ("had suicidal thoughts")."""
        clauses = {self.clause[i] for i in range(match.start, match.end)}
        for frame in (Frame.PAST, Frame.RESOLVED):
            for start, end in self.frame_spans.get(frame, ()):
                if clauses & {self.clause[i] for i in range(start, end)}:
                    return True
        before = self.words[max(0, match.start - 2) : match.start]
        return bool(set(self.words[match.start : match.end] + before) & _PAST_TENSE)

    def _dreamt(self, match: _Match) -> bool:
        """The span is the content of a dream told earlier in the same sentence."""
        sentence = self.sentence[match.start]
        return any(
            start < match.start and self.sentence[start] == sentence
            for start, _ in self.frame_spans.get(Frame.DREAM, ())
        )

    def _negated(self, start: int) -> bool:
        """A negator shortly before `start`, with only transparent words in between."""
        for index in range(start - 1, max(-1, start - 6), -1):
            word = self.words[index]
            if word in NEGATORS:
                return True
            if word in CLAUSE_BREAKS or word not in NEGATION_TRANSPARENT:
                return False
        return False

    def _enclosing_quote(self, match: _Match) -> tuple[int, int] | None:
        for start, end in self.quotes:
            if start <= match.start and match.end <= end:
                return (start, end)
        return None

    def _attributed(self, quote: tuple[int, int]) -> bool:
        """A real person in the conversation said or thought it ("she texted '...'")."""
        nearby = self.words[max(0, quote[0] - 5) : quote[0]] + self.words[quote[1] : quote[1] + 6]
        return any(word in REPORTING_VERBS for word in nearby)

    def _hyperbole(self, match: _Match, label: Label) -> bool:
        sentence = self.sentence[match.start]
        words = {w for i, w in enumerate(self.words) if self.sentence[i] == sentence}
        if not words & set(MACROS["TRIVIAL"]):
            return False
        laughing = bool(words & set(MACROS["LAUGH"]))
        if label in _LAUGH_ONLY:
            return laughing
        conditional = bool(words & {"if", "when", "whenever", "until", "makes", "made", "si"})
        return conditional or laughing

    # -- perspective ----------------------------------------------------------------------

    def _about_other(self, match: _Match, label: Label) -> bool | None:
        """Whether the person at risk (or posing it) in this span is not the speaker."""
        quote = self._enclosing_quote(match)
        if quote is not None and self._attributed(quote):
            return self._window_perspective(quote[0])
        span = self.words[match.start : match.end]
        if label is Label.HARM_TO_OTHERS:
            # The person posing the risk is the subject, not the target: "i want to hurt my
            # coworker" is the speaker; "my brother says he'll kill our stepdad" is not.
            subject = self._window_perspective(match.start)
            if subject is not None:
                return subject
        if label is Label.ABUSE:
            if {"me", "us", "myself", "i", "my"} & set(span) and not _rel_in(span):
                return False
            if {"me", "us"} & set(span):
                return False
        if {"myself", "i", "me"} & set(span) or _owns(span):
            return False
        if THIRD_PERSON & set(span) or _rel_in(span):
            return True
        return self._window_perspective(match.start)

    def _window_perspective(self, start: int) -> bool | None:
        sentence = self.sentence[start] if start < len(self.sentence) else -1
        for index in range(start - 1, max(-1, start - 10), -1):
            if self.sentence[index] != sentence:
                break
            word = self.words[index]
            if word in FIRST_PERSON:
                return False
            if word in THIRD_PERSON or _is_rel(self.words, index):
                return True
        return None

    def _generic(self, match: _Match) -> bool:
        """The span is about people in general ("someone", "they"), not anyone here."""
        sentence = self.sentence[match.start]
        indices = [i for i in range(len(self.words)) if self.sentence[i] == sentence]
        words = {self.words[i] for i in indices}
        near = set(self.words[max(0, match.start - 2) : match.end])
        if near & {"i", "me", "myself", "my"} or words & {"he", "she", "him", "his", "himself"}:
            return False
        return not any(
            _is_rel(self.words, i)
            and self.words[i] not in _GENERIC
            and self.words[i - 1] not in ("a", "an")
            for i in indices
        )

    def _third_party_hint(self) -> bool:
        words = set(self.words)
        if words & {"i", "me", "myself", "yo", "im"}:
            return False
        return bool(words & THIRD_PERSON) or any(
            _is_rel(self.words, index) for index in range(len(self.words))
        )


_GENERIC_FRAMES = frozenset((Frame.INFO, Frame.STUDY, Frame.MEDIA))
_BENIGN_ALONE = frozenset((Facet.TIMEFRAME,))
"""Cues that say nothing about risk on their own ("tonight", "right now", "soon"):
they do not count as crisis vocabulary (see `RuleFindings.crisis_vocabulary`)."""
_GENERIC = frozenset(("someone", "somebody", "people", "anyone", "anybody", "person"))

_SPAN_REASONS = frozenset(("idiom", "negation", "quote", "hyperbole"))
_PAST_TENSE = frozenset(
    "was were wanted tried attempted used had felt thought took did cut burned hurt".split()
)

_REASON_FRAMES = {
    "explained": Frame.IDIOM,
    "generic_question": Frame.INFO,
    "idiom": Frame.IDIOM,
    "negation": Frame.NEGATION,
    "quote": Frame.QUOTE,
    "hyperbole": Frame.HYPERBOLE,
    "past_resolved": Frame.PAST_RESOLVED,
}
_CUE_FACETS = {f"cue:{pattern.name}": pattern.facet for pattern in CUES}
_REL = frozenset(MACROS["REL"]) - {"someone", "somebody", "man", "woman", "guy", "girl", "boy"}
_OWNERS = frozenset(("my", "our", "a", "his", "her", "their", "mi", "su"))


def _crisis_word(token: Token) -> bool:
    return token.lower_ in CRISIS_WORDS or token.lemma_ in CRISIS_WORDS


def frame_applies(frame: Frame, label: Label) -> bool:
    """Whether a safe reading speaks to this label at all (:data:`FRAME_CANCELS`): a routine
    context ("pics", "moving") explains away talk of ending things, not abuse."""
    rule = FRAME_CANCELS.get(frame)
    return rule is None or rule[1] is None or label in rule[1]


def _is_rel(words: list[str], index: int) -> bool:
    word = words[index]
    if word in ("someone", "somebody"):
        return True
    return word in _REL and index > 0 and words[index - 1] in _OWNERS


def _owns(span: list[str]) -> bool:
    """`my` + something that is not a person: "my leg", "my life", "my pills"."""
    return any(
        word == "my" and index + 1 < len(span) and span[index + 1] not in _REL
        for index, word in enumerate(span)
    )


def _rel_in(span: list[str]) -> bool:
    return any(_is_rel(span, index) for index in range(len(span)))


INTENT_KEY = "risk:imminent.intent"


def _compose_intent(matches: list[_Match], sentence: list[int]) -> list[_Match]:
    """An intent lead directly (two tokens at most) before an act is imminent intent."""
    leads = [m for m in matches if m.key == "lead"]
    acts = [m for m in matches if m.key == "act"]
    composed = {
        _Match(INTENT_KEY, lead.start, act.end)
        for lead in leads
        for act in acts
        if 0 <= act.start - lead.end <= 2 and sentence[lead.start] == sentence[act.start]
    }
    return _longest_per_key(sorted(composed, key=lambda m: (m.start, m.end)))


def _longest_per_key(matches: list[_Match]) -> list[_Match]:
    """Drop matches of a key nested inside a longer match of the same key."""
    kept: list[_Match] = []
    for match in sorted(matches, key=lambda m: (m.key, m.start, -(m.end - m.start))):
        if any(
            other.key == match.key and other.start <= match.start and match.end <= other.end
            for other in kept
        ):
            continue
        kept.append(match)
    return kept


def _sentence_ids(words: list[str]) -> list[int]:
    ids: list[int] = []
    current = 0
    for word in words:
        ids.append(current)
        if word in (".", "!", "?", "...", "\n") or word.endswith(("!", "?")):
            current += 1
    return ids


def _clause_ids(words: list[str]) -> list[int]:
    ids: list[int] = []
    current = 0
    for word in words:
        if word in CLAUSE_BREAKS:
            current += 1
        ids.append(current)
    return ids


def _quote_spans(words: list[str]) -> list[tuple[int, int]]:
    """Token ranges between paired quote marks."""
    spans: list[tuple[int, int]] = []
    for mark in ('"', "'"):
        positions = [index for index, word in enumerate(words) if word == mark]
        for opening, closing in zip(positions[::2], positions[1::2], strict=False):
            if closing - opening > 1:
                spans.append((opening + 1, closing))
    return spans
