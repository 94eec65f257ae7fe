"""The loop under both outbox workers (pages, SMS segments): call `tick` until stopped.

Both need the same care around each batch, kept here so their retry and shutdown cannot
drift apart: a failing tick (a database outage, an error no row handler caught) is logged
by type only and tried again, so the task outlives any single failure; a full batch means
more rows may be due, so the next tick runs at once; an idle tick sleeps `poll_interval_s`
unless `wake` is called; and `stop` lets the batch in hand finish before it cancels.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from haven.storage import StorageUnavailable

logger = logging.getLogger(__name__)

Tick = Callable[[], Awaitable[bool]]
"""Claims and runs one batch; returns True if the batch was full (more may be due)."""


class PollingLoop:
    def __init__(self, tick: Tick, poll_interval_s: float, *, task_name: str, label: str) -> None:
        """`label` starts each log line (no ids, no content: only the error's type)."""
        self._tick = tick
        self._poll_interval_s = poll_interval_s
        self._task_name = task_name
        self._label = label
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.create_task(self._run(), name=self._task_name)

    async def stop(self, timeout_s: float = 10.0) -> None:
        """Let the batch in hand finish (up to `timeout_s`), then stop."""
        task, self._task = self._task, None
        if task is None:
            return
        self._stopping.set()
        self._wake.set()
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout_s)
        except TimeoutError:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def wake(self) -> None:
        """Look now rather than at the next poll."""
        self._wake.set()

    async def _run(self) -> None:
        while not self._stopping.is_set():
            busy = False
            try:
                busy = await self._tick()
            except StorageUnavailable:
                logger.warning("%s: database unavailable; retrying", self._label)
            except Exception as exc:  # the worker must outlive any single failure
                logger.error("%s: %s; retrying", self._label, type(exc).__name__)
            if not busy:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self._poll_interval_s)
                self._wake.clear()
