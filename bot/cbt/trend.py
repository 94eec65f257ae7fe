"""Mood trends: this week's average against last week's. Pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean


@dataclass(frozen=True, slots=True)
class Trend:
    this_week: float
    last_week: float | None
    count: int

    @property
    def direction(self) -> str:
        """`first`, `new` (nothing last week), `up`, `down` or `same`."""
        if self.last_week is None:
            return "first" if self.count == 1 else "new"
        if round(self.this_week, 1) > round(self.last_week, 1):
            return "up"
        if round(self.this_week, 1) < round(self.last_week, 1):
            return "down"
        return "same"


def weekly_trend(this_week: Sequence[int], last_week: Sequence[int]) -> Trend:
    """`this_week` includes the check-in just made, so it is never empty."""
    if not this_week:
        raise ValueError("this week has no check-in")
    return Trend(
        round(fmean(this_week), 1),
        round(fmean(last_week), 1) if last_week else None,
        len(this_week),
    )
