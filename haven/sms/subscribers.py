"""People who text Haven: number → SMS session, consent state, and the choices last offered.

Blocking repository: call from a worker thread in async code.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError

from haven.crypto import Keyring
from haven.sms.choices import Choice
from haven.sms.db import inserting
from haven.sms.errors import UnknownSubscriber
from haven.sms.numbers import active_hash, lookup_hashes
from haven.sms.tables import SmsChoicesRow, SmsNumberRow, SmsOutboxRow
from haven.storage.scope import DbScope
from haven.storage.sealed import envelope_columns, open_json, seal_json
from haven.storage.tables import ChatSessionRow

CHANNEL = "sms"
_NUMBERS = SmsNumberRow.__tablename__
_CHOICES = SmsChoicesRow.__tablename__


@dataclass(frozen=True, slots=True)
class Subscriber:
    id: str
    session_id: str
    disclosed: bool
    opted_out_at: datetime | None
    new: bool = False
    """Created by this look-up: the number has never texted Haven before."""

    @property
    def opted_out(self) -> bool:
        return self.opted_out_at is not None


class SubscriberStore:
    def __init__(self, engine: Engine, keyring: Keyring) -> None:
        self._engine = engine
        self._keyring = keyring

    def find_or_create(self, number: str, now: datetime) -> Subscriber:
        """The person texting from `number` (E.164), with a new SMS session if never seen."""
        found = self._find(number)
        if found is not None:
            return found
        row_id, session_id = str(uuid.uuid4()), str(uuid.uuid4())
        sealed = seal_json(self._keyring, _NUMBERS, row_id, {"number": number})
        try:
            with inserting(self._engine) as session:
                session.add(ChatSessionRow(id=session_id, channel=CHANNEL, created_at=now))
                session.flush()
                session.add(
                    SmsNumberRow(
                        id=row_id,
                        number_hash=active_hash(self._keyring, number),
                        session_id=session_id,
                        created_at=now,
                        **envelope_columns(sealed),
                    )
                )
        except IntegrityError:
            # The same number's first two messages raced; the other one created the row.
            found = self._find(number)
            if found is None:
                raise
            return found
        return Subscriber(row_id, session_id, disclosed=False, opted_out_at=None, new=True)

    def get(self, subscriber_id: str) -> Subscriber:
        with DbScope(self._engine, write=False) as session:
            row = session.get(SmsNumberRow, subscriber_id)
            if row is None:
                raise UnknownSubscriber(subscriber_id)
            return _subscriber(row)

    def by_session(self, session_id: str) -> Subscriber | None:
        with DbScope(self._engine, write=False) as session:
            row = session.scalars(
                select(SmsNumberRow).where(SmsNumberRow.session_id == session_id)
            ).first()
            return None if row is None else _subscriber(row)

    def number(self, subscriber_id: str) -> str:
        """The plaintext number, opened only to hand it to Twilio."""
        with DbScope(self._engine, write=False) as session:
            row = session.get(SmsNumberRow, subscriber_id)
            if row is None:
                raise UnknownSubscriber(subscriber_id)
            return str(open_json(self._keyring, _NUMBERS, row.id, row)["number"])

    def sessions(self) -> list[str]:
        """Every SMS session (each gets a DeliveryHub listener at start-up)."""
        with DbScope(self._engine, write=False) as session:
            return list(session.scalars(select(SmsNumberRow.session_id)))

    def opt_out(self, subscriber_id: str, via: str, now: datetime) -> bool:
        """Record the opt-out and cancel whatever was still to be sent; False if the number
        had already opted out (its first time is kept)."""
        with DbScope(self._engine, write=True) as session:
            changed = session.execute(
                update(SmsNumberRow)
                .where(SmsNumberRow.id == subscriber_id, SmsNumberRow.opted_out_at.is_(None))
                .values(opted_out_at=now, opted_out_via=via)
                .execution_options(synchronize_session=False)
            ).rowcount  # type: ignore[attr-defined]
            session.execute(
                update(SmsOutboxRow)
                .where(SmsOutboxRow.number_id == subscriber_id, SmsOutboxRow.status == "pending")
                .values(status="cancelled", last_error="opted out", updated_at=now)
                .execution_options(synchronize_session=False)
            )
        return bool(changed)

    def opt_in(self, subscriber_id: str, now: datetime) -> bool:
        """Clear an opt-out; False if the number had not opted out."""
        with DbScope(self._engine, write=True) as session:
            changed = session.execute(
                update(SmsNumberRow)
                .where(SmsNumberRow.id == subscriber_id, SmsNumberRow.opted_out_at.is_not(None))
                .values(opted_out_at=None, opted_out_via=None, opted_in_at=now)
                .execution_options(synchronize_session=False)
            ).rowcount  # type: ignore[attr-defined]
        return bool(changed)

    def mark_disclosed(self, subscriber_id: str, now: datetime) -> None:
        with DbScope(self._engine, write=True) as session:
            session.execute(
                update(SmsNumberRow)
                .where(SmsNumberRow.id == subscriber_id, SmsNumberRow.disclosed_at.is_(None))
                .values(disclosed_at=now)
                .execution_options(synchronize_session=False)
            )

    def save_choices(self, session_id: str, choices: Sequence[Choice], now: datetime) -> None:
        """Remember the choices just offered (an empty list forgets the last ones)."""
        sealed = seal_json(self._keyring, _CHOICES, session_id, [c.to_json() for c in choices])
        with DbScope(self._engine, write=True) as session:
            row = session.get(SmsChoicesRow, session_id)
            if row is None:
                session.add(
                    SmsChoicesRow(session_id=session_id, updated_at=now, **envelope_columns(sealed))
                )
                return
            row.updated_at = now
            for key, value in envelope_columns(sealed).items():
                setattr(row, key, value)

    def choices(self, session_id: str) -> list[Choice]:
        with DbScope(self._engine, write=False) as session:
            row = session.get(SmsChoicesRow, session_id)
            if row is None:
                return []
            return [
                Choice.from_json(c) for c in open_json(self._keyring, _CHOICES, session_id, row)
            ]

    def _find(self, number: str) -> Subscriber | None:
        hashes = lookup_hashes(self._keyring, number)
        with DbScope(self._engine, write=True) as session:
            row = session.scalars(
                select(SmsNumberRow)
                .where(SmsNumberRow.number_hash.in_(hashes))
                .order_by(SmsNumberRow.created_at)
            ).first()
            if row is None:
                return None
            if row.number_hash != hashes[0]:
                row.number_hash = hashes[0]  # written before a key rotation: re-hash
            return _subscriber(row)


def _subscriber(row: SmsNumberRow) -> Subscriber:
    return Subscriber(row.id, row.session_id, row.disclosed_at is not None, row.opted_out_at)
