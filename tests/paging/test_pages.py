"""An incident pages the first clinician on call by SMS and by call, from the staff number,
through the real Twilio client and the gateway's outbox worker, with nothing about the
person in the page."""

from __future__ import annotations

import re
import uuid

import pytest

from haven.paging.tables import OutboxRow
from tests.paging.conftest import STAFF_NUMBER, USER_NUMBER, PagingStack

pytestmark = pytest.mark.slow  # the gateway runs as a process

PAGE_TEXT = re.compile(
    r"Haven crisis page (INC-[0-9A-Z-]+): tier (imminent|urgent|concern)\. "
    r"Review: (\S+)\. Reply 1 or ACK \1 to acknowledge\."
)


def test_an_incident_pages_the_first_clinician_by_sms_and_call(paging: PagingStack) -> None:
    first, second = paging.on_call(2)
    session_id = str(uuid.uuid4())

    incident = paging.service.open_incident(session_id, "imminent", "ideation")

    assert incident.status == "open" and incident.tier == "imminent"
    [sms] = paging.fake.wait_for(lambda: paging.fake.created("Messages"))
    [call] = paging.fake.wait_for(lambda: paging.fake.created("Calls"))
    for request in (sms, call):
        assert request["auth"] == "ok"
        assert request["params"]["From"] == STAFF_NUMBER
        assert request["params"]["To"] == first.phone
    body = sms["params"]["Body"]
    match = PAGE_TEXT.fullmatch(body)
    assert match is not None, body
    assert match[1] == incident.number and match[2] == "imminent"
    assert match[3] == f"{paging.settings.public_url}/console/incidents/{incident.number}"
    everything_sent = str(sms["params"]) + str(call["params"])
    for secret in (session_id, "ideation", USER_NUMBER, second.phone):
        assert secret not in everything_sent

    pages = paging.wait_sent(incident.number, 2)
    assert {(p.channel, p.to_number, p.status, p.step) for p in pages} == {
        ("sms", first.phone, "sent", 0),
        ("voice", first.phone, "sent", 0),
    }
    assert {p.twilio_sid for p in pages} == {sms["sid"], call["sid"]}
    stored = paging.incident(incident.number)
    assert (stored.session_id, stored.label, stored.status) == (session_id, "ideation", "open")
    timers = paging.rows(
        OutboxRow, OutboxRow.incident_number == incident.number, OutboxRow.kind == "escalate"
    )
    assert [(t.status, t.payload["step"]) for t in timers] == [("pending", 1)]
    assert session_id not in str([r.payload for r in paging.rows(OutboxRow)])


def test_the_call_reads_the_page_and_asks_for_1(paging: PagingStack) -> None:
    [clinician] = paging.on_call(1)
    incident = paging.service.open_incident(str(uuid.uuid4()), "urgent", "self_harm")
    [call] = paging.fake.wait_for(lambda: paging.fake.created("Calls"))
    page_id = next(p.id for p in paging.wait_sent(incident.number, 2) if p.channel == "voice")
    assert call["params"]["Url"].startswith(
        f"{paging.settings.public_url}/v1/channels/twilio/staff/voice/{page_id}?"
    )

    answered = paging.fake.answer_call(call["sid"])

    assert answered["status"] == [200]
    twiml = answered["twiml"][0]
    assert '<Gather action="' in twiml and 'numDigits="1"' in twiml
    assert f"/v1/channels/twilio/staff/voice/{page_id}/gather" in twiml
    assert "Tier urgent" in twiml and "Press 1 to acknowledge" in twiml
    assert "self_harm" not in twiml and clinician.phone not in twiml
    assert paging.incident(incident.number).status == "open"


def test_nobody_on_call_pages_the_fallback_number(paging: PagingStack) -> None:
    incident = paging.service.open_incident(str(uuid.uuid4()), "imminent", "imminent")
    [sms] = paging.fake.wait_for(lambda: paging.fake.created("Messages"))
    assert sms["params"]["To"] == paging.settings.paging.fallback_number
    assert sms["params"]["From"] == STAFF_NUMBER
    pages = paging.wait_sent(incident.number, 2)
    assert {p.clinician_id for p in pages} == {None}
