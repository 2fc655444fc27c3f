"""Defensive moves (RULES §12): position swaps, substitutes at any position, the double switch, a pitcher leaving
the mound for a position and out-of-position fielding; the scenarios in the SCENARIOS.md format plus the parts
a one-play scenario cannot show (serialization, replay, choices, the AI)."""

from dataclasses import replace
from pathlib import Path

import pytest
from django.core.management import call_command

from games.engine.actions import Action, DoubleSwitch, IllegalAction, PitchingChange, Substitute, SwapPositions
from games.engine.ai import choose_action
from games.engine.cards import FielderRating
from games.engine.choices import choices
from games.engine.dice import SeededDice
from games.engine.enums import Half, Phase, Position, Side
from games.engine.game import apply, defaults_for
from games.engine.gamelog import Scorebook, dump, parse
from games.engine.lineup_rules import OUT_OF_POSITION
from games.engine.options import RuleOptions
from games.engine.replay import RecordedAction, replay
from games.engine.scenarios import demo_setup, load_cases, run_file
from games.engine.serialize import action_from_dict, action_to_dict, from_data, state_from_dict, state_to_dict, to_data
from games.engine.state import Player, new_game
from games.engine.tables import XCHECK_LARGEST_ERROR

DEFENSIVE = Path(__file__).parent / "data" / "defensive_scenarios.json"
SS, B2, LF, C = Position.SHORTSTOP, Position.SECOND_BASE, Position.LEFT_FIELD, Position.C
MOVES: list[Action] = [
    SwapPositions(Side.HOME, (("h3", SS), ("h5", B2))),
    Substitute(Side.HOME, "h3", "hb1", SS, (("h5", B2),)),
    PitchingChange(Side.HOME, "hr1", LF),
    DoubleSwitch(Side.HOME, "hr1", "h6", "hb1"),
    DoubleSwitch(Side.HOME, "hr1", "h3", "hb1", SS, (("h5", B2),)),
]


def test_every_defensive_scenario_passes():
    results = run_file(DEFENSIVE)
    assert len(results) == len(load_cases(DEFENSIVE)) >= 24
    assert [r.message for r in results if not r.passed] == []


def test_run_scenarios_command_runs_the_defensive_file(capsys):
    call_command("run_scenarios", str(DEFENSIVE))
    assert capsys.readouterr().out.splitlines()[-1] == f"{len(load_cases(DEFENSIVE))} passed, 0 failed"


def test_a_scenario_expecting_a_refusal_fails_when_the_move_is_legal(tmp_path):
    case = {"id": "legal", "changes": [{"kind": "swap_positions", "side": "home", "moves": {"h3": "SS", "h5": "2B"}}]}
    assert not run_file(_write(tmp_path, [{**case, "illegal": "two players"}]))[0].passed


def _write(tmp_path, cases):
    import json

    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    return path


@pytest.mark.parametrize("action", MOVES, ids=lambda a: type(a).__name__)
def test_moves_round_trip_through_every_encoding(action):
    assert action_from_dict(action_to_dict(action)) == action
    assert from_data(type(action), to_data(action)) == action


def test_message_form_writes_moves_as_an_object_and_leaves_unused_fields_out():
    assert action_to_dict(MOVES[0]) == {"kind": "swap_positions", "side": "home", "moves": {"h3": "SS", "h5": "2B"}}
    assert action_to_dict(Substitute(Side.HOME, "h3", "hb1")) == {
        "kind": "substitute",
        "side": "home",
        "player_out": "h3",
        "player_in": "hb1",
    }
    assert action_to_dict(PitchingChange(Side.HOME, "hr1")) == {
        "kind": "pitching_change",
        "side": "home",
        "pitcher": "hr1",
    }


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "swap_positions", "side": "home", "moves": "h3"},
        {"kind": "swap_positions", "side": "home", "moves": {"h3": "QB"}},
        {"kind": "swap_positions", "side": "home", "moves": {"": "SS"}},
        {"kind": "substitute", "side": "home", "player_out": "h3", "player_in": "hb1", "position": 7},
        {"kind": "double_switch", "side": "home", "pitcher": "hr1", "player_out": "h3"},
        {"kind": "pitching_change", "side": "home", "pitcher": "hr1", "to": "XX"},
    ],
)
def test_malformed_move_bodies_are_refused_with_a_message(body):
    with pytest.raises(ValueError, match=r"\w"):
        action_from_dict(body)


def test_a_refused_move_changes_nothing():
    setup = demo_setup()
    state = new_game(setup)
    before = state_to_dict(state)
    with pytest.raises(IllegalAction, match="two players at SS"):
        apply(setup, state, SwapPositions(Side.HOME, (("h3", SS),)), SeededDice(1))
    assert state_to_dict(state) == before


def test_out_of_position_ratings_follow_the_rules():
    assert OUT_OF_POSITION[SS] == FielderRating(range=5, error=XCHECK_LARGEST_ERROR[SS], arm=0)
    assert OUT_OF_POSITION[LF] == FielderRating(range=5, error=XCHECK_LARGEST_ERROR[LF], arm=2)
    assert OUT_OF_POSITION[C] == FielderRating(range=5, error=XCHECK_LARGEST_ERROR[C], arm=3, passed_ball=8)
    assert XCHECK_LARGEST_ERROR[SS] == 88
    rated = Player("x", "X", fielding={B2: FielderRating(range=2, error=8)})
    assert rated.fielder(SS) is OUT_OF_POSITION[SS]
    assert rated.fielder(SS, out_of_position=False) == FielderRating()
    assert Player("y", "Unrated").fielder(SS) == FielderRating()
    assert rated.fielder(B2) == FielderRating(range=2, error=8)


def _no_dh():
    return demo_setup(RuleOptions(dh=False))


def test_choices_offer_the_alignment_and_the_double_switch():
    state = new_game(_no_dh())
    offered = choices(state)
    assert offered.alignment == state.home.lineup
    assert offered.double_switch
    dh_state = new_game(demo_setup())
    assert not choices(dh_state).double_switch
    assert len(choices(dh_state).alignment) == 9


def test_a_game_with_every_move_replays_and_its_log_round_trips():
    setup = _no_dh()
    book = Scorebook(setup)
    log = []
    dice = SeededDice(5)
    planned: list[tuple[int, SwapPositions | PitchingChange | DoubleSwitch | Substitute]] = [
        (0, SwapPositions(Side.HOME, (("h3", SS), ("h5", B2)))),
        (6, PitchingChange(Side.AWAY, "ar1", LF)),
        (12, DoubleSwitch(Side.HOME, "hr1", "h6", "hb1")),
        (20, Substitute(Side.AWAY, "a3", "ab1", SS, (("a5", B2),))),
    ]
    used = []
    while not book.state.game_over:
        state = book.state
        action = defaults_for(state)
        due = planned and state.phase is Phase.DEFENSE and state.plays >= planned[0][0]
        if due and planned[0][1].side is state.fielding_side:
            action = planned.pop(0)[1]
            used.append(action)
        step = book.play(action, dice)
        log.append(RecordedAction(action, step.rolls))
    assert not planned
    assert len(used) == 4
    text = dump(book.log)
    assert dump(parse(text)) == text
    assert state_to_dict(replay(setup, log)[-1]) == state_to_dict(book.state)
    assert state_from_dict(state_to_dict(book.state)) == book.state


def _late_setup(**players: Player) -> tuple:
    setup = _no_dh()
    setup = demo_setup(RuleOptions(dh=False), {**setup.players, **players})
    return setup, replace(new_game(setup), inning=8, half=Half.TOP, score=(0, 2))


def test_ai_replaces_a_fielder_playing_out_of_position():
    ss_glove = Player("hb1", "Glove", batting=demo_setup().players["hb1"].batting, fielding={SS: FielderRating(1, 5)})
    setup, state = _late_setup(hb1=ss_glove)
    state = apply(setup, state, Substitute(Side.HOME, "h5", "hb2"), SeededDice(1)).state
    assert not setup.players["hb2"].out_of_position(SS)  # an unrated card plays league average
    rated_elsewhere = Player("hb2", "Bat", batting=ss_glove.batting, fielding={Position.FIRST_BASE: FielderRating()})
    setup, state = _late_setup(hb1=ss_glove, hb2=rated_elsewhere)
    state = replace(state, score=(5, 0), inning=3)
    state = apply(setup, state, Substitute(Side.HOME, "h5", "hb2"), SeededDice(1)).state
    choice = choose_action(setup, state, Side.HOME)
    assert choice.action == Substitute(Side.HOME, "hb2", "hb1")
    assert "out of position" in choice.reason


def test_ai_double_switches_when_the_pitchers_slot_is_due_up():
    batting = demo_setup().players["hb1"].batting
    setup, state = _late_setup(hb1=Player("hb1", "Glove", batting=batting, fielding={LF: FielderRating(2, 4)}))
    home = replace(state.home, batter_index=7, must_change="the starter is past his limit")
    choice = choose_action(setup, replace(state, home=home), Side.HOME)
    assert isinstance(choice.action, DoubleSwitch), choice.reason
    assert (choice.action.player_out, choice.action.player_in) == ("h6", "hb1")
    assert "double switch" in choice.reason
    apply(setup, replace(state, home=home), choice.action, SeededDice(1))
    home = replace(home, batter_index=1)
    assert isinstance(choose_action(setup, replace(state, home=home), Side.HOME).action, PitchingChange)


def test_a_hurt_pitcher_leaves_the_game_and_cannot_move_to_the_field():
    setup = demo_setup()
    state = new_game(setup)
    state = replace(state, home=replace(state.home, must_change="Home pitcher is hurt"))
    with pytest.raises(IllegalAction, match="is hurt and leaves the game"):
        apply(setup, state, PitchingChange(Side.HOME, "hr1", LF), SeededDice(1))
    after = apply(setup, state, PitchingChange(Side.HOME, "hr1"), SeededDice(1)).state
    assert "hp" in after.home.removed
