"""Buttons as numbered choices, the keywords the channel answers itself, and the SMS form of
the crisis gate's real responses (from resources.yml)."""

from __future__ import annotations

import pytest

from bot.crisis.labels import Label, Tier
from bot.crisis.response import Resources, compose, sos
from haven.sms import texts
from haven.sms.choices import Choice, number, pick, render
from haven.sms.crisis import text_988_first
from haven.sms.keywords import Keyword, keyword
from haven.sms.replies import SmsReply, segments, sms_reply
from haven.sms.segments import units
from haven.storage.messages import Button, ChatMessage

PHQ = [
    Button("0 Not at all", '/inform{"choice":"0"}'),
    Button("1 Several days", '/inform{"choice":"1"}'),
    Button("2 More than half the days", '/inform{"choice":"2"}'),
    Button("3 Nearly every day", '/inform{"choice":"3"}'),
]


def test_buttons_become_reply_1_for_2_for() -> None:
    message = ChatMessage(
        "What would you like to do?",
        (Button("Mood check-in", "/start_mood"), Button("Box breathing", "/start_breathing")),
    )
    text, choices = render(message)
    assert text == "What would you like to do?\nReply 1 for Mood check-in, 2 for Box breathing."
    assert pick("2", choices) == Choice("2", "Box breathing", "Box breathing", "/start_breathing")
    assert pick(" 1. ", choices) is not None and pick("1", choices).payload == "/start_mood"  # type: ignore[union-attr]
    assert pick("box BREATHING", choices).payload == "/start_breathing"  # type: ignore[union-attr]
    assert pick("3", choices) is None and pick("I feel sad", choices) is None


def test_titles_that_start_with_a_number_keep_it() -> None:
    """PHQ-9's "0 Not at all" is 0, never "Reply 1 for 0 Not at all": a typed "1" means
    "Several days" whether it is read as a choice or as the answer itself."""
    text, choices = render(ChatMessage("Little interest or pleasure in doing things", tuple(PHQ)))
    assert text.endswith(
        "\nReply 0 for Not at all, 1 for Several days, 2 for More than half the days, "
        "3 for Nearly every day."
    )
    assert [pick(str(n), choices).payload for n in range(4)] == [b.payload for b in PHQ]  # type: ignore[union-attr]
    assert pick("Not at all", choices).payload == PHQ[0].payload  # type: ignore[union-attr]


def test_a_numeric_scale_is_offered_as_a_range() -> None:
    buttons = tuple(Button(str(n), f'/inform{{"choice":"{n}"}}') for n in range(11))
    text, choices = render(ChatMessage("How is your mood, 0 to 10?", buttons))
    assert text.endswith("\nReply a number from 0 to 10.")
    assert pick("10", choices).payload == '/inform{"choice":"10"}'  # type: ignore[union-attr]
    assert pick("", choices) is None and pick(" ", choices) is None  # a picture alone
    text, choices = render(
        ChatMessage("How strong?", tuple(Button(t, "/x") for t in "20 40 60".split()))
    )
    assert text.endswith("\nReply 20, 40 or 60.")
    assert pick("50", choices) is None  # passes through as text: the flow reads "50" itself


def test_choices_already_listed_in_the_text_are_not_repeated() -> None:
    message = ChatMessage(
        "Which traps fit?\n1. All-or-nothing thinking: ...\n2. Mind reading: ...",
        (
            Button("1. All-or-nothing thinking", "/a"),
            Button("2. Mind reading", "/b"),
            Button("None of these", "/none"),
        ),
    )
    text, choices = render(message)
    assert text.endswith("\nReply 3 for None of these.")
    assert [c.key for c in choices] == ["1", "2", "3"]


def test_labels_with_commas_are_separated_by_semicolons() -> None:
    buttons = (Button("Yes, I did it", "/activation_done"), Button("Not this time", "/m"))
    assert number(buttons)[0].key == "1"
    assert render(ChatMessage("Did it happen?", buttons))[0].endswith(
        "\nReply 1 for Yes, I did it; 2 for Not this time."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *[(w, Keyword.OPT_OUT) for w in ("STOP", "stop", " Stop. ", "STOPALL", "unsubscribe")],
        *[(w, Keyword.OPT_OUT) for w in ("CANCEL", "end", "Quit", "REVOKE", "optout")],
        *[(w, Keyword.OPT_IN) for w in ("START", "yes", "Unstop")],
        *[(w, Keyword.HELP) for w in ("HELP", "help", "Info")],
        ("please stop texting me", Keyword.STOP_REQUEST),
        ("don't text me anymore", Keyword.STOP_REQUEST),
        ("Please stop sending me messages!", Keyword.STOP_REQUEST),
        ("Do not contact me again", Keyword.STOP_REQUEST),
        ("no more texts please", Keyword.STOP_REQUEST),
        ("I want to unsubscribe", Keyword.STOP_REQUEST),
        ("I can't stop crying", None),
        ("I want to stop living", None),
        ("stop texting me or I will kill myself", None),
        ("leave me alone", None),
        ("yes I did it", None),
        ("help me", None),
        ("988", None),
        ("SOS", None),
    ],
)
def test_keywords(text: str, expected: Keyword | None) -> None:
    assert keyword(text) is expected


RESOURCES = Resources.load()


@pytest.mark.parametrize("language", ["en", "es"])
def test_imminent_crisis_over_sms_leads_with_text_988(language: str) -> None:
    response = compose(RESOURCES, Label.IDEATION, Tier.IMMINENT, False, language)
    first = text_988_first(response.messages)[0]
    lead = first.split(". ")[0]
    assert "988" in lead and ("text 988" in lead or "texto al 988" in lead)
    assert sorted(" ".join(text_988_first(response.messages)).split()) == sorted(
        " ".join(response.messages).split()
    )  # the same words: reordered, nothing dropped or added


def test_911_first_is_never_put_behind_988() -> None:
    medical = compose(RESOURCES, Label.MEDICAL_EMERGENCY, Tier.IMMINENT, False, "en")
    assert text_988_first(medical.messages) == list(medical.messages)
    other = compose(RESOURCES, Label.IDEATION, Tier.IMMINENT, True, "en")
    assert text_988_first(other.messages)[0] == other.messages[0]  # "call 911" comes first


def test_the_crisis_reply_keeps_988_first_and_the_disclosure_second() -> None:
    response = compose(RESOURCES, Label.IDEATION, Tier.IMMINENT, False, "en")
    reply = sms_reply([ChatMessage(t) for t in response.messages], crisis=True)
    parts = segments(reply, first_contact=True)
    assert parts[0].startswith("Please call or text 988 now")
    assert any(texts.DISCLOSURE in p for p in parts[1:3])
    assert all(units(p) <= 160 for p in parts)


def test_the_first_reply_to_a_number_starts_with_the_disclosure() -> None:
    reply = sms_reply([ChatMessage("Hi, I'm Haven.", (Button("What can you do?", "/ask"),))])
    [first, *_] = segments(reply, first_contact=True)
    assert first.startswith(texts.DISCLOSURE)
    assert "not a person" in first and "988" in first and "STOP" in first
    assert texts.DISCLOSURE not in " ".join(segments(reply, first_contact=False))
    assert segments(SmsReply([texts.HELP], discloses=True), first_contact=True) == [texts.HELP]


def test_own_texts_fit_one_sms_and_name_988() -> None:
    for text in (texts.DISCLOSURE, texts.HELP, texts.STOP_CONFIRMED, texts.UNAVAILABLE):
        assert units(text) <= 160 and "988" in text
    assert sos(RESOURCES, "en").messages[0].find("text 988") < 80
