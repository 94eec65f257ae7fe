"""Replies through the REST API: a turn the local model writes is acknowledged at once and
sent afterwards; Twilio's status callbacks move each segment's state; failures are retried
with backoff; reminders reach SMS sessions through the DeliveryHub."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.cbt.stores import CbtStores
from tests.sms.conftest import STATUS_PATH, USER_NUMBER, SmsStack, message_sid, phone

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def plan(sms: SmsStack, sender: str, activity: str, follow_up_in: timedelta) -> None:
    now = datetime.now(UTC)
    stores = CbtStores.build(sms.engine, sms.keyring)
    session = sms.number_row(sender).session_id
    stores.activities.plan(session, activity, now - timedelta(seconds=1), now + follow_up_in)


@pytest.mark.llm
def test_a_reply_the_local_model_writes_is_acknowledged_then_sent(sms: SmsStack) -> None:
    sender = phone()
    sms.text(sender, "hi")
    answer = sms.text(sender, "i want to talk about my day")
    assert answer.bodies == []  # acknowledged at once, with an empty TwiML
    [first, *_] = sms.wait_sent(sender, 1, timeout_s=90)
    params = first["params"]
    assert params["From"] == USER_NUMBER and params["Body"]
    assert params["StatusCallback"] == sms.public_url + STATUS_PATH
    session = sms.number_row(sender).session_id
    replies = [m["text"] for m in sms.stack.history(session) if m["direction"] == "out"]
    assert params["Body"].split()[0] in replies[-1]


def test_a_reminder_reaches_an_sms_session_and_status_callbacks_track_it(
    sms: SmsStack,
) -> None:
    sender = phone()
    sms.text(sender, "hi")
    plan(sms, sender, "go for a walk", follow_up_in=timedelta(seconds=2))
    reminder, follow_up = sms.wait_sent(sender, 2)
    assert reminder["params"]["Body"].startswith(
        "Reminder: it's time for what you planned: go for a walk."
    )
    assert follow_up["params"]["Body"] == (
        "Earlier you planned: go for a walk. Did it happen?\n"
        "Reply 1 for Yes, I did it; 2 for Not this time."
    )
    rows = [r for r in sms.outbox(sender) if r.via == "rest"]
    assert [(r.status, r.twilio_sid) for r in rows] == [
        ("queued", reminder["sid"]),
        ("queued", follow_up["sid"]),
    ]

    for status in ("sent", "delivered", "sent"):  # the late "sent" must not undo "delivered"
        assert sms.fake.status(reminder["sid"], status)["status"] == 200
    assert sms.fake.status(follow_up["sid"], "undelivered", 30003)["status"] == 200
    states = {r.twilio_sid: r.status for r in sms.outbox(sender)}
    assert states[reminder["sid"]] == "delivered"
    assert states[follow_up["sid"]] == "undelivered"
    [undelivered] = [r for r in sms.outbox(sender) if r.twilio_sid == follow_up["sid"]]
    assert undelivered.error_code == 30003

    # The follow-up's numbered choices are remembered: "1" presses "Yes, I did it", whose
    # payload (/activation_done) asks how the person's mood changed.
    said = " ".join(sms.converse(sender, "1"))
    assert "How did your mood change?" in said, said
    assert said.endswith("Reply 1 for Better, 2 for About the same, 3 for Worse.")


def test_status_callbacks_of_twiml_replies_find_their_segment(sms: SmsStack) -> None:
    sender = phone()
    answer = sms.text(sender, "what can you do")
    assert answer.actions and all(
        a.startswith(sms.public_url + STATUS_PATH + "?segment=") for a in answer.actions
    )
    sid = message_sid()
    callback = {"MessageSid": sid, "MessageStatus": "delivered", "AccountSid": sms.fake.account_sid}
    path = answer.actions[0].removeprefix(sms.public_url)
    assert sms.post(path, callback).status_code == 200
    [row] = [r for r in sms.outbox(sender) if r.twilio_sid == sid]
    assert (row.via, row.status) == ("twiml", "delivered")


def test_a_failed_send_is_retried_with_backoff(sms: SmsStack) -> None:
    sender = phone()
    sms.text(sender, "hi")
    sms.fake.fail(sender, 20500, 500, times=1, message="Internal Server Error")
    plan(sms, sender, "call a friend", follow_up_in=timedelta(days=1))
    [sent] = sms.wait_sent(sender, 1, timeout_s=30)
    attempts = [r for r in sms.fake.requests("Messages") if r["params"].get("To") == sender]
    assert [r["status"] for r in attempts] == [500, 201]
    assert attempts[1]["time"] - attempts[0]["time"] >= 1.9  # the first backoff is 2 s
    [row] = [r for r in sms.outbox(sender) if r.via == "rest"]
    assert (row.status, row.attempts, row.twilio_sid) == ("queued", 2, sent["sid"])
    assert row.last_error == "twilio status 500 code 20500"
