"""Settings work on both deployment shapes: the embedded default and PostgreSQL + Redis."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def _clean_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}}
    env.update(overrides)
    return env


def test_suite_runs_on_postgresql_and_redis() -> None:
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    host = next(iter(settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"]))
    assert host["max_connections"] >= 1000
    assert host["socket_timeout"] > 5


def test_embedded_default_is_sqlite_wal_and_in_memory_layer(tmp_path: Path) -> None:
    env = _clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    migrate = _manage("migrate", "--noinput", env=env)
    assert migrate.returncode == 0, migrate.stderr
    probe = _manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.db import connection; from django.conf import settings; "
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); "
        "print(c.fetchone()[0], settings.CHANNEL_LAYERS['default']['BACKEND'])",
        env=env,
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.split() == ["wal", "channels.layers.InMemoryChannelLayer"]


def test_production_settings_pass_deploy_check() -> None:
    env = _clean_env(
        DEBUG="0",
        SECRET_KEY="x" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
        ALLOWED_HOSTS="scorecard.example.com",
        CSRF_TRUSTED_ORIGINS="https://scorecard.example.com",
        SECURE_SSL_REDIRECT="1",
        SECURE_HSTS_SECONDS="31536000",
        DATABASE_URL=os.environ.get("DATABASE_URL", ""),
        REDIS_URL=os.environ.get("REDIS_URL", ""),
        DISCORD_CLIENT_ID="123456789012345678",
        DISCORD_CLIENT_SECRET="discord-secret",
    )
    check = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    env["DISCORD_CLIENT_SECRET"] = ""
    check = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert check.returncode != 0
    assert "scorecard.W001" in check.stdout + check.stderr


def test_no_missing_migrations() -> None:
    result = _manage("makemigrations", "--check", "--dry-run", env=_clean_env())
    assert result.returncode == 0, result.stdout + result.stderr
