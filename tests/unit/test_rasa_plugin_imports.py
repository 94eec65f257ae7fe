"""Rasa loads Haven's encrypted tracker store in its own Python 3.10 process, and falls back
to an in-memory store (silently) if the import fails: check the import there."""

from __future__ import annotations

import subprocess

from haven.config import REPO_ROOT, Settings


def test_the_tracker_store_imports_under_rasas_python() -> None:
    python = Settings.from_env({}).rasa.venv / "bin" / "python"
    done = subprocess.run(
        [
            str(python),
            "-W",
            "ignore",
            "-c",
            "import sys; assert sys.version_info[:2] == (3, 10);"
            "import bot.rasa_plugins.encrypted_tracker_store as m;"
            "print(m.EncryptedSQLTrackerStore)",
        ],
        cwd=REPO_ROOT,
        env={"PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "EncryptedSQLTrackerStore" in done.stdout
