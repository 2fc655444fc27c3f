"""League pages: standings, leaders and the season's schedule, for everyone (server-rendered, phone-first).
Views parse the league and `?season=`, call one selector and render."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from leagues.models import League, Season
from leagues.schedule_selectors import season_current, season_series
from leagues.stats import season_leaders, standings_by_division

MAX_SEASON = 32767


def _league_season(request: HttpRequest, code: str) -> tuple[League, Season | None]:
    """The league by code and `?season=N` (default: its current season; all seasons when it has none)."""
    league = get_object_or_404(League, code=code.lower())
    value = request.GET.get("season", "")
    if not value:
        return league, season_current(league)
    if not (value.isascii() and value.isdigit() and int(value) <= MAX_SEASON):
        raise Http404("season is a season number")
    return league, get_object_or_404(Season, league=league, number=int(value))


def _context(league: League, season: Season | None, page: str, **extra: Any) -> dict[str, Any]:
    return {"league": league, "season": season, "page": page, "seasons": league.seasons.order_by("-number"), **extra}


@require_GET
def standings_page(request: HttpRequest, code: str) -> HttpResponse:
    """W-L, pct, GB, home, away, last 8 and streak per division (one table when no team has a division)."""
    league, season = _league_season(request, code)
    divisions = standings_by_division(league=league, season=season)
    return render(request, "leagues/standings.html", _context(league, season, "standings", divisions=divisions))


@require_GET
def leaders_page(request: HttpRequest, code: str) -> HttpResponse:
    """The season's leaders in AVG, HR, RBI, OPS, ERA, WHIP, K and SV (rate stats with their qualifiers)."""
    league, season = _league_season(request, code)
    boards = season_leaders(league=league, season=season)
    return render(request, "leagues/leaders.html", _context(league, season, "leaders", boards=boards))


@require_GET
def schedule_page(request: HttpRequest, code: str) -> HttpResponse:
    """The season's series by week, each game with its result or its game when one plays it."""
    league, season = _league_season(request, code)
    weeks: dict[int, list[Any]] = {}
    if season is not None:
        for series in season_series(season):
            weeks.setdefault(series.week, []).append(series)
    context = _context(league, season, "schedule", weeks=sorted(weeks.items()))
    return render(request, "leagues/schedule.html", context)
