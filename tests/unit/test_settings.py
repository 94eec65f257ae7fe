"""Settings: defaults for development, fail-fast validation, secrets that never print."""

from __future__ import annotations

import pytest

from haven.config import Secret, Settings, SettingsError


def test_development_defaults_use_sqlite_under_the_data_dir(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings.from_env({"HAVEN_DATA_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'haven.db'}"
    assert settings.keys_file == tmp_path / "keys.json"
    assert settings.port == 8000


def test_port_is_overridable() -> None:
    assert Settings.from_env({"HAVEN_PORT": "8123"}).port == 8123


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"HAVEN_PORT": "eighty"}, "HAVEN_PORT must be an integer"),
        ({"HAVEN_PORT": "70000"}, "HAVEN_PORT must be between"),
        ({"HAVEN_ENV": "staging"}, "HAVEN_ENV must be one of"),
        ({"HAVEN_RASA_URL": "rasa.local"}, "HAVEN_RASA_URL must look like"),
        ({"HAVEN_ENV": "production"}, "DATABASE_URL must be set"),
        (
            {"HAVEN_ENV": "production", "DATABASE_URL": "postgresql://x/y"},
            "HAVEN_RASA_TOKEN must be set",
        ),
        ({"HAVEN_LLM_TEMPERATURE": "hot"}, "HAVEN_LLM_TEMPERATURE must be a number"),
    ],
)
def test_bad_settings_fail_fast_naming_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


def test_secrets_never_print() -> None:
    settings = Settings.from_env({"HAVEN_RASA_TOKEN": "s3cr3t-token"})
    assert "s3cr3t-token" not in repr(settings)
    assert "s3cr3t-token" not in str(settings.rasa.auth_token)
    assert settings.rasa.auth_token.get() == "s3cr3t-token"
    assert not Secret("")
