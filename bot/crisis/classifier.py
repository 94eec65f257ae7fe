"""The crisis classifier: load once (spaCy, encoder, head), then classify synchronously.

This module imports nothing heavy at import time; :meth:`CrisisClassifier.load` does.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.crisis.dataset import DATA_DIR, REPO_ROOT, TRAINING_FILES
from bot.crisis.fusion import CONTEXT_RISK, ContextView, ModelView, fuse
from bot.crisis.labels import CrisisResult, Label
from bot.crisis.normalize import model_chunks, normalize
from bot.crisis.patterns import Facet, Kind

if TYPE_CHECKING:
    from bot.crisis.encoder import Encoder
    from bot.crisis.head import Head
    from bot.crisis.rules import RuleEngine, RuleFindings

DEFAULT_MODELS_DIR = REPO_ROOT / "models"
"""The models root; the head artifact is kept in its ``crisis/`` directory."""
RESIDUAL_WORDS = 6
"""Shortest residual (message minus explained words) the model is asked to judge."""


@dataclass(frozen=True, slots=True)
class LoadReport:
    """How loading went (for `haven crisis bench` and start-up logs; no message text)."""

    seconds: float
    trained: bool
    head_key: str
    alarm: float


class CrisisClassifier:
    """Classifies one user message, with the last few user turns as context.

    Thread-safe: the spaCy pipeline and the encoder are each guarded by a lock (neither is
    documented as re-entrant), the head is read-only arrays.
    """

    def __init__(self, rules: RuleEngine, encoder: Encoder, head: Head, report: LoadReport) -> None:
        self._rules = rules
        self._encoder = encoder
        self._head = head
        self._rules_lock = threading.Lock()
        self.load_report = report

    @classmethod
    def load(
        cls,
        spacy_model: str = "blank:en",
        encoder_path: str = "",
        models_dir: Path | None = None,
        data_dir: Path | None = None,
        retrain: bool = False,
    ) -> CrisisClassifier:
        """Load the rule pipeline, the encoder and the head, training the head first if no
        artifact matches the current training data, code and encoder (or if `retrain`)."""
        from bot.crisis.encoder import Encoder
        from bot.crisis.head import load_or_train
        from bot.crisis.language import load_language
        from bot.crisis.rules import RuleEngine

        started = time.perf_counter()
        rules = RuleEngine(load_language(spacy_model))
        encoder = Encoder.load(encoder_path)
        train_paths = [(data_dir or DATA_DIR) / name for name in TRAINING_FILES]
        head, trained = load_or_train(
            models_dir or DEFAULT_MODELS_DIR, train_paths, encoder, force=retrain
        )
        report = LoadReport(time.perf_counter() - started, trained, head.key, head.alarm)
        classifier = cls(rules, encoder, head, report)
        classifier.classify("warm up")
        return classifier

    @property
    def head(self) -> Head:
        return self._head

    @property
    def encoder(self) -> Encoder:
        return self._encoder

    def classify(self, text: str, context: Sequence[str] = ()) -> CrisisResult:
        """Label one message. `context`: earlier user turns, oldest first."""
        findings = self._analyse(text)
        model = self._model_view(text)
        context_view = self._context_view(context, findings)
        residual = None
        if findings.explained and not findings.strong() and model.risk >= self._head.alarm:
            residual = self._residual_view(findings.residual())
        return fuse(findings, model, context_view, self._head.alarm, residual)

    def _residual_view(self, text: str) -> ModelView:
        """A fragment of a few words is no message for the model to judge (it reads "i have
        no idea" like "i have no reason to live"): the explanation stands."""
        if sum(any(char.isalpha() for char in word) for word in text.split()) < RESIDUAL_WORDS:
            return ModelView({label: float(label is Label.NONE) for label in Label}, 0.0)
        return self._model_view(text)

    def _analyse(self, text: str) -> RuleFindings:
        normalized = normalize(text)
        with self._rules_lock:
            return self._rules.analyse(normalized.text, normalized.slang)

    def _model_view(self, text: str) -> ModelView:
        """Long texts are read in chunks; the riskiest chunk speaks for the text."""
        chunks = model_chunks(normalize(text).text)
        embeddings = self._encoder.embed(chunks)
        probabilities = self._head.probabilities(embeddings)
        none = self._head.labels.index(Label.NONE)
        riskiest = int((1.0 - probabilities[:, none]).argmax())
        other = float(self._head.other_probability(embeddings[riskiest : riskiest + 1])[0])
        row = probabilities[riskiest]
        return ModelView({label: float(row[i]) for i, label in enumerate(self._head.labels)}, other)

    def _context_view(self, context: Sequence[str], findings: RuleFindings) -> ContextView:
        if not context:
            return ContextView()
        risk: set[Label] = set()
        cues: set[Facet] = set()
        for turn in context:
            earlier = self._analyse(turn)
            risk |= {s.label for s in earlier.signals if s.kind is not Kind.WEAK}
            cues |= earlier.facets
        risk &= CONTEXT_RISK
        if not risk and findings.facets:
            # A cue now ("I have the pills now") needs the earlier turns' meaning even when
            # no rule fired there: ask the model about them too.
            for turn in context:
                view = self._model_view(turn)
                if view.risk >= self._head.alarm and view.label in CONTEXT_RISK:
                    risk.add(view.label)
        return ContextView(frozenset(risk), frozenset(cues))
