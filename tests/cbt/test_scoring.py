"""PHQ-2/9 and GAD-2/7 scoring on every edge: all zeros, all threes, each band boundary."""

from __future__ import annotations

import pytest

from bot.cbt.instruments import GAD7, OPTIONS, PHQ9, Instrument
from bot.cbt.scoring import (
    ScoringError,
    band_for,
    needs_full_form,
    score,
    score_full,
    score_short,
)


def answers_totalling(instrument: Instrument, total: int) -> dict[int, int]:
    """Answers that add up to `total`, filling items from the first with 3s."""
    answers = {}
    left = total
    for item in range(1, len(instrument.items) + 1):
        answers[item] = min(3, left)
        left -= answers[item]
    assert left == 0
    return answers


def test_published_wording_and_options() -> None:
    assert [(o.value, o.label) for o in OPTIONS] == [
        (0, "Not at all"),
        (1, "Several days"),
        (2, "More than half the days"),
        (3, "Nearly every day"),
    ]
    assert len(PHQ9.items) == 9 and len(GAD7.items) == 7
    assert PHQ9.stem.startswith("Over the last 2 weeks, how often have you been bothered")
    assert PHQ9.items[0] == "Little interest or pleasure in doing things"
    assert PHQ9.items[8] == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert GAD7.items[0] == "Feeling nervous, anxious or on edge"
    assert GAD7.items[6] == "Feeling afraid as if something awful might happen"


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_phq9_bands_at_every_boundary(total: int, band: str) -> None:
    result = score_full(PHQ9, answers_totalling(PHQ9, total))
    assert (result.form, result.total, result.maximum, result.band) == ("PHQ-9", total, 27, band)


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_bands_at_every_boundary(total: int, band: str) -> None:
    result = score_full(GAD7, answers_totalling(GAD7, total))
    assert (result.form, result.total, result.maximum, result.band) == ("GAD-7", total, 21, band)


@pytest.mark.parametrize("instrument", [PHQ9, GAD7])
def test_all_zeros_and_all_threes(instrument: Instrument) -> None:
    n = len(instrument.items)
    assert score_full(instrument, dict.fromkeys(range(1, n + 1), 0)).total == 0
    top = score_full(instrument, dict.fromkeys(range(1, n + 1), 3))
    assert (top.total, top.band) == (3 * n, "severe")
    assert score_short(instrument, {1: 0, 2: 0}).total == 0
    assert score_short(instrument, {1: 3, 2: 3}).total == 6


@pytest.mark.parametrize("instrument", [PHQ9, GAD7])
@pytest.mark.parametrize(
    ("first", "second", "positive"),
    [(0, 0, False), (1, 1, False), (2, 0, False), (0, 2, False), (2, 1, True), (1, 2, True),
     (3, 0, True), (0, 3, True), (3, 3, True)],
)  # fmt: skip
def test_short_screen_cut_off_is_three(
    instrument: Instrument, first: int, second: int, positive: bool
) -> None:
    answers = {1: first, 2: second}
    result = score_short(instrument, answers)
    assert result.form == instrument.short_name
    assert (result.total, result.maximum, result.band) == (first + second, 6, None)
    assert result.positive_screen is positive
    assert needs_full_form(instrument, answers) is positive


def test_score_picks_the_short_form_until_every_item_is_answered() -> None:
    assert score(PHQ9, {1: 1, 2: 1}).form == "PHQ-2"
    assert score(PHQ9, dict.fromkeys(range(1, 10), 1)).form == "PHQ-9"
    assert score(GAD7, dict.fromkeys(range(1, 8), 1)).form == "GAD-7"


@pytest.mark.parametrize(
    "answers",
    [
        {1: 0},  # item 2 missing
        {1: 0, 2: 4},
        {1: -1, 2: 0},
        {1: True, 2: 0},
        {1: 1.5, 2: 0},
    ],
)
def test_unscorable_answers_raise_rather_than_score_wrongly(answers: dict[int, int]) -> None:
    with pytest.raises(ScoringError):
        score_short(PHQ9, answers)


def test_a_full_form_with_a_missing_item_is_refused() -> None:
    answers = dict.fromkeys(range(1, 9), 1)
    with pytest.raises(ScoringError):
        score_full(PHQ9, answers)


def test_totals_outside_the_range_have_no_band() -> None:
    with pytest.raises(ScoringError):
        band_for(PHQ9, 28)
    with pytest.raises(ScoringError):
        band_for(GAD7, 22)
