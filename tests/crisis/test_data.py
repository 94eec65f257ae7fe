"""Training-data hygiene: the splits are disjoint, and nothing in Haven's data copies the
shared evaluation sentences."""

from __future__ import annotations

import json
import re
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

from bot.crisis.dataset import MANIFEST_FILE, TEST_FILE, TRAIN_FILE, build_manifest, read_examples
from bot.crisis.labels import Label


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9áéíóúñ ]", "", text.lower()).strip()


def test_splits_are_disjoint(data_dir: Path) -> None:
    train = {_key(e.text) for e in read_examples(data_dir / TRAIN_FILE)}
    for name in (TEST_FILE, "dev.jsonl"):
        held_out = {_key(e.text) for e in read_examples(data_dir / name)}
        assert not train & held_out, name


def test_every_label_is_covered_in_every_split(data_dir: Path) -> None:
    for name in (TRAIN_FILE, TEST_FILE, "dev.jsonl"):
        counts = Counter(e.label for e in read_examples(data_dir / name))
        assert all(counts[label] >= 10 for label in Label), (name, counts)


def test_no_shared_evaluation_sentence_is_copied_into_training_data(
    data_dir: Path, shared_dir: Path
) -> None:
    shared = [
        _key(json.loads(line)["text"])
        for name in ("crisis_dev.jsonl", "crisis_external.jsonl")
        for line in (shared_dir / name).read_text().splitlines()
        if line.strip()
    ]
    for example in read_examples(data_dir / TRAIN_FILE):
        ours = _key(example.text)
        for theirs in shared:
            ratio = SequenceMatcher(None, ours, theirs, autojunk=False).quick_ratio()
            if ratio > 0.8:
                ratio = SequenceMatcher(None, ours, theirs, autojunk=False).ratio()
            assert ratio <= 0.8, (example.text, theirs)


def test_the_manifest_matches_the_files(data_dir: Path) -> None:
    recorded = json.loads((data_dir / MANIFEST_FILE).read_text())
    assert recorded == build_manifest(data_dir, recorded["version"])
