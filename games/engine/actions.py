"""Actions a side can take, and the errors an illegal one raises (a rejected action changes nothing)."""

from __future__ import annotations

from dataclasses import dataclass

from games.engine.enums import Base, InfieldDepth, Outcome, Position, Side


class IllegalAction(ValueError):
    """An action the rules do not allow now; the message is meant for the player."""


class WrongPhase(IllegalAction):
    """The action does not match whose turn it is / what the game waits for."""


class IllegalDecision(IllegalAction):
    """A defensive or offensive decision the base/out state does not allow."""


class IllegalOutcome(IllegalAction):
    """A submitted card result that is unknown or has a missing or impossible fielder."""


@dataclass(frozen=True, slots=True)
class DefenseDecision:
    """Defense before the pitch (RULES §9). Default: normal depth, no holds, pitch to the batter."""

    infield: InfieldDepth = InfieldDepth.NORMAL
    hold: tuple[Base, ...] = ()
    intentional_walk: bool = False


@dataclass(frozen=True, slots=True)
class OffenseDecision:
    """Offense before the pitch (RULES §10). Default: no steal, swing away."""

    steal: tuple[Base, ...] = ()
    bunt: bool = False
    hit_and_run: bool = False


@dataclass(frozen=True, slots=True)
class Roll:
    """Roll the dice for what comes next: a called steal, a bunt, or the at-bat."""


@dataclass(frozen=True, slots=True)
class SubmitOutcome:
    """Manual resolution: the printed card result under the rolled dice, with its fielder where printed."""

    outcome: Outcome
    fielder: Position | None = None


@dataclass(frozen=True, slots=True)
class Decide:
    """An answer to a running prompt. In the SEND phase the offense names the runners it sends (by the base
    they started the play on); in the THROW phase the defense throws (at ``at``, default the lead runner sent)
    or lets them go."""

    send: tuple[Base, ...] = ()
    throw: bool = True
    at: Base | None = None


Moves = tuple[tuple[str, Position], ...]
"""(player id, new position) pairs of a defensive move (RULES §12)."""


@dataclass(frozen=True, slots=True)
class PitchingChange:
    """Between plays, ``side`` brings in ``pitcher`` from its bullpen (without the DH he takes the pitcher's
    batting slot). With ``to`` the old pitcher leaves the mound for that field position instead of the game
    (RULES §12): the fielder there leaves, and his batting slot goes to the new pitcher (without the DH) or to
    the old pitcher (with the DH, where the pitcher does not bat)."""

    side: Side
    pitcher: str
    to: Position | None = None


@dataclass(frozen=True, slots=True)
class Substitute:
    """Between plays, ``side`` replaces ``player_out`` (in the lineup or on base) with ``player_in`` from its
    bench: pinch hitter, pinch runner or defensive replacement. He takes the batting slot and the position,
    or (the team in the field, RULES §12) ``position``, with ``moves`` placing the fielders it displaces."""

    side: Side
    player_out: str
    player_in: str
    position: Position | None = None
    moves: Moves = ()


@dataclass(frozen=True, slots=True)
class SwapPositions:
    """Between plays, the team in the field moves players already in the game to new positions (RULES §12):
    ``moves`` gives each moving player's new position; every fielder must end at a distinct position. The
    pitcher leaves the mound only with a pitching change (:class:`PitchingChange` ``to``)."""

    side: Side
    moves: Moves


@dataclass(frozen=True, slots=True)
class DoubleSwitch:
    """Between plays, without the DH, the team in the field brings in ``pitcher`` and ``player_in`` together
    (RULES §12): ``player_out`` leaves, the new pitcher takes the mound and ``player_out``'s batting slot, and
    ``player_in`` takes the pitcher's batting slot at ``player_out``'s position (or ``position``, with ``moves``
    placing the fielders it displaces)."""

    side: Side
    pitcher: str
    player_out: str
    player_in: str
    position: Position | None = None
    moves: Moves = ()


@dataclass(frozen=True, slots=True)
class Forfeit:
    """``side`` forfeits the game."""

    side: Side


Action = (
    DefenseDecision
    | OffenseDecision
    | Roll
    | SubmitOutcome
    | Decide
    | PitchingChange
    | Substitute
    | SwapPositions
    | DoubleSwitch
    | Forfeit
)
