"""League pages: standings, leaders, the season's schedule, team and player pages and the live scoreboard, for
everyone (server-rendered, phone-first), and their CSV exports (`leagues.csv_views`). Views parse the league,
the path ids and `?season=`, call one selector and render."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from leagues.models import League, Season, Team
from leagues.player_selectors import player_season
from leagues.playoffs import playoff_picture
from leagues.schedule_selectors import season_current, season_series
from leagues.scoreboard_selectors import league_scoreboard
from leagues.stats import season_leaders, standings_by_division
from leagues.team_selectors import team_season
from players.models import Player

MAX_SEASON = 32767


def season_param(request: HttpRequest, league: League, default: Season | None) -> Season | None:
    """`?season=N` of `league` (404 when malformed or unknown); `default` without it."""
    value = request.GET.get("season", "")
    if not value:
        return default
    if not (value.isascii() and value.isdigit() and int(value) <= MAX_SEASON):
        raise Http404("season is a season number")
    return get_object_or_404(Season, league=league, number=int(value))


def league_season(request: HttpRequest, code: str) -> tuple[League, Season | None]:
    """The league by code and `?season=N` (default: its current season; all seasons when it has none)."""
    league = get_object_or_404(League, code=code.lower())
    return league, season_param(request, league, season_current(league))


def league_team(request: HttpRequest, code: str, team_id: int) -> tuple[Team, Season | None]:
    """The league's team and `?season=N` (default: the team's own season, else the league's current one)."""
    team = get_object_or_404(Team.objects.select_related("league", "season"), pk=team_id, league__code=code.lower())
    return team, season_param(request, team.league, team.season or season_current(team.league))


def league_player(request: HttpRequest, code: str, player_id: int) -> tuple[Player, Season | None]:
    """The league's player and `?season=N` (default: the league's current season)."""
    player = get_object_or_404(Player.objects.select_related("league", "team"), pk=player_id, league__code=code.lower())
    return player, season_param(request, player.league, season_current(player.league))


def _context(league: League, season: Season | None, page: str, **extra: Any) -> dict[str, Any]:
    query = f"?season={season.number}" if season is not None else ""
    seasons = league.seasons.order_by("-number")
    return {"league": league, "season": season, "season_query": query, "page": page, "seasons": seasons, **extra}


@require_GET
def standings_page(request: HttpRequest, code: str) -> HttpResponse:
    """W-L, pct, GB, home, away, last 8 and streak per division (one table when no team has a division), and the
    season's playoff picture."""
    league, season = league_season(request, code)
    divisions = standings_by_division(league=league, season=season)
    picture = playoff_picture(season=season, divisions=divisions) if season is not None else None
    context = _context(league, season, "standings", divisions=divisions, picture=picture)
    return render(request, "leagues/standings.html", context)


@require_GET
def leaders_page(request: HttpRequest, code: str) -> HttpResponse:
    """The season's leaders in AVG, HR, RBI, OPS, ERA, WHIP, K and SV (rate stats with their qualifiers)."""
    league, season = league_season(request, code)
    boards = season_leaders(league=league, season=season)
    return render(request, "leagues/leaders.html", _context(league, season, "leaders", boards=boards))


def schedule_weeks(season: Season | None) -> list[tuple[int, list[Any]]]:
    """The season's series grouped by week, in order."""
    weeks: dict[int, list[Any]] = {}
    if season is not None:
        for series in season_series(season):
            weeks.setdefault(series.week, []).append(series)
    return sorted(weeks.items())


@require_GET
def schedule_page(request: HttpRequest, code: str) -> HttpResponse:
    """The season's series by week, each game with its result or its game when one plays it."""
    league, season = league_season(request, code)
    context = _context(league, season, "schedule", weeks=schedule_weeks(season))
    return render(request, "leagues/schedule.html", context)


@require_GET
def team_page(request: HttpRequest, code: str, team_id: int) -> HttpResponse:
    """A team's roster (with availability), its schedule and results, and its season batting and pitching."""
    team, season = league_team(request, code, team_id)
    context = _context(team.league, season, "team", data=team_season(team, season), team=team)
    return render(request, "leagues/team.html", context)


@require_GET
def player_page(request: HttpRequest, code: str, player_id: int) -> HttpResponse:
    """A player's season lines, game log and splits vs left and right."""
    player, season = league_player(request, code, player_id)
    context = _context(player.league, season, "player", data=player_season(player, season), player=player)
    return render(request, "leagues/player.html", context)


@require_GET
def scoreboard_page(request: HttpRequest, code: str) -> HttpResponse:
    """Every live public game of the league: score, inning, bases and outs, kept current over the WebSocket."""
    league = get_object_or_404(League, code=code.lower())
    context = _context(league, season_current(league), "scoreboard", games=league_scoreboard(league))
    return render(request, "leagues/scoreboard.html", context)
