from collections.abc import Iterator

import pytest

from games.access import SYSTEM
from games.services import game_create_scheduled
from games.tests.live_helpers import load_two_teams
from leagues.models import League, ScheduledGame, Season
from leagues.schedule import schedule_generate

from .fake_league_api import FakeLeagueApi, running_fake_league_api


@pytest.fixture
def fake_league_api() -> Iterator[FakeLeagueApi]:
    """The fake PD/SBA API on an ephemeral 127.0.0.1 port, stopped after the test."""
    yield from running_fake_league_api()


@pytest.fixture
def played() -> tuple[League, Season]:
    """Two PD teams, two weeks of 2-game series; week 1 played AI against AI, week 2 not."""
    league = load_two_teams("pd")
    for team in league.teams.all():
        team.managers.clear()
    season = league.seasons.get(is_current=True)
    teams = list(league.teams.order_by("abbreviation"))
    schedule_generate(season=season, teams=teams, meetings=2, series_length=2)
    for slot in ScheduledGame.objects.filter(series__season=season, series__week=1).order_by("number"):
        game_create_scheduled(scheduled=slot, user=SYSTEM)
    return league, season
