from dataclasses import replace

import pytest

from games.engine import (
    DefenseDecision,
    OffenseDecision,
    Outcome,
    Phase,
    Roll,
    RuleOptions,
    SeededDice,
    SubmitOutcome,
    defaults_for,
    new_game,
)
from games.engine.dice import DiceError, LenientReplayDice, ReplayDice
from games.engine.enums import RollName
from games.engine.game import apply as plain_apply
from games.engine.replay import RecordedAction, Recorder, ReplayError, correct, replay, replay_steps
from games.engine.scenarios import demo_setup
from games.engine.win_expectancy import annotate


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


def test_replay_steps_annotates_every_play_and_reports_the_dice_used():
    setup = demo_setup(RuleOptions(innings=2))
    game, dice = Recorder(setup), SeededDice(3)
    while not game.state.game_over:
        game.play(defaults_for(game.state), dice)
    seen = []
    state = new_game(setup)
    expected = []
    for entry in game.log:
        step = annotate(setup, state, plain_apply(setup, state, entry.action, ReplayDice(entry.rolls)))
        expected.append(step.events)
        state = step.state
    final = replay_steps(setup, game.log, lambda index, step, rolls: seen.append((index, step.events, rolls)))
    assert final == game.state == state
    assert [index for index, _, _ in seen] == list(range(len(game.log)))
    assert [events for _, events, _ in seen] == expected
    assert any(event.stats.wpa for events in expected for event in events if hasattr(event, "stats"))
    assert [rolls for _, _, rolls in seen] == [entry.rolls for entry in game.log]


def test_a_lenient_replay_rolls_fresh_only_from_its_index_on():
    setup = demo_setup()
    pitch = [RecordedAction(DefenseDecision(), ()), RecordedAction(OffenseDecision(), ()), RecordedAction(Roll(), ())]
    with pytest.raises(DiceError):
        replay_steps(setup, pitch, lenient_from=3, fresh=SeededDice(1))
    with pytest.raises(ValueError, match="fresh dice"):
        replay_steps(setup, pitch, lenient_from=2)
    used = []
    replay_steps(setup, pitch, lambda i, step, rolls: used.append(rolls), lenient_from=2, fresh=SeededDice(1))
    assert used[:2] == [(), ()]
    assert [name for name, _ in used[2]][:3] == [RollName.COLUMN, RollName.ROW, RollName.SPLIT]
    lenient = LenientReplayDice(((RollName.ROW, 4), (RollName.SPLIT, 9)), SeededDice(1))
    assert lenient.roll(RollName.SPLIT) == 9
    assert lenient.pair(RollName.ROW) == SeededDice(1).pair(RollName.ROW)
