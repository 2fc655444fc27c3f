"""The team, player and scoreboard pages, linked from the season pages; bad ids and seasons are 404s."""

from __future__ import annotations

import pytest
from django.test import Client

from games.models import Game, GameStatus, Lineup
from games.tests.live_helpers import demo_game
from leagues.models import League, Season
from players.models import Player

pytestmark = pytest.mark.django_db


def test_the_team_page_shows_roster_schedule_and_lines(client: Client, played: tuple[League, Season]) -> None:
    league, season = played
    team = league.teams.order_by("abbreviation").first()
    assert team is not None
    page = client.get(f"/leagues/{league.code}/teams/{team.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    for player in team.players.all():
        assert f'href="/leagues/{league.code}/players/{player.pk}/?season={season.number}">{player.name}</a>' in html
    assert html.count("/games/") >= 2  # the two played games link to their pages
    assert "Schedule and results" in html
    assert f'href="/leagues/{league.code}/teams/{team.pk}/batting.csv?season={season.number}"' in html
    assert '<th scope="col">Available</th>' in html  # the last game's pitchers rest
    assert "rests until week 2" in html
    standings = client.get(f"/leagues/{league.code}/standings/").content.decode()
    schedule = client.get(f"/leagues/{league.code}/schedule/").content.decode()
    link = f'href="/leagues/{league.code}/teams/{team.pk}/?season={season.number}"'
    assert (link in standings, link in schedule) == (True, True)


def test_the_player_page_shows_lines_log_and_splits(client: Client, played: tuple[League, Season]) -> None:
    league, season = played
    batter = Player.objects.get(pk=Lineup.objects.filter(game__season=season, batting_order=1).first().player_id)  # type: ignore[union-attr]
    html = client.get(f"/leagues/{league.code}/players/{batter.pk}/?season={season.number}").content.decode()
    assert "Batting game log" in html
    assert "Batting vs left and right" in html
    assert (
        html.count('<tr><th scope="row"><a href="/games/')
        == Game.objects.filter(season=season, status=GameStatus.COMPLETED, lineups__player=batter).distinct().count()
    )
    leaders = client.get(f"/leagues/{league.code}/leaders/").content.decode()
    assert f"/leagues/{league.code}/players/" in leaders


BAD_PATHS = (
    "/leagues/pd/teams/999999/",
    "/leagues/pd/teams/99999999999999999999999/",
    "/leagues/pd/players/99999999999999999999999/",
    "/leagues/zz/players/1/",
    "/leagues/pd/teams/{team}/?season=abc",
    "/leagues/pd/teams/{team}/?season=77",
    "/leagues/sba/teams/{team}/",
    "/leagues/pd/teams/{team}/runs.csv",
    "/leagues/pd/players/{player}/fielding.csv",
    "/leagues/zz/scoreboard/",
)


def test_bad_ids_and_seasons_are_404(client: Client) -> None:
    game = demo_game()
    League.objects.create(code="sba", name="SBA")
    player = game.home_team.players.first()
    assert player is not None
    for path in BAD_PATHS:
        assert client.get(path.format(team=game.home_team_id, player=player.pk)).status_code == 404, path
    assert client.get(f"/leagues/pd/teams/{game.home_team_id}/?season=%00").status_code == 400


def test_the_scoreboard_page_lists_live_public_games(client: Client) -> None:
    live = demo_game(home_is_ai=True)
    private = demo_game(home_is_ai=True, visibility="private")
    assert live.status == private.status == GameStatus.ACTIVE
    html = client.get(f"/leagues/{live.league.code}/scoreboard/").content.decode()
    assert f'data-game="{live.pk}"' in html
    assert f'data-game="{private.pk}"' not in html
    assert f"{live.away_team.abbreviation} <strong" in html
    assert "scoreboard.js" in html
