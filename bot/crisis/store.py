"""Crisis-layer records: each session's crisis mode, safety plans, and flags for review.

Blocking (SQLAlchemy): call from a worker thread in async code. Everything a person wrote
(safety-plan answers, the classifier's evidence) is sealed.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select

from bot.crisis.safety import NO_CRISIS, CrisisState
from haven.crypto import Keyring
from haven.storage.scope import DbScope
from haven.storage.sealed import envelope_columns, open_json, seal_json
from haven.storage.tables import CrisisFlagRow, CrisisStateRow, SafetyPlanRow


@dataclass(frozen=True, slots=True)
class Flag:
    """A flagged turn, as the clinician console will list it."""

    id: str
    session_id: str
    direction: str
    label: str
    tier: str
    score: float
    incident_number: str | None
    resources_version: str
    created_at: datetime
    evidence: tuple[str, ...] = ()


class CrisisStore:
    def __init__(self, engine: Engine, keyring: Keyring) -> None:
        self._engine = engine
        self._keyring = keyring

    def get_state(self, session_id: str) -> CrisisState:
        with DbScope(self._engine, write=False) as session:
            row = session.get(CrisisStateRow, session_id)
            if row is None:
                return NO_CRISIS
            data = open_json(self._keyring, CrisisStateRow.__tablename__, session_id, row)
        return CrisisState(
            mode=data["mode"],
            step=int(data["step"]),
            language=data["language"],
            incident_number=data.get("incident_number"),
            answers=dict(data.get("answers") or {}),
        )

    def put_state(self, session_id: str, state: CrisisState) -> None:
        sealed = envelope_columns(
            seal_json(self._keyring, CrisisStateRow.__tablename__, session_id, asdict(state))
        )
        with DbScope(self._engine, write=True) as session:
            row = session.get(CrisisStateRow, session_id)
            if row is None:
                session.add(
                    CrisisStateRow(
                        session_id=session_id, mode=state.mode, updated_at=_now(), **sealed
                    )
                )
            else:
                row.mode, row.updated_at = state.mode, _now()
                for name, value in sealed.items():
                    setattr(row, name, value)

    def save_plan(self, session_id: str, plan: dict[str, str]) -> None:
        sealed = envelope_columns(
            seal_json(self._keyring, SafetyPlanRow.__tablename__, session_id, plan)
        )
        with DbScope(self._engine, write=True) as session:
            row = session.get(SafetyPlanRow, session_id)
            if row is None:
                session.add(SafetyPlanRow(session_id=session_id, updated_at=_now(), **sealed))
            else:
                row.updated_at = _now()
                for name, value in sealed.items():
                    setattr(row, name, value)

    def get_plan(self, session_id: str) -> dict[str, str] | None:
        with DbScope(self._engine, write=False) as session:
            row = session.get(SafetyPlanRow, session_id)
            if row is None:
                return None
            return dict(open_json(self._keyring, SafetyPlanRow.__tablename__, session_id, row))

    def add_flag(self, flag: Flag) -> None:
        """Store a flag; a flag id already stored (a spool replay) is left as it is."""
        sealed = envelope_columns(
            seal_json(
                self._keyring,
                CrisisFlagRow.__tablename__,
                flag.id,
                {"evidence": list(flag.evidence)},
            )
        )
        with DbScope(self._engine, write=True) as session:
            if session.get(CrisisFlagRow, flag.id) is not None:
                return
            session.add(
                CrisisFlagRow(
                    id=flag.id,
                    session_id=flag.session_id,
                    direction=flag.direction,
                    label=flag.label,
                    tier=flag.tier,
                    score=flag.score,
                    incident_number=flag.incident_number,
                    resources_version=flag.resources_version,
                    created_at=flag.created_at,
                    **sealed,
                )
            )

    def flags(self, session_id: str) -> list[Flag]:
        with DbScope(self._engine, write=False) as session:
            rows = list(
                session.scalars(
                    select(CrisisFlagRow)
                    .where(CrisisFlagRow.session_id == session_id)
                    .order_by(CrisisFlagRow.created_at)
                )
            )
            return [
                Flag(
                    row.id,
                    row.session_id,
                    row.direction,
                    row.label,
                    row.tier,
                    row.score,
                    row.incident_number,
                    row.resources_version,
                    row.created_at,
                    tuple(
                        open_json(self._keyring, CrisisFlagRow.__tablename__, row.id, row)[
                            "evidence"
                        ]
                    ),
                )
                for row in rows
            ]


def new_flag_id() -> str:
    return str(uuid.uuid4())


def flag_payload(flag: Flag) -> dict[str, Any]:
    """A flag as JSON (for the spool)."""
    data = asdict(flag)
    data["created_at"] = flag.created_at.isoformat()
    data["evidence"] = list(flag.evidence)
    return data


def flag_from_payload(data: dict[str, Any]) -> Flag:
    return Flag(
        **{
            **data,
            "created_at": datetime.fromisoformat(data["created_at"]),
            "evidence": tuple(data.get("evidence") or ()),
        }
    )


def _now() -> datetime:
    return datetime.now(UTC)
