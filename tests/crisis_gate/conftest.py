"""The real crisis classifier, loaded once for the gate tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.crisis.classifier import CrisisClassifier
from haven.config import REPO_ROOT


@pytest.fixture(scope="session")
def classifier() -> Iterator[CrisisClassifier]:
    yield CrisisClassifier.load(models_dir=REPO_ROOT / "models")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path
