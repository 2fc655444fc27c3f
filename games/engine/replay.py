"""Replaying recorded actions with their recorded dice (the recorded actions are the source of truth): the one
replay live play, its corrections, the game log and the tests use.

:func:`replay_steps` re-applies recorded (action, dice) pairs from a new game (or a given state), every play's
``wpa`` filled in as live play stores it (:func:`~games.engine.win_expectancy.apply_annotated`), and hands each
step to a callback with the dice it actually used. From ``lenient_from`` on a roll that was not recorded comes
from the ``fresh`` dice (:class:`~games.engine.dice.LenientReplayDice`), as after a commissioner's correction.
:func:`replay` is the strict form (every recorded die used, nothing unrecorded), :func:`correct` a correction.

>>> from games.engine.scenarios import demo_setup
>>> from games.engine.dice import SeededDice
>>> setup = demo_setup()
>>> game = Recorder(setup)
>>> while not game.state.game_over:
...     _ = game.play(defaults_for(game.state), SeededDice(len(game.log)))
>>> replay(setup, game.log)[-1] == game.state
True
>>> used = []
>>> final = replay_steps(setup, game.log, lambda index, step, rolls: used.append(rolls))
>>> final == game.state and used == [entry.rolls for entry in game.log]
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from games.engine.actions import Action
from games.engine.dice import Dice, DiceError, LenientReplayDice, RecordingDice, ReplayDice, Rolls
from games.engine.game import Step, apply, defaults_for
from games.engine.state import GameSetup, GameState, new_game
from games.engine.win_expectancy import apply_annotated

__all__ = [
    "OnStep",
    "RecordedAction",
    "Recorder",
    "ReplayError",
    "correct",
    "defaults_for",
    "replay",
    "replay_steps",
]


class ReplayError(DiceError):
    """A recorded action did not use exactly its recorded dice."""


@dataclass(frozen=True, slots=True)
class RecordedAction:
    """An applied action and every die it rolled: what a Play row stores."""

    action: Action
    rolls: Rolls


OnStep = Callable[[int, Step, Rolls], None]
"""Called after each replayed action with its index (0-based), its step (plays with ``wpa``) and the dice it
actually used, in the order rolled."""


def replay_steps(
    setup: GameSetup,
    recorded: Iterable[RecordedAction | tuple[Action, Rolls]],
    on_step: OnStep | None = None,
    *,
    start: GameState | None = None,
    lenient_from: int | None = None,
    fresh: Dice | None = None,
) -> GameState:
    """The state after re-applying ``recorded`` from ``start`` (default: a new game), each action with its
    recorded dice. Before index ``lenient_from`` (never, when None) a roll that was not recorded raises
    :class:`~games.engine.dice.DiceError`; from it on the roll comes from ``fresh``. Recorded dice an action
    leaves unused are not an error here (``on_step`` sees what was used). Illegal actions raise as ``apply``
    raises them.

    >>> from games.engine.scenarios import demo_setup
    >>> from games.engine.actions import DefenseDecision, OffenseDecision, Roll
    >>> from games.engine.dice import ScriptedDice
    >>> setup = demo_setup()
    >>> pitch = [(DefenseDecision(), ()), (OffenseDecision(), ()), (Roll(), ())]
    >>> replay_steps(setup, pitch)
    Traceback (most recent call last):
    ...
    games.engine.dice.DiceError: replay asked for a column roll that was not recorded
    >>> used = []
    >>> state = replay_steps(setup, pitch, lambda i, step, rolls: used.append(rolls), lenient_from=2,
    ...                      fresh=ScriptedDice({"column": 1, "row": [1, 1], "split": 1}))
    >>> [name.value for name, _ in used[2]][:3], state.plays
    (['column', 'row', 'split'], 1)
    """
    if lenient_from is not None and fresh is None:
        raise ValueError("a lenient replay needs the fresh dice to roll what was not recorded")
    state = start if start is not None else new_game(setup)
    for index, entry in enumerate(recorded):
        action, rolls = (entry.action, entry.rolls) if isinstance(entry, RecordedAction) else entry
        if lenient_from is not None and index >= lenient_from:
            assert fresh is not None
            source: Dice = LenientReplayDice(rolls, fresh)
        else:
            source = ReplayDice(rolls)
        dice = RecordingDice(source)
        step = apply_annotated(setup, state, action, dice)
        if on_step is not None:
            on_step(index, step, dice.rolls)
        state = step.state
    return state


def replay(setup: GameSetup, recorded: Iterable[RecordedAction], start: GameState | None = None) -> list[GameState]:
    """The state after each recorded action, re-applied from ``start`` (default: a new game) with its
    recorded dice. Raises ReplayError if an action asks for an unrecorded roll or leaves one unused."""
    entries = list(recorded)
    states: list[GameState] = []

    def check(index: int, step: Step, used: Rolls) -> None:
        if len(used) != len(entries[index].rolls):
            raise ReplayError(f"action {index + 1} left recorded dice unused")
        states.append(step.state)

    try:
        replay_steps(setup, entries, check, start=start)
    except ReplayError:
        raise
    except DiceError as exc:
        raise ReplayError(f"action {len(states) + 1}: {exc}") from exc
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
    Raises ReplayError when the actions before ``index`` do not replay exactly, IllegalAction if a later
    recorded action is no longer legal."""
    log = list(recorded[:index])
    start = replay(setup, log)[-1] if index else None
    changed = [RecordedAction(action, recorded[index].rolls), *recorded[index + 1 :]]

    def keep(number: int, step: Step, used: Rolls) -> None:
        log.append(RecordedAction(changed[number].action, used))

    state = replay_steps(setup, changed, keep, start=start, lenient_from=0, fresh=fallback)
    return state, log
