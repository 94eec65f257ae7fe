"""The paging suite's stack: the real gateway process (its outbox worker sends the pages) on
SQLite and on PostgreSQL, the fake Twilio API as its own process, and an in-process
`PagingService` on the same database that opens incidents as the crisis gate does.

Rasa is not started: paging does not talk to it.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from haven.config import Settings
from haven.paging import Clinician, PagingService, TwilioSender
from haven.paging.clock import utcnow
from haven.paging.tables import ClinicianRow, IncidentRow, OutboxRow, PageRow
from tests.conftest import _database
from tests.fakes.fixtures import FakeTwilio, fake_twilio  # noqa: F401  (a fixture)
from tests.stackctl import Stack, make_settings

STAFF_NUMBER = "+15550001000"
USER_NUMBER = "+15550002000"
FALLBACK_NUMBER = "+15550009999"
ACK_TIMEOUT_S = 3.0


def phone() -> str:
    return "+1555" + "".join(secrets.choice("0123456789") for _ in range(7))


def paging_env(fake: FakeTwilio, staff_token: str) -> dict[str, str]:
    return {
        **fake.env(),
        "HAVEN_TWILIO_STAFF_NUMBER": STAFF_NUMBER,
        "HAVEN_TWILIO_USER_NUMBER": USER_NUMBER,
        "HAVEN_ONCALL_FALLBACK_NUMBER": FALLBACK_NUMBER,
        "HAVEN_PAGE_ACK_TIMEOUT_S": str(ACK_TIMEOUT_S),
        "HAVEN_PAGE_POLL_S": "0.1",
        "HAVEN_STAFF_TOKEN": staff_token,
    }


@dataclass
class PagingStack:
    stack: Stack
    fake: FakeTwilio
    staff_token: str
    engine: sa.Engine = field(init=False)
    service: PagingService = field(init=False)

    def __post_init__(self) -> None:
        self.engine = self.stack.engine()
        self.service = PagingService(self.engine, self.settings, TwilioSender(self.settings.twilio))

    @property
    def settings(self) -> Settings:
        return self.stack.settings

    @property
    def backend(self) -> str:
        return self.stack.backend

    def url(self, path: str) -> str:
        return self.settings.public_url + path

    def staff(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.staff_token}"}

    def on_call(self, count: int) -> list[Clinician]:
        """`count` new clinicians on shift now, in escalation order."""
        now = utcnow()
        clinicians = []
        for i in range(count):
            clinician = self.service.roster.add_clinician(f"Clinician {i + 1}", phone())
            self.service.roster.add_shift(
                clinician.id, now - timedelta(hours=1), now + timedelta(hours=8), order=i + 1
            )
            clinicians.append(clinician)
        return clinicians

    def rows(self, table: Any, *where: Any, order: Any = None) -> list[Any]:
        query = sa.select(table).where(*where)
        if order is not None:
            query = query.order_by(order)
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    def pages(self, number: str) -> list[Any]:
        return self.rows(PageRow, PageRow.incident_number == number, order=PageRow.created_at)

    def incident(self, number: str) -> Any:
        [row] = self.rows(IncidentRow, IncidentRow.number == number)
        return row

    def wait_until(self, check: Callable[[], bool], timeout_s: float = 15) -> None:
        deadline = time.monotonic() + timeout_s
        while not check():
            assert time.monotonic() < deadline, "condition not met in time"
            time.sleep(0.05)

    def wait_sent(self, number: str, count: int, timeout_s: float = 15) -> list[Any]:
        def sent() -> bool:
            return sum(p.status == "sent" for p in self.pages(number)) >= count

        self.wait_until(sent, timeout_s)
        return self.pages(number)

    def quiesce(self) -> None:
        """Start a test from a clean slate: nobody on call, no open incident, no requests."""
        with self.engine.begin() as conn:
            conn.execute(sa.update(ClinicianRow).values(active=False))
            conn.execute(
                sa.update(IncidentRow).where(IncidentRow.status == "open").values(status="resolved")
            )
            conn.execute(
                sa.update(OutboxRow)
                .where(OutboxRow.status == "pending")
                .values(status="cancelled", done_at=utcnow())
            )
        self.fake.reset()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def paging_stack(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    fake_twilio: FakeTwilio,  # noqa: F811
) -> Iterator[PagingStack]:
    """The gateway on a real database of each backend, paging through the fake Twilio."""
    backend = request.param
    data_dir: Path = tmp_path_factory.mktemp(f"paging-{backend}")
    token = secrets.token_urlsafe(24)
    with _database(backend, data_dir) as url:
        stack = Stack(make_settings(data_dir, url, **paging_env(fake_twilio, token)), backend)
        running = PagingStack(stack, fake_twilio, token)
        try:
            stack.prepare()
            stack.start_gateway()
            yield running
        finally:
            stack.stop()
            running.engine.dispose()


@pytest.fixture
def paging(paging_stack: PagingStack) -> PagingStack:
    paging_stack.quiesce()
    return paging_stack
