"""JSON-ready conversion of engine values (the state snapshot, Play rows, recorded dice) and parsing of the
client's action messages (ARCHITECTURE: ``defense``, ``offense``, ``roll``, ``submit_outcome``, ``decide``,
``forfeit``).

>>> from games.engine.scenarios import demo_setup
>>> from games.engine.state import GameState, new_game
>>> state = new_game(demo_setup())
>>> from_data(GameState, to_data(state)) == state
True
>>> action_from_message({"type": "defense", "infield": "in", "hold": ["R1"]})
DefenseDecision(infield=<InfieldDepth.IN: 'in'>, hold=(<Base.FIRST: 1>,), intentional_walk=False)
>>> action_to_message(Decide(send=(Base.SECOND,)))
{'type': 'decide', 'send': ['R2'], 'throw': True, 'at': None}

The live layer's names (formerly ``codec``): :func:`state_to_dict` / :func:`state_from_dict` for the snapshot
(``Game.state``), :func:`rolls_to_list` / :func:`rolls_from_list` for dice, :func:`event_to_dict` /
:func:`event_from_dict` for tagged plays and notices, and :func:`action_to_dict` / :func:`action_from_dict` for
protocol action bodies, which carry their type as ``kind`` where a client message has ``type``; their decoders
raise :class:`CodecError` with a message meant for the player.

>>> action_to_dict(DefenseDecision(hold=(Base.FIRST,)))
{'kind': 'defense', 'infield': 'normal', 'hold': ['R1'], 'intentional_walk': False}
>>> action_from_dict({"kind": "offense", "steal": ["R1"]})
OffenseDecision(steal=(<Base.FIRST: 1>,), bunt=False, hit_and_run=False)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from collections.abc import Mapping, MutableMapping
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from games.engine.actions import (
    Action,
    Decide,
    DefenseDecision,
    DoubleSwitch,
    Forfeit,
    IllegalAction,
    OffenseDecision,
    PitchingChange,
    Roll,
    SubmitOutcome,
    Substitute,
    SwapPositions,
)
from games.engine.cards import BatterCard, FielderRating, PitcherCard, SplitCard, batting_side, pull_field
from games.engine.dice import Rolls, RollValue
from games.engine.enums import Base, Hand, InfieldDepth, Outcome, Position, RollName, Side
from games.engine.options import RuleOptions
from games.engine.play import Event, Notice, Play
from games.engine.state import GameSetup, GameState, Pending, PendingRoll, Player, TeamSetup

__all__ = [
    "SETUP_FORMAT",
    "CodecError",
    "action_from_dict",
    "action_from_message",
    "action_to_dict",
    "action_to_message",
    "event_from_dict",
    "event_to_dict",
    "from_data",
    "rolls_from_data",
    "rolls_from_list",
    "rolls_to_data",
    "rolls_to_list",
    "setup_from_dict",
    "setup_to_dict",
    "state_from_dict",
    "state_to_dict",
    "to_data",
    "type_hints",
]

T = TypeVar("T")
_TAGGED: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Pending,
        PendingRoll,
        DefenseDecision,
        OffenseDecision,
        Roll,
        SubmitOutcome,
        Decide,
        PitchingChange,
        Substitute,
        SwapPositions,
        DoubleSwitch,
        Forfeit,
    )
}
"""Dataclasses written with a ``_type`` key: members of unions (pending prompts, actions)."""


def to_data(value: Any) -> Any:
    """Plain JSON-ready data: enums by value, dataclasses as objects, tuples as lists. Runner bases
    (:class:`Base`) are written as their labels R1-R3."""
    if isinstance(value, Base):
        return value.label
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {field.name: to_data(getattr(value, field.name)) for field in dataclasses.fields(value)}
        if type(value).__name__ in _TAGGED:
            data["_type"] = type(value).__name__
        return data
    if isinstance(value, tuple | list):
        return [to_data(item) for item in value]
    if isinstance(value, Mapping):
        return {str(to_data(key)): to_data(item) for key, item in value.items()}
    return value


@cache
def type_hints(cls: type) -> dict[str, Any]:
    """The resolved field types of a dataclass (cached)."""
    return typing.get_type_hints(cls)


def from_data(kind: type[T], data: Any) -> T:
    """The inverse of :func:`to_data` for engine dataclasses (raises ValueError on malformed data)."""
    return typing.cast(T, _from(kind, data))


def _from(kind: Any, data: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if data is None:
            if type(None) in options:
                return None
            raise ValueError(f"missing value for {kind}")
        if isinstance(data, dict) and "_type" in data:
            return _from(_TAGGED[data["_type"]], data)
        for option in options:
            if option is type(None):
                continue
            try:
                return _from(option, data)
            except (ValueError, TypeError, KeyError):
                continue
        raise ValueError(f"{data!r} is not a {kind}")
    if origin is tuple:
        args = typing.get_args(kind)
        if not isinstance(data, list | tuple):
            raise ValueError(f"expected a list, got {data!r}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from(args[0], item) for item in data)
        if len(args) != len(data):
            raise ValueError(f"expected {len(args)} items, got {data!r}")
        return tuple(_from(arg, item) for arg, item in zip(args, data, strict=True))
    if kind is Base:
        return Base.from_label(data)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise ValueError(f"expected an object for {kind.__name__}, got {data!r}")
        hints = type_hints(kind)
        values = {f.name: _from(hints[f.name], data[f.name]) for f in dataclasses.fields(kind) if f.name in data}
        return kind(**values)
    if kind is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    if kind in (int, str, bool) and type(data) is kind:
        return data
    if kind is typing.Any or kind is object:
        return data
    raise ValueError(f"{data!r} is not a {getattr(kind, '__name__', kind)}")


def rolls_to_data(rolls: Rolls) -> list[list[Any]]:
    """Recorded dice as ``[[name, value], ...]`` (pairs as two-item lists)."""
    return [[name.value, list(value) if isinstance(value, tuple) else value] for name, value in rolls]


def rolls_from_data(data: Any) -> Rolls:
    rolls: list[tuple[RollName, RollValue]] = []
    for name, value in data:
        rolls.append((RollName(name), (value[0], value[1]) if isinstance(value, list) else int(value)))
    return tuple(rolls)


# -- client action messages ------------------------------------------------------------------------------------

_ACTION_TYPES: dict[str, type] = {
    "defense": DefenseDecision,
    "offense": OffenseDecision,
    "roll": Roll,
    "submit_outcome": SubmitOutcome,
    "decide": Decide,
    "pitching_change": PitchingChange,
    "substitute": Substitute,
    "swap_positions": SwapPositions,
    "double_switch": DoubleSwitch,
    "forfeit": Forfeit,
}
_ACTION_NAMES = {cls: name for name, cls in _ACTION_TYPES.items()}


def action_to_message(action: Action) -> dict[str, Any]:
    """An action as a client message (``type`` plus its fields); SubmitOutcome's fielder is ``location``,
    ``moves`` an object ``{player: position}``; a defensive-move field left at its default is left out."""
    data = to_data(action)
    del data["_type"]
    if isinstance(action, SubmitOutcome):
        data["location"] = data.pop("fielder")
    for optional in ("to", "position"):  # the defensive-move fields are written only when used
        if optional in data and data[optional] is None:
            del data[optional]
    if "moves" in data:
        data["moves"] = dict(data["moves"])
        if not data["moves"] and not isinstance(action, SwapPositions):
            del data["moves"]
    return {"type": _ACTION_NAMES[type(action)], **data}


def _choice(kind: type[Enum], value: Any, what: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(member.value) for member in kind)
        raise IllegalAction(f"unknown {what} {value!r}: use one of {allowed}") from None


def _runners(value: Any, what: str) -> tuple[Base, ...]:
    if not isinstance(value, list | tuple):
        raise IllegalAction(f"{what} must be a list of runners such as ['R1']")
    try:
        return tuple(Base.from_label(item) for item in value)
    except (ValueError, TypeError):
        raise IllegalAction(f"{what} must name runners R1, R2 or R3, got {value!r}") from None


def _flag(message: Mapping[str, Any], name: str, default: bool) -> bool:
    value = message.get(name, default)
    if not isinstance(value, bool):
        raise IllegalAction(f"{name} must be true or false")
    return value


def action_from_message(message: Mapping[str, Any]) -> Action:
    """Parse a client's action message; raises IllegalAction with a readable message when malformed."""
    kind = message.get("type")
    if kind not in _ACTION_TYPES:
        raise IllegalAction(f"unknown action {kind!r}: use one of {', '.join(_ACTION_TYPES)}")
    if kind == "defense":
        return DefenseDecision(
            infield=_choice(InfieldDepth, message.get("infield", "normal"), "infield depth"),
            hold=_runners(message.get("hold", []), "hold"),
            intentional_walk=_flag(message, "intentional_walk", False),
        )
    if kind == "offense":
        return OffenseDecision(
            steal=_runners(message.get("steal", []), "steal"),
            bunt=_flag(message, "bunt", False),
            hit_and_run=_flag(message, "hit_and_run", False),
        )
    if kind == "roll":
        return Roll()
    if kind == "submit_outcome":
        location = message.get("location")
        return SubmitOutcome(
            outcome=_choice(Outcome, message.get("outcome"), "outcome code"),
            fielder=None if location is None else _choice(Position, location, "fielder"),
        )
    if kind == "decide":
        at = message.get("at")
        return Decide(
            send=_runners(message.get("send", []), "send"),
            throw=_flag(message, "throw", True),
            at=None if at is None else _runners([at], "at")[0],
        )
    side = _choice(Side, message.get("side"), "side")
    if kind == "pitching_change":
        return PitchingChange(side=side, pitcher=_player(message, "pitcher"), to=_position(message, "to"))
    if kind == "substitute":
        return Substitute(
            side=side,
            player_out=_player(message, "player_out"),
            player_in=_player(message, "player_in"),
            position=_position(message, "position"),
            moves=_moves(message),
        )
    if kind == "swap_positions":
        return SwapPositions(side=side, moves=_moves(message))
    if kind == "double_switch":
        return DoubleSwitch(
            side=side,
            pitcher=_player(message, "pitcher"),
            player_out=_player(message, "player_out"),
            player_in=_player(message, "player_in"),
            position=_position(message, "position"),
            moves=_moves(message),
        )
    return Forfeit(side=side)


def _position(message: Mapping[str, Any], name: str) -> Position | None:
    value = message.get(name)
    return None if value is None else _choice(Position, value, name)


def _moves(message: Mapping[str, Any]) -> tuple[tuple[str, Position], ...]:
    """``moves`` as ``{player: position}`` (or a list of ``[player, position]`` pairs)."""
    value = message.get("moves", {})
    if isinstance(value, Mapping):
        pairs = list(value.items())
    elif isinstance(value, list) and all(isinstance(item, list | tuple) and len(item) == 2 for item in value):
        pairs = [(item[0], item[1]) for item in value]
    else:
        raise IllegalAction('moves must map players to positions, such as {"a3": "SS"}')
    if len(pairs) > 12:
        raise IllegalAction("moves name at most the players in the game")
    moves = []
    for player, position in pairs:
        if not isinstance(player, str) or not player:
            raise IllegalAction("moves must name players")
        moves.append((player, _choice(Position, position, "position")))
    return tuple(moves)


def _player(message: Mapping[str, Any], name: str) -> str:
    value = message.get(name)
    if not isinstance(value, str) or not value:
        raise IllegalAction(f"{name} must name a player")
    return value


# -- the live layer's names: snapshots, events, dice and protocol action bodies ----------------------------------


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
    """Dice by name in the order rolled: ``[["column", 4], ["row", [3, 5]], ...]`` (:func:`rolls_to_data`)."""
    return rolls_to_data(rolls)


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


# -- the built setup, stored with the game ----------------------------------------------------------------------

SETUP_FORMAT = 1
"""The version of :func:`setup_to_dict`'s format: a stored setup of another format is not read (bump it with any
change to the format or to what a card's chances build)."""

Card = BatterCard | PitcherCard


def _split_data(split: SplitCard) -> list[Any]:
    return [[[name, value] for name, value in split.chances], split.adjustment]


def _card_data(card: Card) -> dict[str, Any]:
    data: dict[str, Any] = {
        field.name: to_data(getattr(card, field.name))
        for field in dataclasses.fields(card)
        if field.name not in ("vs_left", "vs_right")
    }
    data["kind"] = "batting" if isinstance(card, BatterCard) else "pitching"
    data["vs_left"], data["vs_right"] = _split_data(card.vs_left), _split_data(card.vs_right)
    return data


def _card_key(data: Mapping[str, Any]) -> str:
    """A digest of a card's stored data: equal cards have equal keys in every process."""
    return hashlib.blake2b(json.dumps(data, sort_keys=True).encode(), digest_size=12).hexdigest()


def setup_to_dict(setup: GameSetup) -> dict[str, Any]:
    """The JSON form of a built setup, from which :func:`setup_from_dict` rebuilds an equal one without the
    rating checks and card building: the options and teams as :func:`to_data` writes them, each card once (by
    the digest of its data) with each split's adjusted chances, and the players referring to their cards."""
    cards: dict[str, Any] = {}
    players = []

    def card_key(card: Card | None) -> str | None:
        if card is None:
            return None
        data = _card_data(card)
        key = _card_key(data)
        cards[key] = data
        return key

    for player in setup.players.values():
        players.append(
            [
                player.id,
                player.name,
                card_key(player.batting),
                card_key(player.pitching),
                [[position.value, *to_data(rating).values()] for position, rating in player.fielding.items()],
                to_data(player.bats),
                to_data(player.throws),
                player.injury_rating,
                player.pitcher_injury,
                player.series_games,
            ]
        )
    return {
        "format": SETUP_FORMAT,
        "options": to_data(setup.options),
        "away": to_data(setup.away),
        "home": to_data(setup.home),
        "cards": cards,
        "players": players,
    }


def _card_from_data(data: Mapping[str, Any]) -> Card:
    fields = {k: v for k, v in data.items() if k not in ("kind", "vs_left", "vs_right")}
    hand = Hand(fields.pop("hand"))
    (left, left_adjustment), (right, right_adjustment) = data["vs_left"], data["vs_right"]
    if data["kind"] == "batting":
        return BatterCard(
            hand=hand,
            vs_left=SplitCard.of_chances(left, left_adjustment, pull_field(batting_side(hand, Hand.LEFT))),
            vs_right=SplitCard.of_chances(right, right_adjustment, pull_field(batting_side(hand, Hand.RIGHT))),
            **fields,
        )
    return PitcherCard(
        hand=hand,
        vs_left=SplitCard.of_chances(left, left_adjustment),
        vs_right=SplitCard.of_chances(right, right_adjustment),
        **fields,
    )


def setup_from_dict(data: Mapping[str, Any], cards: MutableMapping[str, Any] | None = None) -> GameSetup:
    """The setup :func:`setup_to_dict` stored. ``cards`` (by key) shares decoded cards between setups: a card
    found there is not decoded again, and one decoded is added. Raises CodecError for another format or
    malformed data."""
    if data.get("format") != SETUP_FORMAT:
        raise CodecError(f"stored setup format {data.get('format')!r}, not {SETUP_FORMAT}")
    memo: MutableMapping[str, Any] = {} if cards is None else cards
    try:

        def card(key: str | None) -> Any:
            if key is None:
                return None
            found = memo.get(key)
            if found is None:
                found = memo[key] = _card_from_data(data["cards"][key])
            return found

        players = {}
        for row in data["players"]:
            pid, name, batting, pitching, fielding, bats, throws, injury_rating, pitcher_injury, series_games = row
            players[pid] = Player(
                pid,
                name,
                batting=card(batting),
                pitching=card(pitching),
                fielding={Position(position): FielderRating(*rating) for position, *rating in fielding},
                bats=None if bats is None else Hand(bats),
                throws=None if throws is None else Hand(throws),
                injury_rating=injury_rating,
                pitcher_injury=pitcher_injury,
                series_games=series_games,
            )
        return GameSetup(
            options=from_data(RuleOptions, data["options"]),
            away=from_data(TeamSetup, data["away"]),
            home=from_data(TeamSetup, data["home"]),
            players=players,
        )
    except (ValueError, TypeError, KeyError) as exc:
        raise CodecError(f"malformed stored setup: {exc}") from exc
