"""Staff routes for incidents: read one, acknowledge it (stops the escalation)."""

from __future__ import annotations

import anyio
from litestar import Controller, get, post
from litestar.di import NamedDependency

from api.paging.schemas import AckIn, IncidentOut, incident_out
from haven.paging import PagingService


class IncidentController(Controller):
    """Guarded by the staff token (see `api.paging.routers`)."""

    path = "/v1/incidents/{number:str}"
    tags = ["incidents (staff)"]

    @get("/", summary="An incident's status and who acknowledged it")
    async def read(self, number: str, paging: NamedDependency[PagingService]) -> IncidentOut:
        return incident_out(await anyio.to_thread.run_sync(paging.incident, number))

    @post("/ack", status_code=200, summary="Acknowledge the incident; paging stops")
    async def acknowledge(
        self, number: str, data: AckIn, paging: NamedDependency[PagingService]
    ) -> IncidentOut:
        incident = await anyio.to_thread.run_sync(paging.acknowledge, number, data.by, "api")
        return incident_out(incident)
