import pytest

from games.engine import (
    Base,
    Decide,
    DefenseDecision,
    Forfeit,
    IllegalAction,
    InfieldDepth,
    OffenseDecision,
    Outcome,
    Position,
    Roll,
    Side,
    SubmitOutcome,
)
from games.engine.serialize import action_from_message, action_to_message

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
