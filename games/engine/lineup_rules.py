"""Starting lineup legality (RULES §12, the lineup card): nine batters in batting order 1-9, every position once,
one starting pitcher and the DH rules, checked slot by slot in the messages the lineup form shows. The lineup
form's service checks proposed lineups with it (players, cards and rosters it checks against the database), and
:class:`~games.engine.state.GameSetup` refuses lineups it faults.

>>> errors = lineup_errors([ProposedSlot("a1", "SS", 1, "Ann"), ProposedSlot("b2", "SS", 2, "Bo")], dh=True)
>>> errors["lineup"], errors["slot 2"], errors["position C"]
('needs nine batters in batting order 1-9, each once', 'SS is already taken by Ann', 'nobody plays it')
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from games.engine.enums import FIELDING_POSITIONS, Position

__all__ = ["FIELD_POSITIONS", "ProposedSlot", "lineup_errors", "slot_key"]

FIELD_POSITIONS: tuple[str, ...] = tuple(p.value for p in FIELDING_POSITIONS if p is not Position.P)
"""The eight fielding positions every lineup fills (plus DH with the DH, P without): C, 1B, 2B, 3B, SS, LF, CF, RF."""


@dataclass(frozen=True, slots=True)
class ProposedSlot:
    """One entry of a proposed lineup: a player (any hashable id, shown by ``name``; ``name`` None when the
    player is unknown), the position code as submitted and the batting order (None: the pitcher of a DH
    league, who does not bat)."""

    player: Hashable
    position: str
    batting_order: int | None
    name: str | None = ""


def slot_key(slot: ProposedSlot, index: int) -> str:
    """The error key of an entry: ``slot N`` by batting order, else ``entry I`` (``index`` counts from 1)."""
    return f"slot {slot.batting_order}" if slot.batting_order else f"entry {index}"


def lineup_errors(slots: Sequence[ProposedSlot], *, dh: bool) -> dict[str, str]:
    """What is wrong with a proposed starting lineup, by key: ``lineup`` (the batting order), ``position X``
    (nobody plays X), ``pitcher`` (not exactly one starting pitcher, or he bats with the DH) and
    ``slot N`` / ``entry I`` (:func:`slot_key`) for an unknown player, a player named twice, a position already
    taken (naming who has it) or one this league does not use. Empty when the lineup is legal."""
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
    return errors
