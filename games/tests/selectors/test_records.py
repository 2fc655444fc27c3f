"""`games.selectors.game_box_score` / `game_log`: the engine's box score and log of a game's recorded actions."""

import pytest

from games.engine import Side
from games.engine.dice import ReplayDice
from games.engine.gamelog import GameLog, Scorebook
from games.engine.serialize import state_to_dict
from games.engine.state import GameState
from games.models import GameAction, GameStatus, Lineup
from games.selectors import game_box_score, game_log
from games.tests.factories import GameFactory
from games.tests.live_helpers import demo_game

pytestmark = pytest.mark.django_db


def test_completed_game_box_score_matches_the_game_row_and_names_w_and_l() -> None:
    game = demo_game(home_is_ai=True, away_is_ai=True)
    assert game.status == GameStatus.COMPLETED
    box = game_box_score(game=game)
    assert box is not None
    assert (box.line.away.runs, box.line.home.runs) == (game.away_score, game.home_score)
    winner = Side.HOME if game.home_score > game.away_score else Side.AWAY
    assert box.decisions.win in {line.player for line in box.pitching(winner)}
    assert box.decisions.loss in {line.player for line in box.pitching(winner.other)}
    for side in Side:
        assert sum(line.r for line in box.pitching(side)) == box.line.team(side.other).runs
    pitchers = {str(pk) for pk in Lineup.objects.filter(game=game, position="P").values_list("pk", flat=True)}
    assert {box.decisions.win, box.decisions.loss} <= pitchers


def test_game_in_progress_has_no_decisions_and_its_log_replays_to_the_snapshot() -> None:
    game = demo_game(home_is_ai=True)
    log = game_log(game=game)
    assert log is not None
    assert len(log.turns) >= 1
    box = game_box_score(game=game)
    assert box is not None
    assert (box.decisions.win, box.decisions.loss, box.decisions.save) == (None, None, None)
    assert state_to_dict(_replayed_state(log)) == game.state


def _replayed_state(log: GameLog) -> GameState:
    book = Scorebook(log.setup)
    for turn in log.turns:
        dice = ReplayDice(turn.rolls)
        for action in turn.actions:
            book.play(action, dice)
    return book.state


def test_game_without_lineups_has_neither() -> None:
    game = GameFactory()
    assert game_log(game=game) is None
    assert game_box_score(game=game) is None


def test_tampered_dice_are_refused_by_name() -> None:
    game = demo_game(home_is_ai=True, away_is_ai=True)
    action = GameAction.objects.filter(game=game).exclude(dice=[]).order_by("version").first()
    assert action is not None
    action.dice = [*action.dice, ["column", 1]]
    action.save(update_fields=["dice"])
    with pytest.raises(ValueError, match=f"action {action.version}"):
        game_log(game=game)
