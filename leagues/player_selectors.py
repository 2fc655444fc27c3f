"""Reads behind a player's page: his season lines, his game log (one row per completed game with his line) and
his splits, batting against left- and right-handed pitchers and pitching against left- and right-handed batters.
All from the recorded plays and box-score lines of completed games (`leagues.stats`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet

from games.engine.cards import batting_side
from games.engine.enums import Hand
from games.models import Game, GameStatus, PitchingLine, Play
from leagues.models import League, Season
from leagues.stats import BATTING_SUMS, batting_rates, pitching_rates, season_batting, season_pitching
from players.models import Player

HANDS = (Hand.LEFT.value, Hand.RIGHT.value)
BATTING_COUNTS = tuple(BATTING_SUMS)


@dataclass(frozen=True, slots=True)
class LogRow:
    """One completed game from the player's side: its date, his team, the opponent, home or away, the final
    ("W 5-3") and his line in it."""

    game: Game
    team: str
    opponent: str
    home: bool
    result: str
    line: dict[str, Any]


@dataclass(frozen=True, slots=True)
class PlayerSeason:
    player: Player
    season: Season | None
    batting: dict[str, Any] | None
    pitching: dict[str, Any] | None
    batting_log: list[LogRow]
    pitching_log: list[LogRow]
    batting_splits: list[tuple[str, dict[str, Any]]]
    pitching_splits: list[tuple[str, dict[str, Any]]]


def _completed_plays(league: League, season: Season | None) -> QuerySet[Play]:
    plays = Play.objects.filter(game__league=league, game__status=GameStatus.COMPLETED)
    return plays.filter(game__season=season) if season is not None else plays


def _log_rows(rows: Iterable[tuple[Any, int, dict[str, Any]]]) -> list[LogRow]:
    """(game id, the player's team id, line) -> log rows, oldest game first. One query for the games."""
    rows = list(rows)
    games = Game.objects.select_related("home_team", "away_team").in_bulk([game_id for game_id, _, _ in rows])
    log = []
    for game_id, team_id, line in rows:
        game = games[game_id]
        home = game.home_team_id == team_id
        ours, theirs = (game.home_score, game.away_score) if home else (game.away_score, game.home_score)
        mark = "W" if ours > theirs else "L" if ours < theirs else "T"
        team, opponent = (game.home_team, game.away_team) if home else (game.away_team, game.home_team)
        log.append(LogRow(game, team.abbreviation, opponent.abbreviation, home, f"{mark} {ours}-{theirs}", line))
    log.sort(key=lambda row: (row.game.finished_at or row.game.created_at, str(row.game.pk)))
    return log


def player_batting_log(player: Player, season: Season | None) -> list[LogRow]:
    """His batting line in each completed game he came to the plate in. Two queries."""
    rows = (
        _completed_plays(player.league, season)
        .filter(batter__player=player)
        .values("game_id", team_id=F("batter__team_id"))
        .annotate(**BATTING_SUMS)
        .filter(pa__gt=0)
        .order_by()
    )
    return _log_rows((row["game_id"], row["team_id"], batting_rates(row)) for row in rows)


def player_pitching_log(player: Player, season: Season | None) -> list[LogRow]:
    """His box-score pitching line (W/L/S, earned runs) in each completed game he pitched in. Two queries."""
    lines = PitchingLine.objects.filter(
        game__league=player.league, game__status=GameStatus.COMPLETED, lineup__player=player, bf__gt=0
    )
    if season is not None:
        lines = lines.filter(game__season=season)
    counts = ("outs", "h", "r", "er", "bb", "so", "hr", "bf", "decision")
    rows = lines.values("game_id", *counts, team_id=F("lineup__team_id"))
    return _log_rows((row.pop("game_id"), row.pop("team_id"), pitching_rates(row)) for row in rows)


def _split_rows(totals: Mapping[str, Mapping[str, Any]], label: str) -> list[tuple[str, dict[str, Any]]]:
    return [(f"vs {hand}{label}", batting_rates(totals[hand])) for hand in HANDS if hand in totals]


def player_batting_splits(player: Player, season: Season | None) -> list[tuple[str, dict[str, Any]]]:
    """His batting against left- and right-handed pitchers ("vs LHP", "vs RHP"; a hand without a plate
    appearance is left out). One query."""
    rows = (
        _completed_plays(player.league, season)
        .filter(batter__player=player, pa__gt=0)
        .values(hand=F("pitcher__card__throw_hand"))
        .annotate(**BATTING_SUMS)
        .order_by()
    )
    return _split_rows({row["hand"]: dict(row) for row in rows if row["hand"] in HANDS}, "HP")


def player_pitching_splits(player: Player, season: Season | None) -> list[tuple[str, dict[str, Any]]]:
    """The batting line against him by the side the batter hit from ("vs LHB", "vs RHB"): a switch hitter bats
    from the side the engine says (`games.engine.cards.batting_side`). One query."""
    rows = (
        _completed_plays(player.league, season)
        .filter(pitcher__player=player, pa__gt=0)
        .values(bats=F("batter__card__bat_hand"), throws=F("pitcher__card__throw_hand"))
        .annotate(**BATTING_SUMS)
        .order_by()
    )
    totals: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(BATTING_COUNTS, 0))
    for values in rows:
        row: dict[str, Any] = dict(values)
        if row["bats"] not in (*HANDS, Hand.SWITCH.value) or row["throws"] not in HANDS:
            continue
        side = batting_side(Hand(row["bats"]), Hand(row["throws"])).value
        for key in BATTING_COUNTS:
            totals[side][key] += row[key]
    return _split_rows(totals, "HB")


def player_season(player: Player, season: Season | None) -> PlayerSeason:
    """Everything a player's page shows for `season` (every season when None)."""
    batting = season_batting(league=player.league, season=season, player_id=player.pk)
    pitching = season_pitching(league=player.league, season=season, player_id=player.pk)
    return PlayerSeason(
        player=player,
        season=season,
        batting=batting[0] if batting else None,
        pitching=pitching[0] if pitching else None,
        batting_log=player_batting_log(player, season),
        pitching_log=player_pitching_log(player, season),
        batting_splits=player_batting_splits(player, season),
        pitching_splits=player_pitching_splits(player, season),
    )
