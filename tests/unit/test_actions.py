"""Custom actions, run through the action-server protocol with a real store (SQLite and
PostgreSQL): the exact events and responses Rasa receives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.actions import build_registry
from bot.actionserver import ActionContext, ActionRegistry, UnknownAction
from haven.crypto import Keyring
from haven.storage import ChatMessage, MessageStore, create_engine_for, upgrade_schema


@pytest.fixture
def store(database_url: str, tmp_path: Path) -> Iterator[MessageStore]:
    upgrade_schema(database_url)
    engine = create_engine_for(database_url)
    keyring, _ = Keyring.load_or_create(tmp_path / "keys.json", allow_create=True)
    yield MessageStore(engine, keyring)
    engine.dispose()


def _call(action: str, sender: str) -> dict[str, object]:
    return {
        "next_action": action,
        "sender_id": sender,
        "tracker": {
            "sender_id": sender,
            "slots": {},
            "latest_message": {"text": "hi", "intent": {"name": "greet", "confidence": 0.99}},
            "events": [],
        },
        "domain": {},
        "version": "3.6.21",
    }


@pytest.fixture
def registry() -> ActionRegistry:
    return build_registry()


async def test_greet_a_first_time_visitor(registry: ActionRegistry, store: MessageStore) -> None:
    session = store.create_session("web")
    store.append(session, "in", [ChatMessage("hi")])
    result = await registry.run(_call("action_core_greet", session), ActionContext(messages=store))
    assert result == {"events": [], "responses": [{"response": "utter_core_greet"}]}


async def test_greet_a_returning_visitor(registry: ActionRegistry, store: MessageStore) -> None:
    session = store.create_session("web")
    store.append(session, "in", [ChatMessage("hi")])
    store.append(session, "in", [ChatMessage("hello again")])
    result = await registry.run(_call("action_core_greet", session), ActionContext(messages=store))
    assert result["responses"] == [{"response": "utter_core_greet_returning"}]


async def test_unknown_action_is_refused(registry: ActionRegistry, store: MessageStore) -> None:
    with pytest.raises(UnknownAction):
        await registry.run(_call("action_does_not_exist", "x"), ActionContext(messages=store))


def test_every_custom_action_in_the_domain_is_registered(registry: ActionRegistry) -> None:
    import yaml

    domain_actions: set[str] = set()
    for path in (Path(__file__).resolve().parents[2] / "bot" / "flows").rglob("*.yml"):
        domain_actions |= {
            a
            for a in (yaml.safe_load(path.read_text()) or {}).get("actions", [])
            if isinstance(a, str)
        }
    assert domain_actions <= set(registry.names())
