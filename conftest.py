"""Suite-wide checks. With SCORECARD_REQUIRE_SERVICES=1 (CI, `scripts/test`) a missing PostgreSQL or Redis
stops the run with a failure instead of letting tests fall back or skip."""

from __future__ import annotations

import os
import shutil
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import redis
from django.conf import settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from scorecard.tests.servers import DaphneWorker


def pytest_configure(config: pytest.Config) -> None:
    # Workers started by tests (and the in-process ASGI app) do not sweep decision windows unless a test asks for it
    # (SCORECARD_WORKER_SWEEP=1 in the worker's environment); a sweep task would touch the database between tests.
    os.environ["SCORECARD_WORKER_SWEEP"] = "0"
    settings.SCORECARD_WORKER_SWEEP = False
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


pytest_plugins = ["api.testing"]

ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


@pytest.fixture
def daphne_worker(transactional_db: None, tmp_path: Path) -> Iterator[DaphneWorker]:
    """One real daphne process serving the test database; data must be committed (transactional_db)."""
    from scorecard.tests.servers import daphne_workers

    with daphne_workers(tmp_path, count=1) as workers:
        yield workers[0]


@pytest.fixture
def artifacts_dir() -> Path:
    """Where tests save screenshots and other artifacts (kept after the run; ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise pytest.UsageError("chromium is not installed: apt-get install -y chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(autouse=True)
def seeded_live_dice(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process live play rolls seeded dice, one stream per test (stable across runs), so a failing game can be
    reproduced; server subprocesses started by tests keep the system dice."""
    from games import engine

    dice = engine.SeededDice(zlib.crc32(request.node.nodeid.encode()))
    monkeypatch.setattr(engine, "SystemDice", lambda: dice)
