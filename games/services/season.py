"""Playing a season's schedule by the AI: the demo's played weeks (and a commissioner's catch-up tool)."""

from __future__ import annotations

from games.access import SYSTEM
from games.models import Game
from games.services.lifecycle import game_create_scheduled
from leagues.models import ScheduledGame, Season
from leagues.schedule import season_advance_week


def season_play_weeks_with_ai(*, season: Season, weeks: int) -> list[Game]:
    """Plays the next `weeks` weeks of the season from its current week, AI against AI through
    `game_create_scheduled` (so the games, plays and box scores are the ones a live game writes), then moves the
    current week past them. Slots already played, started or reported are left as they are."""
    games: list[Game] = []
    for _ in range(weeks):
        week = season.current_week or 1
        slots = ScheduledGame.objects.filter(series__season=season, series__week=week, game__isnull=True)
        for slot in slots.filter(reported_home_score__isnull=True).order_by("series__pk", "number"):
            games.append(game_create_scheduled(scheduled=slot, user=SYSTEM, ai_plays_both=True))
        season = season_advance_week(season=season)
    return games
