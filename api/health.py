"""`GET /health`: the state of each component; 200 only when every one is up."""

from __future__ import annotations

import anyio
import msgspec
from litestar import Response, get
from litestar.di import NamedDependency

from bot.actionserver import ActionRegistry
from haven.dialogue import DialogueUnavailable, RasaClient
from haven.storage import MessageStore, StorageUnavailable


class Component(msgspec.Struct):
    status: str
    """`up` or `down`."""
    detail: str = ""


class Health(msgspec.Struct):
    status: str
    components: dict[str, Component]


@get("/health", tags=["health"], summary="Component health")
async def health(
    store: NamedDependency[MessageStore],
    rasa: NamedDependency[RasaClient],
    actions: NamedDependency[ActionRegistry],
) -> Response[Health]:
    components = {
        "database": await _database(store),
        "rasa": await _rasa(rasa),
        "actions": await _actions(rasa, actions),
    }
    healthy = all(c.status == "up" for c in components.values())
    body = Health("up" if healthy else "down", components)
    return Response(body, status_code=200 if healthy else 503)


async def _database(store: MessageStore) -> Component:
    try:
        with anyio.fail_after(5):
            await anyio.to_thread.run_sync(store.ping)
    except (StorageUnavailable, TimeoutError):
        return Component("down", "database unreachable")
    return Component("up")


async def _rasa(rasa: RasaClient) -> Component:
    try:
        status = await rasa.status()
    except DialogueUnavailable:
        return Component("down", "rasa unreachable")
    if not status.get("model_id"):
        return Component("down", "rasa has no model loaded")
    return Component("up", f"model {status['model_id']}")


async def _actions(rasa: RasaClient, actions: ActionRegistry) -> Component:
    try:
        expected = await rasa.custom_actions()
    except DialogueUnavailable:
        return Component("down", "cannot read the domain's actions from rasa")
    missing = sorted(set(expected) - set(actions.names()))
    if missing:
        return Component("down", f"not served: {', '.join(missing)}")
    return Component("up", f"{len(expected)} custom actions served")
