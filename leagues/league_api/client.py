"""Where league JSON comes from: the leagues' REST APIs over HTTP, or files in the same shapes.

`LeagueSource` is the one protocol the importer depends on: raw JSON by resource path and query. `HttpSource`
(timeouts, bounded retries) and `FileSource` (a directory tree or one bundle file) implement it; `PdApi` and
`SbaApi` name the endpoints of API_SHAPES.md over any source, and `PdApiClient` / `SbaApiClient` are those over
HTTP configured from `settings.LEAGUE_APIS`.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import logging
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

from .records import LeagueCode, RosterWhich

logger = logging.getLogger(__name__)

QueryValue = str | int | bool
Query = Sequence[tuple[str, QueryValue]]

FORMAT_PARAMS = frozenset({"csv", "short_output"})
RETRY_STATUSES = frozenset({429})
MAX_ERROR_BODY = 300


class LeagueApiError(Exception):
    """A request that failed for good: `url` (or file) and the HTTP `status` when there was one."""

    def __init__(self, message: str, *, url: str, status: int | None = None, attempts: int = 1) -> None:
        http = "" if status is None else f" -> HTTP {status}"
        tries = "" if attempts == 1 else f", {attempts} attempts"
        super().__init__(f"{message} [{url}{http}{tries}]")
        self.url = url
        self.status = status
        self.attempts = attempts


class LeagueApiNotFound(LeagueApiError):
    """404, or no file for the resource: the league has no such object."""


class LeagueSource(Protocol):
    """Raw league JSON by resource path (relative to the league API root, e.g. `players/88101`) and query."""

    def get_json(self, path: str, query: Query = ()) -> Any:
        """The decoded JSON; raises `LeagueApiNotFound` for a resource that is not there, `LeagueApiError` else."""
        ...


def _query_text(value: QueryValue) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


@dataclass(frozen=True)
class Timeouts:
    """Seconds to wait for the TCP/TLS connection and then for each read of the response."""

    connect: float = 5.0
    read: float = 30.0


@dataclass(frozen=True)
class RetryPolicy:
    """`attempts` in all; exponential backoff from `backoff` up to `max_backoff`; Retry-After honoured up to
    `max_retry_after`. Retried: connection errors, timeouts, 5xx and 429. Never retried: other 4xx."""

    attempts: int = 4
    backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        if retry_after:
            seconds = _retry_after_seconds(retry_after)
            if seconds is not None:
                return min(max(seconds, 0.0), self.max_retry_after)
        return min(self.backoff * 2.0 ** (attempt - 1), self.max_backoff)


def _retry_after_seconds(value: str) -> float | None:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment.timestamp() - time.time()


class _Retryable(Exception):
    def __init__(self, message: str, status: int | None = None, retry_after: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class HttpSource:
    """GETs JSON from `base_url` + `path_prefix` + path, with `Authorization: Bearer <key>` when a key is set."""

    def __init__(
        self,
        base_url: str,
        *,
        key: str = "",
        path_prefix: str = "",
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        user_agent: str = "scorecard-league-import/1",
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError(f"league API base URL must be http(s)://host/..., got {base_url!r}")
        self.base_url = base_url.rstrip("/") + "/"
        self.path_prefix = path_prefix.strip("/") + "/" if path_prefix.strip("/") else ""
        self.key = key
        self.timeouts = timeouts or Timeouts()
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self.user_agent = user_agent

    def url(self, path: str, query: Query = ()) -> str:
        encoded = urlencode([(name, _query_text(value)) for name, value in query])
        return f"{self.base_url}{self.path_prefix}{path.lstrip('/')}{'?' + encoded if encoded else ''}"

    def get_json(self, path: str, query: Query = ()) -> Any:
        """The decoded JSON body; raises `LeagueApiError` (`LeagueApiNotFound` for 404) once retries are spent."""
        url = self.url(path, query)
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._attempt(url, attempt)
            except _Retryable as exc:
                if attempt >= self.retry.attempts:
                    raise LeagueApiError(str(exc), url=url, status=exc.status, attempts=attempt) from exc
                delay = self.retry.delay(attempt, exc.retry_after)
                logger.warning("league API %s failed (%s); retry %d in %.1fs", url, exc, attempt, delay)
                self.sleep(delay)

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": self.user_agent}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        return headers

    def _attempt(self, url: str, attempt: int) -> Any:
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(parts.hostname or "", parts.port, timeout=self.timeouts.connect)
        try:
            connection.connect()
            if connection.sock is not None:
                connection.sock.settimeout(self.timeouts.read)
            connection.request("GET", target, headers=self._headers())
            response = connection.getresponse()
            body = response.read()
        except ssl.SSLCertVerificationError as exc:
            raise LeagueApiError(f"TLS certificate rejected: {exc}", url=url, attempts=attempt) from exc
        except TimeoutError as exc:
            raise _Retryable(f"timed out: {exc}") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise _Retryable(f"connection failed: {exc!r}") from exc
        finally:
            connection.close()
        status = response.status
        if status in RETRY_STATUSES or status >= 500:
            raise _Retryable(f"server answered {status} {response.reason}", status, response.getheader("Retry-After"))
        snippet = body[:MAX_ERROR_BODY].decode("utf-8", "replace")
        if status == 404:
            raise LeagueApiNotFound(f"not found: {snippet}", url=url, status=status, attempts=attempt)
        if not 200 <= status < 300:
            raise LeagueApiError(f"{response.reason}: {snippet}", url=url, status=status, attempts=attempt)
        try:
            return json.loads(body)
        except ValueError as exc:
            raise LeagueApiError(
                f"response is not JSON: {snippet!r}", url=url, status=status, attempts=attempt
            ) from exc


class FileSource:
    """League JSON from files, for offline imports and tests.

    A directory holds one file per request: `<path>[/<name>=<value>...].json`, where the query's selecting
    parameters become path segments in order and the format flags (`csv`, `short_output`) are dropped; e.g.
    `players/88101.json`, `cardpositions/player_id=88101.json`, `players/season=13/team_id=612.json`. A single
    bundle file is one JSON object mapping those same keys (without `.json`) to the payloads.
    """

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self._bundle: dict[str, Any] | None = None
        if self.root.is_file():
            bundle = _load_json(self.root)
            if not isinstance(bundle, dict):
                raise LeagueApiError("a bundle file must hold a JSON object of payloads", url=str(self.root))
            self._bundle = bundle
        elif not self.root.is_dir():
            raise LeagueApiError("no such file or directory", url=str(self.root))

    @staticmethod
    def key(path: str, query: Query = ()) -> str:
        selectors = [f"{name}={_query_text(value)}" for name, value in query if name not in FORMAT_PARAMS]
        return "/".join([path.strip("/"), *selectors])

    def get_json(self, path: str, query: Query = ()) -> Any:
        key = self.key(path, query)
        if self._bundle is not None:
            if key not in self._bundle:
                raise LeagueApiNotFound("no such entry in the bundle", url=f"{self.root}#{key}")
            return self._bundle[key]
        file = self.root / f"{key}.json"
        if not file.is_file():
            raise LeagueApiNotFound("no such file", url=str(file))
        return _load_json(file)

    def ids(self, path: str) -> list[int]:
        """The numeric ids stored directly under `path` (e.g. every `players/<id>`), sorted."""
        prefix = path.strip("/") + "/"
        if self._bundle is not None:
            names = [key[len(prefix) :] for key in self._bundle if key.startswith(prefix)]
        else:
            folder = self.root / path
            names = [file.stem for file in folder.glob("*.json")] if folder.is_dir() else []
        return sorted(int(name) for name in names if name.isdigit())


def _load_json(file: Path) -> Any:
    try:
        with file.open(encoding="utf-8") as handle:
            return json.load(handle)
    except ValueError as exc:
        raise LeagueApiError(f"not valid JSON: {exc}", url=str(file)) from exc


class PdApi:
    """The Paper Dynasty endpoints (API_SHAPES.md PD-1..PD-5) over any source."""

    league = LeagueCode.PD

    def __init__(self, source: LeagueSource) -> None:
        self.source = source

    def player(self, player_id: int) -> Any:
        return self.source.get_json(f"players/{player_id}", (("csv", False),))

    def batting_ratings(self, player_id: int) -> Any:
        return self.source.get_json(f"battingcardratings/player/{player_id}", (("short_output", False),))

    def pitching_ratings(self, player_id: int) -> Any:
        return self.source.get_json(f"pitchingcardratings/player/{player_id}", (("short_output", False),))

    def card_positions(self, player_id: int) -> Any:
        return self.source.get_json("cardpositions", (("player_id", player_id),))


class SbaApi:
    """The SBA endpoints (API_SHAPES.md SBA-1..SBA-4) over any source; paths are relative to the API prefix."""

    league = LeagueCode.SBA

    def __init__(self, source: LeagueSource) -> None:
        self.source = source

    def teams(self, season: int) -> Any:
        return self.source.get_json("teams", (("season", season),))

    def team(self, team_id: int) -> Any:
        return self.source.get_json(f"teams/{team_id}")

    def roster(self, team_id: int, which: RosterWhich = RosterWhich.CURRENT) -> Any:
        return self.source.get_json(f"teams/{team_id}/roster/{which}")

    def players(self, season: int, team_id: int | None = None) -> Any:
        query: list[tuple[str, QueryValue]] = [("season", season)]
        if team_id is not None:
            query.append(("team_id", team_id))
        return self.source.get_json("players", query)

    def player(self, player_id: int) -> Any:
        return self.source.get_json(f"players/{player_id}", (("short_output", False),))

    def games(self, season: int, week: int) -> Any:
        """One week's game rows, played and unplayed (SBA-4): the schedule."""
        return self.source.get_json("games", (("season", season), ("week", week)))


def _http_source(league: LeagueCode, base_url: str | None, key: str | None, **options: Any) -> HttpSource:
    from django.conf import settings

    config: dict[str, str] = settings.LEAGUE_APIS[league.value]
    options.setdefault("path_prefix", config.get("path_prefix", ""))
    return HttpSource(base_url or config["base_url"], key=config.get("key", "") if key is None else key, **options)


class PdApiClient(PdApi):
    """PD over HTTP; base URL and key default to `settings.LEAGUE_APIS["pd"]`. Options go to `HttpSource`."""

    source: HttpSource

    def __init__(self, *, base_url: str | None = None, key: str | None = None, **options: Any) -> None:
        super().__init__(_http_source(LeagueCode.PD, base_url, key, **options))


class SbaApiClient(SbaApi):
    """SBA over HTTP; base URL, key and `path_prefix` default to `settings.LEAGUE_APIS["sba"]`."""

    source: HttpSource

    def __init__(self, *, base_url: str | None = None, key: str | None = None, **options: Any) -> None:
        super().__init__(_http_source(LeagueCode.SBA, base_url, key, **options))
