"""A local stand-in for the PD and SBA REST APIs: serves the fixture payloads, records what is POSTed or PATCHed
(results submitted to the league) and injects failures on request.

PD answers under `/pd/api/v2/`, SBA under `/sba/api/v3/` (so the SBA path prefix is exercised). Routes are
matched on path plus the selecting query parameters; the format flags `csv` and `short_output` are ignored.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

FIXTURES = Path(__file__).parent / "fixtures"
PD_ROOT = "/pd/api/v2/"
SBA_ROOT = "/sba/"
SBA_PREFIX = "api/v3/"
IGNORED_PARAMS = frozenset({"csv", "short_output"})

# Copies of the shared example payloads (fixture path -> file name in shared/league_api/).
SHARED_COPIES: dict[str, str] = {
    "pd/players/88101.json": "pd_player.json",
    "pd/battingcardratings/player/88101.json": "pd_battingcardratings.json",
    "pd/pitchingcardratings/player/88102.json": "pd_pitchingcardratings.json",
    "pd/cardpositions/player_id=88101.json": "pd_cardpositions.json",
    "pd/cardpositions/player_id=88155.json": "pd_cardpositions_catcher.json",
    "sba/teams/612.json": "sba_team.json",
    "sba/teams/612/roster/current.json": "sba_team_roster.json",
    "sba/players/14021.json": "sba_player.json",
    "sba/games/season=13/week=7.json": "sba_schedule_week.json",
}

# Request target (path?selectors) -> fixture file.
ROUTES: dict[str, str] = {
    f"{PD_ROOT}players/88101": "pd/players/88101.json",
    f"{PD_ROOT}players/88102": "pd/players/88102.json",
    f"{PD_ROOT}battingcardratings/player/88101": "pd/battingcardratings/player/88101.json",
    f"{PD_ROOT}pitchingcardratings/player/88102": "pd/pitchingcardratings/player/88102.json",
    f"{PD_ROOT}cardpositions?player_id=88101": "pd/cardpositions/player_id=88101.json",
    f"{PD_ROOT}cardpositions?player_id=88155": "pd/cardpositions/player_id=88155.json",
    f"{SBA_ROOT}{SBA_PREFIX}teams?season=13": "sba/teams/season=13.json",
    f"{SBA_ROOT}{SBA_PREFIX}teams/612": "sba/teams/612.json",
    f"{SBA_ROOT}{SBA_PREFIX}teams/612/roster/current": "sba/teams/612/roster/current.json",
    f"{SBA_ROOT}{SBA_PREFIX}players?season=13": "sba/players/season=13.json",
    f"{SBA_ROOT}{SBA_PREFIX}players?season=13&team_id=612": "sba/players/season=13/team_id=612.json",
    f"{SBA_ROOT}{SBA_PREFIX}players/14021": "sba/players/14021.json",
    f"{SBA_ROOT}{SBA_PREFIX}games?season=13&week=7": "sba/games/season=13/week=7.json",
}


def load_fixture(path: str) -> Any:
    """A fixture payload, freshly decoded (tests may change it)."""
    return json.loads((FIXTURES / path).read_text())


@dataclass(frozen=True)
class Failure:
    """One injected misbehaviour: answer `status` (with Retry-After), stall `delay` seconds first, or hang up."""

    status: int | None = None
    retry_after: str | None = None
    delay: float = 0.0
    disconnect: bool = False
    body: bytes = b'{"detail": "injected failure"}'


@dataclass(frozen=True)
class SeenRequest:
    target: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    method: str = "GET"
    body: Any = None


@dataclass
class _State:
    failures: dict[str, deque[Failure]] = field(default_factory=lambda: defaultdict(deque))
    requests: list[SeenRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def route_key(target: str) -> str:
    parts = urlsplit(target)
    selectors = [(name, value) for name, value in parse_qsl(parts.query) if name not in IGNORED_PARAMS]
    return parts.path + ("?" + "&".join(f"{name}={value}" for name, value in selectors) if selectors else "")


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def _seen(self, body: Any = None) -> tuple[str, bool]:
        """Records the request; answers an injected failure (True) or lets the caller answer (False)."""
        state = self.server.state
        key = route_key(self.path) if self.command == "GET" else urlsplit(self.path).path
        parts = urlsplit(self.path)
        seen = SeenRequest(key, parts.path, dict(parse_qsl(parts.query)), dict(self.headers), self.command, body)
        with state.lock:
            state.requests.append(seen)
            queue = state.failures.get(key)
            failure = queue.popleft() if queue else None
        if failure is None:
            return key, False
        time.sleep(failure.delay)
        if failure.disconnect:
            self.close_connection = True
        elif failure.status is not None:
            self._send(failure.status, failure.body, failure.retry_after)
        return key, True

    def _write(self) -> None:
        """POST and PATCH (the results a league tool submits, SBA-5): recorded with their JSON body; 200 `{}`.
        Failures are queued by path, without the query string."""
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        _, failed = self._seen(body)
        if not failed:
            self._send(200, b"{}")

    do_POST = _write
    do_PATCH = _write

    def do_GET(self) -> None:
        key, failed = self._seen()
        if failed:
            return
        fixture = ROUTES.get(key)
        if fixture is None:
            self._send(404, json.dumps({"detail": f"no route for {key}"}).encode())
            return
        self._send(200, (FIXTURES / fixture).read_bytes())

    def _send(self, status: int, body: bytes, retry_after: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        if retry_after is not None:
            self.send_header("Retry-After", retry_after)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    state: _State


class FakeLeagueApi:
    """The running server: `pd_url` / `sba_url` are base URLs (SBA wants `path_prefix=SBA_PREFIX`)."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = _State()
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-league-api", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def pd_url(self) -> str:
        return self.url + PD_ROOT

    @property
    def sba_url(self) -> str:
        return self.url + SBA_ROOT

    @property
    def requests(self) -> list[SeenRequest]:
        with self._server.state.lock:
            return list(self._server.state.requests)

    def fail(self, target: str, *failures: Failure) -> None:
        """Queue failures for the next requests to `target` (a route key: the path from the server root, with the
        selecting query for GETs; the path alone for POST and PATCH)."""
        with self._server.state.lock:
            self._server.state.failures[target].extend(failures)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def running_fake_league_api() -> Iterator[FakeLeagueApi]:
    server = FakeLeagueApi()
    server.start()
    try:
        yield server
    finally:
        server.stop()
