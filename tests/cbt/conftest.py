"""CBT fixtures: real stores on SQLite and PostgreSQL, and trackers as Rasa sends them."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from bot.actions import build_registry
from bot.actionserver import ActionContext, Tracker
from bot.cbt.stores import CbtStores
from haven.crypto import Keyring
from haven.storage import MessageStore, create_engine_for, upgrade_schema
from tests.stackctl import postgres_database


class Crisis:
    """Records escalations; stands in for Haven's crisis gate in action tests."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str, tuple[str, ...]]] = []

    async def escalate(
        self, session_id: str, label: str, tier: str, evidence: tuple[str, ...]
    ) -> list[str]:
        self.calls.append((session_id, label, tier, evidence))
        return ["crisis message one", "crisis message two (988)"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """One migrated database of each backend per test module; each test has its own session."""
    if request.param == "postgresql":
        context: contextlib.AbstractContextManager[str] = postgres_database()
    else:
        path = tmp_path_factory.mktemp("cbt") / "haven.db"
        context = contextlib.nullcontext(f"sqlite:///{path}")
    with context as url:
        upgrade_schema(url)
        engine = create_engine_for(url)
        yield engine
        engine.dispose()


@pytest.fixture(scope="module")
def keyring(tmp_path_factory: pytest.TempPathFactory) -> Keyring:
    path = tmp_path_factory.mktemp("keys") / "keys.json"
    keyring, _ = Keyring.load_or_create(path, allow_create=True)
    return keyring


@pytest.fixture
def messages(engine: Engine, keyring: Keyring) -> MessageStore:
    return MessageStore(engine, keyring)


@pytest.fixture
def cbt(engine: Engine, keyring: Keyring) -> CbtStores:
    return CbtStores.build(engine, keyring)


@pytest.fixture
def crisis() -> Crisis:
    return Crisis()


@pytest.fixture
def context(messages: MessageStore, cbt: CbtStores, crisis: Crisis) -> ActionContext:
    return ActionContext(messages=messages, cbt=cbt, crisis=crisis)


@pytest.fixture
def session(messages: MessageStore) -> str:
    return messages.create_session("web")


def tracker(
    sender: str,
    slots: dict[str, Any] | None = None,
    text: str = "",
    intent: str = "inform",
    candidates: dict[str, Any] | None = None,
    loop: str | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> Tracker:
    """A tracker as Rasa sends it; `candidates` are this turn's extracted slots (the trailing
    `slot` events Rasa appends before calling `validate_<form>`)."""
    slots = dict(slots or {})
    latest = {"text": text, "intent": {"name": intent}, "entities": entities or []}
    events: list[dict[str, Any]] = [
        {"event": "user", "text": text, "parse_data": latest},
        {"event": "action", "name": loop or "action_listen"},
    ]
    for name, value in (candidates or {}).items():
        events.append({"event": "slot", "name": name, "value": value})
        slots[name] = value
    return Tracker.from_rasa(
        sender,
        {
            "slots": slots,
            "latest_message": latest,
            "events": events,
            "active_loop": {"name": loop} if loop else {},
        },
    )


REGISTRY = build_registry()


async def run(name: str, t: Tracker, context: ActionContext) -> tuple[list[Any], list[Any]]:
    """One call of Rasa's action-server protocol: the events and responses Rasa receives."""
    call = {
        "next_action": name,
        "sender_id": t.sender_id,
        "tracker": {
            "sender_id": t.sender_id,
            "slots": dict(t.slots),
            "latest_message": dict(t.latest_message),
            "events": list(t.events),
            "active_loop": dict(t.active_loop),
        },
        "version": "3.6.21",
    }
    result = await REGISTRY.run(call, context)
    return result["events"], result["responses"]


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}
