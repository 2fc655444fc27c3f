"""Substitutions and pitching changes (RULES §12)."""

from dataclasses import replace

import pytest

from games.engine import (
    DefenseDecision,
    GameSetup,
    IllegalDecision,
    Outcome,
    Phase,
    Play,
    Player,
    RuleOptions,
    ScriptedDice,
    Side,
    SubmitOutcome,
    new_game,
)
from games.engine import apply as engine_apply
from games.engine.actions import PitchingChange, Substitute
from games.engine.cards import BatterCard, PitcherCard
from games.engine.scenarios import AVERAGE_BATTER, AVERAGE_PITCHER, demo_setup
from games.engine.serialize import action_from_message, action_to_message


def setup_with_reserves(options=None):
    base = demo_setup(options)
    batting = BatterCard.from_fields({}, AVERAGE_BATTER)
    pitching = PitcherCard.from_fields({}, AVERAGE_PITCHER)
    players = dict(base.players)
    for side in ("a", "h"):
        players[f"{side}b1"] = Player(f"{side}b1", f"{side} bench", batting=batting)
        players[f"{side}r1"] = Player(f"{side}r1", f"{side} reliever", batting=batting, pitching=pitching)
        players[f"{side}r2"] = Player(f"{side}r2", f"{side} reliever 2", batting=batting, pitching=pitching)
    away = replace(base.away, bench=("ab1",), bullpen=("ar1", "ar2"))
    home = replace(base.home, bench=("hb1",), bullpen=("hr1", "hr2"))
    return GameSetup(options=base.options, away=away, home=home, players=players)


def apply(setup, state, action):
    return engine_apply(setup, state, action, ScriptedDice())


def test_pitching_change_resets_workload_and_forbids_reuse():
    setup = setup_with_reserves()
    state = replace(new_game(setup), home=replace(new_game(setup).home, pitcher_outs=7))
    step = apply(setup, state, PitchingChange(Side.HOME, "hr1"))
    home = step.state.home
    assert (home.pitcher, home.pitcher_outs, home.pitched, home.removed) == ("hr1", 0, ("hp", "hr1"), ("hp",))
    assert "replaces" in step.events[0].text
    with pytest.raises(IllegalDecision, match="left the game"):
        apply(setup, step.state, PitchingChange(Side.HOME, "hp"))
    with pytest.raises(IllegalDecision, match="already in the game"):
        apply(setup, step.state, PitchingChange(Side.HOME, "hr1"))
    with pytest.raises(IllegalDecision, match="not on the bullpen"):
        apply(setup, step.state, PitchingChange(Side.HOME, "hb1"))


def test_only_the_fielding_team_changes_pitchers():
    setup = setup_with_reserves()
    with pytest.raises(IllegalDecision, match="in the field"):
        apply(setup, new_game(setup), PitchingChange(Side.AWAY, "ar1"))


def test_changes_only_between_plays():
    setup = setup_with_reserves()
    state = replace(new_game(setup), phase=Phase.ROLL)
    with pytest.raises(IllegalDecision, match="between plays"):
        apply(setup, state, PitchingChange(Side.HOME, "hr1"))


def test_pinch_runner_takes_the_base_and_the_slot():
    setup = setup_with_reserves()
    state = replace(new_game(setup), bases=("a7", None, None))
    new = apply(setup, state, Substitute(Side.AWAY, "a7", "ab1")).state
    assert new.bases[0] == "ab1"
    assert new.away.lineup[6].player == "ab1"
    assert new.away.lineup[6].position is state.away.lineup[6].position
    with pytest.raises(IllegalDecision, match="cannot return"):
        apply(setup, new, Substitute(Side.AWAY, "ab1", "a7"))


def test_fielding_side_replaces_its_pitcher_only_by_a_pitching_change():
    setup = setup_with_reserves(RuleOptions(dh=False))
    with pytest.raises(IllegalDecision, match="pitching change"):
        apply(setup, new_game(setup), Substitute(Side.HOME, "hp", "hb1"))


def test_pinch_hitting_for_the_pitcher_then_a_new_pitcher_is_required():
    setup = setup_with_reserves(RuleOptions(dh=False))
    state = apply(setup, new_game(setup), Substitute(Side.AWAY, "ap", "ab1")).state
    assert "ap" in state.away.removed
    state = replace(state, half=state.half.BOTTOM)
    with pytest.raises(IllegalDecision, match="new pitcher"):
        apply(setup, state, DefenseDecision())
    state = apply(setup, state, PitchingChange(Side.AWAY, "ar1")).state
    assert [s.player for s in state.away.lineup if s.position.value == "P"] == ["ar1"]
    assert "ab1" in state.away.removed
    apply(setup, state, DefenseDecision())


def test_change_messages_round_trip():
    for action in (PitchingChange(Side.HOME, "hr1"), Substitute(Side.AWAY, "a1", "ab1")):
        assert action_from_message(action_to_message(action)) == action


def test_inherited_runner_is_charged_to_the_pitcher_who_put_him_on():
    setup = setup_with_reserves()
    state = replace(new_game(setup), phase=Phase.SUBMIT_OUTCOME)
    state = engine_apply(setup, state, SubmitOutcome(Outcome.WALK), ScriptedDice()).state
    assert state.responsible == (("a1", "hp"),)
    state = apply(setup, state, PitchingChange(Side.HOME, "hr1")).state
    state = replace(state, phase=Phase.SUBMIT_OUTCOME)
    step = engine_apply(setup, state, SubmitOutcome(Outcome.HOMERUN), ScriptedDice())
    [play] = [e for e in step.events if isinstance(e, Play)]
    assert dict(play.charged) == {"hp": 1, "hr1": 1}
    assert play.pitcher == "hr1"
