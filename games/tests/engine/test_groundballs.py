"""Groundball chart and result numbers 1-13 (RULES §5)."""

import pytest

from games.engine.enums import GroundballResult as GB
from games.engine.enums import Outcome, Position
from games.engine.resolve import groundball_result
from games.engine.tables import groundball_number, uses_in_column
from games.tests.engine.helpers import assert_case, bases_code, builder, case

SS, B1, B2, B3, P = (
    Position.SHORTSTOP,
    Position.FIRST_BASE,
    Position.SECOND_BASE,
    Position.THIRD_BASE,
    Position.P,
)


@pytest.mark.parametrize(
    ("number", "bases", "fielder", "after", "outs", "runs"),
    [
        (GB.BATTER_OUT_RUNNERS_HOLD, "1-3", SS, "1-3", 1, 0),
        (GB.DOUBLE_PLAY_AT_SECOND, "1-3", SS, "---", 2, 1),
        (GB.BATTER_OUT_RUNNERS_ADVANCE, "12-", SS, "-23", 1, 0),
        (GB.FORCE_AT_SECOND_BATTER_SAFE, "1-3", SS, "1--", 1, 1),
        (GB.ADVANCE_IF_MIDDLE_INFIELD, "--3", B2, "---", 1, 1),
        (GB.ADVANCE_IF_MIDDLE_INFIELD, "--3", B1, "--3", 1, 0),
        (GB.ADVANCE_IF_RIGHT_SIDE, "-2-", B1, "--3", 1, 0),
        (GB.ADVANCE_IF_RIGHT_SIDE, "-2-", SS, "-2-", 1, 0),
        (GB.BATTER_OUT_FORCED_ADVANCE, "1-3", SS, "-23", 1, 0),
        (GB.BATTER_OUT_FORCED_ADVANCE_8, "-2-", SS, "-2-", 1, 0),
        (GB.BATTER_OUT_TRAILING_ADVANCE, "1-3", SS, "-23", 1, 0),
        (GB.DOUBLE_PLAY_HOME_TO_FIRST, "123", SS, "-23", 2, 0),
        (GB.LEAD_RUNNER_FORCED_BATTER_SAFE, "123", SS, "123", 1, 0),
        (GB.LEAD_RUNNER_FORCED_BATTER_SAFE, "12-", SS, "12-", 1, 0),
        (GB.DOUBLE_PLAY_BY_LOCATION, "12-", B3, "-2-", 2, 0),
        (GB.DOUBLE_PLAY_BY_LOCATION, "12-", SS, "--3", 2, 0),
    ],
)
def test_result_numbers(number, bases, fielder, after, outs, runs):
    p = builder(case(bases, 0))
    assert groundball_result(p, number, fielder) is None
    assert (bases_code(p), p.outs, len(p.scored)) == (after, outs, runs)


def test_result_12_asks_the_lead_runner():
    p = builder(case("-23", 0))
    prompt = groundball_result(p, GB.BATTER_OUT_LEAD_RUNNER_DECIDES, SS)
    assert prompt is not None
    assert [b.label for b in prompt.candidates] == ["R3"]


def test_result_12_with_bases_empty_is_a_plain_out():
    p = builder(case("---", 0))
    assert groundball_result(p, GB.BATTER_OUT_LEAD_RUNNER_DECIDES, SS) is None
    assert p.outs == 1


@pytest.mark.parametrize(
    ("send", "throw", "check", "expect"),
    [
        ([], True, 1, {"bases": "-23", "outs": 1, "runs": 0}),
        (["R3"], False, 1, {"bases": "-2-", "outs": 1, "runs": 1}),
        (["R3"], True, 12, {"bases": "12-", "outs": 0, "runs": 1}),
        (["R3"], True, 13, {"bases": "12-", "outs": 1, "runs": 0}),
    ],
)
def test_result_12_decide(send, throw, check, expect):
    spec = case("-23", 0, outcome="GROUNDBALL_C", location="2B", defense={"infield": "in"})
    spec |= {"offense": {"send": send}, "defense_throw": throw, "dice": {"check": check}, "expect": expect}
    assert_case(spec)


@pytest.mark.parametrize("number", list(GB))
def test_two_outs_every_result_ends_the_inning_without_runs(number):
    p = builder(case("123", 2))
    groundball_result(p, number, SS)
    assert p.outs == 3
    assert p.cancel_runs or not p.scored


def test_corners_in_reads_in_column_only_for_1b_3b_p():
    from games.engine.enums import InfieldDepth

    assert uses_in_column(InfieldDepth.CORNERS_IN, B3)
    assert uses_in_column(InfieldDepth.CORNERS_IN, P)
    assert not uses_in_column(InfieldDepth.CORNERS_IN, SS)
    assert uses_in_column(InfieldDepth.IN, SS)
    assert not uses_in_column(InfieldDepth.NORMAL, B1)


def test_corners_in_play():
    spec = case("--3", 1, outcome="GROUNDBALL_A", defense={"infield": "corners_in"})
    assert_case({**spec, "location": "3B", "expect": {"bases": "--3", "outs": 2, "runs": 0}})
    assert_case({**spec, "location": "SS", "expect": {"bases": "---", "outs": 2, "runs": 1}})


def test_chart_lookup_falls_back_to_normal_where_in_is_null():
    assert groundball_number(Outcome.GROUNDBALL_A, 0, True) == 1


def test_location_roll_picks_the_fielder_when_none_is_printed():
    spec = case("1--", 0, outcome="GROUNDBALL_B", dice={"location": 20})
    assert_case({**spec, "expect": {"bases": "1--", "outs": 1}})


def test_lefty_location_is_mirrored():
    spec = case("--3", 0, outcome="GROUNDBALL_B", batter={"hand": "L"}, dice={"location": 10})
    assert_case({**spec, "expect": {"runs": 1}})
    spec = case("--3", 0, outcome="GROUNDBALL_B", batter={"hand": "R"}, dice={"location": 1})
    assert_case({**spec, "expect": {"runs": 0}})
