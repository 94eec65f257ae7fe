"""A conversation survives a restart of every process; nothing is lost while Rasa is down."""

from __future__ import annotations

import httpx
import pytest

from tests.stackctl import Stack

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def _rasa_user_texts(stack: Stack, session: str) -> list[str]:
    tracker = httpx.get(
        f"{stack.settings.rasa.url}/conversations/{session}/tracker",
        params={"token": stack.settings.rasa.auth_token.get()},
        timeout=30,
    ).json()
    return [e["text"] for e in tracker["events"] if e["event"] == "user"]


def test_conversation_survives_restart_of_every_process(stack: Stack) -> None:
    session = stack.new_session()
    stack.say(session, "hi")
    stack.say(session, "what can you do")

    stack.stop_gateway()
    stack.stop_rasa()
    stack.start_gateway()
    stack.start_rasa()

    assert [m["text"] for m in stack.history(session) if m["direction"] == "in"] == [
        "hi",
        "what can you do",
    ]
    assert _rasa_user_texts(stack, session) == ["hi", "what can you do"]
    assert stack.say(session, "hey")["messages"][0]["text"].startswith("Welcome back")
    assert stack.client.get("/health").status_code == 200


def test_with_rasa_down_the_turn_is_kept_and_answered_with_988(stack: Stack) -> None:
    session = stack.new_session()
    stack.stop_rasa()
    try:
        health = stack.client.get("/health")
        assert health.status_code == 503
        assert health.json()["components"]["rasa"]["status"] == "down"
        assert health.json()["components"]["database"]["status"] == "up"

        reply = stack.say(session, "is anyone there")
        assert "988" in reply["messages"][0]["text"]
    finally:
        stack.start_rasa()
    history = stack.history(session)
    assert [m["direction"] for m in history] == ["in", "out"]
    assert history[0]["text"] == "is anyone there"
