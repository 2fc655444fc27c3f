import pendulum
import pytest

from games.models import GameStatus, Visibility
from games.selectors import game_list_live, game_list_recent
from games.tests.factories import GameFactory

pytestmark = pytest.mark.django_db


def test_live_and_recent_games_are_public_only() -> None:
    live = GameFactory(status=GameStatus.ACTIVE)
    GameFactory(status=GameStatus.ACTIVE, visibility=Visibility.PRIVATE)
    GameFactory(status=GameStatus.PENDING)
    older = GameFactory(status=GameStatus.COMPLETED, finished_at=pendulum.datetime(2026, 1, 1))
    newer = GameFactory(status=GameStatus.FORFEITED, finished_at=pendulum.datetime(2026, 2, 1))
    assert game_list_live() == [live]
    assert game_list_recent() == [newer, older]


def test_empty_lists() -> None:
    assert game_list_live() == []
    assert game_list_recent() == []
