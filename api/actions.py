"""Rasa's action endpoint, served by the gateway (Rasa calls it with `?token=`)."""

from __future__ import annotations

import hmac
from typing import Any

from litestar import Request, Response, post
from litestar.di import NamedDependency

from bot.actionserver import ActionContext, ActionRegistry, ActionRejected, UnknownAction
from haven.config import Settings


@post(
    "/internal/rasa/webhook",
    include_in_schema=False,
    status_code=200,
    # Rasa sends the whole tracker with every call; it grows with the conversation.
    request_max_body_size=32 * 1024 * 1024,
)
async def rasa_action(
    request: Request[Any, Any, Any],
    settings: NamedDependency[Settings],
    actions: NamedDependency[ActionRegistry],
    action_context: NamedDependency[ActionContext],
) -> Response[dict[str, Any]]:
    token = request.query_params.get("token", "")
    expected = settings.rasa.actions_token.get()
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        return Response({"error": "forbidden"}, status_code=403)
    call = await request.json()
    if not isinstance(call, dict):
        return Response({"error": "expected a JSON object"}, status_code=400)
    name = str(call.get("next_action", ""))
    try:
        body = await actions.run(call, action_context)
    except UnknownAction:
        return Response({"action_name": name, "error": "no such action"}, status_code=404)
    except ActionRejected as exc:
        return Response({"action_name": name, "error": str(exc)}, status_code=400)
    return Response(body, status_code=200)
