"""Numbers at rest on SQLite and PostgreSQL: sealed, found by a keyed hash, still found (and
re-hashed) after a key rotation, whose re-wrap covers every SMS table."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from haven.crypto import Keyring
from haven.sms.choices import Choice
from haven.sms.numbers import active_hash, lookup_hashes
from haven.sms.outbox import SmsOutbox
from haven.sms.receipts import ReceiptStore
from haven.sms.subscribers import SubscriberStore
from haven.sms.tables import SmsNumberRow
from haven.storage import create_engine_for, upgrade_schema
from haven.storage.sealed import rotate_keys

pytestmark = pytest.mark.postgres

NUMBER = "+15557654321"


def test_numbers_are_sealed_found_by_keyed_hash_and_survive_rotation(
    database_url: str, tmp_path: Path
) -> None:
    upgrade_schema(database_url)
    engine = create_engine_for(database_url)
    keyring, _ = Keyring.load_or_create(tmp_path / "keys.json", allow_create=True)
    people = SubscriberStore(engine, keyring)
    now = datetime.now(UTC)
    try:
        person = people.find_or_create(NUMBER, now)
        assert person.new and not person.disclosed and not person.opted_out
        found = people.find_or_create(NUMBER, now)
        assert (found.id, found.session_id, found.new) == (person.id, person.session_id, False)
        people.save_choices(person.session_id, [Choice("1", "Yes", "Yes", "/affirm")], now)
        ReceiptStore(engine, keyring).take("SM" + "a" * 32, person.id, now)
        SmsOutbox(engine, keyring).enqueue(person.id, ["Reminder: water the plants"], now)

        with engine.connect() as conn:
            [row] = conn.execute(sa.select(SmsNumberRow)).all()
            dump = b"".join(
                bytes(v) if isinstance(v, bytes) else str(v).encode()
                for table in ("sms_numbers", "sms_choices", "sms_inbound", "sms_outbox")
                for r in conn.execute(sa.text(f"SELECT * FROM {table}"))
                for v in r
            )
        assert row.number_hash == active_hash(keyring, NUMBER) != NUMBER
        assert NUMBER.encode() not in dump and b"5557654321" not in dump
        assert b"water the plants" not in dump and b"/affirm" not in dump
        other = Keyring.generate()
        assert lookup_hashes(other, NUMBER)[0] != row.number_hash  # keyed, not a plain hash

        report = rotate_keys(engine, keyring)
        assert all(
            report.rewrapped[table] == 1
            for table in ("sms_numbers", "sms_choices", "sms_inbound", "sms_outbox")
        )
        again = people.find_or_create(NUMBER, now)
        assert (again.id, again.new) == (person.id, False)
        assert people.number(person.id) == NUMBER
        assert people.choices(person.session_id) == [Choice("1", "Yes", "Yes", "/affirm")]
        with engine.connect() as conn:
            rehashed = conn.execute(sa.select(SmsNumberRow.number_hash)).scalar_one()
        assert rehashed == active_hash(keyring, NUMBER) != row.number_hash
    finally:
        engine.dispose()
