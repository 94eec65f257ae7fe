"""Mood, thought record, activation, relaxation and pause/resume actions on real stores
(SQLite and PostgreSQL): exact events and responses, rows written, nothing in plaintext."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Engine

from bot.actionserver import ActionContext
from bot.cbt.stores import CbtStores
from haven.storage import ChatMessage
from tests.cbt.conftest import run, slot, tracker


def plaintext_in_database(engine: Engine, needle: str) -> bool:
    """Whether `needle` appears in any column of any table, as text or bytes."""
    with engine.connect() as conn:
        metadata = sa.MetaData()
        metadata.reflect(bind=conn)
        for table in metadata.sorted_tables:
            for row in conn.execute(sa.select(table)):
                for value in row:
                    if isinstance(value, bytes) and needle.encode() in value:
                        return True
                    if isinstance(value, str) and needle in value:
                        return True
    return False


# ---- mood ------------------------------------------------------------------------------


async def test_mood_rating_invalid_answers_are_re_asked(
    session: str, context: ActionContext
) -> None:
    for text in ("eleven", "-1", "idk", "🙂"):
        events, responses = await run(
            "validate_mood_form",
            tracker(session, text=text, candidates={"mood_rating": text}, loop="mood_form"),
            context,
        )
        assert events == [slot("mood_rating", None)]
        assert responses == [{"response": "utter_mood_rating_invalid"}]


async def test_mood_emotions_and_note_can_be_skipped(session: str, context: ActionContext) -> None:
    events, _ = await run(
        "validate_mood_form",
        tracker(
            session,
            text="Tired, anxious and sad",
            candidates={"mood_emotions": "Tired, anxious and sad"},
        ),
        context,
    )
    assert events == [slot("mood_emotions", ["tired", "anxious", "sad"])]
    skip = '/inform{"choice":"skip"}'
    events, _ = await run(
        "validate_mood_form", tracker(session, text=skip, candidates={"mood_note": skip}), context
    )
    assert events == [slot("mood_note", "")]


async def test_mood_check_in_reflects_the_weekly_trend(
    session: str, context: ActionContext, cbt: CbtStores, engine: Engine
) -> None:
    now = datetime.now(UTC)
    for days, rating in ((10, 3), (9, 3), (8, 4)):  # last week: 3.3
        cbt.mood.add(session, rating, at=now - timedelta(days=days))
    for days, rating in ((3, 4), (1, 4)):
        cbt.mood.add(session, rating, at=now - timedelta(days=days))
    slots = {"mood_rating": 5, "mood_emotions": ["hopeful"], "mood_note": "secret-note-7731"}
    events, responses = await run("action_mood_save", tracker(session, slots), context)
    assert responses == [
        {"response": "utter_mood_saved", "rating": "5"},
        {"response": "utter_mood_trend_up", "this_week": "4.3", "last_week": "3.3", "count": "3"},
    ]
    assert events == [
        slot("mood_rating", None),
        slot("mood_emotions", None),
        slot("mood_note", None),
        slot("exercise_paused", []),
    ]
    [latest, *_] = cbt.mood.recent(session)
    assert (latest.rating, latest.emotions, latest.note) == (5, ("hopeful",), "secret-note-7731")
    assert not plaintext_in_database(engine, "secret-note-7731")


async def test_first_check_in_and_a_low_rating(session: str, context: ActionContext) -> None:
    slots = {"mood_rating": 2, "mood_emotions": [], "mood_note": ""}
    _, responses = await run("action_mood_save", tracker(session, slots), context)
    assert responses == [
        {"response": "utter_mood_saved", "rating": "2"},
        {"response": "utter_mood_trend_first", "this_week": "2.0", "last_week": "", "count": "1"},
        {"response": "utter_mood_low_support"},
    ]


async def test_the_greeting_offers_a_check_in_once_a_day(
    session: str, context: ActionContext, cbt: CbtStores
) -> None:
    context.messages.append(session, "in", [ChatMessage("hi"), ChatMessage("hello again")])
    _, responses = await run("action_core_greet", tracker(session, intent="greet"), context)
    assert responses == [
        {"response": "utter_core_greet_returning"},
        {"response": "utter_mood_offer"},
    ]
    cbt.mood.add(session, 6)
    _, responses = await run("action_core_greet", tracker(session, intent="greet"), context)
    assert responses == [{"response": "utter_core_greet_returning"}]


# ---- pause and resume ------------------------------------------------------------------


async def test_stop_pauses_the_exercise_and_resume_brings_it_back(
    session: str, context: ActionContext
) -> None:
    filled = {"thought_situation": "at work", "thought_automatic": "I'm useless"}
    t = tracker(session, filled, text="stop", intent="stop", loop="thought_record_form")
    events, responses = await run("action_exercise_pause", t, context)
    assert responses == [{"response": "utter_exercise_paused", "exercise": "thought record"}]
    assert events == [
        {"event": "active_loop", "name": None},
        slot("requested_slot", None),
        slot("exercise_paused", ["thought_record_form"]),
    ]
    paused = {**filled, "exercise_paused": ["mood_form", "thought_record_form"], "mood_rating": 4}
    t = tracker(session, paused, text="continue my thought record", intent="resume")
    events, responses = await run("action_exercise_resume", t, context)
    assert responses == [{"response": "utter_exercise_resuming", "exercise": "thought record"}]
    assert events == [
        slot("exercise_paused", ["mood_form"]),
        slot("requested_slot", None),
        {"event": "active_loop", "name": "thought_record_form"},
    ]
    t = tracker(session, {"exercise_paused": ["mood_form"]}, text="resume", intent="resume")
    events, _ = await run("action_exercise_resume", t, context)
    assert events[-1] == {"event": "active_loop", "name": "mood_form"}


async def test_nothing_to_stop_or_resume(session: str, context: ActionContext) -> None:
    _, responses = await run("action_exercise_pause", tracker(session, intent="stop"), context)
    assert responses == [{"response": "utter_exercise_nothing_to_stop"}]
    assert await run(
        "action_exercise_pause", tracker(session, intent="ask_capabilities"), context
    ) == ([], [])
    _, responses = await run("action_exercise_resume", tracker(session, intent="resume"), context)
    assert responses == [{"response": "utter_exercise_nothing_to_resume"}]


async def test_starting_another_exercise_pauses_the_current_one(
    session: str, context: ActionContext
) -> None:
    t = tracker(
        session, {"phq_1": 1}, text="box breathing", intent="start_breathing", loop="phq_form"
    )
    events, responses = await run("action_exercise_start", t, context)
    assert responses == [
        {"response": "utter_exercise_paused", "exercise": "mood questionnaire"},
        {"response": "utter_relaxation_breathing_intro"},
    ]
    assert events[:2] == [{"event": "active_loop", "name": None}, slot("requested_slot", None)]
    assert slot("exercise_paused", ["phq_form"]) in events
    assert events[-1] == {"event": "active_loop", "name": "breathing_form"}


# ---- thought record --------------------------------------------------------------------

RECORD = {
    "thought_situation": "boss-criticised-report-4471",
    "thought_automatic": "I am useless",
    "thought_emotion": "anxious",
    "thought_intensity": 80,
    "thought_traps": ["labelling", "overgeneralising"],
    "thought_evidence_for": "I made a mistake",
    "thought_evidence_against": "Good feedback last month",
    "thought_balanced": "One mistake does not make me useless",
    "thought_rerate": 40,
}


async def test_thought_record_validation(session: str, context: ActionContext) -> None:
    events, responses = await run(
        "validate_thought_record_form",
        tracker(session, text="150", candidates={"thought_intensity": "150"}),
        context,
    )
    assert events == [slot("thought_intensity", None)]
    assert responses == [{"response": "utter_thought_record_intensity_invalid"}]
    events, _ = await run(
        "validate_thought_record_form",
        tracker(session, text="6 and 3", candidates={"thought_traps": "6 and 3"}),
        context,
    )
    assert events == [slot("thought_traps", ["mind_reading", "labelling"])]
    events, responses = await run(
        "validate_thought_record_form",
        tracker(session, text="🙂", candidates={"thought_situation": "🙂"}),
        context,
    )
    assert events == [slot("thought_situation", None)]
    assert responses == [{"response": "utter_thought_record_text_invalid"}]


async def test_thought_record_is_saved_sealed_and_listed(
    session: str, context: ActionContext, engine: Engine
) -> None:
    events, responses = await run("action_thought_record_save", tracker(session, RECORD), context)
    assert responses == [
        {
            "response": "utter_thought_record_saved",
            "emotion": "anxious",
            "before": "80",
            "after": "40",
        },
    ]
    assert slot("thought_situation", None) in events and slot("thought_rerate", None) in events
    assert not plaintext_in_database(engine, "boss-criticised-report-4471")
    _, responses = await run(
        "action_thought_record_list", tracker(session, intent="show_thought_records"), context
    )
    assert responses[0] == {"response": "utter_thought_record_list_header", "count": "1"}
    listed = responses[1]["text"]
    assert "boss-criticised-report-4471" in listed
    assert "Thinking traps: Labelling, Overgeneralising" in listed
    assert "anxious: 80 → 40" in listed


async def test_no_thought_records_yet(session: str, context: ActionContext) -> None:
    _, responses = await run("action_thought_record_list", tracker(session), context)
    assert responses == [{"response": "utter_thought_record_none"}]


# ---- behavioural activation ------------------------------------------------------------


async def test_activation_time_is_parsed_or_re_asked(session: str, context: ActionContext) -> None:
    events, responses = await run(
        "validate_activation_form",
        tracker(session, text="at 25pm", candidates={"activation_time": "at 25pm"}),
        context,
    )
    assert events == [slot("activation_time", None)]
    assert responses == [{"response": "utter_activation_time_invalid"}]
    before = datetime.now(UTC)
    events, _ = await run(
        "validate_activation_form",
        tracker(session, text="in 2 hours", candidates={"activation_time": "in 2 hours"}),
        context,
    )
    due = datetime.fromisoformat(events[0]["value"])
    assert timedelta(hours=2) <= due - before < timedelta(hours=2, seconds=30)


async def test_activity_is_planned_with_its_reminders_and_the_outcome_recorded(
    session: str, context: ActionContext, cbt: CbtStores, engine: Engine
) -> None:
    due = datetime.now(UTC) + timedelta(hours=2)
    slots = {"activation_activity": "walk-by-the-canal-9921", "activation_time": due.isoformat()}
    events, responses = await run("action_activation_schedule", tracker(session, slots), context)
    assert responses == [
        {
            "response": "utter_activation_scheduled",
            "activity": "walk-by-the-canal-9921",
            "when": f"{'today' if due.date() == datetime.now(UTC).date() else 'tomorrow'} "
            f"at {due:%H:%M}",
        }
    ]
    assert slot("activation_activity", None) in events
    assert not plaintext_in_database(engine, "walk-by-the-canal-9921")
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT kind, status FROM cbt_reminders r JOIN cbt_activities a "
                "ON a.id = r.activity_id WHERE a.session_id = :s ORDER BY r.due_at"
            ),
            {"s": session},
        ).all()
    assert [tuple(r) for r in rows] == [("reminder", "pending"), ("follow_up", "pending")]

    # Not due yet: a "yes I did it" has nothing to answer.
    answer = {"activation_happened": True, "activation_mood_change": "better"}
    _, responses = await run("action_activation_record", tracker(session, answer), context)
    assert responses == [{"response": "utter_activation_nothing_pending"}]


async def test_activity_outcome(session: str, context: ActionContext, cbt: CbtStores) -> None:
    past = datetime.now(UTC) - timedelta(minutes=5)
    planned = cbt.activities.plan(session, "call my sister", past, past + timedelta(hours=1))
    answer = {"activation_happened": True, "activation_mood_change": "better"}
    events, responses = await run("action_activation_record", tracker(session, answer), context)
    assert responses == [
        {"response": "utter_activation_recorded_done", "activity": "call my sister"},
        {"response": "utter_activation_better"},
    ]
    assert slot("activation_happened", None) in events
    stored = cbt.activities.get(planned.id)
    assert stored is not None and (stored.happened, stored.mood_change) == (True, "better")


async def test_follow_up_mood_change_is_validated(session: str, context: ActionContext) -> None:
    events, responses = await run(
        "validate_activation_followup_form",
        tracker(session, text="idk", candidates={"activation_mood_change": "idk"}),
        context,
    )
    assert events == [slot("activation_mood_change", None)]
    assert responses == [{"response": "utter_activation_mood_change_invalid"}]


# ---- relaxation ------------------------------------------------------------------------


async def test_any_reply_moves_breathing_on(session: str, context: ActionContext) -> None:
    events, _ = await run(
        "validate_breathing_form",
        tracker(session, text="next", intent="next_step", candidates={"breathing_round_1": "next"}),
        context,
    )
    assert events == [slot("breathing_round_1", "done")]
    done = {f"breathing_round_{n}": "done" for n in (1, 2, 3)}
    events, responses = await run("action_relaxation_finish", tracker(session, done), context)
    assert responses == [{"response": "utter_relaxation_breathing_done"}]
    assert slot("breathing_round_3", None) in events
