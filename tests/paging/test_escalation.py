"""Escalation down the roster until someone acknowledges, acknowledgement by API, and an
escalation that survives a restart of the gateway (the outbox is durable)."""

from __future__ import annotations

import time
import uuid

import pytest

from haven.paging.clock import as_utc, utcnow
from haven.paging.tables import OutboxRow
from tests.paging.conftest import ACK_TIMEOUT_S, PagingStack

pytestmark = pytest.mark.slow  # the gateway runs as a process

PROBLEM_FIELDS = {"type", "title", "status", "code", "detail"}


def test_without_ack_the_next_clinician_is_paged_then_the_first_again(
    paging: PagingStack,
) -> None:
    first, second = paging.on_call(2)
    incident = paging.service.open_incident(str(uuid.uuid4()), "imminent", "imminent")
    fake = paging.fake

    [to_first] = fake.wait_for(lambda: fake.created("Messages", first.phone))
    [to_second] = fake.wait_for(
        lambda: fake.created("Messages", second.phone), timeout_s=ACK_TIMEOUT_S + 10
    )
    fake.wait_for(lambda: fake.created("Calls", second.phone))
    again = fake.wait_for(
        lambda: fake.created("Messages", first.phone), count=2, timeout_s=ACK_TIMEOUT_S + 10
    )

    assert to_second["time"] - to_first["time"] >= ACK_TIMEOUT_S - 0.5
    assert again[1]["time"] - to_second["time"] >= ACK_TIMEOUT_S - 0.5
    assert incident.number in to_second["params"]["Body"]
    steps = [(p.step, p.channel, p.to_number) for p in paging.wait_sent(incident.number, 6)]
    assert sorted(steps)[:6] == [
        (0, "sms", first.phone),
        (0, "voice", first.phone),
        (1, "sms", second.phone),
        (1, "voice", second.phone),
        (2, "sms", first.phone),
        (2, "voice", first.phone),
    ]
    assert paging.incident(incident.number).escalation_step >= 2


def test_ack_by_api_stops_the_escalation(paging: PagingStack) -> None:
    first, second = paging.on_call(2)
    incident = paging.service.open_incident(str(uuid.uuid4()), "urgent", "ideation")
    paging.fake.wait_for(lambda: paging.fake.created("Messages", first.phone))

    path = f"/v1/incidents/{incident.number}/ack"
    response = paging.stack.client.post(path, json={"by": "Dr. Rivera"}, headers=paging.staff())

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["number"] == incident.number
    assert (body["status"], body["acknowledged_by"], body["acknowledged_via"]) == (
        "acknowledged",
        "Dr. Rivera",
        "api",
    )
    assert "session_id" not in body and "label" not in body
    repeat = paging.stack.client.post(path, json={"by": "someone else"}, headers=paging.staff())
    assert repeat.status_code == 200
    assert repeat.json()["acknowledged_at"] == body["acknowledged_at"]
    assert repeat.json()["acknowledged_by"] == "Dr. Rivera"
    row = paging.incident(incident.number)
    assert (row.status, row.acknowledged_by, row.acknowledged_via) == (
        "acknowledged",
        "Dr. Rivera",
        "api",
    )
    timers = paging.rows(
        OutboxRow, OutboxRow.incident_number == incident.number, OutboxRow.kind == "escalate"
    )
    assert [t.status for t in timers] == ["cancelled"]

    time.sleep(ACK_TIMEOUT_S + 1.5)
    assert paging.fake.created("Messages", second.phone) == []
    assert paging.fake.created("Calls", second.phone) == []
    assert len(paging.fake.created("Messages", first.phone)) == 1


def test_the_ack_api_needs_the_staff_token(paging: PagingStack) -> None:
    paging.on_call(1)
    incident = paging.service.open_incident(str(uuid.uuid4()), "imminent", "imminent")
    path = f"/v1/incidents/{incident.number}/ack"

    for headers in ({}, {"Authorization": "Bearer not-the-token"}, {"Authorization": "Basic x"}):
        response = paging.stack.client.post(path, json={"by": "intruder"}, headers=headers)
        assert response.status_code == 401
        assert response.headers["content-type"].startswith("application/problem+json")
        assert set(response.json()) == PROBLEM_FIELDS
        assert response.json()["code"] == "unauthorized"
    assert paging.incident(incident.number).status == "open"
    read = paging.stack.client.get(f"/v1/incidents/{incident.number}")
    assert read.status_code == 401


def test_ack_api_errors_have_the_problem_shape(paging: PagingStack) -> None:
    unknown = paging.stack.client.post(
        "/v1/incidents/INC-000000-000000-XXXX/ack", json={"by": "x"}, headers=paging.staff()
    )
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "unknown_incident"
    assert set(unknown.json()) == PROBLEM_FIELDS

    paging.on_call(1)
    incident = paging.service.open_incident(str(uuid.uuid4()), "concern", "abuse")
    path = f"/v1/incidents/{incident.number}/ack"
    missing = paging.stack.client.post(path, json={}, headers=paging.staff())
    assert missing.status_code == 400
    assert missing.json()["code"] == "invalid_request"
    read = paging.stack.client.get(f"/v1/incidents/{incident.number}", headers=paging.staff())
    assert read.status_code == 200
    assert (read.json()["status"], read.json()["tier"]) == ("open", "concern")


def test_escalation_survives_a_restart_of_the_gateway(paging: PagingStack) -> None:
    first, second = paging.on_call(2)
    incident = paging.service.open_incident(str(uuid.uuid4()), "imminent", "imminent")
    paging.wait_sent(incident.number, 2)
    opened = time.monotonic()

    paging.stack.stop_gateway()
    try:
        [timer] = paging.rows(
            OutboxRow,
            OutboxRow.incident_number == incident.number,
            OutboxRow.kind == "escalate",
            OutboxRow.status == "pending",
        )
        time.sleep(max(0.0, ACK_TIMEOUT_S + 0.5 - (time.monotonic() - opened)))
        assert paging.fake.created("Messages", second.phone) == []
        assert as_utc(timer.due_at) <= utcnow()
    finally:
        paging.stack.start_gateway()

    [sms] = paging.fake.wait_for(lambda: paging.fake.created("Messages", second.phone))
    paging.fake.wait_for(lambda: paging.fake.created("Calls", second.phone))
    assert incident.number in sms["params"]["Body"]
    assert len(paging.fake.created("Messages", first.phone)) == 1
    pages = paging.wait_sent(incident.number, 4)
    assert {(p.step, p.to_number) for p in pages if p.step <= 1} == {
        (0, first.phone),
        (1, second.phone),
    }
