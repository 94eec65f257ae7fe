"""`haven crisis ...`: classify, evaluate, train and bench the crisis classifier.

Contract other tools rely on:

``haven crisis classify``
    Reads JSON lines ``{"text": "...", "context": ["earlier turn", ...]}`` on stdin
    (``context`` optional) and writes exactly one JSON line per input line, in order:
    ``{"label", "tier", "score", "about_other", "evidence"}``. A malformed input line gets
    ``{"line": N, "error": "..."}`` in its place and processing continues; the exit status
    is then 1 (0 when every line was classified). Output carries message-derived evidence:
    treat it like the messages themselves.
``haven crisis evaluate FILE.jsonl [--min-recall R] [--max-fpr F] [--json]``
    Lines with ``text`` and ``label`` (or ``binary``: crisis|none). Prints crisis recall,
    false-positive rate, per-label precision/recall and a confusion matrix; exit 1 when a
    threshold fails, 2 when the file is malformed.
``haven crisis train [--force]``
    Trains the head if its inputs changed (always with ``--force``); prints counts,
    cross-validated figures and figures on the held-out splits.
``haven crisis bench [--samples N]``
    One torch thread; prints start-up time and per-message p50/p99 latency.

Settings default to ``haven.config.Settings.from_env().crisis``; flags override them.
Heavy libraries load inside the handlers only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from bot.crisis.classifier import CrisisClassifier


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    crisis = subparsers.add_parser("crisis", help="the crisis classifier")
    commands = crisis.add_subparsers(dest="crisis_command", required=True, metavar="SUBCOMMAND")

    classify = commands.add_parser("classify", help="classify JSON lines from stdin")
    _add_loading_options(classify)
    classify.set_defaults(handler=_classify)

    evaluate = commands.add_parser("evaluate", help="score a labelled JSON-lines file")
    evaluate.add_argument("file", type=Path)
    evaluate.add_argument("--min-recall", type=float, default=None)
    evaluate.add_argument("--max-fpr", type=float, default=None)
    evaluate.add_argument("--json", action="store_true", help="print figures as JSON")
    _add_loading_options(evaluate)
    evaluate.set_defaults(handler=_evaluate)

    train = commands.add_parser("train", help="train the head (if its inputs changed)")
    train.add_argument("--force", action="store_true", help="retrain even if up to date")
    _add_loading_options(train)
    train.set_defaults(handler=_train)

    bench = commands.add_parser("bench", help="latency on one core and start-up time")
    bench.add_argument("--samples", type=int, default=500)
    bench.add_argument("--file", type=Path, default=None, help="messages (JSON lines)")
    _add_loading_options(bench)
    bench.set_defaults(handler=_bench)


def _add_loading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--spacy-model", default=None, help="blank:en or a spaCy pipeline")
    parser.add_argument("--encoder-path", default=None, help="sentence-transformers model dir")
    parser.add_argument("--models-dir", type=Path, default=None, help="head artifacts dir")


def _load(args: argparse.Namespace, retrain: bool = False) -> CrisisClassifier:
    from bot.crisis.classifier import CrisisClassifier

    spacy_model, encoder_path = args.spacy_model, args.encoder_path
    if spacy_model is None or encoder_path is None:
        from haven.config import Settings

        settings = Settings.from_env().crisis
        spacy_model = settings.spacy_model if spacy_model is None else spacy_model
        encoder_path = settings.encoder_path if encoder_path is None else encoder_path
    return CrisisClassifier.load(
        spacy_model=spacy_model,
        encoder_path=encoder_path,
        models_dir=args.models_dir,
        retrain=retrain,
    )


def _fail(message: str, status: int = 2) -> int:
    print(f"haven crisis: {message}", file=sys.stderr)
    return status


# --- classify ------------------------------------------------------------------------------


def _classify(args: argparse.Namespace) -> int:
    from bot.crisis.errors import CrisisError

    try:
        classifier = _load(args)
    except (CrisisError, ValueError) as error:
        return _fail(str(error))
    return classify_stream(classifier, sys.stdin, sys.stdout)


def classify_stream(classifier: CrisisClassifier, lines: Iterable[str], out: TextIO) -> int:
    status = 0
    for number, line in enumerate(lines, start=1):
        try:
            text, context = _parse_request(line)
        except ValueError as error:
            status = 1
            out.write(json.dumps({"line": number, "error": str(error)}) + "\n")
        else:
            out.write(json.dumps(classifier.classify(text, context).to_json()) + "\n")
        out.flush()
    return status


def _parse_request(line: str) -> tuple[str, tuple[str, ...]]:
    try:
        request = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON: {error.msg}") from None
    if not isinstance(request, dict):
        raise ValueError("expected a JSON object")
    text = request.get("text")
    if not isinstance(text, str):
        raise ValueError("'text' must be a string")
    context = request.get("context", [])
    if not isinstance(context, list) or not all(isinstance(turn, str) for turn in context):
        raise ValueError("'context' must be a list of strings")
    return text, tuple(context)


# --- evaluate ------------------------------------------------------------------------------


def _evaluate(args: argparse.Namespace) -> int:
    from bot.crisis.dataset import read_examples
    from bot.crisis.errors import CrisisError
    from bot.crisis.evaluate import evaluate

    try:
        examples = read_examples(args.file)
        classifier = _load(args)
    except (CrisisError, ValueError) as error:
        return _fail(str(error))
    figures = evaluate(classifier.classify, examples)
    if args.json:
        print(json.dumps(figures.to_json(), indent=2))
    else:
        print(f"{args.file}\n{figures.render()}")
    if not figures.passes(args.min_recall, args.max_fpr):
        return _fail(
            f"thresholds failed: recall {figures.crisis_recall:.3f} (min {args.min_recall}), "
            f"false-positive rate {figures.false_positive_rate:.3f} (max {args.max_fpr})",
            status=1,
        )
    return 0


# --- train ---------------------------------------------------------------------------------


def _train(args: argparse.Namespace) -> int:
    from bot.crisis.classifier import DEFAULT_MODELS_DIR
    from bot.crisis.dataset import DATA_DIR, TEST_FILE, read_examples
    from bot.crisis.errors import CrisisError
    from bot.crisis.evaluate import evaluate
    from bot.crisis.head import artifact_path

    models_dir = args.models_dir or DEFAULT_MODELS_DIR
    try:
        classifier = _load(args, retrain=args.force)
    except (CrisisError, ValueError) as error:
        return _fail(str(error))
    head = classifier.head
    report = classifier.load_report
    print(f"head {head.key} ({'trained now' if report.trained else 'up to date'})")
    print(f"artifact: {artifact_path(models_dir, head.key)}")
    print(f"alarm threshold: {head.alarm}")
    print(json.dumps(head.meta, indent=2))
    for name in (TEST_FILE, "dev.jsonl"):
        path = DATA_DIR / name
        if path.is_file():
            figures = evaluate(classifier.classify, read_examples(path))
            print(f"\n{path}\n{figures.render()}")
    return 0


# --- bench ---------------------------------------------------------------------------------


def _bench(args: argparse.Namespace) -> int:
    import torch

    from bot.crisis.bench import measure
    from bot.crisis.dataset import DATA_DIR, read_examples
    from bot.crisis.errors import CrisisError

    torch.set_num_threads(1)
    try:
        examples = read_examples(args.file or DATA_DIR / "dev.jsonl")
        classifier = _load(args)
    except (CrisisError, ValueError) as error:
        return _fail(str(error))
    messages: Sequence[tuple[str, Sequence[str]]] = [(e.text, e.context) for e in examples]
    latency = measure(classifier.classify, messages, samples=args.samples)
    report = classifier.load_report
    print(
        json.dumps(
            {
                "torch_threads": torch.get_num_threads(),
                "startup_seconds": round(report.seconds, 2),
                "trained_at_startup": report.trained,
                "messages": len(messages),
                **latency.to_json(),
            },
            indent=2,
        )
    )
    return 0
