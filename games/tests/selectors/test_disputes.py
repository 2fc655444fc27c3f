"""The entered result behind a play: the submitted action's version, side and result (with its fielder), and None
for a play nobody entered."""

import uuid

import pytest

from games import engine
from games.models import GameAction
from games.selectors.disputes import entered_play
from games.services import game_apply_action
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager, next_body

pytestmark = pytest.mark.django_db


def test_the_result_behind_a_play_is_the_one_its_side_submitted_with_its_fielder():
    game = demo_game("sba")
    users = {engine.Side.AWAY: manager(game, "away"), engine.Side.HOME: manager(game, "home")}
    for _ in range(100):
        game.refresh_from_db()
        state = game_state(game)
        assert state.actor is not None
        body = next_body(game)
        submitting = state.phase is engine.Phase.SUBMIT_OUTCOME
        if submitting:
            body = {"kind": "submit_outcome", "outcome": "GROUNDBALL_C", "location": "SS"}
        game_apply_action(
            game_id=game.pk, user=users[state.actor], action=body, action_id=uuid.uuid4(), expected_version=game.version
        )
        if submitting:
            break
    game.refresh_from_db()
    entered = entered_play(game_id=game.pk, play_number=state.plays + 1)
    assert entered is not None
    submitted = GameAction.objects.filter(game=game, body__kind="submit_outcome").latest("version")
    assert state.actor is not None
    assert (entered.version, entered.side) == (submitted.version, state.actor.value)
    assert entered.entered == {"outcome": "GROUNDBALL_C", "fielder": "SS"}
    assert entered_play(game_id=game.pk, play_number=state.plays + 50) is None
