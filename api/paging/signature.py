"""A guard for Twilio's webhooks: `X-Twilio-Signature` must sign the public URL and the form.

Twilio signs the URL it was given, so the URL checked is `HAVEN_PUBLIC_URL` + the path (+
the query), not whatever host the request arrived on behind a proxy.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.types import Guard
from twilio.request_validator import RequestValidator

from haven.config import Settings


def twilio_signature_guard(settings: Settings) -> Guard:
    token = settings.twilio.auth_token.get()
    public_url = settings.public_url

    async def signed_by_twilio(
        connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
    ) -> None:
        signature = connection.headers.get("x-twilio-signature", "")
        if not token or not signature or not isinstance(connection, Request):
            raise PermissionDeniedException("a valid X-Twilio-Signature is required")
        form = await connection.form()  # cached: the handler reads the same form
        url = public_url + connection.url.path
        if connection.url.query:
            url += "?" + connection.url.query
        if not RequestValidator(token).validate(url, form, signature):
            raise PermissionDeniedException("a valid X-Twilio-Signature is required")

    return signed_by_twilio
