"""One reply as it is generated: screened, sentence-sized chunks for the event loop.

How the pipeline uses it:

    async with engine.stream(history, text) as reply:
        async for chunk in reply:       # each chunk is a whole sentence that passed the
            await show_draft(chunk)     # guardrails (or the templated replacement)
    final = reply.result.text           # run the crisis check on this, then persist/deliver

Chunks are safe to display as drafts; `result.text` (their concatenation) is what must be
screened by the crisis classifier before it is committed. Leaving the `async with` block,
or cancelling the task that iterates, stops generation within a token.

Iteration raises `LLMTimeout` or `LLMUnavailable` only while nothing has been delivered.
Once a sentence has been, a time limit or a failure ends the reply at the last whole
sentence instead (`stats.finish` says why): the person never gets half a reply and then
an apology. An empty model reply is replaced by `fallback_reply`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from dataclasses import dataclass
from types import TracebackType

from bot.freetext.errors import LLMTimeout
from bot.freetext.fallback import fallback_reply
from bot.freetext.guardrails import GuardrailResult, ReplyScreen
from bot.freetext.jobs import Delta, Event, Failed, Finished, Job, Started
from bot.freetext.sentences import SentenceBuffer

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class GenerationStats:
    """Timings of one reply, safe to log: no text."""

    queued_s: float | None
    """From the request to a worker starting on it."""
    first_token_s: float | None
    """From the request to the first generated text reaching the event loop."""
    duration_s: float
    """From the request to the end of generation."""
    tokens: int
    """Pieces of generated text received (about one per token)."""
    prompt_tokens: int
    finish: str
    """`stop`, `length`, `guardrail`, `timeout`, `error`, `empty` or `cancelled`."""


class ReplyStream:
    """Async iterator of screened chunks of one reply; also an async context manager."""

    def __init__(
        self, job: Job, events: asyncio.Queue[Event], max_chars: int, requested_at: float
    ) -> None:
        self._job = job
        self._events = events
        self._requested_at = requested_at
        self._sentences = SentenceBuffer()
        self._screen = ReplyScreen(max_chars)
        self._ready: deque[str] = deque()
        self._worker_started_at: float | None = None
        self._first_token_at: float | None = None
        self._ended_at: float | None = None
        self._tokens = 0
        self._prompt_tokens = 0
        self._finish = "cancelled"
        self._done = False

    def __aiter__(self) -> ReplyStream:
        return self

    async def __anext__(self) -> str:
        while not self._ready:
            if self._done:
                raise StopAsyncIteration
            await self._receive()
        return self._ready.popleft()

    async def __aenter__(self) -> ReplyStream:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop generating; what was delivered so far stays in `result`."""
        if not self._done:
            self._end("cancelled")

    def __del__(self) -> None:
        # A stream abandoned without aclose() must not keep a worker busy.
        if not self._done:
            self._job.halt()

    @property
    def result(self) -> GuardrailResult:
        """The delivered text and why it differs from the model's, if it does."""
        return self._screen.result()

    @property
    def stats(self) -> GenerationStats:
        end = self._ended_at if self._ended_at is not None else time.monotonic()
        started, first = self._worker_started_at, self._first_token_at
        return GenerationStats(
            queued_s=None if started is None else started - self._requested_at,
            first_token_s=None if first is None else first - self._requested_at,
            duration_s=end - self._requested_at,
            tokens=self._tokens,
            prompt_tokens=self._prompt_tokens,
            finish=self._finish,
        )

    async def _receive(self) -> None:
        try:
            event = await self._next_event()
        except asyncio.CancelledError:
            self._end("cancelled")
            raise
        if event is None:
            self._on_deadline()
        elif isinstance(event, Started):
            self._worker_started_at, self._prompt_tokens = time.monotonic(), event.prompt_tokens
        elif isinstance(event, Delta):
            self._on_text(event.text)
        elif isinstance(event, Finished):
            self._on_finished(event)
        else:
            self._on_failed(event)

    async def _next_event(self) -> Event | None:
        """The worker's next event, or None once the deadline has passed."""
        if not self._events.empty():
            return self._events.get_nowait()
        remaining = self._job.deadline - time.monotonic()
        if remaining <= 0:
            return None
        # Not asyncio.wait_for: on Python 3.11 it can swallow a cancellation that arrives
        # just as an event does, and cancellation is how a departed client stops generation.
        try:
            async with asyncio.timeout(remaining):
                return await self._events.get()
        except TimeoutError:
            return None

    def _on_text(self, text: str) -> None:
        self._tokens += 1
        if self._first_token_at is None:
            self._first_token_at = time.monotonic()
        for sentence in self._sentences.feed(text):
            self._deliver(sentence)
            if self._screen.finished:
                self._end("guardrail")
                return

    def _on_finished(self, event: Finished) -> None:
        if event.reason == "halted" and time.monotonic() >= self._job.deadline:
            self._on_deadline()
            return
        self._deliver(self._sentences.flush())
        if not self._screen.delivered_anything:
            # The model said nothing usable; the person still gets an answer.
            self._ready.append(self._screen.substitute(fallback_reply(self._job.text)))
            self._end("empty")
        else:
            self._end("guardrail" if self._screen.finished else event.reason)

    def _on_failed(self, event: Failed) -> None:
        self._end("error")
        if not self._screen.delivered_anything:
            raise event.error

    def _on_deadline(self) -> None:
        self._end("timeout")
        if not self._screen.delivered_anything:
            raise LLMTimeout("the free-text reply took longer than its time limit")

    def _deliver(self, sentence: str) -> None:
        chunk = self._screen.push(sentence)
        if chunk:
            self._ready.append(chunk)

    def _end(self, finish: str) -> None:
        if self._done:
            return
        self._done = True
        self._finish = finish
        self._ended_at = time.monotonic()
        self._job.halt()
        stats = self.stats
        log.info(
            "free-text reply: finish=%s tokens=%d prompt_tokens=%d first_token_s=%s "
            "duration_s=%.3f reasons=%s",
            stats.finish,
            stats.tokens,
            stats.prompt_tokens,
            "-" if stats.first_token_s is None else f"{stats.first_token_s:.3f}",
            stats.duration_s,
            ",".join(self.result.reasons) or "-",
        )
