"""Reads behind the REST API: games a request may see, their plays and lineups, the recorded game log."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from games.engine.gamelog import dump
from games.models import Game, GameAction, Lineup, Play, Visibility
from games.selectors import game_log
from leagues.selectors import commissioned_league_ids


def game_list_visible(*, user: Any, token_league_id: int | None = None) -> QuerySet[Game]:
    """Public games, plus private ones of the user's commissioned leagues, of teams they manage, and of the
    token's league; superusers see all. League, season and teams (with theirs) joined."""
    teams = [f"{side}_team__{related}" for side in ("home", "away") for related in ("league", "season", "ballpark")]
    games = Game.objects.select_related("league", "season", *teams)
    league_ids = commissioned_league_ids(user)
    if league_ids is None:
        return games
    seen = Q(visibility=Visibility.PUBLIC) | Q(league_id__in=league_ids)
    if token_league_id is not None:
        seen |= Q(league_id=token_league_id)
    if user.is_authenticated:
        seen |= Q(home_team__managers=user) | Q(away_team__managers=user)
        return games.filter(pk__in=Game.objects.filter(seen).values("pk"))
    return games.filter(seen)


def game_plays(*, game: Game) -> QuerySet[Play]:
    """The game's plays in order with batter, pitcher and their players joined."""
    return game.plays.select_related("batter__player", "pitcher__player").order_by("play_number")


def game_lineups(*, game: Game) -> QuerySet[Lineup]:
    """Every lineup row of the game (starters and substitutes), team then batting order."""
    return game.lineups.select_related("player", "team").order_by("team_id", "batting_order", "id")


def game_log_text(*, game: Game) -> str | None:
    """The game's canonical log text (`games.engine.gamelog.dump` of `games.selectors.game_log`), or None when
    the game has no recorded actions (or no playable setup). `gamelog.parse` of the text replays to the game's
    stored state. Raises ValueError when the recorded actions do not replay."""
    if not GameAction.objects.filter(game=game).exists():
        return None
    log = game_log(game=game)
    return None if log is None else dump(log)
