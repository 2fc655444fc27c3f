import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from games.models import Game, GameStatus, Lineup, Visibility
from games.tests.factories import GameFactory, LineupFactory, PlayFactory
from leagues.models import LeagueCode, LeagueCommissioner
from leagues.tests.factories import LeagueFactory, SeasonFactory, TeamFactory, UserFactory
from players.tests.factories import CardFactory, PlayerFactory

pytestmark = pytest.mark.django_db

POSITIONS = ["C", "1B", "2B", "3B", "SS", "LF", "CF", "RF", "DH"]


@pytest.fixture
def pd():
    return LeagueFactory(code=LeagueCode.PD)


@pytest.fixture
def sba():
    return LeagueFactory(code=LeagueCode.SBA)


def commissioner(league):
    user = UserFactory()
    LeagueCommissioner.objects.create(user=user, league=league)
    return user


def manager(team):
    user = UserFactory()
    team.managers.add(user)
    return user


def when(day: int) -> dt.datetime:
    return dt.datetime(2026, 5, day, 12, tzinfo=dt.UTC)


# -- list, detail, filters, visibility ---------------------------------------------------------------------------


def test_game_list_filters(api_client, pd, sba, django_assert_max_num_queries) -> None:
    season = SeasonFactory(league=pd, number=4)
    home, away, other = (TeamFactory(league=pd) for _ in range(3))
    done = GameFactory(
        league=pd,
        season=season,
        home_team=home,
        away_team=away,
        status=GameStatus.COMPLETED,
        created_at=when(1),
        finished_at=when(2),
    )
    live = GameFactory(league=pd, home_team=other, away_team=home, status=GameStatus.ACTIVE, created_at=when(5))
    pending = GameFactory(league=pd, home_team=away, away_team=other, created_at=when(9))
    sba_game = GameFactory(league=sba, created_at=when(3))

    def ids(**query):
        return {row["id"] for row in api_client.get("/api/games/", query).json()["results"]}

    with django_assert_max_num_queries(3):
        assert ids() == {str(g.pk) for g in (done, live, pending, sba_game)}
    assert ids(league="sba") == {str(sba_game.pk)}
    assert ids(season=4) == {str(done.pk)}
    assert ids(team=home.pk) == {str(done.pk), str(live.pk)}
    assert ids(status="active") == {str(live.pk)}
    assert ids(created_after="2026-05-03T00:00:00Z", created_before="2026-05-06T00:00:00Z") == {
        str(live.pk),
        str(sba_game.pk),
    }
    assert ids(finished_after="2026-05-02T00:00:00Z") == {str(done.pk)}
    assert ids(finished_before="2026-05-02T00:00:00Z") == set()
    assert ids(created_after="2026-05-05T20:00:00+20:00") == {str(live.pk), str(pending.pk)}
    assert api_client.get("/api/games/", {"status": "bogus"}).status_code == 400
    assert api_client.get("/api/games/", {"finished_before": "0001-01-01T00:00:00+05:00"}).status_code == 400
    detail = api_client.get(f"/api/games/{done.pk}/").json()
    assert (detail["league"], detail["season"], detail["home_team"]["id"]) == ("pd", 4, home.pk)


def test_private_games_only_for_their_people(api_client, token_client, pd, sba) -> None:
    game = GameFactory(league=pd, visibility=Visibility.PRIVATE)
    url = f"/api/games/{game.pk}/"
    assert api_client.get(url).status_code == 404
    assert api_client.get("/api/games/").json()["count"] == 0
    for user in (manager(game.away_team), commissioner(pd), get_user_model().objects.create_superuser("root")):
        api_client.force_authenticate(user)
        assert api_client.get(url).status_code == 200
        assert api_client.get("/api/games/").json()["count"] == 1
    api_client.force_authenticate(None)
    api_client.force_authenticate(commissioner(sba))
    assert api_client.get(url).status_code == 404
    api_client.force_authenticate(None)
    assert token_client(UserFactory(), league=pd).get(url).status_code == 200
    assert token_client(UserFactory(), league=sba).get(url).status_code == 404


# -- scheduling ------------------------------------------------------------------------------------------------


@pytest.fixture
def schedule(pd):
    home, away = TeamFactory(league=pd), TeamFactory(league=pd)
    return {"league": "pd", "home_team": home.pk, "away_team": away.pk}


def test_commissioner_schedules_a_pending_game(api_client, pd, schedule) -> None:
    SeasonFactory(league=pd, number=2)
    api_client.force_authenticate(commissioner(pd))
    response = api_client.post("/api/games/", {**schedule, "season": 2, "visibility": "private"}, format="json")
    assert response.status_code == 201, response.json()
    game = Game.objects.get(pk=response.json()["id"])
    assert (game.status, game.visibility, game.season.number) == (GameStatus.PENDING, "private", 2)
    assert game.session is not None


def test_league_token_schedules_and_other_league_token_is_refused(token_client, pd, sba, schedule) -> None:
    user = commissioner(pd)
    assert token_client(user, league=sba).post("/api/games/", schedule, format="json").status_code == 403
    assert token_client(UserFactory(), league=pd).post("/api/games/", schedule, format="json").status_code == 201


def test_scheduling_refusals(api_client, pd, sba, schedule) -> None:
    assert api_client.post("/api/games/", schedule, format="json").status_code == 401
    api_client.force_authenticate(manager(TeamFactory(league=pd)))
    assert api_client.post("/api/games/", schedule, format="json").status_code == 403
    api_client.force_authenticate(commissioner(sba))
    assert api_client.post("/api/games/", schedule, format="json").status_code == 403
    api_client.force_authenticate(commissioner(pd))
    foreign = TeamFactory(league=sba)
    response = api_client.post("/api/games/", {**schedule, "away_team": foreign.pk}, format="json")
    assert response.status_code == 400
    assert "away_team" in response.json()
    same = {**schedule, "away_team": schedule["home_team"]}
    assert api_client.post("/api/games/", same, format="json").status_code == 400
    assert api_client.post("/api/games/", {**schedule, "season": 9}, format="json").status_code == 404
    assert api_client.post("/api/games/", {"league": "pd"}, format="json").status_code == 400
    assert Game.objects.count() == 0


# -- lineups ---------------------------------------------------------------------------------------------------


def starters(league, team):
    players = [PlayerFactory(league=league, team=team) for _ in range(10)]
    slots = [
        {"player": player.pk, "position": position, "batting_order": order}
        for order, (player, position) in enumerate(zip(players, POSITIONS, strict=False), start=1)
    ]
    card = CardFactory(player=players[9])
    return [*slots, {"player": players[9].pk, "card": card.pk, "position": "P", "batting_order": None}]


def test_manager_sets_own_lineup(api_client, pd) -> None:
    game = GameFactory(league=pd)
    team = game.home_team
    api_client.force_authenticate(manager(team))
    body = {"team": team.pk, "starters": starters(pd, team)}
    response = api_client.post(f"/api/games/{game.pk}/lineups/", body, format="json")
    assert response.status_code == 201, response.json()
    assert len(response.json()) == 10
    again = api_client.post(f"/api/games/{game.pk}/lineups/", body, format="json")
    assert again.status_code == 201
    assert Lineup.objects.filter(game=game, team=team).count() == 10
    rows = api_client.get(f"/api/games/{game.pk}/lineups/").json()
    assert [row["batting_order"] for row in rows] == [*range(1, 10), None]
    assert rows[-1]["position"] == "P"


def test_lineup_refusals(api_client, token_client, pd, sba) -> None:
    game = GameFactory(league=pd)
    team = game.home_team
    url = f"/api/games/{game.pk}/lineups/"
    body = {"team": team.pk, "starters": starters(pd, team)}
    assert api_client.post(url, body, format="json").status_code == 401
    api_client.force_authenticate(manager(game.away_team))
    assert api_client.post(url, body, format="json").status_code == 403
    api_client.force_authenticate(commissioner(sba))
    assert api_client.post(url, body, format="json").status_code == 403
    api_client.force_authenticate(None)
    assert token_client(manager(team), league=sba).post(url, body, format="json").status_code == 403
    assert token_client(UserFactory(), league=pd).post(url, body, format="json").status_code == 201


def test_lineup_validation(api_client, pd) -> None:
    game = GameFactory(league=pd)
    team = game.home_team
    api_client.force_authenticate(commissioner(pd))
    url = f"/api/games/{game.pk}/lineups/"
    slots = starters(pd, team)
    twice = [*slots[:8], {**slots[8], "batting_order": 1}, slots[9]]
    response = api_client.post(url, {"team": team.pk, "starters": twice}, format="json")
    assert response.status_code == 400
    assert "batting_order" in response.json()
    stranger = TeamFactory(league=pd)
    assert api_client.post(url, {"team": stranger.pk, "starters": slots}, format="json").status_code == 400
    wrong_card = [*slots[:9], {**slots[9], "card": CardFactory(player__league=pd).pk}]
    assert "card" in api_client.post(url, {"team": team.pk, "starters": wrong_card}, format="json").json()
    game.status = GameStatus.ACTIVE
    game.save()
    assert "game" in api_client.post(url, {"team": team.pk, "starters": slots}, format="json").json()
    assert Lineup.objects.count() == 0


# -- plays, box score, line score, log ---------------------------------------------------------------------------


def test_plays_cursor_pages(api_client, pd, django_assert_max_num_queries) -> None:
    game = GameFactory(league=pd)
    batter = LineupFactory(game=game, team=game.away_team)
    pitcher = LineupFactory(game=game, team=game.home_team, position="P", batting_order=None)
    for number in range(1, 121):
        PlayFactory(game=game, play_number=number, batter=batter, pitcher=pitcher)
    numbers = []
    url = f"/api/games/{game.pk}/plays/"
    while url:
        with django_assert_max_num_queries(3):
            body = api_client.get(url).json()
        numbers += [play["play_number"] for play in body["results"]]
        url = body["next"]
    assert numbers == list(range(1, 121))
    first = api_client.get(f"/api/games/{game.pk}/plays/", {"page_size": 10}).json()["results"][0]
    assert (first["batter_name"], first["pitcher_name"]) == (batter.player.name, pitcher.player.name)


@pytest.fixture
def played(pd):
    """Two innings, hand-scored: the away side scores twice in the first, the home side once in the second."""
    season = SeasonFactory(league=pd, number=1)
    game = GameFactory(league=pd, season=season, status=GameStatus.COMPLETED, away_score=2, home_score=1)
    a1, a2 = (LineupFactory(game=game, team=game.away_team, batting_order=n, position="CF") for n in (1, 2))
    h1 = LineupFactory(game=game, team=game.home_team, batting_order=1, position="LF")
    hp = LineupFactory(game=game, team=game.home_team, position="P", batting_order=None)
    ap = LineupFactory(game=game, team=game.away_team, position="P", batting_order=None)
    top = {"game": game, "half": "top", "pitcher": hp}
    bottom = {"game": game, "half": "bottom", "pitcher": ap}
    PlayFactory(**top, inning=1, play_number=1, batter=a1, pa=1, ab=1, hit=1, double=1, batter_final=2)
    PlayFactory(**top, inning=1, play_number=2, batter=a2, on_second=a1, pa=1, ab=1, hit=1, homerun=1, rbi=2, runs=2,
                earned_runs=2, on_second_final=4, batter_final=4)  # fmt: skip
    PlayFactory(**top, inning=1, play_number=3, batter=a1, pa=1, ab=1, so=1, outs=1)
    PlayFactory(**top, inning=1, play_number=4, batter=a2, pa=1, bb=1, batter_final=1)
    PlayFactory(**top, inning=1, play_number=5, batter=a1, on_first=a2, pa=1, ab=1, outs=2, gidp=1, on_first_final=0)
    PlayFactory(**bottom, inning=1, play_number=6, batter=h1, pa=1, ab=1, outs=1, error=0)
    PlayFactory(**bottom, inning=1, play_number=7, batter=h1, pa=1, ab=1, outs=1)
    PlayFactory(**bottom, inning=1, play_number=8, batter=h1, pa=1, ab=1, outs=1)
    PlayFactory(**top, play_number=9, inning=2, batter=a2, pa=1, ab=1, batter_final=1, error=1)
    PlayFactory(**top, play_number=10, inning=2, batter=a1, on_first=a2, pa=1, ab=1, outs=1, on_first_final=2)
    PlayFactory(**top, play_number=11, inning=2, batter=a2, on_second=a2, pa=1, ab=1, outs=2, on_second_final=3)
    PlayFactory(**bottom, inning=2, play_number=12, batter=h1, pa=1, ab=1, hit=1, homerun=1, rbi=1, runs=1,
                earned_runs=1, batter_final=4)  # fmt: skip
    PlayFactory(**bottom, inning=2, play_number=13, batter=h1, pa=1, ab=1, outs=3)
    return game


def test_line_score(api_client, played) -> None:
    line = api_client.get(f"/api/games/{played.pk}/linescore/").json()
    assert line["away"] == {
        "name": played.away_team.abbreviation,
        "innings": [2, 0],
        "runs": 2,
        "hits": 2,
        "errors": 0,
        "left_on_base": 1,
    }
    assert (line["home"]["innings"], line["home"]["runs"], line["home"]["hits"], line["home"]["errors"]) == (
        [0, 1],
        1,
        1,
        1,
    )


def test_box_score(api_client, played, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(4):
        box = api_client.get(f"/api/games/{played.pk}/boxscore/").json()
    away = box["teams"]["away"]
    first, second = away["batting"]
    assert (first["ab"], first["h"], first["doubles"], first["r"], first["so"]) == (4, 1, 1, 1, 1)
    assert (second["ab"], second["h"], second["hr"], second["rbi"], second["r"], second["bb"]) == (3, 1, 1, 2, 1, 1)
    [home_pitcher] = box["teams"]["home"]["pitching"]
    assert (home_pitcher["ip"], home_pitcher["h"], home_pitcher["r"], home_pitcher["er"]) == ("2.0", 2, 2, 2)
    assert (home_pitcher["bb"], home_pitcher["so"], home_pitcher["hr"], home_pitcher["bf"]) == (1, 1, 1, 8)
    [away_pitcher] = away["pitching"]
    assert (away_pitcher["ip"], away_pitcher["er"]) == ("2.0", 1)
    assert box["decisions"] == {"win": None, "loss": None, "save": None}


def test_game_log_without_recorded_actions_is_404(api_client, played) -> None:
    response = api_client.get(f"/api/games/{played.pk}/log/")
    assert response.status_code == 404
    assert "no recorded actions" in response.json()["detail"]


def test_unknown_game_is_404(api_client) -> None:
    assert api_client.get("/api/games/00000000-0000-0000-0000-000000000000/boxscore/").status_code == 404


# -- season statistics -----------------------------------------------------------------------------------------


def test_season_batting(api_client, played, django_assert_max_num_queries) -> None:
    GameFactory(league=played.league, season=played.season)  # pending: its plays would not count
    with django_assert_max_num_queries(3):
        rows = api_client.get("/api/stats/batting/", {"league": "pd", "season": 1}).json()
    by_name = {row["player_name"]: row for row in rows}
    a2 = by_name[Lineup.objects.get(game=played, team=played.away_team, batting_order=2).player.name]
    assert (a2["pa"], a2["ab"], a2["h"], a2["hr"], a2["bb"]) == (4, 3, 1, 1, 1)
    assert (a2["avg"], a2["obp"], a2["slg"]) == (0.333, 0.5, 1.333)
    h1 = by_name[Lineup.objects.get(game=played, team=played.home_team, batting_order=1).player.name]
    assert (h1["pa"], h1["ab"], h1["h"], h1["avg"], h1["slg"]) == (5, 5, 1, 0.2, 0.8)
    assert [row["pa"] for row in rows] == sorted((row["pa"] for row in rows), reverse=True)


def test_season_pitching(api_client, played) -> None:
    rows = api_client.get("/api/stats/pitching/", {"league": "pd"}).json()
    home = next(
        row for row in rows if row["player_id"] == played.lineups.get(team=played.home_team, position="P").player_id
    )
    assert (home["outs"], home["ip"], home["h"], home["er"], home["bb"], home["so"]) == (6, "2.0", 2, 2, 1, 1)
    assert (home["era"], home["whip"]) == (9.0, 1.5)
    assert api_client.get("/api/stats/pitching/", {"league": "sba"}).status_code == 404
