"""Fetch-and-parse of whole PD players and SBA seasons, from files and over HTTP."""

import json
import shutil
from pathlib import Path

import pytest

from leagues.league_api.client import FileSource, LeagueApiError, PdApi, PdApiClient, RetryPolicy, SbaApi, SbaApiClient
from leagues.league_api.fetch import fetch_pd_player, fetch_sba_season, iter_pd_players
from leagues.league_api.records import LeaguePosition, RosterSection, Severity

from .fake_league_api import FIXTURES, PD_ROOT, SBA_PREFIX, Failure, FakeLeagueApi

PD_FILES = PdApi(FileSource(FIXTURES / "pd"))
SBA_FILES = SbaApi(FileSource(FIXTURES / "sba"))


def test_batter_with_positions() -> None:
    fetched = fetch_pd_player(PD_FILES, 88101)
    assert fetched.problems == ()
    assert fetched.player is not None
    assert fetched.player.name == "Rusty Calloway"
    assert [card.id for card in fetched.batting_cards] == [30517]
    assert fetched.pitching_cards == ()
    assert [row.position for row in fetched.positions] == [
        LeaguePosition.SECOND_BASE,
        LeaguePosition.SHORTSTOP,
        LeaguePosition.THIRD_BASE,
    ]


def test_pitcher_without_batting_card_or_positions() -> None:
    fetched = fetch_pd_player(PD_FILES, 88102)
    assert fetched.problems == ()
    assert [card.id for card in fetched.pitching_cards] == [20871]
    assert (fetched.batting_cards, fetched.positions) == ((), ())


def test_missing_player_is_a_problem_and_the_others_still_come() -> None:
    fetched = list(iter_pd_players(PD_FILES, [88101, 5, 88102]))
    assert [bool(item.player) for item in fetched] == [True, False, True]
    (problem,) = fetched[1].problems
    assert (problem.record_id, problem.source) == ("5", "pd players/5")


def test_records_of_another_player_are_dropped_and_reported(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "pd", tmp_path / "pd")
    shutil.copy(
        FIXTURES / "pd" / "cardpositions" / "player_id=88155.json",
        tmp_path / "pd" / "cardpositions" / "player_id=88101.json",
    )
    fetched = fetch_pd_player(PdApi(FileSource(tmp_path / "pd")), 88101)
    assert fetched.positions == ()
    assert {(problem.record_id, problem.message) for problem in fetched.problems} == {
        ("88155", "belongs to player 88155, not 88101")
    }


def test_player_without_cards_is_noted(tmp_path: Path) -> None:
    (tmp_path / "players").mkdir()
    player = json.loads((FIXTURES / "pd" / "players" / "88101.json").read_text())
    (tmp_path / "players" / "88101.json").write_text(json.dumps(player))
    (note,) = fetch_pd_player(PdApi(FileSource(tmp_path)), 88101).problems
    assert note.severity is Severity.NOTE


def test_a_bad_player_payload_reports_its_fields(tmp_path: Path) -> None:
    (tmp_path / "players").mkdir()
    (tmp_path / "players" / "7.json").write_text(json.dumps({"player_id": 7}))
    fetched = fetch_pd_player(PdApi(FileSource(tmp_path)), 7)
    assert fetched.player is None
    assert {problem.field for problem in fetched.problems} == {"p_name", "cardset"}


def test_over_http_equals_from_files(fake_league_api: FakeLeagueApi) -> None:
    http = PdApiClient(base_url=fake_league_api.pd_url, key="")
    assert fetch_pd_player(http, 88101) == fetch_pd_player(PD_FILES, 88101)
    sba = SbaApiClient(base_url=fake_league_api.sba_url, key="", path_prefix=SBA_PREFIX)
    assert fetch_sba_season(sba, 13, rosters=True) == fetch_sba_season(SBA_FILES, 13, rosters=True)


def test_an_unreachable_league_stops_the_fetch(fake_league_api: FakeLeagueApi) -> None:
    fake_league_api.fail(f"{PD_ROOT}battingcardratings/player/88101", *[Failure(status=503)] * 2)
    http = PdApiClient(base_url=fake_league_api.pd_url, key="", retry=RetryPolicy(attempts=2, backoff=0))
    with pytest.raises(LeagueApiError, match="503"):
        fetch_pd_player(http, 88101)


def test_sba_season() -> None:
    season = fetch_sba_season(SBA_FILES, 13, rosters=True)
    assert season.problems == ()
    assert [team.abbrev for team in season.teams] == ["HCG"]
    assert [player.id for player in season.players] == [14021, 14022, 14023]
    assert [(roster.section, len(roster.players)) for roster in season.rosters] == [
        (RosterSection.ACTIVE, 2),
        (RosterSection.SHORT_IL, 1),
        (RosterSection.LONG_IL, 0),
    ]
    assert fetch_sba_season(SBA_FILES, 13).rosters == ()


def test_sba_players_of_another_season_or_team_are_reported(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "sba", tmp_path / "sba")
    listing = tmp_path / "sba" / "players" / "season=13.json"
    payload = json.loads(listing.read_text())
    payload["players"][0]["season"] = 12
    payload["players"][1]["team"] = 999
    listing.write_text(json.dumps(payload))
    (tmp_path / "sba" / "teams" / "612" / "roster" / "current.json").unlink()
    season = fetch_sba_season(SbaApi(FileSource(tmp_path / "sba")), 13, rosters=True)
    assert [player.id for player in season.players] == [14023]
    assert [(problem.record_id, problem.field, problem.severity) for problem in season.problems] == [
        ("14021", "season", Severity.ERROR),
        ("14022", "team", Severity.ERROR),
        ("612", None, Severity.NOTE),
    ]
