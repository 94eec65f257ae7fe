"""Sending to the people who text Haven: the paging module's Twilio client (one way to build
it), from the users' number (never the staff number), with a status callback on every message.
Calls block (the client uses `requests`): run them in a worker thread.
"""

from __future__ import annotations

import logging
from typing import Protocol

from haven.config import TwilioSettings
from haven.paging.errors import SendFailed
from haven.paging.sender import send_failure, twilio_client

logger = logging.getLogger(__name__)

UNSUBSCRIBED = 21610
"""Twilio: the recipient has opted out (replied STOP). Final: never retried."""


class SmsSender(Protocol):
    def send(self, to: str, body: str, status_callback: str) -> str: ...


class TwilioSmsSender:
    """`send` returns Twilio's SID, or raises `SendFailed`."""

    def __init__(self, settings: TwilioSettings) -> None:
        self._from = settings.user_sender
        self._configured = bool(
            settings.account_sid and settings.auth_token and settings.user_sender
        )
        self._client = twilio_client(settings)
        if not self._configured:
            logger.warning(
                "SMS is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, "
                "HAVEN_TWILIO_USER_NUMBER): outbound texts are kept and retried until it is"
            )

    def send(self, to: str, body: str, status_callback: str) -> str:
        if not self._configured:
            raise SendFailed("twilio is not configured", transient=True)
        try:
            message = self._client.messages.create(
                to=to, from_=self._from, body=body, status_callback=status_callback
            )
        except Exception as exc:
            raise send_failure(exc) from None
        return str(message.sid)
