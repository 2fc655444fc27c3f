"""Per-play records and stat lines (RULES §13)."""

from dataclasses import replace

import pytest

from games.engine import Base, Decide, Outcome, Phase, Play, Position, ScriptedDice, SubmitOutcome, apply
from games.engine.scenarios import build
from games.engine.tables import RUN_EXPECTANCY
from games.tests.engine.helpers import case


def play(spec, dice=None, fielder=None):
    setup, state = build(spec)
    state = replace(state, phase=Phase.SUBMIT_OUTCOME)
    step = apply(setup, state, SubmitOutcome(Outcome(spec["outcome"]), fielder), ScriptedDice(dice or {}))
    [event] = [e for e in step.events if isinstance(e, Play)]
    return event


@pytest.mark.parametrize(
    ("outcome", "bases", "outs", "stats"),
    [
        ("WALK", "123", 0, {"pa": 1, "ab": 0, "bb": 1, "rbi": 1, "runs": 1}),
        ("HIT_BY_PITCH", "---", 0, {"pa": 1, "ab": 0, "hbp": 1}),
        ("STRIKEOUT", "---", 0, {"pa": 1, "ab": 1, "so": 1, "outs": 1}),
        ("DOUBLE_2", "1--", 0, {"ab": 1, "hit": 1, "double": 1, "rbi": 0}),
        ("TRIPLE", "1--", 0, {"hit": 1, "triple": 1, "rbi": 1}),
        ("HOMERUN", "12-", 0, {"hit": 1, "homerun": 1, "rbi": 3, "runs": 3}),
        ("FLYBALL_A", "--3", 0, {"pa": 1, "ab": 0, "sf": 1, "sac": 0, "rbi": 1, "outs": 1}),
        ("SINGLE_2", "---", 0, {"hit": 1, "single": 1, "double": 0}),
        ("GROUNDBALL_A", "1-3", 0, {"gidp": 1, "rbi": 0, "runs": 1, "outs": 2}),
        ("GROUNDBALL_C", "--3", 0, {"ab": 1, "rbi": 1, "runs": 1}),
    ],
)
def test_stat_lines(outcome, bases, outs, stats):
    line = play(case(bases, outs, outcome=outcome), {"location": 10}).stats
    for name, value in stats.items():
        assert getattr(line, name) == value, name


def test_flyball_bq_run_is_a_sacrifice_fly():
    setup, state = build(case("--3", 0))
    state = replace(state, phase=Phase.SUBMIT_OUTCOME)
    state = apply(setup, state, SubmitOutcome(Outcome.FLYBALL_BQ, Position.CENTER_FIELD), ScriptedDice()).state
    state = apply(setup, state, Decide(send=(Base.THIRD,)), ScriptedDice()).state
    step = apply(setup, state, Decide(throw=True), ScriptedDice({"check": 2}))
    [event] = [e for e in step.events if isinstance(e, Play)]
    assert (event.runs, event.stats.sf, event.stats.ab, event.stats.rbi) == (1, 1, 0, 1)
    assert [type(d).__name__ for d in event.decisions] == ["DefenseDecision", "OffenseDecision", "Decide", "Decide"]


def test_ballpark_stats():
    assert play(case(outcome="BP_HOMERUN"), {"check": 1}).stats.bphr == 1
    assert play(case(outcome="BP_HOMERUN"), {"check": 20}).stats.bpfo == 1
    assert play(case(outcome="BP_SINGLE"), {"check": 1}).stats.bp1b == 1
    line = play(case(outcome="BP_SINGLE"), {"check": 20}).stats
    assert (line.bplo, line.outs, line.hit) == (1, 1, 0)


def test_error_play_has_no_rbi_and_no_hit():
    spec = case("--3", 0, outcome="X_CHECK", fielders={"SS": {"range": 2, "error": 12}})
    event = play(spec, {"range": 7, "error": 3, "rare": 50}, Position.SHORTSTOP)
    assert (event.stats.error, event.stats.hit, event.stats.rbi, event.runs, event.stats.ab) == (1, 0, 0, 1, 1)
    assert "E2 on SS" in event.description


def test_re24_uses_the_table_and_zero_after_the_inning():
    event = play(case("1--", 0, outcome="SINGLE_1"))
    assert event.stats.re24 == round(RUN_EXPECTANCY[3][0] - RUN_EXPECTANCY[1][0], 3)
    event = play(case("--3", 2, outcome="STRIKEOUT"))
    assert event.stats.re24 == -RUN_EXPECTANCY[4][2]
    event = play(case("123", 0, outcome="HOMERUN"))
    assert event.stats.re24 == round(RUN_EXPECTANCY[0][0] - RUN_EXPECTANCY[7][0] + 4, 3)
    assert event.stats.wpa == 0.0


def test_play_record_describes_who_went_where():
    event = play(case("1-3", 0, outcome="GROUNDBALL_A"), {"location": 10})
    assert event.description.startswith("Batter grounds into a double play, SS to 2B to 1B")
    assert event.stats.on_base_code == 5
    assert event.defender == "h5"
    ends = {move.start: move.end for move in event.movements}
    assert ends == {0: 0, 1: 0, 3: 4}
    assert event.scored == (event.bases_before[2],)
    assert [name.value for name, _ in event.rolls] == ["location"]
