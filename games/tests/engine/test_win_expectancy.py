"""Win expectancy table (engine-built Markov chain) and WPA."""

import pytest
from django.core.management import CommandError, call_command

from games.engine.dice import SeededDice
from games.engine.enums import Half, Phase, Side
from games.engine.game import apply, defaults_for
from games.engine.play import Play
from games.engine.scenarios import demo_setup
from games.engine.state import new_game
from games.engine.win_expectancy import (
    MAX_DIFF,
    build_table,
    default_table,
    home_win,
    league_table,
    measure_transitions,
    parse_bases,
    table_for,
    wpa_for,
)

EMPTY, R12 = 0, 3


@pytest.mark.parametrize(
    ("rpg", "inning", "half", "outs", "mask", "diff", "expected"),
    [
        (4.0, 9, Half.BOTTOM, 1, R12, 0, 0.70),
        (4.0, 9, Half.TOP, 0, EMPTY, 0, 0.50),
        (3.0, 8, Half.BOTTOM, 0, EMPTY, -1, 0.23),
        (3.0, 8, Half.BOTTOM, 0, EMPTY, -3, 0.05),
    ],
)
def test_public_reference_points(rpg, inning, half, outs, mask, diff, expected):
    assert table_for(rpg).home(inning, half, outs, mask, diff) == pytest.approx(expected, abs=0.03)


def test_rpg_is_fitted():
    assert table_for(3.0).rpg == pytest.approx(3.0, abs=0.01)
    assert 4.0 < default_table().rpg < 5.2


@pytest.mark.parametrize("code", ["", "pd", "sba"], ids=["default", "pd", "sba"])
def test_more_runs_ahead_is_better_everywhere(code):
    table = league_table(code)
    for inning in range(1, 10):
        for half in Half:
            for outs in range(3):
                for mask in range(8):
                    values = [table.home(inning, half, outs, mask, d) for d in range(-MAX_DIFF, MAX_DIFF + 1)]
                    assert values == sorted(values)
                    assert all(0.0 <= v <= 1.0 for v in values)


def test_walk_off_states_and_runners_help_the_batting_team():
    table = default_table()
    assert table.home(9, Half.BOTTOM, 2, EMPTY, 1) == 1.0
    assert table.home(12, Half.BOTTOM, 0, 7, 3) == 1.0
    assert table.home(9, Half.BOTTOM, 0, 7, 0) > table.home(9, Half.BOTTOM, 0, EMPTY, 0)
    assert table.home(5, Half.TOP, 0, 7, 0) < table.home(5, Half.TOP, 0, EMPTY, 0)
    assert table.home(1, Half.TOP, 0, EMPTY, 0) == pytest.approx(0.5, abs=0.01)
    assert table.home(9, Half.TOP, 2, EMPTY, -10) < 0.001


def test_out_of_range_lookups_are_rejected_and_diffs_clamped():
    table = default_table()
    with pytest.raises(ValueError, match="outs"):
        table.home(1, Half.TOP, 3, 0, 0)
    assert table.home(3, Half.TOP, 0, 0, 25) == table.home(3, Half.TOP, 0, 0, MAX_DIFF)
    with pytest.raises(ValueError, match="bases"):
        parse_bases("1-2")
    with pytest.raises(ValueError, match="runs per game"):
        table_for(40.0)


def test_measuring_a_few_games_gives_a_usable_table():
    transitions = measure_transitions(20, seed=3)
    assert sum(n for moves in transitions for *_, n in moves) > 1000
    table = build_table(transitions)
    assert 0.3 < table.home(1, Half.TOP, 0, 0, 0) < 0.7


def _plays_with_states(seed):
    setup = demo_setup()
    state, dice = new_game(setup), SeededDice(seed)
    while state.phase is not Phase.GAME_OVER:
        before = state
        state, events, _ = apply(setup, before, defaults_for(before), dice)
        for event in events:
            if isinstance(event, Play):
                yield event, before, state


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_wpa_sums_to_the_home_result_minus_the_initial_we(seed):
    start = home_win(new_game(demo_setup()))
    total = 0.0
    final = None
    for play, before, after in _plays_with_states(seed):
        wpa = wpa_for(before, after)
        total += wpa if play.batting_side is Side.HOME else -wpa
        final = after
    assert final is not None
    result = 1.0 if final.winner is Side.HOME else 0.0
    assert total == pytest.approx(result - start, abs=0.002)


def test_command_prints_one_state(capsys):
    call_command("win_expectancy", inning=9, half="bottom", outs=1, bases="12-", diff=0, rpg=4.0)
    assert float(capsys.readouterr().out) == pytest.approx(0.70, abs=0.03)


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"half": "middle"}, "--half"), ({"outs": 3}, "--outs"), ({"bases": "x"}, "bases"), ({"inning": 0}, "--inning")],
)
def test_command_rejects_bad_arguments(changes, message):
    options = {"inning": 9, "half": "top", "outs": 0, "bases": "1--", "diff": 0} | changes
    with pytest.raises(CommandError, match=message):
        call_command("win_expectancy", **options)


def test_build_command_writes_a_table(tmp_path, capsys):
    out = tmp_path / "we.json"
    call_command("build_win_expectancy", games=5, out=out, rpg=4.0)
    assert out.exists()
    assert "4.00 runs" in capsys.readouterr().out


@pytest.mark.parametrize("seed", [6, 7, 8])
def test_ai_games_carry_wpa_on_every_play_summing_to_the_result(seed):
    from games.engine.ai import ai_chooser
    from games.engine.simulation import play_game

    setup = demo_setup()
    result = play_game(setup, SeededDice(seed), chooser=ai_chooser())
    start = home_win(new_game(setup))
    final = 1.0 if result.winner is Side.HOME else 0.0
    assert result.wpa_home == pytest.approx(final - start, abs=0.002)
    assert result.wpa_home != 0.0
