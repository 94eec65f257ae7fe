"""HTTP handlers for chat sessions. Each declares typed inputs, calls one service, returns a
typed object; errors are turned into responses in `api.errors`."""

from __future__ import annotations

import anyio
from litestar import Controller, get, post
from litestar.di import NamedDependency

from api.sessions.schemas import (
    HistoryOut,
    MessageIn,
    SessionCreated,
    TurnOut,
    history_out,
    turn_out,
)
from haven.pipeline import Inbound, TurnPipeline
from haven.storage import MessageStore


class SessionController(Controller):
    path = "/v1/sessions"
    tags = ["sessions"]

    @post("/", status_code=201, summary="Start an anonymous chat session")
    async def create_session(self, store: NamedDependency[MessageStore]) -> SessionCreated:
        session_id = await anyio.to_thread.run_sync(store.create_session, "web")
        return SessionCreated(session_id)

    @post("/{session_id:str}/messages", status_code=200, summary="Send a message; get the replies")
    async def send_message(
        self,
        session_id: str,
        data: MessageIn,
        pipeline: NamedDependency[TurnPipeline],
    ) -> TurnOut:
        result = await pipeline.handle(Inbound(session_id, data.text, data.payload, "web"))
        return turn_out(result)

    @get("/{session_id:str}/messages", summary="The session's history, decrypted")
    async def history(self, session_id: str, store: NamedDependency[MessageStore]) -> HistoryOut:
        items = await anyio.to_thread.run_sync(store.history, session_id)
        return history_out(session_id, items)
