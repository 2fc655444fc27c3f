import dataclasses
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from games.engine import (
    Base,
    Decide,
    DefenseDecision,
    Forfeit,
    IllegalAction,
    InfieldDepth,
    OffenseDecision,
    Outcome,
    Phase,
    Position,
    Roll,
    RuleOptions,
    SeededDice,
    Side,
    SubmitOutcome,
    apply,
    defaults_for,
    new_game,
)
from games.engine.scenarios import demo_setup
from games.engine.serialize import (
    CodecError,
    action_from_dict,
    action_from_message,
    action_to_dict,
    action_to_message,
    event_from_dict,
    event_to_dict,
    setup_from_dict,
    setup_to_dict,
    state_from_dict,
    state_to_dict,
)
from games.simulation import sim_league

ACTIONS = [
    DefenseDecision(InfieldDepth.CORNERS_IN, (Base.FIRST, Base.SECOND), True),
    OffenseDecision(steal=(Base.SECOND,), bunt=False, hit_and_run=False),
    Roll(),
    SubmitOutcome(Outcome.GROUNDBALL_A, Position.SHORTSTOP),
    SubmitOutcome(Outcome.WALK),
    Decide(send=(Base.SECOND, Base.FIRST), throw=False, at=Base.FIRST),
    Forfeit(Side.AWAY),
]


@pytest.mark.parametrize("action", ACTIONS)
def test_action_messages_round_trip(action):
    assert action_from_message(action_to_message(action)) == action


def test_message_defaults():
    assert action_from_message({"type": "defense"}) == DefenseDecision()
    assert action_from_message({"type": "decide"}) == Decide()
    assert action_to_message(SubmitOutcome(Outcome.X_CHECK, Position.CENTER_FIELD)) == {
        "type": "submit_outcome",
        "outcome": "X_CHECK",
        "location": "CF",
    }


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ({"type": "dance"}, "unknown action 'dance'"),
        ({"type": "defense", "infield": "deep"}, "unknown infield depth 'deep'"),
        ({"type": "defense", "hold": "R1"}, "list of runners"),
        ({"type": "offense", "steal": ["R4"]}, "R1, R2 or R3"),
        ({"type": "offense", "bunt": "yes"}, "true or false"),
        ({"type": "submit_outcome", "outcome": "HOMER"}, "unknown outcome code 'HOMER'"),
        ({"type": "submit_outcome", "outcome": "X_CHECK", "location": "XX"}, "unknown fielder"),
        ({"type": "forfeit", "side": "visitors"}, "unknown side"),
    ],
)
def test_malformed_messages_are_readable_errors(message, error):
    with pytest.raises(IllegalAction, match=error):
        action_from_message(message)


# -- the live layer's names (snapshots, events, protocol bodies) ----------------------------------------------

MANUAL_RESULTS = [
    SubmitOutcome(Outcome.STRIKEOUT),
    SubmitOutcome(Outcome.WALK),
    SubmitOutcome(Outcome.SINGLE_1),
    SubmitOutcome(Outcome.GROUNDBALL_B, Position.SHORTSTOP),
    SubmitOutcome(Outcome.FLYBALL_B, Position.CENTER_FIELD),
]


def _random_action(state, rng: random.Random):
    phase = state.phase
    if phase is Phase.SUBMIT_OUTCOME:
        return rng.choice(MANUAL_RESULTS)
    if phase is Phase.OFFENSE and state.bases[0] and not state.bases[1] and rng.random() < 0.3:
        return OffenseDecision(steal=(Base.FIRST,))
    if phase is Phase.SEND:
        return Decide(send=state.pending.candidates if rng.random() < 0.5 else ())
    return defaults_for(state)


def _round_trip(value):
    return json.loads(json.dumps(value))


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000), manual=st.booleans(), limit=st.integers(1, 400))
def test_states_events_and_actions_survive_json(seed, manual, limit):
    setup = demo_setup(RuleOptions.sba() if manual else RuleOptions.pd())
    rng = random.Random(seed)
    dice = SeededDice(seed)
    state = new_game(setup)
    for _ in range(limit):
        if state.game_over:
            break
        action = _random_action(state, rng)
        try:
            step = apply(setup, state, action, dice)
        except IllegalAction:
            continue
        state = step.state
        assert state_from_dict(_round_trip(state_to_dict(state))) == state
        assert action_from_dict(_round_trip(action_to_dict(action))) == action
        for event in step.events:
            assert event_from_dict(_round_trip(event_to_dict(event))) == event


@pytest.mark.parametrize(
    "action",
    [
        DefenseDecision(infield=InfieldDepth.CORNERS_IN, hold=(Base.FIRST, Base.SECOND), intentional_walk=True),
        OffenseDecision(steal=(Base.SECOND,), hit_and_run=True),
        Roll(),
        SubmitOutcome(Outcome.X_CHECK, Position.SHORTSTOP),
        Decide(send=(Base.THIRD,), throw=False, at=Base.THIRD),
        Forfeit(Side.HOME),
    ],
)
def test_every_action_kind_round_trips(action):
    assert action_from_dict(action_to_dict(action)) == action


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"kind": "dance"}, "unknown action"),
        ({}, "unknown action"),
        ({"kind": "defense", "infield": "deep"}, "unknown infield depth"),
        ({"kind": "defense", "hold": "R1"}, "hold must be a list"),
        ({"kind": "defense", "hold": ["R4"]}, "hold must name runners"),
        ({"kind": "offense", "bunt": "yes"}, "bunt must be true or false"),
        ({"kind": "submit_outcome", "outcome": "HOMER"}, "unknown outcome code"),
        ({"kind": "submit_outcome", "outcome": "X_CHECK", "location": "ZZ"}, "unknown fielder"),
        ({"kind": "forfeit", "side": "both"}, "unknown side"),
    ],
)
def test_bad_action_bodies_are_readable_errors(body, message):
    with pytest.raises(CodecError, match=message):
        action_from_dict(body)


def test_malformed_snapshot_is_rejected():
    state = state_to_dict(new_game(demo_setup()))
    with pytest.raises(CodecError):
        state_from_dict({**state, "outs": "two"})
    with pytest.raises(CodecError):
        state_from_dict({**state, "away": None})


def _league_setup(code):
    league = sim_league(code)
    away, home = league.pairing(0)
    plan = league.teams[home]
    return league.game_setup(league.teams[away].setup(0), plan.setup(0), plan.park)


def _fields(player):
    return [getattr(player, f.name) for f in dataclasses.fields(player)]


@pytest.mark.parametrize("setup", [demo_setup(), _league_setup("pd"), _league_setup("sba")], ids=["demo", "pd", "sba"])
def test_a_stored_setup_decodes_to_an_equal_one_that_plays_the_same_game(setup):
    stored = json.loads(json.dumps(setup_to_dict(setup)))
    decoded = setup_from_dict(stored)
    assert (decoded.options, decoded.away, decoded.home) == (setup.options, setup.away, setup.home)
    for key, player in setup.players.items():
        assert _fields(decoded.players[key]) == _fields(player)  # cards: chances, adjustment and both tables
    states = []
    for used in (setup, decoded):
        state, dice = new_game(used), SeededDice(7)
        while not state.game_over:
            state = apply(used, state, defaults_for(state), dice).state
        states.append(state_to_dict(state))
    assert states[0] == states[1]


def test_a_stored_setup_shares_cards_through_the_memo_and_refuses_another_format():
    stored = setup_to_dict(demo_setup())
    memo: dict = {}
    one, two = setup_from_dict(stored, memo), setup_from_dict(stored, memo)
    assert memo
    assert all(one.players[k].batting is two.players[k].batting for k in one.players)
    with pytest.raises(CodecError, match="format"):
        setup_from_dict({**stored, "format": 0})
    card = next(iter(stored["cards"].values()))
    card["vs_left"][0].reverse()  # chances out of canonical order
    with pytest.raises(CodecError, match="canonical order"):
        setup_from_dict(stored)
    with pytest.raises(CodecError):
        setup_from_dict({**stored, "players": [["x"]]})
