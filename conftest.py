"""Suite-wide checks. With SCORECARD_REQUIRE_SERVICES=1 (CI, `scripts/test`) a missing PostgreSQL or Redis
stops the run with a failure instead of letting tests fall back or skip."""

import os

import pytest
import redis
from django.conf import settings


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("SCORECARD_REQUIRE_SERVICES") != "1":
        return
    problems = []
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        problems.append(f"DATABASE_URL must point at PostgreSQL, got engine {database['ENGINE']}")
    else:
        import psycopg

        try:
            psycopg.connect(
                host=database["HOST"] or "127.0.0.1",
                port=database["PORT"] or 5432,
                user=database["USER"],
                dbname=database["NAME"],
                connect_timeout=5,
            ).close()
        except psycopg.Error as exc:
            problems.append(f"PostgreSQL is not reachable: {exc}")
    if not settings.REDIS_URL:
        problems.append("REDIS_URL is not set")
    else:
        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=5).ping()
        except redis.RedisError as exc:
            problems.append(f"Redis is not reachable: {exc}")
    if problems:
        raise pytest.UsageError("required services missing:\n  " + "\n  ".join(problems))
