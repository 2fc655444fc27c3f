"""A player's page data: the game log is his box-score line of each game, the season line its sum, and the
splits by hand add up to the season line."""

from __future__ import annotations

from collections import Counter

import pytest

from games.models import Game, GameStatus, Lineup
from games.selectors import game_box_score_data
from leagues.models import League, Season
from leagues.player_selectors import player_season
from players.models import Player

pytestmark = pytest.mark.django_db
BATTING = ("ab", "h", "hr", "rbi", "bb", "so")
PITCHING = ("outs", "h", "r", "er", "bb", "so", "hr", "bf")
SPLIT = ("pa", "ab", "h", "hr", "bb", "so")


def _box_lines(season: Season, player: Player, kind: str) -> dict[str, dict[str, int]]:
    """Game id -> the player's `kind` line in its box score (one line per game: sums over substitute entries)."""
    lines: dict[str, dict[str, int]] = {}
    for game in Game.objects.filter(season=season, status=GameStatus.COMPLETED):
        for side in game_box_score_data(game=game)["teams"].values():
            for line in side[kind]:
                if line["player"] == str(player.pk):
                    keys = BATTING if kind == "batting" else PITCHING
                    totals = Counter(lines.get(str(game.pk), {}))
                    totals.update({key: line[key] for key in keys})
                    lines[str(game.pk)] = dict(totals)
    return lines


def _players(season: Season, *, pitchers: bool) -> list[Player]:
    rows = Lineup.objects.filter(game__season=season, position="P" if pitchers else "C")
    return list(Player.objects.filter(pk__in=rows.values("player_id")))


def test_a_batters_game_log_season_line_and_splits(played: tuple[League, Season]) -> None:
    _, season = played
    checked = 0
    for player in _players(season, pitchers=False):
        data = player_season(player, season)
        box = _box_lines(season, player, "batting")
        log = {str(row.game.pk): {key: row.line[key] for key in BATTING} for row in data.batting_log}
        assert log == {game: {key: line.get(key, 0) for key in BATTING} for game, line in box.items()}
        assert data.batting is not None
        for key in SPLIT:
            assert data.batting[key] == sum(row.line[key] for row in data.batting_log)
            assert data.batting[key] == sum(line[key] for _, line in data.batting_splits)
        assert {label for label, _ in data.batting_splits} <= {"vs LHP", "vs RHP"}
        checked += 1
    assert checked >= 2  # both teams' catchers


def test_a_pitchers_game_log_season_line_and_splits(played: tuple[League, Season]) -> None:
    _, season = played
    checked = 0
    for player in _players(season, pitchers=True):
        data = player_season(player, season)
        box = {game: line for game, line in _box_lines(season, player, "pitching").items() if line["bf"]}
        if not box:  # in the lineup, never faced a batter: no line
            assert data.pitching is None
            continue
        log = {str(row.game.pk): {key: row.line[key] for key in PITCHING} for row in data.pitching_log}
        assert log == box
        assert data.pitching is not None
        for key in PITCHING:
            assert data.pitching[key] == sum(row.line[key] for row in data.pitching_log)
        assert data.pitching["games"] == len(data.pitching_log)
        assert sum(line["pa"] for _, line in data.pitching_splits) == data.pitching["bf"]
        assert sum(line["so"] for _, line in data.pitching_splits) == data.pitching["so"]
        assert {label for label, _ in data.pitching_splits} <= {"vs LHB", "vs RHB"}
        assert all(row.result[0] in "WL" for row in data.pitching_log)
        checked += 1
    assert checked >= 2  # both teams' starters


def test_a_player_without_games_has_empty_lines(played: tuple[League, Season]) -> None:
    league, season = played
    player = Player.objects.create(league=league, external_id="rookie", name="Rookie", team=league.teams.first())
    data = player_season(player, season)
    assert (data.batting, data.pitching, data.batting_log, data.pitching_splits) == (None, None, [], [])
