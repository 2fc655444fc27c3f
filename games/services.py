"""Writes to games. Commissioner actions lock the game row, change it and record an AuditEntry."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from games.models import AuditAction, AuditEntry, Game, GameStatus
from leagues.models import Team
from leagues.selectors import user_can_commission
from scorecard.clock import pendulum_now

FINISHED = (GameStatus.COMPLETED, GameStatus.FORFEITED)


def _locked_game_for_commissioner(*, game: Game, actor: AbstractBaseUser) -> Game:
    """The game row, locked for update, after checking that `actor` commissions its league."""
    if not user_can_commission(actor, game.league_id):
        raise PermissionDenied(f"{actor} does not commission {game.league}")
    return Game.objects.select_for_update().get(pk=game.pk)


def audit_record(
    *, actor: AbstractBaseUser | None, action: AuditAction, game: Game, reason: str = "", **details: Any
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor, action=action, game=game, league_id=game.league_id, reason=reason, details=details
    )


@transaction.atomic
def game_lock(*, game: Game, actor: AbstractBaseUser, reason: str = "") -> Game:
    """Locks a game so it accepts no actions. Raises PermissionDenied outside the actor's leagues."""
    game = _locked_game_for_commissioner(game=game, actor=actor)
    game.is_locked = True
    game.save(update_fields=["is_locked"])
    audit_record(actor=actor, action=AuditAction.LOCK, game=game, reason=reason)
    return game


@transaction.atomic
def game_unlock(*, game: Game, actor: AbstractBaseUser, reason: str = "") -> Game:
    """Unlocks a game. Raises PermissionDenied outside the actor's leagues; a finished game stays locked."""
    game = _locked_game_for_commissioner(game=game, actor=actor)
    if game.status in FINISHED:
        raise ValidationError(f"{game} is {game.status} and stays locked")
    game.is_locked = False
    game.save(update_fields=["is_locked"])
    audit_record(actor=actor, action=AuditAction.UNLOCK, game=game, reason=reason)
    return game


@transaction.atomic
def game_forfeit(*, game: Game, actor: AbstractBaseUser, reason: str, winner: Team) -> Game:
    """Ends an unfinished game as a forfeit won by `winner` (one of its teams), locks it and audits who and why.

    Raises ValidationError without a reason, for a team not in the game or a finished game; PermissionDenied
    outside the actor's leagues."""
    game = _locked_game_for_commissioner(game=game, actor=actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError("a forfeit needs a reason")
    if winner.pk not in (game.home_team_id, game.away_team_id):
        raise ValidationError(f"{winner} does not play in {game}")
    if game.status in FINISHED:
        raise ValidationError(f"{game} is already {game.status}")
    previous_status = game.status
    game.status = GameStatus.FORFEITED
    game.forfeit_reason = reason
    game.forfeit_winner = winner
    game.is_locked = True
    game.finished_at = pendulum_now()
    game.save(update_fields=["status", "forfeit_reason", "forfeit_winner", "is_locked", "finished_at"])
    audit_record(
        actor=actor,
        action=AuditAction.FORFEIT,
        game=game,
        reason=reason,
        winner=winner.abbreviation,
        previous_status=previous_status,
    )
    return game
