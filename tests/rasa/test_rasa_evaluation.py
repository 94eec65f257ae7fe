"""Rasa's own evaluation of the trained model, so CI fails when NLU or dialogue regresses:
intent F1 on the held-out NLU set (tests/rasa/nlu_test.yml) and the conversation tests
(tests/rasa/test_stories.yml) with --fail-on-prediction-errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from haven import stack
from haven.config import REPO_ROOT, Settings

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

HERE = Path(__file__).resolve().parent
MIN_INTENT_F1 = 0.90


@pytest.fixture(scope="module")
def model() -> Path:
    path, _ = stack.train_model(stack.with_dev_tokens(Settings.from_env({})))
    return path


def rasa(*args: str, out: Path) -> subprocess.CompletedProcess[str]:
    settings = stack.with_dev_tokens(Settings.from_env({}))
    command = [str(settings.rasa.venv / "bin" / "rasa"), *args, "--out", str(out)]
    return subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=stack.rasa_env(settings),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_intent_f1_on_the_held_out_set(model: Path, tmp_path: Path) -> None:
    result = rasa(
        "test", "nlu", "--nlu", str(HERE / "nlu_test.yml"), "--model", str(model), out=tmp_path
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads((tmp_path / "intent_report.json").read_text())
    micro = report.get("micro avg", {}).get("f1-score", report["accuracy"])
    weighted = report["weighted avg"]["f1-score"]
    errors = json.loads((tmp_path / "intent_errors.json").read_text())
    confused = [(e["text"], e["intent"], e["intent_prediction"]["name"]) for e in errors]
    assert micro >= MIN_INTENT_F1, confused
    assert weighted >= MIN_INTENT_F1, confused


def test_every_conversation_test_story_passes(model: Path, tmp_path: Path) -> None:
    result = rasa(
        "test",
        "core",
        "--stories",
        str(HERE / "test_stories.yml"),
        "--model",
        str(model),
        "--fail-on-prediction-errors",
        out=tmp_path,
    )
    failed = (tmp_path / "failed_test_stories.yml").read_text()
    assert result.returncode == 0, failed + result.stdout[-3000:] + result.stderr[-2000:]
    assert "story:" not in failed, failed
    report = json.loads((tmp_path / "story_report.json").read_text())
    stories = yaml.safe_load((HERE / "test_stories.yml").read_text())["stories"]
    assert report["conversation_accuracy"]["correct"] == len(stories)
    assert report["conversation_accuracy"]["accuracy"] == 1.0
