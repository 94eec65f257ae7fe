"""The parts on their own: labels and tiers, normalisation, pattern compilation, the anchored
matcher, evaluation arithmetic, the head artifact, thread safety, a light import."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from bot.crisis import CrisisClassifier, CrisisResult, Label, Tier
from bot.crisis.dataset import Example
from bot.crisis.errors import DatasetError, PatternSyntaxError
from bot.crisis.evaluate import evaluate
from bot.crisis.grammar import compile_form
from bot.crisis.labels import tier_for
from bot.crisis.normalize import model_chunks, normalize
from bot.crisis.patterns import MACROS
from tests.crisis.conftest import REPO_ROOT


@pytest.mark.parametrize(
    ("label", "score", "tier"),
    [
        (Label.IMMINENT, 0.1, Tier.IMMINENT),
        (Label.MEDICAL_EMERGENCY, 0.1, Tier.IMMINENT),
        (Label.IDEATION, 0.9, Tier.URGENT),
        (Label.IDEATION, 0.3, Tier.CONCERN),
        (Label.SELF_HARM, 0.6, Tier.URGENT),
        (Label.ABUSE, 0.2, Tier.CONCERN),
        (Label.HARM_TO_OTHERS, 0.5, Tier.URGENT),
        (Label.NONE, 0.9, Tier.NONE),
    ],
)
def test_label_to_tier(label: Label, score: float, tier: Tier) -> None:
    assert tier_for(label, score) is tier


def test_results_are_frozen_validated_and_keep_evidence_out_of_repr() -> None:
    result = CrisisResult(Label.IDEATION, Tier.URGENT, 0.9, False, ("rule:ideation.kill_self",))
    with pytest.raises(FrozenInstanceError):
        result.score = 0.1  # type: ignore[misc]
    assert "kill_self" not in repr(result)
    with pytest.raises(ValueError, match="score"):
        CrisisResult(Label.NONE, Tier.NONE, 1.5, False, ())
    with pytest.raises(ValueError, match="inconsistent"):
        CrisisResult(Label.NONE, Tier.URGENT, 0.5, False, ())
    assert Tier.IMMINENT.rank > Tier.URGENT.rank > Tier.CONCERN.rank > Tier.NONE.rank


@pytest.mark.parametrize(
    ("raw", "canonical", "slang"),
    [
        ("KMS", "kill myself", "kms"),
        ("su1c1dal", "suicidal", "leetspeak"),
        ("i'm gonna ctb 2nite", "i am going to kill myself tonight", "ctb"),
        ("S/H again", "self harm again", "s/h"),
        ("sewer slide", "suicide", "sewerslide"),
        ("Me corté otra vez", "me corte otra vez", None),
        ("i dont wanna liiive", "i do not want to live", None),
    ],
)
def test_normalisation(raw: str, canonical: str, slang: str | None) -> None:
    normalized = normalize(raw)
    assert normalized.text == canonical
    if slang:
        assert slang in normalized.slang


def test_long_texts_are_read_in_sentence_aligned_chunks() -> None:
    short = "i feel fine today"
    assert model_chunks(short) == [short]
    long = " ".join(f"sentence number {i} is here and it is long enough." for i in range(40))
    chunks = model_chunks(long)
    assert len(chunks) > 1 and all(len(chunk.split()) <= 60 for chunk in chunks)
    assert " ".join(chunks).split() == long.split()


def test_pattern_language() -> None:
    (pattern,) = compile_form("@kill ~2 (myself|me)", MACROS)
    assert pattern[0] == {"LEMMA": "kill"}
    assert pattern[1]["OP"] == "{0,2}" and "not" in pattern[1]["LOWER"]["NOT_IN"]  # type: ignore[index]
    assert pattern[2] == {"LOWER": {"IN": ["me", "myself"]}}
    assert len(compile_form("(end it all|kill myself) now", MACROS)) == 2
    with pytest.raises(PatternSyntaxError):
        compile_form("(unbalanced", MACROS)
    with pytest.raises(PatternSyntaxError):
        compile_form("%NOSUCHMACRO", MACROS)


def test_the_anchored_matcher_finds_what_one_plain_matcher_finds(
    classifier: CrisisClassifier, shared_dir: Path, data_dir: Path
) -> None:
    from spacy.matcher import Matcher

    from bot.crisis.language import load_language
    from bot.crisis.matching import AnchoredMatcher
    from bot.crisis.patterns import RISK

    nlp = load_language()
    anchored, plain = AnchoredMatcher(nlp.vocab), Matcher(nlp.vocab)
    for risk in RISK:
        patterns = [p for form in risk.forms for p in compile_form(form, MACROS)]
        anchored.add(risk.name, patterns)
        plain.add(risk.name, patterns)
    anchored.freeze()
    texts = [json.loads(line)["text"] for line in (data_dir / "dev.jsonl").read_text().splitlines()]
    texts += [
        json.loads(line)["text"]
        for line in (shared_dir / "crisis_dev.jsonl").read_text().splitlines()
    ]
    for text in texts:
        doc = nlp(normalize(text).text)
        expected = sorted((nlp.vocab.strings[i], s, e) for i, s, e in plain(doc))
        assert sorted(anchored(doc)) == expected, text


def test_evaluation_arithmetic() -> None:
    answers = {
        "a": Label.IDEATION,
        "b": Label.NONE,
        "c": Label.ABUSE,
        "d": Label.NONE,
        "e": Label.SELF_HARM,
    }

    def classify(text: str, context: object = ()) -> CrisisResult:
        label = answers[text]
        tier = Tier.NONE if label is Label.NONE else Tier.URGENT
        return CrisisResult(label, tier, 0.5, False, ())

    figures = evaluate(
        classify,
        [
            Example("a", Label.IDEATION, True),
            Example("b", Label.IMMINENT, True),
            Example("c", Label.ABUSE, True),
            Example("d", Label.NONE, False),
            Example("e", None, False),
            Example("a", None, True),
        ],
    )
    assert (figures.crisis_caught, figures.crisis_items) == (3, 4)
    assert (figures.false_positives, figures.none_items) == (1, 2)
    by_label = {f.label: f for f in figures.per_label}
    assert by_label[Label.IMMINENT].recall == 0.0
    assert by_label[Label.IDEATION].precision == 1.0
    assert figures.confusion["crisis"] == {"ideation": 1}
    assert figures.confusion["none"] == {"none": 1, "self_harm": 1}
    assert not figures.passes(0.98, 0.05) and figures.passes(0.7, 0.5)


def test_a_malformed_data_line_names_its_file_and_line(tmp_path: Path) -> None:
    from bot.crisis.dataset import read_examples

    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "ok", "label": "none"}\n{"text": "bad", "label": "sad"}\n')
    with pytest.raises(DatasetError, match=r"x.jsonl:2: unknown label"):
        read_examples(path)


def test_the_head_retrains_only_when_its_inputs_change(
    classifier: CrisisClassifier, data_dir: Path, tmp_path: Path
) -> None:
    from bot.crisis.head import artifact_path, load_or_train

    lines = (data_dir / "train.jsonl").read_text().splitlines()
    small = tmp_path / "train.jsonl"
    small.write_text("\n".join(lines[::12]) + "\n")
    models = tmp_path / "models"

    head, trained = load_or_train(models, [small], classifier.encoder)
    assert trained and artifact_path(models, head.key).is_file()
    again, trained_again = load_or_train(models, [small], classifier.encoder)
    assert not trained_again and again.key == head.key
    assert (again.weights == head.weights).all() and again.alarm == head.alarm

    small.write_text("\n".join(lines[::11]) + "\n")
    changed, trained_changed = load_or_train(models, [small], classifier.encoder)
    assert trained_changed and changed.key != head.key


def test_concurrent_callers_get_the_same_answers(classifier: CrisisClassifier) -> None:
    texts = [
        "i want to die",
        "this exam is killing me",
        "my dad hits me",
        "I'm not suicidal, just tired",
        "me corté otra vez",
        "i took all my pills",
    ] * 5
    expected = [classifier.classify(text) for text in texts]
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(classifier.classify, texts))
    assert got == expected


def test_importing_the_package_loads_nothing_heavy() -> None:
    probe = (
        "import sys, bot.crisis, bot.crisis.cli;"
        "print(sorted(m for m in ('spacy','torch','numpy','sklearn','sentence_transformers')"
        " if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO_ROOT, check=True
    )
    assert done.stdout.strip() == "[]"
