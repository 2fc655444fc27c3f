"""Closing games nobody touches: a live game with no action for its league's `abandon_after_days` is ended by the
forfeit path (the side the game waits for, the one that left it, forfeits); a game where neither manager ever
moved is marked abandoned, without a winner. Audited; safe to run in several processes at once (the game row is
locked and re-checked, and the forfeit's action id is derived from the game and its version)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q

from games import engine
from games.access import SYSTEM, ai_sides
from games.models import ActionSource, AuditAction, Game, GameAction, GameSession, GameStatus
from games.services.locking import locked_game
from games.services.play import game_apply_action
from games.services.record import audit_record, pitching_lines_write, system_action_id
from games.snapshot import game_state
from leagues.models import League
from outbox.services import GameMoment, outbox_enqueue_for_transition
from scorecard.clock import pendulum_now


def _last_moved(game: Game) -> datetime:
    moved = GameSession.objects.filter(game=game).values_list("last_action_at", flat=True).first()
    return moved or game.started_at or game.created_at


def _idle_games(now: datetime, limit: int) -> list[Any]:
    """Ids of active games whose last action (or start) is older than their league's limit."""
    ids: list[Any] = []
    limits = League.objects.filter(abandon_after_days__gt=0).values_list("pk", "abandon_after_days")
    for league_id, days in limits:
        before = now - timedelta(days=days)
        idle = Game.objects.filter(league_id=league_id, status=GameStatus.ACTIVE, is_locked=False).filter(
            Q(session__last_action_at__lt=before)
            | Q(session__last_action_at__isnull=True, started_at__lt=before)
            | Q(session__isnull=True, started_at__isnull=True, created_at__lt=before)
        )
        ids.extend(idle.values_list("pk", flat=True)[: limit - len(ids)])
        if len(ids) >= limit:
            break
    return ids


def _abandon(game: Game, reason: str) -> None:
    before = GameMoment.of(game)
    game.status = GameStatus.ABANDONED
    game.forfeit_reason = reason
    game.is_locked = True
    game.finished_at = pendulum_now()
    game.save(update_fields=["status", "forfeit_reason", "is_locked", "finished_at"])
    pitching_lines_write(game)
    outbox_enqueue_for_transition(game, before, GameMoment.of(game))


def game_close_if_abandoned(*, game_id: Any, now: datetime | None = None) -> str | None:
    """Closes one game when it is still live, not locked by a commissioner and idle past its league's limit:
    "forfeited" (the side it waits for forfeits) or "abandoned" (nobody ever moved); None when it is not (any more)
    to close."""
    now = now or pendulum_now()
    with transaction.atomic():
        game = locked_game(game_id)
        days = game.league.abandon_after_days
        if game.status != GameStatus.ACTIVE or game.is_locked or not days:
            return None
        if _last_moved(game) >= now - timedelta(days=days):
            return None
        reason = f"no action for {days} day{'s' if days != 1 else ''}"
        state = game_state(game) if game.state else None
        absent = state.actor if state is not None else None
        moved = GameAction.objects.filter(game=game, source=ActionSource.PLAYER).exists()
        if not moved or absent is None or absent in ai_sides(game):
            _abandon(game, f"{reason}; neither manager moved")
            audit_record(actor=SYSTEM, action=AuditAction.ABANDON, game=game, reason=game.forfeit_reason)
            return str(GameStatus.ABANDONED)
        reason = f"{reason}: the {absent.value} side left the game waiting and forfeits"
        game_apply_action(
            game_id=game.pk,
            user=SYSTEM,
            action=engine.Forfeit(absent),
            action_id=system_action_id(game.pk, game.version, "abandoned"),
            expected_version=game.version,
            source=ActionSource.TIMEOUT,
            reason=reason,
        )
        Game.objects.filter(pk=game.pk).update(forfeit_reason=reason)
        audit_record(actor=SYSTEM, action=AuditAction.ABANDON, game=game, reason=reason, side=absent.value)
    return str(GameStatus.FORFEITED)


def game_close_abandoned(*, now: datetime | None = None, limit: int = 100) -> list[str]:
    """Closes every live game idle past its league's `abandon_after_days` (up to `limit` per call); returns what
    became of each one closed ("forfeited" or "abandoned")."""
    now = now or pendulum_now()
    closed = []
    for game_id in _idle_games(now, limit):
        outcome = game_close_if_abandoned(game_id=game_id, now=now)
        if outcome is not None:
            closed.append(outcome)
    return closed
