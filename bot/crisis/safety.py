"""Crisis mode, the short safety check, and the Stanley-Brown safety plan, as a small state
machine that runs in Haven itself (not in Rasa), so it works when Rasa or the LLM is down.

Modes::

    none ──imminent──▶ check (3 yes/no questions) ──all yes──▶ none
                         └─ any "no": resources again, stay in check until a clinician resolves
    none ──urgent/concern──▶ offer_plan ──yes──▶ plan (6 steps) ──done/stop──▶ none
                                         └─no──▶ none

`advance` is pure: it takes the state and the person's answer and returns the new state, the
replies, and what happened (for the gate to store).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from bot.crisis.response import Resources

Mode = Literal["none", "check", "offer_plan", "plan"]

CHECK_STEPS = ("check_safe", "check_means", "check_person")
PLAN_STEPS = (
    "warning_signs",
    "coping",
    "distraction",
    "help",
    "professionals",
    "safe_environment",
)

_YES_WORDS = frozenset(
    {"yes", "y", "yeah", "yea", "yep", "yup", "ok", "okay", "sure", "si", "sí", "claro", "vale"}
)
_NO_WORDS = frozenset({"no", "n", "nope", "nah", "not"})
_SKIP = frozenset({"skip", "saltar", "pass", "next"})
_STOP = frozenset({"stop", "parar", "later", "quit", "cancel"})
_PUNCT = re.compile(r"[^\w\sñáéíóú']")


@dataclass(frozen=True, slots=True)
class CrisisState:
    mode: Mode = "none"
    step: int = 0
    language: str = "en"
    incident_number: str | None = None
    answers: dict[str, str] = field(default_factory=dict)


NO_CRISIS = CrisisState()

Outcome = Literal["", "check_passed", "check_failed", "plan_saved", "plan_declined", "unclear"]


@dataclass(frozen=True, slots=True)
class Step:
    state: CrisisState
    replies: tuple[str, ...]
    outcome: Outcome = ""
    plan: dict[str, str] | None = None
    """Set when a safety plan is complete (or stopped early) and must be saved."""


def yes_no(text: str) -> bool | None:
    """True for yes, False for no, None when the answer is neither."""
    words = _PUNCT.sub(" ", text.lower()).split()
    if not words:
        return None
    if words[0] in _NO_WORDS or "not" in words[:3] or "no" in words[:2]:
        return False
    if words[0] in _YES_WORDS or text.strip().lower() in {
        "i am",
        "i'm safe",
        "im safe",
        "i am safe",
    }:
        return True
    return None


def start_check(state: CrisisState, incident_number: str | None, language: str) -> CrisisState:
    return replace(state, mode="check", step=0, language=language, incident_number=incident_number)


def offer_plan(state: CrisisState, language: str) -> CrisisState:
    return replace(state, mode="offer_plan", step=0, language=language)


def advance(state: CrisisState, text: str, resources: Resources) -> Step:
    """The person answered while in a crisis mode: the next state and replies."""
    lang = state.language

    def say(*keys: str) -> tuple[str, ...]:
        return tuple(resources.text(lang, key) for key in keys)

    if state.mode == "check":
        answer = yes_no(text)
        if answer is None:
            return Step(state, say("check_unclear", CHECK_STEPS[state.step]), "unclear")
        if answer is False:
            return Step(
                replace(state, step=0),
                say("check_not_safe", "lifeline_options", "hold"),
                "check_failed",
            )
        if state.step + 1 < len(CHECK_STEPS):
            following = replace(state, step=state.step + 1)
            return Step(following, say(CHECK_STEPS[following.step]))
        return Step(NO_CRISIS, say("check_passed"), "check_passed")

    if state.mode == "offer_plan":
        answer = yes_no(text)
        if answer is None:
            return Step(state, say("check_unclear", "offer_plan"), "unclear")
        if answer is False:
            return Step(NO_CRISIS, say("plan_declined"), "plan_declined")
        plan_state = replace(state, mode="plan", step=0, answers={})
        return Step(plan_state, say("plan_intro", "plan_" + PLAN_STEPS[0]))

    if state.mode == "plan":
        words = set(_PUNCT.sub(" ", text.lower()).split())
        if words & _STOP and len(words) <= 3:
            return _finish_plan(state, resources)
        answers = dict(state.answers)
        if not (words & _SKIP and len(words) <= 2):
            answers[PLAN_STEPS[state.step]] = text.strip()
        following = replace(state, step=state.step + 1, answers=answers)
        if following.step >= len(PLAN_STEPS):
            return _finish_plan(following, resources)
        return Step(following, say("plan_" + PLAN_STEPS[following.step]))

    return Step(state, ())


def _finish_plan(state: CrisisState, resources: Resources) -> Step:
    plan = dict(state.answers)
    return Step(NO_CRISIS, (resources.text(state.language, "plan_saved"),), "plan_saved", plan)


def render_plan(plan: dict[str, str], resources: Resources, language: str) -> str:
    """The saved plan as one message, 988 always on it."""
    labels = resources.plan_labels(language)
    empty = resources.text(language, "plan_empty")
    lines = [resources.text(language, "plan_header") + ":"]
    for key in PLAN_STEPS:
        value = plan.get(key) or empty
        if key == "professionals":
            value = f"{value}; 988 (call or text)" if plan.get(key) else "988 (call or text)"
        lines.append(f"{labels[key]}: {value}")
    return "\n".join(lines)
