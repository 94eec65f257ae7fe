"""The outbox: exclusive claims on both databases, retries of transient Twilio failures,
permanent failures that escalate at once, bad rows that fail alone, and logs without
phone numbers."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa

from haven.paging.clock import utcnow
from haven.paging.outbox import Outbox
from haven.paging.tables import OutboxRow, PageRow
from haven.storage import create_engine_for, upgrade_schema
from tests.paging.conftest import ACK_TIMEOUT_S, PagingStack


def test_concurrent_claims_never_hand_out_a_row_twice(database_url: str) -> None:
    upgrade_schema(database_url)
    engine = create_engine_for(database_url)
    now = utcnow()
    with engine.begin() as conn:
        conn.execute(
            sa.insert(OutboxRow),
            [
                {
                    "kind": "send",
                    "payload": {"page_id": str(i)},
                    "status": "pending",
                    "due_at": now - timedelta(seconds=1),
                    "attempts": 0,
                    "created_at": now,
                }
                for i in range(60)
            ]
            + [
                {
                    "kind": "send",
                    "payload": {"page_id": "later"},
                    "status": "pending",
                    "due_at": now + timedelta(hours=1),
                    "attempts": 0,
                    "created_at": now,
                }
            ],
        )
    outbox = Outbox(engine)
    claimed: list[list[int]] = []
    lock = threading.Lock()

    def claim() -> None:
        for _ in range(5):
            jobs = outbox.claim(utcnow(), 4, timedelta(minutes=1))
            with lock:
                claimed.append([job.id for job in jobs])

    workers = [threading.Thread(target=claim) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    engine.dispose()

    ids = [i for batch in claimed for i in batch]
    assert len(ids) == len(set(ids)) == 60
    assert all(len(batch) <= 4 for batch in claimed)


@pytest.mark.slow
def test_a_transient_failure_is_retried_until_the_page_goes_out(paging: PagingStack) -> None:
    [clinician] = paging.on_call(1)
    paging.fake.fail(clinician.phone, 20429, status=429, times=1, resource="Messages")
    incident = paging.service.open_incident(str(uuid.uuid4()), "imminent", "imminent")

    [sms] = paging.fake.wait_for(lambda: paging.fake.created("Messages", clinician.phone))

    refused = [r for r in paging.fake.requests("Messages") if r["status"] == 429]
    assert len(refused) == 1 and refused[0]["time"] < sms["time"]
    [page] = [p for p in paging.wait_sent(incident.number, 2) if p.channel == "sms"]
    assert page.twilio_sid == sms["sid"]
    [row] = paging.rows(
        OutboxRow, OutboxRow.kind == "send", OutboxRow.payload["page_id"].as_string() == page.id
    )
    assert (row.status, row.attempts, row.last_error) == ("done", 2, "twilio status 429 code 20429")


@pytest.mark.slow
def test_a_permanent_failure_fails_the_page_and_escalates_at_once(paging: PagingStack) -> None:
    unreachable, second = paging.on_call(2)
    paging.fake.fail(unreachable.phone, 21610)  # unsubscribed: both the SMS and the call fail
    incident = paging.service.open_incident(str(uuid.uuid4()), "imminent", "imminent")
    opened = utcnow().timestamp()

    [sms] = paging.fake.wait_for(lambda: paging.fake.created("Messages", second.phone))

    assert sms["time"] - opened < ACK_TIMEOUT_S - 0.5
    failed = [p for p in paging.pages(incident.number) if p.step == 0]
    assert {(p.status, p.error_code) for p in failed} == {("failed", 21610)}
    assert paging.fake.created("Messages", unreachable.phone) == []


@pytest.mark.slow
def test_a_bad_row_is_marked_failed_and_the_worker_carries_on(paging: PagingStack) -> None:
    now = utcnow()
    bad = [
        {"kind": "bogus", "payload": {}},
        {"kind": "send", "payload": {"page_id": "no-such-page"}},
        {"kind": "send", "payload": ["not", "an", "object"]},
        {"kind": "escalate", "payload": {"incident": "INC-NONE", "step": 1}},
        {"kind": "escalate", "payload": {"step": "one"}},
    ]
    with paging.engine.begin() as conn:
        ids = [
            conn.execute(
                sa.insert(OutboxRow)
                .values(status="pending", due_at=now, attempts=0, created_at=now, **row)
                .returning(OutboxRow.id)
            ).scalar_one()
            for row in bad
        ]
    [clinician] = paging.on_call(1)
    incident = paging.service.open_incident(str(uuid.uuid4()), "imminent", "imminent")

    paging.wait_sent(incident.number, 2)
    paging.wait_until(
        lambda: all(r.status == "failed" for r in paging.rows(OutboxRow, OutboxRow.id.in_(ids)))
    )
    for row in paging.rows(OutboxRow, OutboxRow.id.in_(ids)):
        assert row.last_error.startswith("malformed"), row.last_error
        assert row.attempts == 1
    assert len(paging.fake.created("Messages", clinician.phone)) == 1


@pytest.mark.slow
def test_the_gateway_log_holds_no_phone_number(paging: PagingStack) -> None:
    first, second = paging.on_call(2)
    paging.fake.fail(first.phone, 21211, resource="Calls")
    incident = paging.service.open_incident(str(uuid.uuid4()), "imminent", "imminent")
    paging.fake.wait_for(lambda: paging.fake.created("Messages", first.phone))
    paging.wait_until(
        lambda: any(
            p.status == "failed"
            for p in paging.rows(PageRow, PageRow.incident_number == incident.number)
        )
    )
    log = (paging.stack.logs / "gateway.log").read_text()
    assert incident.number in log
    for number in (first.phone, second.phone, paging.settings.twilio.staff_sender):
        assert number not in log
