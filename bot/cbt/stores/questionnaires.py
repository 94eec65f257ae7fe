"""Questionnaire results: one row per result. The instrument, form and version are plain
(what was asked); the total, band, outcome and every item's answer are sealed together
in the row's envelope, so a score only ever opens with the answers it was computed from:

    {"total": 12, "band": "moderate", "outcome": "scored",
     "answers": [{"item": 1, "answer": 2}, ..., {"item": 9, "answer": 0}]}
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select

from bot.cbt.instruments import Instrument
from bot.cbt.tables import QuestionnaireResultRow
from haven.crypto import Keyring
from haven.storage.scope import DbScope
from haven.storage.sealed import envelope_columns, open_json, seal_json

_TABLE = QuestionnaireResultRow.__tablename__


@dataclass(frozen=True, slots=True)
class QuestionnaireResult:
    id: str
    instrument: str
    form: str
    version: str
    total: int
    band: str | None
    outcome: str
    created_at: datetime
    answers: dict[int, int]


class QuestionnaireStore:
    def __init__(self, engine: Engine, keyring: Keyring) -> None:
        self._engine = engine
        self._keyring = keyring

    def save(
        self,
        session_id: str,
        instrument: Instrument,
        form: str,
        answers: Mapping[int, int],
        total: int,
        band: str | None,
        outcome: str = "scored",
    ) -> str:
        result_id = str(uuid.uuid4())
        sealed = seal_json(
            self._keyring,
            _TABLE,
            result_id,
            {
                "total": total,
                "band": band,
                "outcome": outcome,
                "answers": [
                    {"item": item, "answer": answer} for item, answer in sorted(answers.items())
                ],
            },
        )
        with DbScope(self._engine, write=True) as session:
            session.execute(
                insert(QuestionnaireResultRow),
                [
                    {
                        "id": result_id,
                        "session_id": session_id,
                        "instrument": instrument.code,
                        "form": form,
                        "version": instrument.version,
                        "created_at": datetime.now(UTC),
                        **envelope_columns(sealed),
                    }
                ],
            )
        return result_id

    def results(self, session_id: str) -> list[QuestionnaireResult]:
        """Every result of a session, oldest first, opened, with its answers."""
        with DbScope(self._engine, write=False) as session:
            rows = list(
                session.scalars(
                    select(QuestionnaireResultRow)
                    .where(QuestionnaireResultRow.session_id == session_id)
                    .order_by(QuestionnaireResultRow.created_at)
                )
            )
        return [self._open(row) for row in rows]

    def _open(self, row: QuestionnaireResultRow) -> QuestionnaireResult:
        body = open_json(self._keyring, _TABLE, row.id, row)
        return QuestionnaireResult(
            row.id,
            row.instrument,
            row.form,
            row.version,
            int(body["total"]),
            body["band"],
            body["outcome"],
            row.created_at,
            {int(a["item"]): int(a["answer"]) for a in body["answers"]},
        )
