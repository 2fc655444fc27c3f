"""Replaying recorded actions with their recorded dice (ARCHITECTURE: the plays are the source of truth).

>>> from games.engine.scenarios import demo_setup
>>> from games.engine.dice import SeededDice
>>> setup = demo_setup()
>>> game = Recorder(setup)
>>> while not game.state.game_over:
...     _ = game.play(defaults_for(game.state), SeededDice(len(game.log)))
>>> replay(setup, game.log)[-1] == game.state
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from games.engine.actions import Action
from games.engine.dice import Dice, DiceError, ReplayDice, Rolls
from games.engine.game import Step, apply, defaults_for
from games.engine.state import GameSetup, GameState, new_game

__all__ = ["RecordedAction", "Recorder", "ReplayError", "correct", "defaults_for", "replay"]


class ReplayError(DiceError):
    """A recorded action did not use exactly its recorded dice."""


@dataclass(frozen=True, slots=True)
class RecordedAction:
    """An applied action and every die it rolled: what a Play row stores."""

    action: Action
    rolls: Rolls


def replay(setup: GameSetup, recorded: Iterable[RecordedAction], start: GameState | None = None) -> list[GameState]:
    """The state after each recorded action, re-applied from ``start`` (default: a new game) with its
    recorded dice. Raises ReplayError if an action asks for an unrecorded roll or leaves one unused."""
    state = start if start is not None else new_game(setup)
    states = []
    for number, entry in enumerate(recorded, start=1):
        dice = ReplayDice(entry.rolls)
        try:
            state = apply(setup, state, entry.action, dice).state
        except DiceError as exc:
            raise ReplayError(f"action {number}: {exc}") from exc
        if not dice.exhausted:
            raise ReplayError(f"action {number} left recorded dice unused")
        states.append(state)
    return states


class Recorder:
    """A game in memory that logs each applied action with its dice (for simulations and tests)."""

    __slots__ = ("log", "setup", "state")

    def __init__(self, setup: GameSetup, state: GameState | None = None) -> None:
        self.setup = setup
        self.state = state if state is not None else new_game(setup)
        self.log: list[RecordedAction] = []

    def play(self, action: Action, dice: Dice) -> Step:
        step = apply(self.setup, self.state, action, dice)
        self.state = step.state
        self.log.append(RecordedAction(action, step.rolls))
        return step


def correct(
    setup: GameSetup, recorded: Sequence[RecordedAction], index: int, action: Action, fallback: Dice
) -> tuple[GameState, list[RecordedAction]]:
    """A commissioner's correction (RULES §12): action ``index`` becomes ``action`` and the game is replayed
    from there with the recorded dice; a roll the new course needs that was not recorded comes from
    ``fallback``, recorded rolls it no longer needs are dropped. Returns the final state and the new log.
    Raises IllegalAction if a later recorded action is no longer legal."""
    recorder = Recorder(setup, replay(setup, recorded[:index])[-1] if index else None)
    recorder.log = list(recorded[:index])
    for number, entry in enumerate(recorded[index:], start=index):
        chosen = action if number == index else entry.action
        recorder.play(chosen, ReplayDice(entry.rolls, fallback))
    return recorder.state, recorder.log
