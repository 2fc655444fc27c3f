"""A game's committed versions as events: the fan-out of committed actions to every consumer (after commit), and
each recipient's `event` message (hidden decisions only to their side), rendered once per role per process."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from games import engine
from games.access import Role, Viewer, ai_sides, auto_sides
from games.engine.answers import ai_choose_action, expiry_answer, timeout_action
from games.engine.choices import choices
from games.engine.serialize import action_to_dict
from games.engine.state import Pending, PendingRoll
from games.engine.steal import StealOdds, steal_call_odds
from games.entered import mismatch_view
from games.explain import dice_legend, dice_why
from games.models import Game, GameAction, GameStatus
from games.setup import game_setup, has_orders, side_orders

MAX_EVENT_GAP = 50

HIDDEN_KINDS = frozenset({"defense", "offense"})


FANOUT_FIELDS = ("version", "source", "actor_id", "side", "body", "dice", "events", "summary", "reason")

_FANOUT: OrderedDict[tuple[str, int], dict[str, Any]] = OrderedDict()

_FANOUT_SIZE = 1_024  # seconds of actions: it bridges a commit to its own consumers and reordered messages


def fanout_fields(row: GameAction) -> dict[str, Any]:
    """A committed action as plain data (JSON and msgpack safe) from which a consumer renders its `event`:
    ``GameAction(**fields)`` rebuilds the row without reading it. The writer adds a ``context`` key
    (`games.events.fanout_context`: the `pending` of the latest version)."""
    fields = {name: getattr(row, name) for name in FANOUT_FIELDS}
    fields["source"] = str(row.source)
    return {"game_id": str(row.game_id), "action_id": str(row.action_id), **fields}


def remember_actions(game_id: Any, actions: Sequence[Mapping[str, Any]]) -> None:
    """Keeps committed actions for this process's consumers (bounded; the database stays the truth)."""
    for fields in actions:
        _FANOUT[(str(game_id), int(fields["version"]))] = dict(fields)
    while len(_FANOUT) > _FANOUT_SIZE:
        _FANOUT.popitem(last=False)


def recent_actions(game_id: Any, after: int, upto: int) -> list[dict[str, Any]] | None:
    """The remembered actions of versions after `after` up to `upto`, or None when any of them is not here."""
    found = [_FANOUT.get((str(game_id), version)) for version in range(after + 1, upto + 1)]
    if any(fields is None for fields in found):
        return None
    return [fields for fields in found if fields is not None]


def forget_actions(game_id: Any) -> None:
    """Drops remembered actions, and the event texts rendered from them, of a game whose recorded actions were
    rewritten (corrections)."""
    for key in list(_FANOUT):
        if key[0] == str(game_id):
            _FANOUT.pop(key, None)
    for text_key in list(_TEXTS):
        if text_key[0] == str(game_id):
            _TEXTS.pop(text_key, None)


def broadcast_version(game_id: Any, version: int, actions: Sequence[Mapping[str, Any]] = ()) -> None:
    """Tells every consumer of the game that `version` exists, with the committed `actions` that led to it
    (consumers render them without reading the database; one that missed a version reads it from there)."""
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    remember_actions(game_id, actions)
    layer = get_channel_layer()
    if layer is not None:
        message: dict[str, Any] = {"type": "game.event", "version": version}
        if actions:
            message["actions"] = list(actions)
        async_to_sync(layer.group_send)(game_group(game_id), message)


def broadcast_warning(game_id: Any, message: Mapping[str, Any]) -> None:
    """Tells every consumer of the game that the side to act is about to run out of time (a `warning` message)."""
    _group_send(game_id, {"type": "game.warning", "warning": dict(message)})


def broadcast_correction(game_id: Any, version: int, from_version: int) -> None:
    """Tells every consumer of the game that its recorded versions from `from_version` on were rewritten (a
    commissioner's correction): each drops what it remembers of the game and its sockets reload them."""
    _group_send(game_id, {"type": "game.correction", "version": version, "from_version": from_version})


def broadcast_dispute(game_id: Any, dispute: Mapping[str, Any]) -> None:
    """Tells every consumer of the game that a dispute was raised or resolved (a `dispute` message)."""
    _group_send(game_id, {"type": "game.dispute", "dispute": dict(dispute)})


def _group_send(game_id: Any, message: dict[str, Any]) -> None:
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(game_group(game_id), message)


def game_group(game_id: Any) -> str:
    return f"game.{game_id}"


def pending_for(game: Game, state: engine.GameState, deadline: Any) -> dict[str, Any] | None:
    """Who must decide now, by when (the session's decision `deadline`) and between what: public, the same for
    every recipient."""
    actor = state.actor
    if actor is None:
        return None
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
    if pending["choices"]["steals"]:
        pending["choices"]["steal_odds"] = _steal_odds(game, state)
    pending["default"] = _default(game, state)
    auto = auto_sides(game)
    pending["auto_sides"] = sorted(side.value for side in auto)
    if actor in auto:
        pending["asked"] = _asked(game, state)
    return pending


def _asked(game: Game, state: engine.GameState) -> str:
    """Why an automatic side is asked: what the AI manager would do under its standing orders instead of the
    default (from the state only, so the same for every recipient)."""
    assert state.actor is not None
    try:
        return ai_choose_action(state, game_setup(game), game.ai_difficulty, side_orders(game, state.actor)).reason
    except (engine.IllegalAction, ValueError, LookupError):
        return ""


def _default(game: Game, state: engine.GameState) -> dict[str, Any] | None:
    """The action body that applies when the decision window runs out (`games.engine.answers.expiry_answer`; the
    setup, a lineup query, is only needed to read the card of a manual result or to follow standing orders)."""
    try:
        if state.actor is not None and has_orders(game, state.actor):
            orders = side_orders(game, state.actor)
            return action_to_dict(expiry_answer(state, game_setup(game), game.ai_difficulty, orders).action)
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
        "alignment": [{"player": slot.player, "position": slot.position.value} for slot in options.alignment],
        "double_switch": options.double_switch,
    }


def _steal_odds(game: Game, state: engine.GameState) -> list[dict[str, Any]]:
    """Per runner the offense may send (`games.engine.steal.steal_call_odds`): his chance of a good lead, of the
    steal roll once he has one, and of the whole call (safe, out), not held; ``held`` the same if the defense holds
    him (hidden from the offense until the roll). Public: read from the state and the cards."""
    try:
        setup = game_setup(game)
    except (ValueError, LookupError):
        return []
    return [
        {"base": base.label, "runner": runner, **_odds(free), "held": _odds(held)}
        for base, runner, free, held in steal_call_odds(setup, state)
    ]


def _odds(odds: StealOdds) -> dict[str, float]:
    return {
        "jump": round(odds.lead, 4),
        "roll": round(odds.roll, 4),
        "safe": round(odds.safe, 4),
        "out": round(odds.out, 4),
    }


def event_for(row: GameAction, viewer: Viewer) -> dict[str, Any]:
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
                    "legend": dice_legend(event),
                    "why": dice_why(event),
                    "mismatch": mismatch_view(event.get("mismatch")),
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
        "win_probability": row.summary.get("win_probability"),
    }


_TEXTS: OrderedDict[tuple[str, int, Role, frozenset[engine.Side], bool], str] = OrderedDict()

_TEXTS_SIZE = 2_048


def message_text(message: Mapping[str, Any]) -> str:
    """A server message as the JSON text sent on the socket."""
    return json.dumps(message, separators=(",", ":"))


def event_text(fields: Mapping[str, Any], viewer: Viewer) -> str:
    """The `event` message for `viewer` of an action given by its fan-out fields (`games.events.fanout_fields`),
    as text; rendered once per process for each (game, version, role) and shared by every such socket."""
    key = (str(fields["game_id"]), int(fields["version"]), viewer.role, viewer.sides, viewer.commissioner)
    text = _TEXTS.get(key)
    if text is None:
        row = dict(fields)
        context = row.pop("context", None) or {}
        event = event_for(GameAction(**row), viewer)
        # A `pending` means the version was the game's latest when committed (the database path attaches it too).
        if "pending" in context:
            event["pending"] = context["pending"]
        text = _TEXTS[key] = message_text(event)
        while len(_TEXTS) > _TEXTS_SIZE:
            _TEXTS.popitem(last=False)
    return text


def fanout_context(game: Game, state: engine.GameState, deadline: Any) -> dict[str, Any]:
    """What the `event` of `game`'s latest version needs beyond its action row, computed once by the writer (inside
    its transaction, with the decision `deadline` it just stored) for every recipient: the `pending` the database
    path (`games.selectors.live`) would attach."""
    pending = pending_for(game, state, deadline) if game.state else None
    return {"pending": pending}


def scoreboard_group(league_id: int) -> str:
    """The channel-layer group of a league's live scoreboard sockets."""
    return f"scoreboard.{league_id}"


def scoreboard_line(game: Game, summary: Mapping[str, Any]) -> dict[str, Any]:
    """One game's row on its league's scoreboard, from the public `summary` of its latest version (`state_summary`):
    teams, score, inning and half ("Top 3" as `state`, or "Final"), outs, which bases are occupied, and its status."""
    score = summary.get("score") or {"away": game.away_score, "home": game.home_score}
    bases = summary.get("bases") or [None, None, None]
    inning, half = int(summary.get("inning", game.current_inning)), str(summary.get("half", game.current_half))
    live = game.status == GameStatus.ACTIVE
    return {
        "game": str(game.pk),
        "status": str(game.status),
        "away": game.away_team.abbreviation,
        "home": game.home_team.abbreviation,
        "score": {"away": int(score["away"]), "home": int(score["home"])},
        "inning": inning,
        "half": half,
        "state": (f"{'Top' if half == engine.Half.TOP.value else 'Bot'} {inning}") if live else "Final",
        "live": live,
        "outs": int(summary.get("outs", 0)),
        "bases": [runner is not None for runner in bases],
    }


def broadcast_scoreboard(league_id: int, line: Mapping[str, Any]) -> None:
    """Tells a league's scoreboard sockets a game's new row (call after commit)."""
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(scoreboard_group(league_id), {"type": "scoreboard.line", "line": dict(line)})
