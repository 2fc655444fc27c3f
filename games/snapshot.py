"""The engine state stored on a Game row (its snapshot), decoded once per process while the row is unchanged, and
what everyone may see of it."""

from __future__ import annotations

from typing import Any

from games import engine
from games.engine.serialize import state_from_dict
from games.engine.win_expectancy import home_win, league_table
from games.models import Game

_STATES: dict[str, tuple[int, dict[str, Any], engine.GameState]] = {}


def game_state(game: Game) -> engine.GameState:
    """The engine state of `game`'s snapshot, decoded once per process while the row's snapshot is unchanged
    (the cached copy is compared with the row just read, so a correction made elsewhere is never missed)."""
    cached = _STATES.get(str(game.pk))
    if cached is not None and cached[0] == game.version and cached[1] == game.state:
        return cached[2]
    state = state_from_dict(game.state)
    remember_state(game, state)
    return state


def remember_state(game: Game, state: engine.GameState) -> None:
    _STATES[str(game.pk)] = (game.version, game.state, state)


def forget_state(game_id: Any) -> None:
    """Drops the decoded snapshot of a game rewritten elsewhere in this process (corrections, recompute)."""
    _STATES.pop(str(game_id), None)


def state_summary(state: engine.GameState, *, innings: int, win_table: str) -> dict[str, Any]:
    """What everyone may see of a state: score, inning, outs, bases, who is up, whose turn, and the home side's
    win probability (the engine's `home_win` on the league's `win_table` for a game of `innings`), written once
    with the action."""
    actor = state.actor
    return {
        "inning": state.inning,
        "half": state.half.value,
        "outs": state.outs,
        "bases": list(state.bases),
        "score": {"away": state.score[0], "home": state.score[1]},
        "hits": {"away": state.hits[0], "home": state.hits[1]},
        "errors": {"away": state.errors[0], "home": state.errors[1]},
        "runs_by_inning": {"away": list(state.runs_by_inning[0]), "home": list(state.runs_by_inning[1])},
        "batter": state.batter,
        "pitcher": state.pitcher,
        "phase": state.phase.value,
        "actor": actor.value if actor else None,
        "winner": state.winner.value if state.winner else None,
        "win_probability": round(home_win(state, innings, league_table(win_table)), 4),
    }
