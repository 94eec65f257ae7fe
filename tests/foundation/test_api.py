"""The gateway API against the real Rasa server, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import uuid

import pytest
from websockets.sync.client import connect

from tests.stackctl import Stack

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

PROBLEM_FIELDS = {"type", "title", "status", "code", "detail"}


def test_health_reports_every_component_up(stack: Stack) -> None:
    response = stack.client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "up"
    assert {name: c["status"] for name, c in body["components"].items()} == {
        "database": "up",
        "rasa": "up",
        "actions": "up",
    }


def test_openapi_schema_lists_the_versioned_routes(stack: Stack) -> None:
    schema = stack.client.get("/schema/openapi.json").json()
    assert "/v1/sessions" in schema["paths"]
    assert "/v1/sessions/{session_id}/messages" in schema["paths"]
    assert "/health" in schema["paths"]
    assert not any(path.startswith("/internal") for path in schema["paths"])


def test_a_session_is_created_with_a_fresh_id(stack: Stack) -> None:
    first, second = stack.new_session(), stack.new_session()
    assert uuid.UUID(first) and uuid.UUID(second) and first != second


def test_minimal_conversation(stack: Stack) -> None:
    session = stack.new_session()

    greeting = stack.say(session, "hi")
    assert greeting["crisis"] is None
    [hello] = greeting["messages"]
    assert "automated assistant" in hello["text"]
    assert hello["buttons"] == [{"title": "What can you do?", "payload": "/ask_capabilities"}]

    menu = stack.say(session, "What can you do?", payload="/ask_capabilities")
    assert "check in on your mood" in menu["messages"][0]["text"]
    assert "988" in menu["messages"][0]["text"]

    other = stack.say(session, "can you order me a pizza")
    assert "not able to help with that" in other["messages"][0]["text"]

    bye = stack.say(session, "bye")
    assert bye["messages"][0]["text"].startswith("Take care")

    back = stack.say(session, "hello")
    assert back["messages"][0]["text"].startswith("Welcome back")


def test_history_is_returned_decrypted_and_in_order(stack: Stack) -> None:
    session = stack.new_session()
    stack.say(session, "hi")
    stack.say(session, "what can you do")
    history = stack.history(session)
    assert [(m["direction"], m["text"][:10]) for m in history] == [
        ("in", "hi"),
        ("out", "Hi, I'm Ha"),
        ("in", "what can y"),
        ("out", "Here is wh"),
    ]
    assert all(m["created_at"].endswith(("+00:00", "Z")) for m in history)


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b'{"text": ""}', 400, "empty_text"),
        (b'{"text": "   \\n "}', 400, "empty_text"),
        (json.dumps({"text": "x" * 2001}).encode(), 413, "text_too_long"),
        (b'{"text": ', 400, "invalid_json"),
        (b"not json at all", 400, "invalid_json"),
        (b'{"text": "\xff\xfe hello"}', 400, "not_utf8"),
        (b'{"message": "hi"}', 400, "invalid_request"),
        (b'{"text": 42}', 400, "invalid_request"),
        (b'{"text": "hi", "payload": "rm -rf /"}', 400, "invalid_payload"),
    ],
)
def test_bad_input_gets_a_clear_4xx_and_stores_nothing(
    stack: Stack, body: bytes, status: int, code: str
) -> None:
    session = stack.new_session()
    response = stack.client.post(
        f"/v1/sessions/{session}/messages",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert set(problem) == PROBLEM_FIELDS
    assert problem["code"] == code and problem["status"] == status
    assert stack.history(session) == []


def test_unknown_session_is_404_for_send_and_history(stack: Stack) -> None:
    missing = str(uuid.uuid4())
    sent = stack.client.post(f"/v1/sessions/{missing}/messages", json={"text": "hi"})
    read = stack.client.get(f"/v1/sessions/{missing}/messages")
    assert (sent.status_code, sent.json()["code"]) == (404, "unknown_session")
    assert (read.status_code, read.json()["code"]) == (404, "unknown_session")


def test_oversized_body_is_rejected(stack: Stack) -> None:
    session = stack.new_session()
    response = stack.client.post(
        f"/v1/sessions/{session}/messages",
        content=json.dumps({"text": "a" * 200_000}).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_action_endpoint_refuses_calls_without_rasas_token(stack: Stack) -> None:
    call = {"next_action": "action_core_greet", "sender_id": "x", "tracker": {}}
    assert stack.client.post("/internal/rasa/webhook", json=call).status_code == 403
    wrong = stack.client.post("/internal/rasa/webhook", params={"token": "nope"}, json=call)
    assert wrong.status_code == 403


def _ws_url(stack: Stack, session: str) -> str:
    return f"ws://{stack.settings.host}:{stack.settings.port}/v1/sessions/{session}/stream"


def test_websocket_carries_the_same_turns(stack: Stack) -> None:
    session = stack.new_session()
    with connect(_ws_url(stack, session), open_timeout=10) as ws:
        ws.send(json.dumps({"text": "hi"}))
        turn = json.loads(ws.recv(timeout=30))
        assert turn["event"] == "turn"
        assert "automated assistant" in turn["messages"][0]["text"]

        ws.send("{not json")
        error = json.loads(ws.recv(timeout=10))
        assert (error["event"], error["code"], error["status"]) == ("error", "invalid_json", 400)

        ws.send(json.dumps({"text": ""}))
        assert json.loads(ws.recv(timeout=10))["code"] == "empty_text"

        ws.send(json.dumps({"text": "what can you do"}))
        assert "check in on your mood" in json.loads(ws.recv(timeout=30))["messages"][0]["text"]
    texts = [m["text"] for m in stack.history(session) if m["direction"] == "in"]
    assert texts == ["hi", "what can you do"]


def test_websocket_to_an_unknown_session_is_closed_with_4404(stack: Stack) -> None:
    with connect(_ws_url(stack, str(uuid.uuid4())), open_timeout=10) as ws:
        frame = json.loads(ws.recv(timeout=10))
        assert frame["code"] == "unknown_session"
        with pytest.raises(Exception):
            ws.recv(timeout=10)
        assert ws.close_code == 4404
