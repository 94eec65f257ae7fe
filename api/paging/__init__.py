"""The paging routes: staff acknowledge incidents; Twilio calls back for the staff number."""

from __future__ import annotations

from litestar import Router

from api.guards import staff_guard
from api.paging.incidents import IncidentController
from api.paging.signature import twilio_signature_guard
from api.paging.twilio_staff import StaffTwilioController
from haven.config import Settings


def routers(settings: Settings) -> list[Router]:
    """Incidents behind the staff token; Twilio's webhooks behind Twilio's signature."""
    return [
        Router(
            "/",
            route_handlers=[IncidentController],
            guards=[staff_guard(settings.paging.staff_token)],
        ),
        Router(
            "/", route_handlers=[StaffTwilioController], guards=[twilio_signature_guard(settings)]
        ),
    ]


__all__ = ["routers"]
