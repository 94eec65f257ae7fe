"""The crisis responses: right services for each case, both languages, SMS-sized."""

from __future__ import annotations

import re

import pytest

from bot.crisis.labels import Label, Tier
from bot.crisis.response import Resources, compose, detect_language, sos

GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load()


def _every_text(resources: Resources) -> list[tuple[str, str, str]]:
    out = []
    for lang, table in resources.texts.items():
        for key, value in table.items():
            values = value.values() if isinstance(value, dict) else [value]
            out.extend((lang, key, str(v)) for v in values)
    return out


def test_both_languages_have_every_message(resources: Resources) -> None:
    assert set(resources.texts["en"]) == set(resources.texts["es"])
    assert resources.version


def test_every_message_fits_two_sms_segments_in_gsm7(resources: Resources) -> None:
    for lang, key, text in _every_text(resources):
        assert len(text) <= 306, (lang, key, len(text))
        assert set(text) <= GSM7, (lang, key, set(text) - GSM7)


def _joined(response) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(response.messages)


def test_imminent_says_we_are_worried_gives_988_911_pages_and_holds(resources: Resources) -> None:
    response = compose(resources, Label.IMMINENT, Tier.IMMINENT, False, "en")
    text = _joined(response)
    assert "worried about your safety" in text
    for needle in ("call or\ntext 988".replace("\n", " "), "911", "988lifeline.org", "press 1",
                   "838255", "press 2", "AYUDA"):
        assert needle in text.replace("\n", " "), needle
    assert response.page and response.hold and not response.offer_plan
    assert response.messages[-1] == resources.text("en", "check_safe")


def test_a_helper_worried_about_someone_is_spoken_to_as_a_helper(resources: Resources) -> None:
    response = compose(resources, Label.IMMINENT, Tier.IMMINENT, True, "en")
    text = _joined(response)
    assert "on their behalf" in text and "911" in text
    assert response.page and not response.hold
    urgent = compose(resources, Label.IDEATION, Tier.URGENT, True, "en")
    assert "on their behalf" in _joined(urgent) and not urgent.offer_plan


@pytest.mark.parametrize("tier", [Tier.URGENT, Tier.CONCERN])
@pytest.mark.parametrize("label", [Label.IDEATION, Label.SELF_HARM])
def test_urgent_and_concern_offer_a_safety_plan_without_paging(
    resources: Resources, label: Label, tier: Tier
) -> None:
    response = compose(resources, label, tier, False, "en")
    assert "988" in _joined(response)
    assert response.offer_plan and not response.page and not response.hold
    assert "safety plan" in response.messages[-1]
    assert "review this conversation" in _joined(response)


def test_abuse_names_the_domestic_violence_child_and_rape_hotlines(resources: Resources) -> None:
    text = _joined(compose(resources, Label.ABUSE, Tier.URGENT, False, "en"))
    for needle in ("1-800-799-7233", "START to 88788", "1-800-422-4453", "1-800-656-4673", "911"):
        assert needle in text


def test_medical_emergency_sends_to_911_and_poison_control_and_pages(resources: Resources) -> None:
    response = compose(resources, Label.MEDICAL_EMERGENCY, Tier.IMMINENT, False, "en")
    assert "911" in _joined(response) and "1-800-222-1222" in _joined(response)
    assert response.page


def test_harm_to_others_gives_911_and_988(resources: Resources) -> None:
    text = _joined(compose(resources, Label.HARM_TO_OTHERS, Tier.URGENT, False, "en"))
    assert "911" in text and "988" in text


def test_spanish_responses_keep_every_number(resources: Resources) -> None:
    for label, tier in [(Label.IMMINENT, Tier.IMMINENT), (Label.ABUSE, Tier.URGENT),
                        (Label.MEDICAL_EMERGENCY, Tier.IMMINENT)]:
        en = re.findall(r"\d[\d-]{2,}", _joined(compose(resources, label, tier, False, "en")))
        es = re.findall(r"\d[\d-]{2,}", _joined(compose(resources, label, tier, False, "es")))
        assert sorted(set(en)) == sorted(set(es)), label


def test_sos_gives_the_resources_at_once(resources: Resources) -> None:
    response = sos(resources, "en")
    assert "988" in response.messages[0] and "911" in response.messages[0]
    assert not (response.page or response.hold or response.offer_plan)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ya no quiero estar aquí, me quiero morir", "es"),
        ("no puedo más con mi vida", "es"),
        ("I don't want to be here anymore", "en"),
        ("no", "en"),
        ("hola", "en"),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text) == language
