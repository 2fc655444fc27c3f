from dataclasses import replace

import pytest

from games.engine import (
    DefenseDecision,
    Outcome,
    Phase,
    Roll,
    RuleOptions,
    SeededDice,
    SubmitOutcome,
    defaults_for,
)
from games.engine.dice import DiceError, ReplayDice
from games.engine.enums import RollName
from games.engine.replay import Recorder, ReplayError, correct, replay
from games.engine.scenarios import demo_setup


def played_game(options=None, seed=3):
    setup = demo_setup(options or RuleOptions(innings=3))
    game = Recorder(setup)
    dice = SeededDice(seed)
    while not game.state.game_over:
        game.play(defaults_for(game.state), dice)
    return setup, game


def test_replay_reproduces_every_state():
    setup, game = played_game()
    states = replay(setup, game.log)
    assert states[-1] == game.state
    assert len(states) == len(game.log)


def test_replay_rejects_missing_or_unused_dice():
    setup, game = played_game()
    rolls_at = next(i for i, entry in enumerate(game.log) if entry.rolls)
    broken = list(game.log)
    broken[rolls_at] = replace(broken[rolls_at], rolls=broken[rolls_at].rolls[:-1])
    with pytest.raises(ReplayError):
        replay(setup, broken)
    extra = list(game.log)
    extra[rolls_at] = replace(extra[rolls_at], rolls=(*extra[rolls_at].rolls, (RollName.RARE, 50)))
    with pytest.raises(ReplayError, match="unused"):
        replay(setup, extra)


def test_replay_dice_fallback():
    dice = ReplayDice([(RollName.CHECK, 4)], fallback=SeededDice(1))
    assert dice.roll(RollName.CHECK) == 4
    assert 1 <= dice.roll(RollName.CHECK) <= 20
    with pytest.raises(DiceError):
        ReplayDice([]).pair(RollName.ROW)


def test_commissioner_correction_replays_from_the_corrected_play():
    setup = demo_setup(RuleOptions.sba())
    game = Recorder(setup)
    dice = SeededDice(8)
    for outcome in (Outcome.STRIKEOUT, Outcome.STRIKEOUT):
        game.play(DefenseDecision(), dice)
        game.play(game.state.offense, dice)
        game.play(Roll(), dice)
        assert game.state.phase is Phase.SUBMIT_OUTCOME
        game.play(SubmitOutcome(outcome), dice)
    assert game.state.outs == 2
    index = 3
    state, log = correct(setup, game.log, index, SubmitOutcome(Outcome.HOMERUN), SeededDice(0))
    assert (state.score, state.outs) == ((1, 0), 1)
    assert log[index].action == SubmitOutcome(Outcome.HOMERUN)
    assert replay(setup, log)[-1] == state
