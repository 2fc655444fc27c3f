"""The playoff picture of a season: who is in (division leaders first, then the best records, up to the season's
`playoff_teams`) and who chases the last spot, and each playoff round's series with their wins so far."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from games.models import GameStatus
from leagues.models import ScheduledGame, Season, SeriesKind, Team
from leagues.schedule_selectors import season_series
from leagues.stats import StandingRow, games_behind

CHASERS = 3
"""Teams shown behind the last playoff spot."""


@dataclass(frozen=True, slots=True)
class Seed:
    seed: int
    row: StandingRow
    division: str
    """The division he leads ("" for a wild card)."""


@dataclass(frozen=True, slots=True)
class Chaser:
    row: StandingRow
    behind: float
    """Games behind the last seed."""


@dataclass(frozen=True, slots=True)
class PlayoffSeries:
    round: int
    away: Team
    home: Team
    away_wins: int
    home_wins: int
    games: int

    @property
    def winner(self) -> Team | None:
        """The team that has won more than half of the series' games, once one has."""
        need = self.games // 2 + 1
        if self.away_wins >= need:
            return self.away
        if self.home_wins >= need:
            return self.home
        return None


@dataclass(frozen=True, slots=True)
class PlayoffPicture:
    seeds: list[Seed]
    chasers: list[Chaser]
    rounds: list[tuple[int, list[PlayoffSeries]]]


def _winner_id(slot: ScheduledGame) -> int | None:
    game = getattr(slot, "game", None)
    if game is not None and game.status in (GameStatus.COMPLETED, GameStatus.FORFEITED):
        if game.status == GameStatus.FORFEITED:
            return game.forfeit_winner_id
        away, home = game.away_score, game.home_score
    elif slot.reported_home_score is not None and slot.reported_away_score is not None:
        away, home = slot.reported_away_score, slot.reported_home_score
    else:
        return None
    if away == home:
        return None
    return slot.home_team_id if home > away else slot.away_team_id


def playoff_picture(*, season: Season, divisions: Sequence[tuple[str, list[StandingRow]]]) -> PlayoffPicture:
    """`season`'s playoff picture from its standings (`leagues.stats.standings_by_division`) and its playoff
    series' results."""
    leaders = {rows[0].team.pk: name for name, rows in divisions if name and rows}
    rows = sorted((row for _, table in divisions for row in table), key=lambda r: (-r.pct, -r.wins, r.team.name))
    ordered = [r for r in rows if r.team.pk in leaders] + [r for r in rows if r.team.pk not in leaders]
    spots = min(season.playoff_teams, len(ordered))
    seeds = [Seed(n, row, leaders.get(row.team.pk, "")) for n, row in enumerate(ordered[:spots], 1)]
    chasers = [Chaser(row, games_behind(seeds[-1].row, row)) for row in ordered[spots : spots + CHASERS] if seeds]
    rounds: dict[int, list[PlayoffSeries]] = {}
    for series in season_series(season).filter(kind=SeriesKind.PLAYOFF):
        slots = list(series.games.all())
        wins = [_winner_id(slot) for slot in slots]
        rounds.setdefault(series.playoff_round or 1, []).append(
            PlayoffSeries(
                round=series.playoff_round or 1,
                away=series.away_team,
                home=series.home_team,
                away_wins=wins.count(series.away_team_id),
                home_wins=wins.count(series.home_team_id),
                games=len(slots),
            )
        )
    return PlayoffPicture(seeds, chasers, sorted(rounds.items()))
