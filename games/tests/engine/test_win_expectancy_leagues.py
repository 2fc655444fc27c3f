"""Each demo league's own win-expectancy table: built from its teams under the AI's decisions (the infield plays
in late and close), shipped as data, and the one its games' WPA reads."""

import pytest
from django.core.management import call_command

from games.engine.dice import SeededDice
from games.engine.enums import Half, Side
from games.engine.state import new_game
from games.engine.win_expectancy import (
    build_table,
    default_table,
    home_win,
    league_file,
    league_table,
    read_document,
)

PUBLISHED = [(0, 0, 0.64), (1, 3, 0.70), (0, 4, 0.93), (1, 4, 0.83)]
"""(outs, bases mask, home win probability) tied in the bottom of the ninth: ---/0, 12-/1, --3/0, --3/1."""
LEAGUES = ("pd", "sba")


def _transitions(doc, key):
    return [[tuple(t) for t in moves] for moves in doc[key]]


@pytest.mark.parametrize("code", LEAGUES)
def test_the_shipped_table_is_what_its_stored_transitions_build(code):
    doc = read_document(league_file(code))
    assert doc["league"] == code
    table = build_table(_transitions(doc, "transitions"), None, _transitions(doc, "transitions_in"))
    assert table.to_data() == doc["home_win"]
    assert round(table.rpg, 4) == doc["rpg"]


@pytest.mark.parametrize("code", LEAGUES)
@pytest.mark.parametrize(("outs", "mask", "published"), PUBLISHED)
def test_reference_points_are_within_two_points_of_the_published_ones(code, outs, mask, published):
    assert league_table(code).home(9, Half.BOTTOM, outs, mask, 0) == pytest.approx(published, abs=0.02)


def test_an_unknown_league_reads_the_default_table():
    assert league_table("") is default_table()
    assert league_table("xyz") is default_table()
    assert league_table("../etc") is default_table()


def test_the_infield_in_lowers_the_chance_of_the_winning_run_from_third():
    doc = read_document(league_file("pd"))
    normal = build_table(_transitions(doc, "transitions"))
    assert league_table("pd").home(9, Half.BOTTOM, 0, 4, 0) < normal.home(9, Half.BOTTOM, 0, 4, 0)


@pytest.mark.parametrize("code", LEAGUES)
def test_a_league_games_wpa_reads_its_table(code):
    from games.engine.ai import ai_chooser
    from games.engine.simulation import play_game
    from games.simulation import league_setups

    setup = league_setups(code)(0)
    assert setup.options.win_table == code
    result = play_game(setup, SeededDice(3), chooser=ai_chooser())
    start = home_win(new_game(setup), table=league_table(code))
    final = 1.0 if result.winner is Side.HOME else 0.0
    assert result.wpa_home == pytest.approx(final - start, abs=0.002)


def test_build_command_writes_a_league_table(tmp_path, capsys):
    out = tmp_path / "we.json"
    call_command("build_win_expectancy", league="sba", games=2, out=out)
    doc = read_document(out)
    assert doc["league"] == "sba"
    assert len(doc["transitions_in"]) == 24
    assert "runs per team game" in capsys.readouterr().out
