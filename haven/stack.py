"""Starting Haven's processes: Rasa (its own Python 3.10 environment) and the gateway.

Used by `haven run`, by the test suite's fixtures and by the benchmarks, so every one of
them starts the real processes the same way.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

import httpx

from haven.config import REPO_ROOT, Secret, Settings

RASA_INPUTS = ("config.yml", "bot/flows", "nlu_data/nlu", "nlu_data/rules", "nlu_data/stories")
RASA_DATA = ("nlu_data/nlu", "nlu_data/rules", "nlu_data/stories")
MODELS_DIR = REPO_ROOT / "models"


class StackError(RuntimeError):
    """A process could not be started or did not become ready."""


def with_dev_tokens(settings: Settings) -> Settings:
    """Fill in random loopback tokens for a development run that did not set any."""
    rasa = settings.rasa
    if not rasa.auth_token:
        rasa = replace(rasa, auth_token=Secret(secrets.token_urlsafe(24)))
    if not rasa.actions_token:
        rasa = replace(rasa, actions_token=Secret(secrets.token_urlsafe(24)))
    return replace(settings, rasa=rasa)


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment that recreates `settings` in a child process."""
    return {
        "HAVEN_ENV": settings.env,
        "HAVEN_DATA_DIR": str(settings.data_dir),
        "DATABASE_URL": settings.database_url,
        "HAVEN_KEYS_FILE": str(settings.keys_file),
        "HAVEN_HOST": settings.host,
        "HAVEN_PORT": str(settings.port),
        "HAVEN_PUBLIC_URL": settings.public_url,
        "HAVEN_RASA_URL": settings.rasa.url,
        "HAVEN_RASA_TOKEN": settings.rasa.auth_token.get(),
        "HAVEN_ACTIONS_TOKEN": settings.rasa.actions_token.get(),
        "HAVEN_RASA_VENV": str(settings.rasa.venv),
        "HAVEN_CRISIS_BUDGET_MS": str(settings.crisis.time_budget_ms),
        "HAVEN_CRISIS_SPACY_MODEL": settings.crisis.spacy_model,
        "HAVEN_CRISIS_ENCODER_PATH": settings.crisis.encoder_path,
        "HAVEN_LLM_MODEL_PATH": settings.llm.model_path,
        "HAVEN_LLM_THREADS": str(settings.llm.threads),
        "HAVEN_LLM_TIMEOUT_S": str(settings.llm.timeout_s),
        "HAVEN_LLM_QUEUE": str(settings.llm.queue_size),
        "HAVEN_LLM_TEMPERATURE": str(settings.llm.temperature),
        "HAVEN_LLM_SEED": str(settings.llm.seed),
        "HAVEN_LLM_MAX_TOKENS": str(settings.llm.max_tokens),
        "TWILIO_ACCOUNT_SID": settings.twilio.account_sid,
        "TWILIO_AUTH_TOKEN": settings.twilio.auth_token.get(),
        "HAVEN_TWILIO_API_URL": settings.twilio.api_base_url,
        "HAVEN_TWILIO_USER_NUMBER": settings.twilio.user_sender,
        "HAVEN_TWILIO_STAFF_NUMBER": settings.twilio.staff_sender,
        "HAVEN_PAGE_ACK_TIMEOUT_S": str(settings.paging.ack_timeout_s),
        "HAVEN_PAGE_POLL_S": str(settings.paging.poll_interval_s),
        "HAVEN_PAGE_VOICE": "true" if settings.paging.voice else "false",
        "HAVEN_ONCALL_FALLBACK_NUMBER": settings.paging.fallback_number,
        "HAVEN_STAFF_TOKEN": settings.paging.staff_token.get(),
        "HAVEN_SMS_REPLY_WAIT_S": str(settings.sms.reply_wait_s),
        "HAVEN_SMS_POLL_S": str(settings.sms.poll_interval_s),
    }


def _input_files(root: Path) -> Iterable[Path]:
    for name in RASA_INPUTS:
        path = root / name
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix in {".yml", ".yaml"}
            )


def model_fingerprint(root: Path = REPO_ROOT) -> str:
    """A hash of everything the Rasa model is trained from (config, domain, data, Rasa lock)."""
    digest = hashlib.sha256()
    for path in [*_input_files(root), root / "requirements" / "rasa.lock"]:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def model_path(root: Path = REPO_ROOT) -> Path:
    return MODELS_DIR / f"haven-{model_fingerprint(root)}.tar.gz"


def train_model(settings: Settings, *, force: bool = False) -> tuple[Path, bool]:
    """Train the Rasa model unless one for the same inputs exists. Returns (path, trained)."""
    target = model_path()
    if target.exists() and not force:
        return target, False
    MODELS_DIR.mkdir(exist_ok=True)
    command = [
        str(settings.rasa.venv / "bin" / "rasa"),
        "train",
        "--config",
        "config.yml",
        "--domain",
        "bot/flows",
        "--data",
        *RASA_DATA,
        "--out",
        str(MODELS_DIR),
        "--fixed-model-name",
        target.name.removesuffix(".tar.gz"),
    ]
    result = subprocess.run(command, cwd=REPO_ROOT, env=rasa_env(settings), check=False)
    if result.returncode != 0 or not target.exists():
        raise StackError(f"rasa train failed with exit code {result.returncode}")
    return target, True


def rasa_env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HAVEN_", "PYTHON"))}
    env.update(
        {
            "PYTHONPATH": str(REPO_ROOT),
            "HAVEN_ACTIONS_URL": f"http://{settings.host}:{settings.port}/internal/rasa/webhook",
            "HAVEN_ACTIONS_TOKEN": settings.rasa.actions_token.get(),
            "HAVEN_TRACKER_DB_URL": settings.database_url,
            "HAVEN_KEYS_FILE": str(settings.keys_file),
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "RASA_TELEMETRY_ENABLED": "false",
            "LOG_LEVEL_LIBRARIES": "ERROR",
        }
    )
    return env


def start_rasa(
    settings: Settings, model: Path, log_file: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start `rasa run --enable-api` on loopback with the auth token and Haven's endpoints."""
    command = [
        str(settings.rasa.venv / "bin" / "rasa"),
        "run",
        "--enable-api",
        f"--auth-token={settings.rasa.auth_token.get()}",
        "--interface",
        settings.rasa.host,
        "--port",
        str(settings.rasa.port),
        "--model",
        str(model),
        "--endpoints",
        "endpoints.yml",
        "--credentials",
        "credentials.yml",
    ]
    return _spawn(command, rasa_env(settings), log_file)


def start_gateway(settings: Settings, log_file: Path | None = None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HAVEN_")}
    env.update(settings_env(settings))
    command = [sys.executable, "-m", "api"]
    return _spawn(command, env, log_file)


def _spawn(
    command: list[str], env: Mapping[str, str], log_file: Path | None
) -> subprocess.Popen[bytes]:
    out = None
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        out = log_file.open("ab")
    try:
        return subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
            start_new_session=True,
        )
    finally:
        if out is not None:
            out.close()


def wait_until(
    url: str,
    proc: subprocess.Popen[bytes],
    timeout_s: float,
    what: str,
    params: Mapping[str, str] | None = None,
) -> None:
    """Poll `url` until it answers 200, failing early if the process exits."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise StackError(f"{what} exited with code {proc.returncode} while starting")
        try:
            if httpx.get(url, params=params, timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise StackError(f"{what} was not ready within {timeout_s:.0f} s")


def wait_for_rasa(
    settings: Settings, proc: subprocess.Popen[bytes], timeout_s: float = 240
) -> None:
    wait_until(
        f"{settings.rasa.url}/status",
        proc,
        timeout_s,
        "rasa",
        params={"token": settings.rasa.auth_token.get()},
    )


def wait_for_gateway(
    settings: Settings, proc: subprocess.Popen[bytes], timeout_s: float = 300
) -> None:
    wait_until(
        f"http://{settings.host}:{settings.port}/schema/openapi.json", proc, timeout_s, "gateway"
    )


def stop(proc: subprocess.Popen[bytes], timeout_s: float = 15) -> None:
    """Stop a process group politely, then firmly."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    except ProcessLookupError:
        pass
