"""Abandoned games on PostgreSQL: idle past the league's abandon_after_days, the side the game waits for forfeits
(the forfeit path), a game nobody moved in is closed without a winner, once, and it leaves "Live now"."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from games import engine
from games.models import AuditAction, AuditEntry, Game, GameAction, GameSession, GameStatus
from games.selectors import game_list_live, game_list_recent
from games.services import game_apply_action, game_close_abandoned, game_close_if_abandoned, game_lock
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager, next_body
from scorecard.clock import pendulum_now

pytestmark = pytest.mark.django_db


def _idle(game: Game, days: float) -> None:
    GameSession.objects.filter(game=game).update(last_action_at=pendulum_now() - timedelta(days=days))
    Game.objects.filter(pk=game.pk).update(started_at=pendulum_now() - timedelta(days=days))


def _move(game: Game, user) -> None:
    game.refresh_from_db()
    game_apply_action(
        game_id=game.pk, user=user, action=next_body(game), action_id=uuid.uuid4(), expected_version=game.version
    )


def test_the_side_that_left_the_game_waiting_forfeits_once():
    game = demo_game()
    away, home = manager(game, "away"), manager(game, "home")
    users = {engine.Side.AWAY: away, engine.Side.HOME: home}
    for _ in range(3):
        game.refresh_from_db()
        actor = game_state(game).actor
        assert actor is not None
        _move(game, users[actor])
    game.refresh_from_db()
    waiting = game_state(game).actor
    assert waiting is not None
    _idle(game, 3.5)
    assert game_list_live() == []  # idle games are not live (SCORECARD_LIVE_IDLE_MINUTES) even before closing

    assert game_close_abandoned() == ["forfeited"]
    game.refresh_from_db()
    assert game.status == GameStatus.FORFEITED
    winner = game.home_team if waiting is engine.Side.AWAY else game.away_team
    assert game.forfeit_winner == winner
    assert f"the {waiting.value} side left the game waiting" in game.forfeit_reason
    last = GameAction.objects.filter(game=game).order_by("-version").first()
    assert last is not None
    assert (last.body["kind"], last.source, last.side) == ("forfeit", "timeout", waiting.value)
    assert AuditEntry.objects.filter(game=game, action=AuditAction.ABANDON).count() == 1
    assert game_close_abandoned() == []
    assert game_close_if_abandoned(game_id=game.pk) is None
    assert AuditEntry.objects.filter(game=game, action=AuditAction.ABANDON).count() == 1
    assert game in game_list_recent()


def test_a_game_nobody_moved_in_is_abandoned_without_a_winner():
    game = demo_game(home_is_ai=True)  # the AI answered what it had to; the away manager never moved
    version = game.version
    _idle(game, 4)
    call_command("sweep_games", "--grace", "60")
    game.refresh_from_db()
    assert (game.status, game.forfeit_winner, game.version) == (GameStatus.ABANDONED, None, version)
    assert game.is_locked
    assert game.finished_at is not None
    assert "neither manager moved" in game.forfeit_reason
    assert game in game_list_recent()


def test_a_recent_action_a_league_without_the_limit_and_a_locked_game_stay_open():
    fresh = demo_game()
    _idle(fresh, 2)
    assert game_close_abandoned() == []
    fresh.league.abandon_after_days = 0
    fresh.league.save()
    _idle(fresh, 30)
    assert game_close_abandoned() == []
    fresh.league.abandon_after_days = 3
    fresh.league.save()
    game_lock(game=fresh, actor=User.objects.create_superuser("root", "r@example.com", "x"))
    assert game_close_abandoned() == []
    fresh.refresh_from_db()
    assert fresh.status == GameStatus.ACTIVE


def test_an_action_just_before_the_close_keeps_the_game():
    game = demo_game()
    actor = game_state(game).actor
    assert actor is not None
    user = manager(game, actor.value)
    _idle(game, 5)
    _move(game, user)  # the sweep read the game as idle; under the row lock it is not any more
    assert game_close_if_abandoned(game_id=game.pk) is None
    game.refresh_from_db()
    assert game.status == GameStatus.ACTIVE
    assert game_close_if_abandoned(game_id=game.pk, now=pendulum_now() + timedelta(days=4)) == "forfeited"
