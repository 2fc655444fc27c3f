"""Real servers for tests: daphne worker processes on the test database, started the way production starts them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_database_url() -> str:
    """The URL of the database the test run uses (pytest-django's test_* database)."""
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise RuntimeError("server processes share the test database only on PostgreSQL")
    user = db["USER"] or "postgres"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@dataclass
class DaphneWorker:
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def start_daphne(log_dir: Path, *, port: int | None = None, env: dict[str, str] | None = None) -> DaphneWorker:
    """Start one daphne worker on the test database (and Redis when configured); wait until /healthz answers."""
    port = port or free_port()
    worker_env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        **(env or {}),
    }
    log_path = log_dir / f"daphne-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "scorecard.asgi:application"],
            cwd=ROOT,
            env=worker_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    worker = DaphneWorker(port=port, process=process, log_path=log_path)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"daphne exited with {process.returncode}:\n{worker.log()}")
        try:
            with urllib.request.urlopen(f"{worker.base_url}/healthz", timeout=1) as response:
                if response.status == 200:
                    return worker
        except OSError:
            time.sleep(0.1)
    worker.kill()
    raise RuntimeError(f"daphne did not answer on port {port}:\n{worker.log()}")


@contextmanager
def daphne_workers(log_dir: Path, count: int = 1) -> Iterator[list[DaphneWorker]]:
    workers: list[DaphneWorker] = []
    try:
        for _ in range(count):
            workers.append(start_daphne(log_dir))
        yield workers
    finally:
        for worker in workers:
            worker.kill(signal.SIGTERM)
