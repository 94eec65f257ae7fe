"""Processed MessageSids: Twilio retries a webhook it thinks failed, with the same
MessageSid, and a retry must not become a second turn.

The first request inserts the MessageSid (the primary key decides between two that race);
any later one finds it and is given the reply the first was given, or an empty reply while
the first is still being answered, or when its reply went out through the REST API.
Blocking repository: call from a worker thread in async code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from haven.crypto import Keyring
from haven.sms.db import inserting
from haven.sms.tables import SmsInboundRow
from haven.storage.scope import DbScope
from haven.storage.sealed import envelope_columns, open_json, seal_json

_TABLE = SmsInboundRow.__tablename__


@dataclass(frozen=True, slots=True)
class Segment:
    """One outbound SMS: its outbox row id and its body."""

    id: str
    body: str


class ReceiptStore:
    def __init__(self, engine: Engine, keyring: Keyring) -> None:
        self._engine = engine
        self._keyring = keyring

    def take(self, message_sid: str, number_id: str, now: datetime) -> list[Segment] | None:
        """None if this MessageSid is new (it is now taken); else the reply already given."""
        sealed = seal_json(self._keyring, _TABLE, message_sid, [])
        try:
            with inserting(self._engine) as session:
                session.add(
                    SmsInboundRow(
                        message_sid=message_sid,
                        number_id=number_id,
                        state="taking",
                        received_at=now,
                        **envelope_columns(sealed),
                    )
                )
            return None
        except IntegrityError:
            pass
        with DbScope(self._engine, write=False) as session:
            row = session.get(SmsInboundRow, message_sid)
            if row is None or row.state != "answered":
                return []
            payload = open_json(self._keyring, _TABLE, message_sid, row)
            return [Segment(str(i), str(body)) for i, body in payload]


def answer_in(
    session: Session, keyring: Keyring, message_sid: str, segments: list[Segment]
) -> None:
    """Record the webhook's reply, in the caller's transaction (with its outbox rows)."""
    row = session.get(SmsInboundRow, message_sid)
    if row is None:
        return
    sealed = seal_json(keyring, _TABLE, message_sid, [[s.id, s.body] for s in segments])
    row.state = "answered"
    for key, value in envelope_columns(sealed).items():
        setattr(row, key, value)
