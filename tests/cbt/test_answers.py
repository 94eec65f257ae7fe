"""Reading answers: invalid ones come back as None (re-asked), never as a wrong value."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.cbt.activation import parse_mood_change
from bot.cbt.answers import choice_text, parse_option, parse_scale
from bot.cbt.thinking_traps import TRAPS, parse_traps
from bot.cbt.when import parse_when


@pytest.mark.parametrize(
    ("text", "value"),
    [("7", 7), ("7/10", 7), ("3 out of 10", 3), ("seven", 7), ("i'd say 4", 4), ("0", 0),
     ("10", 10), (" 5. ", 5), ("TEN", 10)],
)  # fmt: skip
def test_scale_reads_whole_numbers_in_range(text: str, value: int) -> None:
    assert parse_scale(text, 0, 10) == value


@pytest.mark.parametrize(
    "text", ["eleven", "-1", "11", "idk", "🙂", "6.5", "", "5 or 6", "between 4 and 5", "lol"]
)
def test_scale_refuses_what_it_cannot_read(text: str) -> None:
    assert parse_scale(text, 0, 10) is None


def test_intensity_reads_percentages() -> None:
    assert parse_scale("80%", 0, 100) == 80
    assert parse_scale("101", 0, 100) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), ("3", 3), ("Not at all", 0), ("several days", 1), ("more than half the days", 2),
     ("Nearly every day", 3), ("almost every day", 3), ("two", 2), ("most days", 2)],
)  # fmt: skip
def test_questionnaire_options(text: str, value: int) -> None:
    assert parse_option(text) == value


@pytest.mark.parametrize("text", ["4", "-1", "eleven", "idk", "😢", "yes", "several days or never"])
def test_questionnaire_refuses_anything_else(text: str) -> None:
    assert parse_option(text) is None


def test_button_choice_wins_over_the_text() -> None:
    pressed = {"entities": [{"entity": "choice", "value": "2"}]}
    assert choice_text('/inform{"choice":"2"}', pressed) == "2"
    assert choice_text('/inform{"choice":"skip"}', {}) == "skip"
    assert choice_text("/inform{not json}", {}) == ""
    assert choice_text("several days", {}) == "several days"


def test_thinking_traps_by_number_name_or_none() -> None:
    assert len(TRAPS) == 11
    assert parse_traps("2, 5") == ["catastrophising", "overgeneralising"]
    assert parse_traps("mind reading and labelling") == ["mind_reading", "labelling"]
    assert parse_traps("none of these") == []
    assert parse_traps("12") is None
    assert parse_traps("0") is None
    assert parse_traps("banana") is None


NOW = datetime(2026, 11, 21, 14, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at 6pm", datetime(2026, 11, 21, 18, 0, tzinfo=UTC)),
        ("6 pm", datetime(2026, 11, 21, 18, 0, tzinfo=UTC)),
        ("in 2 hours", NOW + timedelta(hours=2)),
        ("in half an hour", NOW + timedelta(minutes=30)),
        ("in twenty minutes", NOW + timedelta(minutes=20)),
        ("tomorrow 9am", datetime(2026, 11, 22, 9, 0, tzinfo=UTC)),
        ("tomorrow at 9", datetime(2026, 11, 22, 9, 0, tzinfo=UTC)),
        ("at 2pm", datetime(2026, 11, 22, 14, 0, tzinfo=UTC)),  # already past today
        ("at 6", datetime(2026, 11, 21, 18, 0, tzinfo=UTC)),  # the next 6 o'clock
        ("18:30", datetime(2026, 11, 21, 18, 30, tzinfo=UTC)),
        ("this evening", datetime(2026, 11, 21, 19, 0, tzinfo=UTC)),
        ("monday 10am", datetime(2026, 11, 23, 10, 0, tzinfo=UTC)),
    ],
)
def test_times_people_type(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW, UTC) == expected


@pytest.mark.parametrize(
    "text", ["at 25pm", "13pm", "6:75", "whenever", "in 0 minutes", "today at 2pm", "in 3 weeks",
             "soon", "", "🙂", "yesterday"],
)  # fmt: skip
def test_times_that_are_unreadable_or_past_are_refused(text: str) -> None:
    assert parse_when(text, NOW, UTC) is None


def test_times_are_read_in_the_persons_zone() -> None:
    new_york = ZoneInfo("America/New_York")  # 14:30 UTC is 09:30 there
    assert parse_when("at 6pm", NOW, new_york) == datetime(2026, 11, 21, 23, 0, tzinfo=UTC)


def test_mood_change_words() -> None:
    assert parse_mood_change("Better") == "better"
    assert parse_mood_change("about the same") == "same"
    assert parse_mood_change("a bit worse") == "worse"
    assert parse_mood_change("idk") is None
