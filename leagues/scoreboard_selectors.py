"""Reads behind a league's live scoreboard: every live public game with its score, inning, bases and outs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Subquery

from games.events import scoreboard_line
from games.models import Game, GameAction, GameStatus, Visibility
from leagues.models import League
from scorecard.clock import pendulum_now


def league_scoreboard(league: League, *, now: Any = None) -> list[dict[str, Any]]:
    """The league's public games in progress that moved in the last SCORECARD_LIVE_IDLE_MINUTES (as the lobby's
    "Live now"), oldest start first, each as its scoreboard row (`games.events.scoreboard_line`, the row the
    game service broadcasts after each action). One query."""
    idle_since = (now or pendulum_now()) - timedelta(minutes=settings.SCORECARD_LIVE_IDLE_MINUTES)
    latest = GameAction.objects.filter(game=OuterRef("pk")).order_by("-version").values("summary")[:1]
    games = (
        Game.objects.filter(league=league, status=GameStatus.ACTIVE, visibility=Visibility.PUBLIC)
        .exclude(session__last_action_at__lt=idle_since)
        .select_related("home_team", "away_team")
        .annotate(latest_summary=Subquery(latest))
        .order_by("started_at", "created_at")
    )
    return [scoreboard_line(game, game.latest_summary or {}) for game in games]
