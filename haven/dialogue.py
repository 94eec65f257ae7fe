"""Rasa, reached over HTTP: the REST channel for turns, the token-protected API for status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from haven.config import RasaSettings
from haven.storage import ChatMessage
from haven.storage.messages import Button

FREETEXT_HANDOFF = {"haven": "freetext"}
"""The custom payload of `action_freetext_handoff` (bot/freetext/handoff.py)."""


class DialogueUnavailable(Exception):
    """Rasa did not answer in time or answered with an error."""


@dataclass(frozen=True, slots=True)
class DialogueReply:
    messages: list[ChatMessage]
    freetext: bool = False
    """Rasa handed this turn to the local language model (`action_freetext_handoff`)."""


class RasaClient:
    def __init__(self, settings: RasaSettings, client: httpx.AsyncClient) -> None:
        self._settings = settings
        self._client = client

    async def respond(self, sender_id: str, text: str) -> DialogueReply:
        """Send one user message to Rasa and return what the bot says back."""
        try:
            response = await self._client.post(
                f"{self._settings.url}/webhooks/rest/webhook",
                json={"sender": sender_id, "message": text},
                timeout=self._settings.timeout_s,
            )
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise DialogueUnavailable(type(exc).__name__) from exc
        if not isinstance(body, list):
            raise DialogueUnavailable("unexpected response shape")
        handoff = any(
            isinstance(item, dict) and item.get("custom") == FREETEXT_HANDOFF for item in body
        )
        messages = [m for m in (_to_message(item) for item in body) if m is not None]
        return DialogueReply(messages, freetext=handoff)

    async def status(self) -> dict[str, Any]:
        """Rasa's `/status` (needs the auth token); raises DialogueUnavailable when down."""
        return await self._api_get("/status")

    async def custom_actions(self) -> list[str]:
        """The custom actions the loaded model's domain expects an action server to run."""
        domain = await self._api_get("/domain")
        return [
            name
            for name in domain.get("actions", [])
            if isinstance(name, str) and name.startswith(("action_", "validate_"))
        ]

    async def _api_get(self, path: str) -> dict[str, Any]:
        try:
            response = await self._client.get(
                f"{self._settings.url}{path}",
                params={"token": self._settings.auth_token.get()},
                headers={"Accept": "application/json"},
                timeout=5.0,
            )
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise DialogueUnavailable(type(exc).__name__) from exc
        if not isinstance(body, dict):
            raise DialogueUnavailable("unexpected response shape")
        return body


def _to_message(item: Any) -> ChatMessage | None:
    if not isinstance(item, dict) or not item.get("text"):
        return None
    buttons: Sequence[Any] = item.get("buttons") or ()
    return ChatMessage(
        str(item["text"]),
        tuple(
            Button(str(b.get("title", "")), str(b.get("payload", "")))
            for b in buttons
            if isinstance(b, dict)
        ),
    )
