"""Labelled sets with thresholds that fail the build.

Targets (issue): crisis recall >= 0.98 with a false-positive rate on `none` <= 0.05. They
hold on the shared development set and on Haven's development data (earlier held-out
splits, which the rules were fixed against). They do NOT yet hold on the held-out split
(``test.jsonl``, split I, written by an author who never saw the classifier): its recorded
figures are a floor the build may not fall below, not the target, and the README says so.
The shared external set (long, noisy posts with coarse labels) is a robustness check: its
figures are printed, and it must at least beat the keyword-regex baseline's recall.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.crisis import CrisisClassifier
from bot.crisis.dataset import DEV_FILE, TEST_FILE, read_examples
from bot.crisis.evaluate import Evaluation, evaluate

MIN_RECALL = 0.98
MAX_FPR = 0.05
EXTERNAL_BASELINE_RECALL = 0.66
HELD_OUT_RECALL_FLOOR = 0.91
"""Split I, first look 2026-11-21: 0.913 (95/104); see nlu_data/crisis/README.md."""
HELD_OUT_FPR_CEILING = 0.079
"""Split I, first look 2026-11-21: 0.078 (9/115)."""


def _figures(classifier: CrisisClassifier, path: Path) -> Evaluation:
    figures = evaluate(classifier.classify, read_examples(path))
    print(f"\n{path}\n{figures.render()}")
    return figures


@pytest.mark.slow
def test_held_out_split_does_not_fall_below_its_recorded_figures(
    classifier: CrisisClassifier, data_dir: Path
) -> None:
    figures = _figures(classifier, data_dir / TEST_FILE)
    assert figures.crisis_items >= 100 and figures.none_items >= 100
    assert figures.crisis_recall >= HELD_OUT_RECALL_FLOOR
    assert figures.false_positive_rate <= HELD_OUT_FPR_CEILING


@pytest.mark.slow
def test_development_data_meets_the_targets(classifier: CrisisClassifier, data_dir: Path) -> None:
    figures = _figures(classifier, data_dir / DEV_FILE)
    assert figures.crisis_items >= 700 and figures.none_items >= 700
    assert figures.crisis_recall >= MIN_RECALL
    assert figures.false_positive_rate <= MAX_FPR


@pytest.mark.slow
def test_shared_dev_set_meets_the_targets(classifier: CrisisClassifier, shared_dir: Path) -> None:
    figures = _figures(classifier, shared_dir / "crisis_dev.jsonl")
    assert figures.items == 92
    assert figures.crisis_recall >= MIN_RECALL
    assert figures.false_positive_rate <= MAX_FPR


@pytest.mark.slow
def test_external_set_is_reported_and_beats_the_keyword_baseline(
    classifier: CrisisClassifier, shared_dir: Path
) -> None:
    figures = _figures(classifier, shared_dir / "crisis_external.jsonl")
    assert figures.crisis_recall > EXTERNAL_BASELINE_RECALL
