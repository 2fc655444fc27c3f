"""Reads of season schedules: a season's series by week, the games of one week, the current season."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet

from leagues.models import League, ScheduledGame, Season, Series


def season_current(league: League) -> Season | None:
    """The league's current season (the newest when none is marked current)."""
    return league.seasons.order_by("-is_current", "-number").first()


def scheduled_games(season: Season) -> QuerySet[ScheduledGame]:
    """A season's scheduled games with their series, teams and the games that play them (`game`, when any),
    by week, series and number; each series' games are prefetched for its length ("Game 3 of 4")."""
    return (
        ScheduledGame.objects.filter(series__season=season)
        .select_related("series__season__league", "home_team", "away_team", "game")
        .prefetch_related(Prefetch("series__games", queryset=ScheduledGame.objects.order_by("number")))
        .order_by("series__week", "series__kind", "series__home_team__abbreviation", "series_id", "number")
    )


def week_games(season: Season, week: int, *, team_ids: Iterable[int] | None = None) -> list[ScheduledGame]:
    """The scheduled games of one week, optionally only those of `team_ids`."""
    games = scheduled_games(season).filter(series__week=week)
    if team_ids is not None:
        ids = list(team_ids)
        games = games.filter(Q(home_team_id__in=ids) | Q(away_team_id__in=ids))
    return list(games)


def season_series(season: Season, *, week: int | None = None) -> QuerySet[Series]:
    """A season's series (teams joined, games prefetched), by week; one week's with `week`."""
    series = (
        Series.objects.filter(season=season)
        .select_related("home_team", "away_team")
        .prefetch_related(Prefetch("games", queryset=ScheduledGame.objects.select_related("game").order_by("number")))
        .order_by("week", "kind", "home_team__abbreviation", "pk")
    )
    return series if week is None else series.filter(week=week)


def season_weeks(season: Season) -> list[int]:
    """The weeks that have series, in order."""
    return list(season.series.order_by("week").values_list("week", flat=True).distinct())
