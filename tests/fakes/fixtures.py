"""Starting the fake Twilio API (`tests.fakes.twilio_api`) as a real process for tests.

    from tests.fakes.fixtures import fake_twilio  # noqa: F401  (in a conftest.py)

`FakeTwilio.env()` gives the settings that point Haven's real Twilio client at it.
"""

from __future__ import annotations

import contextlib
import secrets
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from haven import stack
from tests.stackctl import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class FakeTwilio:
    base_url: str
    account_sid: str
    auth_token: str
    log_path: Path
    process: subprocess.Popen[bytes]

    def env(self) -> dict[str, str]:
        return {
            "TWILIO_ACCOUNT_SID": self.account_sid,
            "TWILIO_AUTH_TOKEN": self.auth_token,
            "HAVEN_TWILIO_API_URL": self.base_url,
        }

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = httpx.post(self.base_url + path, json=body, timeout=60)
        response.raise_for_status()
        return dict(response.json())

    def requests(self, resource: str | None = None) -> list[dict[str, Any]]:
        params = {"resource": resource} if resource else None
        response = httpx.get(self.base_url + "/_fake/requests", params=params, timeout=10)
        return list(response.json()["requests"])

    def created(self, resource: str, to: str | None = None) -> list[dict[str, Any]]:
        """Messages or Calls Twilio accepted (201), oldest first; only those to `to` if given."""
        return [
            r
            for r in self.requests(resource)
            if r["status"] == 201 and (to is None or r["params"].get("To") == to)
        ]

    def wait_for(
        self, check: Callable[[], list[dict[str, Any]]], count: int = 1, timeout_s: float = 15
    ) -> list[dict[str, Any]]:
        """Poll `check` until it returns at least `count` items."""
        deadline = time.monotonic() + timeout_s
        found = check()
        while len(found) < count and time.monotonic() < deadline:
            time.sleep(0.05)
            found = check()
        assert len(found) >= count, f"expected {count}, got {len(found)}: {found}"
        return found

    def fail(self, number: str, code: int, status: int = 400, **rule: Any) -> None:
        self._post("/_fake/fail", {"number": number, "code": code, "status": status, **rule})

    def reset(self) -> None:
        self._post("/_fake/reset", {})

    def answer_call(self, call_sid: str, digits: str | None = None) -> dict[str, Any]:
        return self._post(f"/_fake/calls/{call_sid}/answer", {"digits": digits})

    def status(self, sid: str, status: str, error_code: int | None = None) -> dict[str, Any]:
        """Post a signed status callback for a message or call, as Twilio does."""
        return self._post(f"/_fake/status/{sid}", {"status": status, "error_code": error_code})

    def inbound_sms(self, url: str, sender: str, to: str, body: str) -> dict[str, Any]:
        return self._post(
            "/_fake/sms/inbound", {"url": url, "from": sender, "to": to, "body": body}
        )


@contextlib.contextmanager
def running_fake_twilio(directory: Path) -> Iterator[FakeTwilio]:
    port = free_port()
    account_sid = "AC" + secrets.token_hex(16)
    auth_token = secrets.token_hex(16)
    log_path = directory / "twilio-requests.jsonl"
    command = [
        sys.executable,
        "-m",
        "tests.fakes.twilio_api",
        "--port",
        str(port),
        "--account-sid",
        account_sid,
        "--auth-token",
        auth_token,
        "--log",
        str(log_path),
    ]
    process = subprocess.Popen(command, cwd=REPO_ROOT, start_new_session=True)
    fake = FakeTwilio(f"http://127.0.0.1:{port}", account_sid, auth_token, log_path, process)
    try:
        stack.wait_until(fake.base_url + "/_fake/health", process, 20, "fake twilio")
        yield fake
    finally:
        stack.stop(process)


@pytest.fixture(scope="session")
def fake_twilio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FakeTwilio]:
    """The fake Twilio API as a process, shared by the session; reset before each use."""
    with running_fake_twilio(tmp_path_factory.mktemp("fake-twilio")) as fake:
        yield fake
