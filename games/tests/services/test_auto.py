"""A swing is one action from the manager (the roll follows at once), and an automatic side is asked only when a
decision matters (games.engine.answers.routine_answer)."""

import uuid

import pytest

from games import engine
from games.engine.answers import routine_answer
from games.errors import Forbidden, GameOver
from games.models import GameAction, GameStatus
from games.selectors import game_replay_check
from games.services import game_apply_action, game_set_auto
from games.setup import game_setup
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager, next_body

pytestmark = pytest.mark.django_db


def _first_offense(game):
    """The away side (human) at its first offensive decision (the AI home side pitched)."""
    state = game_state(game)
    assert state.actor is engine.Side.AWAY
    assert state.phase is engine.Phase.OFFENSE
    return state


def test_swing_away_rolls_the_dice_in_the_same_call():
    game = demo_game(home_is_ai=True)
    user = manager(game, "away")
    _first_offense(game)
    before = game.version
    result = game_apply_action(
        game_id=game.pk,
        user=user,
        action={"kind": "offense", "steal": [], "bunt": False, "hit_and_run": False},
        action_id=uuid.uuid4(),
        expected_version=before,
    )
    rows = list(GameAction.objects.filter(game=game, version__gt=before).order_by("version"))
    assert [r.body["kind"] for r in rows[:2]] == ["offense", "roll"]
    assert (rows[1].source, rows[1].side, rows[1].actor_id) == ("player", "away", user.pk)
    assert rows[1].events, "the roll made the play"
    assert result.version == rows[-1].version
    game.refresh_from_db()
    assert game_state(game).phase is not engine.Phase.ROLL or game_state(game).actor is not engine.Side.AWAY
    assert game_replay_check(game).mismatches == ()


def test_an_automatic_side_is_asked_only_when_a_decision_matters():
    game = demo_game(home_is_ai=True)
    user = manager(game, "away")
    version = game_set_auto(game_id=game.pk, user=user, side=engine.Side.AWAY, auto=True)
    game.refresh_from_db()
    assert game.auto_sides == ["away"]
    assert version == game.version > 0
    asked = 0
    for _ in range(200):
        game.refresh_from_db()
        if game.status != GameStatus.ACTIVE:
            break
        state = game_state(game)
        assert state.actor is engine.Side.AWAY, "the game only stops for the manager"
        assert routine_answer(state, game_setup(game), game.ai_difficulty) is None, "a routine decision was asked"
        asked += 1
        game_apply_action(
            game_id=game.pk, user=user, action=next_body(game), action_id=uuid.uuid4(), expected_version=game.version
        )
    assert game.status == GameStatus.COMPLETED
    assert asked < 40
    sources = set(GameAction.objects.filter(game=game, side="away").values_list("source", flat=True))
    assert sources == {"ai", "player"} or sources == {"ai"}
    assert game_replay_check(game).mismatches == ()


def test_turning_auto_off_gives_the_decisions_back():
    game = demo_game(home_is_ai=True)
    user = manager(game, "away")
    _first_offense(game)
    game_set_auto(game_id=game.pk, user=user, side=engine.Side.AWAY, auto=False)
    game.refresh_from_db()
    assert game.auto_sides == []
    _first_offense(game)


def test_only_the_sides_manager_may_set_auto_and_never_for_the_ai():
    game = demo_game(home_is_ai=True)
    away, outsider = manager(game, "away"), manager(demo_game(), "home")
    with pytest.raises(Forbidden):
        game_set_auto(game_id=game.pk, user=outsider, side=engine.Side.AWAY, auto=True)
    with pytest.raises(Forbidden):
        game_set_auto(game_id=game.pk, user=away, side=engine.Side.HOME, auto=True)
    game.refresh_from_db()
    assert game.auto_sides == []
    assert game.version == GameAction.objects.filter(game=game).count()


def test_a_finished_game_refuses_auto():
    game = demo_game(home_is_ai=True)
    away = manager(game, "away")
    game_apply_action(
        game_id=game.pk,
        user=away,
        action={"kind": "forfeit", "side": "away"},
        action_id=uuid.uuid4(),
        expected_version=game.version,
    )
    with pytest.raises(GameOver):
        game_set_auto(game_id=game.pk, user=away, side=engine.Side.AWAY, auto=True)
