"""Per-recipient views of a live game (reads only): who is watching in which role, the full snapshot and the
events after a version. Hidden information: a side sees its own pending decision; nobody else does."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from games import engine
from games.engine.codec import action_to_dict
from games.engine.state import Pending, PendingRoll
from games.errors import Forbidden, NotFound
from games.live import User, ai_sides, game_state, is_commissioner, state_summary, user_sides
from games.models import Game, GameAction, GameConnection, GameSession, Lineup, Visibility

MAX_EVENT_GAP = 50
HIDDEN_KINDS = frozenset({"defense", "offense"})


class Role(StrEnum):
    HOME = "home"
    AWAY = "away"
    BOTH = "both"
    COMMISSIONER = "commissioner"
    SPECTATOR = "spectator"


@dataclass(frozen=True, slots=True)
class Viewer:
    """One recipient: the sides they manage and whether they commission the league."""

    game_id: str
    user_id: int | None
    role: Role
    sides: frozenset[engine.Side]
    commissioner: bool

    def sees(self, side: engine.Side | None) -> bool:
        return self.commissioner or (side is not None and side in self.sides)


def game_viewer(*, game_id: Any, user: User) -> Viewer:
    """The viewer `user` is on `game_id`. Raises NotFound, or Forbidden for a private game's non-participant."""
    game = Game.objects.select_related("league").filter(pk=game_id).first()
    if game is None:
        raise NotFound("no such game")
    sides = user_sides(game, user)
    commissioner = is_commissioner(game, user)
    if len(sides) == 2:
        role = Role.BOTH
    elif sides:
        role = Role(next(iter(sides)).value)
    elif commissioner:
        role = Role.COMMISSIONER
    elif game.visibility == Visibility.PUBLIC:
        role = Role.SPECTATOR
    else:
        raise Forbidden("this game is private")
    user_id = user.pk if user is not None and user.is_authenticated else None
    return Viewer(str(game.pk), user_id, role, sides, commissioner)


def game_version(*, game_id: Any) -> int:
    version = Game.objects.filter(pk=game_id).values_list("version", flat=True).first()
    if version is None:
        raise NotFound("no such game")
    return int(version)


def _lineups(game: Game) -> dict[str, Any]:
    rows = Lineup.objects.filter(game=game).select_related("player").order_by("batting_order", "id")
    teams: dict[str, list[dict[str, Any]]] = {"away": [], "home": []}
    for row in rows:
        side = "home" if row.team_id == game.home_team_id else "away"
        teams[side].append(
            {"id": str(row.pk), "name": row.player.name, "position": row.position, "order": row.batting_order}
        )
    return teams


def _pending(game: Game, state: engine.GameState, viewer: Viewer) -> dict[str, Any] | None:
    actor = state.actor
    if actor is None:
        return None
    session = GameSession.objects.filter(game=game).first()
    deadline = session.decision_deadline if session else None
    pending: dict[str, Any] = {
        "side": actor.value,
        "phase": state.phase.value,
        "ai": actor in ai_sides(game),
        "deadline": deadline.isoformat() if deadline else None,
    }
    prompt = state.pending
    if isinstance(prompt, PendingRoll):
        pending["dice"] = {"column": prompt.column, "row": list(prompt.row), "split": prompt.split}
    elif isinstance(prompt, Pending):
        pending["candidates"] = [base.label for base in prompt.candidates]
        pending["sent"] = [base.label for base in prompt.sent]
    return pending


def _team(game: Game, side: str) -> dict[str, Any]:
    team = game.home_team if side == "home" else game.away_team
    is_ai = game.home_is_ai if side == "home" else game.away_is_ai
    return {"id": team.pk, "name": team.name, "abbreviation": team.abbreviation, "ai": is_ai}


def game_snapshot(*, game_id: Any, viewer: Viewer) -> dict[str, Any]:
    """The `state` message for `viewer`."""
    game = Game.objects.select_related("league", "home_team", "away_team").get(pk=game_id)
    body: dict[str, Any] = {
        "id": str(game.pk),
        "status": game.status,
        "league": game.league.code,
        "mode": game.game_mode,
        "teams": {"away": _team(game, "away"), "home": _team(game, "home")},
        "lineups": _lineups(game),
    }
    pending = None
    decisions: dict[str, Any] = {}
    if game.state:
        state = game_state(game)
        body.update(state_summary(state))
        pending = _pending(game, state, viewer)
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


def _event(row: GameAction, viewer: Viewer) -> dict[str, Any]:
    side = engine.Side(row.side) if row.side else None
    action = {"kind": row.body.get("kind"), "side": row.side, "source": row.source}
    if row.body.get("kind") not in HIDDEN_KINDS or viewer.sees(side):
        action["body"] = row.body
    plays = []
    notices = []
    for event in row.events:
        if event.get("event") == "play":
            plays.append(
                {
                    "number": event["number"],
                    "description": event["description"],
                    "outcome": event["outcome"],
                    "play_type": event["play_type"],
                    "dice": event["rolls"],
                    "runners_before": event["bases_before"],
                    "runners_after": event["bases_after"],
                    "outs_after": event["outs_after"],
                    "score": {"away": event["score_after"][0], "home": event["score_after"][1]},
                }
            )
        else:
            notices.append({"kind": event["kind"], "text": event["text"], "dice": event["rolls"]})
    return {
        "type": "event",
        "version": row.version,
        "action": action,
        "plays": plays,
        "notices": notices,
        "game": row.summary,
    }


def game_events_after(*, game_id: Any, after: int, upto: int | None, viewer: Viewer) -> list[dict[str, Any]]:
    """`event` messages for versions after `after` (up to `upto`), in order."""
    rows = GameAction.objects.filter(game_id=game_id, version__gt=after).order_by("version")
    if upto is not None:
        rows = rows.filter(version__lte=upto)
    return [_event(row, viewer) for row in rows]


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
