"""What an auditor checks: no plaintext in the database, tampering detected, keys rotated."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import uuid

import httpx
import pytest
import sqlalchemy as sa

from haven import stack as haven_stack
from tests.stackctl import Stack

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def _all_stored_bytes(engine: sa.Engine) -> bytes:
    """Every value of every column of every table, as bytes."""
    chunks: list[bytes] = []
    with engine.connect() as conn:
        for table in sa.inspect(engine).get_table_names():
            for row in conn.execute(sa.text(f'SELECT * FROM "{table}"')):
                for value in row:
                    if isinstance(value, bytes | bytearray | memoryview):
                        chunks.append(bytes(value))
                    elif value is not None:
                        chunks.append(str(value).encode())
    return b"\n".join(chunks)


def test_database_holds_no_plaintext_of_a_sent_message(stack: Stack) -> None:
    session = stack.new_session()
    marker = f"my cat Bartholomew-{uuid.uuid4().hex[:8]} keeps me company"
    reply = stack.say(session, marker)
    assert reply["messages"], "the turn got a reply"

    engine = stack.engine()
    try:
        stored = _all_stored_bytes(engine)
        with engine.connect() as conn:
            tracker_rows = conn.execute(
                sa.text("SELECT COUNT(*) FROM rasa_trackers WHERE sender_id = :s"), {"s": session}
            ).scalar_one()
    finally:
        engine.dispose()
    assert tracker_rows == 1, "Rasa's tracker went to the encrypted tracker store"
    assert b"Bartholomew" not in stored
    assert marker.encode() not in stored
    # The reply Rasa generated is sealed too.
    assert reply["messages"][0]["text"][:30].encode() not in stored
    # But the API still returns it, decrypted.
    assert marker in [m["text"] for m in stack.history(session)]


def _first_message_id(engine: sa.Engine, session: str) -> str:
    with engine.connect() as conn:
        return str(
            conn.execute(
                sa.text("SELECT id FROM messages WHERE session_id = :s ORDER BY seq LIMIT 1"),
                {"s": session},
            ).scalar_one()
        )


def test_tampered_ciphertext_is_refused_not_returned(stack: Stack) -> None:
    session = stack.new_session()
    stack.say(session, "hi")
    engine = stack.engine()
    try:
        message_id = _first_message_id(engine, session)
        select_blob = sa.text("SELECT ciphertext FROM messages WHERE id = :i")
        update_blob = sa.text("UPDATE messages SET ciphertext = :c WHERE id = :i")
        with engine.begin() as conn:
            blob = bytes(conn.execute(select_blob, {"i": message_id}).scalar_one())
            flipped = bytes([blob[0] ^ 0x01]) + blob[1:]
            conn.execute(update_blob, {"c": flipped, "i": message_id})
        response = stack.client.get(f"/v1/sessions/{session}/messages")
        assert response.status_code == 500
        assert response.json()["code"] == "integrity_error"
        with engine.begin() as conn:  # put it back: later tests rotate every key
            conn.execute(update_blob, {"c": blob, "i": message_id})
        assert stack.client.get(f"/v1/sessions/{session}/messages").status_code == 200
    finally:
        engine.dispose()


def test_a_ciphertext_moved_to_another_row_fails_to_open(stack: Stack) -> None:
    first, second = stack.new_session(), stack.new_session()
    stack.say(first, "hi")
    stack.say(second, "hello")
    engine = stack.engine()
    columns = sa.text("SELECT key_id, wrapped_key, nonce, ciphertext FROM messages WHERE id = :i")
    overwrite = sa.text(
        "UPDATE messages SET key_id = :k, wrapped_key = :w, nonce = :n, ciphertext = :c "
        "WHERE id = :i"
    )
    try:
        source, target = _first_message_id(engine, first), _first_message_id(engine, second)
        with engine.begin() as conn:
            moved = conn.execute(columns, {"i": source}).one()
            original = conn.execute(columns, {"i": target}).one()
            conn.execute(
                overwrite, {"k": moved[0], "w": moved[1], "n": moved[2], "c": moved[3], "i": target}
            )
        assert stack.client.get(f"/v1/sessions/{first}/messages").status_code == 200
        response = stack.client.get(f"/v1/sessions/{second}/messages")
        assert (response.status_code, response.json()["code"]) == (500, "integrity_error")
        with engine.begin() as conn:  # put it back: later tests rotate every key
            conn.execute(
                overwrite,
                {
                    "k": original[0],
                    "w": original[1],
                    "n": original[2],
                    "c": original[3],
                    "i": target,
                },
            )
        assert stack.client.get(f"/v1/sessions/{second}/messages").status_code == 200
    finally:
        engine.dispose()


def test_keyring_file_is_owner_only(stack: Stack) -> None:
    mode = stat.S_IMODE(os.stat(stack.settings.keys_file).st_mode)
    assert mode == 0o600


def test_rotate_keys_rewraps_every_record_and_the_conversation_goes_on(stack: Stack) -> None:
    session = stack.new_session()
    stack.say(session, "hi")
    env = {**os.environ, **haven_stack.settings_env(stack.settings)}
    result = subprocess.run(
        [sys.executable, "-m", "haven.cli", "rotate-keys"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    new_key = result.stdout.split("active key is now ", 1)[1].split(";", 1)[0]

    engine = stack.engine()
    try:
        with engine.connect() as conn:
            for table in ("messages", "rasa_trackers"):
                keys = set(conn.execute(sa.text(f"SELECT DISTINCT key_id FROM {table}")).scalars())
                assert keys == {new_key}, table
    finally:
        engine.dispose()
    # Haven opens every message, and Rasa still opens its re-wrapped tracker.
    assert stack.history(session)[0]["text"] == "hi"
    tracker = httpx.get(
        f"{stack.settings.rasa.url}/conversations/{session}/tracker",
        params={"token": stack.settings.rasa.auth_token.get()},
        timeout=30,
    ).json()
    assert any(e.get("text") == "hi" for e in tracker["events"] if e["event"] == "user")
    assert "what can you do" not in str(tracker)
    assert stack.say(session, "what can you do")["messages"]
