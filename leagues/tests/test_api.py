import pytest

from games.models import GameStatus
from games.tests.factories import GameFactory
from leagues.league_api.records import LeagueCode
from leagues.tests.factories import LeagueFactory, SeasonFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_leagues_by_code(api_client) -> None:
    LeagueFactory(code=LeagueCode.PD)
    LeagueFactory(code=LeagueCode.SBA)
    assert [league["code"] for league in api_client.get("/api/leagues/").json()] == ["pd", "sba"]
    detail = api_client.get("/api/leagues/sba/").json()
    assert detail["name"] == "SBA"
    assert detail["innings"] == 9
    assert api_client.get("/api/leagues/xyz/").status_code == 404


def test_seasons_filter_by_league(api_client) -> None:
    SeasonFactory(league=LeagueFactory(code=LeagueCode.PD), number=3, is_current=True)
    SeasonFactory(league=LeagueFactory(code=LeagueCode.SBA), number=12)
    body = api_client.get("/api/seasons/", {"league": "sba"}).json()
    assert [(row["league"], row["number"]) for row in body["results"]] == [("sba", 12)]
    assert api_client.get("/api/seasons/", {"league": "nope"}).status_code == 400


def test_teams_filter_and_query_count(api_client, django_assert_max_num_queries) -> None:
    sba = LeagueFactory(code=LeagueCode.SBA)
    season = SeasonFactory(league=sba, number=12)
    for _ in range(5):
        TeamFactory(league=sba, season=season)
    TeamFactory(league=LeagueFactory(code=LeagueCode.PD), abbreviation="PDX")
    with django_assert_max_num_queries(3):
        body = api_client.get("/api/teams/", {"league": "sba", "season": 12}).json()
    assert body["count"] == 5
    assert {row["season"] for row in body["results"]} == {12}
    assert body["results"][0]["ballpark"].startswith("Park")
    assert api_client.get("/api/teams/", {"abbreviation": "pdx"}).json()["results"][0]["league"] == "pd"


def _finish(home, away, home_score, away_score, **kwargs):
    return GameFactory(
        league=home.league,
        home_team=home,
        away_team=away,
        home_score=home_score,
        away_score=away_score,
        status=GameStatus.COMPLETED,
        **kwargs,
    )


def test_standings_from_completed_games(api_client, django_assert_max_num_queries) -> None:
    league = LeagueFactory(code=LeagueCode.SBA)
    season = SeasonFactory(league=league, number=7)
    a, b, c = (TeamFactory(league=league, season=season, abbreviation=name) for name in ("AAA", "BBB", "CCC"))
    _finish(a, b, 5, 3, season=season)
    _finish(b, a, 2, 4, season=season)
    _finish(c, b, 1, 0, season=season)
    _finish(a, c, 6, 7, season=season)
    _finish(c, a, 9, 0)  # another season: not counted below
    GameFactory(league=league, home_team=b, away_team=c, home_score=20, season=season)  # pending
    GameFactory(league=league, home_team=b, away_team=c, status=GameStatus.FORFEITED, season=season)
    with django_assert_max_num_queries(5):
        response = api_client.get("/api/standings/", {"league": "sba", "season": 7})
    rows = {row["team"]["abbreviation"]: row for row in response.json()}
    assert [row["team"]["abbreviation"] for row in response.json()] == ["CCC", "AAA", "BBB"]
    assert (rows["CCC"]["wins"], rows["CCC"]["losses"], rows["CCC"]["pct"]) == (2, 0, 1.0)
    assert (rows["AAA"]["wins"], rows["AAA"]["losses"], rows["AAA"]["games_behind"]) == (2, 1, 0.5)
    assert (rows["AAA"]["runs_for"], rows["AAA"]["runs_against"], rows["AAA"]["run_differential"]) == (15, 12, 3)
    assert (rows["BBB"]["wins"], rows["BBB"]["losses"], rows["BBB"]["games_behind"]) == (0, 3, 2.5)
    every_season = {row["team"]["abbreviation"]: row for row in api_client.get("/api/standings/?league=sba").json()}
    assert every_season["CCC"]["wins"] == 3
    assert every_season["AAA"]["losses"] == 2


def test_standings_need_a_known_league_and_season(api_client) -> None:
    LeagueFactory(code=LeagueCode.PD)
    assert api_client.get("/api/standings/").status_code == 400
    assert api_client.get("/api/standings/", {"league": "pd", "season": 99}).status_code == 404
    assert api_client.get("/api/standings/", {"league": "sba"}).status_code == 404
    assert api_client.get("/api/standings/", {"league": "pd"}).json() == []
