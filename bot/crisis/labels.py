"""Crisis labels, response tiers and the result a classification returns.

Label → tier mapping (the response the pipeline owes the person):

========================  ==========================================================
label                     tier
========================  ==========================================================
``imminent``              ``imminent`` always: intent, plan, means or an attempt now.
``medical_emergency``     ``imminent`` always: someone may die without help now.
``ideation``              ``urgent``; ``concern`` only when the model alone, weakly,
                          heard it (score below :data:`URGENT_SCORE`).
``harm_to_others``        same as ideation.
``abuse``                 same as ideation.
``self_harm``             same as ideation.
``none``                  ``none``
========================  ==========================================================

The tier never drops below ``concern`` for a crisis label, and ``none`` is the only label
with tier ``none``: a caller that checks either ``label`` or ``tier`` sees the same answer
to "is this a crisis?".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Label(StrEnum):
    IMMINENT = "imminent"
    IDEATION = "ideation"
    SELF_HARM = "self_harm"
    HARM_TO_OTHERS = "harm_to_others"
    ABUSE = "abuse"
    MEDICAL_EMERGENCY = "medical_emergency"
    NONE = "none"

    @property
    def is_crisis(self) -> bool:
        return self is not Label.NONE


class Tier(StrEnum):
    IMMINENT = "imminent"
    URGENT = "urgent"
    CONCERN = "concern"
    NONE = "none"

    @property
    def rank(self) -> int:
        """Higher is more severe; compare tiers with this, not with string order."""
        return _TIER_RANK[self]


_TIER_RANK = {Tier.NONE: 0, Tier.CONCERN: 1, Tier.URGENT: 2, Tier.IMMINENT: 3}

CRISIS_LABELS: tuple[Label, ...] = tuple(label for label in Label if label.is_crisis)

SEVERITY: tuple[Label, ...] = (
    Label.IMMINENT,
    Label.MEDICAL_EMERGENCY,
    Label.IDEATION,
    Label.HARM_TO_OTHERS,
    Label.ABUSE,
    Label.SELF_HARM,
    Label.NONE,
)
"""Most severe first. When several crisis labels apply, the first one in this order wins."""

URGENT_SCORE = 0.5
"""Below this fused score a non-imminent crisis label is `concern` rather than `urgent`."""


def tier_for(label: Label, score: float) -> Tier:
    """The response tier owed to `label` at fused risk `score` (see the module table)."""
    if label in (Label.IMMINENT, Label.MEDICAL_EMERGENCY):
        return Tier.IMMINENT
    if label is Label.NONE:
        return Tier.NONE
    return Tier.URGENT if score >= URGENT_SCORE else Tier.CONCERN


def most_severe(labels: set[Label]) -> Label:
    """The most severe of `labels` (``none`` when empty)."""
    for label in SEVERITY:
        if label in labels:
            return label
    return Label.NONE


@dataclass(frozen=True, slots=True)
class CrisisResult:
    """One classification.

    `score` is the fused risk in [0, 1] that the message is a crisis of any kind (low for
    ``none`` results). `evidence` names the rules and model signals that decided it, for the
    clinician; it is derived from the message, so like the text it must never be logged in
    plain text.
    """

    label: Label
    tier: Tier
    score: float
    about_other: bool
    evidence: tuple[str, ...]

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score must be within [0, 1]; got {self.score}")
        if (self.label is Label.NONE) != (self.tier is Tier.NONE):
            raise ValueError(f"label {self.label} is inconsistent with tier {self.tier}")

    @property
    def is_crisis(self) -> bool:
        return self.label.is_crisis

    def __repr__(self) -> str:
        # Evidence echoes the message; keep it out of reprs that end up in logs.
        return (
            f"CrisisResult(label={self.label.value}, tier={self.tier.value}, "
            f"score={self.score:.3f}, about_other={self.about_other}, "
            f"evidence=<{len(self.evidence)} items>)"
        )

    def to_json(self) -> dict[str, object]:
        """A JSON-ready mapping (for the CLI and the clinician console, not for logs)."""
        return {
            "label": self.label.value,
            "tier": self.tier.value,
            "score": round(self.score, 4),
            "about_other": self.about_other,
            "evidence": list(self.evidence),
        }
