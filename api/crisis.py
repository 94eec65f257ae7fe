"""Staff routes for the crisis layer: lift a session's crisis hold, list its flags."""

from __future__ import annotations

from datetime import datetime

import anyio
import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency

from bot.crisis.gate import CrisisGate
from bot.crisis.store import CrisisStore
from haven.delivery import DeliveryHub


class FlagOut(msgspec.Struct):
    id: str
    direction: str
    label: str
    tier: str
    score: float
    incident_number: str | None
    resources_version: str
    created_at: datetime
    evidence: list[str]


class Resolved(msgspec.Struct):
    session_id: str
    mode: str


class CrisisController(Controller):
    """Guarded by the staff token (see api.app)."""

    path = "/v1/sessions/{session_id:str}/crisis"
    tags = ["crisis (staff)"]

    @post("/resolve", status_code=200, summary="A clinician lifts the session's crisis hold")
    async def resolve(
        self,
        session_id: str,
        crisis: NamedDependency[CrisisGate],
        delivery: NamedDependency[DeliveryHub],
    ) -> Resolved:
        message = await crisis.resolve(session_id)
        await delivery.deliver(session_id, [message])
        return Resolved(session_id, "none")

    @get("/flags", summary="Turns flagged for clinician review, with the evidence")
    async def flags(
        self, session_id: str, crisis_store: NamedDependency[CrisisStore]
    ) -> list[FlagOut]:
        flags = await anyio.to_thread.run_sync(crisis_store.flags, session_id)
        return [
            FlagOut(
                f.id,
                f.direction,
                f.label,
                f.tier,
                f.score,
                f.incident_number,
                f.resources_version,
                f.created_at,
                list(f.evidence),
            )
            for f in flags
        ]
