"""Wire shapes of the incidents API. A response never carries the session id or label."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from haven.paging import Incident


class AckIn(msgspec.Struct, forbid_unknown_fields=True):
    by: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    """Who acknowledges (a name; recorded on the incident)."""


class IncidentOut(msgspec.Struct):
    number: str
    tier: str
    status: str
    created_at: datetime
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    acknowledged_via: str | None


def incident_out(incident: Incident) -> IncidentOut:
    return IncidentOut(
        incident.number,
        incident.tier,
        incident.status,
        incident.created_at,
        incident.acknowledged_by,
        incident.acknowledged_at,
        incident.acknowledged_via,
    )
