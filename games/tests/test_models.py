"""Database constraints on games and plays."""

import uuid

import pytest
from django.db import IntegrityError

from games.models import Game
from games.tests.factories import GameFactory, LineupFactory, PlayFactory

pytestmark = pytest.mark.django_db


def test_duplicate_play_number_is_refused() -> None:
    play = PlayFactory()
    with pytest.raises(IntegrityError):
        PlayFactory(game=play.game, play_number=play.play_number)


def test_duplicate_action_id_is_refused_but_many_nulls_are_fine() -> None:
    game = GameFactory()
    action_id = uuid.uuid4()
    PlayFactory(game=game, action_id=None)
    PlayFactory(game=game, action_id=None)
    PlayFactory(game=game, action_id=action_id)
    PlayFactory(action_id=action_id)  # another game may reuse it
    with pytest.raises(IntegrityError):
        PlayFactory(game=game, action_id=action_id)


@pytest.mark.parametrize(
    "bad", [{"outs": 4}, {"outs_recorded": 4}, {"outs_before": 3}, {"inning": 0}, {"batting_order": 10}]
)
def test_play_ranges_are_enforced(bad: dict[str, int]) -> None:
    with pytest.raises(IntegrityError):
        PlayFactory(**bad)


def test_home_and_away_must_differ() -> None:
    game = GameFactory()
    with pytest.raises(IntegrityError):
        Game.objects.create(league=game.league, home_team=game.home_team, away_team=game.home_team)


def test_version_and_batting_order_bounds() -> None:
    with pytest.raises(IntegrityError):
        LineupFactory(batting_order=0)


def test_deleting_a_game_takes_its_history() -> None:
    lineup = LineupFactory()
    PlayFactory(game=lineup.game, batter=lineup, on_first=lineup)
    lineup.game.delete()
    assert not Game.objects.exists()
