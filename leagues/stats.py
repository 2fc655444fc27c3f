"""Season statistics (RULES.md §13): standings and season batting and pitching over the league's recorded games."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from games.engine.boxscore import innings_pitched
from games.models import Game, GameStatus, PitchingLine, Play
from leagues.models import League, Season, Team
from leagues.selectors import team_list


@dataclass(frozen=True, slots=True)
class StandingRow:
    """One team's record: W-L overall, at home and away, the last games' results oldest first (`last`, "W" or
    "L"), the current streak ("W3"), and games behind the leader of the table it is in."""

    team: Team
    wins: int
    losses: int
    runs_for: int
    runs_against: int
    games_behind: float
    home_wins: int = 0
    home_losses: int = 0
    away_wins: int = 0
    away_losses: int = 0
    last: tuple[str, ...] = ()

    @property
    def pct(self) -> float:
        played = self.wins + self.losses
        return round(self.wins / played, 3) if played else 0.0

    @property
    def run_differential(self) -> int:
        return self.runs_for - self.runs_against

    @property
    def home_record(self) -> str:
        return f"{self.home_wins}-{self.home_losses}"

    @property
    def away_record(self) -> str:
        return f"{self.away_wins}-{self.away_losses}"

    @property
    def last_record(self) -> str:
        return f"{self.last.count('W')}-{self.last.count('L')}"

    @property
    def streak(self) -> str:
        """The current run of wins or losses, e.g. "W3"; "" before any decided game."""
        if not self.last:
            return ""
        latest = self.last[-1]
        run = len(self.last) - len("".join(self.last).rstrip(latest))
        return f"{latest}{run}"


LAST_GAMES = 8


@dataclass
class _Record:
    wins: int = 0
    losses: int = 0
    runs_for: int = 0
    runs_against: int = 0
    home: Counter[str] = field(default_factory=Counter)
    away: Counter[str] = field(default_factory=Counter)
    results: list[str] = field(default_factory=list)

    def add(self, side: str, runs_for: int, runs_against: int) -> None:
        self.runs_for += runs_for
        self.runs_against += runs_against
        if runs_for == runs_against:
            return
        result = "W" if runs_for > runs_against else "L"
        self.wins += result == "W"
        self.losses += result == "L"
        (self.home if side == "home" else self.away)[result] += 1
        self.results.append(result)

    @property
    def pct(self) -> float:
        played = self.wins + self.losses
        return self.wins / played if played else 0.0


def _completed_games(league: League, season: Season | None) -> QuerySet[Game]:
    games = Game.objects.filter(league=league, status=GameStatus.COMPLETED)
    return games.filter(season=season) if season is not None else games


def games_behind(ahead: StandingRow | _Record, team: StandingRow | _Record) -> float:
    """How many games `team` trails `ahead` by: half the difference in wins plus half the difference in losses."""
    return ((ahead.wins - team.wins) + (team.losses - ahead.losses)) / 2


def _rows(records: list[tuple[Team, _Record]], last: int) -> list[StandingRow]:
    records = sorted(records, key=lambda item: (-item[1].pct, -item[1].wins, item[0].abbreviation))
    leader = records[0][1] if records else _Record()
    return [
        StandingRow(
            team=team,
            wins=record.wins,
            losses=record.losses,
            runs_for=record.runs_for,
            runs_against=record.runs_against,
            games_behind=games_behind(leader, record),
            home_wins=record.home["W"],
            home_losses=record.home["L"],
            away_wins=record.away["W"],
            away_losses=record.away["L"],
            last=tuple(record.results[-last:]),
        )
        for team, record in records
    ]


def _records(league: League, season: Season | None) -> list[tuple[Team, _Record]]:
    """Every team of the league (of `season` and season-less teams, when given) with its record over completed
    games (forfeits are not counted), in the order they finished. One query for the games, one for the teams."""
    totals: dict[int, _Record] = defaultdict(_Record)
    games = _completed_games(league, season).order_by("finished_at", "created_at", "pk")
    for home, away, home_score, away_score in games.values_list("home_team", "away_team", "home_score", "away_score"):
        totals[home].add("home", home_score, away_score)
        totals[away].add("away", away_score, home_score)
    teams = team_list().filter(league=league)
    if season is not None:
        teams = teams.filter(Q(season=season) | Q(season__isnull=True) | Q(pk__in=list(totals)))
    return [(team, totals[team.pk]) for team in teams]


def standings(*, league: League, season: Season | None = None, last: int = LAST_GAMES) -> list[StandingRow]:
    """Every team of the league (see `_records`) with W-L, runs for and against, home and away records, the
    last `last` results and the streak, and games behind the leader; best percentage first. Two queries."""
    return _rows(_records(league, season), last)


def standings_by_division(
    *, league: League, season: Season | None = None, last: int = LAST_GAMES
) -> list[tuple[str, list[StandingRow]]]:
    """The standings per division (`Team.division_name`, divisions by name; teams without one together under
    ""), games behind each division's leader. One table under "" when no team has a division."""
    divisions: dict[str, list[tuple[Team, _Record]]] = defaultdict(list)
    for team, record in _records(league, season):
        divisions[team.division_name].append((team, record))
    return [(name, _rows(divisions[name], last)) for name in sorted(divisions)]


def _sum(field: str) -> Coalesce:
    return Coalesce(Sum(field), Value(0), output_field=IntegerField())


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 3) if denominator else 0.0


def _season_plays(league: League, season: Season | None) -> QuerySet[Play]:
    plays = Play.objects.filter(game__league=league, game__status=GameStatus.COMPLETED)
    return plays.filter(game__season=season) if season is not None else plays


# A batting line's counts, summed over plays (walks include intentional walks).
BATTING_SUMS: dict[str, Any] = {
    "pa": _sum("pa"),
    "ab": _sum("ab"),
    "h": _sum("hit"),
    "doubles": _sum("double"),
    "triples": _sum("triple"),
    "hr": _sum("homerun"),
    "bb": Coalesce(Sum(F("bb") + F("ibb")), Value(0), output_field=IntegerField()),
    "so": _sum("so"),
    "hbp": _sum("hbp"),
    "sf": _sum("sf"),
    "rbi": _sum("rbi"),
}


def batting_rates(row: Mapping[str, Any]) -> dict[str, Any]:
    """`row` (the `BATTING_SUMS` counts) with AVG, OBP, SLG and OPS added."""
    singles = row["h"] - row["doubles"] - row["triples"] - row["hr"]
    total_bases = singles + 2 * row["doubles"] + 3 * row["triples"] + 4 * row["hr"]
    on_base = row["h"] + row["bb"] + row["hbp"]
    obp_denominator = row["ab"] + row["bb"] + row["hbp"] + row["sf"]
    obp = on_base / obp_denominator if obp_denominator else 0.0
    slg = total_bases / row["ab"] if row["ab"] else 0.0
    return {
        **row,
        "avg": _ratio(row["h"], row["ab"]),
        "obp": round(obp, 3),
        "slg": round(slg, 3),
        "ops": round(obp + slg, 3),
    }


def season_batting(
    *, league: League, season: Season | None = None, team: Team | None = None, player_id: int | None = None
) -> list[dict[str, Any]]:
    """Per batter over completed games (of `team` / of one player when given): PA AB H 2B 3B HR BB (walks and
    intentional walks) SO HBP SF RBI and AVG OBP SLG OPS; most plate appearances first. One aggregate query."""
    plays = _season_plays(league, season).filter(batter__isnull=False)
    if team is not None:
        plays = plays.filter(batter__team=team)
    if player_id is not None:
        plays = plays.filter(batter__player_id=player_id)
    rows = (
        plays.values(player_id=F("batter__player_id"), player_name=F("batter__player__name"))
        .annotate(**BATTING_SUMS)
        .filter(pa__gt=0)
        .order_by("-pa", "player_name", "player_id")
    )
    return [batting_rates(row) for row in rows]


# A pitching line's counts, summed over box-score lines (`games.models.PitchingLine`).
PITCHING_SUMS: dict[str, Any] = {
    "games": Count("pk"),
    "outs": _sum("outs"),
    "h": _sum("h"),
    "r": _sum("r"),
    "er": _sum("er"),
    "bb": _sum("bb"),
    "so": _sum("so"),
    "hr": _sum("hr"),
    "bf": _sum("bf"),
    "wins": Count("pk", filter=Q(decision="W")),
    "losses": Count("pk", filter=Q(decision="L")),
    "saves": Count("pk", filter=Q(decision="S")),
}


def pitching_rates(row: Mapping[str, Any]) -> dict[str, Any]:
    """`row` (outs, h, er, bb) with IP, ERA (9 innings) and WHIP added; ERA and WHIP are None without an out."""
    outs = row["outs"]
    return {
        **row,
        "ip": innings_pitched(outs),
        "era": round(27 * row["er"] / outs, 2) if outs else None,
        "whip": round(3 * (row["h"] + row["bb"]) / outs, 2) if outs else None,
    }


def season_pitching(
    *, league: League, season: Season | None = None, team: Team | None = None, player_id: int | None = None
) -> list[dict[str, Any]]:
    """Per pitcher over completed games (of `team` / of one player when given), summed from their box scores
    (`games.models.PitchingLine`): games, outs, IP, H, R, ER (runs charged for inherited runners, earned as the
    engine reconstructs them), BB (with intentional), K, HR, batters faced, W, L, S, ERA (9 innings) and WHIP;
    most outs first. One aggregate query."""
    lines = PitchingLine.objects.filter(game__league=league, game__status=GameStatus.COMPLETED)
    if season is not None:
        lines = lines.filter(game__season=season)
    if team is not None:
        lines = lines.filter(lineup__team=team)
    if player_id is not None:
        lines = lines.filter(lineup__player_id=player_id)
    rows = (
        lines.values(player_id=F("lineup__player_id"), player_name=F("lineup__player__name"))
        .annotate(**PITCHING_SUMS)
        .filter(bf__gt=0)
        .order_by("-outs", "player_name", "player_id")
    )
    return [pitching_rates(row) for row in rows]


# Leaders: (the stat's key in the season lines, its label, higher is better, needs a qualifier).
BATTING_LEADERS = (
    ("avg", "AVG", True, True),
    ("hr", "HR", True, False),
    ("rbi", "RBI", True, False),
    ("ops", "OPS", True, True),
)
PITCHING_LEADERS = (
    ("era", "ERA", False, True),
    ("whip", "WHIP", False, True),
    ("so", "K", True, False),
    ("saves", "SV", True, False),
)
PA_PER_TEAM_GAME = 3.1
OUTS_PER_TEAM_GAME = 3  # one inning pitched per team game


@dataclass(frozen=True, slots=True)
class Leader:
    player_id: int
    player_name: str
    value: float | int
    line: dict[str, Any]

    @property
    def display(self) -> str:
        """.312 and .845 (AVG, OPS), 3.25 (ERA, WHIP), 12 (counts)."""
        if isinstance(self.value, int):
            return str(self.value)
        if self.line.get("ab") is not None:  # a batting rate
            text = f"{self.value:.3f}"
            return text[1:] if text.startswith("0") else text
        return f"{self.value:.2f}"


@dataclass(frozen=True, slots=True)
class LeaderBoard:
    key: str
    label: str
    leaders: list[Leader]
    qualifier: str


def season_leaders(*, league: League, season: Season | None = None, limit: int = 5) -> list[LeaderBoard]:
    """The top `limit` in AVG, HR, RBI, OPS (batting) and ERA, WHIP, K, SV (pitching), from `season_batting`
    and `season_pitching`. Rate stats need a qualifier, over the most games any team has played (team games):
    3.1 plate appearances per team game for AVG and OPS, one inning pitched per team game for ERA and WHIP.
    Ties go to the player with more PA (batting) or outs (pitching), then by name; zero counts are left out."""
    team_games = max((row.wins + row.losses for row in standings(league=league, season=season)), default=0)
    min_pa = int(PA_PER_TEAM_GAME * team_games + 0.999)
    min_outs = OUTS_PER_TEAM_GAME * team_games
    min_ip = innings_pitched(min_outs)
    boards = []
    for lines, categories, volume, minimum, shown in (
        (season_batting(league=league, season=season), BATTING_LEADERS, "pa", min_pa, f"{min_pa} PA"),
        (season_pitching(league=league, season=season), PITCHING_LEADERS, "outs", min_outs, f"{min_ip} IP"),
    ):
        for key, label, higher, rate in categories:
            eligible = [line for line in lines if line[key] is not None]
            if rate:
                eligible = [line for line in eligible if line[volume] >= minimum]
            else:
                eligible = [line for line in eligible if line[key] > 0]
            sign = -1 if higher else 1
            eligible.sort(key=lambda line: (sign * line[key], -line[volume], line["player_name"]))
            qualifier = f"at least {shown}" if rate else ""
            leaders = [Leader(line["player_id"], line["player_name"], line[key], line) for line in eligible[:limit]]
            boards.append(LeaderBoard(key, label, leaders, qualifier))
    return boards
