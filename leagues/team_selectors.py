"""Reads behind a team's page: its roster (with each player's availability), its schedule and results, and its
season batting and pitching lines (from the recorded games, `leagues.stats`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from games.models import FINISHED_STATUSES, GameStatus
from leagues.availability import AVAILABLE, availability_for_team
from leagues.models import ScheduledGame, Season, Team
from leagues.schedule_selectors import scheduled_games
from leagues.stats import season_batting, season_pitching
from players.models import Player


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One player of a team: name, eligible positions, batting side and throwing hand (from his first card), and
    why he cannot play now ("" when he can, or when availability is not known)."""

    player: Player
    positions: str
    bats: str
    throws: str
    availability: str = ""


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """One scheduled game from the team's side: the opponent, home or away, and the result when played
    ("W 5-3"; "" before it is played)."""

    slot: ScheduledGame
    opponent: Team
    home: bool
    result: str

    @property
    def game(self) -> Any:
        return getattr(self.slot, "game", None)


@dataclass(frozen=True, slots=True)
class TeamSeason:
    team: Team
    season: Season | None
    roster: list[RosterRow]
    schedule: list[ScheduleRow]
    batting: list[dict[str, Any]]
    pitching: list[dict[str, Any]]

    @property
    def shows_availability(self) -> bool:
        return any(row.availability for row in self.roster)


def team_roster(team: Team) -> list[RosterRow]:
    """The team's players by name, with why each cannot play in the team's next scheduled game
    (`leagues.availability.availability_for_team`: rest and injuries carried from the games played)."""
    unavailable = {row.player.pk: row.reason for row in availability_for_team(team) if row.status != AVAILABLE}
    rows = []
    for player in Player.objects.filter(team=team).prefetch_related("cards").order_by("name", "pk"):
        cards = list(player.cards.all())
        card = cards[0] if cards else None
        rows.append(
            RosterRow(
                player=player,
                positions=" ".join(player.positions),
                bats=card.bat_hand if card else "",
                throws=card.throw_hand if card else "",
                availability=unavailable.get(player.pk, ""),
            )
        )
    return rows


def _result(slot: ScheduledGame, home: bool) -> str:
    game = getattr(slot, "game", None)
    if game is not None and game.status == GameStatus.FORFEITED:
        won = game.forfeit_winner_id == (slot.home_team_id if home else slot.away_team_id)
        return "W (forfeit)" if won else "L (forfeit)"
    if game is not None and game.status in FINISHED_STATUSES:
        ours, theirs = (game.home_score, game.away_score) if home else (game.away_score, game.home_score)
    elif slot.reported_home_score is not None and slot.reported_away_score is not None:
        ours, theirs = (
            (slot.reported_home_score, slot.reported_away_score)
            if home
            else (slot.reported_away_score, slot.reported_home_score)
        )
    else:
        return ""
    mark = "W" if ours > theirs else "L" if ours < theirs else "T"
    return f"{mark} {ours}-{theirs}"


def team_schedule_rows(team: Team, season: Season) -> list[ScheduleRow]:
    """The team's scheduled games of `season`, by week and game number, with their results. One query (plus the
    series' games, prefetched)."""
    slots = scheduled_games(season).filter(Q(home_team=team) | Q(away_team=team))
    rows = []
    for slot in slots:
        home = slot.home_team_id == team.pk
        rows.append(ScheduleRow(slot, slot.away_team if home else slot.home_team, home, _result(slot, home)))
    return rows


def team_season(team: Team, season: Season | None) -> TeamSeason:
    """Everything a team's page shows for `season` (its schedule only when a season is given)."""
    return TeamSeason(
        team=team,
        season=season,
        roster=team_roster(team),
        schedule=team_schedule_rows(team, season) if season is not None else [],
        batting=season_batting(league=team.league, season=season, team=team),
        pitching=season_pitching(league=team.league, season=season, team=team),
    )
