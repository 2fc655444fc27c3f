"""Playing a game: checking and applying one action (then the AI's answers), forfeits and claims, timeouts and
the sweep of expired decision windows."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction

from games import engine
from games.access import SYSTEM, Actor, System, User, ai_sides, is_commissioner, signed_in, user_sides
from games.engine.answers import expiry_answer
from games.engine.serialize import CodecError, action_from_dict, state_from_dict
from games.errors import Forbidden, GameError, GameOver, IllegalActionError, Locked, VersionConflict
from games.events import broadcast_warning
from games.models import (
    FINISHED_STATUSES,
    ActionSource,
    AuditAction,
    Game,
    GameAction,
    GameConnection,
    GameSession,
    GameStatus,
)
from games.services.locking import locked_game
from games.services.record import Recorder, audit_record, system_action_id
from games.setup import game_setup, has_orders, side_orders
from games.snapshot import game_state
from scorecard.clock import pendulum_now


@dataclass(frozen=True, slots=True)
class ActionResult:
    """An accepted (or, with `duplicate`, an already accepted) action: the game's version after it."""

    action_id: str
    version: int
    duplicate: bool = False


def _check_playable(game: Game) -> None:
    if game.status in FINISHED_STATUSES:
        raise GameOver(f"the game is {game.status}")
    if game.is_locked:
        raise Locked("the game is locked by a commissioner")
    if game.status != GameStatus.ACTIVE:
        raise IllegalActionError("the game has not started")


def decode_action(action: engine.Action | Mapping[str, Any]) -> engine.Action:
    if isinstance(action, Mapping):
        try:
            return action_from_dict(action)
        except CodecError as exc:
            raise IllegalActionError(str(exc)) from exc
    return action


def _acting_side(game: Game, state: engine.GameState, action: engine.Action, user: Actor) -> engine.Side:
    """The side `action` is taken for: the side it names or the side the game waits for, when `user` may act for
    it (its manager, a commissioner, or the system)."""
    named = getattr(action, "side", None)
    if isinstance(user, System):
        side = named if isinstance(named, engine.Side) else state.actor
        assert side is not None
        return side
    sides = user_sides(game, user)
    if isinstance(named, engine.Side):
        if named in sides or is_commissioner(game, user):
            return named
        raise Forbidden(f"only the {named.value} team's manager or a commissioner can do that for it")
    actor = state.actor
    assert actor is not None
    if actor in sides or is_commissioner(game, user):
        return actor
    if sides:
        raise Forbidden(f"it is the {actor.value} team's turn")
    raise Forbidden("spectators cannot act")


def _call_end_version(game: Game, version: int) -> int:
    """The version the call that applied `version` ended at (after the roll that follows a swing and the AI
    answers it triggered)."""
    later = (
        GameAction.objects.filter(game=game, version__gt=version)
        .exclude(source=ActionSource.AI)
        .order_by("version")
        .values_list("version", "action_id")[:2]
    )
    for next_version, action_id in later:
        if action_id != system_action_id(game.pk, next_version - 1, "roll"):
            return int(next_version) - 1
    return game.version


def game_apply_action(
    *,
    game_id: Any,
    user: Actor,
    action: engine.Action | Mapping[str, Any],
    action_id: str | uuid.UUID,
    expected_version: int,
    source: ActionSource = ActionSource.PLAYER,
    dice: engine.Dice | None = None,
    reason: str = "",
) -> ActionResult:
    """Applies one action in one transaction, then lets AI sides answer. A repeated `action_id` returns the
    original result and changes nothing. Raises a GameError (NotFound, GameOver, Locked, VersionConflict,
    Forbidden, IllegalActionError) and changes nothing when the action is refused. `user` is the player, or the
    `SYSTEM` (timeouts, claims; with their `source`), which may act for the side the game waits for."""
    action_uuid = uuid.UUID(str(action_id))
    try:
        with transaction.atomic():
            game = locked_game(game_id, signed_in(user))
            try:
                _check_playable(game)
                if game.version != expected_version:
                    raise VersionConflict(
                        f"the game is at version {game.version}, not {expected_version}", game.version
                    )
                state = game_state(game)
                decoded = decode_action(action)
                side = _acting_side(game, state, decoded, user)
                recorder = Recorder(game, game_setup(game), state)
                recorder.apply(
                    decoded, action_id=action_uuid, source=source, actor=user, side=side, dice=dice, reason=reason
                )
                recorder.roll_after_offense(actor=user, source=source, dice=dice)
            except GameError:
                # A repeated action id is answered with the original result before any refusal.
                duplicate = _duplicate_result(game, action_uuid)
                if duplicate is not None:
                    return duplicate
                raise
            recorder.answer_for_ai()
            version = recorder.save()
    except IntegrityError:
        # The action id was used before at another version (unique (game, action_id)); nothing was written.
        duplicate = _duplicate_result(Game.objects.get(pk=game_id), action_uuid)
        if duplicate is None:
            raise
        return duplicate
    return ActionResult(str(action_uuid), version)


def _duplicate_result(game: Game, action_id: uuid.UUID) -> ActionResult | None:
    """The original result of `action_id` in `game`, or None when it was never applied."""
    done = GameAction.objects.filter(game=game, action_id=action_id).values_list("version", flat=True).first()
    if done is None:
        return None
    return ActionResult(str(action_id), _call_end_version(game, done), duplicate=True)


def game_set_auto(*, game_id: Any, user: User, side: engine.Side, auto: bool) -> int:
    """Lets the server answer `side`'s routine decisions at once (`auto`), or gives them back to its manager; with
    the game waiting for that side, the routine answers are applied now. Only its manager or a commissioner may;
    an AI side cannot. Returns the game's version after it."""
    with transaction.atomic():
        game = locked_game(game_id, signed_in(user))
        if side not in user_sides(game, user) and not is_commissioner(game, user):
            raise Forbidden(f"only the {side.value} team's manager or a commissioner can do that for it")
        if side in ai_sides(game):
            raise IllegalActionError(f"the {side.value} side is managed by the AI")
        if game.status in FINISHED_STATUSES:
            raise GameOver(f"the game is {game.status}")
        sides = {str(s) for s in game.auto_sides or ()} - {side.value}
        if auto:
            sides.add(side.value)
        game.auto_sides = sorted(sides)
        game.save(update_fields=["auto_sides"])
        if auto and game.status == GameStatus.ACTIVE and not game.is_locked and game.state:
            state = game_state(game)
            if state.actor is side:
                recorder = Recorder(game, game_setup(game), state)
                recorder.answer_for_ai()
                if recorder.actions:
                    return recorder.save()
        return game.version


def game_forfeit_by_player(
    *, game_id: Any, user: User, action_id: str | uuid.UUID, expected_version: int
) -> ActionResult:
    """The user's own side forfeits (the side they manage; a user managing both must use the action)."""
    with transaction.atomic():
        game = locked_game(game_id)
        sides = user_sides(game, user)
    if len(sides) != 1:
        raise Forbidden("only a manager of exactly one side of this game can forfeit it")
    (side,) = sides
    return game_apply_action(
        game_id=game_id, user=user, action=engine.Forfeit(side), action_id=action_id, expected_version=expected_version
    )


def abandon_seconds(game: Game) -> int:
    """How long the side the game waits for may stay away before the opponent can claim a forfeit: the league's
    decision window times ``SCORECARD_ABANDON_WINDOWS`` (default 5)."""
    return game.league.decision_window_seconds * int(getattr(settings, "SCORECARD_ABANDON_WINDOWS", 5))


def game_claim_forfeit(*, game_id: Any, user: User, action_id: str | uuid.UUID, expected_version: int) -> ActionResult:
    """The opponent of an absent side claims the game: allowed when the side the game waits for is human, none of
    its managers is connected, and its decision deadline passed more than the abandonment limit ago. Audited."""
    with transaction.atomic():
        game = locked_game(game_id)
        _check_playable(game)
        state = game_state(game)
        absent = state.actor
        if absent is None or absent in ai_sides(game):
            raise IllegalActionError("nobody is absent")
        if absent.other not in user_sides(game, user):
            raise Forbidden("only the waiting opponent's manager can claim a forfeit")
        session = GameSession.objects.filter(game=game).first()
        if side_connected(game, absent):
            raise IllegalActionError("the other manager is connected")
        deadline = session.decision_deadline if session else None
        if deadline is None or pendulum_now() < deadline + timedelta(seconds=abandon_seconds(game)):
            raise IllegalActionError("the other side is not past the abandonment limit yet")
        if game.version != expected_version:
            raise VersionConflict(f"the game is at version {game.version}, not {expected_version}", game.version)
        result = game_apply_action(
            game_id=game_id,
            user=SYSTEM,
            action=engine.Forfeit(absent),
            action_id=action_id,
            expected_version=expected_version,
            source=ActionSource.TIMEOUT,
        )
        audit_record(
            actor=user,
            action=AuditAction.CLAIM_FORFEIT,
            game=game,
            reason=f"{absent.value} side abandoned the game",
            version=result.version,
        )
    return result


def game_apply_timeout(*, game_id: Any, version: int) -> ActionResult | None:
    """Applies what the side whose decision window expired at `version` gets: the AI manager's answer under the
    team's standing orders when it has saved some, else the rules' default. Idempotent: the action id is derived
    from (game, version), so a second sweeper gets the original result."""
    game = Game.objects.select_related("league").get(pk=game_id)
    state = game_state(game) if game.version == version else state_from_dict(game.state)
    if state.actor is None or game.version != version:
        return None
    orders = side_orders(game, state.actor) if has_orders(game, state.actor) else None
    choice = expiry_answer(state, game_setup(game), game.ai_difficulty, orders)
    reason = f"time ran out: standing orders: {choice.reason}" if choice.reason else timeout_reason(choice.action)
    try:
        return game_apply_action(
            game_id=game_id,
            user=SYSTEM,
            action=choice.action,
            action_id=system_action_id(game_id, version, "timeout"),
            expected_version=version,
            source=ActionSource.TIMEOUT,
            reason=reason,
        )
    except (VersionConflict, GameOver, Locked):
        return None


def timeout_reason(action: engine.Action) -> str:
    """The play-by-play line of a default applied because the decision window ran out."""
    if isinstance(action, engine.SubmitOutcome):
        what = "the result printed under the dice is entered"
    elif isinstance(action, engine.PitchingChange):
        what = "the first reliever available comes in"
    elif isinstance(action, engine.DefenseDecision):
        what = "normal depth, no holds, pitch to the batter"
    elif isinstance(action, engine.OffenseDecision):
        what = "no steal, swing away"
    elif isinstance(action, engine.Decide):
        what = "the defense throws" if action.throw else "runners hold"
    else:
        what = "the dice are rolled"
    return f"time ran out: {what}"


def warning_lead_seconds(window: int) -> int:
    """How long before its window runs out the side to act is warned: SCORECARD_DECISION_WARNING_SECONDS, or a third
    of a shorter window."""
    return min(int(settings.SCORECARD_DECISION_WARNING_SECONDS), window // 3)


def game_warn_expiring(*, now: Any = None, limit: int = 100) -> list[dict[str, Any]]:
    """Warns each game whose decision window runs out within its warning lead (`warning_lead_seconds`), once per
    version across every process (a cache key claims it), where the side to act has a manager connected. Returns
    the `warning` messages broadcast."""
    now = now or pendulum_now()
    horizon = now + timedelta(seconds=int(settings.SCORECARD_DECISION_WARNING_SECONDS))
    due = Game.objects.filter(
        session__decision_deadline__gt=now,
        session__decision_deadline__lte=horizon,
        status=GameStatus.ACTIVE,
        is_locked=False,
    ).select_related("league", "session")[:limit]
    sent = []
    for game in due:
        deadline = game.session.decision_deadline
        lead = warning_lead_seconds(game.league.decision_window_seconds)
        if deadline is None or lead <= 0 or deadline - now > timedelta(seconds=lead):
            continue
        actor = game_state(game).actor
        if actor is None or not side_connected(game, actor):
            continue
        window = game.league.decision_window_seconds
        if not cache.add(f"scorecard:warned:{game.pk}:{game.version}", 1, timeout=window + 60):
            continue
        message = {
            "type": "warning",
            "version": game.version,
            "side": actor.value,
            "deadline": deadline.isoformat(),
            "seconds_left": max(0, round((deadline - now).total_seconds())),
        }
        broadcast_warning(game.pk, message)
        sent.append(message)
    return sent


def game_extend_deadlines(*, grace_seconds: int, only_without_connections: bool = True) -> int:
    """Pushes expired decision deadlines of games nobody is connected to (a worker restart dropped everyone, or
    the room is empty) to now + grace. Returns the number of sessions changed."""
    now = pendulum_now()
    floor = now + timedelta(seconds=grace_seconds)
    sessions = GameSession.objects.filter(decision_deadline__lte=now, game__status=GameStatus.ACTIVE)
    if only_without_connections:
        sessions = sessions.filter(game__connections__isnull=True)
    return sessions.update(decision_deadline=floor)


def side_connected(game: Game, side: engine.Side) -> bool:
    team_id = game.home_team_id if side is engine.Side.HOME else game.away_team_id
    return GameConnection.objects.filter(game=game, user__managed_teams=team_id).exists()


def game_sweep_expired(*, now: Any = None, limit: int = 100) -> list[ActionResult]:
    """Applies defaults where a decision deadline passed and the side to act has a manager connected (an absent
    side is left for the opponent to claim). Safe to run in several processes at once."""
    now = now or pendulum_now()
    due = Game.objects.filter(
        session__decision_deadline__lte=now, status=GameStatus.ACTIVE, is_locked=False
    ).select_related("league")[:limit]
    results = []
    for game in due:
        actor = game_state(game).actor
        if actor is None or not side_connected(game, actor):
            continue
        result = game_apply_timeout(game_id=game.pk, version=game.version)
        if result is not None:
            results.append(result)
    return results
