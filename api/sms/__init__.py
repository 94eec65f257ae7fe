"""The SMS channel's webhooks, behind Twilio's signature (the guard the staff webhooks use)."""

from __future__ import annotations

from litestar import Router

from api.paging.signature import twilio_signature_guard
from api.sms.controllers import TwilioSmsController
from haven.config import Settings


def router(settings: Settings) -> Router:
    return Router(
        "/", route_handlers=[TwilioSmsController], guards=[twilio_signature_guard(settings)]
    )


__all__ = ["router"]
