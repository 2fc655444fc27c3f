"""Simple outcomes, flyballs, ballpark checks, uncapped hits and the two-out / run rules (RULES §4)."""

import pytest

from games.tests.engine.helpers import assert_case, case


@pytest.mark.parametrize(
    ("outcome", "bases", "outs", "expect"),
    [
        ("STRIKEOUT", "123", 0, {"bases": "123", "outs": 1, "runs": 0}),
        ("LINEOUT", "1-3", 1, {"bases": "1-3", "outs": 2, "runs": 0}),
        ("POPOUT", "-2-", 0, {"bases": "-2-", "outs": 1}),
        ("WALK", "1-3", 0, {"bases": "123", "runs": 0}),
        ("WALK", "12-", 0, {"bases": "123", "runs": 0}),
        ("HIT_BY_PITCH", "123", 0, {"bases": "123", "runs": 1}),
        ("HIT_BY_PITCH", "--3", 0, {"bases": "1-3", "runs": 0}),
        ("SINGLE_1", "123", 0, {"bases": "123", "runs": 1}),
        ("SINGLE_2", "12-", 0, {"bases": "1-3", "runs": 1}),
        ("DOUBLE_2", "123", 0, {"bases": "-23", "runs": 2}),
        ("DOUBLE_3", "123", 0, {"bases": "-2-", "runs": 3}),
        ("TRIPLE", "123", 0, {"bases": "--3", "runs": 3}),
        ("HOMERUN", "---", 0, {"bases": "---", "runs": 1}),
        ("FLYBALL_A", "123", 0, {"bases": "-23", "outs": 1, "runs": 1}),
        ("FLYBALL_A", "12-", 1, {"bases": "-23", "outs": 2, "runs": 0}),
        ("FLYBALL_C", "123", 0, {"bases": "123", "outs": 1, "runs": 0}),
        ("FLYBALL_B", "123", 2, {"inning_over": True, "runs": 0}),
        ("FLYBALL_BQ", "--3", 2, {"inning_over": True, "runs": 0}),
    ],
)
def test_simple_outcomes(outcome, bases, outs, expect):
    assert_case(case(bases, outs, outcome=outcome, expect=expect))


def test_flyball_b_scores_r3_and_holds_r1():
    assert_case(case("1-3", 0, outcome="FLYBALL_B", location="RF", expect={"bases": "1--", "outs": 1, "runs": 1}))


@pytest.mark.parametrize(
    ("check", "expect"),
    [(5, {"bases": "--3", "outs": 1, "runs": 1}), (20, {"bases": "---", "outs": 2, "runs": 1})],
)
def test_flyball_b_r2_sent_and_thrown_at(check, expect):
    spec = case("-23", 0, outcome="FLYBALL_B", location="CF", offense={"send": ["R2"]}, dice={"check": check})
    assert_case({**spec, "expect": expect})


def test_flyball_b_r2_sent_defense_lets_him_go():
    spec = case("-23", 0, outcome="FLYBALL_B", location="CF", offense={"send": ["R2"]}, defense_throw=False)
    assert_case({**spec, "expect": {"bases": "--3", "outs": 1, "runs": 1}})


def test_tag_up_third_out_voids_the_run():
    spec = case("-23", 1, outcome="FLYBALL_B", location="CF", offense={"send": ["R2"]}, dice={"check": 20})
    assert_case({**spec, "expect": {"inning_over": True, "runs": 0}})


@pytest.mark.parametrize(
    ("send", "check", "expect"),
    [
        ([], 1, {"bases": "--3", "outs": 1, "runs": 0}),
        (["R3"], 12, {"bases": "---", "outs": 1, "runs": 1, "pa": 1}),
        (["R3"], 13, {"bases": "---", "outs": 2, "runs": 0}),
    ],
)
def test_flyball_bq_decide(send, check, expect):
    spec = case("--3", 0, outcome="FLYBALL_BQ", location="LF", offense={"send": send}, dice={"check": check})
    assert_case({**spec, "expect": expect})


def test_speed_check_counts_the_arm_and_two_outs():
    fielders = {"CF": {"arm": -3}}
    spec = case("-2-", 2, outcome="SINGLE_UNCAPPED", offense={"send": ["R2"]}, fielders=fielders)
    assert_case({**spec, "dice": {"check": 11}, "expect": {"bases": "1--", "runs": 1}})
    assert_case({**spec, "dice": {"check": 12}, "expect": {"runs": 0, "inning_over": True}})


@pytest.mark.parametrize(("check", "safe"), [(1, True), (20, False)])
def test_speed_check_1_always_safe_20_always_out(check, safe):
    runners = {"R2": {"running": 30 if not safe else 1}}
    spec = case("-2-", 0, outcome="SINGLE_UNCAPPED", offense={"send": ["R2"]}, runners=runners, dice={"check": check})
    assert_case({**spec, "expect": {"runs": 1 if safe else 0, "outs": 0 if safe else 1}})


def test_uncapped_single_throw_at_lead_runner_trailing_holds():
    spec = case("12-", 0, outcome="SINGLE_UNCAPPED", offense={"send": ["R2", "R1"]}, dice={"check": 20})
    assert_case({**spec, "expect": {"bases": "12-", "runs": 0, "outs": 1}})


def test_uncapped_double_lead_runner_holds_by_default():
    assert_case(case("1--", 0, outcome="DOUBLE_UNCAPPED", expect={"bases": "-23", "runs": 0}))


def test_uncapped_double_defense_lets_runner_go():
    spec = case("1--", 0, outcome="DOUBLE_UNCAPPED", offense={"send": ["R1"]}, defense_throw=False)
    assert_case({**spec, "expect": {"bases": "-2-", "runs": 1}})


@pytest.mark.parametrize(
    ("outcome", "check", "expect"),
    [
        ("BP_HOMERUN", 10, {"runs": 2, "bases": "---", "outs": 0}),
        ("BP_HOMERUN", 11, {"runs": 1, "bases": "---", "outs": 1}),
        ("BP_SINGLE", 10, {"bases": "1-3", "runs": 0, "outs": 0}),
        ("BP_SINGLE", 11, {"bases": "-2-", "runs": 0, "outs": 1}),
    ],
)
def test_ballpark_checks(outcome, check, expect):
    bases = "--3" if outcome == "BP_HOMERUN" else "-2-"
    assert_case(case(bases, 0, outcome=outcome, dice={"check": check}, expect=expect))


def test_dp_third_out_voids_run_but_force_play_with_two_out_before_too():
    assert_case(case("1-3", 1, outcome="GROUNDBALL_A", location="SS", expect={"inning_over": True, "runs": 0}))


def test_runner_thrown_out_stretching_as_third_out_keeps_earlier_run():
    spec = case("1-3", 2, outcome="SINGLE_UNCAPPED", offense={"send": ["R1"]}, dice={"check": 20})
    assert_case({**spec, "expect": {"inning_over": True, "runs": 1}})
