"""The card under the dice: card_result reads the pending roll; the location fielder is read for the side the
batter bats from against this pitcher; the AI's answer is that reading; a manual result that differs from the
card is taken and marked on its play (entered_mismatch)."""

import random
from dataclasses import replace

import pytest

from games.engine import card_result
from games.engine.actions import Decide, IllegalAction, SubmitOutcome
from games.engine.ai import Personality, choose_action
from games.engine.cards import BatterCard, PitcherCard
from games.engine.dice import SeededDice
from games.engine.enums import Hand, Outcome, Phase, Position, Side
from games.engine.game import apply, defaults_for
from games.engine.options import RuleOptions
from games.engine.play import Mismatch, Play
from games.engine.reading import entered_mismatch, location_fielder
from games.engine.scenarios import AVERAGE_RUNNER, demo_setup
from games.engine.serialize import event_from_dict, event_to_dict
from games.engine.state import GameSetup, GameState, PendingRoll, Player, new_game
from games.tests.engine.test_ai import _random_step

MANUAL_PD = replace(RuleOptions.pd(), resolution=RuleOptions.sba().resolution)


def _switch_setup(pitcher_hand: str, batter: dict[str, float], pitcher: dict[str, float]) -> GameSetup:
    switch = Player("a1", "Switch", batting=BatterCard.from_fields({**AVERAGE_RUNNER, "hand": "S"}, batter))
    arm = PitcherCard.from_fields({"hand": pitcher_hand}, pitcher)
    starter = Player("hp", "Home pitcher", batting=switch.batting, pitching=arm)
    return demo_setup(MANUAL_PD, {"a1": switch, "hp": starter})


def _pending(setup: GameSetup, column: int, split: int) -> GameState:
    state = new_game(setup)
    assert (state.batter, state.pitcher) == ("a1", "hp")
    return replace(state, phase=Phase.SUBMIT_OUTCOME, pending=PendingRoll(column, (3, 4), split, ()))


@pytest.mark.parametrize(("throws", "lefty"), [("R", True), ("L", False)])
@pytest.mark.parametrize("split", range(1, 21))
def test_a_switch_hitters_lineout_goes_to_the_groundball_fielder_of_the_side_he_bats_from(throws, lefty, split):
    setup = _switch_setup(throws, {"lineout": 108.0}, {"strikeout": 108.0})
    table = setup.options.location.groundball_left if lefty else setup.options.location.groundball_right
    result = card_result(setup, _pending(setup, 2, split))
    assert result == SubmitOutcome(Outcome.LINEOUT, table[split - 1])


@pytest.mark.parametrize(("throws", "lefty"), [("R", True), ("L", False)])
def test_the_pitchers_card_reads_the_same_side(throws, lefty):
    setup = _switch_setup(throws, {"strikeout": 108.0}, {"groundout_a": 108.0})
    result = card_result(setup, _pending(setup, 5, 1))
    assert result == SubmitOutcome(Outcome.GROUNDBALL_A, Position.FIRST_BASE if lefty else Position.THIRD_BASE)


def test_a_switch_hitter_against_a_righty_pulls_flyballs_to_right():
    setup = _switch_setup("R", {"flyout_a": 108.0}, {"strikeout": 108.0})
    assert card_result(setup, _pending(setup, 1, 1)) == SubmitOutcome(Outcome.FLYBALL_A, Position.RIGHT_FIELD)
    assert location_fielder(setup, new_game(setup), Outcome.POPOUT, 1) is Position.FIRST_BASE


def test_printed_fielders_and_results_without_one_are_read_as_printed():
    setup = _switch_setup("R", {"flyout_lf_b": 54.0, "walk": 54.0}, {"strikeout": 108.0})
    assert card_result(setup, _pending(setup, 1, 1)) == SubmitOutcome(Outcome.WALK, None)
    assert card_result(setup, _pending(setup, 3, 20)) == SubmitOutcome(Outcome.FLYBALL_B, Position.LEFT_FIELD)


def test_a_strikeout_when_nothing_is_pending_or_the_cards_hold_no_ratings():
    setup = _switch_setup("R", {"lineout": 108.0}, {"strikeout": 108.0})
    assert card_result(setup, new_game(setup)) == SubmitOutcome(Outcome.STRIKEOUT)
    blank = replace(setup, players={**setup.players, "a1": Player("a1", "No card", bats=Hand.SWITCH)})
    assert card_result(blank, _pending(blank, 1, 1)) == SubmitOutcome(Outcome.STRIKEOUT)
    with pytest.raises(IllegalAction):
        location_fielder(blank, new_game(blank), Outcome.LINEOUT, 1)
    pending = _pending(blank, 1, 1)
    assert pending.actor is not None
    with pytest.raises(ValueError, match="numeric ratings"):
        choose_action(blank, pending, pending.actor)


@pytest.mark.parametrize("options", [MANUAL_PD, RuleOptions.sba()], ids=["pd-manual", "sba"])
def test_the_ai_submits_what_the_card_reads_in_random_states(options):
    rng, dice = random.Random(11), SeededDice(11)
    setup = demo_setup(options)
    state, compared = new_game(setup), 0
    while compared < 300:
        if state.phase is Phase.GAME_OVER:
            state = new_game(setup)
        if state.phase is Phase.SUBMIT_OUTCOME:
            assert state.actor is not None
            choice = choose_action(setup, state, state.actor, rng.choice(list(Personality)))
            assert choice.action == card_result(setup, state)
            compared += 1
        action = _random_step(setup, state, rng)
        try:
            state = apply(setup, state, action, dice).state
        except IllegalAction:
            state = apply(setup, state, defaults_for(state), dice).state


def _play(step) -> Play:
    (play,) = [event for event in step.events if isinstance(event, Play)]
    return play


def test_a_result_that_differs_from_the_card_is_taken_as_entered_and_marked():
    setup = _switch_setup("R", {"strikeout": 108.0}, {"strikeout": 108.0})
    step = apply(setup, _pending(setup, 2, 7), SubmitOutcome(Outcome.HOMERUN), SeededDice(1))
    play = _play(step)
    assert play.outcome is Outcome.HOMERUN
    assert step.state.score == (1, 0)
    assert play.mismatch == Mismatch(Side.AWAY, Outcome.HOMERUN, None, Outcome.STRIKEOUT, None)


def test_the_pitchers_card_is_entered_by_the_fielding_side():
    setup = _switch_setup("R", {"strikeout": 108.0}, {"walk": 108.0})
    play = _play(apply(setup, _pending(setup, 5, 1), SubmitOutcome(Outcome.STRIKEOUT), SeededDice(1)))
    assert play.mismatch == Mismatch(Side.HOME, Outcome.STRIKEOUT, None, Outcome.WALK, None)


def test_what_the_card_reads_is_not_marked():
    setup = _switch_setup("R", {"groundout_b": 108.0}, {"strikeout": 108.0})
    state = _pending(setup, 1, 9)
    assert _play(apply(setup, state, card_result(setup, state), SeededDice(1))).mismatch is None


def test_the_fielder_is_compared_only_where_the_card_prints_one():
    printed = _switch_setup("R", {"flyout_lf_b": 108.0}, {"strikeout": 108.0})
    state = _pending(printed, 1, 1)
    wrong = apply(printed, state, SubmitOutcome(Outcome.FLYBALL_B, Position.RIGHT_FIELD), SeededDice(1))
    assert _play(wrong).mismatch == Mismatch(
        Side.AWAY, Outcome.FLYBALL_B, Position.RIGHT_FIELD, Outcome.FLYBALL_B, Position.LEFT_FIELD
    )
    located = _switch_setup("R", {"groundout_b": 108.0}, {"strikeout": 108.0})
    state = _pending(located, 1, 1)
    other = next(p for p in (Position.FIRST_BASE, Position.SECOND_BASE) if p != card_result(located, state).fielder)
    assert _play(apply(located, state, SubmitOutcome(Outcome.GROUNDBALL_B, other), SeededDice(1))).mismatch is None


def test_a_card_the_engine_does_not_hold_is_never_marked():
    setup = _switch_setup("R", {"strikeout": 108.0}, {"strikeout": 108.0})
    blank = replace(setup, players={**setup.players, "a1": Player("a1", "No card", bats=Hand.SWITCH)})
    state = _pending(blank, 1, 1)
    assert entered_mismatch(blank, state, SubmitOutcome(Outcome.HOMERUN)) is None
    assert _play(apply(blank, state, SubmitOutcome(Outcome.HOMERUN), SeededDice(1))).mismatch is None


def test_the_mark_survives_a_running_decision_and_the_serialized_event():
    setup = _switch_setup("R", {"strikeout": 108.0}, {"strikeout": 108.0})
    state = replace(_pending(setup, 2, 1), bases=("a2", None, None))
    step = apply(setup, state, SubmitOutcome(Outcome.SINGLE_UNCAPPED, Position.CENTER_FIELD), SeededDice(1))
    assert step.state.phase is Phase.SEND
    assert not any(isinstance(e, Play) for e in step.events)
    play = _play(apply(setup, step.state, Decide(send=()), SeededDice(1)))
    assert play.mismatch == Mismatch(Side.AWAY, Outcome.SINGLE_UNCAPPED, Position.CENTER_FIELD, Outcome.STRIKEOUT, None)
    assert event_from_dict(event_to_dict(play)) == play


def test_auto_mode_forced_results_are_not_marked():
    setup = demo_setup(RuleOptions.pd())
    state = replace(new_game(setup), phase=Phase.SUBMIT_OUTCOME, pending=PendingRoll(1, (3, 4), 1, ()))
    play = _play(apply(setup, state, SubmitOutcome(Outcome.HOMERUN), SeededDice(1)))
    assert play.mismatch is None
