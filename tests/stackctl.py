"""A real Haven stack for tests: Rasa and the gateway as processes, on a real database."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from haven import stack
from haven.config import Settings
from haven.runtime import load_keyring
from haven.storage import create_engine_for, upgrade_schema

PG_ADMIN_URL = os.environ.get(
    "HAVEN_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards."""
    name = f"haven_t_{secrets.token_hex(4)}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_settings(data_dir: Path, database_url: str, **extra: str) -> Settings:
    env = {
        "HAVEN_DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "HAVEN_PORT": str(free_port()),
        "HAVEN_RASA_URL": f"http://127.0.0.1:{free_port()}",
        "HAVEN_RASA_TOKEN": secrets.token_urlsafe(16),
        "HAVEN_ACTIONS_TOKEN": secrets.token_urlsafe(16),
        # One llama.cpp thread: two wait on each other when the cores are shared.
        "HAVEN_LLM_THREADS": "1",
        **extra,
    }
    return Settings.from_env(env)


@dataclass
class Stack:
    """Rasa + gateway processes sharing one database and keyring."""

    settings: Settings
    backend: str
    rasa: subprocess.Popen[bytes] | None = None
    gateway: subprocess.Popen[bytes] | None = None
    client: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.client = httpx.Client(base_url=self.base_url, timeout=60)

    @property
    def base_url(self) -> str:
        return f"http://{self.settings.host}:{self.settings.port}"

    @property
    def logs(self) -> Path:
        return self.settings.data_dir / "logs"

    def prepare(self) -> None:
        load_keyring(self.settings)
        upgrade_schema(self.settings.database_url)

    def start_rasa(self) -> None:
        model, _ = stack.train_model(self.settings)
        self.rasa = stack.start_rasa(self.settings, model, self.logs / "rasa.log")
        stack.wait_for_rasa(self.settings, self.rasa)

    def start_gateway(self) -> None:
        self.gateway = stack.start_gateway(self.settings, self.logs / "gateway.log")
        stack.wait_for_gateway(self.settings, self.gateway)

    def start(self) -> None:
        self.prepare()
        self.start_gateway()
        self.start_rasa()

    def stop_rasa(self) -> None:
        if self.rasa is not None:
            stack.stop(self.rasa)
            self.rasa = None

    def stop_gateway(self) -> None:
        if self.gateway is not None:
            stack.stop(self.gateway)
            self.gateway = None

    def stop(self) -> None:
        self.stop_gateway()
        self.stop_rasa()
        self.client.close()

    def new_session(self) -> str:
        response = self.client.post("/v1/sessions")
        assert response.status_code == 201, response.text
        return str(response.json()["session_id"])

    def say(self, session_id: str, text: str, payload: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"text": text}
        if payload:
            body["payload"] = payload
        response = self.client.post(f"/v1/sessions/{session_id}/messages", json=body)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def history(self, session_id: str) -> list[dict[str, Any]]:
        response = self.client.get(f"/v1/sessions/{session_id}/messages")
        assert response.status_code == 200, response.text
        return list(response.json()["messages"])

    def engine(self) -> sa.Engine:
        return create_engine_for(self.settings.database_url)
