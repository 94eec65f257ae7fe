"""The free-text engine's errors.

Every error the engine raises derives from `LLMError`, so a caller can catch the family
in one place and answer with `fallback_reply` instead:

    LLMError
    ├── LLMBusy          the request queue is full; nothing was queued
    ├── LLMTimeout       the per-request time limit ran out before any reply text was ready
    └── LLMUnavailable   the model could not be loaded, the engine is closed,
                         or generation itself failed
"""

from __future__ import annotations


class LLMError(Exception):
    """Base class: the engine could not produce a model reply for this request."""


class LLMBusy(LLMError):
    """Every worker is busy and the waiting queue is full; retrying later may succeed."""


class LLMTimeout(LLMError):
    """The request's time limit ran out; generation was stopped."""


class LLMUnavailable(LLMError):
    """The model is not loaded or failed while generating."""
