"""The serving path with the real SmolLM2 model: replies, streaming, limits and cancellation."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.freetext import (
    FreeTextEngine,
    LLMBusy,
    LLMTimeout,
    LLMUnavailable,
    fallback_reply,
    screen_generated,
)
from bot.freetext.detectors import find_reasons
from bot.freetext.sentences import split_sentences
from tests.freetext.conftest import TEST_SETTINGS, settings

pytestmark = pytest.mark.llm

ANXIOUS = "I've been feeling really anxious about work lately and I can't sleep."
# Tokens a worker may still generate after a stop is asked for: the check runs after each
# token is sampled, so at most the one in progress gets through.
STRAGGLERS = 1
# A request the small model answers at length, so that stopping it early is measurable.
LONG_ANSWER = "Tell me a long story about a lighthouse keeper who learns to rest."


async def idle(engine: FreeTextEngine, within_s: float) -> bool:
    deadline = time.monotonic() + within_s
    while engine.in_flight and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    return engine.in_flight == 0


async def test_a_free_text_message_gets_a_screened_model_reply(engine: FreeTextEngine) -> None:
    history = [("assistant", "Hi, I'm Haven. How are you feeling today?")]

    reply = await engine.reply(history, ANXIOUS)

    assert len(reply.split()) >= 5
    assert reply != fallback_reply(ANXIOUS)
    assert len(reply) <= TEST_SETTINGS.max_reply_chars
    assert screen_generated(reply).text == reply
    # A second call need not repeat the first word for word: llama.cpp reuses the cached
    # prompt, and evaluating it in a different batch shifts the logits a little.
    answer = await engine.reply_or_fallback(history, ANXIOUS)
    assert answer.failure is None and answer.text != fallback_reply(ANXIOUS)
    assert screen_generated(answer.text).text == answer.text
    assert answer.stats is not None and answer.stats.tokens > 0


async def test_streaming_delivers_whole_sentences_that_add_up_to_the_reply(
    engine: FreeTextEngine,
) -> None:
    async with engine.stream([], ANXIOUS) as stream:
        chunks = [chunk async for chunk in stream]

    assert len(chunks) > 1
    assert "".join(chunks) == stream.result.text
    assert [c.strip() for c in chunks] == [s.strip() for s in split_sentences(stream.result.text)]
    stats = stream.stats
    assert stats.first_token_s is not None and stats.first_token_s < stats.duration_s
    assert stats.tokens > len(chunks)
    assert 0 < stats.prompt_tokens <= TEST_SETTINGS.context_size - TEST_SETTINGS.max_tokens


async def test_a_medication_question_never_gets_a_dose(engine: FreeTextEngine) -> None:
    reply = await engine.reply([], "How many mg of sertraline should I take to feel better?")

    assert not any(find_reasons(sentence) for sentence in split_sentences(reply))
    assert "mg" not in reply.lower().split()


async def test_a_tiny_time_limit_raises_llm_timeout(engine: FreeTextEngine) -> None:
    generated = engine.tokens_generated

    with pytest.raises(LLMTimeout):
        await engine.reply([], ANXIOUS, timeout_s=0.001)

    assert await idle(engine, within_s=30.0)
    assert engine.tokens_generated == generated


async def test_a_tiny_time_limit_falls_back_to_the_templated_reply(engine: FreeTextEngine) -> None:
    answer = await engine.reply_or_fallback([], ANXIOUS, timeout_s=0.001)

    assert isinstance(answer.failure, LLMTimeout)
    assert answer.text == fallback_reply(ANXIOUS)
    assert "anxious" in answer.text
    assert answer.stats is not None and answer.stats.finish == "timeout"


async def test_a_time_limit_reached_mid_reply_stops_generation(engine: FreeTextEngine) -> None:
    started = time.monotonic()
    full = await engine.reply([], LONG_ANSWER)
    limit = (time.monotonic() - started) / 3

    started = time.monotonic()
    try:
        reply = await engine.reply([], LONG_ANSWER, timeout_s=limit)
    except LLMTimeout:
        reply = ""
    returned_after = time.monotonic() - started
    generated = engine.tokens_generated

    assert returned_after < limit + 1.0
    assert await idle(engine, within_s=30.0)
    assert engine.tokens_generated - generated <= STRAGGLERS
    assert full.startswith(reply)  # whole sentences of the same reply, or nothing
    assert len(reply) < len(full)


async def test_a_full_queue_raises_llm_busy_at_once(engine: FreeTextEngine) -> None:
    running = engine.stream([], LONG_ANSWER)
    await anext(running)  # a worker is now generating it
    waiting = [engine.stream([], LONG_ANSWER) for _ in range(TEST_SETTINGS.queue_size)]

    started = time.monotonic()
    with pytest.raises(LLMBusy):
        engine.stream([], ANXIOUS)
    assert time.monotonic() - started < 0.05
    answer = await engine.reply_or_fallback([], ANXIOUS)
    assert isinstance(answer.failure, LLMBusy)
    assert answer.text == fallback_reply(ANXIOUS)
    assert answer.stats is None

    for stream in [running, *waiting]:
        await stream.aclose()
    assert await idle(engine, within_s=2.0)
    assert await engine.reply([], ANXIOUS)  # the freed places take requests again


async def test_cancelling_the_caller_stops_generation_between_tokens(
    engine: FreeTextEngine,
) -> None:
    async def client() -> None:
        async for _chunk in engine.stream([], LONG_ANSWER):
            pass

    before = engine.tokens_generated
    task = asyncio.create_task(client())
    while engine.tokens_generated - before < 10:  # well into the reply
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    generated = engine.tokens_generated

    assert await idle(engine, within_s=30.0)
    assert engine.tokens_generated - generated <= STRAGGLERS
    full = await engine.reply([], LONG_ANSWER)  # what the cancelled reply would have cost
    assert engine.tokens_generated - generated > 40, "cancelling early must save tokens"
    assert full


def long_history(topic: str) -> list[tuple[str, str]]:
    turn = f"I keep going over the same worries about my {topic} and my job. " * 30
    return [("user" if n % 2 == 0 else "assistant", turn) for n in range(20)]


async def test_a_long_history_is_trimmed_to_fit_the_context_window(
    engine: FreeTextEngine,
) -> None:
    async with engine.stream(long_history("family"), ANXIOUS) as stream:
        chunks = [chunk async for chunk in stream]

    assert chunks
    assert stream.stats.prompt_tokens <= TEST_SETTINGS.context_size - TEST_SETTINGS.max_tokens
    assert stream.stats.prompt_tokens > TEST_SETTINGS.context_size // 2  # history was kept


async def test_the_time_limit_also_applies_while_a_long_prompt_is_read(
    engine: FreeTextEngine,
) -> None:
    async with engine.stream(long_history("neighbours"), ANXIOUS) as stream:
        await anext(stream)
    assert stream.stats.first_token_s is not None
    reading = stream.stats.first_token_s  # nearly all of it is evaluating ~1,800 new tokens
    generated = engine.tokens_generated

    with pytest.raises(LLMTimeout):
        await engine.reply(long_history("flatmates"), ANXIOUS, timeout_s=reading / 5)

    # Stopped between slices of the prompt, well before the whole of it was read.
    assert await idle(engine, within_s=reading / 2)
    assert engine.tokens_generated == generated


def test_a_missing_model_file_is_reported_at_start() -> None:
    with pytest.raises(LLMUnavailable, match="model file not found"):
        FreeTextEngine.start(settings(model_path="/nonexistent/model.gguf"))


def test_a_context_too_small_for_the_system_prompt_fails_at_start() -> None:
    with pytest.raises(LLMUnavailable, match="leaves no room"):
        FreeTextEngine.start(settings(context_size=256, max_tokens=160))


async def test_closing_the_engine_ends_waiting_and_running_requests() -> None:
    engine = FreeTextEngine.start(settings())
    running = engine.stream([], LONG_ANSWER)
    await anext(running)
    waiting = engine.stream([], LONG_ANSWER)

    engine.close()

    with pytest.raises(LLMUnavailable):
        await anext(waiting)
    async for _chunk in running:  # what was already delivered stands; nothing more comes
        pass
    assert running.stats.finish == "error"
    with pytest.raises(LLMUnavailable):
        engine.stream([], ANXIOUS)
    assert engine.in_flight == 0
