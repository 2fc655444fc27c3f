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


def test_a_teams_and_a_players_season(api_client, played) -> None:
    from leagues.player_selectors import player_season
    from leagues.team_selectors import team_season
    from players.models import Player

    league, season = played
    team = league.teams.order_by("abbreviation").first()
    body = api_client.get(f"/api/teams/{team.pk}/season/").json()
    data = team_season(team, season)
    assert (body["team"]["abbreviation"], body["season"]) == (team.abbreviation, season.number)
    assert [row["name"] for row in body["roster"]] == [row.player.name for row in data.roster]
    assert [(row["week"], row["number"], row["result"]) for row in body["schedule"]] == [
        (row.slot.series.week, row.slot.number, row.result) for row in data.schedule
    ]
    assert [row["game"] is not None for row in body["schedule"]] == [True, True, False, False]
    assert [(row["player_name"], row["h"], row["ops"]) for row in body["batting"]] == [
        (line["player_name"], line["h"], line["ops"]) for line in data.batting
    ]
    assert [(row["player_id"], row["er"], row["wins"]) for row in body["pitching"]] == [
        (line["player_id"], line["er"], line["wins"]) for line in data.pitching
    ]
    pitcher = Player.objects.get(pk=body["pitching"][0]["player_id"])
    player = api_client.get(f"/api/players/{pitcher.pk}/season/", {"season": season.number}).json()
    want = player_season(pitcher, season)
    assert want.pitching is not None
    assert (player["name"], player["pitching"]["outs"]) == (pitcher.name, want.pitching["outs"])
    assert [row["line"]["er"] for row in player["pitching_log"]] == [row.line["er"] for row in want.pitching_log]
    assert [row["split"] for row in player["pitching_splits"]] == [label for label, _ in want.pitching_splits]
    assert sum(row["line"]["pa"] for row in player["pitching_splits"]) == want.pitching["bf"]
    for bad in ("x", "-1", "1" * 40):
        response = api_client.get(f"/api/teams/{team.pk}/season/", {"season": bad})
        assert response.status_code == 400, bad
        assert "season" in response.json()
    assert api_client.get(f"/api/players/{pitcher.pk}/season/?season=%00").status_code == 400
    assert api_client.get(f"/api/players/{pitcher.pk}/season/", {"season": 99}).status_code == 404
    assert api_client.get("/api/teams/99999999999999999999/season/").status_code == 404
    assert api_client.get("/api/players/0/season/").status_code == 404
