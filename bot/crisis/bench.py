"""Latency of the loaded classifier on one core, and its start-up time."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.crisis.labels import CrisisResult


@dataclass(frozen=True, slots=True)
class Latency:
    samples: int
    p50_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float

    def to_json(self) -> dict[str, object]:
        return {
            "samples": self.samples,
            "p50_ms": round(self.p50_ms, 2),
            "p99_ms": round(self.p99_ms, 2),
            "mean_ms": round(self.mean_ms, 2),
            "max_ms": round(self.max_ms, 2),
        }


def measure(
    classify: Callable[[str, Sequence[str]], CrisisResult],
    messages: Sequence[tuple[str, Sequence[str]]],
    samples: int,
    warmup: int = 20,
) -> Latency:
    """Classify `samples` messages (cycling through `messages`) one at a time."""
    if not messages:
        raise ValueError("no messages to measure")
    for index in range(warmup):
        text, context = messages[index % len(messages)]
        classify(text, context)
    timings: list[float] = []
    for index in range(samples):
        text, context = messages[index % len(messages)]
        started = time.perf_counter()
        classify(text, context)
        timings.append((time.perf_counter() - started) * 1000.0)
    timings.sort()
    return Latency(
        samples=len(timings),
        p50_ms=_percentile(timings, 0.50),
        p99_ms=_percentile(timings, 0.99),
        mean_ms=statistics.fmean(timings),
        max_ms=timings[-1],
    )


def _percentile(ordered: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending sequence."""
    rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]
