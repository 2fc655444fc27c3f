"""Disputes of results entered in manual mode: the opposing manager raises one, the league's commissioner corrects
the play (`game_correct_play`, which replays the rest of the game) or dismisses the dispute with a reason, once.
Each is audited and told to the game's sockets after commit (a `dispute` message)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from games import engine
from games.access import User, is_commissioner, signed_in, user_sides
from games.engine.game import check_submitted
from games.errors import Forbidden, GameError, IllegalActionError, NotFound
from games.events import broadcast_dispute
from games.models import AuditAction, Dispute, DisputeStatus
from games.selectors.disputes import dispute_data, entered_play
from games.services.commissioner import game_correct_play
from games.services.locking import locked_game
from games.services.record import audit_record
from scorecard.clock import pendulum_now

MAX_REASON = 1_000


def _announce(dispute: Dispute) -> None:
    game_id, data = dispute.game_id, dispute_data(dispute)
    transaction.on_commit(lambda: broadcast_dispute(game_id, data))


def _reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise GameError("give a reason")
    if len(reason) > MAX_REASON:
        raise GameError(f"a reason is at most {MAX_REASON} characters")
    return reason


def dispute_raise(*, game_id: Any, user: User, play_number: int, reason: str = "") -> Dispute:
    """The opposing manager disputes the result the other side entered for play `play_number` (usually one marked
    "card reads ..."). Refused for a play nobody entered, a user who does not manage only the opposing side, and a
    play already disputed."""
    reason = _reason(reason, required=False)
    with transaction.atomic():
        game = locked_game(game_id)
        entered = entered_play(game_id=game.pk, play_number=play_number)
        if entered is None or not entered.side:
            raise IllegalActionError(f"play {play_number} is not a result a manager entered")
        side = engine.Side(entered.side)
        sides = user_sides(game, user)
        if side.other not in sides or side in sides:
            raise Forbidden(
                f"only the {side.other.value} team's manager can dispute a result the {side.value} team entered"
            )
        if Dispute.objects.filter(game=game, play_number=play_number).exists():
            raise IllegalActionError(f"play {play_number} is already disputed")
        mismatch = entered.mismatch
        dispute = Dispute.objects.create(
            game=game,
            play_number=play_number,
            version=entered.version,
            entered_side=side.value,
            entered=entered.entered,
            card_reads={"outcome": mismatch["card"], "fielder": mismatch["card_fielder"]} if mismatch else {},
            raised_by=signed_in(user),
            reason=reason,
        )
        audit_record(actor=user, action=AuditAction.DISPUTE, game=game, reason=reason, play=play_number)
        _announce(dispute)
    return dispute


def _open_dispute_for_commissioner(dispute_id: Any, user: User) -> Dispute:
    """The dispute, its game's row and its own locked (in that order, as everywhere), after checking that `user`
    commissions its league and it is still open."""
    game_id = Dispute.objects.filter(pk=dispute_id).values_list("game_id", flat=True).first()
    if game_id is None:
        raise NotFound("no such dispute")
    locked_game(game_id)
    dispute = Dispute.objects.select_for_update().select_related("game__league").get(pk=dispute_id)
    if not is_commissioner(dispute.game, user):
        raise Forbidden("only a commissioner of this league can resolve a dispute")
    if dispute.status != DisputeStatus.OPEN:
        raise IllegalActionError(f"this dispute was already {dispute.status}")
    return dispute


def _resolved(dispute: Dispute, user: User, status: DisputeStatus, reason: str) -> None:
    dispute.status = status
    dispute.resolved_by = signed_in(user)
    dispute.resolved_at = pendulum_now()
    dispute.resolution = reason
    dispute.save(update_fields=["status", "resolved_by", "resolved_at", "resolution", "corrected_to"])
    _announce(dispute)


def dispute_correct(*, dispute_id: Any, user: User, outcome: str, fielder: str | None, reason: str) -> Dispute:
    """The commissioner corrects the disputed play to `outcome` at `fielder`: the rest of the game is replayed with
    its recorded dice (`game_correct_play`, audited) and the dispute is closed. Refused, changing nothing, for a
    result the card could not print, a correction the rest of the game cannot follow, or a closed dispute."""
    reason = _reason(reason, required=True)
    try:
        check_submitted(engine.Outcome(outcome), engine.Position(fielder) if fielder else None)
    except (ValueError, engine.IllegalAction) as exc:
        raise GameError(f"not a card result: {exc}") from exc
    with transaction.atomic():
        dispute = _open_dispute_for_commissioner(dispute_id, user)
        game_correct_play(
            game_id=dispute.game_id, user=user, version=dispute.version, outcome=outcome, fielder=fielder, reason=reason
        )
        dispute.corrected_to = {"outcome": outcome, "fielder": fielder or None}
        _resolved(dispute, user, DisputeStatus.CORRECTED, reason)
    return dispute


def dispute_dismiss(*, dispute_id: Any, user: User, reason: str) -> Dispute:
    """The commissioner keeps the play as entered and closes the dispute with a reason (audited)."""
    reason = _reason(reason, required=True)
    with transaction.atomic():
        dispute = _open_dispute_for_commissioner(dispute_id, user)
        _resolved(dispute, user, DisputeStatus.DISMISSED, reason)
        audit_record(actor=user, action=AuditAction.DISMISS, game=dispute.game, reason=reason, play=dispute.play_number)
    return dispute
