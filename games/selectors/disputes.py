"""Reads behind disputes: the entered result behind a play, and disputes as the page, the socket and the API show
them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from games.entered import result_label
from games.models import Dispute, GameAction


@dataclass(frozen=True, slots=True)
class EnteredPlay:
    """The submitted result a play was resolved from: the action's `version`, the `side` that entered it, the
    `entered` result ({outcome, fielder}) and the play's recorded `mismatch` (empty when it agreed with the card or
    the engine does not hold the card)."""

    version: int
    side: str
    entered: dict[str, Any]
    mismatch: dict[str, Any]


def entered_play(*, game_id: Any, play_number: int) -> EnteredPlay | None:
    """The submitted result behind play `play_number`, or None when the play was not entered (a steal, an automatic
    reading) or does not exist. A play consumes the last result submitted before it (a running decision may come in
    between)."""
    rows = (
        GameAction.objects.filter(game_id=game_id).order_by("version").values_list("version", "side", "body", "events")
    )
    submitted: tuple[int, str, dict[str, Any]] | None = None
    for version, side, body, events in rows:
        if body.get("kind") == "submit_outcome":
            submitted = (version, side, body)
        for event in events:
            if event.get("event") != "play":
                continue
            if event.get("number") == play_number:
                if submitted is None:
                    return None
                at, by, entered = submitted
                result = {"outcome": entered["outcome"], "fielder": entered.get("location")}
                return EnteredPlay(at, by, result, event.get("mismatch") or {})
            submitted = None
    return None


def dispute_data(dispute: Dispute) -> dict[str, Any]:
    """A dispute as JSON: the play, who entered what, what the card reads, who raised it, its status and outcome."""
    return {
        "id": dispute.pk,
        "game": str(dispute.game_id),
        "play": dispute.play_number,
        "version": dispute.version,
        "entered_side": dispute.entered_side,
        "entered": result_label(dispute.entered),
        "card_reads": result_label(dispute.card_reads) if dispute.card_reads else None,
        "reason": dispute.reason,
        "status": dispute.status,
        "raised_at": dispute.created_at.isoformat(),
        "resolved_at": dispute.resolved_at.isoformat() if dispute.resolved_at else None,
        "resolution": dispute.resolution,
        "corrected_to": result_label(dispute.corrected_to) if dispute.corrected_to else None,
    }


def dispute_list(
    *, league_ids: list[int] | None = None, game_id: Any = None, status: str | None = None
) -> QuerySet[Dispute]:
    """Disputes, oldest open first: of the leagues `league_ids` (None: every league), of one game, of one status."""
    rows = Dispute.objects.select_related("game__league", "game__home_team", "game__away_team")
    if league_ids is not None:
        rows = rows.filter(game__league_id__in=league_ids)
    if game_id is not None:
        rows = rows.filter(game_id=game_id)
    if status is not None:
        rows = rows.filter(status=status)
    return rows.order_by("created_at", "pk")


def game_disputes(*, game_id: Any) -> dict[str, dict[str, Any]]:
    """A game's disputes by play number (as text: JSON keys), for the page."""
    return {str(d.play_number): dispute_data(d) for d in dispute_list(game_id=game_id)}
