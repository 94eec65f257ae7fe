"""Crisis mode's safety check and the safety plan, step by step."""

from __future__ import annotations

import pytest

from bot.crisis.response import Resources
from bot.crisis.safety import (
    NO_CRISIS,
    PLAN_STEPS,
    advance,
    offer_plan,
    render_plan,
    start_check,
    yes_no,
)


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load()


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes", True), ("Yeah.", True), ("y", True), ("sí", True), ("si", True), ("ok", True),
        ("I'm safe", True), ("yes I am", True),
        ("no", False), ("nope", False), ("not really", False), ("I'm not safe", False),
        ("no estoy", False),
        ("maybe", None), ("idk", None), ("🙂", None), ("", None), ("what?", None),
    ],
)
def test_yes_no(text: str, answer: bool | None) -> None:
    assert yes_no(text) is answer


def test_three_yes_answers_pass_the_check_and_lift_the_hold(resources: Resources) -> None:
    state = start_check(NO_CRISIS, "INC-1", "en")
    step = advance(state, "yes", resources)
    assert step.state.mode == "check" and step.replies == (resources.text("en", "check_means"),)
    step = advance(step.state, "yes", resources)
    assert step.replies == (resources.text("en", "check_person"),)
    step = advance(step.state, "yeah", resources)
    assert step.state == NO_CRISIS and step.outcome == "check_passed"


def test_a_no_keeps_the_hold_and_repeats_988(resources: Resources) -> None:
    state = start_check(NO_CRISIS, "INC-1", "en")
    step = advance(advance(state, "yes", resources).state, "no", resources)
    assert step.outcome == "check_failed" and step.state.mode == "check" and step.state.step == 0
    assert "988" in step.replies[0] and "911" in step.replies[0]


def test_an_unclear_answer_is_asked_again(resources: Resources) -> None:
    state = start_check(NO_CRISIS, None, "en")
    step = advance(state, "whatever", resources)
    assert step.state == state and step.outcome == "unclear"
    assert step.replies[-1] == resources.text("en", "check_safe")


def test_declining_the_plan_ends_crisis_mode(resources: Resources) -> None:
    step = advance(offer_plan(NO_CRISIS, "en"), "no thanks", resources)
    assert step.state == NO_CRISIS and step.outcome == "plan_declined"


def test_a_whole_safety_plan_with_a_skip(resources: Resources) -> None:
    step = advance(offer_plan(NO_CRISIS, "en"), "yes", resources)
    assert step.state.mode == "plan"
    answers = ["feeling numb, staying in bed", "skip", "my sister's place", "Sam 555-0101",
               "Dr Lee", "give my pills to my sister"]
    for answer in answers:
        step = advance(step.state, answer, resources)
    assert step.outcome == "plan_saved" and step.state == NO_CRISIS
    assert step.plan is not None
    assert set(step.plan) == set(PLAN_STEPS) - {"coping"}
    shown = render_plan(step.plan, resources, "en")
    assert "feeling numb" in shown and "(skipped)" in shown and "988" in shown


def test_stopping_early_saves_what_was_written(resources: Resources) -> None:
    step = advance(offer_plan(NO_CRISIS, "en"), "yes", resources)
    step = advance(step.state, "cant sleep", resources)
    step = advance(step.state, "stop", resources)
    assert step.outcome == "plan_saved" and step.plan == {"warning_signs": "cant sleep"}
