"""Haven's crisis classifier: a spaCy rule layer fused with a sentence-embedding model.

Importing this package is light (no spaCy, torch or numpy); they load in
:meth:`CrisisClassifier.load`. Errors are drawn as a tree in :mod:`bot.crisis.errors`.
"""

from bot.crisis.classifier import CrisisClassifier, LoadReport
from bot.crisis.errors import (
    ClassifierLoadError,
    CrisisError,
    DatasetError,
    EncoderLoadError,
    HeadError,
    LanguageLoadError,
)
from bot.crisis.labels import CrisisResult, Label, Tier

__all__ = [
    "ClassifierLoadError",
    "CrisisClassifier",
    "CrisisError",
    "CrisisResult",
    "DatasetError",
    "EncoderLoadError",
    "HeadError",
    "Label",
    "LanguageLoadError",
    "LoadReport",
    "Tier",
]
