"""Standing orders: how a manager wants his team run when the server decides for it (an AI side, an automatic
side's decisions, an expired decision window), and which kinds of decision he leaves to the server.

The orders change only which action is chosen, never how an action resolves, so replaying a game's recorded
actions needs none of them. Pure: no Django.

>>> orders = orders_from_dict({"steal": "never", "relieve_from_inning": 6, "automatic": ["defense"]})
>>> orders.steal, orders.relieve_from_inning, sorted(kind.value for kind in orders.automatic)
(<Tendency.NEVER: 'never'>, 6, ['defense'])
>>> orders_from_dict(orders_to_dict(orders)) == orders
True
>>> orders_from_dict({"steal": "often"})
Traceback (most recent call last):
...
ValueError: steal: 'often' is not one of never, less, normal, more
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any

from games.engine.actions import (
    Action,
    Decide,
    DefenseDecision,
    DoubleSwitch,
    OffenseDecision,
    PitchingChange,
    Substitute,
    SwapPositions,
)
from games.engine.enums import Position


class Tendency(Enum):
    """How often the server makes a move: never, less or more often than the AI manager would, or as it would."""

    NEVER = "never"
    LESS = "less"
    NORMAL = "normal"
    MORE = "more"


class InfieldPolicy(Enum):
    """``situational``: in late when the run on third ties or decides it (the AI's way); ``never``: always at
    normal depth; ``runner_on_third``: in whenever a runner is on third with fewer than two out."""

    SITUATIONAL = "situational"
    NEVER = "never"
    RUNNER_ON_THIRD = "runner_on_third"


class HoldPolicy(Enum):
    """``threats``: hold a runner who is likely to steal (the AI's way); ``always``: every runner with the base
    ahead open; ``never``."""

    THREATS = "threats"
    ALWAYS = "always"
    NEVER = "never"


class DecisionKind(Enum):
    """The kinds of decision a manager can leave to the server (his orders' ``automatic``)."""

    DEFENSE = "defense"
    """Infield depth, holding runners, intentional walks."""
    OFFENSE = "offense"
    """Steals, bunts, hit-and-runs."""
    BASERUNNING = "baserunning"
    """Sending runners, and where the defense throws."""
    SUBSTITUTIONS = "substitutions"
    """Pitching changes, pinch hitters and runners, defensive replacements and switches."""


def decision_kind(action: Action) -> DecisionKind | None:
    """The kind of decision `action` answers (None for a roll, a result or a forfeit)."""
    if isinstance(action, DefenseDecision):
        return DecisionKind.DEFENSE
    if isinstance(action, OffenseDecision):
        return DecisionKind.OFFENSE
    if isinstance(action, Decide):
        return DecisionKind.BASERUNNING
    if isinstance(action, PitchingChange | Substitute | SwapPositions | DoubleSwitch):
        return DecisionKind.SUBSTITUTIONS
    return None


@dataclass(frozen=True, slots=True)
class StandingOrders:
    """A team's standing orders. The defaults are the AI manager's own judgement with nothing automatic."""

    infield: InfieldPolicy = InfieldPolicy.SITUATIONAL
    hold: HoldPolicy = HoldPolicy.THREATS
    steal: Tendency = Tendency.NORMAL
    bunt: Tendency = Tendency.NORMAL
    hit_and_run: Tendency = Tendency.NORMAL
    intentional_walk: Tendency = Tendency.NORMAL
    pinch_hit: Tendency = Tendency.NORMAL
    relieve_from_inning: int = 1
    """No voluntary pitching change before this inning (a change the rules require is still made)."""
    closer: str = ""
    """The player id of the closer: saved for save situations in the ninth (``""``: the AI picks by rating)."""
    left_specialist: str = ""
    """The player id of a left-handed specialist: brought in, late, when a change is made to face a left-handed
    batter."""
    automatic: frozenset[DecisionKind] = field(default_factory=frozenset)
    """Kinds of decision the server makes at once for an automatic side, even when they are not routine."""
    depth: tuple[tuple[Position, tuple[str, ...]], ...] = ()
    """The depth chart: per fielding position, the player ids of its backups in order. A late defensive
    replacement takes the first listed backup who is a better glove there before anyone else."""

    def backups(self, position: Position) -> tuple[str, ...]:
        return next((players for at, players in self.depth if at is position), ())


NO_ORDERS = StandingOrders()
LAST_INNING = 9


def _choice(name: str, value: Any, kind: type[Enum]) -> Any:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(member.value) for member in kind)
        raise ValueError(f"{name}: {value!r} is not one of {allowed}") from None


def orders_from_dict(data: Mapping[str, Any]) -> StandingOrders:
    """Standing orders from their stored form (:func:`orders_to_dict`); a missing key takes its default. Raises
    ValueError naming the field for an unknown key or a bad value."""
    known = {f.name: f for f in fields(StandingOrders)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ValueError(f"{unknown[0]}: not a standing order")
    values: dict[str, Any] = {}
    for name, value in data.items():
        default = getattr(NO_ORDERS, name)
        if isinstance(default, Enum):
            values[name] = _choice(name, value, type(default))
        elif name == "relieve_from_inning":
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= LAST_INNING:
                raise ValueError(f"{name}: an inning from 1 to {LAST_INNING}")
            values[name] = value
        elif name == "automatic":
            if not isinstance(value, list | tuple):
                raise ValueError(f"{name}: a list of decision kinds")
            values[name] = frozenset(_choice(name, item, DecisionKind) for item in value)
        elif name == "depth":
            values[name] = _depth(value)
        else:
            if not isinstance(value, str) or len(value) > 64:
                raise ValueError(f"{name}: a player id")
            values[name] = value
    return StandingOrders(**values)


def _depth(value: Any) -> tuple[tuple[Position, tuple[str, ...]], ...]:
    if not isinstance(value, Mapping):
        raise ValueError("depth: a mapping of positions to lists of player ids")
    chart = []
    for position, players in value.items():
        at = _choice("depth", position, Position)
        if at in (Position.P, Position.DH):
            raise ValueError(f"depth: {position} is not a fielding position")
        if not isinstance(players, list | tuple) or not all(isinstance(p, str) and 0 < len(p) <= 64 for p in players):
            raise ValueError(f"depth: {position} needs a list of player ids")
        if players:
            chart.append((at, tuple(players)))
    return tuple(sorted(chart, key=lambda entry: entry[0].value))


def orders_to_dict(orders: StandingOrders) -> dict[str, Any]:
    """The stored form of `orders`: only what differs from the defaults."""
    stored: dict[str, Any] = {}
    for f in fields(StandingOrders):
        value = getattr(orders, f.name)
        if value == getattr(NO_ORDERS, f.name):
            continue
        if isinstance(value, Enum):
            stored[f.name] = value.value
        elif isinstance(value, frozenset):
            stored[f.name] = sorted(kind.value for kind in value)
        elif f.name == "depth":
            stored[f.name] = {position.value: list(players) for position, players in value}
        else:
            stored[f.name] = value
    return stored
