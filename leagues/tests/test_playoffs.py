"""The playoff picture: division leaders seeded first, then the best records up to the season's playoff teams,
the chasers' games behind the last spot, and each playoff series' wins from played and reported games."""

import pytest
from django.test import Client

from games.models import GameStatus
from games.tests.factories import GameFactory
from leagues.models import ScheduledGame, Season, Series, SeriesKind
from leagues.playoffs import playoff_picture
from leagues.stats import standings_by_division
from leagues.tests.factories import LeagueFactory, SeasonFactory, TeamFactory

pytestmark = pytest.mark.django_db


def _won(season: Season, winner, loser, times: int = 1) -> None:
    for _ in range(times):
        GameFactory(
            league=season.league,
            season=season,
            home_team=winner,
            away_team=loser,
            status=GameStatus.COMPLETED,
            home_score=5,
            away_score=2,
        )


@pytest.fixture
def season():
    league = LeagueFactory(code="sba")
    season = SeasonFactory(league=league, playoff_teams=3, is_current=True)
    east = [TeamFactory(league=league, season=season, abbreviation=f"E{n}", division_name="East") for n in (1, 2, 3)]
    west = [TeamFactory(league=league, season=season, abbreviation=f"W{n}", division_name="West") for n in (1, 2, 3)]
    _won(season, east[0], east[1], 4)  # E1 4-0, E2 0-4 ... then E2 beats the west
    _won(season, east[1], west[1], 3)
    _won(season, east[2], west[2], 2)
    _won(season, west[0], west[2], 1)
    return season


def _picture(season: Season):
    return playoff_picture(season=season, divisions=standings_by_division(league=season.league, season=season))


def test_division_leaders_first_then_the_best_records(season):
    picture = _picture(season)
    # E1 4-0 leads the East; W1 1-0 leads the West; the wild card is E3 (2-0) over E2 (3-4)
    assert [(s.seed, s.row.team.abbreviation, s.division) for s in picture.seeds] == [
        (1, "E1", "East"),
        (2, "W1", "West"),
        (3, "E3", ""),
    ]
    assert [(c.row.team.abbreviation, c.behind) for c in picture.chasers] == [("E2", 1.5), ("W2", 2.5), ("W3", 2.5)]
    assert picture.rounds == []


def test_a_playoff_series_counts_played_and_reported_wins(season):
    e1, w1 = (season.teams.get(abbreviation=a) for a in ("E1", "W1"))
    series = Series.objects.create(
        season=season, week=20, kind=SeriesKind.PLAYOFF, playoff_round=1, home_team=e1, away_team=w1
    )
    slots = [ScheduledGame.objects.create(series=series, number=n, home_team=e1, away_team=w1) for n in (1, 2, 3)]
    GameFactory(
        league=season.league,
        home_team=e1,
        away_team=w1,
        scheduled=slots[0],
        status=GameStatus.COMPLETED,
        home_score=1,
        away_score=3,
    )
    slots[1].reported_home_score, slots[1].reported_away_score = 6, 0
    slots[1].save()
    ((number, [played]),) = _picture(season).rounds
    assert (number, played.away_wins, played.home_wins, played.winner) == (1, 1, 1, None)
    slots[2].reported_home_score, slots[2].reported_away_score = 4, 3
    slots[2].save()
    ((_, [done]),) = _picture(season).rounds
    assert (done.home_wins, done.winner) == (2, e1)


def test_the_standings_page_shows_the_picture(season, client: Client):
    page = client.get(f"/leagues/{season.league.code}/standings/").content.decode()
    assert "Playoff picture" in page
    assert "If the season ended today" in page
    assert "leads East" in page
    assert "2.5 GB of the last spot" in page
