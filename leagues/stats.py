"""Season statistics (RULES.md §13): standings and season batting and pitching over the league's recorded games."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from games.engine.boxscore import innings_pitched
from games.models import Game, GameStatus, PitchingLine, Play
from leagues.models import League, Season, Team
from leagues.selectors import team_list


@dataclass(frozen=True, slots=True)
class StandingRow:
    team: Team
    wins: int
    losses: int
    runs_for: int
    runs_against: int
    games_behind: float

    @property
    def pct(self) -> float:
        played = self.wins + self.losses
        return round(self.wins / played, 3) if played else 0.0

    @property
    def run_differential(self) -> int:
        return self.runs_for - self.runs_against


def _completed_games(league: League, season: Season | None) -> QuerySet[Game]:
    games = Game.objects.filter(league=league, status=GameStatus.COMPLETED)
    return games.filter(season=season) if season is not None else games


def standings(*, league: League, season: Season | None = None) -> list[StandingRow]:
    """Every team of the league (of `season` and season-less teams, when given) with W-L, runs for and against
    and games behind the leader, over completed games (forfeits are not counted); best percentage first.
    Two aggregate queries plus the teams."""
    games = _completed_games(league, season)
    totals: dict[int, Counter[str]] = defaultdict(Counter)
    for side, other in (("home", "away"), ("away", "home")):
        rows = games.values(team_id=F(f"{side}_team")).annotate(
            wins=Count("pk", filter=Q(**{f"{side}_score__gt": F(f"{other}_score")})),
            losses=Count("pk", filter=Q(**{f"{side}_score__lt": F(f"{other}_score")})),
            runs_for=Sum(f"{side}_score"),
            runs_against=Sum(f"{other}_score"),
        )
        for row in rows:
            totals[row.pop("team_id")].update(row)  # type: ignore[misc]  # a plain dict; the plugin types it strictly
    teams = team_list().filter(league=league)
    if season is not None:
        teams = teams.filter(Q(season=season) | Q(season__isnull=True) | Q(pk__in=list(totals)))
    records = [(team, totals[team.pk]) for team in teams]
    records.sort(key=lambda item: (-_pct(item[1]), -item[1]["wins"], item[0].abbreviation))
    leader = records[0][1] if records else Counter()
    return [
        StandingRow(
            team=team,
            wins=record["wins"],
            losses=record["losses"],
            runs_for=record["runs_for"],
            runs_against=record["runs_against"],
            games_behind=((leader["wins"] - record["wins"]) + (record["losses"] - leader["losses"])) / 2,
        )
        for team, record in records
    ]


def _pct(record: Counter[str]) -> float:
    played = record["wins"] + record["losses"]
    return record["wins"] / played if played else 0.0


def _sum(field: str) -> Coalesce:
    return Coalesce(Sum(field), Value(0), output_field=IntegerField())


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 3) if denominator else 0.0


def _season_plays(league: League, season: Season | None) -> QuerySet[Play]:
    plays = Play.objects.filter(game__league=league, game__status=GameStatus.COMPLETED)
    return plays.filter(game__season=season) if season is not None else plays


def season_batting(*, league: League, season: Season | None = None) -> list[dict[str, Any]]:
    """Per batter over completed games: PA AB H 2B 3B HR BB (walks and intentional walks) SO HBP SF and
    AVG OBP SLG; most plate appearances first. One aggregate query."""
    rows = (
        _season_plays(league, season)
        .filter(batter__isnull=False)
        .values(player_id=F("batter__player_id"), player_name=F("batter__player__name"))
        .annotate(
            pa=_sum("pa"),
            ab=_sum("ab"),
            h=_sum("hit"),
            doubles=_sum("double"),
            triples=_sum("triple"),
            hr=_sum("homerun"),
            bb=Coalesce(Sum(F("bb") + F("ibb")), Value(0), output_field=IntegerField()),
            so=_sum("so"),
            hbp=_sum("hbp"),
            sf=_sum("sf"),
        )
        .filter(pa__gt=0)
        .order_by("-pa", "player_name", "player_id")
    )
    lines = []
    for row in rows:
        singles = row["h"] - row["doubles"] - row["triples"] - row["hr"]
        total_bases = singles + 2 * row["doubles"] + 3 * row["triples"] + 4 * row["hr"]
        on_base = row["h"] + row["bb"] + row["hbp"]
        lines.append(
            {
                **row,
                "avg": _ratio(row["h"], row["ab"]),
                "obp": _ratio(on_base, row["ab"] + row["bb"] + row["hbp"] + row["sf"]),
                "slg": _ratio(total_bases, row["ab"]),
            }
        )
    return lines


def season_pitching(*, league: League, season: Season | None = None) -> list[dict[str, Any]]:
    """Per pitcher over completed games, summed from their box scores (`games.models.PitchingLine`): outs, IP,
    H, R, ER (runs charged for inherited runners, earned as the engine reconstructs them), BB (with intentional),
    K, HR, batters faced, W, L, S, ERA (9 innings) and WHIP; most outs first. One aggregate query."""
    lines = PitchingLine.objects.filter(game__league=league, game__status=GameStatus.COMPLETED)
    if season is not None:
        lines = lines.filter(game__season=season)
    rows = (
        lines.values(player_id=F("lineup__player_id"), player_name=F("lineup__player__name"))
        .annotate(
            outs=_sum("outs"),
            h=_sum("h"),
            r=_sum("r"),
            er=_sum("er"),
            bb=_sum("bb"),
            so=_sum("so"),
            hr=_sum("hr"),
            bf=_sum("bf"),
            wins=Count("pk", filter=Q(decision="W")),
            losses=Count("pk", filter=Q(decision="L")),
            saves=Count("pk", filter=Q(decision="S")),
        )
        .filter(bf__gt=0)
        .order_by("-outs", "player_name", "player_id")
    )
    return [
        {
            **row,
            "ip": innings_pitched(row["outs"]),
            "era": round(27 * row["er"] / row["outs"], 2) if row["outs"] else None,
            "whip": round(3 * (row["h"] + row["bb"]) / row["outs"], 2) if row["outs"] else None,
        }
        for row in rows
    ]
