"""What the side to act may choose now: one place for decision legality (RULES §8-§10), used by the
engine's validation and offered to UIs and AIs.

>>> from games.engine.scenarios import demo_setup
>>> from games.engine.state import new_game
>>> choices(new_game(demo_setup())).depths
(<InfieldDepth.NORMAL: 'normal'>, <InfieldDepth.CORNERS_IN: 'corners_in'>)
"""

from __future__ import annotations

from dataclasses import dataclass

from games.engine.enums import Base, InfieldDepth, Phase, Position
from games.engine.fatigue import available_pitchers, change_needed
from games.engine.state import GameState, LineupSlot, Pending


def can_play_in(state: GameState) -> bool:
    """Infield in needs a runner on third and fewer than two outs."""
    return state.bases[2] is not None and state.outs < 2


def can_bunt(state: GameState) -> bool:
    """A sacrifice bunt needs runners on base and fewer than two outs."""
    return any(state.bases) and state.outs < 2


def can_hit_and_run(state: GameState) -> bool:
    """The hit-and-run needs a runner on first and fewer than two outs."""
    return state.bases[0] is not None and state.outs < 2


def holdable(state: GameState) -> tuple[Base, ...]:
    """Runners the defense may hold: those on first and second."""
    return tuple(base for base in (Base.FIRST, Base.SECOND) if state.runner(base) is not None)


def steal_calls(state: GameState) -> tuple[tuple[Base, ...], ...]:
    """Legal steal calls: each runner on first or second with the next base open, and the double steal."""
    r1, r2, r3 = (state.runner(base) is not None for base in Base)
    calls: list[tuple[Base, ...]] = []
    if r2 and not r3:
        calls.append((Base.SECOND,))
    if r1 and not r2:
        calls.append((Base.FIRST,))
    if r1 and r2 and not r3:
        calls.append((Base.SECOND, Base.FIRST))
    return tuple(calls)


@dataclass(frozen=True, slots=True)
class Choices:
    """The options of the side to act. ``send``: runners the offense may send, lead first (the trailing one
    only with the lead); ``throw_at``: runners the defense may throw at; ``pitchers``: who the defense may
    bring in (its bullpen pitchers still available); ``must_change``: why it must change pitchers before
    anything else (RULES §11; "" when it need not); ``alignment``: the team in the field's batting order with
    positions, for its defensive moves (RULES §12); ``double_switch``: whether it may make one now (no DH: its
    pitcher's slot is in the order, and a pitcher is available)."""

    depths: tuple[InfieldDepth, ...] = ()
    holds: tuple[Base, ...] = ()
    intentional_walk: bool = False
    steals: tuple[tuple[Base, ...], ...] = ()
    bunt: bool = False
    hit_and_run: bool = False
    send: tuple[Base, ...] = ()
    throw_at: tuple[Base, ...] = ()
    pitchers: tuple[str, ...] = ()
    must_change: str = ""
    alignment: tuple[LineupSlot, ...] = ()
    double_switch: bool = False


def choices(state: GameState) -> Choices:
    """What the side to act may choose now."""
    phase = state.phase
    if phase is Phase.DEFENSE:
        depths: tuple[InfieldDepth, ...] = (InfieldDepth.NORMAL, InfieldDepth.CORNERS_IN)
        if can_play_in(state):
            depths = (*depths, InfieldDepth.IN)
        pitchers = available_pitchers(state.fielding)
        alignment = state.fielding.lineup
        switch = bool(pitchers) and any(slot.position is Position.P for slot in alignment)
        reason = change_needed(state)
        if reason and pitchers:
            return Choices(pitchers=pitchers, must_change=reason, alignment=alignment, double_switch=switch)
        return Choices(
            depths=depths,
            holds=holdable(state),
            intentional_walk=True,
            pitchers=pitchers,
            alignment=alignment,
            double_switch=switch,
        )
    if phase is Phase.OFFENSE:
        return Choices(steals=steal_calls(state), bunt=can_bunt(state), hit_and_run=can_hit_and_run(state))
    pending = state.pending
    if phase is Phase.SEND and isinstance(pending, Pending):
        return Choices(send=pending.candidates)
    if phase is Phase.THROW and isinstance(pending, Pending):
        return Choices(throw_at=pending.sent)
    return Choices()
