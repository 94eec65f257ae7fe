"""Scoring a classifier against a labelled file: the figures the build gates on.

*Crisis recall* counts a crisis item (any crisis label, or ``binary: crisis``) as caught
when the prediction is any crisis label. The *false-positive rate* is the share of ``none``
items predicted as a crisis. Per-label precision and recall use exact labels only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.crisis.dataset import Example
from bot.crisis.labels import CrisisResult, Label

Classify = Callable[[str, Sequence[str]], CrisisResult]
CRISIS_ROW = "crisis"
"""Confusion-matrix row for items labelled only ``binary: crisis`` (``binary: none`` items
share the ``none`` row)."""


@dataclass(frozen=True, slots=True)
class LabelFigures:
    label: Label
    support: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.support if self.support else None


@dataclass(frozen=True, slots=True)
class Evaluation:
    items: int
    crisis_items: int
    crisis_caught: int
    none_items: int
    false_positives: int
    per_label: tuple[LabelFigures, ...]
    confusion: dict[str, dict[str, int]]
    """gold row (a label, or ``crisis``) -> predicted label -> count."""
    about_other_items: int
    about_other_correct: int

    @property
    def crisis_recall(self) -> float:
        return self.crisis_caught / self.crisis_items if self.crisis_items else 1.0

    @property
    def false_positive_rate(self) -> float:
        return self.false_positives / self.none_items if self.none_items else 0.0

    @property
    def about_other_accuracy(self) -> float | None:
        if not self.about_other_items:
            return None
        return self.about_other_correct / self.about_other_items

    def passes(self, min_recall: float | None, max_fpr: float | None) -> bool:
        recall_ok = min_recall is None or self.crisis_recall >= min_recall
        fpr_ok = max_fpr is None or self.false_positive_rate <= max_fpr
        return recall_ok and fpr_ok

    def to_json(self) -> dict[str, object]:
        return {
            "items": self.items,
            "crisis_recall": round(self.crisis_recall, 4),
            "crisis_caught": self.crisis_caught,
            "crisis_items": self.crisis_items,
            "false_positive_rate": round(self.false_positive_rate, 4),
            "false_positives": self.false_positives,
            "none_items": self.none_items,
            "per_label": {
                figures.label.value: {
                    "support": figures.support,
                    "predicted": figures.predicted,
                    "precision": _round(figures.precision),
                    "recall": _round(figures.recall),
                }
                for figures in self.per_label
            },
            "confusion": self.confusion,
            "about_other_accuracy": _round(self.about_other_accuracy),
        }

    def render(self) -> str:
        lines = [
            f"items: {self.items}",
            f"crisis recall (any crisis label counts): {self.crisis_recall:.3f} "
            f"({self.crisis_caught}/{self.crisis_items})",
            f"false-positive rate on none: {self.false_positive_rate:.3f} "
            f"({self.false_positives}/{self.none_items})",
        ]
        if self.about_other_accuracy is not None:
            lines.append(
                f"about_other accuracy on crisis items: {self.about_other_accuracy:.3f} "
                f"({self.about_other_correct}/{self.about_other_items})"
            )
        lines += [
            "",
            f"{'label':<18} {'support':>7} {'predicted':>9} {'precision':>9} {'recall':>7}",
        ]
        for figures in self.per_label:
            lines.append(
                f"{figures.label.value:<18} {figures.support:>7} {figures.predicted:>9} "
                f"{_cell(figures.precision):>9} {_cell(figures.recall):>7}"
            )
        columns = [label.value for label in Label]
        short = {label.value: label.value[:8] for label in Label}
        lines += ["", "confusion (rows gold, columns predicted):"]
        lines.append(f"{'':<18} " + " ".join(f"{short[c]:>8}" for c in columns))
        for row, counts in self.confusion.items():
            lines.append(f"{row:<18} " + " ".join(f"{counts.get(c, 0):>8}" for c in columns))
        return "\n".join(lines)


def evaluate(classify: Classify, examples: Sequence[Example]) -> Evaluation:
    gold_counts: Counter[Label] = Counter()
    predicted_counts: Counter[Label] = Counter()
    correct: Counter[Label] = Counter()
    confusion: dict[str, Counter[str]] = {}
    crisis_items = crisis_caught = none_items = false_positives = 0
    other_items = other_correct = 0
    for example in examples:
        result = classify(example.text, example.context)
        if example.label is not None:
            row = example.label.value
        else:
            row = CRISIS_ROW if example.crisis else Label.NONE.value
        confusion.setdefault(row, Counter())[result.label.value] += 1
        if example.crisis:
            crisis_items += 1
            crisis_caught += result.is_crisis
            if example.about_other is not None and result.is_crisis:
                other_items += 1
                other_correct += result.about_other == example.about_other
        else:
            none_items += 1
            false_positives += result.is_crisis
        if example.label is not None:
            gold_counts[example.label] += 1
            predicted_counts[result.label] += 1
            correct[example.label] += result.label is example.label
    per_label = tuple(
        LabelFigures(label, gold_counts[label], predicted_counts[label], correct[label])
        for label in Label
    )
    order = [label.value for label in Label] + [CRISIS_ROW]
    return Evaluation(
        items=len(examples),
        crisis_items=crisis_items,
        crisis_caught=crisis_caught,
        none_items=none_items,
        false_positives=false_positives,
        per_label=per_label,
        confusion={row: dict(confusion[row]) for row in order if row in confusion},
        about_other_items=other_items,
        about_other_correct=other_correct,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
