"""Acknowledgement by the clinician's SMS reply and by "press 1" in the call, both as signed
Twilio webhooks sent by the fake Twilio process; forged or unsigned webhooks get 403."""

from __future__ import annotations

import uuid

import httpx
import pytest

from haven.paging.tables import OutboxRow
from tests.paging.conftest import STAFF_NUMBER, PagingStack, phone

pytestmark = pytest.mark.slow  # the gateway runs as a process

SMS_PATH = "/v1/channels/twilio/staff/sms"


def _reply(paging: PagingStack, sender: str, body: str) -> dict[str, object]:
    return paging.fake.inbound_sms(paging.url(SMS_PATH), sender, STAFF_NUMBER, body)


def test_replying_1_acknowledges_the_page(paging: PagingStack) -> None:
    first, _ = paging.on_call(2)
    incident = paging.service.open_incident(str(uuid.uuid4()), "imminent", "imminent")
    paging.wait_sent(incident.number, 2)

    reply = _reply(paging, first.phone, " 1 ")

    assert reply["status"] == 200
    assert f"<Message>Acknowledged {incident.number}. Thank you.</Message>" in str(reply["twiml"])
    row = paging.incident(incident.number)
    assert (row.status, row.acknowledged_via, row.acknowledged_by) == (
        "acknowledged",
        "sms",
        first.name,
    )
    timers = paging.rows(
        OutboxRow, OutboxRow.incident_number == incident.number, OutboxRow.kind == "escalate"
    )
    assert [t.status for t in timers] == ["cancelled"]


def test_1_acknowledges_the_most_recent_page_and_ack_names_the_other(paging: PagingStack) -> None:
    [clinician] = paging.on_call(1)
    older = paging.service.open_incident(str(uuid.uuid4()), "urgent", "ideation")
    paging.wait_sent(older.number, 2)
    newer = paging.service.open_incident(str(uuid.uuid4()), "imminent", "imminent")
    paging.wait_sent(newer.number, 2)

    assert f"Acknowledged {newer.number}" in str(_reply(paging, clinician.phone, "1")["twiml"])
    assert paging.incident(newer.number).status == "acknowledged"
    assert paging.incident(older.number).status == "open"

    named = _reply(paging, clinician.phone, f"ack {older.number.lower()}")
    assert f"Acknowledged {older.number}" in str(named["twiml"])
    assert paging.incident(older.number).status == "acknowledged"


def test_an_sms_ack_from_a_number_that_was_not_paged_acknowledges_nothing(
    paging: PagingStack,
) -> None:
    [first] = paging.on_call(1)
    off_duty = paging.service.roster.add_clinician("Off duty", phone())
    incident = paging.service.open_incident(str(uuid.uuid4()), "imminent", "imminent")
    paging.wait_sent(incident.number, 2)

    for text in ("1", f"ACK {incident.number}"):
        reply = _reply(paging, off_duty.phone, text)
        assert reply["status"] == 200
        assert "no open page for this number" in str(reply["twiml"])
    help_reply = _reply(paging, first.phone, "what happened?")
    assert "reply 1 or ACK" in str(help_reply["twiml"])
    assert paging.incident(incident.number).status == "open"


def test_pressing_1_in_the_call_acknowledges(paging: PagingStack) -> None:
    [clinician] = paging.on_call(1)
    incident = paging.service.open_incident(str(uuid.uuid4()), "imminent", "imminent")
    [call] = paging.fake.wait_for(lambda: paging.fake.created("Calls"))
    paging.wait_sent(incident.number, 2)

    wrong_key = paging.fake.answer_call(call["sid"], digits="7")
    assert wrong_key["status"] == [200, 200]
    assert "Not acknowledged" in wrong_key["twiml"][1]
    assert paging.incident(incident.number).status == "open"

    answered = paging.fake.answer_call(call["sid"], digits="1")

    assert answered["status"] == [200, 200]
    assert "Acknowledged. Thank you." in answered["twiml"][1]
    row = paging.incident(incident.number)
    assert (row.status, row.acknowledged_via, row.acknowledged_by) == (
        "acknowledged",
        "voice",
        clinician.name,
    )


def test_forged_or_unsigned_webhooks_are_refused(paging: PagingStack) -> None:
    [clinician] = paging.on_call(1)
    incident = paging.service.open_incident(str(uuid.uuid4()), "imminent", "imminent")
    pages = paging.wait_sent(incident.number, 2)
    voice = next(p for p in pages if p.channel == "voice")
    gather = f"/v1/channels/twilio/staff/voice/{voice.id}/gather"
    forms = {
        SMS_PATH: {"From": clinician.phone, "To": STAFF_NUMBER, "Body": "1"},
        gather: {"Digits": "1", "From": STAFF_NUMBER, "To": clinician.phone},
        f"/v1/channels/twilio/staff/voice/{voice.id}": {"From": STAFF_NUMBER},
    }
    for path, form in forms.items():
        for headers in ({}, {"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"}):
            response = httpx.post(paging.url(path), data=form, headers=headers, timeout=30)
            assert response.status_code == 403, (path, response.text)
            assert response.json()["code"] == "forbidden"
    assert paging.incident(incident.number).status == "open"
