"""Repositories for the CBT tables. Blocking: call them from a worker thread in async code.

Every result and everything a person wrote (ratings, scores, bands, per-item answers,
outcomes, free text) is sealed with `haven.storage.sealed` (the record's table and id bound
as associated data), exactly like chat messages; `haven rotate-keys` re-wraps these tables too.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from bot.cbt.stores.activities import ActivityStore, DueReminder, PlannedActivity
from bot.cbt.stores.mood import MoodEntry, MoodStore
from bot.cbt.stores.questionnaires import QuestionnaireResult, QuestionnaireStore
from bot.cbt.stores.thought_records import ThoughtRecord, ThoughtRecordStore
from haven.crypto import Keyring


@dataclass(frozen=True, slots=True)
class CbtStores:
    mood: MoodStore
    questionnaires: QuestionnaireStore
    thought_records: ThoughtRecordStore
    activities: ActivityStore

    @classmethod
    def build(cls, engine: Engine, keyring: Keyring) -> CbtStores:
        return cls(
            mood=MoodStore(engine, keyring),
            questionnaires=QuestionnaireStore(engine, keyring),
            thought_records=ThoughtRecordStore(engine, keyring),
            activities=ActivityStore(engine, keyring),
        )


__all__ = [
    "ActivityStore",
    "CbtStores",
    "DueReminder",
    "MoodEntry",
    "MoodStore",
    "PlannedActivity",
    "QuestionnaireResult",
    "QuestionnaireStore",
    "ThoughtRecord",
    "ThoughtRecordStore",
]
