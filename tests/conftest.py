"""Fixtures shared by every suite. The real Rasa server and gateway are started once per
database backend (SQLite and PostgreSQL) and shared by the tests that need them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.stackctl import Stack, make_settings, postgres_database

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def stack(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    """The whole service on a real database: Rasa with the trained model, and the gateway."""
    backend = request.param
    data_dir = tmp_path_factory.mktemp(f"stack-{backend}")
    with _database(backend, data_dir) as url:
        running = Stack(make_settings(data_dir, url), backend)
        try:
            running.start()
            yield running
        finally:
            running.stop()


def _database(backend: str, data_dir: Path):  # type: ignore[no-untyped-def]
    import contextlib

    if backend == "postgresql":
        return postgres_database()
    return contextlib.nullcontext(f"sqlite:///{data_dir / 'haven.db'}")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each backend, migrated by the test that uses it."""
    with _database(request.param, tmp_path) as url:
        yield url
