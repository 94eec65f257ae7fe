"""What an auditor checks for the CBT tables, reading the database directly (SQLite and
PostgreSQL): no rating, total, band, outcome or per-item answer is readable in plaintext,
while the actions still say them and the stores still read them; a sealed result opens only
in its own row; and key rotation covers every sealed CBT table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from bot.actionserver import ActionContext
from bot.cbt.instruments import PHQ9
from bot.cbt.stores import CbtStores, ThoughtRecord
from haven.crypto import DecryptionError, Keyring
from haven.storage.sealed import SEALED_TABLES, rotate_keys
from tests.cbt.conftest import run, tracker

ENVELOPE = {"key_id", "wrapped_key", "nonce", "ciphertext"}
PLAIN_COLUMNS = {
    "cbt_mood_checkins": {"id", "session_id", "created_at"},
    "cbt_questionnaire_results": {"id", "session_id", "instrument", "form", "version",
                                  "created_at"},
    "cbt_thought_records": {"id", "session_id", "created_at"},
    "cbt_activities": {"id", "session_id", "created_at", "due_at", "outcome_at"},
    "cbt_reminders": {"id", "activity_id", "session_id", "kind", "due_at", "status", "attempts",
                      "claimed_at", "sent_at"},
}  # fmt: skip
"""Everything stored in the clear: identities, times, what was asked, reminder status."""
SEALED_CBT_TABLES = set(PLAIN_COLUMNS) - {"cbt_reminders"}


def raw_rows(engine: Engine, session_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every CBT row of a session exactly as the database holds it, by table."""
    rows: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in PLAIN_COLUMNS:
            result = conn.execute(
                sa.text(f"SELECT * FROM {table} WHERE session_id = :s"), {"s": session_id}
            )
            rows[table] = [dict(row) for row in result.mappings()]
    return rows


def plain_values(rows: dict[str, list[dict[str, Any]]]) -> set[str]:
    """Every value outside the envelopes, as text."""
    return {
        str(value)
        for table in rows.values()
        for row in table
        for column, value in row.items()
        if column not in ENVELOPE and value is not None
    }


def stored_bytes(rows: dict[str, list[dict[str, Any]]]) -> bytes:
    """Every value, envelopes included, as bytes."""
    return b"\n".join(
        bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode()
        for table in rows.values()
        for row in table
        for value in row.values()
    )


def test_cbt_tables_keep_only_query_columns_plain(engine: Engine) -> None:
    inspector = sa.inspect(engine)
    tables = {t for t in inspector.get_table_names() if t.startswith("cbt_")}
    assert tables == set(PLAIN_COLUMNS)  # no per-item answers table with plain answers
    for table in tables:
        columns = {c["name"] for c in inspector.get_columns(table)}
        expected = PLAIN_COLUMNS[table] | (ENVELOPE if table in SEALED_CBT_TABLES else set())
        assert columns == expected, table


def test_every_sealed_cbt_table_is_rotated() -> None:
    rotated = {t.name for t in SEALED_TABLES if t.name.startswith("cbt_")}
    assert rotated == SEALED_CBT_TABLES


async def test_a_mood_rating_is_sealed_and_the_trend_still_reads_it(
    session: str, context: ActionContext, cbt: CbtStores, engine: Engine
) -> None:
    cbt.mood.add(session, 3, ["flat"], at=datetime.now(UTC) - timedelta(days=9))
    slots = {"mood_rating": 7, "mood_emotions": ["wistful"], "mood_note": ""}
    _, responses = await run("action_mood_save", tracker(session, slots), context)
    assert responses == [
        {"response": "utter_mood_saved", "rating": "7"},
        {"response": "utter_mood_trend_up", "this_week": "7.0", "last_week": "3.0", "count": "1"},
    ]
    assert [e.rating for e in cbt.mood.recent(session)] == [7, 3]

    rows = raw_rows(engine, session)
    assert len(rows["cbt_mood_checkins"]) == 2
    assert not {"7", "3", "wistful", "flat"} & plain_values(rows)
    for needle in (b'"rating"', b"wistful", b"flat"):
        assert needle not in stored_bytes(rows), needle


async def test_a_questionnaire_total_band_and_every_answer_are_sealed(
    session: str, context: ActionContext, cbt: CbtStores, engine: Engine
) -> None:
    answers = {1: 3, 2: 3, 3: 2, 4: 2, 5: 2, 6: 2, 7: 2, 8: 1, 9: 0}  # 17: moderately severe
    slots = {"phq_full": True, **{PHQ9.slot(n): v for n, v in answers.items()}}
    _, responses = await run("action_questionnaire_submit_phq", tracker(session, slots), context)
    assert responses[0] == {
        "response": "utter_questionnaire_score",
        "form": "PHQ-9",
        "total": "17",
        "maximum": "27",
        "band": "moderately severe",
    }
    [result] = cbt.questionnaires.results(session)
    assert (result.total, result.band, result.outcome) == (17, "moderately severe", "scored")
    assert result.answers == answers

    rows = raw_rows(engine, session)
    [row] = rows["cbt_questionnaire_results"]
    assert {k: v for k, v in row.items() if k not in ENVELOPE | {"id", "created_at"}} == {
        "session_id": session,
        "instrument": "phq",
        "form": "PHQ-9",
        "version": "PHQ-9 en-US (Pfizer, 1999)",
    }
    assert not {"17", "moderately severe", "scored"} & plain_values(rows)
    for needle in (b"moderately severe", b"scored", b'"total"', b'"answer"', b'"item"'):
        assert needle not in stored_bytes(rows), needle


async def test_a_crisis_stopped_phq9_keeps_item_9_and_its_outcome_sealed(
    session: str, context: ActionContext, cbt: CbtStores, engine: Engine
) -> None:
    low = {"phq_full": True, **{PHQ9.slot(n): 0 for n in range(1, 9)}}
    _, responses = await run(
        "validate_phq_form", tracker(session, low, text="2", candidates={"phq_9": "2"}), context
    )
    assert responses[0] == {"text": "crisis message one"}
    [result] = cbt.questionnaires.results(session)
    assert (result.outcome, result.total, result.answers[9]) == ("crisis", 2, 2)

    rows = raw_rows(engine, session)
    assert not {"crisis", "2"} & plain_values(rows)
    for needle in (b"crisis", b"phq9_item9", b'"outcome"'):
        assert needle not in stored_bytes(rows), needle


@pytest.mark.parametrize(
    ("happened", "change", "said"),
    [
        (True, "better", "utter_activation_recorded_done"),
        (False, "worse", "utter_activation_recorded_missed"),
    ],
)
async def test_whether_an_activity_happened_and_how_mood_changed_are_sealed(
    session: str,
    context: ActionContext,
    cbt: CbtStores,
    engine: Engine,
    happened: bool,
    change: str,
    said: str,
) -> None:
    past = datetime.now(UTC) - timedelta(minutes=5)
    planned = cbt.activities.plan(session, "water-the-ferns", past, past + timedelta(hours=1))
    answer = {"activation_happened": happened, "activation_mood_change": change}
    _, responses = await run("action_activation_record", tracker(session, answer), context)
    assert responses[0] == {"response": said, "activity": "water-the-ferns"}
    stored = cbt.activities.get(planned.id)
    assert stored is not None and (stored.happened, stored.mood_change) == (happened, change)

    rows = raw_rows(engine, session)
    [row] = rows["cbt_activities"]
    assert row["outcome_at"] is not None  # that it was answered, not what
    assert set(row) == PLAIN_COLUMNS["cbt_activities"] | ENVELOPE
    assert change not in plain_values(rows)
    for needle in (change.encode(), b"happened", b"water-the-ferns"):
        assert needle not in stored_bytes(rows), needle
    follow_ups = [r["status"] for r in rows["cbt_reminders"] if r["kind"] == "follow_up"]
    assert follow_ups == ["cancelled"]


def test_a_sealed_result_moved_to_another_row_does_not_open(
    session: str, cbt: CbtStores, engine: Engine
) -> None:
    high = cbt.questionnaires.save(session, PHQ9, "PHQ-9", {9: 3}, 27, "severe", "crisis")
    low = cbt.questionnaires.save(session, PHQ9, "PHQ-2", {1: 0, 2: 0}, 0, None)
    original = _envelope(engine, low)
    _put_envelope(engine, low, _envelope(engine, high))
    try:
        with pytest.raises(DecryptionError):
            cbt.questionnaires.results(session)
    finally:
        _put_envelope(engine, low, original)  # the module's database is rotated later
    assert [r.total for r in cbt.questionnaires.results(session)] == [27, 0]


def _envelope(engine: Engine, result_id: str) -> dict[str, Any]:
    with engine.connect() as conn:
        row = conn.execute(
            sa.text(
                "SELECT key_id, wrapped_key, nonce, ciphertext FROM cbt_questionnaire_results "
                "WHERE id = :id"
            ),
            {"id": result_id},
        )
        return dict(row.mappings().one())


def _put_envelope(engine: Engine, result_id: str, envelope: dict[str, Any]) -> None:
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "UPDATE cbt_questionnaire_results SET key_id = :key_id, "
                "wrapped_key = :wrapped_key, nonce = :nonce, ciphertext = :ciphertext "
                "WHERE id = :id"
            ),
            {**envelope, "id": result_id},
        )


def test_rotation_rewraps_cbt_records_and_they_still_open(
    session: str, cbt: CbtStores, engine: Engine, keyring: Keyring
) -> None:
    cbt.mood.add(session, 5, ["calm"], "note-before-rotation")
    cbt.questionnaires.save(session, PHQ9, "PHQ-2", {1: 2, 2: 1}, 3, None)
    record = ThoughtRecord("situation", "thought", "sad", 70, ("labelling",), "for", "against",
                           "balanced", 30)  # fmt: skip
    cbt.thought_records.save(session, record)
    now = datetime.now(UTC)
    planned = cbt.activities.plan(
        session, "swim", now - timedelta(hours=1), now + timedelta(hours=2)
    )
    cbt.activities.record_outcome(planned.id, True, "same")

    report = rotate_keys(engine, keyring)

    for table in SEALED_CBT_TABLES:
        assert report.rewrapped[table] >= 1, table
        with engine.connect() as conn:
            stale = conn.execute(
                sa.text(f"SELECT COUNT(*) FROM {table} WHERE key_id != :k"),
                {"k": report.new_key_id},
            ).scalar_one()
        assert stale == 0, table
    mood = cbt.mood.recent(session)[0]
    assert (mood.rating, mood.note) == (5, "note-before-rotation")
    [result] = cbt.questionnaires.results(session)
    assert (result.total, result.band, result.answers) == (3, None, {1: 2, 2: 1})
    assert cbt.thought_records.list(session)[0].balanced_thought == "balanced"
    opened = cbt.activities.get(planned.id)
    assert opened is not None
    assert (opened.activity, opened.happened, opened.mood_change) == ("swim", True, "same")
