"""Starting lineup legality (RULES §12, the lineup card): nine batters in batting order 1-9, every position once,
one starting pitcher and the DH rules, checked slot by slot in the messages the lineup form shows. The lineup
form's service checks proposed lineups with it (players, cards and rosters it checks against the database), and
:class:`~games.engine.state.GameSetup` refuses lineups it faults.

>>> errors = lineup_errors([ProposedSlot("a1", "SS", 1, "Ann"), ProposedSlot("b2", "SS", 2, "Bo")], dh=True)
>>> errors["lineup"], errors["slot 2"], errors["position C"]
('needs nine batters in batting order 1-9, each once', 'SS is already taken by Ann', 'nobody plays it')
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from games.engine.cards import FielderRating
from games.engine.enums import FIELDING_POSITIONS, Position
from games.engine.tables import XCHECK_LARGEST_ERROR

__all__ = [
    "FIELD_POSITIONS",
    "OUT_OF_POSITION",
    "ProposedSlot",
    "lineup_errors",
    "out_of_position_warnings",
    "plays_out_of_position",
    "slot_key",
]

FIELD_POSITIONS: tuple[str, ...] = tuple(p.value for p in FIELDING_POSITIONS if p is not Position.P)
"""The eight fielding positions every lineup fills (plus DH with the DH, P without): C, 1B, 2B, 3B, SS, LF, CF, RF."""


def _out_of_position(position: Position) -> FielderRating:
    error = XCHECK_LARGEST_ERROR[position]
    if position is Position.C:
        return FielderRating(range=5, error=error, arm=3, passed_ball=8)
    return FielderRating(range=5, error=error, arm=2 if position.is_outfield else 0)


OUT_OF_POSITION: Mapping[Position, FielderRating] = {
    position: _out_of_position(position) for position in Position if position is not Position.DH
}
"""RULES §12: how a fielder plays a position his card has no rating for: range 5, the largest error rating on
that position's error chart, arm 0 (infield) or +2 (outfield); a catcher also passed_ball 8 and arm +3."""


@dataclass(frozen=True, slots=True)
class ProposedSlot:
    """One entry of a proposed lineup: a player (any hashable id, shown by ``name``; ``name`` None when the
    player is unknown), the position code as submitted and the batting order (None: the pitcher of a DH
    league, who does not bat)."""

    player: Hashable
    position: str
    batting_order: int | None
    name: str | None = ""
    rated: tuple[str, ...] | None = None
    """The positions his card has fielding ratings for, a pitcher's card counting as P; None: not known (not
    checked). A card rated somewhere plays a fielding position it lacks out of position (RULES §12); a card rated
    nowhere (an empty tuple) plays it as a league-average defender."""


def plays_out_of_position(slot: ProposedSlot) -> bool:
    """Whether ``slot`` puts its player at a fielding position his card has no rating for (RULES §12)."""
    return bool(slot.rated) and slot.position in FIELD_POSITIONS and slot.position not in (slot.rated or ())


def slot_key(slot: ProposedSlot, index: int) -> str:
    """The error key of an entry: ``slot N`` by batting order, else ``entry I`` (``index`` counts from 1)."""
    return f"slot {slot.batting_order}" if slot.batting_order else f"entry {index}"


def lineup_errors(slots: Sequence[ProposedSlot], *, dh: bool, out_of_position: bool = True) -> dict[str, str]:
    """What is wrong with a proposed starting lineup, by key: ``lineup`` (the batting order), ``position X``
    (nobody plays X), ``pitcher`` (not exactly one starting pitcher, or he bats with the DH) and
    ``slot N`` / ``entry I`` (:func:`slot_key`) for an unknown player, a player named twice, a position already
    taken (naming who has it), one this league does not use, or (``out_of_position`` off: the league does not play
    RULES §12 out-of-position fielding) a position his card has no rating for. Empty when the lineup is legal."""
    errors: dict[str, str] = {}
    batters = [s for s in slots if s.batting_order is not None]
    pitchers = [s for s in slots if s.position == "P"]
    orders = sorted(s.batting_order for s in batters if s.batting_order is not None)
    if orders != list(range(1, 10)):
        errors["lineup"] = "needs nine batters in batting order 1-9, each once"
    wanted = {*FIELD_POSITIONS, "DH" if dh else "P"}
    for position in sorted(wanted - {s.position for s in batters}):
        errors[f"position {position}"] = "nobody plays it"
    if len(pitchers) != 1:
        errors["pitcher"] = "name exactly one starting pitcher"
    elif dh and pitchers[0].batting_order is not None:
        errors["pitcher"] = "with the DH the pitcher does not bat"
    seen_players: set[Hashable] = set()
    taken: dict[str, str] = {}
    for index, slot in enumerate(slots, 1):
        key = slot_key(slot, index)
        if slot.name is None:
            errors[key] = "unknown player"
            continue
        if slot.player in seen_players:
            errors[key] = f"{slot.name} appears twice"
        seen_players.add(slot.player)
        if slot.batting_order is not None:
            if slot.position in taken:
                holder = taken[slot.position]
                errors[key] = f"{slot.position} is already taken" + (f" by {holder}" if holder else "")
            taken.setdefault(slot.position, slot.name)
            if slot.position not in wanted:
                errors[key] = f"{slot.position} is not a lineup position here"
            elif not out_of_position and plays_out_of_position(slot):
                errors.setdefault(
                    key,
                    f"{slot.name} has no {slot.position} rating, and this league does not play anyone out of position",
                )
    return errors


def out_of_position_warnings(slots: Sequence[ProposedSlot]) -> dict[str, str]:
    """The lineup builder's warnings (RULES §12), by :func:`slot_key`: each player a legal lineup puts at a
    fielding position his card has no rating for, with the ratings he will play it with.

    >>> out_of_position_warnings([ProposedSlot("a1", "SS", 6, "Ann", ("2B",))])
    {'slot 6': 'Ann plays SS out of position: range 5, error 88, arm 0'}
    """
    warnings: dict[str, str] = {}
    for index, slot in enumerate(slots, 1):
        if slot.batting_order is None or not plays_out_of_position(slot):
            continue
        rating = OUT_OF_POSITION[Position(slot.position)]
        arm = f"{rating.arm:+d}" if rating.arm else "0"
        catcher = f", passed ball {rating.passed_ball}" if rating.passed_ball else ""
        warnings[slot_key(slot, index)] = (
            f"{slot.name} plays {slot.position} out of position: range {rating.range}, error {rating.error}, "
            f"arm {arm}{catcher}"
        )
    return warnings
