"""Reads about games."""

from __future__ import annotations

from django.db.models import QuerySet

from games.models import Game, GameStatus, Visibility


def _public_games() -> QuerySet[Game]:
    return Game.objects.filter(visibility=Visibility.PUBLIC).select_related("league", "home_team", "away_team")


def game_list_live(*, limit: int = 20) -> list[Game]:
    """Public games in progress, newest first."""
    return list(_public_games().filter(status=GameStatus.ACTIVE).order_by("-started_at", "-created_at")[:limit])


def game_list_recent(*, limit: int = 10) -> list[Game]:
    """Public games that have ended (completed or forfeited), most recently finished first."""
    finished = _public_games().filter(status__in=[GameStatus.COMPLETED, GameStatus.FORFEITED])
    return list(finished.order_by("-finished_at", "-created_at")[:limit])
