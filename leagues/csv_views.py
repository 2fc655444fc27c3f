"""CSV exports of the league pages, for people who keep sheets: standings, leaders, schedule and results, a team's
season batting or pitching, a player's batting or pitching game log. Names, not ids; each is a download
(Content-Disposition attachment) and takes the page's `?season=`."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from leagues.models import League, Season
from leagues.player_selectors import LogRow, player_batting_log, player_pitching_log
from leagues.stats import season_batting, season_leaders, season_pitching, standings_by_division
from leagues.views import league_player, league_season, league_team, schedule_weeks

KINDS = ("batting", "pitching")
# (CSV header, key of the line) per column.
BATTING = tuple(
    zip(
        ("PA", "AB", "H", "2B", "3B", "HR", "RBI", "BB", "SO", "HBP", "SF", "AVG", "OBP", "SLG", "OPS"),
        ("pa", "ab", "h", "doubles", "triples", "hr", "rbi", "bb", "so", "hbp", "sf", "avg", "obp", "slg", "ops"),
        strict=True,
    )
)
PITCHING = tuple(
    zip(
        ("G", "W", "L", "SV", "IP", "H", "R", "ER", "BB", "SO", "HR", "BF", "ERA", "WHIP"),
        ("games", "wins", "losses", "saves", "ip", "h", "r", "er", "bb", "so", "hr", "bf", "era", "whip"),
        strict=True,
    )
)
SEASON_ONLY = ("games", "wins", "losses", "saves", "era", "whip")
LOG_PITCHING = (("Dec", "decision"), *(column for column in PITCHING if column[1] not in SEASON_ONLY))


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    """`rows` under `header` as a CSV download named `filename`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    return response


def _name(league: League, season: Season | None, *parts: str) -> str:
    where = f"{league.code}-s{season.number}" if season is not None else f"{league.code}-all"
    return "-".join((where, *parts)) + ".csv"


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise Http404("batting or pitching")
    return kind


@require_GET
def standings_csv(request: HttpRequest, code: str) -> HttpResponse:
    league, season = league_season(request, code)
    header = ("Division", "Team", "Name", "W", "L", "Pct", "GB", "Home", "Away", "Last 8", "Streak", "RS", "RA", "Diff")
    rows = [
        (
            *(division, r.team.abbreviation, r.team.name, r.wins, r.losses, f"{r.pct:.3f}", r.games_behind),
            *(r.home_record, r.away_record, r.last_record, r.streak, r.runs_for, r.runs_against, r.run_differential),
        )
        for division, table in standings_by_division(league=league, season=season)
        for r in table
    ]
    return csv_response(_name(league, season, "standings"), header, rows)


@require_GET
def leaders_csv(request: HttpRequest, code: str) -> HttpResponse:
    league, season = league_season(request, code)
    rows = [
        (board.label, rank, leader.player_name, leader.display, board.qualifier)
        for board in season_leaders(league=league, season=season)
        for rank, leader in enumerate(board.leaders, start=1)
    ]
    return csv_response(_name(league, season, "leaders"), ("Stat", "Rank", "Player", "Value", "Qualifier"), rows)


@require_GET
def schedule_csv(request: HttpRequest, code: str) -> HttpResponse:
    league, season = league_season(request, code)
    header = ("Week", "Kind", "Game", "Away", "Home", "Away score", "Home score", "Status")
    rows = []
    for week, series_list in schedule_weeks(season):
        for series in series_list:
            for slot in series.games.all():
                game = getattr(slot, "game", None)
                if game is not None:
                    scores, status = (game.away_score, game.home_score), game.get_status_display()
                elif slot.reported_home_score is not None:
                    scores, status = (slot.reported_away_score, slot.reported_home_score), "reported"
                else:
                    scores, status = (None, None), "not played"
                rows.append((week, series.kind, slot.number, slot.away_team.name, slot.home_team.name, *scores, status))
    return csv_response(_name(league, season, "schedule"), header, rows)


@require_GET
def team_csv(request: HttpRequest, code: str, team_id: int, kind: str) -> HttpResponse:
    """A team's season batting or pitching lines."""
    team, season = league_team(request, code, team_id)
    lines_of, columns = (season_batting, BATTING) if _kind(kind) == "batting" else (season_pitching, PITCHING)
    lines = lines_of(league=team.league, season=season, team=team)
    rows = [(line["player_name"], *(line[key] for _, key in columns)) for line in lines]
    header = ("Player", *(name for name, _ in columns))
    return csv_response(_name(team.league, season, team.abbreviation.lower(), kind), header, rows)


@require_GET
def player_csv(request: HttpRequest, code: str, player_id: int, kind: str) -> HttpResponse:
    """A player's game log, batting or pitching: one row per completed game."""
    player, season = league_player(request, code, player_id)
    log_of, columns = (player_batting_log, BATTING) if _kind(kind) == "batting" else (player_pitching_log, LOG_PITCHING)
    log: list[LogRow] = log_of(player, season)
    rows = [
        (
            (row.game.finished_at or row.game.created_at).date().isoformat(),
            row.team,
            "home" if row.home else "away",
            row.opponent,
            row.result,
            *(row.line[key] for _, key in columns),
        )
        for row in log
    ]
    slug = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in player.name.lower()).strip("-") or "player"
    filename = _name(player.league, season, slug, kind, "log")
    header = ("Date", "Team", "Home/away", "Opponent", "Result", *(name for name, _ in columns))
    return csv_response(filename, header, rows)
