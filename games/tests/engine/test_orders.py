from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from games.engine.actions import DefenseDecision, OffenseDecision, PitchingChange, Roll, Substitute
from games.engine.ai import STYLES, AiChoice, Personality, choose_action, tuned
from games.engine.answers import expiry_answer, routine_answer
from games.engine.cards import BatterCard, FielderRating
from games.engine.enums import Base, Half, InfieldDepth, Phase, Position, Side
from games.engine.options import RuleOptions
from games.engine.orders import (
    NO_ORDERS,
    DecisionKind,
    HoldPolicy,
    InfieldPolicy,
    StandingOrders,
    Tendency,
    decision_kind,
    orders_from_dict,
    orders_to_dict,
)
from games.engine.scenarios import AVERAGE_RUNNER, demo_setup
from games.engine.state import Player, new_game
from games.tests.engine.test_ai import _at, _card, _defense, _fast_runner, _offense


def test_tendencies_borrow_the_cautious_and_the_bold_personality_s_thresholds():
    balanced, safe, yolo = (STYLES[p] for p in (Personality.BALANCED, Personality.SAFE, Personality.YOLO))
    assert tuned(balanced, NO_ORDERS) is balanced
    cautious = tuned(balanced, StandingOrders(steal=Tendency.LESS, intentional_walk=Tendency.LESS))
    assert (cautious.steal_margin, cautious.ibb_gap) == (safe.steal_margin, safe.ibb_gap)
    bold = tuned(balanced, StandingOrders(hit_and_run=Tendency.MORE, pinch_hit=Tendency.MORE, bunt=Tendency.MORE))
    assert (bold.hit_and_run_grades, bold.pinch_gap) == (yolo.hit_and_run_grades, yolo.pinch_gap)
    assert (bold.bunt_obp, bold.bunt_grades) == (safe.bunt_obp, safe.bunt_grades)  # the safe manager bunts most


def _steal_spot():
    setup = demo_setup(players={"a1": _fast_runner("a1")})
    return setup, _at(setup, bases=("a1", None, None), phase=Phase.OFFENSE, inning=3)


def test_never_steal_and_the_automatic_offense():
    setup, state = _steal_spot()
    assert choose_action(setup, state, Side.AWAY).action == OffenseDecision(steal=(Base.FIRST,))
    never = StandingOrders(steal=Tendency.NEVER)
    assert choose_action(setup, state, Side.AWAY, orders=never).action == OffenseDecision()
    # an automatic side is asked about the steal, unless its orders leave offense to the server
    assert routine_answer(state, setup, "balanced") is None
    automatic = StandingOrders(automatic=frozenset({DecisionKind.OFFENSE}))
    answer = routine_answer(state, setup, "balanced", automatic)
    assert answer is not None
    assert answer.action == OffenseDecision(steal=(Base.FIRST,))
    assert routine_answer(state, setup, "balanced", never) == choose_action(setup, state, Side.AWAY, orders=never)


def test_hold_policies():
    setup = demo_setup(players={"a1": _fast_runner("a1")})
    state = _at(setup, bases=("a1", None, None), phase=Phase.DEFENSE, inning=3)
    assert choose_action(setup, state, Side.HOME).action == DefenseDecision(hold=(Base.FIRST,))
    assert _defense(choose_action(setup, state, Side.HOME, orders=StandingOrders(hold=HoldPolicy.NEVER))).hold == ()
    slow = _at(demo_setup(), bases=("a1", "a2", None), phase=Phase.DEFENSE, inning=3)
    assert choose_action(demo_setup(), slow, Side.HOME).action == DefenseDecision()
    held = choose_action(demo_setup(), slow, Side.HOME, orders=StandingOrders(hold=HoldPolicy.ALWAYS))
    assert held.action == DefenseDecision(hold=(Base.SECOND,))  # the runner on first has second taken
    assert "standing orders" in held.reason


def test_infield_policies():
    setup = demo_setup()
    late = _at(setup, inning=8, bases=(None, None, "a3"), outs=1, score=(2, 3))
    early = replace(late, inning=2)
    depth = {
        (policy, when.inning): _defense(choose_action(setup, when, Side.HOME, orders=StandingOrders(infield=policy)))
        for policy in InfieldPolicy
        for when in (late, early)
    }
    assert depth[InfieldPolicy.SITUATIONAL, 8].infield is InfieldDepth.IN
    assert depth[InfieldPolicy.SITUATIONAL, 2].infield is InfieldDepth.NORMAL
    assert depth[InfieldPolicy.NEVER, 8].infield is InfieldDepth.NORMAL
    assert depth[InfieldPolicy.RUNNER_ON_THIRD, 2].infield is InfieldDepth.IN


def test_never_walk_intentionally_and_never_bunt():
    star = Player("a4", "Star", batting=BatterCard.from_fields(AVERAGE_RUNNER, _card(homerun=8, walk=8)))
    weak = Player("a5", "Weak", batting=BatterCard.from_fields(AVERAGE_RUNNER, _card(strikeout=0, walk=-6)))
    setup = demo_setup(players={"a4": star, "a5": weak})
    state = _at(setup, away=replace(new_game(setup).away, batter_index=3), bases=(None, "a2", None), outs=1)
    assert choose_action(setup, state, Side.HOME).action == DefenseDecision(intentional_walk=True)
    never = StandingOrders(intentional_walk=Tendency.NEVER)
    assert not _defense(choose_action(setup, state, Side.HOME, orders=never)).intentional_walk

    bunter = BatterCard.from_fields({**AVERAGE_RUNNER, "bunting": "A"}, _card(strikeout=0, walk=-6, single_one=-4))
    setup = demo_setup(players={"a9": Player("a9", "Weak", batting=bunter)})
    away = replace(new_game(setup).away, batter_index=8)
    state = _at(setup, inning=8, bases=("a8", None, None), outs=0, score=(2, 2), phase=Phase.OFFENSE, away=away)
    assert choose_action(setup, state, Side.AWAY).action == OffenseDecision(bunt=True)
    assert not _offense(choose_action(setup, state, Side.AWAY, orders=StandingOrders(bunt=Tendency.NEVER))).bunt


def test_no_relief_before_the_ordered_inning_unless_the_rules_require_it():
    setup = demo_setup()
    tired = _at(setup, inning=7, home=replace(new_game(setup).home, pitcher_batters_faced=26))
    assert isinstance(choose_action(setup, tired, Side.HOME).action, PitchingChange)
    later = StandingOrders(relieve_from_inning=8)
    assert isinstance(choose_action(setup, tired, Side.HOME, orders=later).action, DefenseDecision)
    assert isinstance(choose_action(setup, replace(tired, inning=8), Side.HOME, orders=later).action, PitchingChange)


def test_the_named_closer_saves_and_the_specialist_faces_a_left_handed_batter():
    setup = demo_setup()
    save = _at(setup, inning=9, score=(2, 4))
    assert isinstance(choose_action(setup, save, Side.HOME).action, DefenseDecision)  # no card has a closer rating
    closer = StandingOrders(closer="hr3")
    assert choose_action(setup, save, Side.HOME, orders=closer).action == PitchingChange(Side.HOME, "hr3")

    lefty = BatterCard.from_fields({**AVERAGE_RUNNER, "hand": "L"}, _card())
    setup = demo_setup(players={"a1": Player("a1", "Lefty", batting=lefty)})
    tired = _at(setup, inning=8, home=replace(new_game(setup).home, pitcher_batters_faced=26))
    specialist = StandingOrders(left_specialist="hr2")
    choice = choose_action(setup, tired, Side.HOME, orders=specialist)
    assert choice.action == PitchingChange(Side.HOME, "hr2")
    assert "left-handed specialist" in choice.reason
    righty = replace(tired, away=replace(tired.away, batter_index=1))
    assert choose_action(setup, righty, Side.HOME, orders=specialist).action != PitchingChange(Side.HOME, "hr2")


def test_never_pinch_hit():
    weak = BatterCard.from_fields(AVERAGE_RUNNER, _card(strikeout=0, walk=-6, single_one=-4, homerun=-2))
    strong = BatterCard.from_fields(AVERAGE_RUNNER, _card(homerun=5, walk=5))
    setup = demo_setup(players={"a9": Player("a9", "Weak", batting=weak), "ab1": Player("ab1", "Bat", batting=strong)})
    state = _at(setup, inning=8, score=(1, 2), phase=Phase.OFFENSE, away=replace(new_game(setup).away, batter_index=8))
    assert isinstance(choose_action(setup, state, Side.AWAY).action, Substitute)
    never = StandingOrders(pinch_hit=Tendency.NEVER)
    assert not isinstance(choose_action(setup, state, Side.AWAY, orders=never).action, Substitute)


def test_decision_kinds():
    assert decision_kind(DefenseDecision()) is DecisionKind.DEFENSE
    assert decision_kind(OffenseDecision()) is DecisionKind.OFFENSE
    assert decision_kind(PitchingChange(Side.HOME, "hr1")) is DecisionKind.SUBSTITUTIONS
    assert decision_kind(Roll()) is None


orders_strategy = st.builds(
    StandingOrders,
    infield=st.sampled_from(InfieldPolicy),
    hold=st.sampled_from(HoldPolicy),
    steal=st.sampled_from(Tendency),
    bunt=st.sampled_from(Tendency),
    relieve_from_inning=st.integers(1, 9),
    closer=st.text(max_size=64),
    automatic=st.frozensets(st.sampled_from(DecisionKind)),
)


@given(orders_strategy)
def test_stored_orders_read_back_the_same(orders):
    assert orders_from_dict(orders_to_dict(orders)) == orders


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"hold": "sometimes"}, "hold: 'sometimes' is not one of threats, always, never"),
        ({"relieve_from_inning": 0}, "relieve_from_inning: an inning from 1 to 9"),
        ({"relieve_from_inning": True}, "relieve_from_inning: an inning from 1 to 9"),
        ({"automatic": "defense"}, "automatic: a list of decision kinds"),
        ({"automatic": ["pitching"]}, "automatic: 'pitching' is not one of"),
        ({"closer": 7}, "closer: a player id"),
        ({"bedtime": 9}, "bedtime: not a standing order"),
    ],
)
def test_bad_stored_orders_name_the_field(data, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        orders_from_dict(data)


def test_an_expired_window_follows_saved_orders_else_the_rules_default():
    setup, state = _steal_spot()
    default = expiry_answer(state, setup, "balanced", None)
    assert default == AiChoice(OffenseDecision(), "")
    ordered = expiry_answer(state, setup, "balanced", NO_ORDERS)
    assert ordered.action == OffenseDecision(steal=(Base.FIRST,))
    assert ordered.reason.startswith("steal: R1")
    roll = replace(state, phase=Phase.ROLL)
    assert expiry_answer(roll, setup, "balanced", NO_ORDERS).action == Roll()


def test_a_late_defensive_replacement_takes_the_depth_chart_s_backup_first():
    batting = demo_setup().players["hb1"].batting
    best = Player("hb1", "Best", batting=batting, fielding={Position.SHORTSTOP: FielderRating(1, 5)})
    listed = Player("hb2", "Listed", batting=batting, fielding={Position.SHORTSTOP: FielderRating(2, 4)})
    setup = demo_setup(RuleOptions(dh=False), {"hb1": best, "hb2": listed})
    state = replace(new_game(setup), inning=8, half=Half.TOP, score=(0, 2))
    assert choose_action(setup, state, Side.HOME).action == Substitute(Side.HOME, "h5", "hb1")
    chart = StandingOrders(depth=((Position.SHORTSTOP, ("hb2", "hb1")),))
    choice = choose_action(setup, state, Side.HOME, orders=chart)
    assert choice.action == Substitute(Side.HOME, "h5", "hb2")
    assert "depth chart" in choice.reason
    assert orders_from_dict(orders_to_dict(chart)) == chart
    with pytest.raises(ValueError, match="depth: P is not a fielding position"):
        orders_from_dict({"depth": {"P": ["1"]}})
