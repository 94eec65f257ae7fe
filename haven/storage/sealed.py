"""Sealing rows: JSON payloads in, envelopes out, and key rotation across every sealed table."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from bot.cbt.tables import ActivityRow, MoodCheckinRow, QuestionnaireResultRow, ThoughtRecordRow
from haven.crypto import Envelope, Keyring, open_envelope, record_aad, rewrap, seal
from haven.sms.tables import SmsChoicesRow, SmsInboundRow, SmsNumberRow, SmsOutboxRow
from haven.storage.tables import (
    Base,
    CrisisFlagRow,
    CrisisStateRow,
    MessageRow,
    RasaTrackerRow,
    SafetyPlanRow,
    SealedColumns,
)


def seal_json(keyring: Keyring, table: str, record_id: str, payload: Any) -> Envelope:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return seal(keyring, data, record_aad(table, record_id))


def open_json(keyring: Keyring, table: str, record_id: str, row: SealedColumns) -> Any:
    envelope = Envelope(row.key_id, row.wrapped_key, row.nonce, row.ciphertext)
    return json.loads(open_envelope(keyring, envelope, record_aad(table, record_id)))


def envelope_columns(envelope: Envelope) -> dict[str, Any]:
    return {
        "key_id": envelope.key_id,
        "wrapped_key": envelope.wrapped_key,
        "nonce": envelope.nonce,
        "ciphertext": envelope.ciphertext,
    }


@dataclass(frozen=True, slots=True)
class SealedTable:
    """A table holding envelopes, and the column whose value is bound as associated data."""

    model: type[Base]
    id_attr: str

    @property
    def name(self) -> str:
        return str(self.model.__tablename__)


SEALED_TABLES: tuple[SealedTable, ...] = (
    SealedTable(MessageRow, "id"),
    SealedTable(RasaTrackerRow, "sender_id"),
    SealedTable(CrisisStateRow, "session_id"),
    SealedTable(SafetyPlanRow, "session_id"),
    SealedTable(CrisisFlagRow, "id"),
    SealedTable(MoodCheckinRow, "id"),
    SealedTable(QuestionnaireResultRow, "id"),
    SealedTable(ThoughtRecordRow, "id"),
    SealedTable(ActivityRow, "id"),
    SealedTable(SmsNumberRow, "id"),
    SealedTable(SmsChoicesRow, "session_id"),
    SealedTable(SmsInboundRow, "message_sid"),
    SealedTable(SmsOutboxRow, "id"),
)


@dataclass(frozen=True, slots=True)
class RotationReport:
    new_key_id: str
    rewrapped: dict[str, int]


def rotate_keys(engine: Engine, keyring: Keyring, batch_size: int = 500) -> RotationReport:
    """Add a new key-encryption key, make it active, and re-wrap every data key under it.

    Record ciphertexts are not touched. Old keys stay in the keyring so that a process that
    has not yet reloaded it (Rasa) can still open what it wrote; each batch commits on its
    own, so an interrupted rotation is simply run again.
    """
    new_key_id = keyring.add_key()
    keyring.save()
    counts: dict[str, int] = {}
    for table in SEALED_TABLES:
        batches = _stale_ids(engine, table, new_key_id, batch_size)
        counts[table.name] = sum(_rewrap_batch(engine, keyring, table, ids) for ids in batches)
    return RotationReport(new_key_id, counts)


def _stale_ids(
    engine: Engine, table: SealedTable, key_id: str, batch_size: int
) -> Iterator[list[str]]:
    id_col = getattr(table.model, table.id_attr)
    while True:
        with Session(engine) as session:
            ids = list(
                session.scalars(
                    select(id_col).where(table.model.key_id != key_id).limit(batch_size)  # type: ignore[attr-defined]
                )
            )
        if not ids:
            return
        yield ids


def _rewrap_batch(engine: Engine, keyring: Keyring, table: SealedTable, ids: list[str]) -> int:
    id_col = getattr(table.model, table.id_attr)
    with Session(engine) as session, session.begin():
        rows = session.scalars(select(table.model).where(id_col.in_(ids)).with_for_update()).all()
        for row in rows:
            record_id = getattr(row, table.id_attr)
            old = Envelope(row.key_id, row.wrapped_key, row.nonce, row.ciphertext)  # type: ignore[attr-defined]
            new = rewrap(keyring, old, record_aad(table.name, record_id))
            session.execute(
                update(table.model)
                .where(id_col == record_id)
                .where(table.model.key_id == old.key_id)  # type: ignore[attr-defined]
                .where(table.model.nonce == old.nonce)  # type: ignore[attr-defined]
                .values(key_id=new.key_id, wrapped_key=new.wrapped_key)
            )
    return len(rows)
