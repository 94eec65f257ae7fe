"""The SMS outbox worker: an asyncio task in the gateway that sends due segments.

It wakes every `poll_interval_s`, or at once when a reply is queued, claims due rows and
sends them one after another (so the parts of a reply leave in order). A failure is retried
with exponential backoff (2 s doubling to 5 min, 10 attempts) when it may pass (network,
Twilio 5xx, rate limits); Twilio's 21610 (the person replied STOP) is final and opts the
number out. It never stops for a bad row or a database outage, and logs only ids.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import anyio

from haven.paging.errors import SendFailed
from haven.polling import PollingLoop
from haven.sms.outbox import Job, SmsOutbox
from haven.sms.sender import UNSUBSCRIBED, SmsSender
from haven.sms.subscribers import SubscriberStore
from haven.storage import StorageUnavailable

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_BACKOFF_S = 2.0
MAX_BACKOFF_S = 300.0


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed try: 2 s, 4 s, 8 s … at most 5 minutes."""
    return timedelta(seconds=min(FIRST_BACKOFF_S * 2 ** (attempts - 1), MAX_BACKOFF_S))


class OutboxWorker:
    def __init__(
        self,
        outbox: SmsOutbox,
        subscribers: SubscriberStore,
        sender: SmsSender,
        status_callback_url: str,
        poll_interval_s: float,
        *,
        batch_size: int = 16,
        lease: timedelta = timedelta(seconds=60),
    ) -> None:
        self._outbox = outbox
        self._subscribers = subscribers
        self._sender = sender
        self._callback = status_callback_url
        self._batch_size = batch_size
        self._lease = lease
        self._loop = PollingLoop(
            self.tick, poll_interval_s, task_name="haven-sms-outbox", label="sms outbox"
        )

    async def start(self) -> None:
        self._loop.start()

    async def stop(self, timeout_s: float = 10.0) -> None:
        """Let the row in hand finish (up to `timeout_s`), then stop."""
        await self._loop.stop(timeout_s)

    def wake(self) -> None:
        """Something was queued: look now rather than at the next poll."""
        self._loop.wake()

    async def tick(self) -> bool:
        """Claim and send one batch; True if the batch was full (more may be due)."""
        jobs = await anyio.to_thread.run_sync(
            self._outbox.claim, _now(), self._batch_size, self._lease
        )
        for job in jobs:
            try:
                await anyio.to_thread.run_sync(self.run, job)
            except StorageUnavailable:
                logger.warning(
                    "sms segment %s: database unavailable; retried after its lease", job.id
                )
            except Exception as exc:
                logger.error("sms segment %s: %s", job.id, type(exc).__name__)
        return len(jobs) == self._batch_size

    def run(self, job: Job) -> None:
        """Send one claimed segment and record what happened (blocking)."""
        subscriber = self._subscribers.get(job.number_id)
        if subscriber.opted_out:
            self._outbox.cancel(job, "opted out", _now())
            return
        number = self._subscribers.number(job.number_id)
        try:
            sid = self._sender.send(number, self._outbox.body(job), self._callback)
        except SendFailed as failure:
            self._failed(job, failure)
            return
        self._outbox.sent(job, sid, _now())

    def _failed(self, job: Job, failure: SendFailed) -> None:
        now = _now()
        if failure.code == UNSUBSCRIBED:
            self._outbox.fail(job, failure.code, failure.reason, now)
            self._subscribers.opt_out(job.number_id, "twilio", now)
            logger.info("sms segment %s: number %s has opted out (21610)", job.id, job.number_id)
        elif failure.transient and job.attempts < MAX_ATTEMPTS:
            self._outbox.retry(job, now + backoff(job.attempts), failure.reason, now)
            logger.warning("sms segment %s: %s; retrying", job.id, failure.reason)
        else:
            self._outbox.fail(job, failure.code, failure.reason, now)
            logger.error("sms segment %s failed for good: %s", job.id, failure.reason)


def _now() -> datetime:
    return datetime.now(UTC)
