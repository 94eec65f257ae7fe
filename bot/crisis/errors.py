"""The crisis package's errors, in one tree::

CrisisError
├── ClassifierLoadError       the classifier cannot start
│   ├── LanguageLoadError     the spaCy pipeline could not be loaded
│   ├── EncoderLoadError      the sentence encoder could not be loaded from local files
│   └── HeadError             the trained head artifact is unreadable or inconsistent
├── DatasetError              a training or evaluation file is malformed
└── PatternSyntaxError        a rule pattern in the vocabulary is malformed (a bug)
"""

from __future__ import annotations


class CrisisError(Exception):
    """Base of every error this package raises."""


class ClassifierLoadError(CrisisError, RuntimeError):
    """The classifier cannot start."""


class LanguageLoadError(ClassifierLoadError):
    """The configured spaCy pipeline could not be loaded."""


class EncoderLoadError(ClassifierLoadError):
    """The configured encoder could not be loaded from local files."""


class HeadError(ClassifierLoadError):
    """The head artifact is missing, unreadable or inconsistent."""


class DatasetError(CrisisError, ValueError):
    """A data file is malformed; the message names the file and line."""


class PatternSyntaxError(CrisisError, ValueError):
    """A pattern in the rule vocabulary is malformed."""
