"""The free-text engine: the async face of the model workers.

Requests wait in a bounded queue for one of `settings.workers` threads, each holding its
own copy of the model. When `settings.queue_size` requests are already waiting, a new one
is refused at once with `LLMBusy` instead of waiting without bound; a request is stopped
when its time limit (`settings.timeout_s`, counted from the request, queueing included)
runs out, or when its caller goes away.
"""

from __future__ import annotations

import asyncio
import logging
import os
import queue
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType

from bot.freetext.detectors import Reason
from bot.freetext.errors import LLMBusy, LLMError, LLMUnavailable
from bot.freetext.fallback import fallback_reply
from bot.freetext.jobs import Event, Job
from bot.freetext.stream import GenerationStats, ReplyStream
from bot.freetext.worker import Worker
from haven.config import LLMSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FreeTextReply:
    """A reply that is always there to send, whether or not the model produced it."""

    text: str
    reasons: tuple[Reason, ...] = ()
    """Why the guardrails changed the model's text; empty when it passed unchanged."""
    failure: LLMError | None = None
    """Set when the model gave no reply and `text` came from `fallback_reply`."""
    stats: GenerationStats | None = None
    """Timings of the model's attempt; None when the request was refused (`LLMBusy`)."""


class FreeTextEngine:
    """Replies to free text with the local model. Build it with `start`, end it with `close`."""

    def __init__(
        self, settings: LLMSettings, jobs: queue.Queue[Job | None], workers: list[Worker]
    ) -> None:
        self._settings = settings
        self._jobs = jobs
        self._workers = workers
        self._lock = threading.Lock()
        self._waiting = 0
        self._closed = False

    @classmethod
    def start(cls, settings: LLMSettings) -> FreeTextEngine:
        """Load the model in each worker thread; blocks until all are ready.

        Raises `LLMUnavailable` if the model cannot be loaded or the context window is too
        small for the system prompt and `max_tokens`.
        """
        jobs: queue.Queue[Job | None] = queue.Queue()
        workers = [Worker(f"freetext-{n}", settings, jobs) for n in range(settings.workers)]
        engine = cls(settings, jobs, workers)
        # One at a time: llama-cpp-python silences stdout/stderr while loading by swapping
        # the process's file descriptors, which concurrent loads would leave swapped.
        for worker in workers:
            worker.start()
            worker.ready.wait()
            if worker.startup_error is not None:
                engine.close()
                raise worker.startup_error
        threads = settings.workers * settings.threads
        if threads > (os.cpu_count() or 1):
            # llama.cpp threads spin while they wait for each other; oversubscribed cores
            # make every reply slower rather than serving more at once.
            log.warning(
                "free-text engine: %d llama.cpp threads on %s cores", threads, os.cpu_count()
            )
        log.info("free-text engine ready: %d worker(s)", len(workers))
        return engine

    def stream(
        self, history: Sequence[tuple[str, str]], text: str, *, timeout_s: float | None = None
    ) -> ReplyStream:
        """Queue a reply to `text` and return its stream of screened chunks.

        `history` holds the earlier turns as `(role, text)` pairs, oldest first, without
        `text` itself. `timeout_s` overrides the configured time limit for this request.
        Must be called from a running event loop. Raises `LLMBusy` when the queue is full
        and `LLMUnavailable` once the engine is closed.
        """
        loop = asyncio.get_running_loop()
        events: asyncio.Queue[Event] = asyncio.Queue()

        def emit(event: Event) -> None:
            try:
                loop.call_soon_threadsafe(events.put_nowait, event)
            except RuntimeError:  # the loop has closed: nobody is listening any more
                job.halt()

        requested_at = time.monotonic()
        limit = self._settings.timeout_s if timeout_s is None else timeout_s
        job = Job(
            history=tuple(history),
            text=text,
            deadline=requested_at + limit,
            emit=emit,
            on_dequeue=self._left_queue,
        )
        with self._lock:
            if self._closed:
                raise LLMUnavailable("the free-text engine is closed")
            if self._waiting >= self._settings.queue_size:
                raise LLMBusy(f"{self._waiting} free-text requests are already waiting")
            self._waiting += 1
            self._jobs.put(job)
        return ReplyStream(job, events, self._settings.max_reply_chars, requested_at)

    async def reply(
        self, history: Sequence[tuple[str, str]], text: str, *, timeout_s: float | None = None
    ) -> str:
        """The whole screened reply; raises `LLMBusy`, `LLMTimeout` or `LLMUnavailable`."""
        async with self.stream(history, text, timeout_s=timeout_s) as stream:
            async for _chunk in stream:
                pass
        return stream.result.text

    async def reply_or_fallback(
        self, history: Sequence[tuple[str, str]], text: str, *, timeout_s: float | None = None
    ) -> FreeTextReply:
        """Like `reply`, but a busy, slow or failed model yields `fallback_reply(text)`."""
        stream: ReplyStream | None = None
        try:
            stream = self.stream(history, text, timeout_s=timeout_s)
            async with stream:
                async for _chunk in stream:
                    pass
        except LLMError as exc:
            log.warning("free-text reply fell back to a template: %s", type(exc).__name__)
            stats = None if stream is None else stream.stats
            return FreeTextReply(text=fallback_reply(text), failure=exc, stats=stats)
        result = stream.result
        return FreeTextReply(text=result.text, reasons=result.reasons, stats=stream.stats)

    @property
    def in_flight(self) -> int:
        """Requests waiting or being generated right now."""
        running = sum(worker.current is not None for worker in self._workers)
        return self._waiting + running

    @property
    def tokens_generated(self) -> int:
        """Tokens generated since start, by all workers: a counter for metrics."""
        return sum(worker.tokens_generated for worker in self._workers)

    def close(self) -> None:
        """Stop every request (callers get `LLMUnavailable`) and end the worker threads."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        closed = LLMUnavailable("the free-text engine closed")
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                job.halt(closed)
        for worker in self._workers:
            running = worker.current
            if running is not None:
                running.halt(closed)
            self._jobs.put(None)
        for worker in self._workers:
            if worker.is_alive():
                worker.join(timeout=self._settings.timeout_s)

    def __enter__(self) -> FreeTextEngine:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _left_queue(self) -> None:
        with self._lock:
            self._waiting -= 1
