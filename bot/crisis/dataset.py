"""Labelled examples on disk: Haven's training and held-out sets, and evaluation files.

One JSON object per line: ``text``, then either ``label`` (one of :class:`Label`) or
``binary`` (``crisis`` / ``none``, for coarse external sets), optionally ``about_other``
and ``context`` (earlier user turns, oldest first).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.crisis.errors import DatasetError
from bot.crisis.labels import Label

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "nlu_data" / "crisis"
TRAIN_FILE = "train.jsonl"
DEV_FILE = "dev.jsonl"
TEST_FILE = "test.jsonl"
TRAINING_FILES = (TRAIN_FILE, DEV_FILE)
"""What the head learns from. ``dev.jsonl`` holds the earlier held-out splits once their
first figures were recorded (``nlu_data/crisis/README.md``); ``test.jsonl`` never."""
NLU_DIR = REPO_ROOT / "nlu_data" / "nlu"
"""The Rasa flows' NLU examples, which the head also learns from (:func:`app_phrases`)."""


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: Label | None
    """The exact label, or None when the file only says crisis / none (``binary``)."""
    crisis: bool
    about_other: bool | None = None
    context: tuple[str, ...] = ()


def read_examples(path: Path) -> list[Example]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise DatasetError(f"{path}: cannot read: {error}") from error
    examples = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            examples.append(_parse(line, f"{path}:{number}"))
    return examples


def _parse(line: str, where: str) -> Example:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise DatasetError(f"{where}: not JSON: {error.msg}") from None
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise DatasetError(f"{where}: expected an object with a string 'text'")
    context = row.get("context") or ()
    if not isinstance(context, list | tuple) or not all(isinstance(c, str) for c in context):
        raise DatasetError(f"{where}: 'context' must be a list of strings")
    about_other = row.get("about_other")
    if about_other is not None and not isinstance(about_other, bool):
        raise DatasetError(f"{where}: 'about_other' must be true or false")
    if "label" in row:
        try:
            label = Label(row["label"])
        except ValueError:
            raise DatasetError(f"{where}: unknown label {row['label']!r}") from None
        return Example(row["text"], label, label.is_crisis, about_other, tuple(context))
    if row.get("binary") in ("crisis", "none"):
        return Example(row["text"], None, row["binary"] == "crisis", about_other, tuple(context))
    raise DatasetError(f"{where}: needs 'label' or 'binary' (crisis|none)")


def app_phrases(nlu_dir: Path = NLU_DIR) -> list[Example]:
    """The scripted flows' own NLU examples, each labelled ``none``.

    These are what users type most ("bye", "start a thought record", "in 2 hours", "3"),
    and nothing in the crisis set looks like them: without them the head read "a thought
    record" as ideation and "in 2 hours" as imminent. A phrase the crisis gate should take
    even mid-exercise does not belong in the NLU data (``tests/crisis`` checks both ways).
    """
    import yaml

    examples = []
    for path in sorted(nlu_dir.glob("*.yml")):
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise DatasetError(f"{path}: cannot read NLU examples: {error}") from error
        for block in document.get("nlu", []):
            if "intent" not in block:
                continue
            for line in str(block.get("examples", "")).splitlines():
                text = line.strip().removeprefix("- ").strip()
                if text:
                    examples.append(Example(text, Label.NONE, False, None))
    return examples


MANIFEST_FILE = "manifest.json"
SPLITS = (TRAIN_FILE, DEV_FILE, TEST_FILE)


def build_manifest(data_dir: Path, version: str) -> dict[str, object]:
    """Counts and checksums of the splits, as recorded in ``manifest.json``.

    Refresh after editing a split: ``python -c "import json; from pathlib import Path;
    from bot.crisis.dataset import DATA_DIR, build_manifest; (DATA_DIR / 'manifest.json')
    .write_text(json.dumps(build_manifest(DATA_DIR, 'N'), indent=2, ensure_ascii=False) + '\\n')"``
    """
    files: dict[str, object] = {}
    for name in SPLITS:
        path = data_dir / name
        examples = read_examples(path)
        files[name] = {
            "examples": len(examples),
            "labels": dict(sorted(Counter(e.label.value for e in examples if e.label).items())),
            "with_context": sum(1 for e in examples if e.context),
            "about_other": sum(1 for e in examples if e.about_other),
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        }
    return {"name": "haven-crisis", "version": version, "files": files}
