"""The outbox worker: an asyncio task in the gateway that sends pages and runs escalations.

Every `poll_interval_s` it claims due rows and runs them (blocking work in threads,
several at once). Every `roster_refresh_s` it rereads the roster into the cache that
`page_without_database` uses. It never stops for a bad row or a database outage: it logs
(no phone numbers, no text) and tries again on the next tick.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import anyio

from haven.paging.clock import utcnow
from haven.paging.dispatch import Dispatcher
from haven.paging.outbox import Job
from haven.paging.service import PagingService
from haven.polling import PollingLoop
from haven.storage import StorageUnavailable

logger = logging.getLogger(__name__)


class PagingWorker:
    def __init__(
        self,
        service: PagingService,
        dispatcher: Dispatcher,
        poll_interval_s: float,
        *,
        batch_size: int = 16,
        lease: timedelta = timedelta(seconds=60),
        roster_refresh_s: float = 30.0,
    ) -> None:
        self._service = service
        self._dispatcher = dispatcher
        self._batch_size = batch_size
        self._lease = lease
        self._roster_refresh_s = roster_refresh_s
        self._roster_read_at: float | None = None
        self._loop = PollingLoop(
            self.tick, poll_interval_s, task_name="haven-paging-worker", label="paging worker"
        )

    async def start(self) -> None:
        """Fill the roster cache, then start polling."""
        await self._refresh_roster()
        self._loop.start()

    async def stop(self, timeout_s: float = 10.0) -> None:
        """Let the rows in hand finish (up to `timeout_s`), then stop."""
        await self._loop.stop(timeout_s)

    async def tick(self) -> bool:
        """Claim and run one batch of due rows; True if the batch was full (more may wait)."""
        if self._roster_stale():
            await self._refresh_roster()
        jobs = await anyio.to_thread.run_sync(
            self._dispatcher.outbox.claim, utcnow(), self._batch_size, self._lease
        )
        async with anyio.create_task_group() as group:
            for job in jobs:
                group.start_soon(self._run_job, job)
        return len(jobs) == self._batch_size

    async def _run_job(self, job: Job) -> None:
        try:
            await anyio.to_thread.run_sync(self._dispatcher.run, job)
        except StorageUnavailable:
            logger.warning(
                "outbox row %d: database unavailable; it runs again after its lease", job.id
            )
        except Exception as exc:
            logger.error("outbox row %d (%s): %s", job.id, job.kind, type(exc).__name__)

    def _roster_stale(self) -> bool:
        read_at = self._roster_read_at
        return read_at is None or time.monotonic() - read_at >= self._roster_refresh_s

    async def _refresh_roster(self) -> None:
        try:
            await anyio.to_thread.run_sync(self._service.refresh_roster_cache)
        except StorageUnavailable:
            logger.warning("roster cache not refreshed: database unavailable")
            return
        self._roster_read_at = time.monotonic()
