"""The crisis path keeps working when Rasa is stopped and the database is unreachable:
the person gets the crisis response, the on-call clinician is paged, and the turn and the
incident are spooled and written when the database returns."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from haven.config import REPO_ROOT
from tests.fakes.fixtures import FakeTwilio
from tests.stackctl import Stack, free_port, make_settings, postgres_database

pytestmark = [pytest.mark.rasa, pytest.mark.postgres, pytest.mark.slow]

CLINICIAN = "+15550100001"
STAFF = "+15550199999"
USERS = "+15550188888"


class Proxy:
    def __init__(self, target_port: int) -> None:
        self.port = free_port()
        self.target = target_port
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.fakes.tcp_proxy", str(self.port), str(self.target)],
            cwd=REPO_ROOT,
        )
        time.sleep(0.5)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture(scope="module")
def down_stack(
    fake_twilio: FakeTwilio, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Stack, Proxy]]:
    data_dir = tmp_path_factory.mktemp("failsafe")
    with postgres_database() as direct_url:
        proxy = Proxy(5432)
        proxy.start()
        url = direct_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
        settings = make_settings(
            data_dir,
            url,
            HAVEN_STAFF_TOKEN="staff-secret",
            HAVEN_TWILIO_STAFF_NUMBER=STAFF,
            HAVEN_TWILIO_USER_NUMBER=USERS,
            HAVEN_PAGE_ACK_TIMEOUT_S="300",
            HAVEN_PAGE_POLL_S="0.2",
            **fake_twilio.env(),
        )
        running = Stack(settings, "postgresql")
        running.prepare()
        _add_on_call_clinician(settings, running)
        try:
            running.start_gateway()
            running.start_rasa()
            yield running, proxy
        finally:
            running.stop()
            proxy.stop()


def _add_on_call_clinician(settings, running: Stack) -> None:  # type: ignore[no-untyped-def]
    import os

    from haven.stack import settings_env

    env = {**os.environ, **settings_env(settings)}
    def run(*args: str) -> str:
        command = [sys.executable, "-m", "haven.cli", "roster", *args]
        done = subprocess.run(
            command, env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    out = run("add-clinician", "--name", "Dr On Call", "--phone", CLINICIAN)
    clinician_id = re.search(r"added clinician (\d+)", out).group(1)  # type: ignore[union-attr]
    run(
        "add-shift",
        "--clinician",
        clinician_id,
        "--start",
        "2000-01-01T00:00:00+00:00",
        "--end",
        "2100-01-01T00:00:00+00:00",
    )


def _crisis_turn(stack: Stack, session: str, text: str) -> dict:  # type: ignore[type-arg]
    started = time.monotonic()
    response = stack.client.post(f"/v1/sessions/{session}/messages", json={"text": text})
    elapsed = time.monotonic() - started
    assert response.status_code == 200, response.text
    assert elapsed < 10, f"the crisis reply waited {elapsed:.1f}s on something that is down"
    return dict(response.json())


def test_crisis_with_rasa_stopped(down_stack: tuple[Stack, Proxy], fake_twilio: FakeTwilio) -> None:
    stack, _ = down_stack
    session = stack.new_session()
    stack.stop_rasa()
    try:
        body = _crisis_turn(
            stack, session, "I'm going to kill myself tonight, I have the pills ready"
        )
        text = " ".join(m["text"] for m in body["messages"])
        assert body["crisis"]["tier"] == "imminent"
        assert "988" in text and "911" in text
        page = fake_twilio.wait_for(lambda: fake_twilio.created("Messages", to=CLINICIAN))[-1]
        assert page["params"]["From"] == STAFF
        assert body["crisis"]["incident"] in page["params"]["Body"]
        assert session not in page["params"]["Body"]
    finally:
        stack.start_rasa()


def test_crisis_with_rasa_stopped_and_the_database_unreachable(
    down_stack: tuple[Stack, Proxy], fake_twilio: FakeTwilio
) -> None:
    stack, proxy = down_stack
    session = stack.new_session()
    stack.say(session, "hi")  # a normal turn while everything is up
    pages_before = len(fake_twilio.created("Messages", to=CLINICIAN))
    stack.stop_rasa()
    proxy.stop()
    try:
        body = _crisis_turn(stack, session, "I took all of my pills an hour ago, I want to die")
        text = " ".join(m["text"] for m in body["messages"])
        assert body["crisis"]["tier"] == "imminent"
        assert "988" in text and "911" in text
        incident = body["crisis"]["incident"]
        assert incident

        # The page goes out at once, from the roster cache, while the database is away.
        pages = fake_twilio.wait_for(
            lambda: fake_twilio.created("Messages", to=CLINICIAN), count=pages_before + 1
        )
        assert incident in pages[-1]["params"]["Body"]
        assert pages[-1]["params"]["From"] == STAFF
        spool = stack.settings.data_dir / "spool"
        assert list(spool.glob("*.spool")), "the turn is held in the local spool"
        assert b"pills" not in b"".join(p.read_bytes() for p in spool.glob("*.spool"))
    finally:
        proxy.start()
        stack.start_rasa()

    # When the database returns, the spool is written: nothing was lost.
    def history_has_the_crisis_turn() -> list[dict]:  # type: ignore[type-arg]
        response = stack.client.get(f"/v1/sessions/{session}/messages")
        if response.status_code != 200:
            return []
        return [m for m in response.json()["messages"] if "pills" in m["text"]]

    deadline = time.monotonic() + 30
    while not history_has_the_crisis_turn() and time.monotonic() < deadline:
        time.sleep(0.5)
    history = stack.history(session)
    assert [m["direction"] for m in history[:3]] == ["in", "out", "in"]
    assert history[2]["text"] == "I took all of my pills an hour ago, I want to die"
    assert [m["text"] for m in history[3:]] == [m["text"] for m in body["messages"]]
    engine = stack.engine()
    try:
        with engine.connect() as conn:
            stored = conn.execute(
                sa.text("SELECT session_id, tier FROM incidents WHERE number = :n"), {"n": incident}
            ).one()
            pages = conn.execute(
                sa.text("SELECT COUNT(*) FROM pages WHERE incident_number = :n"), {"n": incident}
            ).scalar_one()
            flags = conn.execute(
                sa.text("SELECT COUNT(*) FROM crisis_flags WHERE session_id = :s"), {"s": session}
            ).scalar_one()
    finally:
        engine.dispose()
    assert stored == (session, "imminent")
    assert pages >= 1 and flags >= 1
    assert not list((stack.settings.data_dir / "spool").glob("*.spool"))
