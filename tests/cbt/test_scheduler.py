"""The reminder scheduler on real databases: due rows are claimed once, delivered into the
session's history through DeliveryHub, retried after a failure, and survive a restart."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from bot.cbt.scheduler import ReminderScheduler
from bot.cbt.stores import CbtStores
from haven.delivery import DeliveryHub
from haven.storage import ChatMessage, MessageStore, StorageUnavailable


@pytest.fixture(autouse=True)
def no_other_reminders(engine: Engine) -> None:
    """Reminders are claimed across all sessions: start each test with none pending."""
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM cbt_reminders"))


async def test_due_reminder_and_follow_up_are_delivered_once(
    session: str, messages: MessageStore, cbt: CbtStores
) -> None:
    now = datetime.now(UTC)
    cbt.activities.plan(
        session, "go for a walk", now - timedelta(seconds=1), now + timedelta(hours=1)
    )
    hub = DeliveryHub(messages)
    pushed: list[str] = []

    async def live(stored: list) -> None:  # type: ignore[type-arg]
        pushed.extend(m.message.text for m in stored)

    hub.subscribe(session, live)
    scheduler = ReminderScheduler(cbt.activities, hub.deliver)
    assert await scheduler.run_once() == 1
    assert await scheduler.run_once() == 0  # already sent: never twice
    [reminder] = messages.history(session)
    assert reminder.direction == "out"
    assert reminder.message.text.startswith(
        "Reminder: it's time for what you planned: go for a walk"
    )
    assert pushed == [reminder.message.text]

    assert await scheduler.run_once(now + timedelta(hours=1, seconds=1)) == 1
    follow_up = messages.history(session)[-1].message
    assert follow_up.text == "Earlier you planned: go for a walk. Did it happen?"
    assert [(b.title, b.payload) for b in follow_up.buttons] == [
        ("Yes, I did it", "/activation_done"),
        ("Not this time", "/activation_missed"),
    ]


async def test_two_workers_never_send_the_same_reminder(
    session: str, messages: MessageStore, cbt: CbtStores
) -> None:
    now = datetime.now(UTC)
    for n in range(6):
        cbt.activities.plan(
            session, f"task {n}", now - timedelta(seconds=n + 1), now + timedelta(days=1)
        )
    hub = DeliveryHub(messages)
    first = ReminderScheduler(cbt.activities, hub.deliver, batch=3)
    second = ReminderScheduler(cbt.activities, hub.deliver, batch=3)
    sent = 0
    for _ in range(4):  # racing passes; a claim lost to the other worker is simply skipped
        sent += sum(await asyncio.gather(first.run_once(), second.run_once()))
    assert sent == 6
    texts = [m.message.text for m in messages.history(session)]
    assert len(texts) == len(set(texts)) == 6


async def test_a_failed_delivery_is_retried_later(
    session: str, messages: MessageStore, cbt: CbtStores
) -> None:
    now = datetime.now(UTC)
    cbt.activities.plan(session, "stretch", now - timedelta(seconds=1), now + timedelta(days=1))
    hub = DeliveryHub(messages)
    calls = 0

    async def flaky(session_id: str, batch: Sequence[ChatMessage]) -> object:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise StorageUnavailable("database unavailable")
        return await hub.deliver(session_id, batch)

    scheduler = ReminderScheduler(cbt.activities, flaky)
    assert await scheduler.run_once() == 0
    assert messages.history(session) == []
    assert await scheduler.run_once() == 1
    assert len(messages.history(session)) == 1


async def test_an_expired_claim_is_taken_over(
    session: str, messages: MessageStore, cbt: CbtStores
) -> None:
    """A worker that died after claiming leaves the row `sending`; after the lease it is sent."""
    now = datetime.now(UTC)
    cbt.activities.plan(session, "read", now - timedelta(seconds=1), now + timedelta(days=1))
    [claimed] = cbt.activities.claim_due(now)  # ...and the process dies here
    assert cbt.activities.claim_due(now + timedelta(minutes=1)) == []
    [again] = cbt.activities.claim_due(now + timedelta(minutes=6))
    assert again.id == claimed.id and again.attempts == 2


async def test_the_worker_loop_runs_until_cancelled(
    session: str, messages: MessageStore, cbt: CbtStores
) -> None:
    now = datetime.now(UTC)
    cbt.activities.plan(session, "tea", now + timedelta(seconds=0.3), now + timedelta(days=1))
    scheduler = ReminderScheduler(cbt.activities, DeliveryHub(messages).deliver, interval_s=0.1)
    task = asyncio.create_task(scheduler.run_forever())
    for _ in range(50):
        await asyncio.sleep(0.1)
        if messages.history(session):
            break
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert [m.message.text.split(":")[0] for m in messages.history(session)] == ["Reminder"]
