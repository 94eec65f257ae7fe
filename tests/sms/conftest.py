"""The SMS suite's stack: the real gateway and Rasa on SQLite and on PostgreSQL, the fake
Twilio API as its own process, and texts posted to the gateway as Twilio posts them, signed
with the twilio package's own `RequestValidator.compute_signature`.

The stack is package-scoped: it stops when the SMS tests are done, before other suites'.
"""

from __future__ import annotations

import secrets
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from twilio.request_validator import RequestValidator

from haven.crypto import Keyring
from haven.runtime import load_keyring
from haven.sms.numbers import lookup_hashes
from haven.sms.tables import SmsNumberRow, SmsOutboxRow
from tests.conftest import _database
from tests.fakes.fixtures import FakeTwilio, fake_twilio  # noqa: F401  (a fixture)
from tests.stackctl import Stack, make_settings

USER_NUMBER = "+15550002000"
"""Haven's number, the one people text."""
STAFF_NUMBER = "+15550001000"
SMS_PATH = "/v1/channels/twilio/sms"
STATUS_PATH = SMS_PATH + "/status"


def phone() -> str:
    return "+1555" + "".join(secrets.choice("0123456789") for _ in range(7))


def message_sid() -> str:
    return "SM" + secrets.token_hex(16)


@dataclass(frozen=True)
class Twiml:
    status: int
    bodies: list[str]
    actions: list[str]


@dataclass
class SmsStack:
    stack: Stack
    fake: FakeTwilio
    engine: sa.Engine = field(init=False)
    keyring: Keyring = field(init=False)

    def __post_init__(self) -> None:
        self.engine = self.stack.engine()
        self.keyring = load_keyring(self.stack.settings)

    @property
    def public_url(self) -> str:
        return self.stack.settings.public_url

    def sign(self, url: str, params: dict[str, str], token: str | None = None) -> str:
        """X-Twilio-Signature as Twilio computes it (the twilio package's own computation)."""
        return str(RequestValidator(token or self.fake.auth_token).compute_signature(url, params))

    def post(
        self, path: str, params: dict[str, str], signature: str | None = None
    ) -> httpx.Response:
        url = self.public_url + path
        headers = {"X-Twilio-Signature": signature or self.sign(url, params)}
        return self.stack.client.post(path, data=params, headers=headers)

    def text(self, sender: str, body: str, sid: str | None = None) -> Twiml:
        """Deliver an incoming SMS as Twilio does; the webhook's TwiML answer."""
        params = {
            "AccountSid": self.fake.account_sid,
            "ApiVersion": "2010-04-01",
            "Body": body,
            "From": sender,
            "MessageSid": sid or message_sid(),
            "NumMedia": "0",
            "NumSegments": "1",
            "SmsStatus": "received",
            "To": USER_NUMBER,
        }
        response = self.post(SMS_PATH, params)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/xml")
        root = ET.fromstring(response.text)
        messages = root.findall("Message")
        return Twiml(
            response.status_code,
            [m.text or "" for m in messages],
            [m.get("action", "") for m in messages],
        )

    def sent(self, to: str) -> list[dict[str, Any]]:
        """Messages the fake Twilio accepted for `to` through the REST API, oldest first."""
        return self.fake.created("Messages", to)

    def wait_sent(self, to: str, count: int, timeout_s: float = 60) -> list[dict[str, Any]]:
        return self.fake.wait_for(lambda: self.sent(to), count, timeout_s)

    def converse(self, sender: str, body: str, timeout_s: float = 60) -> list[str]:
        """What the person reads back: the TwiML answer, or (for a turn too slow for the
        webhook) the segments that then arrive through the REST API."""
        before = len(self.sent(sender))
        answer = self.text(sender, body)
        if answer.bodies:
            return answer.bodies
        self.fake.wait_for(lambda: self.sent(sender)[before:], 1, timeout_s)
        time.sleep(1.0)  # the reply's other segments follow within the worker's next polls
        return [m["params"]["Body"] for m in self.sent(sender)[before:]]

    def number_row(self, number: str) -> Any:
        with self.engine.connect() as conn:
            [row] = conn.execute(
                sa.select(SmsNumberRow).where(
                    SmsNumberRow.number_hash.in_(lookup_hashes(self.keyring, number))
                )
            ).all()
        return row

    def outbox(self, number: str) -> list[Any]:
        row = self.number_row(number)
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    sa.select(SmsOutboxRow)
                    .where(SmsOutboxRow.number_id == row.id)
                    .order_by(SmsOutboxRow.created_at, SmsOutboxRow.position)
                )
            )

    def wait_until(self, check: Callable[[], bool], timeout_s: float = 30) -> None:
        deadline = time.monotonic() + timeout_s
        while not check():
            assert time.monotonic() < deadline, "condition not met in time"
            time.sleep(0.1)


def sms_env(fake: FakeTwilio) -> dict[str, str]:
    return {
        **fake.env(),
        "HAVEN_TWILIO_USER_NUMBER": USER_NUMBER,
        "HAVEN_TWILIO_STAFF_NUMBER": STAFF_NUMBER,
        "HAVEN_STAFF_TOKEN": secrets.token_urlsafe(24),
        "HAVEN_PAGE_POLL_S": "0.1",
        "HAVEN_PAGE_VOICE": "false",
        "HAVEN_SMS_POLL_S": "0.1",
        # Scripted turns answer in TwiML even on a loaded test machine; the local model's
        # replies still go through the REST API (they are acknowledged when it starts).
        "HAVEN_SMS_REPLY_WAIT_S": "10",
        "HAVEN_CRISIS_BUDGET_MS": "5000",
    }


@pytest.fixture(scope="package", params=["sqlite", "postgresql"])
def sms(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    fake_twilio: FakeTwilio,  # noqa: F811
) -> Iterator[SmsStack]:
    """Rasa and the gateway on a real database of each backend, texting through the fake."""
    backend = request.param
    data_dir: Path = tmp_path_factory.mktemp(f"sms-{backend}")
    with _database(backend, data_dir) as url:
        stack = Stack(make_settings(data_dir, url, **sms_env(fake_twilio)), backend)
        running = SmsStack(stack, fake_twilio)
        try:
            stack.start()
            yield running
        finally:
            stack.stop()
            running.engine.dispose()
