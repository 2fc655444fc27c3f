"""X-checks (RULES §6): range chart, # conversion, SPD, errors and the combination table, rare plays."""

from dataclasses import replace

import pytest

from games.engine.enums import Outcome, Position, RollName, XCheckResult
from games.engine.options import RuleOptions
from games.engine.resolve import _rare_play, _x_error, resolve_outcome
from games.engine.tables import XCHECK_RANGES, xcheck_error
from games.tests.engine.helpers import assert_case, bases_code, builder, case

X = XCheckResult
SS, LF = Position.SHORTSTOP, Position.LEFT_FIELD


@pytest.mark.parametrize(
    ("base", "error", "start", "after", "runs", "hit"),
    [
        (X.G1, 1, "1--", "12-", 0, False),
        (X.G3, 2, "1--", "-23", 0, False),
        (X.SI1, 1, "1--", "-23", 0, True),
        (X.SI1, 2, "1--", "--3", 1, True),
        (X.SI2, 1, "-2-", "-2-", 1, True),
        (X.SI2, 3, "-2-", "--3", 1, True),
        (X.DO2, 1, "1--", "--3", 1, True),
        (X.DO2, 3, "1--", "---", 2, True),
        (X.DO3, 1, "1--", "--3", 1, True),
        (X.DO3, 2, "1--", "---", 2, True),
        (X.TR3, 1, "---", "---", 1, True),
        (X.F1, 1, "-2-", "1-3", 0, False),
        (X.F2, 2, "-2-", "-2-", 1, False),
        (X.F3, 3, "1--", "--3", 1, False),
        (X.PO, 1, "---", "1--", 0, False),
        (X.PO, 2, "12-", "-2-", 2, False),
    ],
)
def test_combination_table_with_errors(base, error, start, after, runs, hit):
    p = builder(case(start, 0))
    _x_error(p, base, LF if base.value[0] in "DTF" else SS, error)
    assert (bases_code(p), len(p.scored), p.hit, p.errors, p.outs) == (after, runs, hit, 1, 0)


def test_foul_out_with_error_the_batter_bats_again():
    p = builder(case("1--", 0))
    _x_error(p, X.FO, Position.C, 1)
    assert (bases_code(p), p.outs, p.pa_complete, p.errors) == ("1--", 0, False, 1)


def test_reached_on_error_is_no_hit_and_no_rbi():
    spec = case("--3", 0, outcome="X_CHECK", location="SS", fielders={"SS": {"range": 2, "error": 12}})
    assert_case({**spec, "dice": {"range": 7, "error": 3, "rare": 50}, "expect": {"runs": 1, "errors": 1}})


def test_playing_in_makes_range_worse_and_turns_hash_into_single():
    assert XCHECK_RANGES[SS][5][1] is X.G2_HASH
    fielders = {"SS": {"range": 1, "error": 12}}
    spec = case("--3", 0, outcome="X_CHECK", location="SS", fielders=fielders, dice={"range": 6, "error": 5})
    assert_case({**spec, "defense": {"infield": "in"}, "expect": {"bases": "1--", "runs": 1, "outs": 0}})
    assert_case({**spec, "dice": {"range": 3, "error": 5}, "expect": {"outs": 1}})


def test_first_baseman_holding_r1_turns_hash_into_single():
    fielders = {"1B": {"range": 2, "error": 1}}
    spec = case("1--", 0, outcome="X_CHECK", location="1B", fielders=fielders, dice={"range": 6, "error": 5})
    assert_case({**spec, "defense": {"hold": ["R1"]}, "expect": {"bases": "1-3", "outs": 0}})
    assert_case({**spec, "expect": {"outs": 1}})


def test_spd_slow_batter_is_a_groundball():
    spec = case("---", 0, outcome="X_CHECK", location="C", fielders={"C": {"range": 2, "error": 4}})
    assert_case(
        {**spec, "batter": {"running": 8}, "dice": {"range": 2, "error": 10, "check": 9}, "expect": {"outs": 1}}
    )


def test_error_table_larger_error_stands_and_outfield_three_base_errors():
    assert xcheck_error(Position.RIGHT_FIELD, 16, 3) == 3
    assert xcheck_error(SS, 99, 3) == 0


def test_rare_play_is_a_league_option():
    fielders = {"LF": {"range": 1, "error": 3}}
    dice = {"range": 1, "error": 5, "rare": 1}
    spec = case("1-3", 0, outcome="X_CHECK", location="LF", fielders=fielders, dice=dice)
    assert_case({**spec, "expect": {"bases": "--3", "runs": 1, "outs": 1}})
    p = builder(spec, dice)
    p.setup = replace(p.setup, options=RuleOptions(rare_plays=False))
    resolve_outcome(p, Outcome.X_CHECK, LF)
    assert (bases_code(p), len(p.scored), p.outs) == ("-2-", 1, 1)
    assert RollName.RARE not in dict(p.rolls)


@pytest.mark.parametrize(
    ("base", "start", "after", "outs", "runs"),
    [
        (X.G1, "1--", "---", 2, 0),
        (X.G1, "--3", "---", 1, 1),
        (X.F2, "-2-", "-2-", 1, 0),
        (X.F3, "---", "---", 1, 0),
        (X.G2, "1-3", "-23", 1, 0),
        (X.G3, "1-3", "-2-", 1, 1),
        (X.SI1, "1--", "1--", 1, 0),
        (X.SI2, "1--", "--3", 1, 0),
        (X.DO2, "-2-", "---", 1, 1),
        (X.DO3, "---", "---", 1, 0),
        (X.DO3, "1--", "-2-", 0, 1),
        (X.TR3, "1--", "---", 0, 2),
        (X.F1, "1--", "--3", 1, 0),
        (X.F2, "1-3", "1--", 2, 0),
        (X.F3, "12-", "1--", 2, 0),
        (X.PO, "1--", "12-", 0, 0),
        (X.FO, "1--", "12-", 0, 0),
    ],
)
def test_rare_plays(base, start, after, outs, runs):
    p = builder(case(start, 0))
    _rare_play(p, base, LF if base.value[0] in "DTF" else SS)
    assert (bases_code(p), p.outs, len(p.scored)) == (after, outs, runs)


def test_foul_out_passed_ball_check_with_runners_on():
    fielders = {"C": {"range": 1, "error": 1, "passed_ball": 5}}
    spec = case("1--", 0, outcome="X_CHECK", location="C", fielders=fielders)
    assert_case(
        {**spec, "dice": {"range": 10, "error": 5, "rare": 50, "check": 5}, "expect": {"bases": "-2-", "pa": 0}}
    )
    assert_case(
        {**spec, "dice": {"range": 10, "error": 5, "rare": 50, "check": 6}, "expect": {"bases": "1--", "outs": 1}}
    )


def test_a_rating_listed_twice_on_a_row_keeps_the_larger_error():
    import json

    from games.engine.tables import _larger_error

    row = json.loads('{"12": 1, "13": 2, "12": 2, "13": 1}', object_pairs_hook=_larger_error)
    assert row == {"12": 2, "13": 2}
