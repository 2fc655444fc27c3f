"""The lobby's "This week" and its Play button; the scheduled game's label on the cards and the game page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from games.models import Game, GameStatus
from games.tests.live_helpers import load_two_teams
from leagues.models import ScheduledGame, Team
from leagues.schedule import schedule_generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def slots() -> list[ScheduledGame]:
    league = load_two_teams("pd")
    for team in league.teams.all():
        team.managers.clear()
    season = league.seasons.get(is_current=True)
    schedule_generate(season=season, teams=list(league.teams.order_by("abbreviation")), meetings=2, series_length=3)
    return list(ScheduledGame.objects.filter(series__season=season).order_by("series__week", "number"))


def _manager_of(team: Team, client: Client) -> Any:
    user = get_user_model().objects.create_user(f"mgr-{team.abbreviation}")
    team.managers.add(user)
    client.force_login(user)
    return user


def test_the_lobby_lists_this_weeks_games_with_play_and_the_play_button_makes_the_game(
    client: Client, slots: list[ScheduledGame]
) -> None:
    first = slots[0]
    _manager_of(first.away_team, client)
    page = client.get("/").content.decode()
    assert "This week" in page
    assert page.count("Week 1 · Game") == 3  # week 2 is not listed
    assert "Week 2 ·" not in page
    assert reverse("scheduled_play", args=[first.pk]) in page
    response = client.post(reverse("scheduled_play", args=[first.pk]))
    game = Game.objects.get(scheduled=first)
    assert response.status_code == 302
    assert response["Location"] == reverse("game_lineup", args=[game.pk])
    assert (game.away_is_ai, game.home_is_ai, game.status) == (False, True, GameStatus.PENDING)
    page = client.get("/").content.decode()
    assert reverse("scheduled_play", args=[first.pk]) not in page
    assert reverse("game_page", args=[game.pk]) in page
    assert "Week 1 · Game 1 of 3" in page  # on the My games card too
    assert "Week 1 · Game 1 of 3" in client.get(reverse("game_page", args=[game.pk])).content.decode()


def test_a_refused_play_is_a_message_and_creates_nothing(client: Client, slots: list[ScheduledGame]) -> None:
    outsider = Team.objects.create(league=slots[0].series.season.league, abbreviation="OUT", name="Outsiders")
    _manager_of(outsider, client)
    response = client.post(reverse("scheduled_play", args=[slots[0].pk]), follow=True)
    assert response.status_code == 200
    assert "only a manager of" in response.content.decode()
    not_due = slots[3]
    _manager_of(not_due.home_team, client)
    response = client.post(reverse("scheduled_play", args=[not_due.pk]), follow=True)
    assert "is not due yet" in response.content.decode()
    assert not Game.objects.exists()
    assert client.post(reverse("scheduled_play", args=[99999])).status_code == 404
    assert client.get(reverse("scheduled_play", args=[slots[0].pk])).status_code == 405
