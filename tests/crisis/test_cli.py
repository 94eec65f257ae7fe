"""The `haven crisis` command contract, through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.crisis.conftest import MODELS_DIR, REPO_ROOT

pytestmark = pytest.mark.slow


def _haven(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "haven.cli", "crisis", *args, "--models-dir", str(MODELS_DIR)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=600,
        check=False,
    )


def test_classify_answers_each_line_in_order_and_flags_a_malformed_one() -> None:
    requests = [
        json.dumps({"text": "i want to kill myself"}),
        "{not json",
        json.dumps({"text": "what a lovely sunny day"}),
        json.dumps({"context": ["no text here"]}),
        json.dumps({"text": "I have the pills now", "context": ["I want it to end"]}),
        json.dumps({"text": "my friend just texted goodbye and she has pills"}),
    ]
    done = _haven("classify", stdin="\n".join(requests) + "\n")

    assert done.returncode == 1, done.stderr
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(replies) == len(requests)
    assert replies[0]["label"] == "ideation" and replies[0]["tier"] == "urgent"
    assert 0.0 <= replies[0]["score"] <= 1.0 and replies[0]["evidence"]
    assert replies[1] == {"line": 2, "error": replies[1]["error"]}
    assert "JSON" in replies[1]["error"]
    assert replies[2]["label"] == "none" and replies[2]["tier"] == "none"
    assert replies[3]["line"] == 4 and "text" in replies[3]["error"]
    assert replies[4]["label"] == "imminent" and replies[4]["tier"] == "imminent"
    assert replies[5]["about_other"] is True
    assert set(replies[0]) == {"label", "tier", "score", "about_other", "evidence"}


def test_classify_exits_zero_when_every_line_is_classified() -> None:
    done = _haven("classify", stdin=json.dumps({"text": "hello there"}) + "\n")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["label"] == "none"


def test_evaluate_prints_the_figures_and_gates_on_thresholds(tmp_path: Path) -> None:
    labelled = tmp_path / "mini.jsonl"
    rows = [
        {"text": "i want to die", "label": "ideation"},
        {"text": "my dad hits me", "label": "abuse"},
        {"text": "that cake is to die for", "label": "none"},
        {"text": "i'll kill myself tonight", "binary": "crisis"},
        {"text": "see you at lunch", "binary": "none"},
    ]
    labelled.write_text("\n".join(json.dumps(row) for row in rows) + "\n")

    passing = _haven("evaluate", str(labelled), "--min-recall", "0.98", "--max-fpr", "0.05")
    assert passing.returncode == 0, passing.stderr
    assert "crisis recall (any crisis label counts): 1.000 (3/3)" in passing.stdout
    assert "false-positive rate on none: 0.000 (0/2)" in passing.stdout
    assert "confusion (rows gold, columns predicted):" in passing.stdout
    assert "ideation" in passing.stdout and "precision" in passing.stdout

    impossible = _haven("evaluate", str(labelled), "--min-recall", "1.01")
    assert impossible.returncode == 1
    assert "thresholds failed" in impossible.stderr


def test_evaluate_rejects_a_malformed_file_naming_the_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps({"text": "fine", "label": "none"}) + "\n{oops\n")
    done = _haven("evaluate", str(broken))
    assert done.returncode == 2
    assert "broken.jsonl:2" in done.stderr


def test_train_reports_counts_and_held_out_figures() -> None:
    done = _haven("train")
    assert done.returncode == 0, done.stderr
    assert '"counts"' in done.stdout and "alarm threshold" in done.stdout
    assert "test.jsonl" in done.stdout and "crisis recall" in done.stdout
