"""The scripted flows' own phrases never trip the crisis gate, and the phrasings the gate
should take even mid-exercise are not among them.

A user who types "bye", "start a thought record" or "in 2 hours" must get the flow, not the
988 response; these once did (the head had never seen the app's own traffic).
"""

from __future__ import annotations

import pytest

from bot.crisis import CrisisClassifier
from bot.crisis.dataset import app_phrases
from bot.crisis.labels import Label


def test_every_flow_phrase_is_read_as_no_crisis(classifier: CrisisClassifier) -> None:
    phrases = app_phrases()
    assert len(phrases) > 500
    flagged = [p.text for p in phrases if classifier.classify(p.text).label is not Label.NONE]
    assert flagged == []


@pytest.mark.parametrize(
    "text",
    [
        "i don't want to do this anymore",
        "i dont want to continue",
        "i cant anymore",
        "not worth it",
        "unalive",
        "i am so done",
    ],
)
def test_short_despairing_replies_still_reach_the_gate(
    classifier: CrisisClassifier, text: str
) -> None:
    assert text not in {p.text for p in app_phrases()}
    assert classifier.classify(text).label is Label.IDEATION


@pytest.mark.parametrize(
    "text", ["bye", "in 2 hours", "start a thought record", "tonight", "0", "3", "i'm done"]
)
def test_everyday_replies_are_not_a_crisis(classifier: CrisisClassifier, text: str) -> None:
    assert classifier.classify(text).label is Label.NONE
