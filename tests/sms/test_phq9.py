"""A whole PHQ-9 over SMS, answered by number, scored and stored as on the web."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.cbt.stores import CbtStores
from tests.sms.conftest import SmsStack, phone

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

OPTIONS = (
    "Reply 0 for Not at all, 1 for Several days, 2 for More than half the days, "
    "3 for Nearly every day."
)


@pytest.fixture
def stores(sms: SmsStack) -> Iterator[CbtStores]:
    yield CbtStores.build(sms.engine, sms.keyring)


def test_a_whole_phq9_answered_by_number(sms: SmsStack, stores: CbtStores) -> None:
    sender = phone()
    said = " ".join(sms.converse(sender, "I'd like to do the PHQ-9"))
    assert "This is the PHQ" in said
    assert "PHQ-9, question 1 of 9." in said and "Little interest or pleasure" in said
    assert said.endswith(OPTIONS)
    replies = ["2", "2", "1", "3", "1", "1", "2", "1", "0"]
    for item, reply in enumerate(replies, start=1):
        said = " ".join(sms.converse(sender, reply))
        if item < 9:
            assert f"PHQ-9, question {item + 1} of 9." in said, said
            assert said.endswith(OPTIONS)
    assert "Your PHQ-9 score is 13 out of 27, which is in the moderate range." in said
    assert "screening, not a diagnosis" in said

    session = sms.number_row(sender).session_id
    [result] = stores.questionnaires.results(session)
    assert (result.form, result.total, result.band, result.outcome) == (
        "PHQ-9", 13, "moderate", "scored"
    )  # fmt: skip
    assert result.answers == dict(enumerate([2, 2, 1, 3, 1, 1, 2, 1, 0], start=1))
    inbound = [m["text"] for m in sms.stack.history(session) if m["direction"] == "in"]
    assert inbound == ["I'd like to do the PHQ-9", *replies]  # what was typed
