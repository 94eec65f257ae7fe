"""Twilio's webhooks for the number people text: incoming messages and delivery status.

Both answer in TwiML, the only shape Twilio reads, and always 200 once the signature is
good: an error status would only make Twilio retry or fall back, never help the person.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, post
from litestar.di import NamedDependency
from twilio.twiml.messaging_response import MessagingResponse

from haven.sms import texts
from haven.sms.channel import SMS_PATH, STATUS_PATH, IncomingSms, SmsChannel
from haven.sms.errors import NotAnSms
from haven.sms.receipts import Segment
from haven.storage import StorageUnavailable

TWIML = "text/xml"


def messages_twiml(public_url: str, segments: list[Segment]) -> str:
    """One <Message> per segment, each reporting its delivery status to Haven."""
    response = MessagingResponse()
    for segment in segments:
        action = f"{public_url}{STATUS_PATH}?segment={segment.id}"
        response.message(segment.body, action=action, method="POST")
    return str(response.to_xml())


def _twiml(body: str) -> Response[str]:
    return Response(body, media_type=TWIML, status_code=200)


class TwilioSmsController(Controller):
    """Guarded by the Twilio signature (see `api.sms.router`)."""

    path = ""
    tags = ["twilio (sms)"]
    include_in_schema = False

    @post(SMS_PATH, status_code=200)
    async def incoming(
        self, request: Request[Any, Any, Any], sms: NamedDependency[SmsChannel]
    ) -> Response[str]:
        form = await request.form()
        text = IncomingSms(
            message_sid=str(form.get("MessageSid", "")),
            sender=str(form.get("From", "")),
            body=str(form.get("Body", "")),
        )
        try:
            segments = await sms.receive(text)
        except NotAnSms:
            return _twiml(messages_twiml(sms.public_url, []))
        except StorageUnavailable:
            response = MessagingResponse()
            response.message(texts.UNAVAILABLE)
            return _twiml(str(response.to_xml()))
        return _twiml(messages_twiml(sms.public_url, segments))

    @post(STATUS_PATH, status_code=200)
    async def status(
        self, request: Request[Any, Any, Any], sms: NamedDependency[SmsChannel]
    ) -> Response[str]:
        form = await request.form()
        code = str(form.get("ErrorCode", "")).strip()
        await sms.record_status(
            sid=str(form.get("MessageSid", "")),
            status=str(form.get("MessageStatus", "")).lower(),
            error_code=int(code) if code.isdigit() else None,
            row_id=request.query_params.get("segment") or None,
        )
        return _twiml(messages_twiml(sms.public_url, []))
