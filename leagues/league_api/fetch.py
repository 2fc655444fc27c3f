"""Fetch-and-parse: everything one import needs from a league, as records and problems, without Django.

A missing resource (`LeagueApiNotFound`) is a problem about that record (or, for a card a player does not have,
nothing at all); any other `LeagueApiError` means the league is unreachable and propagates, so an import stops
instead of recording a whole league as missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from .client import LeagueApiNotFound, PdApi, SbaApi
from .pd_parsing import parse_pd_batting_ratings, parse_pd_card_positions, parse_pd_pitching_ratings, parse_pd_player
from .records import (
    ImportProblem,
    ParseBatch,
    PdBattingCardRecord,
    PdPitchingCardRecord,
    PdPlayerRecord,
    PdPositionRecord,
    RosterWhich,
    SbaPlayerRecord,
    SbaRosterRecord,
    SbaTeamRecord,
    Severity,
)
from .sba_parsing import parse_sba_players, parse_sba_roster, parse_sba_teams

T = TypeVar("T")


@dataclass(frozen=True)
class PdPlayerFetch:
    """One PD player with its cards and positions; `player` is None when the player itself could not be read."""

    player_id: int
    player: PdPlayerRecord | None
    batting_cards: tuple[PdBattingCardRecord, ...] = ()
    pitching_cards: tuple[PdPitchingCardRecord, ...] = ()
    positions: tuple[PdPositionRecord, ...] = ()
    problems: tuple[ImportProblem, ...] = ()
    positions_complete: bool = False
    """The positions resource was there and all good: positions it lacks are gone from the card."""


def _part(
    fetch: Callable[[], Any],
    parse: Callable[[Any, str], ParseBatch[T]],
    source: str,
    player_id: int,
    owner: Callable[[T], int],
) -> tuple[ParseBatch[T], bool]:
    """One resource of a player, parsed; records of another player are dropped and reported. The flag says the
    resource was there and every record in it was good (so what it lacks, the player does not have)."""
    try:
        batch = parse(fetch(), source)
    except LeagueApiNotFound:
        return ParseBatch(), False
    strays = [
        ImportProblem(source, str(owner(record)), "player", f"belongs to player {owner(record)}, not {player_id}")
        for record in batch.records
        if owner(record) != player_id
    ]
    kept = tuple(record for record in batch.records if owner(record) == player_id)
    return ParseBatch(kept, (*batch.problems, *strays)), not batch.errors and not strays


def fetch_pd_player(api: PdApi, player_id: int) -> PdPlayerFetch:
    """Player, batting and pitching cards (either may be absent) and card positions of one PD player."""
    source = f"pd players/{player_id}"
    try:
        player = parse_pd_player(api.player(player_id), source)
    except LeagueApiNotFound as exc:
        return PdPlayerFetch(player_id, None, problems=(ImportProblem(source, str(player_id), None, str(exc)),))
    if isinstance(player, list):
        return PdPlayerFetch(player_id, None, problems=tuple(player))
    batting, _ = _part(
        partial(api.batting_ratings, player_id),
        parse_pd_batting_ratings,
        f"pd battingcardratings/player/{player_id}",
        player_id,
        lambda card: card.player_id,
    )
    pitching, _ = _part(
        partial(api.pitching_ratings, player_id),
        parse_pd_pitching_ratings,
        f"pd pitchingcardratings/player/{player_id}",
        player_id,
        lambda card: card.player_id,
    )
    positions, positions_complete = _part(
        partial(api.card_positions, player_id),
        parse_pd_card_positions,
        f"pd cardpositions?player_id={player_id}",
        player_id,
        lambda row: row.player_id,
    )
    problems = (*batting.problems, *pitching.problems, *positions.problems)
    if not batting.records and not pitching.records:
        problems += (
            ImportProblem(source, str(player_id), None, "player has no batting or pitching card", Severity.NOTE),
        )
    return PdPlayerFetch(
        player_id, player, batting.records, pitching.records, positions.records, problems, positions_complete
    )


def iter_pd_players(api: PdApi, player_ids: Iterable[int]) -> Iterator[PdPlayerFetch]:
    for player_id in player_ids:
        yield fetch_pd_player(api, player_id)


@dataclass(frozen=True)
class SbaSeasonFetch:
    """One SBA season: its teams, players and (when asked for) current rosters."""

    season: int
    teams: tuple[SbaTeamRecord, ...]
    players: tuple[SbaPlayerRecord, ...]
    rosters: tuple[SbaRosterRecord, ...] = ()
    problems: tuple[ImportProblem, ...] = field(default=())


def _roster(api: SbaApi, team_id: int) -> ParseBatch[SbaRosterRecord]:
    source = f"sba teams/{team_id}/roster/{RosterWhich.CURRENT}"
    try:
        payload = api.roster(team_id, RosterWhich.CURRENT)
    except LeagueApiNotFound:
        return ParseBatch((), (ImportProblem(source, str(team_id), None, "no current roster", Severity.NOTE),))
    return parse_sba_roster(payload, team_id, source)


def fetch_sba_season(api: SbaApi, season: int, *, rosters: bool = False) -> SbaSeasonFetch:
    """Teams and players of `season`; a player of another season, or on a team not in the list, is reported."""
    teams = parse_sba_teams(api.teams(season), f"sba teams?season={season}")
    players = parse_sba_players(api.players(season), f"sba players?season={season}")
    team_ids = {team.id for team in teams.records}
    problems = [*teams.problems, *players.problems]
    kept: list[SbaPlayerRecord] = []
    for player in players.records:
        source = f"sba players?season={season}"
        if player.season not in (None, season):
            problems.append(ImportProblem(source, str(player.id), "season", f"is {player.season}, not {season}"))
        elif player.team_id is not None and player.team_id not in team_ids:
            problems.append(
                ImportProblem(source, str(player.id), "team", f"team {player.team_id} is not in season {season}")
            )
        else:
            kept.append(player)
    roster_records: list[SbaRosterRecord] = []
    for team in teams.records if rosters else ():
        batch = _roster(api, team.id)
        roster_records.extend(batch.records)
        problems.extend(batch.problems)
    return SbaSeasonFetch(season, teams.records, tuple(kept), tuple(roster_records), tuple(problems))
