"""Guardrails on generated text: realistic model sentences that must and must not be caught."""

from __future__ import annotations

import pytest

from bot.freetext import GuardrailResult, Reason, ReplyScreen, fallback_reply, screen_generated
from bot.freetext.guardrails import REPLACEMENTS
from bot.freetext.sentences import SentenceBuffer, split_sentences

DIAGNOSIS = [
    "You have depression.",
    "It sounds like bipolar disorder.",
    "From what you describe, you might have an anxiety disorder.",
    "That sounds a lot like PTSD to me.",
    "You're clearly depressed, and that's okay.",
    "These are classic symptoms of depression.",
    "I don't know for sure, but it sounds like depression.",
    "It's OCD, and it's very treatable.",
    "You may have ADHD, which would explain the trouble focusing.",
    "You\u2019re probably suffering from burnout and depression.",
    "Honestly, this looks like a textbook case of social anxiety disorder.",
]
NOT_DIAGNOSIS = [
    "I can't diagnose you, but a GP can help you make sense of this.",
    "I'm not saying you have depression; I'm just listening.",
    "It sounds like you're feeling really low at the moment.",
    "You're feeling depressed, and that sounds exhausting.",
    "Would you like to try the PHQ-9 check-in? It isn't a diagnosis.",
    "Lots of people feel anxious before a big change.",
    "Depression and anxiety are things a doctor can help you with.",
]
MEDICATION = [
    "Take 50mg of sertraline before bed.",
    "Try ibuprofen for the headache.",
    "You could increase your dose a little.",
    "Maybe stop taking your meds for a while and see how you feel.",
    "Melatonin can help you sleep.",
    "Sleeping pills might help you get through the week.",
    "Sertraline is a good option for anxiety.",
    "A couple of extra pills won't hurt.",
    "You might want to consider taking an antidepressant.",
    "Don't skip your medication.",
    "Half a tablet of diazepam should calm you down.",
]
NOT_MEDICATION = [
    "It's worth asking your doctor or pharmacist about your medication.",
    "Questions about sertraline are best answered by your prescriber.",
    "Let's try box breathing together: in for four, hold for four.",
    "Take a deep breath, and take your time.",
    "Would you like to start a thought record?",
    "How have things been since you talked to your GP?",
    "Taking a short walk each day is part of behavioural activation.",
]
HUMAN_CLAIM = [
    "I'm a real person, so I get it.",
    "As a human, I understand how that feels.",
    "I am a therapist, and I see this often.",
    "I'm not a bot, I promise.",
    "I've been through the same thing myself.",
    "In my experience, this feeling passes.",
    "I\u2019m a licensed counselor.",
    "When I was younger, I felt exactly like that.",
    "As your therapist, I'd suggest writing it down.",
    "My kids drive me mad too sometimes.",
]
NOT_HUMAN_CLAIM = [
    "I'm not a real person; I'm Haven's automated assistant.",
    "I'm not a therapist, but I'm here to listen.",
    "Talking to someone such as a therapist could help.",
    "As a therapist would say, one step at a time.",
    "You're a real person with real feelings, and they matter.",
    "I'm really glad you told me.",
    "As a person, you deserve rest too.",
    "I'm an automated assistant, so I can't know exactly how that feels.",
]


@pytest.mark.parametrize("sentence", DIAGNOSIS)
def test_diagnosis_talk_is_replaced(sentence: str) -> None:
    assert screen_generated(sentence) == GuardrailResult(
        REPLACEMENTS[Reason.DIAGNOSIS], (Reason.DIAGNOSIS,)
    )


@pytest.mark.parametrize("sentence", MEDICATION)
def test_medication_and_dose_talk_is_replaced(sentence: str) -> None:
    result = screen_generated(sentence)
    assert result.text == REPLACEMENTS[Reason.MEDICATION]
    assert Reason.MEDICATION in result.reasons


@pytest.mark.parametrize("sentence", HUMAN_CLAIM)
def test_claims_of_being_human_are_replaced(sentence: str) -> None:
    assert screen_generated(sentence) == GuardrailResult(
        REPLACEMENTS[Reason.HUMAN_CLAIM], (Reason.HUMAN_CLAIM,)
    )


@pytest.mark.parametrize("sentence", NOT_DIAGNOSIS + NOT_MEDICATION + NOT_HUMAN_CLAIM)
def test_safe_sentences_pass_unchanged(sentence: str) -> None:
    result = screen_generated(sentence)
    assert result.ok
    assert result.text == sentence


def test_safe_sentences_before_a_flagged_one_are_kept_and_the_rest_dropped() -> None:
    text = (
        "That sounds like a really heavy week. "
        "You could increase your dose of sertraline. "
        "It will help within days."
    )

    result = screen_generated(text)

    assert result.text == (
        "That sounds like a really heavy week. " + REPLACEMENTS[Reason.MEDICATION]
    )
    assert result.reasons == (Reason.MEDICATION,)
    assert result.replaced


def test_a_sentence_with_two_problems_reports_both() -> None:
    result = screen_generated("As a doctor, I think you have depression.")

    assert set(result.reasons) == {Reason.DIAGNOSIS, Reason.HUMAN_CLAIM}
    assert result.text in REPLACEMENTS.values()


def test_length_cap_ends_on_a_sentence_boundary() -> None:
    text = (
        "It sounds like work has been relentless. "
        "You've been carrying a lot on your own. "
        "What would a slightly lighter day look like?"
    )

    result = screen_generated(text, max_chars=90)

    assert result.text == (
        "It sounds like work has been relentless. You've been carrying a lot on your own."
    )
    assert result.reasons == (Reason.TOO_LONG,)
    assert not result.replaced
    assert len(result.text) <= 90


def test_one_overlong_sentence_is_cut_at_a_word_with_an_ellipsis() -> None:
    text = "It sounds like " + "so many things have been piling up " * 10 + "lately."

    result = screen_generated(text, max_chars=80)

    assert len(result.text) <= 80
    assert result.text.endswith("…")
    assert text.startswith(result.text.removesuffix("…"))
    assert result.reasons == (Reason.TOO_LONG,)


def test_a_reply_that_repeats_itself_ends_before_the_repeat() -> None:
    text = (
        "I'm here to help. It's okay to feel this way. It's okay to feel this way. "
        "It's okay to feel this way."
    )

    result = screen_generated(text)

    assert result.text == "I'm here to help. It's okay to feel this way."
    assert result.reasons == (Reason.REPEATED,)


def test_the_streaming_screen_and_the_whole_text_screen_agree() -> None:
    text = (
        "Thank you for telling me.\n\nIt sounds like nights are the hardest. "
        "I'm a real person too, you know. Anyway, how are you sleeping?"
    )
    screen = ReplyScreen()
    buffer = SentenceBuffer()
    delivered = []
    for start in range(0, len(text), 3):  # as tokens arrive, a few characters at a time
        for sentence in buffer.feed(text[start : start + 3]):
            delivered.append(screen.push(sentence))
    delivered.append(screen.push(buffer.flush()))

    assert "".join(delivered).rstrip() == screen_generated(text).text
    assert screen.result() == screen_generated(text)


@pytest.mark.parametrize("reason", sorted(REPLACEMENTS))
def test_replacement_replies_pass_the_guardrails_themselves(reason: Reason) -> None:
    assert screen_generated(REPLACEMENTS[reason]).ok


@pytest.mark.parametrize(
    "user_text",
    ["I'm so anxious about tomorrow", "nobody cares about me", "hello", "I feel useless"],
)
def test_fallback_replies_pass_the_guardrails(user_text: str) -> None:
    assert screen_generated(fallback_reply(user_text)).ok


def test_sentences_keep_their_spacing_and_skip_list_markers() -> None:
    text = "First thing.\n1. Breathe in slowly.\n2. Breathe out! Is that okay?"

    sentences = split_sentences(text)

    assert sentences == [
        "First thing.",
        "\n1. Breathe in slowly.",
        "\n2. Breathe out!",
        " Is that okay?",
    ]
    assert "".join(sentences) == text
