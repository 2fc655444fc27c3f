"""Dice asked for rolls by name (RULES §1).

Every source implements :class:`Dice`: ``roll(name)`` for a single value (d6, d20, d100 or a 3d6 total) and
``pair(name)`` for the two kept-apart dice of ``row`` and ``lead``.

>>> dice = ScriptedDice({"range": [6, 7], "row": [3, 4]})
>>> dice.roll(RollName.RANGE), dice.roll(RollName.RANGE), dice.pair(RollName.ROW)
(6, 7, (3, 4))
>>> recorder = RecordingDice(SeededDice(1))
>>> rolled = recorder.roll(RollName.SPLIT)
>>> ReplayDice(recorder.rolls).roll(RollName.SPLIT) == rolled
True
>>> lenient = LenientReplayDice(((RollName.SPLIT, 7),), ScriptedDice({"split": 3}))
>>> lenient.roll(RollName.SPLIT), lenient.roll(RollName.SPLIT)
(7, 3)
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable, Mapping
from typing import Protocol

from games.engine.enums import PAIR_ROLLS, ROLL_SIDES, THREE_D6_ROLLS, RollName

RollValue = int | tuple[int, int]
Rolls = tuple[tuple[RollName, RollValue], ...]
"""Recorded dice in the order rolled: (name, value); pair rolls are (die1, die2), 3d6 rolls their total."""


class Dice(Protocol):
    def roll(self, name: RollName) -> int:
        """One value for a single-valued roll."""
        ...

    def pair(self, name: RollName) -> tuple[int, int]:
        """Two dice kept apart (``row``, ``lead``)."""
        ...


class DiceError(LookupError):
    """A roll was asked that the source cannot give (replay of an unrecorded roll, bad script)."""


class _RandomDice:
    __slots__ = ("_random",)

    def __init__(self, rng: random.Random) -> None:
        self._random = rng.random

    def roll(self, name: RollName) -> int:
        rand = self._random
        if name in THREE_D6_ROLLS:
            return int(rand() * 6) + int(rand() * 6) + int(rand() * 6) + 3
        return int(rand() * ROLL_SIDES[name]) + 1

    def pair(self, name: RollName) -> tuple[int, int]:
        rand = self._random
        return int(rand() * 6) + 1, int(rand() * 6) + 1


class SystemDice(_RandomDice):
    """Production dice: a cryptographically secure generator."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(secrets.SystemRandom())


class SeededDice(_RandomDice):
    """Reproducible dice for simulations."""

    __slots__ = ()

    def __init__(self, seed: int | str) -> None:
        super().__init__(random.Random(seed))


def _check(name: RollName, value: int) -> int:
    low, high = (3, 18) if name in THREE_D6_ROLLS else (1, ROLL_SIDES[name])
    if not low <= value <= high:
        raise DiceError(f"{name.value} roll {value} outside {low}-{high}")
    return value


class ScriptedDice:
    """Scripted rolls by name: a value, or a list of successive values (a pair is ``[d1, d2]``; successive
    pairs ``[[d1, d2], ...]``). Unscripted or exhausted names come from a fixed seeded generator."""

    __slots__ = ("_fallback", "_queues")

    def __init__(self, script: Mapping[str, object] | None = None, fallback_seed: int = 0) -> None:
        self._queues: dict[RollName, list[RollValue]] = {}
        for key, value in (script or {}).items():
            name = RollName(key)
            self._queues[name] = _script_values(name, value)
        self._fallback = SeededDice(fallback_seed)

    def _next(self, name: RollName) -> RollValue | None:
        queue = self._queues.get(name)
        return queue.pop(0) if queue else None

    def roll(self, name: RollName) -> int:
        value = self._next(name)
        if value is None:
            return self._fallback.roll(name)
        if isinstance(value, tuple):
            raise DiceError(f"{name.value} is a single roll, scripted as a pair")
        return value

    def pair(self, name: RollName) -> tuple[int, int]:
        value = self._next(name)
        if value is None:
            return self._fallback.pair(name)
        if not isinstance(value, tuple):
            raise DiceError(f"{name.value} is a pair of dice, scripted as one value")
        return value


def _is_pair(value: object) -> bool:
    return (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 6 for d in value)
    )


def _script_values(name: RollName, value: object) -> list[RollValue]:
    if name in PAIR_ROLLS:
        items = [value] if _is_pair(value) else value
        if not isinstance(items, list) or not all(_is_pair(item) for item in items):
            raise DiceError(f"{name.value} needs two dice 1-6, e.g. [3, 4], or a list of such pairs; got {value!r}")
        return [(item[0], item[1]) for item in items]
    values = value if isinstance(value, list) else [value]
    result: list[RollValue] = []
    for item in values:
        if not isinstance(item, int) or isinstance(item, bool):
            raise DiceError(f"{name.value} roll must be an integer, got {item!r}")
        result.append(_check(name, item))
    return result


class RecordingDice:
    """Wraps a source and records every roll, by name, in order."""

    __slots__ = ("_inner", "_rolls")

    def __init__(self, inner: Dice) -> None:
        self._inner = inner
        self._rolls: list[tuple[RollName, RollValue]] = []

    @property
    def rolls(self) -> Rolls:
        return tuple(self._rolls)

    def roll(self, name: RollName) -> int:
        value = self._inner.roll(name)
        self._rolls.append((name, value))
        return value

    def pair(self, name: RollName) -> tuple[int, int]:
        value = self._inner.pair(name)
        self._rolls.append((name, value))
        return value


class ReplayDice:
    """Gives back recorded rolls, name by name in their order. A roll that was not recorded raises
    :class:`DiceError`, or comes from ``fallback`` when one is given (replaying after a correction)."""

    __slots__ = ("_fallback", "_queues")

    def __init__(self, rolls: Iterable[tuple[RollName, RollValue]], fallback: Dice | None = None) -> None:
        self._fallback = fallback
        self._queues: dict[RollName, list[RollValue]] = {}
        for name, value in rolls:
            self._queues.setdefault(name, []).append(value)

    def _next(self, name: RollName) -> RollValue | None:
        queue = self._queues.get(name)
        if queue:
            return queue.pop(0)
        if self._fallback is None:
            raise DiceError(f"replay asked for a {name.value} roll that was not recorded")
        return None

    def roll(self, name: RollName) -> int:
        value = self._next(name)
        if value is None:
            assert self._fallback is not None
            return self._fallback.roll(name)
        if isinstance(value, tuple):
            raise DiceError(f"recorded {name.value} is a pair")
        return value

    def pair(self, name: RollName) -> tuple[int, int]:
        value = self._next(name)
        if value is None:
            assert self._fallback is not None
            return self._fallback.pair(name)
        if not isinstance(value, tuple):
            raise DiceError(f"recorded {name.value} is a single value")
        return value

    @property
    def exhausted(self) -> bool:
        return not any(self._queues.values())


class LenientReplayDice(ReplayDice):
    """Recorded rolls by name while they last, then fresh ones from ``fresh``: replaying after a commissioner's
    correction (RULES §12), where the corrected course can ask for rolls that were never made. A recorded value
    of the wrong shape (a single value where a pair is asked, or the reverse) is used up and rolled fresh."""

    __slots__ = ()

    def __init__(self, rolls: Iterable[tuple[RollName, RollValue]], fresh: Dice) -> None:
        super().__init__(rolls, fresh)

    def roll(self, name: RollName) -> int:
        value = self._next(name)
        if isinstance(value, int):
            return value
        assert self._fallback is not None
        return self._fallback.roll(name)

    def pair(self, name: RollName) -> tuple[int, int]:
        value = self._next(name)
        if isinstance(value, tuple):
            return value
        assert self._fallback is not None
        return self._fallback.pair(name)
