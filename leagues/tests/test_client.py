"""HTTP clients against the fake league API: endpoints, auth, retries, timeouts, errors; FileSource equivalence."""

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from leagues.league_api.client import (
    FileSource,
    HttpSource,
    LeagueApiError,
    LeagueApiNotFound,
    PdApi,
    PdApiClient,
    RetryPolicy,
    SbaApi,
    SbaApiClient,
    Timeouts,
)
from leagues.league_api.records import RosterWhich

from .fake_league_api import FIXTURES, PD_ROOT, SBA_PREFIX, SBA_ROOT, Failure, FakeLeagueApi, load_fixture

FAST = RetryPolicy(attempts=3, backoff=0.01, max_backoff=0.02)


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def pd_client(server: FakeLeagueApi, sleeps: Sleeps | None = None, **options: Any) -> PdApiClient:
    options.setdefault("retry", FAST)
    return PdApiClient(base_url=server.pd_url, key="pd-secret", sleep=Sleeps() if sleeps is None else sleeps, **options)


def sba_client(server: FakeLeagueApi, **options: Any) -> SbaApiClient:
    return SbaApiClient(base_url=server.sba_url, key="", path_prefix=SBA_PREFIX, retry=FAST, **options)


def pd_calls(api: PdApi) -> dict[str, Any]:
    return {
        "player": api.player(88101),
        "pitcher": api.player(88102),
        "batting": api.batting_ratings(88101),
        "pitching": api.pitching_ratings(88102),
        "positions": api.card_positions(88101),
        "catcher positions": api.card_positions(88155),
    }


def sba_calls(api: SbaApi) -> dict[str, Any]:
    return {
        "teams": api.teams(13),
        "team": api.team(612),
        "roster": api.roster(612, RosterWhich.CURRENT),
        "players": api.players(13),
        "team players": api.players(13, team_id=612),
        "player": api.player(14021),
    }


def test_pd_endpoints_paths_queries_and_bearer_key(fake_league_api: FakeLeagueApi) -> None:
    calls = pd_calls(pd_client(fake_league_api))
    assert calls["player"] == load_fixture("pd/players/88101.json")
    assert calls["batting"] == load_fixture("pd/battingcardratings/player/88101.json")
    seen = fake_league_api.requests
    assert [request.path for request in seen[:5]] == [
        f"{PD_ROOT}players/88101",
        f"{PD_ROOT}players/88102",
        f"{PD_ROOT}battingcardratings/player/88101",
        f"{PD_ROOT}pitchingcardratings/player/88102",
        f"{PD_ROOT}cardpositions",
    ]
    assert seen[0].query == {"csv": "false"}
    assert seen[2].query == {"short_output": "false"}
    assert seen[4].query == {"player_id": "88101"}
    assert all(request.headers["Authorization"] == "Bearer pd-secret" for request in seen)
    assert all(request.headers["Accept"] == "application/json" for request in seen)


def test_sba_endpoints_use_the_path_prefix_and_send_no_auth_without_a_key(fake_league_api: FakeLeagueApi) -> None:
    calls = sba_calls(sba_client(fake_league_api))
    assert calls["team"] == load_fixture("sba/teams/612.json")
    assert calls["roster"] == load_fixture("sba/teams/612/roster/current.json")
    seen = fake_league_api.requests
    assert seen[0].path == f"{SBA_ROOT}{SBA_PREFIX}teams"
    assert seen[0].query == {"season": "13"}
    assert seen[4].query == {"season": "13", "team_id": "612"}
    assert all("Authorization" not in request.headers for request in seen)


@override_settings(
    LEAGUE_APIS={
        "pd": {"base_url": "http://127.0.0.1:9/pd/api/v2", "key": "k1"},
        "sba": {"base_url": "https://sba.example.com", "key": "k2", "path_prefix": "/api/v3"},
    }
)
def test_clients_read_base_url_key_and_prefix_from_settings() -> None:
    pd = PdApiClient()
    sba = SbaApiClient()
    assert pd.source.url("players/1", (("csv", False),)) == "http://127.0.0.1:9/pd/api/v2/players/1?csv=false"
    assert pd.source.key == "k1"
    assert sba.source.url("teams/5") == "https://sba.example.com/api/v3/teams/5"
    assert sba.source.key == "k2"


def test_a_base_url_without_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="http"):
        HttpSource("pd.manticorum.com/api/v2/")


def test_500_then_success_is_retried_with_backoff(fake_league_api: FakeLeagueApi) -> None:
    target = f"{PD_ROOT}players/88101"
    fake_league_api.fail(target, Failure(status=500), Failure(status=503))
    sleeps = Sleeps()
    assert pd_client(fake_league_api, sleeps).player(88101)["player_id"] == 88101
    assert len(fake_league_api.requests) == 3
    assert sleeps == [0.01, 0.02]


def test_429_honours_retry_after(fake_league_api: FakeLeagueApi) -> None:
    fake_league_api.fail(f"{PD_ROOT}players/88101", Failure(status=429, retry_after="3"))
    sleeps = Sleeps()
    pd_client(fake_league_api, sleeps).player(88101)
    assert sleeps == [3.0]


def test_retry_after_is_capped_and_http_dates_are_understood() -> None:
    policy = RetryPolicy(max_retry_after=10)
    assert policy.delay(1, "3600") == 10
    assert policy.delay(1, "Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert policy.delay(3, "soon") == 2.0


def test_retries_are_bounded(fake_league_api: FakeLeagueApi) -> None:
    target = f"{PD_ROOT}players/88101"
    fake_league_api.fail(target, *[Failure(status=502)] * 5)
    with pytest.raises(LeagueApiError) as caught:
        pd_client(fake_league_api).player(88101)
    assert caught.value.status == 502
    assert caught.value.attempts == 3
    assert caught.value.url == f"{fake_league_api.pd_url}players/88101?csv=false"
    assert "HTTP 502" in str(caught.value)
    assert len(fake_league_api.requests) == 3


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_4xx_is_never_retried(fake_league_api: FakeLeagueApi, status: int) -> None:
    fake_league_api.fail(f"{PD_ROOT}players/88101", Failure(status=status))
    with pytest.raises(LeagueApiError) as caught:
        pd_client(fake_league_api).player(88101)
    assert caught.value.status == status
    assert isinstance(caught.value, LeagueApiNotFound) == (status == 404)
    assert len(fake_league_api.requests) == 1


def test_unknown_resource_is_not_found(fake_league_api: FakeLeagueApi) -> None:
    with pytest.raises(LeagueApiNotFound, match="players/1"):
        pd_client(fake_league_api).player(1)


def test_read_timeout_is_retried(fake_league_api: FakeLeagueApi) -> None:
    fake_league_api.fail(f"{PD_ROOT}players/88101", Failure(delay=1.0))
    client = pd_client(fake_league_api, timeouts=Timeouts(connect=1.0, read=0.2))
    assert client.player(88101)["player_id"] == 88101
    assert len(fake_league_api.requests) == 2


def test_timeouts_every_time_fail_with_the_url(fake_league_api: FakeLeagueApi) -> None:
    fake_league_api.fail(f"{PD_ROOT}players/88101", *[Failure(delay=1.0)] * 2)
    client = pd_client(fake_league_api, timeouts=Timeouts(read=0.1), retry=RetryPolicy(attempts=2, backoff=0))
    with pytest.raises(LeagueApiError, match="timed out") as caught:
        client.player(88101)
    assert caught.value.status is None
    assert caught.value.attempts == 2


def test_hang_up_is_retried(fake_league_api: FakeLeagueApi) -> None:
    fake_league_api.fail(f"{PD_ROOT}players/88101", Failure(disconnect=True))
    assert pd_client(fake_league_api).player(88101)["player_id"] == 88101


def test_connection_refused_is_retried_then_reported() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps = Sleeps()
    client = PdApiClient(base_url=f"http://127.0.0.1:{port}/api/v2/", key="", retry=FAST, sleep=sleeps)
    with pytest.raises(LeagueApiError, match="connection failed") as caught:
        client.player(1)
    assert caught.value.attempts == 3
    assert len(sleeps) == 2


def test_a_body_that_is_not_json_is_an_error(fake_league_api: FakeLeagueApi) -> None:
    fake_league_api.fail(f"{PD_ROOT}players/88101", Failure(status=200, body=b"<html>oops</html>"))
    with pytest.raises(LeagueApiError, match="not JSON"):
        pd_client(fake_league_api).player(88101)


def test_file_source_equals_http_source(fake_league_api: FakeLeagueApi) -> None:
    assert pd_calls(PdApi(FileSource(FIXTURES / "pd"))) == pd_calls(pd_client(fake_league_api))
    assert sba_calls(SbaApi(FileSource(FIXTURES / "sba"))) == sba_calls(sba_client(fake_league_api))


def test_bundle_file_equals_directory(tmp_path: Path) -> None:
    directory = FileSource(FIXTURES / "sba")
    bundle = {
        FileSource.key(path[: -len(".json")]): json.loads(file.read_text())
        for file in (FIXTURES / "sba").rglob("*.json")
        for path in [str(file.relative_to(FIXTURES / "sba"))]
    }
    bundle_file = tmp_path / "sba.json"
    bundle_file.write_text(json.dumps(bundle))
    assert sba_calls(SbaApi(FileSource(bundle_file))) == sba_calls(SbaApi(directory))
    assert FileSource(bundle_file).ids("players") == directory.ids("players") == [14021]
    with pytest.raises(LeagueApiNotFound, match=r"sba\.json#players/5"):
        SbaApi(FileSource(bundle_file)).player(5)


def test_file_source_lists_ids_and_reports_missing_files() -> None:
    source = FileSource(FIXTURES / "pd")
    assert source.ids("players") == [88101, 88102]
    with pytest.raises(LeagueApiNotFound, match=r"players/5\.json"):
        PdApi(source).player(5)
    with pytest.raises(LeagueApiError, match="no such file or directory"):
        FileSource(FIXTURES / "nowhere")


def test_file_source_reports_bad_json(tmp_path: Path) -> None:
    (tmp_path / "players").mkdir()
    (tmp_path / "players" / "1.json").write_text("{not json")
    with pytest.raises(LeagueApiError, match="not valid JSON"):
        PdApi(FileSource(tmp_path)).player(1)
