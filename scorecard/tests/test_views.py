"""The lobby at `/`: signed out and signed in."""

from __future__ import annotations

import pendulum
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from pytest_django.fixtures import Settings

from games.models import GameStatus, Visibility
from games.tests.factories import GameFactory, LineupFactory
from games.tests.live_helpers import demo_game, manager

pytestmark = pytest.mark.django_db


def test_signed_out_lobby_offers_discord_and_lists_public_games(client: Client) -> None:
    live = GameFactory(status=GameStatus.ACTIVE, away_score=3, home_score=1)
    hidden = GameFactory(status=GameStatus.ACTIVE, visibility=Visibility.PRIVATE)
    final = GameFactory(status=GameStatus.COMPLETED, finished_at=pendulum.datetime(2026, 1, 1))
    content = client.get("/").content.decode()
    assert 'action="/accounts/discord/login/?process=login"' in content
    assert "Sign in with Discord" in content
    assert "sign in without Discord" not in content  # DEBUG is off
    assert f'href="/games/{live.pk}/"' in content
    assert f'href="/games/{final.pk}/"' in content
    assert f"/games/{hidden.pk}/" not in content
    assert "Live · Top 1" in content
    assert "No finished games yet." not in content
    assert "My games" not in content


def test_signed_out_lobby_links_the_dev_login_in_debug(client: Client, settings: Settings) -> None:
    settings.DEBUG = True
    content = client.get("/").content.decode()
    assert 'href="/accounts/dev-login/"' in content
    assert "No public games in progress right now." in content
    assert "No finished games yet." in content


def test_signed_in_lobby_shows_my_teams_and_games_with_whose_turn(client: Client) -> None:
    game = demo_game("pd", away_is_ai=True)  # started: the human home side bats second, the AI acts first
    user = manager(game, "home", "skipper")
    pending = GameFactory(league=game.league, home_team=game.home_team, away_team=game.away_team)
    waiting = GameFactory(league=game.league, home_team=game.away_team, away_team=game.home_team)
    LineupFactory(game=waiting, team=game.home_team)
    other = GameFactory(status=GameStatus.PENDING)  # not my team
    client.force_login(user)
    content = client.get("/").content.decode()
    assert "My games" in content
    assert "My teams" in content
    assert game.home_team.name in content
    assert f'href="/games/{game.pk}/">Resume</a>' in content
    assert f'href="/games/{pending.pk}/lineup/?team={game.home_team.pk}">Set lineup</a>' in content
    assert f'href="/games/{waiting.pk}/lineup/?team={game.home_team.pk}">Edit lineup</a>' in content
    assert f"Waiting for {game.away_team.abbreviation}'s lineup" in content
    assert f"/games/{other.pk}/lineup/" not in content
    assert "Sign in with Discord" not in content
    assert 'href="/games/new/"' in content
    # The game is live and public, so it is also listed to watch; whose turn is read from its state.
    assert "Your turn" in content or "The AI is deciding" in content


def test_a_signed_in_user_without_a_team_is_told_how_to_get_one(client: Client) -> None:
    client.force_login(get_user_model().objects.create_user("fan"))
    content = client.get("/").content.decode()
    assert "You do not manage a team yet" in content
    assert "No games in progress." in content
