"""Reads of availability between games: who may play in a team's scheduled game, a team's injured and resting
players, and a finished game's rest and injury lines for the league (SBA-7 rest fields, SBA-9 injuries).

The rules are the engine's (`games.engine.availability`); this module reads their record: the team's schedule in
order (`team_schedule`), the pitching lines of the completed games that played it, and the injuries written when
they finished (`leagues.models.Injury`). Nothing is stored that the schedule and the recorded games already say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Q

from games.engine.availability import (
    Absence,
    AbsenceKind,
    InjuryOut,
    Outing,
    absences_at,
    outing_rests,
    slot_code,
    week_game_at,
    week_games,
)
from games.models import FINISHED_STATUSES, Game, PitchingLine
from leagues.models import Injury, ScheduledGame, Season, Team
from leagues.schedule_selectors import season_current
from players.models import Player

AVAILABLE = "available"


@dataclass(frozen=True)
class TeamSchedule:
    """A team's scheduled games of one season in order (week, then series, then number), each one's (week, game
    of the team's week), and the finished games that played them, by schedule index."""

    team: Team
    season: Season
    slots: tuple[ScheduledGame, ...]
    dates: tuple[tuple[int, int], ...]
    played: dict[int, Game]

    def index_of(self, scheduled: ScheduledGame) -> int:
        return next(index for index, slot in enumerate(self.slots) if slot.pk == scheduled.pk)

    def index_of_game(self, game: Game) -> int | None:
        """The schedule index `game` (finished) played, None when it played none of this team's."""
        return next((index for index, played in self.played.items() if played.pk == game.pk), None)

    def code(self, index: int) -> str:
        """`w08g3`: the week and game of schedule `index` (past the schedule, as the league would count on)."""
        return slot_code(*week_game_at(self.dates, index))

    def words(self, index: int) -> str:
        week, game = week_game_at(self.dates, index)
        return f"week {week} game {game}"

    @property
    def next_index(self) -> int:
        """The first game not played, started or reported (past the end when every one is)."""
        taken = {slot.pk for slot in self.slots if slot.reported_home_score is not None}
        taken |= set(Game.objects.filter(scheduled__in=self.slots).values_list("scheduled_id", flat=True))
        return next((index for index, slot in enumerate(self.slots) if slot.pk not in taken), len(self.slots))

    @cached_property
    def record(self) -> tuple[list[Outing], list[InjuryOut]]:
        """The team's outings (completed games' pitching lines; a starter is the starting P) and injuries."""
        index_of_game = {game.pk: index for index, game in self.played.items()}
        lines = PitchingLine.objects.filter(game_id__in=index_of_game, lineup__team=self.team).values_list(
            "game_id", "lineup__player_id", "outs", "lineup__is_starter", "lineup__position"
        )
        outings = [
            Outing(index_of_game[game_id], player_id, outs, is_starter and position == "P")
            for game_id, player_id, outs, is_starter, position in lines
        ]
        hurt = Injury.objects.filter(game_id__in=index_of_game, team=self.team).values_list(
            "game_id", "player_id", "games"
        )
        return outings, [InjuryOut(index_of_game[game_id], player_id, games) for game_id, player_id, games in hurt]

    def absences(self, index: int) -> dict[int, Absence]:
        """Who cannot play in the team's game at schedule `index`, by player id."""
        outings, injuries = self.record
        return absences_at(
            index, outings=outings, injuries=injuries, rule=self.season.league.rule_options().rest_rule()
        )

    def reason(self, absence: Absence) -> str:
        """ "rests until week 8 game 2" or "injured, returns w08g3"."""
        if absence.kind is AbsenceKind.INJURED:
            return f"injured, returns {self.code(absence.returns)}"
        return f"rests until {self.words(absence.returns)}"


def team_schedule(team: Team, season: Season) -> TeamSchedule:
    slots = tuple(
        ScheduledGame.objects.filter(Q(home_team=team) | Q(away_team=team), series__season=season)
        .select_related("series")
        .order_by("series__week", "series_id", "number")
    )
    played = Game.objects.filter(scheduled__in=slots, status__in=FINISHED_STATUSES)
    by_slot = {game.scheduled_id: game for game in played}
    return TeamSchedule(
        team=team,
        season=season,
        slots=slots,
        dates=tuple(week_games([slot.series.week for slot in slots])),
        played={index: by_slot[slot.pk] for index, slot in enumerate(slots) if slot.pk in by_slot},
    )


def unavailable_for_slot(team: Team, scheduled: ScheduledGame) -> dict[int, str]:
    """The players of `team` who cannot play in its scheduled game `scheduled`, by player id, with the reason."""
    schedule = team_schedule(team, scheduled.series.season)
    return {
        player: schedule.reason(absence) for player, absence in schedule.absences(schedule.index_of(scheduled)).items()
    }


def game_unavailable(game: Game, team: Team) -> dict[int, str]:
    """The players of `team` who cannot play in `game`: those resting or hurt at its scheduled slot (a game
    outside the schedule carries nothing)."""
    if game.scheduled_id is None:
        return {}
    scheduled = ScheduledGame.objects.select_related("series__season__league").get(pk=game.scheduled_id)
    return unavailable_for_slot(team, scheduled)


@dataclass(frozen=True)
class PlayerAvailability:
    """A rostered player at his team's next scheduled game: `status` available, rest or injured; `reason` as the
    lineup builder says it; `returns` the `w##g#` of the game he may play again (empty when available)."""

    player: Player
    status: str
    reason: str
    returns: str


def availability_for_team(team: Team) -> list[PlayerAvailability]:
    """Every player on `team`'s roster, by name, as of its next scheduled game of its season (the league's
    current one for a team without a season); everyone is available without a schedule."""
    season = team.season or season_current(team.league)
    players = list(Player.objects.filter(team=team).order_by("name", "pk"))
    absences: dict[int, Absence] = {}
    schedule = team_schedule(team, season) if season is not None else None
    if schedule is not None and schedule.slots:
        absences = schedule.absences(schedule.next_index)
    rows = []
    for player in players:
        absence = absences.get(player.pk)
        if absence is None or schedule is None:
            rows.append(PlayerAvailability(player, AVAILABLE, "", ""))
        else:
            rows.append(
                PlayerAvailability(player, absence.kind.value, schedule.reason(absence), schedule.code(absence.returns))
            )
    return rows


# -- a finished game's lines for the league ----------------------------------------------------------------------


def _league_id(external_id: str, pk: int) -> Any:
    """A player's or team's id in the league's API (an int when it is one), our id without one."""
    if external_id.isdigit():
        return int(external_id)
    return external_id or pk


def innings_notation(outs: int) -> float:
    """Innings as a box score writes them: 6.1 is six and a third.

    >>> innings_notation(19), innings_notation(6)
    (6.1, 2.0)
    """
    return outs // 3 + (outs % 3) / 10


def _schedules(game: Game) -> list[TeamSchedule]:
    if game.scheduled_id is None or game.season_id is None:
        return []
    season = Season.objects.select_related("league").get(pk=game.season_id)
    return [team_schedule(team, season) for team in (game.away_team, game.home_team)]


def game_rest_lines(game: Game) -> list[dict[str, Any]]:
    """The rest each pitcher of a completed scheduled game needs, in the fields of the league's decisions (SBA-7:
    `rest_ip`, `is_start`, `base_rest`, `extra_rest`, `rest_required`), keyed by `pitcher_id` and `team_id`
    (league ids). Empty for a game outside the schedule or a league without rest."""
    lines: list[dict[str, Any]] = []
    for schedule in _schedules(game):
        rule = schedule.season.league.rule_options().rest_rule()
        index = schedule.index_of_game(game)
        if rule is None or index is None:
            continue
        outings, _ = schedule.record
        players = {p.pk: p for p in Player.objects.filter(pk__in=[o.player for o in outings if o.index == index])}
        for outing, rest in outing_rests(outings, rule):
            if outing.index != index:
                continue
            player = players[outing.player]
            lines.append(
                {
                    "pitcher_id": _league_id(player.external_id, player.pk),
                    "team_id": _league_id(schedule.team.external_id, schedule.team.pk),
                    "rest_ip": innings_notation(outing.outs),
                    "is_start": outing.started,
                    "base_rest": rest.base,
                    "extra_rest": rest.extra,
                    "rest_required": rest.required,
                }
            )
    return lines


def game_injury_rows(game: Game) -> list[dict[str, Any]]:
    """The injuries of a finished scheduled game as the league's injury rows (SBA-9 POST): the first game missed
    (`start_*`, the team's next game) and the game he may play again (`end_*`), `w##g#` as `il_return`."""
    rows: list[dict[str, Any]] = []
    for schedule in _schedules(game):
        index = schedule.index_of_game(game)
        if index is None:
            continue
        hurt = Injury.objects.filter(game=game, team=schedule.team).select_related("player").order_by("player__name")
        for injury in hurt:
            (start_week, start_game), (end_week, end_game) = (
                week_game_at(schedule.dates, index + 1),
                week_game_at(schedule.dates, index + injury.games + 1),
            )
            rows.append(
                {
                    "season": schedule.season.number,
                    "player_id": _league_id(injury.player.external_id, injury.player.pk),
                    "total_games": injury.games,
                    "start_week": start_week,
                    "start_game": start_game,
                    "end_week": end_week,
                    "end_game": end_game,
                    "is_active": True,
                    "il_return": slot_code(end_week, end_game),
                }
            )
    return rows


def injured_list_dates(injuries: Sequence[Injury]) -> dict[int, tuple[str, str]]:
    """The `w##g#` of the game each injury happened in and of the game he returns, by injury id (one schedule
    read per team and season)."""
    schedules: dict[tuple[int, int], TeamSchedule] = {}
    dates: dict[int, tuple[str, str]] = {}
    for injury in injuries:
        game = injury.game
        if game.season is None:
            continue
        key = (injury.team_id, game.season.pk)
        if key not in schedules:
            schedules[key] = team_schedule(injury.team, game.season)
        schedule = schedules[key]
        index = schedule.index_of_game(game)
        if index is not None:
            dates[injury.pk] = (schedule.code(index), schedule.code(index + injury.games + 1))
    return dates
