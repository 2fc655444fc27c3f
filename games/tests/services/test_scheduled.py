"""Playing a season's scheduled games: who may start a slot, when, and who plays which side."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from games.access import SYSTEM
from games.errors import Forbidden, IllegalActionError
from games.models import Game, GameMode, GameStatus
from games.services import game_create_scheduled, season_play_weeks_with_ai
from games.tests.live_helpers import load_two_teams
from leagues.models import ScheduledGame, Season
from leagues.schedule import schedule_generate

pytestmark = pytest.mark.django_db


def _scheduled_season() -> tuple[Season, list[ScheduledGame]]:
    league = load_two_teams("pd")
    season = league.seasons.get(is_current=True)
    for team in league.teams.all():
        team.managers.clear()  # the test says who manages what
    schedule_generate(season=season, teams=list(league.teams.order_by("abbreviation")), meetings=2, series_length=2)
    season.refresh_from_db()
    slots = list(ScheduledGame.objects.filter(series__season=season).order_by("series__week", "number"))
    return season, slots


def _user(name: str) -> Any:
    return get_user_model().objects.create_user(name, password="pw")


def test_a_manager_starts_a_due_slot_against_the_ai_once() -> None:
    season, slots = _scheduled_season()
    assert season.current_week == 1
    first = slots[0]
    stranger = _user("stranger")
    with pytest.raises(Forbidden, match=f"only a manager of {first.home_team.name} or {first.away_team.name}"):
        game_create_scheduled(scheduled=first, user=stranger)
    boss = _user("boss")
    first.home_team.managers.add(boss)
    game = game_create_scheduled(scheduled=first, user=boss)
    assert (game.scheduled, game.season, game.game_mode) == (first, season, GameMode.RANKED)
    assert (game.home_team, game.away_team) == (first.home_team, first.away_team)
    assert (game.home_is_ai, game.away_is_ai, game.status) == (False, True, GameStatus.PENDING)
    with pytest.raises(IllegalActionError, match="Week 1 · Game 1 of 2 has already been played or started"):
        game_create_scheduled(scheduled=first, user=boss)
    later = slots[2]
    assert later.series.week == 2
    with pytest.raises(IllegalActionError, match="not due yet: the season is in week 1"):
        game_create_scheduled(scheduled=later, user=boss)
    assert Game.objects.count() == 1


def test_a_slot_the_league_reported_is_refused_and_nothing_is_created() -> None:
    _, slots = _scheduled_season()
    slot = slots[1]
    slot.reported_away_score, slot.reported_home_score = 2, 3
    slot.save()
    with pytest.raises(IllegalActionError, match="already been played"):
        game_create_scheduled(scheduled=slot, user=SYSTEM)
    assert not Game.objects.exists()


def test_the_system_plays_a_slot_of_two_unmanaged_teams_ai_against_ai_to_the_end() -> None:
    _, slots = _scheduled_season()
    game = game_create_scheduled(scheduled=slots[1], user=SYSTEM)
    assert (game.home_is_ai, game.away_is_ai) == (True, True)
    assert game.status == GameStatus.COMPLETED
    assert game.home_score != game.away_score


def test_the_ai_plays_the_next_weeks_of_a_season_and_moves_the_week_on() -> None:
    season, slots = _scheduled_season()
    manager = _user("boss")
    slots[0].home_team.managers.add(manager)  # a managed team too: the AI plays both sides all the same
    with pytest.raises(Forbidden):
        game_create_scheduled(scheduled=slots[0], user=manager, ai_plays_both=True)
    games = season_play_weeks_with_ai(season=season, weeks=1)
    assert [game.scheduled for game in games] == slots[:2]
    assert {game.status for game in games} == {GameStatus.COMPLETED}
    season.refresh_from_db()
    assert season.current_week == 2
    assert season_play_weeks_with_ai(season=season, weeks=0) == []
