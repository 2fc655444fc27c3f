"""Per-recipient views of a live game (reads only): who is watching in which role, the full snapshot and the
events after a version. Hidden information: a side sees its own pending decision; nobody else does."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from games import engine
from games.engine.choices import choices
from games.engine.enums import Half
from games.engine.serialize import action_to_dict
from games.engine.state import Pending, PendingRoll
from games.engine.win_expectancy import INNINGS, default_table, home_win
from games.errors import Forbidden, NotFound
from games.live import User, ai_sides, game_state, is_commissioner, state_summary, timeout_action, user_sides
from games.models import Game, GameAction, GameConnection, GameSession, Lineup, Visibility
from games.setup import game_setup

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


_READ = object()


def _pending(game: Game, state: engine.GameState, viewer: Viewer, deadline: Any = _READ) -> dict[str, Any] | None:
    """Who must decide now, by when and between what; `deadline` is read from the GameSession unless given."""
    actor = state.actor
    if actor is None:
        return None
    if deadline is _READ:
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
    pending["choices"] = _choices(state)
    pending["default"] = _default(game, state)
    return pending


def _default(game: Game, state: engine.GameState) -> dict[str, Any] | None:
    """The action body that applies when the decision window runs out (`games.live.timeout_action`; the setup,
    a lineup query, is only needed to read the card of a manual result)."""
    try:
        if state.phase is engine.Phase.SUBMIT_OUTCOME:
            return action_to_dict(timeout_action(state, game_setup(game)))
        return action_to_dict(engine.defaults_for(state))
    except (engine.IllegalAction, ValueError, LookupError):
        return None


def _choices(state: engine.GameState) -> dict[str, Any]:
    """What the side to act may choose now (`games.engine.choices`), as labels (public: derived from the state)."""
    options = choices(state)
    return {
        "depths": [depth.value for depth in options.depths],
        "holds": [base.label for base in options.holds],
        "intentional_walk": options.intentional_walk,
        "steals": [[base.label for base in call] for call in options.steals],
        "bunt": options.bunt,
        "hit_and_run": options.hit_and_run,
        "send": [base.label for base in options.send],
        "throw_at": [base.label for base in options.throw_at],
        "pitchers": list(options.pitchers),
        "must_change": options.must_change,
    }


def summary_win_probability(summary: dict[str, Any], innings: int = INNINGS) -> float | None:
    """Home win probability at a public game summary (`state_summary`), from the engine's win-expectancy table;
    1/0/0.5 once the game is over, None for a summary without a game position."""
    if "inning" not in summary:
        return None
    if summary.get("phase") == engine.Phase.GAME_OVER.value:
        winner = summary.get("winner")
        return 1.0 if winner == "home" else 0.0 if winner == "away" else 0.5
    bases = summary.get("bases") or [None, None, None]
    mask = sum(1 << index for index, runner in enumerate(bases) if runner)
    inning = max(1, int(summary["inning"]) + INNINGS - innings)
    outs = min(2, int(summary.get("outs", 0)))
    score = summary.get("score") or {"away": 0, "home": 0}
    diff = int(score["home"]) - int(score["away"])
    return round(default_table().home(inning, Half(summary["half"]), outs, mask, diff), 4)


_INNINGS: dict[str, int] = {}


def _game_innings(game_id: Any) -> int:
    """The league's innings per game for `game_id` (cached per process: a game's league never changes)."""
    key = str(game_id)
    if key not in _INNINGS:
        innings = Game.objects.filter(pk=game_id).values_list("league__innings", flat=True).first()
        _INNINGS[key] = int(innings or INNINGS)
    return _INNINGS[key]


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
        "bench": _bench(game),
    }
    pending = None
    decisions: dict[str, Any] = {}
    if game.state:
        state = game_state(game)
        body.update(state_summary(state))
        body["win_probability"] = round(home_win(state, game.league.innings), 4)
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


def _event(row: GameAction, viewer: Viewer, innings: int = INNINGS) -> dict[str, Any]:
    side = engine.Side(row.side) if row.side else None
    action = {"kind": row.body.get("kind"), "side": row.side, "source": row.source}
    if row.reason:
        action["reason"] = row.reason
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
                    "batter": event.get("batter"),
                    "pitcher": event.get("pitcher"),
                    "fielder": event.get("fielder"),
                    "inning": event.get("inning"),
                    "half": event.get("half"),
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
        "win_probability": summary_win_probability(row.summary, innings),
    }


_TEXTS: OrderedDict[tuple[str, int, Role, frozenset[engine.Side], bool], str] = OrderedDict()
_TEXTS_SIZE = 2_048


def message_text(message: Mapping[str, Any]) -> str:
    """A server message as the JSON text sent on the socket."""
    return json.dumps(message, separators=(",", ":"))


def event_text(fields: Mapping[str, Any], viewer: Viewer) -> str:
    """The `event` message for `viewer` of an action given by its fan-out fields (`games.live.fanout_fields`),
    as text; rendered once per process for each (game, version, role) and shared by every such socket."""
    key = (str(fields["game_id"]), int(fields["version"]), viewer.role, viewer.sides, viewer.commissioner)
    text = _TEXTS.get(key)
    if text is None:
        row = dict(fields)
        context = row.pop("context", None) or {}
        event = _event(GameAction(**row), viewer, int(context.get("innings", INNINGS)))
        if "pending" in context:  # the version was the game's latest when it was committed (`_attach_pending`)
            event["pending"] = context["pending"]
        text = _TEXTS[key] = message_text(event)
        while len(_TEXTS) > _TEXTS_SIZE:
            _TEXTS.popitem(last=False)
    return text


def game_events_after(*, game_id: Any, after: int, upto: int | None, viewer: Viewer) -> list[dict[str, Any]]:
    """`event` messages for versions after `after` (up to `upto`), in order."""
    rows = GameAction.objects.filter(game_id=game_id, version__gt=after).order_by("version")
    if upto is not None:
        rows = rows.filter(version__lte=upto)
    innings = _game_innings(game_id)
    events = [_event(row, viewer, innings) for row in rows]
    if events:
        _attach_pending(game_id, events[-1], viewer)
    return events


def fanout_context(game: Game, state: engine.GameState, deadline: Any) -> dict[str, Any]:
    """What the `event` of `game`'s latest version needs beyond its action row, computed once by the writer (inside
    its transaction, with the decision `deadline` it just stored) for every recipient: the league's innings and the
    `pending` `_attach_pending` would add."""
    everyone = Viewer(str(game.pk), None, Role.SPECTATOR, frozenset(), False)
    pending = _pending(game, state, everyone, deadline) if game.state else None
    return {"innings": game.league.innings, "pending": pending}


def _attach_pending(game_id: Any, event: dict[str, Any], viewer: Viewer) -> None:
    """Gives the event that reaches the game's current version the `pending` of a `state` message (who must
    decide what, by when), so a client needs no snapshot to show the next decision; older events get none."""
    game = Game.objects.select_related("league").filter(pk=game_id).first()
    if game is None or game.version != event["version"] or not game.state:
        return
    event["pending"] = _pending(game, game_state(game), viewer)


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
