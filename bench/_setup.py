"""Shared bench setup: Django on a bench database (created and migrated on demand), demo teams, sessions."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/scorecard_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/8"


def django_setup() -> None:
    """Points Django at the bench PostgreSQL database and Redis, creating and migrating the database."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    os.environ.setdefault("REDIS_URL", os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard.settings")
    import psycopg

    url = os.environ["DATABASE_URL"]
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
            conn.execute(f'create database "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def session_cookie(user: object) -> str:
    """A logged-in session for `user`, as a Cookie header value."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)  # type: ignore[attr-defined]
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()  # type: ignore[attr-defined]
    session.create()
    return f"sessionid={session.session_key}"


def analyze() -> None:
    """Refreshes PostgreSQL's planner statistics after a bench created its data: a bench inserts thousands of rows
    and measures at once, before autovacuum would have analyzed them, and stale statistics pick slow plans."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
