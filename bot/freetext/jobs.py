"""A reply request as it passes between the event loop and a worker thread.

The loop creates a `Job` and queues it; the worker claims it and sends back `Started`,
then `Delta`s, then `Finished` or `Failed`. Either side may halt it: the loop when its
client goes away or the guardrails have seen enough, the engine when it closes, the worker
itself when the deadline passes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from bot.freetext.errors import LLMError


@dataclass(frozen=True, slots=True)
class Started:
    prompt_tokens: int


@dataclass(frozen=True, slots=True)
class Delta:
    text: str
    """One piece of streamed text: a token's worth, unless llama.cpp held back a partial one."""


@dataclass(frozen=True, slots=True)
class Finished:
    reason: str
    """`stop` (the model ended), `length` (max_tokens) or `halted` (stopped early)."""


@dataclass(frozen=True, slots=True)
class Failed:
    error: LLMError


Event = Started | Delta | Finished | Failed


class _State(Enum):
    WAITING = "waiting"
    RUNNING = "running"
    DONE = "done"


@dataclass(eq=False)
class Job:
    """One reply request, shared by the event loop that asked and the worker that serves it."""

    history: Sequence[tuple[str, str]]
    text: str
    deadline: float
    """`time.monotonic()` value after which generation stops."""
    emit: Callable[[Event], None]
    """Delivers an event to the requester; safe to call from any thread."""
    on_dequeue: Callable[[], None]
    """Called exactly once when the job stops waiting (claimed, halted or closed)."""
    _state: _State = _State.WAITING
    _halted: threading.Event = field(default_factory=threading.Event)
    _error: LLMError | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def claim(self) -> bool:
        """Move from waiting to running; False if the job was halted while waiting."""
        with self._lock:
            if self._state is not _State.WAITING:
                return False
            self._state = _State.RUNNING
        self.on_dequeue()
        return True

    def halt(self, error: LLMError | None = None) -> None:
        """Stop the job: dropped if still waiting, generation stopped if running.

        With `error`, the requester is told why (used when the engine closes).
        """
        with self._lock:
            if self._state is _State.DONE:
                return
            was_waiting = self._state is _State.WAITING
            self._state = _State.DONE if was_waiting else self._state
            self._error = self._error or error
            self._halted.set()
        if was_waiting:
            self.on_dequeue()
            if error is not None:
                self.emit(Failed(error))

    def finish(self) -> None:
        with self._lock:
            self._state = _State.DONE

    def should_stop(self) -> bool:
        return self._halted.is_set() or time.monotonic() >= self.deadline

    @property
    def error(self) -> LLMError | None:
        return self._error
