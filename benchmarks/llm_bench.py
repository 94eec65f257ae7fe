"""Free-text LLM figures: Haven's serving path against llama-cpp-python called directly.

    .venv/bin/python benchmarks/llm_bench.py [--runs 8] [--replies 8]

One process, one model file, one prompt, one set of settings (`HAVEN_LLM_*`, read as the
service reads them). Prints, as a table:

* time to first token and decode tokens/s, for the same messages sent through
  `FreeTextEngine.stream` (queue, worker thread, guardrails, event loop) and through
  `Llama.create_chat_completion(stream=True)` in this thread; runs alternate between the
  two so that machine load drifting over the run affects both alike;
* p50/p95 end-to-end latency of `FreeTextEngine.reply_or_fallback` (what the pipeline
  calls) with 1 and with 4 users sending messages one after another; "fallbacks" counts
  templated replies (busy, or nothing ready in time), "cut short" replies that the time
  limit ended at a sentence boundary.

This prints figures; it is not a test and asserts nothing. Other work on the machine shows
up in the numbers, so the load average is printed with them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from llama_cpp import Llama

from bot.freetext import FreeTextEngine, build_messages
from bot.freetext.model import model_path
from bot.freetext.prompt import ChatMessage
from bot.freetext.template import ChatTemplate
from haven.config import LLMSettings, Settings

MESSAGES = [
    "I've been feeling really anxious about work lately and I can't sleep.",
    "My friend stopped talking to me and I don't know why.",
    "I failed my driving test again and I feel like such an idiot.",
    "Everything feels pointless since the breakup.",
    "My mum is in hospital and I can't concentrate on anything.",
    "I snapped at my kids this morning and now I feel awful.",
    "I have a presentation on Friday and I'm dreading it.",
    "I moved to a new city and I don't know anyone here.",
    "I keep checking my phone at night and then I'm exhausted all day.",
    "I feel like I'm always the one who has to hold everything together.",
    "I got some criticism at work and I can't stop replaying it.",
    "Some days I just don't want to get out of bed.",
]
HISTORY = [("assistant", "Hi, I'm Haven's assistant. How are you feeling today?")]


@dataclass(frozen=True)
class Run:
    first_token_s: float
    last_token_s: float
    tokens: int

    @property
    def decode_tokens_per_s(self) -> float:
        """Tokens per second after the first one: the generation speed a reader sees."""
        spent = self.last_token_s - self.first_token_s
        return (self.tokens - 1) / spent if self.tokens > 1 and spent > 0 else 0.0


def direct_run(llama: Llama, messages: list[ChatMessage], settings: LLMSettings) -> list[float]:
    """When each token of the reply arrived, in seconds from the call."""
    started = time.perf_counter()
    arrivals: list[float] = []
    chunks: Iterator[Any] = llama.create_chat_completion(  # type: ignore[assignment]
        messages=messages,  # type: ignore[arg-type]
        max_tokens=settings.max_tokens,
        temperature=settings.temperature,
        seed=settings.seed,
        stream=True,
    )
    for chunk in chunks:
        if chunk["choices"][0]["delta"].get("content"):
            arrivals.append(time.perf_counter() - started)
    assert arrivals, "the model produced no text"
    return arrivals


async def haven_run(engine: FreeTextEngine, text: str) -> Run:
    async with engine.stream(HISTORY, text) as stream:
        async for _chunk in stream:
            pass
    stats = stream.stats
    assert stats.first_token_s is not None, f"no text came back ({stats.finish})"
    return Run(stats.first_token_s, stats.duration_s, stats.tokens)


def same_length(arrivals: list[float], haven: Run) -> Run:
    """The direct run over as many tokens as Haven's reply had (guardrails may end it early),
    so that both rates cover the same stretch of context."""
    tokens = min(len(arrivals), haven.tokens)
    return Run(arrivals[0], arrivals[tokens - 1], tokens)


async def compare(engine: FreeTextEngine, settings: LLMSettings, runs: int) -> None:
    direct = Llama(
        model_path=str(model_path(settings)),
        n_ctx=settings.context_size,
        n_threads=settings.threads,
        n_threads_batch=settings.threads,
        seed=settings.seed,
        verbose=False,
    )
    template = ChatTemplate(direct)
    budget = settings.context_size - settings.max_tokens

    def messages_for(text: str) -> list[ChatMessage]:
        return build_messages(
            HISTORY,
            text,
            max_turns=settings.history_turns,
            budget=budget,
            count_tokens=template.count,
        )

    # Warm both: the first call of each pays for evaluating the shared system prompt.
    direct_run(direct, messages_for(MESSAGES[-1]), settings)
    await haven_run(engine, MESSAGES[-1])

    haven: list[Run] = []
    plain: list[Run] = []
    for n in range(runs):
        text = MESSAGES[n % len(MESSAGES)]
        if n % 2:
            ours = await haven_run(engine, text)
            arrivals = direct_run(direct, messages_for(text), settings)
        else:
            arrivals = direct_run(direct, messages_for(text), settings)
            ours = await haven_run(engine, text)
        haven.append(ours)
        plain.append(same_length(arrivals, ours))
    direct.close()

    print(f"\nTime to first token and decode speed, {runs} alternating runs each (medians)")
    print(f"{'path':<34}{'TTFT s':>9}{'tokens/s':>10}{'tokens':>8}")
    for name, sample in (
        ("llama-cpp-python, direct", plain),
        ("Haven FreeTextEngine.stream", haven),
    ):
        print(
            f"{name:<34}{median(r.first_token_s for r in sample):>9.3f}"
            f"{median(r.decode_tokens_per_s for r in sample):>10.1f}"
            f"{median(r.tokens for r in sample):>8.0f}"
        )
    ttft = median(r.first_token_s for r in haven) / median(r.first_token_s for r in plain)
    rate = median(r.decode_tokens_per_s for r in haven) / median(
        r.decode_tokens_per_s for r in plain
    )
    print(f"{'ratio Haven / direct':<34}{ttft:>9.2f}{rate:>10.2f}")
    print("(Haven's replies can end early, at a repeat, a flag or the length cap; each direct")
    print(" run is measured over as many tokens as Haven's reply to the same message had.)")


async def latency(engine: FreeTextEngine, users: int, replies_each: int) -> None:
    timings: list[float] = []
    fallbacks = cut_short = 0

    async def user(offset: int) -> None:
        nonlocal fallbacks, cut_short
        for n in range(replies_each):
            text = MESSAGES[(offset + n) % len(MESSAGES)]
            started = time.perf_counter()
            answer = await engine.reply_or_fallback(HISTORY, text)
            timings.append(time.perf_counter() - started)
            fallbacks += answer.failure is not None
            cut_short += (
                answer.failure is None
                and answer.stats is not None
                and (answer.stats.finish == "timeout")
            )

    started = time.perf_counter()
    await asyncio.gather(*(user(u * 3) for u in range(users)))
    wall = time.perf_counter() - started
    print(
        f"{users:>5}{len(timings):>9}{percentile(timings, 50):>9.2f}"
        f"{percentile(timings, 95):>9.2f}{len(timings) / wall:>12.2f}{fallbacks:>11}"
        f"{cut_short:>11}"
    )


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: a value that was actually observed."""
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8, help="runs per path for tokens/s")
    parser.add_argument("--replies", type=int, default=8, help="replies per user for latency")
    args = parser.parse_args()

    settings = Settings.from_env().llm
    print(
        f"model {model_path(settings).name}; threads={settings.threads} "
        f"n_ctx={settings.context_size} max_tokens={settings.max_tokens} "
        f"temperature={settings.temperature} seed={settings.seed} workers={settings.workers} "
        f"queue={settings.queue_size} timeout_s={settings.timeout_s}"
    )
    print(f"cpus={os.cpu_count()} load average at start: {os.getloadavg()[0]:.2f}")

    with FreeTextEngine.start(settings) as engine:
        await compare(engine, settings, args.runs)
        print(f"\nEnd-to-end reply latency (reply_or_fallback), {args.replies} messages per user")
        print(
            f"{'users':>5}{'replies':>9}{'p50 s':>9}{'p95 s':>9}{'replies/s':>12}{'fallbacks':>11}"
            f"{'cut short':>11}"
        )
        for users in (1, 4):
            await latency(engine, users, args.replies)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
