"""Haven's settings: one typed object, built once from the environment at start-up.

Nothing reads the environment at import time. `Settings.from_env()` validates every value
and fails fast with a message naming the variable; secrets are wrapped in `Secret`, which
never prints its value.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the environment variable."""


@dataclass(frozen=True, slots=True)
class Secret:
    """A secret string that never appears in repr, str or logs."""

    _value: str = field(repr=False)

    def get(self) -> str:
        return self._value

    def __str__(self) -> str:
        return "**********" if self._value else ""

    def __repr__(self) -> str:
        return "Secret('**********')" if self._value else "Secret('')"

    def __bool__(self) -> bool:
        return bool(self._value)


@dataclass(frozen=True, slots=True)
class RasaSettings:
    url: str
    """Base URL of the Rasa server (loopback only)."""
    auth_token: Secret
    """Token for Rasa's HTTP API (`rasa run --auth-token`)."""
    actions_token: Secret
    """Token Rasa presents when it calls Haven's action endpoint."""
    timeout_s: float
    venv: Path
    """Rasa's own Python 3.10 virtual environment (`.venv-rasa/` by default)."""

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].split("/", 1)[0])

    @property
    def host(self) -> str:
        return self.url.split("://", 1)[1].rsplit(":", 1)[0]


@dataclass(frozen=True, slots=True)
class CrisisSettings:
    time_budget_ms: float
    """A classification slower than this is treated as `concern` (fail closed)."""
    spacy_model: str
    """`blank:en` (the default) or a path / package name of a spaCy pipeline to load."""
    encoder_path: str
    """Empty for the packaged all-MiniLM-L6-v2, or a path to a sentence-transformers model."""
    context_turns: int
    """How many earlier user turns the classifier sees."""


@dataclass(frozen=True, slots=True)
class LLMSettings:
    model_path: str
    """Empty for the packaged SmolLM2-135M-Instruct GGUF, or a path to any GGUF file."""
    threads: int
    context_size: int
    max_tokens: int
    temperature: float
    seed: int
    timeout_s: float
    queue_size: int
    workers: int
    history_turns: int
    max_reply_chars: int


@dataclass(frozen=True, slots=True)
class TwilioSettings:
    account_sid: str
    auth_token: Secret
    api_base_url: str
    """Empty for Twilio's own API; tests point it at a local fake Twilio process."""
    user_sender: str
    """The number people text (the users' sender)."""
    staff_sender: str
    """A separate number that pages clinicians; never used to write to users."""


@dataclass(frozen=True, slots=True)
class PagingSettings:
    ack_timeout_s: float
    """Page the next clinician on the roster if nobody acknowledges within this time."""
    poll_interval_s: float
    """How often the outbox worker looks for due work."""
    voice: bool
    """Also call (TwiML <Say> with a <Gather> for "press 1") besides the SMS."""
    fallback_number: str
    """Who is paged when the roster cannot be read and holds no cached entry."""
    staff_token: Secret
    """Bearer token for the acknowledgement API (until the console brings real logins)."""


@dataclass(frozen=True, slots=True)
class SmsSettings:
    reply_wait_s: float
    """How long Twilio's webhook waits for a turn before answering empty; slower replies (and
    any the local model writes) go out through the REST API. Keep well under Twilio's 15 s."""
    poll_interval_s: float
    """How often the SMS outbox worker looks for due segments (it is also woken at once)."""


@dataclass(frozen=True, slots=True)
class Settings:
    env: str
    """`development` (embedded defaults allowed) or `production` (everything must be supplied)."""
    data_dir: Path
    database_url: str
    keys_file: Path
    host: str
    port: int
    public_url: str
    max_message_chars: int
    rasa: RasaSettings
    crisis: CrisisSettings
    llm: LLMSettings
    twilio: TwilioSettings
    paging: PagingSettings
    sms: SmsSettings

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        reader = _Reader(env)
        mode = reader.choice("HAVEN_ENV", "development", ("development", "production"))
        data_dir = Path(reader.text("HAVEN_DATA_DIR", str(REPO_ROOT / "data"))).resolve()
        default_db = f"sqlite:///{data_dir / 'haven.db'}"
        database_url = reader.text("DATABASE_URL", "" if mode == "production" else default_db)
        if not database_url:
            raise SettingsError("DATABASE_URL must be set when HAVEN_ENV=production")
        port = reader.integer("HAVEN_PORT", 8000, minimum=1, maximum=65535)
        host = reader.text("HAVEN_HOST", "127.0.0.1")
        rasa_url = reader.text("HAVEN_RASA_URL", "http://127.0.0.1:5005").rstrip("/")
        if not re.fullmatch(r"https?://[^/:]+:\d+", rasa_url):
            raise SettingsError(f"HAVEN_RASA_URL must look like http://HOST:PORT; got {rasa_url!r}")
        return cls(
            env=mode,
            data_dir=data_dir,
            database_url=database_url,
            keys_file=Path(reader.text("HAVEN_KEYS_FILE", str(data_dir / "keys.json"))),
            host=host,
            port=port,
            public_url=reader.text("HAVEN_PUBLIC_URL", f"http://{host}:{port}").rstrip("/"),
            max_message_chars=reader.integer("HAVEN_MAX_MESSAGE_CHARS", 2000, 1, 100_000),
            rasa=RasaSettings(
                url=rasa_url,
                auth_token=reader.secret("HAVEN_RASA_TOKEN", mode),
                actions_token=reader.secret("HAVEN_ACTIONS_TOKEN", mode),
                timeout_s=reader.number("HAVEN_RASA_TIMEOUT_S", 30.0, 0.1, 600.0),
                venv=Path(reader.text("HAVEN_RASA_VENV", str(REPO_ROOT / ".venv-rasa"))),
            ),
            crisis=CrisisSettings(
                time_budget_ms=reader.number("HAVEN_CRISIS_BUDGET_MS", 1000.0, 1.0, 60_000.0),
                spacy_model=reader.text("HAVEN_CRISIS_SPACY_MODEL", "blank:en"),
                encoder_path=reader.text("HAVEN_CRISIS_ENCODER_PATH", ""),
                context_turns=reader.integer("HAVEN_CRISIS_CONTEXT_TURNS", 3, 0, 20),
            ),
            llm=LLMSettings(
                model_path=reader.text("HAVEN_LLM_MODEL_PATH", ""),
                threads=reader.integer("HAVEN_LLM_THREADS", min(2, os.cpu_count() or 1), 1, 256),
                context_size=reader.integer("HAVEN_LLM_CONTEXT", 2048, 256, 131_072),
                max_tokens=reader.integer("HAVEN_LLM_MAX_TOKENS", 160, 8, 4096),
                temperature=reader.number("HAVEN_LLM_TEMPERATURE", 0.7, 0.0, 2.0),
                seed=reader.integer("HAVEN_LLM_SEED", 0, 0, 2**31 - 1),
                timeout_s=reader.number("HAVEN_LLM_TIMEOUT_S", 20.0, 0.01, 600.0),
                queue_size=reader.integer("HAVEN_LLM_QUEUE", 8, 1, 10_000),
                workers=reader.integer("HAVEN_LLM_WORKERS", 1, 1, 64),
                history_turns=reader.integer("HAVEN_LLM_HISTORY_TURNS", 6, 0, 100),
                max_reply_chars=reader.integer("HAVEN_LLM_MAX_REPLY_CHARS", 600, 50, 10_000),
            ),
            twilio=TwilioSettings(
                account_sid=reader.text("TWILIO_ACCOUNT_SID", ""),
                auth_token=Secret(env.get("TWILIO_AUTH_TOKEN", "")),
                api_base_url=reader.text("HAVEN_TWILIO_API_URL", "").rstrip("/"),
                user_sender=reader.text("HAVEN_TWILIO_USER_NUMBER", ""),
                staff_sender=reader.text("HAVEN_TWILIO_STAFF_NUMBER", ""),
            ),
            paging=PagingSettings(
                ack_timeout_s=reader.number("HAVEN_PAGE_ACK_TIMEOUT_S", 300.0, 0.1, 86_400.0),
                poll_interval_s=reader.number("HAVEN_PAGE_POLL_S", 1.0, 0.01, 3600.0),
                voice=reader.choice("HAVEN_PAGE_VOICE", "true", ("true", "false")) == "true",
                fallback_number=reader.text("HAVEN_ONCALL_FALLBACK_NUMBER", ""),
                staff_token=reader.secret("HAVEN_STAFF_TOKEN", mode),
            ),
            sms=SmsSettings(
                reply_wait_s=reader.number("HAVEN_SMS_REPLY_WAIT_S", 5.0, 0.1, 12.0),
                poll_interval_s=reader.number("HAVEN_SMS_POLL_S", 1.0, 0.01, 3600.0),
            ),
        )


class _Reader:
    """Reads and validates environment variables, naming the variable in every error."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self._env = env

    def text(self, name: str, default: str) -> str:
        value = self._env.get(name)
        return default if value is None or value == "" else value.strip()

    def choice(self, name: str, default: str, allowed: tuple[str, ...]) -> str:
        value = self.text(name, default)
        if value not in allowed:
            raise SettingsError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
        return value

    def integer(self, name: str, default: int, minimum: int, maximum: int) -> int:
        raw = self.text(name, str(default))
        try:
            value = int(raw)
        except ValueError:
            raise SettingsError(f"{name} must be an integer; got {raw!r}") from None
        if not minimum <= value <= maximum:
            raise SettingsError(f"{name} must be between {minimum} and {maximum}; got {value}")
        return value

    def number(self, name: str, default: float, minimum: float, maximum: float) -> float:
        raw = self.text(name, str(default))
        try:
            value = float(raw)
        except ValueError:
            raise SettingsError(f"{name} must be a number; got {raw!r}") from None
        if not minimum <= value <= maximum:
            raise SettingsError(f"{name} must be between {minimum} and {maximum}; got {value}")
        return value

    def secret(self, name: str, mode: str) -> Secret:
        value = self._env.get(name, "")
        if not value and mode == "production":
            raise SettingsError(f"{name} must be set when HAVEN_ENV=production")
        return Secret(value)
