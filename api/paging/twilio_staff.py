"""Twilio's webhooks for the staff number: SMS replies and the page's voice call.

These answer in TwiML, the only shape Twilio reads: a reply the clinician hears or reads
(never a problem document), so failures are told to the clinician in words.
"""

from __future__ import annotations

from typing import Any

import anyio
from litestar import Controller, Request, Response, post
from litestar.di import NamedDependency

from haven.config import Settings
from haven.paging import NoOpenPage, NotAnAcknowledgement, PagingService, UnknownPage
from haven.paging.content import (
    INCIDENT_NUMBER,
    STAFF_SMS_PATH,
    STAFF_VOICE_PATH,
    call_twiml,
    call_unreadable_twiml,
    gather_twiml,
    gather_url,
    sms_twiml,
)
from haven.paging.models import TIERS
from haven.storage import StorageUnavailable

TWIML = "text/xml"
STORAGE_DOWN = "Haven could not record your acknowledgement right now."


def _twiml(body: str) -> Response[str]:
    return Response(body, media_type=TWIML, status_code=200)


class StaffTwilioController(Controller):
    """Guarded by the Twilio signature (see `api.paging.routers`)."""

    path = ""
    tags = ["twilio (staff)"]
    include_in_schema = False

    @post(STAFF_SMS_PATH, status_code=200)
    async def sms(
        self, request: Request[Any, Any, Any], paging: NamedDependency[PagingService]
    ) -> Response[str]:
        form = await request.form()
        sender, text = str(form.get("From", "")), str(form.get("Body", ""))
        try:
            incident = await anyio.to_thread.run_sync(paging.acknowledge_from_sms, sender, text)
        except NotAnAcknowledgement:
            return _twiml(sms_twiml("To acknowledge a page, reply 1 or ACK and its number."))
        except NoOpenPage:
            return _twiml(sms_twiml("Haven has no open page for this number."))
        except StorageUnavailable:
            return _twiml(sms_twiml(f"{STORAGE_DOWN} Please try again or use the console."))
        return _twiml(sms_twiml(f"Acknowledged {incident.number}. Thank you."))

    @post(STAFF_VOICE_PATH + "/{page_id:str}", status_code=200)
    async def call(
        self,
        page_id: str,
        request: Request[Any, Any, Any],
        settings: NamedDependency[Settings],
    ) -> Response[str]:
        """The call's words come from the (signed) URL, so they are served without the DB."""
        number = request.query_params.get("incident", "")
        tier = request.query_params.get("tier", "")
        if not INCIDENT_NUMBER.fullmatch(number) or tier not in TIERS:
            return _twiml(call_unreadable_twiml())
        return _twiml(call_twiml(number, tier, gather_url(settings.public_url, page_id)))

    @post(STAFF_VOICE_PATH + "/{page_id:str}/gather", status_code=200)
    async def gather(
        self,
        page_id: str,
        request: Request[Any, Any, Any],
        settings: NamedDependency[Settings],
        paging: NamedDependency[PagingService],
    ) -> Response[str]:
        again = gather_url(settings.public_url, page_id)
        digits = str((await request.form()).get("Digits", ""))
        if digits != "1":
            return _twiml(gather_twiml(False, again))
        try:
            await anyio.to_thread.run_sync(paging.acknowledge_from_call, page_id)
        except UnknownPage:
            return _twiml(gather_twiml(False, again, "Haven does not know this page."))
        except StorageUnavailable:
            problem = f"{STORAGE_DOWN} Please reply ACK by text message."
            return _twiml(gather_twiml(False, again, problem))
        return _twiml(gather_twiml(True, again))
