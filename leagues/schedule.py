"""Season schedules: a round-robin generated here, or a league's schedule imported from its API (SBA-4).

A season's schedule is weeks of `Series` (two teams, a host, N `ScheduledGame`s). Generated schedules follow the
SBA way: the series' host is home in every game of it, and each team plays one series a week (or sits out when
the number of teams is odd).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import transaction
from django.db.models import Q

from leagues.league_api.client import LeagueApiError, SbaApi
from leagues.league_api.records import ImportProblem, Severity
from leagues.league_api.sba_schedule import SbaGameRecord, parse_sba_games
from leagues.models import ScheduledGame, Season, Series, SeriesKind, Team

T = TypeVar("T")


class ScheduleError(ValueError):
    """A schedule that cannot be made as asked; `errors` by field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors


def round_robin(teams: Sequence[T], meetings: int = 1) -> list[list[tuple[T, T]]]:
    """Weeks of (home, away) pairings in which every pair of `teams` meets `meetings` times, each team at most
    once a week (the circle method; with an odd number of teams one sits out each week).

    Balance: a team's home and away series differ by at most one (none when `meetings` is even, or when the
    number of teams is odd), and a pair's meetings alternate hosts, so they differ by at most one too.

    >>> round_robin(["A", "B", "C", "D"])
    [[('A', 'D'), ('B', 'C')], [('C', 'A'), ('D', 'B')], [('A', 'B'), ('C', 'D')]]
    """
    slots: list[T | None] = list(teams)
    if len(slots) % 2:
        slots.insert(0, None)  # the fixed slot is the bye, so every real team rotates
    size = len(slots)
    weeks: list[list[tuple[T, T]]] = []
    for cycle in range(meetings):
        rotating = slots[1:]
        for week_index in range(size - 1):
            order = [slots[0], *rotating]
            week: list[tuple[T, T]] = []
            for index in range(size // 2):
                first, second = order[index], order[size - 1 - index]
                first_hosts = week_index % 2 == 0 if index == 0 else index % 2 == 1
                if cycle % 2:
                    first_hosts = not first_hosts
                home, away = (first, second) if first_hosts else (second, first)
                if home is not None and away is not None:
                    week.append((home, away))
            weeks.append(week)
            rotating = rotating[-1:] + rotating[:-1]
    return weeks


@transaction.atomic
def schedule_generate(
    *, season: Season, teams: Sequence[Team], meetings: int = 1, series_length: int = 3, first_week: int = 1
) -> list[Series]:
    """Writes a round-robin regular season for `teams` from `first_week` (see `round_robin`): `meetings`
    series per pair of `series_length` games, the host home in each. Raises ScheduleError for fewer than two
    teams, a team of another league, a count out of range, or weeks that already have series."""
    errors: dict[str, str] = {}
    if len({team.pk for team in teams}) != len(teams) or len(teams) < 2:
        errors["teams"] = "a schedule needs at least two different teams"
    if any(team.league_id != season.league_id for team in teams):
        errors["teams"] = f"every team must be one of {season.league}'s"
    if not 1 <= meetings <= 20:
        errors["meetings"] = "must be between 1 and 20"
    if not 1 <= series_length <= 7:
        errors["series_length"] = "must be between 1 and 7"
    if first_week < 1:
        errors["first_week"] = "must be 1 or more"
    if errors:
        raise ScheduleError(errors)
    weeks = round_robin(list(teams), meetings)
    last_week = first_week + len(weeks) - 1
    if season.series.filter(week__gte=first_week, week__lte=last_week).exists():
        raise ScheduleError({"first_week": f"weeks {first_week}-{last_week} of {season} already have series"})
    created: list[Series] = []
    for offset, pairings in enumerate(weeks):
        for home, away in pairings:
            series = Series.objects.create(season=season, week=first_week + offset, home_team=home, away_team=away)
            ScheduledGame.objects.bulk_create(
                ScheduledGame(series=series, number=number, home_team=home, away_team=away)
                for number in range(1, series_length + 1)
            )
            created.append(series)
    if season.current_week is None:
        season.current_week = first_week
        season.save(update_fields=["current_week"])
    return created


DEMO_MEETINGS = 2
DEMO_SERIES_LENGTH = 3


def schedule_demo(*, season: Season) -> int:
    """The demo season's schedule: every pair of the league's teams meets twice in 3-game series (see
    `schedule_generate`), the season starting in week 1. Does nothing when the season already has series, so
    loading the demo again changes nothing. Returns the number of series written."""
    if season.series.exists():
        return 0
    teams = list(Team.objects.filter(league=season.league).filter(Q(season=season) | Q(season__isnull=True)))
    if len(teams) < 2:
        return 0
    teams.sort(key=lambda team: team.abbreviation)
    return len(schedule_generate(season=season, teams=teams, meetings=DEMO_MEETINGS, series_length=DEMO_SERIES_LENGTH))


def season_advance_week(*, season: Season) -> Season:
    """Moves the season's current week on by one (to week 1 when it tracks none yet)."""
    season.current_week = (season.current_week or 0) + 1
    season.save(update_fields=["current_week"])
    return season


# -- import from the league API ----------------------------------------------------------------------------------


@dataclass
class ScheduleImportReport:
    """What one import wrote, and each problem by the league's game id and field (those rows were skipped)."""

    created: int = 0
    updated: int = 0
    series: int = 0
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[ImportProblem]:
        return [problem for problem in self.problems if problem.severity is Severity.ERROR]


def _number_rows(rows: list[SbaGameRecord]) -> list[tuple[int, SbaGameRecord]]:
    """Game numbers for one series' rows: the claimed ones keep `game_num`; unclaimed rows (interchangeable, per
    SBA-4) take the free numbers in id order."""
    taken = {row.game_num for row in rows if row.game_num is not None}
    free = iter(number for number in range(1, len(rows) + len(taken) + 1) if number not in taken)
    numbered = [(row.game_num, row) for row in rows if row.game_num is not None]
    numbered += [(next(free), row) for row in sorted(rows, key=lambda r: r.id) if row.game_num is None]
    return sorted(numbered, key=lambda item: item[0])


def _playoff_round(week: int, first_playoff_week: int | None) -> int | None:
    return None if first_playoff_week is None else week - first_playoff_week + 1


@transaction.atomic
def _write_week(season: Season, rows: Iterable[SbaGameRecord], report: ScheduleImportReport) -> None:
    teams = {team.external_id: team for team in Team.objects.filter(league=season.league).exclude(external_id="")}
    by_series: dict[tuple[int, frozenset[int]], list[SbaGameRecord]] = defaultdict(list)
    for row in rows:
        problem = None
        if row.season != season.number:
            problem = ("season", f"is {row.season}, not {season.number}")
        for key, team_id in (("away_team", row.away_team_id), ("home_team", row.home_team_id)):
            if str(team_id) not in teams:
                problem = (f"{key}.id", f"team {team_id} is not a team of {season.league}")
        if problem is not None:
            report.problems.append(ImportProblem("sba.games", str(row.id), *problem))
            continue
        by_series[(row.week, frozenset((row.away_team_id, row.home_team_id)))].append(row)
    playoff_weeks = [week for (week, _), series in by_series.items() if any(row.is_playoff for row in series)]
    first_playoff_week = min(playoff_weeks, default=None)
    for (week, _), series_rows in by_series.items():
        first = min(series_rows, key=lambda r: (r.game_num or 99, r.id))
        home, away = teams[str(first.home_team_id)], teams[str(first.away_team_id)]
        playoff = any(row.is_playoff for row in series_rows)
        ids = [str(row.id) for row in series_rows]
        series_row = Series.objects.filter(season=season, week=week, games__external_id__in=ids).first()
        series_row = (
            series_row
            or Series.objects.filter(
                season=season, week=week, home_team__in=[home, away], away_team__in=[home, away]
            ).first()
        )
        if series_row is None:
            series_row = Series(season=season, week=week)
            report.series += 1
        series_row.home_team, series_row.away_team = home, away
        series_row.kind = SeriesKind.PLAYOFF if playoff else SeriesKind.REGULAR
        series_row.playoff_round = _playoff_round(week, first_playoff_week) if playoff else None
        series_row.save()
        existing = {game.external_id: game for game in series_row.games.all()}
        # Numbers are reassigned from scratch: park the old ones out of the way of the unique constraint.
        for offset, parked in enumerate(existing.values(), 1):
            parked.number = 100 + offset
            parked.save(update_fields=["number"])
        for number, row in _number_rows(series_rows):
            game = existing.pop(str(row.id), None)
            if game is None:
                game = ScheduledGame(series=series_row, external_id=str(row.id))
                report.created += 1
            else:
                report.updated += 1
            game.number = number
            game.home_team, game.away_team = teams[str(row.home_team_id)], teams[str(row.away_team_id)]
            game.reported_away_score, game.reported_home_score = row.away_score, row.home_score
            game.save()
        for stale in existing.values():  # a row the league no longer has this week, and nothing played it
            if not hasattr(stale, "game"):
                stale.delete()


def schedule_import_sba(*, season: Season, api: SbaApi, weeks: Iterable[int]) -> ScheduleImportReport:
    """Imports `weeks` of an SBA season's schedule (`GET games?season=&week=`): one series per week and pair of
    teams, game numbers from `game_num` (unclaimed rows numbered after), results the league reported kept as
    `reported_*_score`. Idempotent by the league's game id. A bad row (a field that does not parse, a team not
    in the league) is reported by its id and field and skipped; the rest is imported. A week whose request
    fails is reported and skipped."""
    report = ScheduleImportReport()
    for week in weeks:
        try:
            payload = api.games(season.number, week)
        except LeagueApiError as exc:
            report.problems.append(ImportProblem("sba.games", None, f"week {week}", str(exc)))
            continue
        batch = parse_sba_games(payload)
        report.problems.extend(batch.problems)
        _write_week(season, batch.records, report)
    return report
