"""Scoring the questionnaires: totals, bands and the short-form screen. Pure functions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.cbt.instruments import OPTIONS, SCREEN_CUTOFF, Instrument


class ScoringError(ValueError):
    """Answers that cannot be scored: a missing item or a value outside 0-3."""


@dataclass(frozen=True, slots=True)
class Score:
    form: str
    """`PHQ-9`, `PHQ-2`, `GAD-7` or `GAD-2`."""
    total: int
    maximum: int
    band: str | None
    """The severity band of a full form; None for a short screen."""
    positive_screen: bool | None
    """For a short screen: total ≥ 3. None for a full form."""


def _checked(instrument: Instrument, answers: Mapping[int, int], count: int) -> list[int]:
    values = []
    for item in range(1, count + 1):
        if item not in answers:
            raise ScoringError(f"{instrument.name} item {item} is not answered")
        value = answers[item]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ScoringError(f"{instrument.name} item {item} is not a whole number")
        if not OPTIONS[0].value <= value <= OPTIONS[-1].value:
            raise ScoringError(f"{instrument.name} item {item} is outside 0-3")
        values.append(value)
    return values


def band_for(instrument: Instrument, total: int) -> str:
    for band in instrument.bands:
        if band.low <= total <= band.high:
            return band.label
    raise ScoringError(f"{total} is outside the {instrument.name} range")


def short_total(instrument: Instrument, answers: Mapping[int, int]) -> int:
    return sum(_checked(instrument, answers, instrument.short_items))


def needs_full_form(instrument: Instrument, answers: Mapping[int, int]) -> bool:
    """A positive short screen (PHQ-2 or GAD-2 ≥ 3) leads on to the full form."""
    return short_total(instrument, answers) >= SCREEN_CUTOFF


def score_short(instrument: Instrument, answers: Mapping[int, int]) -> Score:
    total = short_total(instrument, answers)
    return Score(
        instrument.short_name, total, instrument.short_max_score, None, total >= SCREEN_CUTOFF
    )


def score_full(instrument: Instrument, answers: Mapping[int, int]) -> Score:
    total = sum(_checked(instrument, answers, len(instrument.items)))
    return Score(instrument.name, total, instrument.max_score, band_for(instrument, total), None)


def score(instrument: Instrument, answers: Mapping[int, int]) -> Score:
    """The full form when every item is answered, else the short screen."""
    if all(item in answers for item in range(1, len(instrument.items) + 1)):
        return score_full(instrument, answers)
    return score_short(instrument, answers)
