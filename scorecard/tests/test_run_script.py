"""README's first command, `scripts/run`, on the embedded default (SQLite + in-memory channel layer): it serves the
demo, and a new user signs in, builds a lineup and plays the AI to the final out while a visitor watches."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from games.tests.test_new_user_browser import FinishedGame, new_user_plays_the_ai
from scorecard.tests.servers import ROOT, free_port

STARTUP_SECONDS = 300


class RunScript:
    def __init__(self, base_url: str, database: Path) -> None:
        self.base_url = base_url
        self.database = database

    def query(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        with closing(sqlite3.connect(self.database)) as db:
            return db.execute(sql, params).fetchall()


@pytest.fixture
def run_script(tmp_path: Path) -> Iterator[RunScript]:
    """`scripts/run` in its own process group with a fresh SQLite file and no Redis; stopped after the test."""
    port = free_port()
    database = tmp_path / "db.sqlite3"
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    # as a user runs it: the worker sweeps its own decision windows (the suite turns that off for other servers)
    env.update({"DATABASE_URL": f"sqlite:///{database}", "PORT": str(port), "SCORECARD_WORKER_SWEEP": "1"})
    log_path = tmp_path / "run.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            ["scripts/run"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, f"scripts/run exited with {process.returncode}:\n{log_path.read_text()}"
            assert time.monotonic() < deadline, f"scripts/run did not serve:\n{log_path.read_text()}"
            try:
                with urllib.request.urlopen(f"{base_url}/readyz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        yield RunScript(base_url, database)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_scripts_run_serves_the_demo_and_a_new_user_plays_the_ai(
    run_script: RunScript, browser: Browser, artifacts_dir: Path
) -> None:
    assert run_script.query("select count(*) from leagues_team where gm_discord_id != ''") == [(8,)]
    team = str(run_script.query("select name from leagues_team order by league_id, abbreviation limit 1")[0][0])

    def read_game(game_id: str) -> FinishedGame:
        key = game_id.replace("-", "")
        [(status, away, home)] = run_script.query(
            "select status, away_score, home_score from games_game where id = ?", key
        )
        plays = run_script.query(
            "select half, hit, description from games_play where game_id = ? order by play_number", key
        )
        hits = {
            side: sum(int(hit) for half, hit, _ in plays if half == code)
            for side, code in (("away", "top"), ("home", "bottom"))
        }
        return FinishedGame(
            status=str(status),
            runs={"away": int(away), "home": int(home)},
            hits=hits,
            descriptions=[str(p[2]) for p in plays],
        )

    def lineup_saved(game_id: str) -> bool:
        key = game_id.replace("-", "")
        return run_script.query(
            "select count(*) from games_lineup l join leagues_team t on t.id = l.team_id"
            " where l.game_id = ? and t.name = ?",
            key,
            team,
        ) != [(0,)]

    new_user_plays_the_ai(
        browser, run_script.base_url, team, read_game, lineup_saved, artifacts_dir / "run-script-final-desktop.png"
    )
