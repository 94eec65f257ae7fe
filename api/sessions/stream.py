"""The WebSocket channel: the same turns as the HTTP API, one JSON object per frame.

Client → server: `{"text": "...", "payload": null}`.
Server → client: `{"event": "turn", "messages": [...], "crisis": null}` per turn,
`{"event": "draft", "text": "..."}` while the local model writes a reply (sentence by
sentence; the `turn` frame that follows carries the screened final text, which replaces the
drafts), `{"event": "push", "messages": [...]}` for a message Haven starts (a reminder), or
`{"event": "error", ...problem fields...}` for a message that cannot be accepted (the socket
stays open). An unknown session gets an error frame and close code 4404.
"""

from __future__ import annotations

import msgspec
from litestar import WebSocket, websocket
from litestar.di import NamedDependency
from litestar.exceptions import WebSocketDisconnect

from api.errors import problem
from api.sessions.schemas import MessageIn, message_out, turn_out
from haven.delivery import DeliveryHub
from haven.pipeline import Draft, Inbound, MessageTooLong, TurnError, TurnPipeline
from haven.storage import MessageStore, StorageUnavailable, StoredMessage, UnknownSession

_decoder = msgspec.json.Decoder(MessageIn)


def _error_frame(status: int, code: str, detail: str) -> dict[str, object]:
    return {"event": "error", **problem(status, code, detail)}


@websocket("/v1/sessions/{session_id:str}/stream")
async def stream(
    socket: WebSocket,
    session_id: str,
    store: NamedDependency[MessageStore],
    pipeline: NamedDependency[TurnPipeline],
    delivery: NamedDependency[DeliveryHub],
) -> None:
    await socket.accept()
    if not store.session_exists(session_id):
        await socket.send_json(_error_frame(404, "unknown_session", "no chat session has this id"))
        await socket.close(code=4404)
        return

    async def push(stored: list[StoredMessage]) -> None:
        await socket.send_json(
            {"event": "push", "messages": [msgspec.to_builtins(message_out(m)) for m in stored]}
        )

    unsubscribe = delivery.subscribe(session_id, push)
    try:
        while True:
            event = await socket.receive()
            if event["type"] == "websocket.disconnect":
                return
            if event["type"] != "websocket.receive":
                continue  # ASGI sends nothing else once the socket is accepted
            raw = event.get("bytes") or (event.get("text") or "").encode("utf-8", "surrogatepass")

            async def draft(chunk: str) -> None:
                await socket.send_json({"event": "draft", "text": chunk})

            await socket.send_json(await _turn(pipeline, session_id, raw, draft))
    except WebSocketDisconnect:
        return
    finally:
        unsubscribe()


async def _turn(
    pipeline: TurnPipeline, session_id: str, raw: bytes, draft: Draft
) -> dict[str, object]:
    try:
        message = _decoder.decode(raw)
    except msgspec.DecodeError as exc:
        return _error_frame(400, "invalid_json", f"frame is not a valid message: {exc}")
    try:
        inbound = Inbound(session_id, message.text, message.payload, "web")
        result = await pipeline.handle(inbound, on_draft=draft)
    except MessageTooLong as exc:
        return _error_frame(413, exc.code, exc.detail)
    except TurnError as exc:
        return _error_frame(400, exc.code, exc.detail)
    except UnknownSession:
        return _error_frame(404, "unknown_session", "no chat session has this id")
    except StorageUnavailable:
        return _error_frame(503, "storage_unavailable", "storage is unavailable; try again")
    return {"event": "turn", **msgspec.to_builtins(turn_out(result))}
