"""Selectors behind the lobby: public live and recent games, a manager's teams and open games."""

import pendulum
import pytest
from django.contrib.auth import get_user_model

from games.models import GameStatus, Visibility
from games.selectors import game_list_for_manager, game_list_live, game_list_recent, team_list_managed
from games.tests.factories import GameFactory
from games.tests.live_helpers import demo_game, manager
from leagues.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


def test_live_and_recent_games_are_public_only() -> None:
    live = GameFactory(status=GameStatus.ACTIVE)
    GameFactory(status=GameStatus.ACTIVE, visibility=Visibility.PRIVATE)
    GameFactory(status=GameStatus.PENDING)
    older = GameFactory(status=GameStatus.COMPLETED, finished_at=pendulum.datetime(2026, 1, 1))
    newer = GameFactory(status=GameStatus.FORFEITED, finished_at=pendulum.datetime(2026, 2, 1))
    assert game_list_live() == [live]
    assert game_list_recent() == [newer, older]


def test_empty_lists() -> None:
    assert game_list_live() == []
    assert game_list_recent() == []


def test_manager_games_say_whose_turn_and_what_needs_a_lineup() -> None:
    live = demo_game("pd")
    user = manager(live, "home")
    pending = GameFactory(league=live.league, home_team=live.away_team, away_team=live.home_team, away_is_ai=False)
    GameFactory(league=live.league, home_team=live.home_team, away_team=live.away_team, status=GameStatus.COMPLETED)
    rows = game_list_for_manager(user)
    assert [row.game.pk for row in rows] == [live.pk, pending.pk]  # active first; finished games left out
    assert rows[0].turn in ("you", "opponent")
    assert rows[0].my_team == live.home_team
    assert rows[1].lineup_needed
    assert rows[1].my_team == live.home_team
    assert rows[1].opponent == live.away_team
    assert team_list_managed(user) == [live.home_team]


def test_nobody_manages_nothing() -> None:
    fan = get_user_model().objects.create_user("fan")
    TeamFactory()
    assert game_list_for_manager(fan) == []
    assert team_list_managed(fan) == []


def test_an_idle_game_is_not_live_now(settings) -> None:
    from datetime import timedelta

    from games.models import GameSession
    from scorecard.clock import pendulum_now

    settings.SCORECARD_LIVE_IDLE_MINUTES = 30
    moving, idle = GameFactory(status=GameStatus.ACTIVE), GameFactory(status=GameStatus.ACTIVE)
    GameSession.objects.create(game=moving, last_action_at=pendulum_now() - timedelta(minutes=5))
    GameSession.objects.create(game=idle, last_action_at=pendulum_now() - timedelta(hours=2))
    assert game_list_live() == [moving]
