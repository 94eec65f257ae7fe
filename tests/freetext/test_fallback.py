"""The templated reply used when the model cannot answer: reflective, never an echo."""

from __future__ import annotations

import pytest

from bot.freetext import fallback_reply


@pytest.mark.parametrize(
    ("user_text", "reflection", "exercise"),
    [
        ("I'm so anxious about the exam tomorrow", "anxious or on edge", "box breathing"),
        ("Everything is too much and I'm stressed out", "overwhelmed", "5-4-3-2-1 grounding"),
        ("I've felt really down all week", "low", "mood check-in"),
        ("I feel so lonely since I moved", "lonely", "behavioural activation"),
        ("I'm useless, I mess everything up", "hard on yourself", "thought record"),
        ("I\u2019m exhausted and can\u2019t sleep", "worn out", "mood check-in"),
        ("I'm furious with my brother", "frustrated", "thought record"),
    ],
)
def test_the_fallback_reflects_the_feeling_named_and_offers_a_fitting_exercise(
    user_text: str, reflection: str, exercise: str
) -> None:
    reply = fallback_reply(user_text)

    assert f"you're {reflection}" in reply or f"you're being really {reflection}" in reply
    assert exercise in reply
    assert reply.endswith("?")


def test_a_negated_feeling_is_not_reflected() -> None:
    reply = fallback_reply("I'm not anxious, I just want to talk about my week")

    assert "anxious" not in reply
    assert reply.endswith("?")


def test_without_a_named_feeling_the_fallback_invites_more() -> None:
    reply = fallback_reply("my landlord sent another letter about the flat")

    assert "listening" in reply
    assert "automated assistant" in reply
    assert reply.endswith("?")


def test_the_fallback_never_repeats_the_persons_words() -> None:
    user_text = "Dave at 14 Elm Street keeps sending me threats and I'm scared"

    reply = fallback_reply(user_text)

    assert "Dave" not in reply and "Elm" not in reply and "threats" not in reply
    assert "anxious or on edge" in reply
