"""CBT flows end to end: the real gateway and Rasa server, on SQLite and PostgreSQL. What a
person sees (replies, buttons, history), and what is stored (results per item, sealed)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from bot.cbt.stores import CbtStores
from bot.crisis.response import Resources
from haven.runtime import load_keyring
from tests.foundation.test_encryption_at_rest import _all_stored_bytes
from tests.stackctl import Stack

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

OPTION = '/inform{{"choice":"{}"}}'


@pytest.fixture
def stores(stack: Stack) -> Iterator[CbtStores]:
    """The same stores the gateway uses, on its database and keyring."""
    engine = stack.engine()
    yield CbtStores.build(engine, load_keyring(stack.settings))
    engine.dispose()


def dialogue(reply: dict[str, Any]) -> list[dict[str, Any]]:
    """The dialogue's messages. Under heavy load the crisis gate fails closed and puts its
    resources and a review notice first; those are the crisis layer's, not the flow's."""
    messages = list(reply["messages"])
    notice = Resources.load().text("en", "review_notice")
    for index, message in enumerate(messages):
        if reply.get("crisis") and message["text"] == notice:
            return messages[index + 1 :]
    return messages


def texts(reply: dict[str, Any]) -> list[str]:
    return [m["text"] for m in dialogue(reply)]


def press(stack: Stack, session: str, reply: dict[str, Any], title_start: str) -> dict[str, Any]:
    """Press the button of the last message whose title starts with `title_start`."""
    [button] = [b for b in dialogue(reply)[-1]["buttons"] if b["title"].startswith(title_start)]
    return stack.say(session, button["title"], payload=button["payload"])


def stored_bytes(stack: Stack) -> bytes:
    engine = stack.engine()
    try:
        return _all_stored_bytes(engine)
    finally:
        engine.dispose()


def test_a_whole_phq9_with_its_score_band_and_stored_items(stack: Stack, stores: CbtStores) -> None:
    session = stack.new_session()
    reply = stack.say(session, "I'd like to do the PHQ-9")
    intro, first = dialogue(reply)
    assert intro["text"].startswith("This is the PHQ")
    assert first["text"].startswith("PHQ-9, question 1 of 9. Over the last 2 weeks")
    assert first["text"].endswith("Little interest or pleasure in doing things")
    assert [b["title"] for b in first["buttons"]] == [
        "0 Not at all",
        "1 Several days",
        "2 More than half the days",
        "3 Nearly every day",
    ]
    answers = [2, 2, 1, 3, 1, 1, 2, 0]  # items 1-8 by button
    for item, answer in enumerate(answers, start=1):
        reply = press(stack, session, reply, str(answer))
        if item < 8:
            assert texts(reply)[-1].startswith(f"PHQ-9, question {item + 1} of 9.")
    assert texts(reply)[-1].endswith(
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    reply = stack.say(session, "not at all")
    assert texts(reply) == [
        "Your PHQ-9 score is 12 out of 27, which is in the moderate range.",
        "Please remember this is a screening, not a diagnosis: only a qualified professional "
        "can diagnose.",
        texts(reply)[2],
    ]
    assert "talking over with a doctor or a mental health professional" in texts(reply)[2]
    [result] = stores.questionnaires.results(session)
    assert (result.form, result.total, result.band, result.outcome) == (
        "PHQ-9",
        12,
        "moderate",
        "scored",
    )
    assert result.version == "PHQ-9 en-US (Pfizer, 1999)"
    assert result.answers == {**dict(enumerate(answers, start=1)), 9: 0}


def test_phq9_item_9_above_zero_goes_to_the_crisis_path(stack: Stack, stores: CbtStores) -> None:
    session = stack.new_session()
    reply = stack.say(session, "phq-9")
    for _ in range(8):
        reply = press(stack, session, reply, "0")
    reply = press(stack, session, reply, "1")
    said = " ".join(texts(reply))
    assert "988" in said
    assert "score" not in said
    [result] = stores.questionnaires.results(session)
    assert (result.outcome, result.answers[9]) == ("crisis", 1)


def test_invalid_answers_are_re_asked_never_scored(stack: Stack, stores: CbtStores) -> None:
    session = stack.new_session()
    reply = stack.say(session, "check in")
    assert texts(reply)[-1].startswith("How is your mood right now, from 0")
    for bad in ("eleven", "-1", "idk", "🙂"):
        reply = stack.say(session, bad)
        assert texts(reply) == [
            "I need a whole number from 0 to 10, like 4 or 7.",
            "How is your mood right now, from 0 (the worst) to 10 (the best)?",
        ], bad
    reply = stack.say(session, "depression questionnaire")
    assert texts(reply)[0] == (
        'I\'ve paused your mood check-in. Say "resume" whenever you want to pick it up again.'
    )
    reply = stack.say(session, "4")
    assert texts(reply)[0].startswith("Please answer with one of the four options")
    assert texts(reply)[1].startswith("PHQ-2, question 1 of 2.")
    assert stores.mood.recent(session) == []
    assert stores.questionnaires.results(session) == []


def test_mood_check_in_reflects_the_trend(stack: Stack, stores: CbtStores) -> None:
    session = stack.new_session()
    now = datetime.now(UTC)
    for days, rating in ((12, 2), (10, 3), (8, 4)):
        stores.mood.add(session, rating, at=now - timedelta(days=days))
    stores.mood.add(session, 4, at=now - timedelta(days=2))
    reply = stack.say(session, "log my mood")
    reply = press(stack, session, reply, "6")
    assert texts(reply)[-1].startswith("Which words fit how you feel?")
    reply = stack.say(session, "tired, hopeful")
    reply = press(stack, session, reply, "Skip")
    assert texts(reply) == [
        "Thanks for checking in. I've noted 6 out of 10.",
        "Your average this week is 5.0, up from 3.0 last week.",
    ]
    latest = stores.mood.recent(session)[0]
    assert (latest.rating, latest.emotions, latest.note) == (6, ("tired", "hopeful"), "")


def test_a_thought_record_is_saved_sealed_and_listed(stack: Stack) -> None:
    session = stack.new_session()
    marker = f"Quarterly-review-{uuid.uuid4().hex[:8]}"
    reply = stack.say(session, "start a thought record")
    assert texts(reply)[-1].startswith("What was the situation?")
    for answer in (
        f"{marker} meeting where my manager questioned my numbers",
        "They think I am bad at my job",
        "anxious",
        "80",
    ):
        reply = stack.say(session, answer)
    assert "1. All-or-nothing thinking:" in texts(reply)[-1]
    assert len(dialogue(reply)[-1]["buttons"]) == 12
    for answer in (
        "3, 6",
        "One figure was wrong",
        "My last two reviews were good",
        "One question about numbers is normal in a review",
        "40",
    ):
        reply = stack.say(session, answer)
    assert texts(reply) == [
        'Saved. Your feeling (anxious) went from 80 to 40. Say "show my thought records" '
        "any time to look back."
    ]
    listed = stack.say(session, "show my thought records")
    assert texts(listed)[0] == "Your 1 most recent thought records:"
    assert marker in texts(listed)[1]
    assert "Thinking traps: Mind reading, Labelling" in texts(listed)[1]
    assert marker.encode() not in stored_bytes(stack)


def test_box_breathing_is_paced_over_several_messages(stack: Stack) -> None:
    session = stack.new_session()
    reply = stack.say(session, "box breathing")
    assert texts(reply)[0].startswith("Let's do box breathing: in for 4, hold for 4")
    assert texts(reply)[1].startswith("Round 1 of 3.")
    reply = press(stack, session, reply, "Next")
    assert texts(reply) == [texts(reply)[0]] and texts(reply)[0].startswith("Round 2 of 3.")
    reply = stack.say(session, "next")
    assert texts(reply)[0].startswith("Round 3 of 3.")
    reply = stack.say(session, "done")
    assert texts(reply)[0].startswith("Well done: three rounds of box breathing.")


def test_stop_mid_questionnaire_then_menu_then_resume(stack: Stack, stores: CbtStores) -> None:
    session = stack.new_session()
    reply = stack.say(session, "depression questionnaire")
    reply = press(stack, session, reply, "2")
    assert texts(reply)[-1].startswith("PHQ-2, question 2 of 2.")
    reply = stack.say(session, "stop")
    assert texts(reply) == [
        'I\'ve paused your mood questionnaire. Say "resume" whenever you want to pick it up again.'
    ]
    menu = stack.say(session, "menu")
    assert texts(menu)[0].startswith("Here is what I can do")
    assert {"title": "Thought record", "payload": "/start_thought_record"} in dialogue(menu)[0][
        "buttons"
    ]
    reply = stack.say(session, "resume")
    assert texts(reply) == [
        "Let's pick up your mood questionnaire where you left off.",
        texts(reply)[1],
    ]
    assert texts(reply)[1].startswith("PHQ-2, question 2 of 2.")
    reply = stack.say(session, "several days")
    assert texts(reply)[0].startswith("Thank you. Your PHQ-2 answers suggest")
    assert texts(reply)[1].startswith("PHQ-9, question 3 of 9.")
    assert stores.questionnaires.results(session) == []


def _wait_for(stack: Stack, session: str, prefix: str, timeout_s: float = 20) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for message in stack.history(session):
            if message["direction"] == "out" and message["text"].startswith(prefix):
                return message
        time.sleep(0.5)
    raise AssertionError(f"no message starting {prefix!r} within {timeout_s} s")


def test_an_activity_is_planned_reminded_and_followed_up(stack: Stack, stores: CbtStores) -> None:
    session = stack.new_session()
    reply = stack.say(session, "plan an activity")
    reply = press(stack, session, reply, "Go for a walk")
    assert texts(reply)[-1].startswith("When will you do it?")
    reply = stack.say(session, "at 25pm")
    assert texts(reply)[0].startswith("I couldn't read that as a time")
    reply = stack.say(session, "in 2 hours")
    assert texts(reply)[0].startswith("Planned: Go for a walk, ")
    assert "I'll send you a reminder then" in texts(reply)[0]

    # The scheduler in the gateway sends what falls due: plan one a few seconds ahead.
    now = datetime.now(UTC)
    stores.activities.plan(
        session, "stretch for five minutes", now + timedelta(seconds=2), now + timedelta(seconds=4)
    )
    reminder = _wait_for(stack, session, "Reminder: it's time for what you planned")
    assert "stretch for five minutes" in reminder["text"]
    follow_up = _wait_for(stack, session, "Earlier you planned: stretch for five minutes.")
    assert [b["payload"] for b in follow_up["buttons"]] == [
        "/activation_done",
        "/activation_missed",
    ]

    reply = stack.say(session, "Yes, I did it", payload="/activation_done")
    assert texts(reply) == ["How did your mood change?"]
    reply = press(stack, session, reply, "Better")
    assert (
        texts(reply)[0]
        == "Well done for doing it (stretch for five minutes). I've noted how it went."
    )
    engine = stack.engine()
    try:
        with engine.connect() as conn:
            [activity_id] = conn.execute(
                sa.text(
                    "SELECT id FROM cbt_activities WHERE session_id = :s AND outcome_at IS NOT NULL"
                ),
                {"s": session},
            ).scalars()
    finally:
        engine.dispose()
    outcome = stores.activities.get(activity_id)  # sealed: only the store opens it
    assert outcome is not None and (outcome.happened, outcome.mood_change) == (True, "better")
    assert b"stretch for five minutes" not in stored_bytes(stack)
