"""Questionnaire actions through the action-server protocol, on real stores (SQLite and
PostgreSQL): the exact events and responses Rasa receives, and the rows written."""

from __future__ import annotations

from typing import Any

import pytest

from bot.actionserver import ActionContext
from bot.cbt.stores import CbtStores
from tests.cbt.conftest import Crisis, run, slot, tracker


def phq(answers: dict[int, int], full: bool = False) -> dict[str, Any]:
    return {"phq_full": full, **{f"phq_{n}": v for n, v in answers.items()}}


async def test_starting_phq9_by_name_asks_all_nine(session: str, context: ActionContext) -> None:
    events, responses = await run(
        "action_exercise_start", tracker(session, text="PHQ-9", intent="start_phq"), context
    )
    assert responses == [{"response": "utter_questionnaire_phq_intro"}]
    assert events == [
        *(slot(f"phq_{n}", None) for n in range(1, 10)),
        slot("phq_full", True),
        slot("questionnaire_stopped", None),
        slot("exercise_paused", []),
        slot("requested_slot", None),
        {"event": "active_loop", "name": "phq_form"},
    ]
    _, asked = await run("action_ask_phq_3", tracker(session, {"phq_full": True}), context)
    assert asked[0]["text"].startswith("PHQ-9, question 3 of 9. Over the last 2 weeks")
    assert asked[0]["text"].endswith("Trouble falling or staying asleep, or sleeping too much")
    assert asked[0]["buttons"] == [
        {"title": "0 Not at all", "payload": '/inform{"choice":"0"}'},
        {"title": "1 Several days", "payload": '/inform{"choice":"1"}'},
        {"title": "2 More than half the days", "payload": '/inform{"choice":"2"}'},
        {"title": "3 Nearly every day", "payload": '/inform{"choice":"3"}'},
    ]


async def test_the_short_screen_is_asked_first(session: str, context: ActionContext) -> None:
    _, asked = await run("action_ask_phq_1", tracker(session, phq({})), context)
    assert asked[0]["text"].startswith("PHQ-2, question 1 of 2. Over the last 2 weeks")


@pytest.mark.parametrize("text", ["eleven", "-1", "idk", "🙂", "4", "yes"])
async def test_invalid_answers_are_re_asked(
    session: str, context: ActionContext, text: str
) -> None:
    events, responses = await run(
        "validate_phq_form",
        tracker(session, phq({}), text=text, candidates={"phq_1": text}, loop="phq_form"),
        context,
    )
    assert events == [slot("phq_1", None), slot("requested_slot", "phq_1")]
    assert responses == [{"response": "utter_questionnaire_invalid"}]


async def test_a_pressed_button_is_read_from_its_entity(
    session: str, context: ActionContext
) -> None:
    payload = '/inform{"choice":"2"}'
    events, responses = await run(
        "validate_phq_form",
        tracker(
            session,
            phq({}),
            text=payload,
            candidates={"phq_1": payload},
            entities=[{"entity": "choice", "value": "2"}],
        ),
        context,
    )
    assert events == [slot("phq_1", 2), slot("requested_slot", "phq_2")]
    assert responses == []


async def test_phq2_of_three_or_more_goes_on_to_the_phq9(
    session: str, context: ActionContext
) -> None:
    events, responses = await run(
        "validate_phq_form",
        tracker(session, phq({1: 2}), text="several days", candidates={"phq_2": "several days"}),
        context,
    )
    # Every domain slot is now required: Rasa's form asks phq_3 next by itself.
    assert events == [slot("phq_2", 1)]
    assert responses == [
        {
            "response": "utter_questionnaire_step_up",
            "short_name": "PHQ-2",
            "name": "PHQ-9",
            "more": "7",
        }
    ]


async def test_phq2_below_three_ends_the_questionnaire(
    session: str, context: ActionContext, cbt: CbtStores
) -> None:
    events, responses = await run(
        "validate_phq_form",
        tracker(session, phq({1: 1}), text="1", candidates={"phq_2": "1"}),
        context,
    )
    assert events == [slot("phq_2", 1), slot("requested_slot", None)]
    events, responses = await run(
        "action_questionnaire_submit_phq",
        tracker(session, phq({1: 1, 2: 1}), intent="inform"),
        context,
    )
    assert responses == [
        {
            "response": "utter_questionnaire_short_score",
            "form": "PHQ-2",
            "total": "2",
            "maximum": "6",
            "topic": "depression",
        },
        {"response": "utter_questionnaire_screening_note"},
        {"response": "utter_questionnaire_next_self_care"},
    ]
    [result] = cbt.questionnaires.results(session)
    assert (result.form, result.total, result.band, result.answers) == (
        "PHQ-2",
        2,
        None,
        {1: 1, 2: 1},
    )


@pytest.mark.parametrize("answer", [1, 2, 3])
async def test_item_9_above_zero_goes_to_the_crisis_path_at_once(
    session: str, context: ActionContext, cbt: CbtStores, crisis: Crisis, answer: int
) -> None:
    low = phq(dict.fromkeys(range(1, 9), 0), full=True)  # a minimal total: item 9 still counts
    events, responses = await run(
        "validate_phq_form",
        tracker(session, low, text=str(answer), candidates={"phq_9": str(answer)}),
        context,
    )
    assert crisis.calls == [(session, "ideation", "urgent", (f"phq9_item9={answer}",))]
    assert responses == [{"text": "crisis message one"}, {"text": "crisis message two (988)"}]
    assert events == [
        slot("phq_9", answer),
        slot("questionnaire_stopped", True),
        slot("requested_slot", None),
    ]
    [result] = cbt.questionnaires.results(session)
    assert (result.outcome, result.form, result.total) == ("crisis", "PHQ-9", answer)
    assert result.answers[9] == answer and len(result.answers) == 9
    # The submit rule still runs after the form; it says nothing more and clears the slots.
    stopped = {**low, "phq_9": answer, "questionnaire_stopped": True}
    events, responses = await run(
        "action_questionnaire_submit_phq", tracker(session, stopped), context
    )
    assert responses == []
    assert slot("questionnaire_stopped", None) in events and slot("phq_9", None) in events
    assert len(cbt.questionnaires.results(session)) == 1


async def test_item_9_with_no_crisis_gate_still_names_988(
    session: str, messages: Any, cbt: CbtStores
) -> None:
    context = ActionContext(messages=messages, cbt=cbt, crisis=None)
    low = phq(dict.fromkeys(range(1, 9), 0), full=True)
    _, responses = await run(
        "validate_phq_form", tracker(session, low, text="1", candidates={"phq_9": "1"}), context
    )
    assert len(responses) == 1 and "988" in responses[0]["text"]


async def test_item_9_at_zero_is_scored_normally(
    session: str, context: ActionContext, cbt: CbtStores, crisis: Crisis
) -> None:
    answers = {1: 3, 2: 2, 3: 2, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1}
    events, responses = await run(
        "validate_phq_form",
        tracker(session, phq(answers), text="not at all", candidates={"phq_9": "not at all"}),
        context,
    )
    assert (crisis.calls, responses) == ([], [])
    assert events == [slot("phq_9", 0)]  # the last domain slot: Rasa's form completes
    _, responses = await run(
        "action_questionnaire_submit_phq", tracker(session, phq({**answers, 9: 0})), context
    )
    assert responses == [
        {
            "response": "utter_questionnaire_score",
            "form": "PHQ-9",
            "total": "12",
            "maximum": "27",
            "band": "moderate",
        },
        {"response": "utter_questionnaire_screening_note"},
        {"response": "utter_questionnaire_next_professional"},
    ]
    [result] = cbt.questionnaires.results(session)
    assert result.version == "PHQ-9 en-US (Pfizer, 1999)"
    assert result.answers == {**answers, 9: 0}
    assert (result.band, result.outcome) == ("moderate", "scored")


async def test_gad7_severe(session: str, context: ActionContext, cbt: CbtStores) -> None:
    slots = {f"gad_{n}": 3 for n in range(1, 8)}
    _, responses = await run("action_questionnaire_submit_gad", tracker(session, slots), context)
    assert responses[0] == {
        "response": "utter_questionnaire_score",
        "form": "GAD-7",
        "total": "21",
        "maximum": "21",
        "band": "severe",
    }
    [result] = cbt.questionnaires.results(session)
    assert (result.instrument, result.version) == ("gad", "GAD-7 en-US (Pfizer, 2006)")
