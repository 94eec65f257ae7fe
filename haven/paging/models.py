"""What paging hands to its callers: incidents, pages sent, clinicians, shifts, who is on call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from haven.paging.errors import InvalidIncident

Tier = Literal["imminent", "urgent", "concern"]
TIERS: tuple[Tier, ...] = ("imminent", "urgent", "concern")
IncidentStatus = Literal["open", "acknowledged", "resolved"]
AckVia = Literal["api", "sms", "voice"]
ACK_VIAS: tuple[AckVia, ...] = ("api", "sms", "voice")
Channel = Literal["sms", "voice"]


def tier_of(value: str) -> Tier:
    for tier in TIERS:
        if value == tier:
            return tier
    raise InvalidIncident(f"tier must be one of {', '.join(TIERS)}; got {value!r}")


@dataclass(frozen=True, slots=True)
class Incident:
    """A crisis that brought a clinician in. `session_id` is stored, never sent in a page."""

    number: str
    session_id: str
    tier: Tier
    label: str
    status: IncidentStatus
    created_at: datetime
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    acknowledged_via: AckVia | None = None


@dataclass(frozen=True)
class SentPage:
    """A page sent straight through Twilio while the database was away.

    The crisis gate keeps these in its spool until `record_spooled_incident` stores them;
    `to_json` / `from_json` give that spool plain JSON.
    """

    page_id: str
    channel: Channel
    to: str
    clinician_id: int | None
    twilio_sid: str
    sent_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "page_id": self.page_id,
            "channel": self.channel,
            "to": self.to,
            "clinician_id": self.clinician_id,
            "twilio_sid": self.twilio_sid,
            "sent_at": self.sent_at.isoformat(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SentPage:
        channel: Channel = "voice" if data["channel"] == "voice" else "sms"
        clinician = data.get("clinician_id")
        return cls(
            page_id=str(data["page_id"]),
            channel=channel,
            to=str(data["to"]),
            clinician_id=None if clinician is None else int(clinician),
            twilio_sid=str(data["twilio_sid"]),
            sent_at=datetime.fromisoformat(str(data["sent_at"])),
        )


@dataclass(frozen=True, slots=True)
class Clinician:
    id: int
    name: str
    phone: str
    active: bool


@dataclass(frozen=True, slots=True)
class Shift:
    id: int
    clinician_id: int
    starts_at: datetime
    ends_at: datetime
    order: int


@dataclass(frozen=True, slots=True)
class OnCall:
    """Someone to page: a clinician on shift now, or the fallback number (no clinician)."""

    clinician_id: int | None
    name: str
    phone: str
