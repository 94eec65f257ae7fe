"""The reminder worker: runs in the gateway's lifespan and sends due reminders and follow-up
questions through `DeliveryHub.deliver`, so they land in the session's history and on every
live connection of the person's channel.

Reminders are rows (`cbt_reminders`), so nothing is lost when the gateway restarts: the next
pass claims whatever fell due meanwhile. Claims are per row and conditional (see
`ActivityStore.claim_due`); a failed delivery is retried on a later pass.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime

import anyio

from bot.cbt.stores import ActivityStore, DueReminder
from bot.cbt.stores.activities import REMINDER
from haven.storage import ChatMessage, StorageError
from haven.storage.messages import Button

logger = logging.getLogger(__name__)

Deliver = Callable[[str, Sequence[ChatMessage]], Awaitable[object]]


def reminder_messages(reminder: DueReminder) -> list[ChatMessage]:
    """What the person receives: the reminder, or the follow-up question with its buttons."""
    activity = reminder.activity.activity
    if reminder.kind == REMINDER:
        return [
            ChatMessage(
                f"Reminder: it's time for what you planned: {activity}. "
                "Even a few minutes of it counts."
            )
        ]
    return [
        ChatMessage(
            f"Earlier you planned: {activity}. Did it happen?",
            (
                Button("Yes, I did it", "/activation_done"),
                Button("Not this time", "/activation_missed"),
            ),
        )
    ]


class ReminderScheduler:
    def __init__(
        self,
        activities: ActivityStore,
        deliver: Deliver,
        interval_s: float = 1.0,
        batch: int = 20,
    ) -> None:
        self._activities = activities
        self._deliver = deliver
        self._interval_s = interval_s
        self._batch = batch

    async def run_once(self, now: datetime | None = None) -> int:
        """Claim and send every reminder due at `now`; returns how many were sent."""
        due = await anyio.to_thread.run_sync(
            self._activities.claim_due, now or datetime.now(UTC), self._batch
        )
        sent = 0
        for reminder in due:
            try:
                await self._deliver(reminder.activity.session_id, reminder_messages(reminder))
            except (StorageError, OSError):
                logger.warning("reminder %s not delivered; will retry", reminder.id)
                await anyio.to_thread.run_sync(
                    self._activities.release, reminder.id, reminder.attempts
                )
                continue
            await anyio.to_thread.run_sync(self._activities.mark_sent, reminder.id)
            sent += 1
        return sent

    async def run_forever(self) -> None:
        """The worker: a pass every `interval_s` until cancelled (at gateway shutdown)."""
        while True:
            try:
                await self.run_once()
            except StorageError:
                logger.warning("reminders: database unavailable; will retry")
            except Exception:
                logger.exception("reminders: a pass failed; will retry")
            await asyncio.sleep(self._interval_s)
