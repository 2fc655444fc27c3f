"""Reads behind the lobby: live and recent public games, a manager's teams, open games and this week's
scheduled games."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from games.models import FINISHED_STATUSES, Game, GameStatus, Lineup, Visibility
from games.snapshot import game_state
from leagues.models import ScheduledGame, Team
from leagues.schedule_selectors import season_current, week_games
from scorecard.clock import pendulum_now


def _with_schedule(games: QuerySet[Game]) -> QuerySet[Game]:
    """Games with what their cards show: league, teams, and the scheduled slot they play (for its label)."""
    return games.select_related("league", "home_team", "away_team", "scheduled__series").prefetch_related(
        "scheduled__series__games"
    )


def _public_games() -> QuerySet[Game]:
    return _with_schedule(Game.objects.filter(visibility=Visibility.PUBLIC))


def game_list_live(*, limit: int = 20, now: Any = None) -> list[Game]:
    """Public games in progress that moved in the last SCORECARD_LIVE_IDLE_MINUTES (an abandoned game is not
    "live"), newest first."""
    idle_since = (now or pendulum_now()) - timedelta(minutes=settings.SCORECARD_LIVE_IDLE_MINUTES)
    live = _public_games().filter(status=GameStatus.ACTIVE).exclude(session__last_action_at__lt=idle_since)
    return list(live.order_by("-started_at", "-created_at")[:limit])


def game_list_recent(*, limit: int = 10) -> list[Game]:
    """Public games that have ended (completed, forfeited or abandoned), most recently finished first."""
    finished = _public_games().filter(status__in=FINISHED_STATUSES)
    return list(finished.order_by("-finished_at", "-created_at")[:limit])


OPEN_STATUSES = (GameStatus.PENDING, GameStatus.ACTIVE)


def team_list_managed(user: Any) -> list[Team]:
    """The teams `user` manages (Team.managers), league joined; empty for an anonymous user."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        Team.objects.filter(managers=user).select_related("league", "ballpark").order_by("league__code", "name")
    )


@dataclass(frozen=True, slots=True)
class ManagedGame:
    """One of a manager's open games as the lobby shows it.

    `my_team` is the team the user manages in it (the home team when both); `turn` is "you", "opponent", "ai" or
    "" (pending or nobody to act); `lineup_needed` is True for a pending game whose `my_team` has no lineup yet."""

    game: Game
    my_team: Team
    opponent: Team
    opponent_is_ai: bool
    turn: str
    lineup_needed: bool


def game_list_for_manager(user: Any, *, limit: int = 20) -> list[ManagedGame]:
    """Pending and active games of the teams `user` manages, active first then newest first."""
    team_ids = {team.pk for team in team_list_managed(user)}
    if not team_ids:
        return []
    mine = Q(home_team_id__in=team_ids) | Q(away_team_id__in=team_ids)
    open_games = _with_schedule(Game.objects.filter(mine, status__in=OPEN_STATUSES))
    recent = open_games.order_by("status", "-created_at")[:limit]
    games = sorted(recent, key=lambda g: (g.status != GameStatus.ACTIVE, -g.created_at.timestamp()))
    with_lineup = set(
        Lineup.objects.filter(game__in=games, is_starter=True).values_list("game_id", "team_id").distinct()
    )
    rows = []
    for game in games:
        # The side the user plays: home when they manage it and it is not the AI's, else away.
        mine_home = game.home_team_id in team_ids and not (game.home_is_ai and game.away_team_id in team_ids)
        my_team, opponent = (game.home_team, game.away_team) if mine_home else (game.away_team, game.home_team)
        opponent_is_ai = game.away_is_ai if mine_home else game.home_is_ai
        my_sides = {
            side for side, team_id in (("home", game.home_team_id), ("away", game.away_team_id)) if team_id in team_ids
        }
        turn = ""
        if game.status == GameStatus.ACTIVE and game.state:
            actor = game_state(game).actor
            if actor is not None:
                ai_side = (actor.value == "home" and game.home_is_ai) or (actor.value == "away" and game.away_is_ai)
                turn = "ai" if ai_side else "you" if actor.value in my_sides else "opponent"
        lineup_needed = game.status == GameStatus.PENDING and (game.pk, my_team.pk) not in with_lineup
        rows.append(ManagedGame(game, my_team, opponent, opponent_is_ai, turn, lineup_needed))
    return rows


@dataclass(frozen=True, slots=True)
class ScheduledSlot:
    """One of this week's scheduled games of a manager's team: `game` is the game that plays it (None before
    anyone starts it); `playable` when it can be started now (no game, no result the league reported)."""

    slot: ScheduledGame
    my_team: Team
    opponent: Team
    game: Game | None
    playable: bool


def scheduled_list_for_manager(user: Any) -> list[ScheduledSlot]:
    """The current week's scheduled games of the teams `user` manages, per league's current season (seasons
    that track a current week), by week, series and game number."""
    teams = team_list_managed(user)
    rows: list[ScheduledSlot] = []
    for league in {team.league_id: team.league for team in teams}.values():
        season = season_current(league)
        if season is None or season.current_week is None:
            continue
        mine = {team.pk for team in teams if team.league_id == league.pk}
        for slot in week_games(season, season.current_week, team_ids=mine):
            mine_home = slot.home_team_id in mine
            my_team, opponent = (slot.home_team, slot.away_team) if mine_home else (slot.away_team, slot.home_team)
            game = getattr(slot, "game", None)
            playable = game is None and slot.reported_home_score is None
            rows.append(ScheduledSlot(slot, my_team, opponent, game, playable))
    return rows
