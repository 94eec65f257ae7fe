"""Sending pages through the official Twilio client, always from the staff number.

The client is built once at start-up. `HAVEN_TWILIO_API_URL` replaces the base URL of
Twilio's `api` domain (`Client.api.base_url`), so the same client talks to a local fake in
tests. Calls block (the client uses `requests`): run them in a worker thread.
"""

from __future__ import annotations

import logging
from typing import Protocol

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException, TwilioServiceException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from haven.config import TwilioSettings
from haven.paging import content
from haven.paging.errors import SendFailed

logger = logging.getLogger(__name__)

REQUEST_TIMEOUT_S = 10.0


class PageSender(Protocol):
    def send_sms(self, to: str, body: str) -> str: ...

    def place_call(self, to: str, twiml_url: str) -> str: ...


class TwilioSender:
    """`send_sms` and `place_call` return Twilio's SID, or raise `SendFailed`."""

    def __init__(self, settings: TwilioSettings) -> None:
        self._from = settings.staff_sender
        self._configured = bool(
            settings.account_sid and settings.auth_token and settings.staff_sender
        )
        self._client = twilio_client(settings)
        if not self._configured:
            logger.warning(
                "Twilio is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, "
                "HAVEN_TWILIO_STAFF_NUMBER): pages are kept and retried until it is"
            )

    @property
    def configured(self) -> bool:
        return self._configured

    def send_sms(self, to: str, body: str) -> str:
        self._require_configured()
        try:
            message = self._client.messages.create(to=to, from_=self._from, body=body)
        except Exception as exc:
            raise send_failure(exc) from None
        return str(message.sid)

    def place_call(self, to: str, twiml_url: str) -> str:
        self._require_configured()
        try:
            call = self._client.calls.create(to=to, from_=self._from, url=twiml_url, method="POST")
        except Exception as exc:
            raise send_failure(exc) from None
        return str(call.sid)

    def _require_configured(self) -> None:
        if not self._configured:
            raise SendFailed("twilio is not configured", transient=True)


def twilio_client(settings: TwilioSettings) -> Client:
    """The official client, with credentials from Haven's settings only (never os.environ),
    pointed at `HAVEN_TWILIO_API_URL` when set. Shared by paging and the SMS channel."""
    client = Client(
        settings.account_sid or None,
        settings.auth_token.get() or None,
        http_client=TwilioHttpClient(pool_connections=False, timeout=REQUEST_TIMEOUT_S),
        environment={},
    )
    if settings.api_base_url:
        client.api.base_url = settings.api_base_url
    return client


def send_failure(exc: Exception) -> SendFailed:
    """Classify a failure without keeping its message (Twilio's may quote the number)."""
    if isinstance(exc, TwilioRestException | TwilioServiceException):
        status = int(exc.status)
        transient = status >= 500 or status in (401, 403, 408, 429)
        code = int(exc.code) if exc.code is not None else None
        return SendFailed(f"twilio status {status} code {code}", transient=transient, code=code)
    if isinstance(exc, requests.RequestException):
        return SendFailed(f"network: {type(exc).__name__}", transient=True)
    if isinstance(exc, TwilioException):
        return SendFailed(f"twilio client: {type(exc).__name__}", transient=True)
    return SendFailed(f"unexpected: {type(exc).__name__}", transient=True)


def send_page(
    sender: PageSender,
    public_url: str,
    channel: str,
    page_id: str,
    to: str,
    number: str,
    tier: str,
) -> str:
    """Send one page (the SMS text, or a call that fetches its words from the gateway)."""
    if channel == "voice":
        return sender.place_call(to, content.voice_url(public_url, page_id, number, tier))
    return sender.send_sms(to, content.page_text(public_url, number, tier))
