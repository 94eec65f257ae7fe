"""Paging while the database is away (from the cached roster, else the fallback number), and
recording such an incident once the database is back (idempotent; escalation resumes)."""

from __future__ import annotations

import secrets
import shutil
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from haven.paging import PagingService, SentPage, TwilioSender
from haven.paging.clock import as_utc, utcnow
from haven.paging.tables import IncidentRow, OutboxRow, PageRow
from haven.storage import StorageUnavailable, create_engine_for, upgrade_schema
from tests.fakes.fixtures import FakeTwilio
from tests.paging.conftest import ACK_TIMEOUT_S, STAFF_NUMBER, PagingStack, paging_env, phone
from tests.stackctl import PG_ADMIN_URL, make_settings


@pytest.fixture
def engine(database_url: str) -> Iterator[sa.Engine]:
    """An empty, migrated database of each backend."""
    upgrade_schema(database_url)
    engine = create_engine_for(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def service(
    engine: sa.Engine, database_url: str, fake_twilio: FakeTwilio, tmp_path: Path
) -> PagingService:
    """A PagingService in this process (as in the gateway), without its worker."""
    fake_twilio.reset()
    settings = make_settings(tmp_path, database_url, **paging_env(fake_twilio, "t"))
    return PagingService(engine, settings, TwilioSender(settings.twilio))


def _on_call(service: PagingService, count: int) -> list[str]:
    now = utcnow()
    phones = []
    for i in range(count):
        clinician = service.roster.add_clinician(f"Clinician {i + 1}", phone())
        service.roster.add_shift(clinician.id, now - timedelta(hours=1), now + timedelta(hours=1))
        phones.append(clinician.phone)
    return phones


def _take_database_away(database_url: str, engine: sa.Engine) -> None:
    engine.dispose()
    if database_url.startswith("sqlite"):
        path = Path(database_url.split("///", 1)[1])
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
        path.mkdir()  # a directory where the database file was: every connect fails
        return
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        name = database_url.rsplit("/", 1)[1]
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def _restore(database_url: str) -> None:
    if database_url.startswith("sqlite"):
        shutil.rmtree(database_url.split("///", 1)[1], ignore_errors=True)


async def test_without_the_database_the_cached_first_clinician_is_paged(
    service: PagingService, engine: sa.Engine, database_url: str, fake_twilio: FakeTwilio
) -> None:
    first, second = _on_call(service, 2)
    service.refresh_roster_cache()
    _take_database_away(database_url, engine)
    try:
        with pytest.raises(StorageUnavailable):
            service.open_incident(str(uuid.uuid4()), "imminent", "imminent")
        number = service.new_incident_number()

        sent = await service.page_without_database(number, "imminent")
    finally:
        _restore(database_url)

    assert [(p.channel, p.to) for p in sent] == [("sms", first), ("voice", first)]
    [sms] = fake_twilio.created("Messages")
    [call] = fake_twilio.created("Calls")
    assert [p.twilio_sid for p in sent] == [sms["sid"], call["sid"]]
    assert (sms["params"]["From"], sms["params"]["To"]) == (STAFF_NUMBER, first)
    assert sms["params"]["Body"].startswith(f"Haven crisis page {number}: tier imminent.")
    assert f"/voice/{sent[1].page_id}?" in call["params"]["Url"]
    assert second not in str(fake_twilio.requests())


async def test_with_no_cached_roster_the_fallback_number_is_paged(
    service: PagingService, fake_twilio: FakeTwilio
) -> None:
    _on_call(service, 1)  # in the database, but this service never read it into its cache
    sent = await service.page_without_database(service.new_incident_number(), "urgent")
    assert {p.to for p in sent} == {"+15550009999"}
    assert {p.clinician_id for p in sent} == {None}
    assert len(fake_twilio.created("Messages", "+15550009999")) == 1


async def test_recording_a_spooled_incident_is_idempotent(
    service: PagingService, engine: sa.Engine
) -> None:
    _on_call(service, 2)
    service.refresh_roster_cache()
    number = service.new_incident_number()
    session_id = str(uuid.uuid4())
    sent = await service.page_without_database(number, "imminent")
    created = utcnow() - timedelta(seconds=1)
    as_json = [page.to_json() for page in sent]  # as the crisis gate's spool keeps them

    for spooled in (sent, as_json, [SentPage.from_json(page) for page in as_json]):
        service.record_spooled_incident(
            number, session_id, "imminent", "imminent", created, spooled
        )

    with engine.connect() as conn:
        incidents = conn.execute(sa.select(IncidentRow).where(IncidentRow.number == number)).all()
        pages = conn.execute(sa.select(PageRow).where(PageRow.incident_number == number)).all()
        timers = conn.execute(sa.select(OutboxRow).where(OutboxRow.incident_number == number)).all()
    assert [(i.session_id, i.status) for i in incidents] == [(session_id, "open")]
    assert sorted((p.id, p.status, p.twilio_sid) for p in pages) == sorted(
        (p.page_id, "sent", p.twilio_sid) for p in sent
    )
    [timer] = timers
    assert (timer.kind, timer.status, timer.payload["step"]) == ("escalate", "pending", 1)
    assert as_utc(timer.due_at) == created + timedelta(seconds=ACK_TIMEOUT_S)


async def test_a_spooled_incident_with_no_page_sent_pages_now(
    service: PagingService, engine: sa.Engine
) -> None:
    [first] = _on_call(service, 1)
    number = f"INC-{secrets.token_hex(4).upper()}"
    service.record_spooled_incident(number, str(uuid.uuid4()), "urgent", "ideation", utcnow(), [])
    with engine.connect() as conn:
        pages = conn.execute(sa.select(PageRow).where(PageRow.incident_number == number)).all()
        sends = conn.execute(
            sa.select(OutboxRow).where(
                OutboxRow.incident_number == number, OutboxRow.kind == "send"
            )
        ).all()
    assert {(p.step, p.to_number, p.status) for p in pages} == {(0, first, "pending")}
    assert len(sends) == 2


@pytest.mark.slow
async def test_a_spooled_incident_escalates_through_the_gateway(paging: PagingStack) -> None:
    first, second = paging.on_call(2)
    paging.service.refresh_roster_cache()
    number = paging.service.new_incident_number()
    sent = await paging.service.page_without_database(number, "imminent")
    assert {p.to for p in sent} == {first.phone}

    long_ago = utcnow() - timedelta(seconds=2 * ACK_TIMEOUT_S)
    paging.service.record_spooled_incident(
        number, str(uuid.uuid4()), "imminent", "imminent", long_ago, sent
    )

    [sms] = paging.fake.wait_for(lambda: paging.fake.created("Messages", second.phone))
    assert number in sms["params"]["Body"]
    reply = paging.fake.inbound_sms(
        paging.url("/v1/channels/twilio/staff/sms"), first.phone, STAFF_NUMBER, "1"
    )
    assert f"Acknowledged {number}" in str(reply["twiml"])
    assert paging.incident(number).acknowledged_by == first.name
