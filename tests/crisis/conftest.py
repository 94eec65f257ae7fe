"""The crisis classifier, loaded once per test session (spaCy, encoder, trained head).

The head artifact lives in the repository's ``models/crisis/`` like in the service: the
first session after a change to the training data or code trains it (about a minute).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.crisis.classifier import CrisisClassifier
from bot.crisis.dataset import DATA_DIR

REPO_ROOT = Path(__file__).resolve().parents[2]
MODELS_DIR = REPO_ROOT / "models"
SHARED_CRISIS_DIR = REPO_ROOT.parent / "shared" / "crisis"


@pytest.fixture(scope="session")
def classifier() -> CrisisClassifier:
    return CrisisClassifier.load(models_dir=MODELS_DIR)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_CRISIS_DIR.is_dir():
        pytest.fail(f"shared evaluation data missing: {SHARED_CRISIS_DIR}")
    return SHARED_CRISIS_DIR
