"""The real SmolLM2 model, loaded once per session and shared by the free-text tests."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from bot.freetext import FreeTextEngine
from haven.config import LLMSettings

if TYPE_CHECKING:
    from llama_cpp import Llama

    from bot.freetext.template import ChatTemplate

TEST_SETTINGS = LLMSettings(
    model_path="",
    # One thread: on a busy 2-core machine, two llama.cpp threads spin-wait for each other
    # and generate several times slower than one (measured: 3-5 tok/s against 28-37).
    threads=1,
    context_size=2048,
    max_tokens=160,
    temperature=0.0,
    seed=1234,
    timeout_s=120.0,  # generous: the machine may be busy; limit tests pass their own
    queue_size=2,
    workers=1,
    history_turns=6,
    max_reply_chars=600,
)


def settings(**changes: object) -> LLMSettings:
    return replace(TEST_SETTINGS, **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def shared_engine() -> Iterator[FreeTextEngine]:
    with FreeTextEngine.start(TEST_SETTINGS) as engine:
        yield engine


@pytest.fixture
def engine(shared_engine: FreeTextEngine) -> Iterator[FreeTextEngine]:
    """The shared engine; each test must leave it idle, so one cannot slow the next."""
    yield shared_engine
    assert wait_until_idle(shared_engine, within_s=30.0), "a test left a request running"


@pytest.fixture(scope="session")
def vocab() -> Llama:
    """The packaged model's tokenizer and metadata only (no weights): cheap to load."""
    from llama_cpp import Llama

    from bot.freetext.model import packaged_model_path

    return Llama(model_path=str(packaged_model_path()), vocab_only=True, verbose=False)


@pytest.fixture(scope="session")
def chat_template(vocab: Llama) -> ChatTemplate:
    from bot.freetext.template import ChatTemplate

    return ChatTemplate(vocab)


def wait_until_idle(engine: FreeTextEngine, within_s: float) -> bool:
    deadline = time.monotonic() + within_s
    while engine.in_flight and time.monotonic() < deadline:
        time.sleep(0.01)
    return engine.in_flight == 0
