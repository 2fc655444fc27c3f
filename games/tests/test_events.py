"""`games.events.pending_for`: the steal odds offered with the offense's choices."""

from dataclasses import replace

import pytest

from games import engine
from games.engine.steal import steal_odds
from games.events import pending_for
from games.setup import game_setup
from games.snapshot import game_state
from games.tests.live_helpers import demo_game

pytestmark = pytest.mark.django_db


def test_the_offense_is_offered_each_runners_steal_odds_held_and_not():
    game = demo_game(home_is_ai=True)
    setup, state = game_setup(game), game_state(game)
    first, second = state.batting.lineup[0].player, state.batting.lineup[1].player
    state = replace(state, phase=engine.Phase.OFFENSE, bases=(first, second, None))
    pending = pending_for(game, state, None)
    assert pending is not None
    choices = pending["choices"]
    assert choices["steals"] == [["R2"], ["R2", "R1"]]
    (odds,) = choices["steal_odds"]  # only the lead runner of a call decides it: R2
    free = steal_odds(setup, state, second, engine.Base.SECOND, held=False)
    held = steal_odds(setup, state, second, engine.Base.SECOND, held=True)
    assert odds["base"] == "R2"
    assert odds["runner"] == second
    assert odds["jump"] == pytest.approx(free.lead, abs=1e-4)
    assert odds["roll"] == pytest.approx(free.roll, abs=1e-4)
    assert odds["safe"] == pytest.approx(free.safe, abs=1e-4)
    assert odds["held"]["jump"] == pytest.approx(held.lead, abs=1e-4)
    assert 0 < odds["safe"] < odds["roll"] <= 1


def test_no_odds_without_a_steal_to_call():
    game = demo_game(home_is_ai=True)
    state = replace(game_state(game), phase=engine.Phase.OFFENSE)
    pending = pending_for(game, state, None)
    assert pending is not None
    choices = pending["choices"]
    assert choices["steals"] == []
    assert "steal_odds" not in choices
