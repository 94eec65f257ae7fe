"""The spool keeps records sealed and durable until the database takes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from haven.crypto import Keyring
from haven.spool import Spool
from haven.storage import StorageUnavailable


@pytest.fixture
def spool(tmp_path: Path) -> Spool:
    keyring, _ = Keyring.load_or_create(tmp_path / "keys.json", allow_create=True)
    return Spool(tmp_path / "spool", keyring)


def test_entries_are_sealed_on_disk(spool: Spool, tmp_path: Path) -> None:
    spool.put("messages", {"text": "I took all my pills"})
    [path] = (tmp_path / "spool").glob("*.spool")
    assert b"pills" not in path.read_bytes()
    assert path.stat().st_mode & 0o777 == 0o600
    assert spool.pending()[0].payload == {"text": "I took all my pills"}


def test_drain_applies_in_order_and_stops_while_the_database_is_away(spool: Spool) -> None:
    for n in range(3):
        spool.put("n", {"n": n})
    seen: list[int] = []

    def down(payload: dict) -> None:  # type: ignore[type-arg]
        raise StorageUnavailable("down")

    assert spool.drain({"n": down}) == 0 and len(spool) == 3
    assert spool.drain({"n": lambda p: seen.append(p["n"])}) == 3
    assert seen == [0, 1, 2] and len(spool) == 0


def test_a_failing_entry_is_kept_aside_never_deleted(spool: Spool) -> None:
    spool.put("n", {"n": 1})

    def broken(payload: dict) -> None:  # type: ignore[type-arg]
        raise ValueError("bad")

    assert spool.drain({"n": broken}) == 0
    assert len(spool) == 0 and len(spool.dead_letters()) == 1


def test_replace_updates_a_pending_entry(spool: Spool) -> None:
    entry = spool.put("incident", {"sent": []})
    spool.replace(entry, "incident", {"sent": [{"to": "clinician"}]})
    assert spool.pending()[0].payload == {"sent": [{"to": "clinician"}]}
