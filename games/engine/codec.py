"""JSON codec for the engine: states, actions and events to JSON-able values and back.

States and events are encoded field by field from their dataclass types (enums by value, tuples as lists),
so ``state_from_dict(state_to_dict(s)) == s`` for every reachable state. Actions use the protocol's bodies:

>>> action_to_dict(DefenseDecision(hold=(Base.FIRST,)))
{'kind': 'defense', 'infield': 'normal', 'hold': ['R1'], 'intentional_walk': False}
>>> action_from_dict({"kind": "offense", "steal": ["R1"]})
OffenseDecision(steal=(<Base.FIRST: 1>,), bunt=False, hit_and_run=False)

Bad bodies raise :class:`CodecError` (a ValueError) with a message a player can read.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from functools import cache
from typing import Any, Union

from games.engine.actions import Action, Decide, DefenseDecision, Forfeit, OffenseDecision, Roll, SubmitOutcome
from games.engine.dice import Rolls
from games.engine.enums import Base, InfieldDepth, Outcome, Position, Side
from games.engine.play import Event, Notice, Play
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

JSON = Any


class CodecError(ValueError):
    """A value that does not decode to the expected engine type."""


# -- generic dataclass codec -----------------------------------------------------------------------------------


@cache
def _hints(cls: Any) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.init}


def _encode(value: object) -> JSON:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, Mapping):
        return {_encode(key): _encode(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        return {name: _encode(getattr(value, name)) for name in _hints(cls)}
    raise CodecError(f"cannot encode {type(value).__name__}")


def _decode(tp: Any, data: JSON, where: str) -> Any:
    origin = typing.get_origin(tp)
    if tp is Any or tp is object:
        return data
    if tp is type(None):
        if data is not None:
            raise CodecError(f"{where}: expected null")
        return None
    if origin is Union or origin is types.UnionType:
        return _decode_union(typing.get_args(tp), data, where)
    if origin is tuple:
        return _decode_tuple(typing.get_args(tp), data, where)
    if isinstance(tp, type):
        if issubclass(tp, Enum):
            try:
                return tp(data)
            except ValueError as exc:
                raise CodecError(f"{where}: {data!r} is not a {tp.__name__}") from exc
        if dataclasses.is_dataclass(tp):
            return _decode_dataclass(tp, data, where)
        if tp is float and isinstance(data, int | float) and not isinstance(data, bool):
            return float(data)
        if tp in (int, str, bool) and type(data) is tp:
            return data
    raise CodecError(f"{where}: expected {getattr(tp, '__name__', tp)}, got {data!r}")


def _decode_union(options: tuple[Any, ...], data: JSON, where: str) -> Any:
    if data is None and type(None) in options:
        return None
    errors = []
    for option in options:
        if option is type(None):
            continue
        try:
            return _decode(option, data, where)
        except CodecError as exc:
            errors.append(str(exc))
    raise CodecError("; ".join(errors) or f"{where}: no type fits {data!r}")


def _decode_tuple(args: tuple[Any, ...], data: JSON, where: str) -> tuple[Any, ...]:
    if not isinstance(data, list):
        raise CodecError(f"{where}: expected a list, got {data!r}")
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_decode(args[0], item, f"{where}[{i}]") for i, item in enumerate(data))
    if len(args) != len(data):
        raise CodecError(f"{where}: expected {len(args)} items, got {len(data)}")
    return tuple(_decode(arg, item, f"{where}[{i}]") for i, (arg, item) in enumerate(zip(args, data, strict=True)))


def _decode_dataclass(cls: Any, data: JSON, where: str) -> Any:
    if not isinstance(data, dict):
        raise CodecError(f"{where}: expected an object for {cls.__name__}")
    hints = _hints(cls)
    unknown = set(data) - set(hints)
    if unknown:
        raise CodecError(f"{where}: unexpected field(s) {', '.join(sorted(unknown))} for {cls.__name__}")
    kwargs = {name: _decode(tp, data[name], f"{where}.{name}") for name, tp in hints.items() if name in data}
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise CodecError(f"{where}: {exc}") from exc


# -- states, dice and events -----------------------------------------------------------------------------------


def state_to_dict(state: GameState) -> dict[str, JSON]:
    """The JSON snapshot of a state (``Game.state``)."""
    encoded: dict[str, JSON] = _encode(state)
    pending = state.pending
    if pending is not None:
        encoded["pending"] = {"type": type(pending).__name__, **encoded["pending"]}
    return encoded


def state_from_dict(data: Mapping[str, JSON]) -> GameState:
    """The state a snapshot from :func:`state_to_dict` describes; CodecError when it is malformed."""
    body = dict(data)
    pending = body.get("pending")
    if isinstance(pending, dict):
        body["pending"] = {k: v for k, v in pending.items() if k != "type"}
        kind = pending.get("type")
        hints = dict(_hints(GameState))
        options = {t.__name__: t for t in typing.get_args(hints["pending"]) if t is not type(None)}
        if kind not in options:
            raise CodecError(f"state.pending: unknown type {kind!r}")
        pending_value = _decode(options[kind], body.pop("pending"), "state.pending")
        without: GameState = _decode(GameState, body, "state")
        return dataclasses.replace(without, pending=pending_value)
    decoded: GameState = _decode(GameState, body, "state")
    return decoded


def rolls_to_list(rolls: Rolls) -> list[list[JSON]]:
    """Dice by name in the order rolled: ``[["column", 4], ["row", [3, 5]], ...]``."""
    return [[name.value, list(value) if isinstance(value, tuple) else value] for name, value in rolls]


def rolls_from_list(data: JSON) -> Rolls:
    decoded: Rolls = _decode(Rolls, data, "rolls")
    return decoded


def event_to_dict(event: Event) -> dict[str, JSON]:
    """A play or notice, tagged ``{"event": "play"|"notice", ...}``."""
    encoded: dict[str, JSON] = _encode(event)
    return {"event": "play" if isinstance(event, Play) else "notice", **encoded}


def event_from_dict(data: Mapping[str, JSON]) -> Event:
    body = {k: v for k, v in data.items() if k != "event"}
    kind = data.get("event")
    if kind == "play":
        play: Play = _decode(Play, body, "play")
        return play
    if kind == "notice":
        notice: Notice = _decode(Notice, body, "notice")
        return notice
    raise CodecError(f"unknown event {kind!r}")


# -- actions ---------------------------------------------------------------------------------------------------


def _enum(cls: type[Enum], value: object, name: str) -> Any:
    try:
        return cls(value)
    except ValueError as exc:
        choices = ", ".join(str(member.value) for member in cls)
        raise CodecError(f"{name} must be one of {choices}, got {value!r}") from exc


def _bases(value: object, name: str) -> tuple[Base, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise CodecError(f'{name} must be a list of runners like ["R1", "R2"]')
    try:
        return tuple(Base.from_label(item) for item in value)
    except ValueError as exc:
        raise CodecError(f"{name}: {exc}") from exc


def _flag(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise CodecError(f"{name} must be true or false")
    return value


def _check_keys(body: Mapping[str, object], kind: str, allowed: set[str]) -> None:
    unknown = set(body) - allowed - {"kind"}
    if unknown:
        raise CodecError(f"{kind}: unexpected field(s) {', '.join(sorted(unknown))}")


def _defense(body: Mapping[str, object]) -> Action:
    _check_keys(body, "defense", {"infield", "hold", "intentional_walk"})
    return DefenseDecision(
        infield=_enum(InfieldDepth, body.get("infield", "normal"), "infield"),
        hold=_bases(body.get("hold", []), "hold"),
        intentional_walk=_flag(body.get("intentional_walk", False), "intentional_walk"),
    )


def _offense(body: Mapping[str, object]) -> Action:
    _check_keys(body, "offense", {"steal", "bunt", "hit_and_run"})
    return OffenseDecision(
        steal=_bases(body.get("steal", []), "steal"),
        bunt=_flag(body.get("bunt", False), "bunt"),
        hit_and_run=_flag(body.get("hit_and_run", False), "hit_and_run"),
    )


def _roll(body: Mapping[str, object]) -> Action:
    _check_keys(body, "roll", set())
    return Roll()


def _submit(body: Mapping[str, object]) -> Action:
    _check_keys(body, "submit_outcome", {"outcome", "location", "fielder"})
    fielder = body.get("fielder", body.get("location"))
    return SubmitOutcome(
        outcome=_enum(Outcome, body.get("outcome"), "outcome"),
        fielder=None if fielder is None else _enum(Position, fielder, "location"),
    )


def _decide(body: Mapping[str, object]) -> Action:
    _check_keys(body, "decide", {"send", "throw", "at"})
    at = body.get("at")
    bases = _bases([at], "at") if at is not None else (None,)
    return Decide(send=_bases(body.get("send", []), "send"), throw=_flag(body.get("throw", True), "throw"), at=bases[0])


def _forfeit(body: Mapping[str, object]) -> Action:
    _check_keys(body, "forfeit", {"side"})
    return Forfeit(side=_enum(Side, body.get("side"), "side"))


_DECODERS: dict[str, Callable[[Mapping[str, object]], Action]] = {
    "defense": _defense,
    "offense": _offense,
    "roll": _roll,
    "submit_outcome": _submit,
    "decide": _decide,
    "forfeit": _forfeit,
}


def action_from_dict(body: Mapping[str, object]) -> Action:
    """The engine action of a protocol ``action`` body (with its ``kind``)."""
    kind = body.get("kind")
    decoder = _DECODERS.get(kind) if isinstance(kind, str) else None
    if decoder is None:
        raise CodecError(f"unknown action kind {kind!r}; expected one of {', '.join(_DECODERS)}")
    return decoder(body)


def action_to_dict(action: Action) -> dict[str, JSON]:
    """The protocol body of an engine action; ``action_from_dict`` inverts it."""
    if isinstance(action, DefenseDecision):
        return {
            "kind": "defense",
            "infield": action.infield.value,
            "hold": [b.label for b in action.hold],
            "intentional_walk": action.intentional_walk,
        }
    if isinstance(action, OffenseDecision):
        return {
            "kind": "offense",
            "steal": [b.label for b in action.steal],
            "bunt": action.bunt,
            "hit_and_run": action.hit_and_run,
        }
    if isinstance(action, Roll):
        return {"kind": "roll"}
    if isinstance(action, SubmitOutcome):
        return {
            "kind": "submit_outcome",
            "outcome": action.outcome.value,
            "fielder": None if action.fielder is None else action.fielder.value,
        }
    if isinstance(action, Decide):
        return {
            "kind": "decide",
            "send": [b.label for b in action.send],
            "throw": action.throw,
            "at": None if action.at is None else action.at.label,
        }
    return {"kind": "forfeit", "side": action.side.value}
