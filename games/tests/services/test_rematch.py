"""`games.services.game_rematch`: a finished friendly game played again, home and away swapped, by its managers."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from games.engine import Side
from games.errors import Forbidden, IllegalActionError
from games.models import Game, GameStatus, RosterLink, Visibility
from games.services import game_rematch
from games.tests.live_helpers import demo_game, manager, play_to_end
from leagues.models import ScheduledGame
from leagues.schedule import schedule_generate

pytestmark = pytest.mark.django_db


def _cards(game: Game) -> dict[int, set[int]]:
    cards: dict[int, set[int]] = {}
    for team_id, card_id in RosterLink.objects.filter(game=game).values_list("team_id", "card_id"):
        cards.setdefault(team_id, set()).add(card_id)
    return cards


def test_a_manager_rematches_a_finished_friendly_with_the_sides_swapped() -> None:
    game = demo_game(home_is_ai=True, visibility=Visibility.PRIVATE)
    away = manager(game, "away")
    game.auto_sides = ["away"]
    game.save(update_fields=["auto_sides"])
    play_to_end(game, {game_side: away for game_side in Side})
    game.refresh_from_db()
    assert game.status == GameStatus.COMPLETED
    rematch = game_rematch(game_id=game.pk, user=away)
    assert (rematch.home_team, rematch.away_team) == (game.away_team, game.home_team)
    assert (rematch.home_is_ai, rematch.away_is_ai) == (False, True)
    assert (rematch.league, rematch.game_mode, rematch.visibility) == (game.league, game.game_mode, game.visibility)
    assert (rematch.ai_difficulty, rematch.season, rematch.scheduled) == (game.ai_difficulty, game.season, None)
    assert rematch.auto_sides == ["home"]
    assert rematch.status == GameStatus.PENDING
    old_sets = list(game.cardset_links.order_by("priority").values_list("cardset_id", flat=True))
    assert list(rematch.cardset_links.order_by("priority").values_list("cardset_id", flat=True)) == old_sets
    assert old_sets
    assert _cards(rematch) == _cards(game)
    assert rematch.lineups.filter(team=rematch.away_team).count() >= 9  # the AI side's lineup is set
    assert not rematch.lineups.filter(team=rematch.home_team).exists()


def test_only_a_participant_of_a_finished_friendly_gets_a_rematch_and_a_refusal_creates_nothing() -> None:
    game = demo_game(home_is_ai=True)
    away = manager(game, "away")
    stranger = get_user_model().objects.create_user("stranger", password="pw")
    games = Game.objects.count()
    with pytest.raises(IllegalActionError, match="a rematch follows a finished game"):
        game_rematch(game_id=game.pk, user=away)
    play_to_end(game, {side: away for side in Side})
    with pytest.raises(Forbidden, match="only a manager of one of the teams"):
        game_rematch(game_id=game.pk, user=stranger)
    assert Game.objects.count() == games


def test_a_scheduled_games_rematch_is_the_next_slot_on_the_schedule() -> None:
    game = demo_game(home_is_ai=True, away_is_ai=True)
    season = game.league.seasons.get(is_current=True)
    schedule_generate(season=season, teams=[game.home_team, game.away_team], meetings=1, series_length=1)
    game.scheduled = ScheduledGame.objects.filter(series__season=season).first()
    game.save(update_fields=["scheduled"])
    boss = manager(game, "home")
    games = Game.objects.count()
    with pytest.raises(IllegalActionError, match="the next game on the schedule"):
        game_rematch(game_id=game.pk, user=boss)
    assert Game.objects.count() == games


def test_an_ai_against_ai_rematch_is_played_at_once() -> None:
    game = demo_game(home_is_ai=True, away_is_ai=True)
    rematch = game_rematch(game_id=game.pk, user=manager(game, "home"))
    assert rematch.status == GameStatus.COMPLETED
    assert (rematch.home_team, rematch.away_team) == (game.away_team, game.home_team)
