"""Commissioners' writes: lock, unlock, forfeit, recompute a game from its actions, correct a submitted result.
Each locks the game row and records an AuditEntry."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from games import engine
from games.access import User, is_commissioner
from games.engine.serialize import action_to_dict, event_to_dict, rolls_to_list, state_to_dict
from games.errors import Forbidden, IllegalActionError
from games.events import broadcast_correction, forget_actions
from games.models import FINISHED_STATUSES, AuditAction, Game, GameAction, GameStatus, Play
from games.selectors.replay import ReplayReport, game_replay_check, replay_actions
from games.services.locking import locked_game
from games.services.play import decode_action
from games.services.record import audit_record, pitching_lines_write, play_row
from games.setup import game_setup
from games.snapshot import forget_state, state_summary
from leagues.models import Team
from leagues.selectors import user_can_commission
from outbox.services import GameMoment, outbox_enqueue_for_transition
from scorecard.clock import pendulum_now


def _locked_game_for_commissioner(*, game: Game, actor: AuthUser) -> Game:
    """The game row, locked for update, after checking that `actor` commissions its league."""
    if not user_can_commission(actor, game.league_id):
        raise PermissionDenied(f"{actor} does not commission {game.league}")
    return Game.objects.select_for_update().get(pk=game.pk)


@transaction.atomic
def game_lock(*, game: Game, actor: AuthUser, reason: str = "") -> Game:
    """Locks a game so it accepts no actions. Raises PermissionDenied outside the actor's leagues."""
    game = _locked_game_for_commissioner(game=game, actor=actor)
    game.is_locked = True
    game.save(update_fields=["is_locked"])
    audit_record(actor=actor, action=AuditAction.LOCK, game=game, reason=reason)
    return game


@transaction.atomic
def game_unlock(*, game: Game, actor: AuthUser, reason: str = "") -> Game:
    """Unlocks a game. Raises PermissionDenied outside the actor's leagues; a finished game stays locked."""
    game = _locked_game_for_commissioner(game=game, actor=actor)
    if game.status in FINISHED_STATUSES:
        raise ValidationError(f"{game} is {game.status} and stays locked")
    game.is_locked = False
    game.save(update_fields=["is_locked"])
    audit_record(actor=actor, action=AuditAction.UNLOCK, game=game, reason=reason)
    return game


@transaction.atomic
def game_forfeit(*, game: Game, actor: AuthUser, reason: str, winner: Team) -> Game:
    """Ends an unfinished game as a forfeit won by `winner` (one of its teams), locks it and audits who and why.

    Raises ValidationError without a reason, for a team not in the game or a finished game; PermissionDenied
    outside the actor's leagues."""
    game = _locked_game_for_commissioner(game=game, actor=actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError("a forfeit needs a reason")
    if winner.pk not in (game.home_team_id, game.away_team_id):
        raise ValidationError(f"{winner} does not play in {game}")
    if game.status in FINISHED_STATUSES:
        raise ValidationError(f"{game} is already {game.status}")
    previous_status = game.status
    game.status = GameStatus.FORFEITED
    game.forfeit_reason = reason
    game.forfeit_winner = winner
    game.is_locked = True
    game.finished_at = pendulum_now()
    game.save(update_fields=["status", "forfeit_reason", "forfeit_winner", "is_locked", "finished_at"])
    pitching_lines_write(game)
    outbox_enqueue_for_transition(game, GameMoment(previous_status, game.version), GameMoment.of(game))
    audit_record(
        actor=actor,
        action=AuditAction.FORFEIT,
        game=game,
        reason=reason,
        winner=winner.abbreviation,
        previous_status=previous_status,
    )
    return game


def game_recompute_state(*, game_id: Any, user: User) -> ReplayReport:
    """Commissioner: replays the actions, stores the replayed snapshot and audits the mismatches found."""
    with transaction.atomic():
        game = locked_game(game_id)
        if not is_commissioner(game, user):
            raise Forbidden("only a commissioner of this league can recompute a game")
        report = game_replay_check(game)
        if report.state is not None:
            game.state = state_to_dict(report.state)
            game.away_score, game.home_score = report.state.score
            game.save(update_fields=["state", "away_score", "home_score"])
            forget_state(game.pk)
            forget_actions(game.pk)
            pitching_lines_write(game)
        audit_record(actor=user, action=AuditAction.RECOMPUTE, game=game, mismatches=list(report.mismatches))
    return report


def game_correct_play(
    *, game_id: Any, user: User, version: int, outcome: str, fielder: str | None = None, reason: str
) -> int:
    """Commissioner: replaces the submitted card result of the action at `version` and replays every later action
    with its recorded dice; plays, snapshot and events are rewritten. Refused (nothing changes) when a later
    action no longer fits the replayed game. Audited; after commit every socket of the game is told to reload the
    rewritten versions (a `correction` message). Returns the game's version (unchanged)."""
    with transaction.atomic():
        game = locked_game(game_id)
        if not is_commissioner(game, user):
            raise Forbidden("only a commissioner of this league can correct a play")
        actions = list(GameAction.objects.filter(game=game).order_by("version"))
        target = next((a for a in actions if a.version == version), None)
        if target is None or target.body.get("kind") != "submit_outcome":
            raise IllegalActionError("only a submitted card result can be corrected")
        # The canonical body (the fielder is the protocol's `location`), as a submitted result is recorded.
        body = action_to_dict(decode_action({"kind": "submit_outcome", "outcome": outcome, "location": fielder}))
        setup = game_setup(game)
        new_plays: list[Play] = []
        before: dict[str, engine.GameState] = {"state": engine.new_game(setup)}

        def record(row: GameAction, step: engine.Step, rolls: engine.dice.Rolls) -> None:
            if row.version >= version:
                row.dice = rolls_to_list(rolls)
                row.events = [event_to_dict(event) for event in step.events]
                row.summary = state_summary(
                    step.state, innings=setup.options.innings, win_table=setup.options.win_table
                )
                first = True
                for event in step.events:
                    if isinstance(event, engine.Play):
                        new_plays.append(play_row(game, event, before["state"], row.action_id if first else None))
                        first = False
            before["state"] = step.state

        try:
            state = replay_actions(setup, actions, record, {version: body}, fresh_after=version)
        except (ValueError, LookupError) as exc:
            raise IllegalActionError(f"the correction does not fit the rest of the game: {exc}") from exc
        old = target.body
        target.body = body
        first_number = min((p.play_number for p in new_plays), default=None)
        if first_number is not None:
            Play.objects.filter(game=game, play_number__gte=first_number).delete()
        Play.objects.bulk_create(new_plays)
        GameAction.objects.bulk_update(
            [a for a in actions if a.version >= version], ["body", "dice", "events", "summary"]
        )
        game.state = state_to_dict(state)
        game.away_score, game.home_score = state.score
        game.current_inning, game.current_half = state.inning, state.half.value
        game.save(update_fields=["state", "away_score", "home_score", "current_inning", "current_half"])
        forget_state(game.pk)
        forget_actions(game.pk)
        pitching_lines_write(game)
        audit_record(
            actor=user, action=AuditAction.CORRECT, game=game, reason=reason, version=version, was=old, now=body
        )
        game_id, current = game.pk, game.version
        transaction.on_commit(lambda: broadcast_correction(game_id, current, version))
    return game.version
