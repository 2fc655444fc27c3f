"""The live layer's names for :mod:`games.engine.serialize`: snapshots, events, dice and protocol action bodies.

Protocol action bodies carry their type as ``kind`` (``{"kind": "defense", "infield": "in", "hold": ["R1"]}``);
``serialize`` calls it ``type``. Everything else is serialize's format.

>>> action_to_dict(DefenseDecision(hold=(Base.FIRST,)))
{'kind': 'defense', 'infield': 'normal', 'hold': ['R1'], 'intentional_walk': False}
>>> action_from_dict({"kind": "offense", "steal": ["R1"]})
OffenseDecision(steal=(<Base.FIRST: 1>,), bunt=False, hit_and_run=False)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from games.engine.actions import Action, DefenseDecision  # noqa: F401 - doctest
from games.engine.dice import Rolls
from games.engine.enums import Base  # noqa: F401 - doctest
from games.engine.play import Event, Notice, Play
from games.engine.serialize import action_from_message, action_to_message, from_data, rolls_from_data, to_data
from games.engine.state import GameState

__all__ = [
    "CodecError",
    "action_from_dict",
    "action_to_dict",
    "event_from_dict",
    "event_to_dict",
    "rolls_from_list",
    "rolls_to_list",
    "state_from_dict",
    "state_to_dict",
]


class CodecError(ValueError):
    """A value that does not decode to the expected engine type; the message is meant for the player."""


def _decoded(kind: Any, data: Any, what: str) -> Any:
    try:
        return from_data(kind, data)
    except (ValueError, TypeError, KeyError) as exc:
        raise CodecError(f"malformed {what}: {exc}") from exc


def state_to_dict(state: GameState) -> dict[str, Any]:
    """The JSON snapshot of a state (``Game.state``)."""
    data: dict[str, Any] = to_data(state)
    return data


def state_from_dict(data: Mapping[str, Any]) -> GameState:
    state: GameState = _decoded(GameState, dict(data), "state")
    return state


def rolls_to_list(rolls: Rolls) -> list[list[Any]]:
    """Dice by name in the order rolled: ``[["column", 4], ["row", [3, 5]], ...]``."""
    return [[name.value, list(value) if isinstance(value, tuple) else value] for name, value in rolls]


def rolls_from_list(data: Any) -> Rolls:
    try:
        return rolls_from_data(data)
    except (ValueError, TypeError, IndexError) as exc:
        raise CodecError(f"malformed dice: {exc}") from exc


def event_to_dict(event: Event) -> dict[str, Any]:
    """A play or notice, tagged ``{"event": "play"|"notice", ...}``."""
    data: dict[str, Any] = to_data(event)
    return {"event": "play" if isinstance(event, Play) else "notice", **data}


def event_from_dict(data: Mapping[str, Any]) -> Event:
    body = {k: v for k, v in data.items() if k != "event"}
    kind = data.get("event")
    if kind not in ("play", "notice"):
        raise CodecError(f"unknown event {kind!r}")
    event: Event = _decoded(Play if kind == "play" else Notice, body, kind)
    return event


def action_from_dict(body: Mapping[str, object]) -> Action:
    """The engine action of a protocol ``action`` body (with its ``kind``)."""
    message = {"type": body.get("kind"), **{k: v for k, v in body.items() if k != "kind"}}
    try:
        return action_from_message(message)
    except ValueError as exc:
        raise CodecError(str(exc)) from exc


def action_to_dict(action: Action) -> dict[str, Any]:
    """The protocol body of an engine action; ``action_from_dict`` inverts it."""
    message = action_to_message(action)
    return {"kind": message.pop("type"), **message}
