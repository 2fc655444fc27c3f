"""Reads behind a live game's socket: its version, the `state` snapshot, the events after a version, presence."""

from __future__ import annotations

from typing import Any

from games.access import Viewer
from games.engine.serialize import action_to_dict
from games.errors import NotFound
from games.events import event_for, pending_for
from games.models import Game, GameAction, GameConnection, GameSession, Lineup
from games.snapshot import game_state, state_summary


def game_version(*, game_id: Any) -> int:
    version = Game.objects.filter(pk=game_id).values_list("version", flat=True).first()
    if version is None:
        raise NotFound("no such game")
    return int(version)


def _lineups(game: Game) -> dict[str, Any]:
    rows = (
        Lineup.objects.filter(game=game, is_starter=True)
        .order_by("batting_order", "id")
        .values_list("id", "team_id", "player__name", "position", "batting_order")
    )
    teams: dict[str, list[dict[str, Any]]] = {"away": [], "home": []}
    for pk, team_id, name, position, order in rows:
        side = "home" if team_id == game.home_team_id else "away"
        teams[side].append({"id": str(pk), "name": name, "position": position, "order": order})
    return teams


def _bench(game: Game) -> dict[str, Any]:
    """The reserves each side may bring in (substitute / pitching_change take these ids), by name."""
    rows = (
        Lineup.objects.filter(game=game, is_starter=False)
        .order_by("player__name", "id")
        .values_list("id", "team_id", "player__name", "position")
    )
    teams: dict[str, list[dict[str, Any]]] = {"away": [], "home": []}
    for pk, team_id, name, position in rows:
        side = "home" if team_id == game.home_team_id else "away"
        teams[side].append({"id": str(pk), "name": name, "position": position})
    return teams


def team_summary(game: Game, side: str) -> dict[str, Any]:
    """One side's team as the page and the `state` message show it (the AI flag included)."""
    team = game.home_team if side == "home" else game.away_team
    return {
        "id": team.pk,
        "name": team.name,
        "abbreviation": team.abbreviation,
        "color": team.color or None,
        "ai": game.home_is_ai if side == "home" else game.away_is_ai,
    }


def _decision_deadline(game: Game) -> Any:
    return GameSession.objects.filter(game=game).values_list("decision_deadline", flat=True).first()


def game_snapshot(*, game_id: Any, viewer: Viewer) -> dict[str, Any]:
    """The `state` message for `viewer`."""
    game = Game.objects.select_related("league", "home_team", "away_team").get(pk=game_id)
    body: dict[str, Any] = {
        "id": str(game.pk),
        "status": game.status,
        "league": game.league.code,
        "mode": game.game_mode,
        "teams": {"away": team_summary(game, "away"), "home": team_summary(game, "home")},
        "lineups": _lineups(game),
        "bench": _bench(game),
    }
    pending = None
    decisions: dict[str, Any] = {}
    if game.state:
        state = game_state(game)
        body.update(state_summary(state, innings=game.league.innings, win_table=game.league.code))
        pending = pending_for(game, state, _decision_deadline(game))
        if viewer.sees(state.fielding_side):
            decisions["defense"] = action_to_dict(state.defense)
        if viewer.sees(state.batting_side):
            decisions["offense"] = action_to_dict(state.offense)
    return {
        "type": "state",
        "version": game.version,
        "role": viewer.role.value,
        "game": body,
        "pending": pending,
        "decisions": decisions,
    }


def game_events_after(*, game_id: Any, after: int, upto: int | None, viewer: Viewer) -> list[dict[str, Any]]:
    """`event` messages for versions after `after` (up to `upto`), in order."""
    rows = GameAction.objects.filter(game_id=game_id, version__gt=after).order_by("version")
    if upto is not None:
        rows = rows.filter(version__lte=upto)
    events = [event_for(row, viewer) for row in rows]
    if events:
        _attach_pending(game_id, events[-1], viewer)
    return events


def _attach_pending(game_id: Any, event: dict[str, Any], viewer: Viewer) -> None:
    """Gives the event that reaches the game's current version the `pending` of a `state` message (who must
    decide what, by when), so a client needs no snapshot to show the next decision; older events get none."""
    game = Game.objects.select_related("league").filter(pk=game_id).first()
    if game is None or game.version != event["version"] or not game.state:
        return
    event["pending"] = pending_for(game, game_state(game), _decision_deadline(game))


def game_presence(*, game_id: Any) -> dict[str, Any]:
    """The `presence` message: who is connected, by role (anonymous spectators counted)."""
    rows = GameConnection.objects.filter(game_id=game_id).select_related("user")
    users: dict[str, dict[str, Any]] = {}
    anonymous = 0
    for row in rows:
        if row.user is None:
            anonymous += 1
            continue
        users[str(row.user.pk)] = {"id": row.user.pk, "name": row.user.get_username(), "role": row.role}
    return {"type": "presence", "users": sorted(users.values(), key=lambda u: u["id"]), "anonymous": anonymous}
