"""The inbound webhook on the real gateway and Rasa: Twilio's signature, the first-contact
disclosure, HELP, a MessageSid Twilio repeats, and no phone number in plaintext anywhere."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from haven.sms import texts
from tests.sms.conftest import SMS_PATH, STATUS_PATH, SmsStack, message_sid, phone

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def _params(sender: str, body: str) -> dict[str, str]:
    return {"MessageSid": message_sid(), "From": sender, "To": "+15550002000", "Body": body}


def test_unsigned_forged_or_misdirected_webhooks_are_refused(sms: SmsStack) -> None:
    sender = phone()
    params = _params(sender, "hi")
    url = sms.public_url + SMS_PATH
    unsigned = sms.stack.client.post(SMS_PATH, data=params)
    other_token = sms.post(SMS_PATH, params, sms.sign(url, params, token="0" * 32))
    other_url = sms.post(SMS_PATH, params, sms.sign("https://evil.example" + SMS_PATH, params))
    changed_body = sms.post(SMS_PATH, {**params, "Body": "hello"}, sms.sign(url, params))
    for response in (unsigned, other_token, other_url, changed_body):
        assert response.status_code == 403, response.text
        assert response.json()["code"] == "forbidden"
    status = {"MessageSid": message_sid(), "MessageStatus": "delivered"}
    assert sms.stack.client.post(STATUS_PATH, data=status).status_code == 403
    assert sms.post(SMS_PATH, params).status_code == 200  # the same request, signed: taken in
    with sms.engine.connect() as conn:
        count = "SELECT count(*) FROM sms_inbound WHERE message_sid = :sid"
        assert conn.execute(sa.text(count), {"sid": params["MessageSid"]}).scalar_one() == 1
    history = sms.stack.history(sms.number_row(sender).session_id)
    assert [m["text"] for m in history if m["direction"] == "in"] == ["hi"]  # one turn only


def test_the_first_reply_discloses_an_automated_assistant_988_and_stop(sms: SmsStack) -> None:
    sender = phone()
    first = sms.text(sender, "hello")
    assert first.bodies[0].startswith(texts.DISCLOSURE)
    assert "Hi, I'm Haven" in " ".join(first.bodies)
    row = sms.number_row(sender)
    assert row.disclosed_at is not None and row.opted_out_at is None
    second = sms.text(sender, "hello again")
    assert second.bodies and texts.DISCLOSURE not in " ".join(second.bodies)
    history = sms.stack.history(row.session_id)
    assert [m["text"] for m in history if m["direction"] == "in"] == ["hello", "hello again"]
    assert texts.DISCLOSURE not in str(history)  # the channel's own words, not the dialogue's


def test_help_and_info_get_havens_description_with_988(sms: SmsStack) -> None:
    sender = phone()
    assert sms.text(sender, "HELP").bodies == [texts.HELP]
    assert sms.text(sender, "info").bodies == [texts.HELP]
    assert "988" in texts.HELP and "not a person" in texts.HELP and "STOP" in texts.HELP
    row = sms.number_row(sender)
    assert row.disclosed_at is not None  # HELP says it all: no separate disclosure later
    assert texts.DISCLOSURE not in " ".join(sms.text(sender, "hi").bodies)
    assert [m["text"] for m in sms.stack.history(row.session_id) if m["direction"] == "in"] == [
        "hi"
    ]


def test_a_repeated_message_sid_is_answered_the_same_without_a_second_turn(
    sms: SmsStack,
) -> None:
    sender, sid = phone(), message_sid()
    first = sms.text(sender, "what can you do", sid=sid)
    again = sms.text(sender, "what can you do", sid=sid)
    assert first.bodies and again == first
    session = sms.number_row(sender).session_id
    inbound = [m for m in sms.stack.history(session) if m["direction"] == "in"]
    assert [m["text"] for m in inbound] == ["what can you do"]
    assert len(sms.outbox(sender)) == len(first.bodies)  # the segments were written once
    with sms.engine.connect() as conn:
        count = "SELECT count(*) FROM sms_inbound WHERE message_sid = :sid"
        assert conn.execute(sa.text(count), {"sid": sid}).scalar_one() == 1


def test_no_phone_number_or_message_text_in_the_database_or_the_log(sms: SmsStack) -> None:
    sender = phone()
    marker = f"my cat Biscuit-{sender[-4:]} is unwell"
    sms.text(sender, marker)
    digits = sender.lstrip("+").encode()
    with sms.engine.connect() as conn:
        for table in sa.inspect(sms.engine).get_table_names():
            for row in conn.execute(sa.text(f'SELECT * FROM "{table}"')):
                for value in row:
                    raw = value if isinstance(value, bytes) else str(value).encode()
                    assert digits not in raw, table
                    assert b"Biscuit" not in raw, table
    log = (sms.stack.logs / "gateway.log").read_bytes()
    assert digits not in log and b"Biscuit" not in log
