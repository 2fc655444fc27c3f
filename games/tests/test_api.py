import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from games import engine
from games.engine import gamelog
from games.engine.dice import ReplayDice
from games.engine.serialize import state_to_dict
from games.models import Game, GameStatus, Lineup, Visibility
from games.selectors import game_box_score, lineup_suggest
from games.tests.factories import GameFactory, LineupFactory, PlayFactory
from games.tests.live_helpers import demo_game, load_two_teams
from games.tests.live_helpers import manager as live_manager
from leagues.league_api.records import LeagueCode
from leagues.models import LeagueCommissioner
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
    assert game.season is not None
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
    assert response.json()["lineup"] == ["needs nine batters in batting order 1-9, each once"]
    stranger = TeamFactory(league=pd)
    refused = api_client.post(url, {"team": stranger.pk, "starters": slots}, format="json")
    assert (refused.status_code, list(refused.json())) == (400, ["team"])
    outsider = [{**slots[0], "player": PlayerFactory(league=pd, team=stranger).pk}, *slots[1:]]
    assert (
        "is not on" in api_client.post(url, {"team": team.pk, "starters": outsider}, format="json").json()["slot 1"][0]
    )
    wrong_card = [*slots[:9], {**slots[9], "card": CardFactory(player__league=pd).pk}]
    errors = api_client.post(url, {"team": team.pk, "starters": wrong_card}, format="json").json()
    assert "is not one of" in errors["entry 10"][0]
    game.status = GameStatus.ACTIVE
    game.save()
    assert "game" in api_client.post(url, {"team": team.pk, "starters": slots}, format="json").json()
    assert Lineup.objects.count() == 0


def suggested(game, team):
    return [
        {"player": e.player_id, "card": e.card_id, "position": e.position, "batting_order": e.batting_order}
        for e in lineup_suggest(game=game, team=team)
    ]


def test_league_token_schedules_sets_lineups_and_starts_a_pd_game(token_client) -> None:
    league = load_two_teams("pd")
    away, home = league.teams.order_by("abbreviation")[:2]
    tool = token_client(UserFactory(), league=league)
    cardsets = list(league.cardsets.values_list("pk", flat=True))
    body = {"league": "pd", "home_team": home.pk, "away_team": away.pk, "cardsets": cardsets}
    assert tool.post("/api/games/", {**body, "cardsets": [*cardsets, 999999]}, format="json").status_code == 400
    created = tool.post("/api/games/", body, format="json")
    assert created.status_code == 201, created.json()
    game = Game.objects.get(pk=created.json()["id"])
    assert game.cardset_links.count() == len(cardsets)
    assert game.roster_links.filter(team=home).exists()
    start = f"/api/games/{game.pk}/start/"
    assert tool.post(start).status_code == 400
    for team in (away, home):
        response = tool.post(f"/api/games/{game.pk}/lineups/", {"team": team.pk, "starters": suggested(game, team)},
                             format="json")  # fmt: skip
        assert response.status_code == 201, response.json()
    game.refresh_from_db()
    assert game.status == GameStatus.ACTIVE  # the second lineup starts the game, as in the browser
    assert tool.post(start).status_code == 409
    assert token_client(UserFactory(), league=LeagueFactory(code=LeagueCode.SBA)).post(start).status_code == 403


def test_only_the_games_people_start_it(api_client) -> None:
    game = demo_game(start=False)
    url = f"/api/games/{game.pk}/start/"
    assert api_client.post(url).status_code == 401
    api_client.force_authenticate(UserFactory())
    assert api_client.post(url).status_code == 403
    api_client.force_authenticate(live_manager(game, "home"))
    assert api_client.post(url).json()["status"] == "active"


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


def test_box_and_line_score_of_a_game_played_through_the_services(api_client) -> None:
    game = demo_game(home_is_ai=True, away_is_ai=True)
    assert game.status == GameStatus.COMPLETED
    box = api_client.get(f"/api/games/{game.pk}/boxscore/").json()
    away, home = box["teams"]["away"], box["teams"]["home"]
    assert (away["line"]["runs"], home["line"]["runs"]) == (game.away_score, game.home_score)
    assert (away["team"]["id"], home["team"]["abbreviation"]) == (game.away_team_id, game.home_team.abbreviation)
    assert sum(line["r"] for line in home["pitching"]) == game.away_score
    assert sum(line["r"] for line in away["batting"]) == game.away_score
    winner, loser = (home, away) if game.home_score > game.away_score else (away, home)
    decisions = box["decisions"]
    assert [line["player"] for line in winner["pitching"] if line["decision"] == "W"] == [decisions["win"]]
    assert [line["player"] for line in loser["pitching"] if line["decision"] == "L"] == [decisions["loss"]]
    first = away["batting"][0]
    assert Lineup.objects.get(pk=first["lineup"]).player_id == int(first["player"])
    line = api_client.get(f"/api/games/{game.pk}/linescore/").json()
    assert line == {"away": away["line"], "home": home["line"]}
    assert sum(runs or 0 for runs in line["home"]["innings"]) == game.home_score


def test_box_score_of_a_game_without_lineups_is_empty(api_client, pd) -> None:
    game = GameFactory(league=pd)
    box = api_client.get(f"/api/games/{game.pk}/boxscore/").json()
    assert box["teams"]["home"]["line"] == {
        "name": game.home_team.abbreviation,
        "innings": [],
        "runs": 0,
        "hits": 0,
        "errors": 0,
        "left_on_base": 0,
    }
    assert (box["teams"]["away"]["batting"], box["decisions"]["win"]) == ([], None)


def test_game_log_parses_back_to_the_stored_game(api_client) -> None:
    game = demo_game(home_is_ai=True, away_is_ai=True)
    response = api_client.get(f"/api/games/{game.pk}/log/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="game-{game.pk}.log"'
    log = gamelog.parse(response.content.decode())
    book = gamelog.Scorebook(log.setup)
    for turn in log.turns:
        dice = ReplayDice(turn.rolls)
        for action in turn.actions:
            book.play(action, dice)
    assert state_to_dict(book.state) == game.state
    assert len(log.plays) == game.plays.count()


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


def test_season_pitching_shows_the_box_scores_earned_runs(api_client) -> None:
    games = [demo_game(home_is_ai=True, away_is_ai=True) for _ in range(3)]
    assert all(game.status == GameStatus.COMPLETED for game in games)
    rows = api_client.get("/api/stats/pitching/", {"league": "pd"}).json()
    boxes = [game_box_score(game=game) for game in games]
    earned = sum(line.er for box in boxes if box is not None for side in engine.Side for line in box.pitching(side))
    assert earned > 0
    assert sum(row["er"] for row in rows) == earned
    for row in rows:
        assert row["era"] == (round(27 * row["er"] / row["outs"], 2) if row["outs"] else None)
    assert api_client.get("/api/stats/pitching/", {"league": "sba"}).status_code == 404


# -- hostile input -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cursor", ["cD1hYmM=", "cD0tMQ==", "cD05OTk5OTk5OTk5OTk5OQ==", "not-base64!"])
def test_a_bad_plays_cursor_is_a_400(api_client, pd, cursor) -> None:
    """`cD1hYmM=` is base64 of `p=abc`; `p=-1`, `p=99999999999999` and garbage too."""
    game = GameFactory(league=pd)
    response = api_client.get(f"/api/games/{game.pk}/plays/", {"cursor": cursor})
    assert response.status_code == 400, response.content
    assert "cursor" in response.json()


def test_a_nul_byte_in_a_lookup_or_a_filter_is_a_400(api_client, pd) -> None:
    for url in ("/api/leagues/%00/", "/api/teams/?name=a%00b", "/api/games/?league=%00"):
        response = api_client.get(url)
        assert response.status_code == 400, url
        assert response.json()["error"] == "bad_request"


def test_an_events_version_of_five_thousand_digits_is_a_400(client) -> None:
    game = GameFactory(visibility=Visibility.PUBLIC)
    for after in ("9" * 5_000, "99999999999", "٣", "-1"):
        response = client.get(f"/games/{game.pk}/events.json", {"after": after})
        assert response.status_code == 400, after
        assert response.json()["error"] == "bad_request"
    assert client.get(f"/games/{game.pk}/events.json", {"after": "0"}).status_code == 200


def test_a_league_token_reads_no_other_league_s_private_game_through_its_user(token_client, pd, sba) -> None:
    game = GameFactory(league=sba, visibility=Visibility.PRIVATE)
    own = GameFactory(league=pd, visibility=Visibility.PRIVATE)
    public = GameFactory(league=sba, visibility=Visibility.PUBLIC)
    user = commissioner(sba)
    LeagueCommissioner.objects.create(user=user, league=pd)
    client = token_client(user, league=pd)
    assert client.get(f"/api/games/{game.pk}/").status_code == 404
    assert client.get(f"/api/games/{game.pk}/plays/").status_code == 404
    assert {g["id"] for g in client.get("/api/games/").json()["results"]} == {str(own.pk), str(public.pk)}
    root = get_user_model().objects.create_superuser("root-token")
    assert token_client(root, league=pd).get(f"/api/games/{game.pk}/").status_code == 404
    # The same user without a token scope (an unscoped token) still reads it.
    assert token_client(user).get(f"/api/games/{game.pk}/").status_code == 200
