"""Fusing the rule layer and the model into one result, failing closed.

Each layer proposes labels; the most severe proposal wins (:data:`labels.SEVERITY`).

1. **Rules.** Every risk span that stands (no safe reading cancelled it, see
   :mod:`bot.crisis.rules`) proposes its label. A ``weak`` span (say "I can't do this
   anymore") proposes only when the model also hears some risk (crisis probability at
   least half the alarm threshold), or when it is the whole message. Suicide algospeak
   ("unalive") that no idiom explains proposes ``ideation`` on its own.
2. **Cue combinations** propose ``imminent``: a plan with means, a farewell, a place or a
   time; means with a farewell or a place; a farewell at a place.
3. **Context.** A cue now (means, plan, farewell, place, time, "doing it") after ideation,
   imminent risk or self-harm in the last turns, ideation now after a cue earlier, or an
   action now after means earlier, proposes ``imminent``: "I have the pills now" after "I
   want it to end".
4. **Model.** When the head's crisis probability reaches its alarm threshold it proposes its
   most likely crisis label, with one exception and one limit:

   * if the rules proposed nothing but recognised a safe reading of this message (idiom,
     hyperbole, negation, a quotation, a study or information question, a film, song or
     game, grief, a dream, a drill, a crisis now resolved), the model is overruled unless
     it is very sure (crisis probability at least :data:`OVERRIDE`). This is what keeps
     "this exam is killing me" and "'live fast die young' is a dumb motto" out of the
     crisis path; when the safe reading explains particular words (idiom, negation,
     quotation, hyperbole), the model re-judges the message without them instead;
   * a safe reading overrules only the labels it speaks to (:func:`rules.frame_applies`: a
     routine context quiets talk of ending things, not a report of abuse);
   * if the message has no crisis word at all and no cue (:data:`patterns.CRISIS_WORDS`),
     or none outside the words a safe reading explained, the model needs
     :data:`BARE_ALARM`: short everyday lines ("I feel empty sometimes") sit close to
     crisis in embedding space, and a crisis told without a single such word is rare;
   * if the rules already proposed a label, the model's label is added only when its tier
     is more severe, so the model can raise the tier but never blur a precise rule label.

So whenever the layers disagree about *whether* there is risk, risk wins, except against a
specific safe reading the rules can name or a model alarm with nothing in the words to
support it; the evidence records which way each layer went.

``score`` is the fused crisis probability: for a crisis, the noisy-OR of the strongest rule
weight and the model's crisis probability; for ``none``, the model's crisis probability,
held below the alarm threshold when a safe reading overruled it.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.crisis.labels import SEVERITY, CrisisResult, Label, Tier, most_severe, tier_for
from bot.crisis.patterns import Facet, Frame, Kind
from bot.crisis.rules import RuleFindings, Signal, frame_applies

OVERRIDE = 0.9
"""Model crisis probability above which no safe reading overrules the model."""

BARE_ALARM = 0.7
"""A model-only alarm on a message with no crisis word and no cue needs this probability."""

SAFE_FRAMES = frozenset(Frame) - {Frame.PAST, Frame.RESOLVED}
"""Safe readings that may overrule a model alarm (PAST or RESOLVED alone may not)."""

SPAN_FRAMES = frozenset((Frame.IDIOM, Frame.NEGATION, Frame.QUOTE, Frame.HYPERBOLE))
"""Readings of particular words: the model re-judges the message without those words."""

DECISIVE_FRAMES = frozenset((Frame.PAST_RESOLVED,))
"""Readings that overrule the model at any confidence: a crisis told as over, with nothing
saying it is back (the model cannot read tense; the rules can)."""

CONTEXT_RISK = frozenset((Label.IDEATION, Label.IMMINENT, Label.SELF_HARM))
RISK_SLANG = frozenset(("unalive", "sewerslide", "ctb", "self_delete", "kms"))
"""Algospeak (:mod:`bot.crisis.slang`) that means suicide wherever no idiom explains it."""
STRONG_CUES = frozenset((Facet.MEANS, Facet.PLAN, Facet.FAREWELL, Facet.LOCATION))
COMBOS: tuple[tuple[Facet, frozenset[Facet]], ...] = (
    (Facet.PLAN, frozenset((Facet.MEANS, Facet.FAREWELL, Facet.LOCATION, Facet.TIMEFRAME))),
    (Facet.MEANS, frozenset((Facet.FAREWELL, Facet.LOCATION, Facet.ACTION))),
    (Facet.FAREWELL, frozenset((Facet.LOCATION, Facet.ACTION))),
)


@dataclass(frozen=True, slots=True)
class ModelView:
    """What the head said about the current message."""

    probabilities: dict[Label, float]
    other: float
    """Probability that the message is about someone else."""

    @property
    def risk(self) -> float:
        return 1.0 - self.probabilities[Label.NONE]

    @property
    def label(self) -> Label:
        crisis = {label: p for label, p in self.probabilities.items() if label.is_crisis}
        return max(crisis, key=lambda label: (crisis[label], -SEVERITY.index(label)))


@dataclass(frozen=True, slots=True)
class ContextView:
    """What the rules (and, when asked, the model) found in the last few user turns."""

    risk: frozenset[Label] = frozenset()
    cues: frozenset[Facet] = frozenset()


def fuse(
    findings: RuleFindings,
    model: ModelView,
    context: ContextView,
    alarm: float,
    residual: ModelView | None = None,
) -> CrisisResult:
    """One result from both layers. `residual`: the model's view of the message without
    the ranges a span-level safe reading explained (see `RuleFindings.residual`)."""
    evidence: list[str] = [f"slang:{name}" for name in findings.slang]
    proposals: dict[Label, float] = {}
    perspective: list[bool | None] = []

    def propose(label: Label, weight: float, about_other: bool | None, why: str) -> None:
        proposals[label] = max(proposals.get(label, 0.0), weight)
        perspective.append(about_other)
        evidence.append(why)

    for signal in findings.signals:
        if signal.kind is Kind.WEAK and model.risk < alarm / 2 and not _bare(signal, findings):
            evidence.append(f"rule_unsupported:{signal.name}")
            continue
        propose(signal.label, signal.weight, signal.about_other, f"rule:{signal.name}")
    evidence.extend(f"cancelled:{name}" for name in findings.cancelled)

    risk_slang = sorted(set(findings.slang) & RISK_SLANG)
    if risk_slang and not proposals and Frame.IDIOM not in findings.frames:
        # "unalive" on its own: the word exists to talk about suicide past content filters.
        propose(Label.IDEATION, Kind.INDIRECT.weight, None, f"slang_alone:{risk_slang[0]}")

    facets = findings.facets
    cue_other = _cue_perspective(findings)
    for lead, partners in COMBOS:
        if lead in facets and facets & partners:
            names = "+".join(sorted(f.value for f in {lead} | (facets & partners)))
            propose(Label.IMMINENT, Kind.EXPLICIT.weight, cue_other, f"combo:{names}")
            break

    risk_now = {s.label for s in findings.signals if s.kind is not Kind.WEAK} & CONTEXT_RISK
    if facets and context.risk:
        propose(Label.IMMINENT, Kind.EXPLICIT.weight, cue_other, "context:cue_after_risk")
    elif risk_now and context.cues & STRONG_CUES:
        propose(Label.IMMINENT, Kind.EXPLICIT.weight, None, "context:risk_after_cue")
    elif Facet.ACTION in facets and Facet.MEANS in context.cues:
        # The combination of means and action, split across turns: "i have my mum's sleeping
        # tablets" ... "gonna take them together".
        propose(Label.IMMINENT, Kind.EXPLICIT.weight, cue_other, "context:action_after_means")

    evidence.append(f"model:{model.label.value}={model.probabilities[model.label]:.2f}")
    evidence.append(f"model:risk={model.risk:.2f}")
    safe = sorted(frame.value for frame in findings.frames & SAFE_FRAMES)
    overruled = False
    if proposals:
        rule_tier = max(tier_for(label, 1.0).rank for label in proposals)
        if model.risk >= alarm and tier_for(model.label, 1.0).rank > rule_tier:
            propose(model.label, 0.0, None, f"model_raised:{model.label.value}")
    elif model.risk >= alarm:
        judged = model
        frames = findings.frames & SAFE_FRAMES
        vocabulary = findings.crisis_vocabulary
        if residual is not None:
            # The rules explained some words away; the rest of the message must alarm, and
            # only readings of the message as a whole may still overrule it.
            evidence.append(f"model:residual_risk={residual.risk:.2f}")
            if residual.risk < model.risk:
                judged = residual
                vocabulary = findings.residual_vocabulary
            frames -= SPAN_FRAMES
        frames = frozenset(frame for frame in frames if frame_applies(frame, judged.label))
        names = ",".join(sorted(frame.value for frame in frames))
        if judged.risk < alarm:
            overruled = True
            evidence.append("overruled_by:explained_spans")
        elif not vocabulary and judged.risk < BARE_ALARM:
            overruled = True
            evidence.append("overruled_by:no_crisis_vocabulary")
        elif frames & DECISIVE_FRAMES or (frames and judged.risk < OVERRIDE):
            overruled = True
            evidence.append(f"overruled_by:{names}")
        else:
            propose(judged.label, 0.0, None, f"model_alarm:{judged.label.value}")
    evidence.extend(f"safe:{name}" for name in safe)

    label = most_severe(set(proposals))
    if label is Label.NONE:
        score = min(model.risk, alarm * 0.99) if overruled else model.risk
        return CrisisResult(Label.NONE, Tier.NONE, _clip(score), False, tuple(evidence))
    strength = max(proposals.values())
    score = 1.0 - (1.0 - strength) * (1.0 - model.risk)
    about_other = _about_other(perspective, findings, model)
    return CrisisResult(
        label, tier_for(label, score), _clip(score), about_other, tuple(dict.fromkeys(evidence))
    )


def _bare(signal: Signal, findings: RuleFindings) -> bool:
    """The weak phrase is the whole message ("i cant anymore", "not worth it"): there is no
    context to read it as anything else, so it stands without the model (fail closed)."""
    outside = [
        word
        for index, word in enumerate(findings.tokens)
        if not signal.start <= index < signal.end and any(char.isalpha() for char in word)
    ]
    return len(outside) <= 1


def _cue_perspective(findings: RuleFindings) -> bool | None:
    votes = {cue.about_other for cue in findings.cues} - {None}
    if False in votes:
        return False
    return True if votes else None


def _about_other(perspective: list[bool | None], findings: RuleFindings, model: ModelView) -> bool:
    """The speaker is at risk if any deciding span says so; else a third party if any
    span names one; else the rules' text-level hint; else the head's guess."""
    if False in perspective:
        return False
    if True in perspective:
        return True
    if findings.third_party_hint:
        return True
    return model.other >= 0.5


def _clip(value: float) -> float:
    return min(1.0, max(0.0, float(value)))
