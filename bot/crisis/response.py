"""What Haven says when the crisis gate fires: composed from `resources.yml` by label, tier,
who is at risk (the person or someone they are worried about) and language.

The composer is pure: it decides the messages and what else the turn owes (a page, a hold in
crisis mode, a safety-plan offer, a flag for review); the gate carries those out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.crisis.labels import Label, Tier

RESOURCES_FILE = Path(__file__).with_name("resources.yml")
LANGUAGES = ("en", "es")

_SPANISH = frozenset(
    "que no me mi de la el y estoy quiero ya por para con una un es lo se todo nada vida morir "
    "matarme pastillas ayuda tengo puedo siento estar mis mas solo hacer voy".split()
)
_ENGLISH = frozenset(
    "i the and to a of my me is it you that in im i'm want have not just be this feel so can "
    "do no more life".split()
)
_WORD = re.compile(r"[a-záéíóúñü']+")


class ResourcesError(ValueError):
    """resources.yml is missing a message or a language."""


@dataclass(frozen=True, slots=True)
class Resources:
    version: str
    texts: dict[str, dict[str, Any]]

    @classmethod
    def load(cls, path: Path = RESOURCES_FILE) -> Resources:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = {lang: raw.get(lang) or {} for lang in LANGUAGES}
        reference = set(texts["en"])
        for lang, table in texts.items():
            missing = reference - set(table)
            if missing:
                raise ResourcesError(f"{path.name}: {lang} lacks {', '.join(sorted(missing))}")
        return cls(str(raw["version"]), texts)

    def text(self, language: str, key: str) -> str:
        return str(self.texts[language if language in self.texts else "en"][key])

    def plan_labels(self, language: str) -> dict[str, str]:
        return dict(self.texts[language if language in self.texts else "en"]["plan_labels"])


@dataclass(frozen=True, slots=True)
class CrisisResponse:
    messages: tuple[str, ...]
    page: bool
    """Page the on-call clinician (imminent tier)."""
    hold: bool
    """Hold the conversation in crisis mode until a safety check or a clinician clears it."""
    offer_plan: bool
    """The last message offers a safety plan; the next answer decides."""
    language: str
    resources_version: str


def detect_language(text: str) -> str:
    """`es` when the message reads as Spanish, else `en` (the responses' two languages)."""
    words = _WORD.findall(text.lower())
    spanish = sum(w in _SPANISH for w in words)
    english = sum(w in _ENGLISH for w in words)
    return "es" if (spanish >= 2 and spanish > english) or ("ñ" in text and spanish >= 1) else "en"


def compose(
    resources: Resources, label: Label, tier: Tier, about_other: bool, language: str
) -> CrisisResponse:
    """The messages and duties for one flagged turn."""

    def say(*keys: str) -> tuple[str, ...]:
        return tuple(resources.text(language, key) for key in keys)

    def response(
        keys: tuple[str, ...], *, page: bool = False, hold: bool = False, offer_plan: bool = False
    ) -> CrisisResponse:
        return CrisisResponse(say(*keys), page, hold, offer_plan, language, resources.version)

    if tier is Tier.IMMINENT:
        if label is Label.MEDICAL_EMERGENCY:
            return response(("medical", "medical_more", "clinician_paged"), page=True)
        if about_other:
            return response(("imminent_other", "lifeline_options", "clinician_paged"), page=True)
        return response(
            ("imminent_self", "lifeline_options", "clinician_paged", "check_safe"),
            page=True,
            hold=True,
        )
    if label is Label.HARM_TO_OTHERS:
        return response(("harm_to_others", "review_notice"))
    if label is Label.ABUSE:
        return response(("abuse", "abuse_more", "review_notice"))
    if label is Label.MEDICAL_EMERGENCY:
        return response(("medical", "medical_more", "review_notice"))
    if about_other:
        return response(("urgent_other", "lifeline_options", "review_notice"))
    opening = "self_harm" if label is Label.SELF_HARM else "urgent_self"
    return response((opening, "lifeline_options", "review_notice", "offer_plan"), offer_plan=True)


def sos(resources: Resources, language: str) -> CrisisResponse:
    """The answer to `988` or `SOS`: the resources at once, nothing else."""
    return CrisisResponse(
        (resources.text(language, "sos"), resources.text(language, "lifeline_options")),
        page=False,
        hold=False,
        offer_plan=False,
        language=language,
        resources_version=resources.version,
    )
