"""The eleven thinking traps a thought record offers, each in one plain sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.cbt.answers import is_skip, parse_indices


@dataclass(frozen=True, slots=True)
class ThinkingTrap:
    code: str
    name: str
    sentence: str
    keywords: tuple[str, ...]


TRAPS: tuple[ThinkingTrap, ...] = (
    ThinkingTrap("all_or_nothing", "All-or-nothing thinking",
                 "Seeing things in black and white, as total success or total failure.",
                 ("all or nothing", "all-or-nothing", "black and white")),
    ThinkingTrap("catastrophising", "Catastrophising",
                 "Expecting the worst possible outcome and treating it as certain.",
                 ("catastroph", "worst case")),
    ThinkingTrap("mind_reading", "Mind reading",
                 "Assuming you know what others think, usually that it is negative.",
                 ("mind reading", "mind-reading", "mindreading")),
    ThinkingTrap("fortune_telling", "Fortune telling",
                 "Predicting that things will turn out badly before they happen.",
                 ("fortune", "predict")),
    ThinkingTrap("overgeneralising", "Overgeneralising",
                 "Treating one bad event as a never-ending pattern (\"always\", \"never\").",
                 ("overgeneral", "over-general", "generalis", "generaliz")),
    ThinkingTrap("labelling", "Labelling",
                 "Putting a harsh label on yourself or others instead of describing what "
                 "happened.", ("label",)),
    ThinkingTrap("should_statements", "Should statements",
                 "Holding rigid rules about how you or others \"should\" or \"must\" be.",
                 ("should", "must")),
    ThinkingTrap("emotional_reasoning", "Emotional reasoning",
                 "Believing something is true because it feels true.",
                 ("emotional reasoning", "feels true")),
    ThinkingTrap("personalisation", "Personalisation",
                 "Blaming yourself for things that are not, or not only, your doing.",
                 ("personalis", "personaliz", "blaming myself", "my fault")),
    ThinkingTrap("mental_filter", "Mental filter",
                 "Focusing only on the negative details and filtering out the rest.",
                 ("mental filter", "filter")),
    ThinkingTrap("discounting_positive", "Discounting the positive",
                 "Telling yourself that good things do not count.",
                 ("discount", "positive")),
)  # fmt: skip

BY_CODE = {trap.code: trap for trap in TRAPS}


def parse_traps(text: str) -> list[str] | None:
    """Trap codes from "2, 5", "mind reading and labelling", a button, or "none" (empty).

    None when nothing can be read, so the form asks again.
    """
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    if is_skip(cleaned) or cleaned in ("none of these", "none fit", "not sure"):
        return []
    if re.search(r"\d", cleaned):
        indices = parse_indices(cleaned, len(TRAPS))
        return None if indices is None else [TRAPS[i - 1].code for i in indices]
    found = [
        trap.code
        for trap in TRAPS
        if trap.name.lower() in cleaned or any(k in cleaned for k in trap.keywords)
    ]
    return found or None


def trap_names(codes: list[str] | tuple[str, ...]) -> list[str]:
    return [BY_CODE[c].name for c in codes if c in BY_CODE]
