"""Opting out and back in: Twilio's keywords, a plain request to stop, and Twilio's 21610.
Nothing is sent to a number that opted out, and the time it did is kept."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from bot.cbt.stores import CbtStores
from haven.sms import texts
from haven.sms.tables import SmsOutboxRow
from tests.sms.conftest import SmsStack, phone

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def remind(sms: SmsStack, sender: str, activity: str) -> None:
    """Plan an activity due now: the gateway's reminder scheduler sends it (DeliveryHub)."""
    now = datetime.now(UTC)
    stores = CbtStores.build(sms.engine, sms.keyring)
    session = sms.number_row(sender).session_id
    stores.activities.plan(session, activity, now - timedelta(seconds=1), now + timedelta(days=1))


def test_stop_records_the_opt_out_sends_nothing_more_and_start_opts_back_in(
    sms: SmsStack,
) -> None:
    sender = phone()
    assert sms.text(sender, "hi").bodies
    before = datetime.now(UTC)
    assert sms.text(sender, "STOP").bodies == []  # Twilio confirms STOP itself
    row = sms.number_row(sender)
    assert row.opted_out_via == "keyword"
    opted_out_at = row.opted_out_at.replace(tzinfo=row.opted_out_at.tzinfo or UTC)  # SQLite
    assert before - timedelta(seconds=5) <= opted_out_at <= datetime.now(UTC)

    assert sms.text(sender, "hello?").bodies == []  # taken in, never answered
    remind(sms, sender, "water the plants")
    session = row.session_id
    sms.wait_until(lambda: "water the plants" in str(sms.stack.history(session)))
    time.sleep(1.5)  # the outbox worker polls every 0.1 s: it had its chance
    assert sms.sent(sender) == []
    assert "hello?" in str(sms.stack.history(session))  # the crisis gate still saw it

    assert sms.text(sender, "START").bodies == []  # Twilio confirms START itself
    row = sms.number_row(sender)
    assert row.opted_out_at is None and row.opted_in_at is not None
    assert sms.text(sender, "what can you do").bodies


def test_yes_is_an_answer_unless_the_number_opted_out(sms: SmsStack) -> None:
    sender = phone()
    sms.text(sender, "hi")
    assert sms.text(sender, "yes").bodies  # a turn like any other
    assert sms.number_row(sender).opted_in_at is None


def test_a_plain_request_to_stop_is_an_opt_out_confirmed_once(sms: SmsStack) -> None:
    sender = phone()
    sms.text(sender, "hi")
    assert sms.text(sender, "please stop texting me").bodies == [texts.STOP_CONFIRMED]
    row = sms.number_row(sender)
    assert row.opted_out_at is not None and row.opted_out_via == "request"
    assert sms.text(sender, "don't text me anymore").bodies == []  # confirmed once only
    assert sms.text(sender, "hi").bodies == []
    assert sms.text(sender, "UNSTOP").bodies == []
    assert sms.number_row(sender).opted_out_at is None


def test_21610_is_final_and_opts_the_number_out(sms: SmsStack) -> None:
    sender = phone()
    sms.text(sender, "hi")
    sms.fake.fail(sender, 21610, 400, message="Attempt to send to unsubscribed recipient")
    remind(sms, sender, "stretch for five minutes")

    def refused() -> bool:
        return any(
            r["status"] == 400
            for r in sms.fake.requests("Messages")
            if r["params"].get("To") == sender
        )

    sms.wait_until(refused)
    sms.wait_until(lambda: sms.number_row(sender).opted_out_at is not None)
    row = sms.number_row(sender)
    assert row.opted_out_via == "twilio"
    [segment] = [r for r in sms.outbox(sender) if r.via == "rest"]
    assert (segment.status, segment.error_code, segment.attempts) == ("failed", 21610, 1)
    time.sleep(2.5)  # a transient failure would have been retried after 2 s
    attempts = [r for r in sms.fake.requests("Messages") if r["params"].get("To") == sender]
    assert len(attempts) == 1
    assert sms.text(sender, "hi again").bodies == []
    with sms.engine.connect() as conn:
        pending = conn.execute(
            sa.select(sa.func.count()).where(
                SmsOutboxRow.number_id == row.id, SmsOutboxRow.status == "pending"
            )
        ).scalar_one()
    assert pending == 0


def test_a_status_callback_with_21610_opts_the_number_out(sms: SmsStack) -> None:
    sender = phone()
    answer = sms.text(sender, "hi")
    callback = {
        "MessageSid": "SM" + "b" * 32,
        "MessageStatus": "undelivered",
        "ErrorCode": "21610",
        "AccountSid": sms.fake.account_sid,
    }
    path = answer.actions[0].removeprefix(sms.public_url)
    assert sms.post(path, callback).status_code == 200
    row = sms.number_row(sender)
    assert row.opted_out_at is not None and row.opted_out_via == "twilio"
    [segment, *_] = sms.outbox(sender)
    assert (segment.status, segment.error_code) == ("undelivered", 21610)
    assert sms.text(sender, "hello").bodies == []
