"""Game flow (RULES §3, §7-§10, §12): phases, illegal actions, WP/PB, steals, bunts, end of game, manual mode."""

from dataclasses import replace

import pytest

from games.engine import (
    Base,
    Decide,
    DefenseDecision,
    Forfeit,
    IllegalDecision,
    IllegalOutcome,
    InfieldDepth,
    OffenseDecision,
    Outcome,
    Phase,
    Play,
    PlayType,
    Position,
    Roll,
    RuleOptions,
    ScriptedDice,
    SeededDice,
    Side,
    SubmitOutcome,
    WrongPhase,
    apply,
    defaults_for,
    new_game,
)
from games.engine.boxscore import box_score
from games.engine.enums import Half, ResolutionMode
from games.engine.scenarios import build, demo_setup
from games.tests.engine.helpers import assert_case, case


def play_of(step):
    [play] = [event for event in step.events if isinstance(event, Play)]
    return play


def to_roll(setup, state, defense=None, offense=None):
    state = apply(setup, state, defense or DefenseDecision(), ScriptedDice()).state
    return apply(setup, state, offense or OffenseDecision(), ScriptedDice()).state


def test_actions_must_match_the_phase():
    setup = demo_setup()
    state = new_game(setup)
    assert state.actor is Side.HOME
    with pytest.raises(WrongPhase, match="defense's decisions"):
        apply(setup, state, Roll(), ScriptedDice())
    state = apply(setup, state, DefenseDecision(), ScriptedDice()).state
    assert (state.phase, state.actor) == (Phase.OFFENSE, Side.AWAY)
    with pytest.raises(WrongPhase):
        apply(setup, state, Decide(), ScriptedDice())


@pytest.mark.parametrize(
    ("bases", "outs", "decision", "message"),
    [
        ("1--", 0, DefenseDecision(infield=InfieldDepth.IN), "runner on third"),
        ("--3", 2, DefenseDecision(infield=InfieldDepth.IN), "fewer than two outs"),
        ("-2-", 0, DefenseDecision(hold=(Base.FIRST,)), "no runner on first"),
        ("--3", 0, DefenseDecision(hold=(Base.THIRD,)), "first and second"),
    ],
)
def test_illegal_defense(bases, outs, decision, message):
    setup, state = build(case(bases, outs))
    with pytest.raises(IllegalDecision, match=message):
        apply(setup, state, decision, ScriptedDice())


@pytest.mark.parametrize(
    ("bases", "outs", "decision", "message"),
    [
        ("12-", 0, OffenseDecision(steal=(Base.FIRST,)), "open base"),
        ("1-3", 0, OffenseDecision(steal=(Base.FIRST, Base.FIRST)), "twice"),
        ("--3", 0, OffenseDecision(steal=(Base.THIRD,)), "steal home"),
        ("---", 0, OffenseDecision(steal=(Base.FIRST,)), "no runner"),
        ("1--", 2, OffenseDecision(bunt=True), "bunt"),
        ("-2-", 0, OffenseDecision(hit_and_run=True), "runner on first"),
    ],
)
def test_illegal_offense(bases, outs, decision, message):
    setup, state = build(case(bases, outs))
    state = apply(setup, state, DefenseDecision(), ScriptedDice()).state
    with pytest.raises(IllegalDecision, match=message):
        apply(setup, state, decision, ScriptedDice())


def test_double_steal_catcher_throws_at_the_lead_runner():
    runner = {"steal_jump": 0.5, "steal_low": 10}
    spec = case("12-", 0, offense={"steal": ["R2", "R1"]}, runners={"R2": runner})
    assert_case({**spec, "dice": {"jump_check": 9, "lead": [1, 1], "steal": 4}, "expect": {"bases": "-23"}})
    assert_case({**spec, "dice": {"jump_check": 9, "lead": [1, 1], "steal": 11}, "expect": {"bases": "-2-", "outs": 1}})


def test_defaults():
    setup = demo_setup()
    state = new_game(setup)
    assert defaults_for(state) == DefenseDecision()
    assert defaults_for(replace(state, phase=Phase.OFFENSE)) == OffenseDecision()
    assert defaults_for(replace(state, phase=Phase.ROLL)) == Roll()
    assert defaults_for(replace(state, phase=Phase.SEND)) == Decide(send=())
    throw = defaults_for(replace(state, phase=Phase.THROW))
    assert isinstance(throw, Decide)
    assert throw.throw is True
    with pytest.raises(WrongPhase):
        defaults_for(replace(state, phase=Phase.SUBMIT_OUTCOME))


def test_no_chaos_roll_with_bases_empty():
    setup, state = build(case("---", 0))
    step = apply(setup, to_roll(setup, state), Roll(), ScriptedDice())
    assert "chaos" not in [name.value for name, _ in step.rolls]


@pytest.mark.parametrize(
    ("dice", "play_type"),
    [
        ({"chaos": 1, "check": 5}, PlayType.WILD_PITCH),
        ({"chaos": 1, "check": 6}, PlayType.AT_BAT),
        ({"chaos": 2, "check": 3}, PlayType.PASSED_BALL),
        ({"chaos": 2, "check": 4}, PlayType.AT_BAT),
        ({"chaos": 3}, PlayType.AT_BAT),
    ],
)
def test_wild_pitch_and_passed_ball_checks(dice, play_type):
    spec = case("1--", 0, pitcher={"wild_pitch": 5}, fielders={"C": {"passed_ball": 3}})
    setup, state = build(spec)
    step = apply(setup, to_roll(setup, state), Roll(), ScriptedDice(dice))
    play = play_of(step)
    assert play.play_type is play_type
    assert play.runner is None
    if play_type is not PlayType.AT_BAT:
        assert (step.state.bases_code, play.stats.pa, step.state.batter, step.state.phase) == (
            "-2-",
            0,
            state.batter,
            Phase.ROLL,
        )


def test_intentional_walk_needs_no_roll():
    setup, state = build(case("-2-", 0))
    step = apply(setup, state, DefenseDecision(intentional_walk=True), ScriptedDice())
    play = play_of(step)
    assert (play.play_type, play.stats.ibb, play.stats.pa, play.stats.ab, step.rolls) == (
        PlayType.INTENTIONAL_WALK,
        1,
        1,
        0,
        (),
    )


@pytest.mark.parametrize(
    ("dice", "runners", "expect"),
    [
        ({"jump_check": 1, "check": 3}, {}, {"play": "PICKOFF", "bases": "---", "outs": 1}),
        ({"jump_check": 1, "check": 4, "lead": [6, 6]}, {}, {"play": "PICKOFF", "outs": 1}),
        ({"jump_check": 2, "check": 2}, {}, {"play": "BALK", "bases": "-2-", "outs": 0}),
        ({"jump_check": 9, "lead": [6, 5]}, {}, {"play": "STEAL_CALLED_OFF", "bases": "1--"}),
        ({"jump_check": 9, "lead": [1, 1], "steal": 16}, {}, {"play": "CAUGHT_STEALING", "outs": 1}),
        ({"jump_check": 9, "lead": [1, 1], "steal": 20}, {"steal_high": 30}, {"play": "CAUGHT_STEALING"}),
        ({"jump_check": 9, "lead": [1, 1], "steal": 1}, {"steal_high": -5}, {"play": "STOLEN_BASE"}),
        ({"jump_check": 9, "lead": [1, 1], "steal": 3, "check": 4}, {}, {"bases": "--3", "errors": 1}),
        ({"jump_check": 9, "lead": [1, 1], "steal": 3, "check": 5}, {}, {"bases": "-2-", "errors": 0}),
    ],
)
def test_steals(dice, runners, expect):
    r1 = {"steal_jump": 0.5, "steal_high": 15, **runners}
    spec = case("1--", 0, offense={"steal": ["R1"]}, dice=dice, runners={"R1": r1})
    spec |= {"pitcher": {"hold": 0, "balk": 2}, "fielders": {"C": {"arm": 0, "throwing": 4}}, "expect": expect}
    assert_case(spec)


def test_held_auto_runner_needs_the_lead_roll():
    r1 = {"steal_auto": True, "steal_jump": 0.0, "steal_high": 15}
    spec = case("1--", 0, offense={"steal": ["R1"]}, defense={"hold": ["R1"]}, runners={"R1": r1})
    assert_case({**spec, "dice": {"jump_check": 9, "lead": [1, 1]}, "expect": {"play": "STEAL_CALLED_OFF"}})


@pytest.mark.parametrize(
    ("check", "expect"),
    [(11, {"bases": "-2-", "outs": 1}), (12, {"bases": "1--", "outs": 1}), (20, {"bases": "---", "outs": 2})],
)
def test_sacrifice_bunt(check, expect):
    assert_case(
        case("1--", 0, offense={"bunt": True}, dice={"check": check}, expect={**expect, "play": "SACRIFICE_BUNT"})
    )


def test_hit_and_run():
    spec = case("1--", 0, offense={"hit_and_run": True}, batter={"hit_and_run": "A"})
    assert_case({**spec, "dice": {"check": 8}, "expect": {"bases": "1-3", "outcome": "SINGLE_1"}})
    assert_case({**spec, "outcome": "GROUNDBALL_A", "location": "SS", "expect": {"bases": "-2-", "outs": 1}})
    assert_case({**spec, "outcome": "LINEOUT", "location": "SS", "expect": {"bases": "---", "outs": 2}})


# -- end of game -----------------------------------------------------------------------------------------------


def test_walk_off_counts_only_the_winning_run():
    spec = case("123", 0, inning=9, half="bottom", score={"away": 3, "home": 3}, outcome="DOUBLE_3")
    assert_case({**spec, "expect": {"game_over": True, "winner": "home", "score": {"away": 3, "home": 4}}})


def test_walk_off_home_run_scores_everyone():
    spec = case("123", 0, inning=10, half="bottom", score={"away": 3, "home": 3}, outcome="HOMERUN")
    assert_case({**spec, "expect": {"game_over": True, "score": {"away": 3, "home": 7}, "runs": 4}})


def test_tie_after_nine_goes_to_extra_innings():
    spec = case("---", 2, inning=9, half="bottom", score={"away": 3, "home": 3}, outcome="STRIKEOUT")
    setup, state = build(spec)
    state = replace(state, phase=Phase.SUBMIT_OUTCOME)
    state = apply(setup, state, SubmitOutcome(Outcome.STRIKEOUT), ScriptedDice()).state
    assert (state.inning, state.half, state.game_over, state.bases) == (10, Half.TOP, False, (None, None, None))


def test_away_lead_after_nine_ends_the_game():
    spec = case("---", 2, inning=9, half="bottom", score={"away": 4, "home": 3}, outcome="STRIKEOUT")
    assert_case({**spec, "expect": {"game_over": True, "winner": "away"}})


def test_home_not_leading_after_top_nine_bats():
    spec = case("---", 2, inning=9, half="top", score={"away": 3, "home": 3}, outcome="STRIKEOUT")
    assert_case({**spec, "expect": {"game_over": False, "inning_over": True}})


def end_half(setup, state):
    state = replace(state, outs=2, phase=Phase.SUBMIT_OUTCOME)
    return apply(setup, state, SubmitOutcome(Outcome.STRIKEOUT), ScriptedDice()).state


def test_extra_inning_runner_option():
    setup = demo_setup(RuleOptions(innings=1, extra_inning_runner=True))
    state = end_half(setup, new_game(setup))
    state = end_half(setup, state)
    assert (state.inning, state.bases_code) == (2, "-2-")
    assert state.bases[1] == state.away.lineup[(state.away.batter_index - 1) % 9].player


def test_mercy_rule_option():
    setup = demo_setup(RuleOptions(mercy_runs=10, mercy_after_inning=5))
    state = replace(new_game(setup), inning=5, half=Half.BOTTOM, score=(0, 10), runs_by_inning=((0,) * 5, (10,)))
    state = end_half(setup, state)
    assert (state.game_over, state.winner) == (True, Side.HOME)
    setup = demo_setup(RuleOptions(mercy_runs=10, mercy_after_inning=5))
    state = replace(new_game(setup), inning=4, half=Half.BOTTOM, score=(0, 10), runs_by_inning=((0,) * 4, (10,)))
    assert not end_half(setup, state).game_over


def test_forfeit():
    setup = demo_setup()
    step = apply(setup, new_game(setup), Forfeit(Side.HOME), ScriptedDice())
    assert (step.state.game_over, step.state.winner) == (True, Side.AWAY)
    with pytest.raises(WrongPhase, match="over"):
        apply(setup, step.state, Roll(), ScriptedDice())


def test_short_game_and_line_score():
    setup = demo_setup(RuleOptions(innings=3))
    state = new_game(setup)
    dice = SeededDice(11)
    plays = []
    while not state.game_over:
        step = apply(setup, state, defaults_for(state), dice)
        plays += [e for e in step.events if isinstance(e, Play)]
        state = step.state
    assert state.inning >= 3
    assert sum(state.runs_by_inning[0]) == state.score[0] == sum(p.runs for p in plays if p.batting_side is Side.AWAY)
    assert state.hits[0] == sum(p.stats.hit for p in plays if p.batting_side is Side.AWAY)
    assert state.errors[1] == sum(p.errors for p in plays if p.batting_side is Side.AWAY)
    line = box_score(setup, plays).line
    for side, team in ((0, line.away), (1, line.home)):
        assert tuple(runs for runs in team.innings if runs is not None) == state.runs_by_inning[side]
        assert (team.runs, team.hits, team.errors) == (state.score[side], state.hits[side], state.errors[side])


# -- manual (SBA) resolution ---------------------------------------------------------------------------------------


def manual_state(column):
    setup, state = build(case("1--", 0, league="sba"))
    state = to_roll(setup, state)
    step = apply(setup, state, Roll(), ScriptedDice({"chaos": 5, "column": column, "row": [2, 3], "split": 4}))
    return setup, step


def test_manual_roll_waits_for_the_card_reader():
    _, step = manual_state(5)
    assert step.state.phase is Phase.SUBMIT_OUTCOME
    assert step.state.actor is Side.HOME
    assert "pitcher's card" in step.events[0].text
    _, step = manual_state(2)
    assert step.state.actor is Side.AWAY


@pytest.mark.parametrize(
    ("outcome", "fielder", "message"),
    [
        ("HOMER", None, "unknown outcome"),
        (Outcome.X_CHECK, None, "needs the fielder"),
        (Outcome.GROUNDBALL_B, None, "needs the fielder"),
        (Outcome.POPOUT, None, "needs the fielder"),
        (Outcome.FLYBALL_B, Position.SHORTSTOP, "outfielder"),
        (Outcome.GROUNDBALL_A, Position.LEFT_FIELD, "infielder"),
        (Outcome.STRIKEOUT, Position.SHORTSTOP, "cannot go"),
        (Outcome.INTENTIONAL_WALK, None, "defense's decision"),
    ],
)
def test_manual_submission_is_validated(outcome, fielder, message):
    setup, step = manual_state(2)
    with pytest.raises(IllegalOutcome, match=message):
        apply(setup, step.state, SubmitOutcome(outcome, fielder), ScriptedDice())


def test_manual_submission_resolves_and_records_the_roll():
    setup, step = manual_state(2)
    result = apply(setup, step.state, SubmitOutcome(Outcome.GROUNDBALL_A, Position.SHORTSTOP), ScriptedDice())
    play = play_of(result)
    assert (result.state.bases_code, play.outs_after, play.stats.gidp, play.stats.rbi) == ("---", 2, 1, 0)
    assert [name.value for name, _ in play.rolls] == ["chaos", "column", "row", "split"]
    assert result.rolls == ()
    assert "double play" in play.description


def test_manual_options():
    assert RuleOptions.sba().resolution is ResolutionMode.MANUAL


def test_walk_off_inside_the_park_home_run_scores_everyone():
    spec = case("12-", 0, inning=9, half="bottom", score={"away": 3, "home": 3}, outcome="X_CHECK", location="CF")
    spec |= {"fielders": {"CF": {"range": 5, "error": 1}}, "dice": {"range": 1, "error": 5, "rare": 1}}
    assert_case({**spec, "expect": {"game_over": True, "score": {"away": 3, "home": 6}}})


def test_steal_play_names_its_runner():
    spec = case("1--", 0, offense={"steal": ["R1"]}, runners={"R1": {"steal_auto": True, "steal_high": 15}})
    setup, state = build(spec)
    state = to_roll(setup, state, offense=OffenseDecision(steal=(Base.FIRST,)))
    play = play_of(apply(setup, state, Roll(), ScriptedDice({"jump_check": 9, "steal": 5})))
    assert (play.play_type, play.runner, play.stats.sb, play.stats.pa) == (PlayType.STOLEN_BASE, "a7", 1, 0)


def test_after_a_steal_the_same_batter_rolls_under_the_decisions_that_still_apply():
    spec = case("1-3", 1, runners={"R1": {"steal_jump": 0.5, "steal_high": 15}})
    setup, state = build(spec)
    defense = DefenseDecision(infield=InfieldDepth.IN, hold=(Base.FIRST,))
    state = to_roll(setup, state, defense, OffenseDecision(steal=(Base.FIRST,)))
    step = apply(setup, state, Roll(), ScriptedDice({"jump_check": 9, "lead": [1, 1], "steal": 20}))
    assert play_of(step).play_type is PlayType.CAUGHT_STEALING
    after = step.state
    assert (after.phase, after.batter, after.outs) == (Phase.ROLL, state.batter, 2)
    assert after.defense == DefenseDecision()
    assert after.offense == OffenseDecision()
    step = apply(setup, after, Roll(), ScriptedDice({"chaos": 5}))
    assert play_of(step).play_type is PlayType.AT_BAT


def test_called_off_steal_keeps_holds_and_depth():
    spec = case("1-3", 0, runners={"R1": {"steal_jump": 0.0}})
    setup, state = build(spec)
    defense = DefenseDecision(infield=InfieldDepth.IN, hold=(Base.FIRST,))
    state = to_roll(setup, state, defense, OffenseDecision(steal=(Base.FIRST,)))
    after = apply(setup, state, Roll(), ScriptedDice({"jump_check": 9, "lead": [3, 3]})).state
    assert (after.phase, after.defense, after.offense.steal) == (Phase.ROLL, defense, ())
