"""The questionnaires with their published wording, answer options and bands.

PHQ-9 (Kroenke, Spitzer & Williams, 2001) and GAD-7 (Spitzer, Kroenke, Williams & Löwe,
2006), developed with an educational grant from Pfizer Inc.; no permission is required to
reproduce, translate, display or distribute them. PHQ-2 and GAD-2 are their first two items.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Option:
    value: int
    label: str


@dataclass(frozen=True, slots=True)
class Band:
    low: int
    high: int
    label: str


@dataclass(frozen=True, slots=True)
class Instrument:
    """A questionnaire: its items in order, the short screen (first items) and the bands."""

    code: str
    """`phq` or `gad`: also the prefix of the item slots (`phq_1` ... `phq_9`)."""
    name: str
    short_name: str
    version: str
    """Stored with every result, so a later wording change never mixes with older answers."""
    stem: str
    items: tuple[str, ...]
    short_items: int
    bands: tuple[Band, ...]
    topic: str

    @property
    def max_score(self) -> int:
        return len(self.items) * OPTIONS[-1].value

    @property
    def short_max_score(self) -> int:
        return self.short_items * OPTIONS[-1].value

    def slot(self, item: int) -> str:
        """The Rasa slot holding the answer to item `item` (1-based)."""
        return f"{self.code}_{item}"

    @property
    def slots(self) -> tuple[str, ...]:
        return tuple(self.slot(n) for n in range(1, len(self.items) + 1))


OPTIONS: tuple[Option, ...] = (
    Option(0, "Not at all"),
    Option(1, "Several days"),
    Option(2, "More than half the days"),
    Option(3, "Nearly every day"),
)

SCREEN_CUTOFF = 3
"""A PHQ-2 or GAD-2 total of 3 or more is a positive screen: go on to the full form."""

PHQ9 = Instrument(
    code="phq",
    name="PHQ-9",
    short_name="PHQ-2",
    version="PHQ-9 en-US (Pfizer, 1999)",
    stem="Over the last 2 weeks, how often have you been bothered by any of the following "
    "problems?",
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    short_items=2,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 19, "moderately severe"),
        Band(20, 27, "severe"),
    ),
    topic="depression",
)

GAD7 = Instrument(
    code="gad",
    name="GAD-7",
    short_name="GAD-2",
    version="GAD-7 en-US (Pfizer, 2006)",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
    short_items=2,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 21, "severe"),
    ),
    topic="anxiety",
)

INSTRUMENTS: dict[str, Instrument] = {PHQ9.code: PHQ9, GAD7.code: GAD7}

SELF_HARM_ITEM = 9
"""PHQ-9 item 9: any answer above 0 goes to the crisis path at once."""
