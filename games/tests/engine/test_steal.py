"""The steal odds (`games.engine.steal`) against a brute-force count: every sequence of dice the engine asks for
while it resolves a called steal, each weighted by its chance, played through `games.engine.game.apply`."""

from dataclasses import replace
from fractions import Fraction
from typing import Any

import pytest

from games.engine.actions import DefenseDecision, OffenseDecision, Roll
from games.engine.cards import BatterCard, PitcherCard
from games.engine.dice import SeededDice
from games.engine.enums import PAIR_ROLLS, ROLL_SIDES, THREE_D6_ROLLS, Base, PlayType, Position, RollName
from games.engine.game import apply
from games.engine.play import Play
from games.engine.scenarios import AVERAGE_BATTER, AVERAGE_PITCHER, AVERAGE_RUNNER, demo_setup
from games.engine.state import GameSetup, GameState, Player, new_game
from games.engine.steal import steal_numbers, steal_odds

CLASSES = {
    PlayType.STOLEN_BASE: "safe",
    PlayType.CAUGHT_STEALING: "out",
    PlayType.PICKOFF: "out",
    PlayType.BALK: "balk",
    PlayType.STEAL_CALLED_OFF: "off",
}


class PathDice:
    """Dice that give the faces of ``prefix`` in order, then the lowest face of every later roll, recording each
    roll's number of faces: walking every path this way visits each sequence of faces exactly once."""

    def __init__(self, prefix: tuple[int, ...]) -> None:
        self.prefix = prefix
        self.faces: list[int] = []
        self.chosen: list[int] = []

    def _next(self, faces: int) -> int:
        index = len(self.chosen)
        value = self.prefix[index] if index < len(self.prefix) else 0
        self.faces.append(faces)
        self.chosen.append(value)
        return value

    def roll(self, name: RollName) -> int:
        assert name not in THREE_D6_ROLLS, name
        assert name not in PAIR_ROLLS, name
        return self._next(ROLL_SIDES[name]) + 1

    def pair(self, name: RollName) -> tuple[int, int]:
        value = self._next(36)
        return value // 6 + 1, value % 6 + 1


def brute_force(setup: GameSetup, state: GameState) -> dict[str, Fraction]:
    """The chance of each kind of result of rolling ``state``'s called steal, over every die sequence."""
    counts = {kind: Fraction(0) for kind in CLASSES.values()}
    stack: list[tuple[int, ...]] = [()]
    paths = 0
    while stack:
        prefix = stack.pop()
        dice = PathDice(prefix)
        (play,) = apply(setup, state, Roll(), dice).events
        assert isinstance(play, Play)
        paths += 1
        weight = Fraction(1)
        for faces in dice.faces:
            weight /= faces
        counts[CLASSES[play.play_type]] += weight
        for index in range(len(prefix), len(dice.chosen)):
            stack.extend((*dice.chosen[:index], face) for face in range(1, dice.faces[index]))
    assert sum(counts.values()) == 1
    assert paths > 100
    return counts


def _runner(**fields: object) -> BatterCard:
    return BatterCard.from_fields({**AVERAGE_RUNNER, **fields}, AVERAGE_BATTER)


def _pitcher(**fields: object) -> PitcherCard:
    return PitcherCard.from_fields({"hand": "R", **fields}, AVERAGE_PITCHER)


def _called(setup: GameSetup, bases: tuple[str | None, str | None, str | None], call: tuple[Base, ...], held: bool):
    state = replace(new_game(setup), bases=bases)
    hold = (max(call),) if held else ()
    state = apply(setup, state, DefenseDecision(hold=hold), SeededDice(1)).state
    return apply(setup, state, OffenseDecision(steal=call), SeededDice(1)).state


CASES: dict[str, tuple[dict[str, Any], dict[str, Any], Any, tuple[Base, ...], bool]] = {
    "a steal number past 20: a 20 is still out": (
        {"steal_jump": 6 / 36, "steal_high": 19},
        {"hold": 4},
        ("a1", None, None),
        (Base.FIRST,),
        False,
    ),
    "average runner, no pickoff or balk help": ({}, {}, ("a1", None, None), (Base.FIRST,), False),
    "to third against a pitcher who holds badly and balks": (
        {"steal_jump": 7 / 36, "steal_low": 11},
        {"hold": -3, "balk": 4},
        (None, "a1", None),
        (Base.SECOND,),
        False,
    ),
    "an automatic lead, not held": (
        {"steal_auto": True, "steal_high": 15},
        {"hold": 2},
        ("a1", None, None),
        (Base.FIRST,),
        False,
    ),
    "an automatic lead held is a rated lead": (
        {"steal_auto": True, "steal_jump": 8 / 36},
        {"balk": 2},
        ("a1", None, None),
        (Base.FIRST,),
        True,
    ),
    "the double steal, decided by the lead runner": (
        {"steal_jump": 5 / 36, "steal_low": 18},
        {"hold": 1},
        ("a2", "a1", None),
        (Base.SECOND, Base.FIRST),
        False,
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_steal_odds_equal_a_count_over_all_dice(name: str) -> None:
    runner, pitcher, bases, call, held = CASES[name]
    setup = demo_setup(
        players={
            "a1": Player("a1", "Runner", batting=_runner(**runner)),
            "hp": Player("hp", "P", pitching=_pitcher(**pitcher)),
        }
    )
    state = _called(setup, bases, call, held)
    lead = state.runner(max(call))
    assert lead is not None
    odds = steal_odds(setup, state, lead, max(call), held=held)
    counts = brute_force(setup, state)
    assert odds.safe == pytest.approx(float(counts["safe"]), abs=1e-12)
    assert odds.out == pytest.approx(float(counts["out"]), abs=1e-12)
    assert odds.balk == pytest.approx(float(counts["balk"]), abs=1e-12)
    assert odds.off == pytest.approx(float(counts["off"]), abs=1e-12)


def test_the_play_records_the_numbers_that_decided_it() -> None:
    setup = demo_setup(players={"a1": Player("a1", "Runner", batting=_runner(steal_jump=9 / 36, steal_high=12))})
    state = _called(setup, ("a1", None, None), (Base.FIRST,), False)
    (play,) = apply(setup, state, Roll(), SeededDice(3)).events
    assert isinstance(play, Play)
    assert play.steal is not None
    assert play.steal == steal_numbers(setup, state, "a1", Base.FIRST, held=False)
    pitching = setup.players["hp"].pitching
    assert pitching is not None
    hold = pitching.hold
    arm = setup.players[state.fielding.at(Position.C)].fielder(Position.C).arm
    assert (play.steal.jump, play.steal.steal, play.steal.auto) == (9, 12 + hold + arm, False)
