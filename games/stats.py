"""Statistics read from the stored Play rows (RULES.md §13): standings, season batting and pitching, and a game's
box score.

The box score is computed here from each Play's stat fields rather than by the engine's `box_score`: main has no
builder of the engine setup and plays from the database yet. Its shape follows `BoxScore.to_dict()` so the view
keeps its contract when the engine is wired in. Runs are charged to the pitcher on the mound for the play (the
engine's inherited-runner charging and W/L/S decisions come with that wiring; `decisions` is empty until then).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from games.engine.boxscore import innings_pitched
from games.models import Game, GameStatus, Half, Lineup, Play
from leagues.models import League, Season, Team
from leagues.selectors import team_list

SCORED = 4


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
            totals[row.pop("team_id")].update(row)
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
    """Per pitcher over completed games: outs, IP, H, ER, BB (with intentional), K, ERA (9 innings) and WHIP;
    most outs first. One aggregate query."""
    rows = (
        _season_plays(league, season)
        .filter(pitcher__isnull=False)
        .values(player_id=F("pitcher__player_id"), player_name=F("pitcher__player__name"))
        .annotate(
            outs=_sum("outs"),
            h=_sum("hit"),
            er=_sum("earned_runs"),
            bb=Coalesce(Sum(F("bb") + F("ibb")), Value(0), output_field=IntegerField()),
            so=_sum("so"),
            bf=_sum("pa"),
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


# -- one game's box score ----------------------------------------------------------------------------------------


_PLAY_FIELDS = (
    "inning",
    "half",
    "batter_id",
    "pitcher_id",
    "runner_id",
    "on_first_id",
    "on_second_id",
    "on_third_id",
    "on_first_final",
    "on_second_final",
    "on_third_final",
    "batter_final",
    "pa",
    "ab",
    "hit",
    "double",
    "triple",
    "homerun",
    "rbi",
    "bb",
    "ibb",
    "so",
    "hbp",
    "sb",
    "cs",
    "error",
    "outs",
    "runs",
    "earned_runs",
    "inherited_runners",
    "inherited_scored",
)


def _batting_side(half: str) -> str:
    return "away" if half == Half.TOP else "home"


def _scorers(play: dict[str, Any]) -> list[int]:
    pairs = (
        (play["on_first_id"], play["on_first_final"]),
        (play["on_second_id"], play["on_second_final"]),
        (play["on_third_id"], play["on_third_final"]),
        (play["batter_id"], play["batter_final"]),
    )
    return [lineup for lineup, final in pairs if lineup is not None and final == SCORED]


def _left_on_base(play: dict[str, Any]) -> int:
    finals = (play["on_first_final"], play["on_second_final"], play["on_third_final"], play["batter_final"])
    return sum(1 for final in finals if final in (1, 2, 3))


def game_plays_for_box(game: Game) -> list[dict[str, Any]]:
    return list(game.plays.order_by("play_number").values(*_PLAY_FIELDS))


def game_box_score(game: Game) -> dict[str, Any]:
    """`{"teams": {"away"|"home": {"line", "batting", "pitching"}}, "decisions"}` from the game's plays and
    lineups (two queries), shaped like the engine's `BoxScore.to_dict()`."""
    lineups = list(game.lineups.select_related("player").order_by("batting_order", "id"))
    plays = game_plays_for_box(game)
    side_of_team = {game.away_team_id: "away", game.home_team_id: "home"}
    teams = {game.away_team_id: game.away_team, game.home_team_id: game.home_team}
    batting: dict[int, Counter[str]] = defaultdict(Counter)
    pitching: dict[int, Counter[str]] = defaultdict(Counter)
    pitcher_order: list[int] = []
    for play in plays:
        batting[play["batter_id"]].update(
            ab=play["ab"],
            h=play["hit"],
            doubles=play["double"],
            triples=play["triple"],
            hr=play["homerun"],
            rbi=play["rbi"],
            bb=play["bb"] + play["ibb"],
            so=play["so"],
            hbp=play["hbp"],
        )
        if play["runner_id"] is not None:
            batting[play["runner_id"]].update(sb=play["sb"], cs=play["cs"])
        for scorer in _scorers(play):
            batting[scorer]["r"] += 1
        if play["pitcher_id"] is not None:
            if play["pitcher_id"] not in pitcher_order:
                pitcher_order.append(play["pitcher_id"])
            pitching[play["pitcher_id"]].update(
                outs=play["outs"],
                h=play["hit"],
                r=play["runs"],
                er=play["earned_runs"],
                bb=play["bb"] + play["ibb"],
                so=play["so"],
                hr=play["homerun"],
                bf=play["pa"],
                inherited=play["inherited_runners"],
                inherited_scored=play["inherited_scored"],
            )
    by_id = {lineup.pk: lineup for lineup in lineups}
    result: dict[str, Any] = {}
    for team_id, side in side_of_team.items():
        result[side] = {
            "line": _team_line(teams[team_id], side, plays),
            "batting": [
                _batting_line(lineup, batting[lineup.pk])
                for lineup in lineups
                if lineup.team_id == team_id and lineup.batting_order is not None
            ],
            "pitching": [
                _pitching_line(by_id[pk], pitching[pk])
                for pk in pitcher_order
                if pk in by_id and by_id[pk].team_id == team_id
            ],
        }
    return {"teams": result, "decisions": {"win": None, "loss": None, "save": None}}


def _team_line(team: Team, side: str, plays: list[dict[str, Any]]) -> dict[str, Any]:
    last = max((play["inning"] for play in plays), default=0)
    runs_by_inning: list[int | None] = [None] * last
    hits = errors = left = 0
    last_of_half: dict[tuple[int, str], dict[str, Any]] = {}
    for play in plays:
        if _batting_side(play["half"]) == side:
            index = play["inning"] - 1
            runs_by_inning[index] = (runs_by_inning[index] or 0) + play["runs"]
            hits += play["hit"]
            last_of_half[(play["inning"], play["half"])] = play
        else:
            errors += play["error"]
    left = sum(_left_on_base(play) for play in last_of_half.values())
    return {
        "name": team.abbreviation,
        "innings": runs_by_inning,
        "runs": sum(runs or 0 for runs in runs_by_inning),
        "hits": hits,
        "errors": errors,
        "left_on_base": left,
    }


def _batting_line(lineup: Lineup, counts: Counter[str]) -> dict[str, Any]:
    keys = ("ab", "r", "h", "doubles", "triples", "hr", "rbi", "bb", "so", "hbp", "sb", "cs")
    return {
        "slot": lineup.batting_order,
        "player": str(lineup.player_id),
        "name": lineup.player.name,
        "position": lineup.position,
        "substitute": not lineup.is_starter,
        **{key: counts[key] for key in keys},
    }


def _pitching_line(lineup: Lineup, counts: Counter[str]) -> dict[str, Any]:
    keys = ("outs", "h", "r", "er", "bb", "so", "hr", "bf", "inherited", "inherited_scored")
    return {
        "player": str(lineup.player_id),
        "name": lineup.player.name,
        **{key: counts[key] for key in keys},
        "decision": None,
        "ip": innings_pitched(counts["outs"]),
    }


__all__ = ["StandingRow", "game_box_score", "season_batting", "season_pitching", "standings"]
